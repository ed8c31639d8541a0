package org.jifen.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jifen.ingest.read.ParsedTable;
import org.jifen.ingest.read.SheetRow;
import org.jifen.ingest.read.TableReader;

/**
 * The department's org tree (DOMAIN §4): district → committees → optional 党总支 → branches.
 * Validated as a whole on load; a broken tree stops the run, since nothing can be placed without it.
 */
public final class OrgTree {
  /** Levels from the top; the district is the single root. */
  public static final List<String> LEVELS = List.of("区委", "党委", "工委", "党总支", "党支部");
  public static final Set<String> DOMAINS = Set.of("机关", "社区", "学校", "两新", "农村", "国企");
  public static final List<String> REQUIRED = List.of("组织编码", "组织名称", "上级组织编码", "组织层级");

  /** Layout of silver {@code orgs}. */
  public static final StructType SCHEMA = new StructType()
      .add("org_code", DataTypes.StringType, false)
      .add("org_name", DataTypes.StringType, false)
      .add("parent_code", DataTypes.StringType, true)
      .add("level", DataTypes.StringType, false)
      .add("domain", DataTypes.StringType, true)
      .add("status", DataTypes.StringType, false)
      .add("leader", DataTypes.StringType, true)
      .add("active", DataTypes.BooleanType, false)
      .add("depth", DataTypes.IntegerType, false)
      .add("path", DataTypes.StringType, false)
      .add("committee_code", DataTypes.StringType, true)
      .add("tree_sha256", DataTypes.StringType, false)
      .add("source_file", DataTypes.StringType, false)
      .add("row_num", DataTypes.IntegerType, false);

  /** One organization as listed. */
  public record Org(String code, String name, String parent, String level, String domain, String status,
      String leader, int row) {}

  /** Thrown for a tree that cannot be used; the message lists every located problem. */
  public static final class OrgTreeException extends IllegalArgumentException {
    public OrgTreeException(String message) {
      super(message);
    }
  }

  private final String sourceFile;
  private final String sha256;
  private final Map<String, Org> orgs;

  private OrgTree(String sourceFile, String sha256, Map<String, Org> orgs) {
    this.sourceFile = sourceFile;
    this.sha256 = sha256;
    this.orgs = orgs;
  }

  public String sha256() {
    return sha256;
  }

  public Map<String, Org> orgs() {
    return orgs;
  }

  /** Reads and validates the org tree file (xlsx or CSV) at any Hadoop path. */
  public static OrgTree load(Configuration conf, String file) throws IOException {
    Path p = new Path(file);
    FileSystem fs = p.getFileSystem(conf);
    if (!fs.exists(p)) {
      throw new OrgTreeException("Org tree file not found: " + file);
    }
    byte[] bytes;
    try (InputStream in = fs.open(p)) {
      bytes = in.readAllBytes();
    }
    String name = p.getName();
    ParsedTable t = TableReader.read(name, bytes, REQUIRED);
    if (t.problem() != null) {
      throw new OrgTreeException(t.problem().message());
    }
    List<String> errors = new ArrayList<>();
    Map<String, Org> orgs = new LinkedHashMap<>();
    for (SheetRow r : t.rows()) {
      String where = name + ", sheet " + t.sheet() + ", row " + r.rowNumber();
      Org o = new Org(v(r, "组织编码"), v(r, "组织名称"), v(r, "上级组织编码"), v(r, "组织层级"), v(r, "领域"),
          v(r, "状态") == null ? "有效" : v(r, "状态"), v(r, "负责人"), r.rowNumber());
      if (o.code() == null) {
        errors.add(where + ", column 组织编码: blank (expected a unique organization code)");
        continue;
      }
      if (!o.code().matches("[A-Za-z0-9_\\-]+")) {
        errors.add(where + ", column 组织编码: '" + o.code() + "' (expected letters, digits, '-' or '_')");
      }
      if (!LEVELS.contains(o.level())) {
        errors.add(where + ", column 组织层级: '" + o.level() + "' (expected one of " + String.join(", ", LEVELS) + ")");
      }
      if (!o.status().equals("有效") && !o.status().equals("撤销")) {
        errors.add(where + ", column 状态: '" + o.status() + "' (expected 有效 or 撤销)");
      }
      if (o.domain() != null && !DOMAINS.contains(o.domain())) {
        errors.add(where + ", column 领域: '" + o.domain() + "' (expected one of 机关, 社区, 学校, 两新, 农村, 国企)");
      }
      Org prev = orgs.putIfAbsent(o.code(), o);
      if (prev != null) {
        errors.add(where + ", column 组织编码: '" + o.code() + "' already on row " + prev.row()
            + " (expected each code once)");
      }
    }
    int roots = 0;
    for (Org o : orgs.values()) {
      String where = name + ", sheet " + t.sheet() + ", row " + o.row();
      if (o.parent() == null) {
        roots++;
        if (!"区委".equals(o.level())) {
          errors.add(where + ", column 上级组织编码: blank for a " + o.level() + " (only the 区委 has no parent)");
        }
      } else if (!orgs.containsKey(o.parent())) {
        errors.add(where + ", column 上级组织编码: '" + o.parent() + "' is not an organization of this tree");
      } else if (LEVELS.indexOf(orgs.get(o.parent()).level()) >= LEVELS.indexOf(o.level())
          && LEVELS.contains(o.level())) {
        errors.add(where + ", column 上级组织编码: a " + o.level() + " cannot be under the "
            + orgs.get(o.parent()).level() + " " + o.parent());
      }
    }
    if (roots != 1 && errors.isEmpty()) {
      errors.add(name + ": expected exactly one organization without 上级组织编码 (the 区委), found " + roots);
    }
    if (!errors.isEmpty()) {
      throw new OrgTreeException("The org tree cannot be used:\n  " + String.join("\n  ", errors));
    }
    return new OrgTree(name, sha256(bytes), orgs);
  }

  private static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String v(SheetRow r, String label) {
    String s = r.fields().get(label);
    if (s == null) {
      return null;
    }
    s = s.strip();
    return s.isEmpty() ? null : s;
  }

  /** Silver {@code orgs}: the tree with depth, path, committee and effective activity. */
  public Dataset<Row> toDataFrame(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (Org o : orgs.values()) {
      List<String> chain = new ArrayList<>();
      boolean active = true;
      for (Org a = o; a != null; a = a.parent() == null ? null : orgs.get(a.parent())) {
        chain.add(0, a.code());
        active &= "有效".equals(a.status());
      }
      String path = String.join("/", chain);
      String committee = chain.size() >= 2 ? chain.get(1) : null;
      rows.add(RowFactory.create(o.code(), o.name(), o.parent(), o.level(), o.domain(), o.status(), o.leader(),
          active, chain.size() - 1, path, committee, sha256, sourceFile, o.row()));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }
}
