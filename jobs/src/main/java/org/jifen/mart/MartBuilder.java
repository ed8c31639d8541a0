package org.jifen.mart;

import static org.jifen.mart.DuckDbSources.literal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.jifen.config.DistrictConfig;
import org.jifen.read.DeltaSnapshots;
import org.jifen.scheme.Scheme;
import org.apache.spark.sql.SparkSession;
import org.jifen.cli.BuildInfo;
import org.jifen.explain.ScoreLines;
import org.jifen.spark.Progress;
import org.jifen.spark.SqlFiles;
import org.jifen.spark.Warehouse;

/**
 * Builds the analysts' DuckDB mart from the warehouse (contract: {@code docs/mart.md}). Every
 * warehouse table is pinned to one Delta version; DuckDB then runs {@code sql/mart/<table>.sql}
 * over exactly the parquet files of those snapshots (a warehouse DuckDB cannot read, e.g. on HDFS,
 * is computed by Spark instead: {@link Engine}) into a temporary database file that is renamed
 * over the mart atomically, so a reader never sees a half-built mart. Members appear only under
 * {@code member_key} (HMAC-SHA256 with {@link MartSecret}).
 *
 * <p>Usage: {@code jifen mart [--out FILE] [--with-names]}.
 */
public final class MartBuilder {
  /** Default mart location under the warehouse root. */
  public static final String FILE_DEFAULT = "marts/jifen.duckdb";
  /** File name of the restricted mart (with names), beside the mart. */
  /** DuckDB's memory limit while building the mart (a run's whole budget is a few GB). */
  static final String DUCKDB_MEMORY_LIMIT = "1GB";
  public static final String RESTRICTED_FILE = "jifen-restricted.duckdb";
  /** DuckDB storage format written: readable by every DuckDB client from 1.2 on. */
  public static final String STORAGE_VERSION = "v1.2.0";

  /**
   * Mart tables in load order; each is {@code sql/mart/<name>.sql} (DuckDB) and
   * {@code sql/mart/spark/<name>.sql} (Spark, for warehouses DuckDB cannot read).
   */
  public static final List<String> TABLES = List.of("dim_org", "dim_period", "member_quarter", "member_year",
      "member_score_lines", "source_ledgers", "org_period_stats", "stats_table", "org_trend", "branch_ranking", "watch_lists", "branch_attention",
      "submissions", "quarantine_summary");
  /**
   * Tables computed in Java (score lines: {@link ScoreLines}) into {@code src_<table>} before DuckDB
   * loads them with {@code sql/mart/<table>.sql}, whichever engine computes the others.
   */
  static final List<String> JAVA_TABLES = List.of("member_score_lines");
  /** Tables only the restricted file holds. */
  public static final List<String> RESTRICTED_TABLES = List.of("member_identity");
  /** Columns only the restricted file holds (names of persons). */
  static final Map<String, List<String>> RESTRICTED_COLUMNS = Map.of(
      "dim_org", List.of("leader"), "stats_table", List.of("unit_leader"));

  /**
   * How the mart's tables are computed. Both give the same mart.
   *
   * <ul>
   *   <li>{@code DUCKDB}: DuckDB runs {@code sql/mart/<table>.sql} over the parquet files of the
   *       pinned Delta snapshots; the warehouse must be a local folder.
   *   <li>{@code SPARK}: Spark runs {@code sql/mart/spark/<table>.sql} and writes a parquet file per
   *       table that DuckDB loads (any warehouse Spark reads: hdfs://, s3a://; slower).
   *   <li>{@code AUTO}: DuckDB when it can read every table directly, Spark otherwise.
   * </ul>
   */
  public enum Engine { AUTO, DUCKDB, SPARK }

  /**
   * What to build.
   *
   * @param out the mart file (a local path), or null for {@code <warehouse>/marts/jifen.duckdb}
   * @param withNames also build {@code jifen-restricted.duckdb} beside it
   * @param asOf build from the warehouse as it stood at this time (Delta time travel), or null for now
   * @param engine who computes the tables ({@link Engine#AUTO} unless testing)
   */
  public record Options(Path out, boolean withNames, Instant asOf, Engine engine) {
    public static final Options DEFAULTS = new Options(null, false, null);

    public Options {
      engine = engine == null ? Engine.AUTO : engine;
    }

    /** Options for the warehouse as it stood at {@code asOf} (null: now). */
    public Options(Path out, boolean withNames, Instant asOf) {
      this(out, withNames, asOf, Engine.AUTO);
    }

    /** Options for the warehouse as it stands now. */
    public Options(Path out, boolean withNames) {
      this(out, withNames, null);
    }

    /** The same options with another engine. */
    public Options with(Engine e) {
      return new Options(out, withNames, asOf, e);
    }
  }

  /**
   * What was built.
   *
   * @param mart the mart file
   * @param restricted the restricted file, or null
   * @param rows rows per table
   * @param bytes size of the mart file
   * @param took build time
   * @param storageVersion DuckDB storage version of the file
   * @param warnings e.g. a secret readable by others, a gold table not computed yet
   * @param engine who computed the tables: {@link Engine#DUCKDB} or {@link Engine#SPARK}
   */
  public record Result(Path mart, Path restricted, Map<String, Long> rows, long bytes, Duration took,
      String storageVersion, List<String> warnings, Engine engine) {}

  private final Supplier<SparkSession> spark;
  private final Warehouse wh;

  public MartBuilder(SparkSession spark, Warehouse wh) {
    this(() -> spark, wh);
  }

  /**
   * A builder that starts Spark only when it needs it: for a warehouse DuckDB cannot read directly,
   * or {@link Engine#SPARK}. A local warehouse is built without a Spark session.
   */
  public MartBuilder(Supplier<SparkSession> spark, Warehouse wh) {
    this.spark = spark;
    this.wh = wh;
  }

  /** Builds the mart (and the restricted file when asked) from the warehouse's current tables. */
  public static Result build(SparkSession spark, Warehouse wh, Options options, Progress progress) {
    return new MartBuilder(spark, wh).build(options, progress);
  }

  /** As {@link #build(SparkSession, Warehouse, Options, Progress)}, with Spark started only when needed. */
  public static Result build(Supplier<SparkSession> spark, Warehouse wh, Options options, Progress progress) {
    return new MartBuilder(spark, wh).build(options, progress);
  }

  /**
   * The Hadoop configuration to read the warehouse's files with (the mart secret, the district
   * config, the Delta logs): a default one for a local folder, else the Spark session's.
   */
  private Configuration hadoopConf() {
    return localPath(wh.root()) != null ? new Configuration() : spark.get().sparkContext().hadoopConfiguration();
  }

  /** Builds the mart (and the restricted file when asked) from the warehouse's current tables. */
  public Result build(Options options, Progress progress) {
    Instant start = Instant.now();
    Path out = options.out() != null ? options.out() : defaultOut(wh);
    Path dir = out.toAbsolutePath().getParent();
    List<String> warnings = new ArrayList<>();
    String secretFile = wh.file(MartSecret.FILE);
    Configuration conf = hadoopConf();
    MartSecret secret = MartSecret.loadOrCreate(secretFile, conf);
    if (MartSecret.tooOpen(secretFile)) {
      warnings.add(secretFile + " can be read by others than its owner (expected rw-------: chmod 600 it)");
    }
    // Owner-only, beside the mart (same file system, so the finished files are renamed into place):
    // nobody else can read a half-built file, the restricted one included.
    Path work = dir.resolve(".jifen-mart-build-" + UUID.randomUUID());
    try {
      org.jifen.reports.OwnerOnly.createDirectories(dir);
      Files.createDirectory(work, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      progress.step("Pinning the warehouse tables");
      // Before the first pin: every commit made before this time is in the pinned snapshots.
      Instant pinnedAt = Instant.now();
      DuckDbSources direct = options.engine() == Engine.SPARK ? null : direct(options, conf, warnings);
      List<MartSources.Pinned> pinned;
      if (direct != null) {
        pinned = direct.pinned();
        warnings.addAll(direct.warnings());
      } else {
        pinned = MartSources.pinWithSpark(spark.get(), wh, options.asOf(), warnings);
      }
      List<String> tables = new ArrayList<>(TABLES);
      if (options.withNames()) {
        tables.addAll(RESTRICTED_TABLES);
      }
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
        st.execute("SET autoinstall_known_extensions = false");
        st.execute("SET autoload_known_extensions = false");
        // DuckDB takes 80% of RAM by default; beside the Spark driver's heap the run stays within a
        // few GB (issue 9: peak RSS <= 4 GB). Larger marts spill to the work folder instead.
        st.execute("SET memory_limit = '" + DUCKDB_MEMORY_LIMIT + "'");
        st.execute("SET temp_directory = '" + work.resolve("spill").toString().replace("'", "''") + "'");
        // Timestamps are instants; a parquet timestamp without zone is UTC, as Spark reads it.
        st.execute("SET TimeZone = 'UTC'");
        Map<String, String> queries = new LinkedHashMap<>();
        if (direct != null) {
          progress.step("Building the mart in DuckDB");
          direct.createViews(st);
          List<String> keyed = new ArrayList<>(List.of("src_member_quarter_score", "src_member_year_score",
              "src_watch_lists"));
          if (options.withNames()) {
            keyed.add("src_members");
          }
          DuckDbSources.createMemberKeys(c, secret, keyed);
          for (String t : tables) {
            queries.put(t, SqlFiles.text("mart", t));
          }
        } else {
          progress.step("Computing the mart tables with Spark");
          Map<String, String> exported = SparkExport.export(spark.get(), pinned, secret,
              tables.stream().filter(t -> !JAVA_TABLES.contains(t)).toList(), work.resolve("staging"));
          for (String t : tables) {
            queries.put(t, JAVA_TABLES.contains(t) ? SqlFiles.text("mart", t) : exported.get(t));
          }
          progress.step("Loading DuckDB");
        }
        progress.step("Explaining the quarter scores line by line");
        scoreLines(c, direct != null, conf, secret, warnings);
        long mismatched = count(st, "SELECT count(DISTINCT (member_key, period)) FROM src_member_score_lines "
            + "WHERE NOT lines_reproduce_score");
        if (mismatched > 0) {
          warnings.add("member_score_lines: the lines of " + mismatched + " member-quarters do not add up to the "
              + "published score (lines_reproduce_score = false): the scores were computed by another version of "
              + "the scoring");
        }
        List<String[]> sources = MartSources.info(pinned);
        // One id for both files of this build: jifen report uses the restricted file only when it is in step.
        String buildId = UUID.randomUUID().toString();
        Path restricted = null;
        if (options.withNames()) {
          restricted = dir.resolve(RESTRICTED_FILE);
          load(st, work, restricted, queries, sources, true, buildId, pinnedAt);
        }
        Loaded loaded = load(st, work, out, queries, sources, false, buildId, pinnedAt);
        progress.close();
        return new Result(out, restricted, loaded.rows, Files.size(out), Duration.between(start, Instant.now()),
            loaded.storageVersion, warnings, direct != null ? Engine.DUCKDB : Engine.SPARK);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException("Building the mart in DuckDB failed: " + e.getMessage(), e);
    } finally {
      deleteRecursively(work);
    }
  }

  /**
   * The warehouse's tables pinned and listed for DuckDB to read directly, or null when it cannot
   * ({@link Engine#AUTO} then builds with Spark; {@link Engine#DUCKDB} fails with the reason).
   */
  private DuckDbSources direct(Options options, Configuration conf, List<String> warnings) {
    boolean local = localPath(wh.root()) != null;
    DuckDbSources direct = local ? DuckDbSources.of(wh, conf, options.asOf()) : null;
    String reason = local ? direct.reason() : "the warehouse " + wh.root() + " is not a local folder";
    if (reason == null) {
      return direct;
    }
    if (options.engine() == Engine.DUCKDB) {
      throw new IllegalStateException("DuckDB cannot read the warehouse directly: " + reason);
    }
    if (local) {
      // A local warehouse is normally read directly: say why this build took the slow way.
      warnings.add("the mart was built with Spark (slower): " + reason);
    }
    return null;
  }

  /**
   * Loads the lines of every scored member-quarter of the pinned snapshots ({@link ScoreLines},
   * computed here on the driver) into the table {@code src_member_score_lines} of the build
   * database. The inputs are read where the other tables are computed: DuckDB's {@code src_*} views
   * ({@code direct}), else Spark's temp views of the same pins ({@link SparkExport}). A scheme that
   * cannot be loaded here becomes a warning.
   */
  private void scoreLines(Connection c, boolean direct, Configuration conf, MartSecret secret, List<String> warnings)
      throws SQLException {
    try (Statement st = c.createStatement()) {
      List<String> columns = new ArrayList<>();
      for (var f : ScoreLines.SCHEMA.fields()) {
        columns.add(DeltaSnapshots.ident(f.name()) + " " + DeltaSnapshots.type(f.dataType()));
      }
      st.execute("CREATE TABLE src_member_score_lines (" + String.join(", ", columns) + ")");
      Map<String, Scheme> schemes = new LinkedHashMap<>();
      if (direct) {
        try (ResultSet r = st.executeQuery(ScoreLines.SCHEMES_SQL)) {
          while (r.next()) {
            addScheme(schemes, conf, r.getObject(1), r.getString(2), r.getString(3));
          }
        }
      } else {
        for (org.apache.spark.sql.Row r : spark.get().sql(ScoreLines.SCHEMES_SQL).collectAsList()) {
          addScheme(schemes, conf, r.get(0), r.getString(1), r.getString(2));
        }
      }
      List<String> skipped;
      try (DuckDBAppender a = c.unwrap(DuckDBConnection.class).createAppender("memory", "main",
          "src_member_score_lines")) {
        ScoreLines.Lines lines = new ScoreLines.Lines(schemes, secret.key(), line -> append(a, line));
        if (direct) {
          try (ResultSet r = st.executeQuery(ScoreLines.inputsSql())) {
            while (r.next()) {
              lines.add(r::getObject);
            }
          }
        } else {
          var rows = spark.get().sql(ScoreLines.inputsSql()).toLocalIterator();
          while (rows.hasNext()) {
            org.apache.spark.sql.Row r = rows.next();
            lines.add(r::getAs);
          }
        }
        lines.finish();
        skipped = lines.skipped();
      }
      for (String s : skipped) {
        warnings.add("member_score_lines: the quarter scores of scheme " + s + " are left out (the scheme cannot be "
            + "loaded here or has changed since scoring)");
      }
    } catch (SQLException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("Explaining the quarter scores failed: " + e.getMessage(), e);
    }
  }

  /** The scheme that scored {@code year} as {@code id} with {@code hash}, when it can be loaded here. */
  private void addScheme(Map<String, Scheme> schemes, Configuration conf, Object year, String id, String hash) {
    if (id != null) {
      DistrictConfig.schemeThatScored(conf, wh, ((Number) year).intValue(), id, hash)
          .filter(s -> s.id().equals(id)).ifPresent(s -> schemes.put(s.id() + "@" + s.contentHash(), s));
    }
  }

  /** Appends one row of {@link ScoreLines#SCHEMA} (strings, integers, decimals, dates, booleans, nulls). */
  private static void append(DuckDBAppender a, Object[] row) throws SQLException {
    a.beginRow();
    for (Object v : row) {
      if (v == null) {
        a.appendNull();
      } else if (v instanceof String x) {
        a.append(x);
      } else if (v instanceof Integer x) {
        a.append(x.intValue());
      } else if (v instanceof BigDecimal x) {
        a.append(x);
      } else if (v instanceof LocalDate x) {
        a.append(x);
      } else if (v instanceof Boolean x) {
        a.append(x.booleanValue());
      } else {
        throw new IllegalArgumentException("Cannot append a " + v.getClass().getSimpleName());
      }
    }
    a.endRow();
  }

  /**
   * True when the restricted file beside {@code mart} exists and comes from the same build as the
   * mart (equal {@code mart_info} build ids), so packs rendered from it show the mart's figures.
   */
  public static boolean restrictedInStep(Path mart) {
    Path restricted = mart.resolveSibling(RESTRICTED_FILE);
    if (!Files.isRegularFile(mart) || !Files.isRegularFile(restricted)) {
      return false;
    }
    String a = buildId(mart);
    return a != null && a.equals(buildId(restricted));
  }

  /** The {@code build_id} of a mart file, or null (a mart built before build ids, or unreadable). */
  static String buildId(Path file) {
    return buildInfo(file, "build_id");
  }

  /**
   * When a mart file's build started pinning the warehouse ({@code mart_info}'s {@code pinned_at}):
   * every commit made before it is in the mart. Null for a mart built before pinned_at was
   * recorded, or unreadable.
   */
  public static Instant pinnedAt(Path file) {
    String v = buildInfo(file, "pinned_at");
    try {
      return v == null ? null : Instant.parse(v);
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  private static String buildInfo(Path file, String item) {
    java.util.Properties ro = new java.util.Properties();
    ro.setProperty("duckdb.read_only", "true");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), ro);
         PreparedStatement ps = c.prepareStatement(
             "SELECT value FROM mart_info WHERE kind = 'build' AND item = ?")) {
      ps.setString(1, item);
      try (ResultSet r = ps.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    } catch (SQLException e) {
      return null;
    }
  }

  /** {@code <warehouse>/marts/jifen.duckdb}; the warehouse must then be a local folder. */
  public static Path defaultOut(Warehouse wh) {
    Path p = localPath(wh.file(FILE_DEFAULT));
    if (p == null) {
      throw new IllegalArgumentException("The warehouse " + wh.root()
          + " is not a local folder: give the mart file with --out (DuckDB writes local files)");
    }
    return p;
  }

  /** A local filesystem path for a plain path or {@code file:} URI; null for other schemes (hdfs:, s3a:). */
  public static Path localPath(String location) {
    return Warehouse.localPath(location);
  }

  private record Loaded(Map<String, Long> rows, String storageVersion) {}

  /**
   * Creates the mart tables from {@code queries} (table → DuckDB query) in a new database file in
   * {@code work}, then renames it over {@code target}. Without {@code restricted}, the tables and
   * columns that hold names are left out.
   */
  private Loaded load(Statement st, Path work, Path target, Map<String, String> queries, List<String[]> sources,
      boolean restricted, String buildId, Instant pinnedAt) throws SQLException, IOException {
    Path tmp = work.resolve(target.getFileName() + ".building");
    Map<String, Long> rows = new LinkedHashMap<>();
    String storage;
    st.execute("ATTACH '" + literal(tmp.toString()) + "' AS mart (STORAGE_VERSION '" + STORAGE_VERSION
        + "')");
    try {
      for (Map.Entry<String, String> e : queries.entrySet()) {
        String t = e.getKey();
        if (!restricted && RESTRICTED_TABLES.contains(t)) {
          continue;
        }
        List<String> drop = restricted ? List.of() : RESTRICTED_COLUMNS.getOrDefault(t, List.of());
        // The build database stays current: the queries' src_* views and member_keys live there.
        st.execute("CREATE TABLE mart.main." + t + " AS SELECT *" + (drop.isEmpty() ? ""
            : " EXCLUDE (" + String.join(", ", drop) + ")") + " FROM (\n" + e.getValue() + "\n)");
        rows.put(t, count(st, "SELECT count(*) FROM mart.main." + t));
      }
      st.execute("USE mart");
      for (String stmt : statements(SqlFiles.text("duckdb", "views"))) {
        st.execute(stmt);
      }
      st.execute(statsTableWideView(st));
      if (restricted) {
        for (String stmt : statements(SqlFiles.text("duckdb", "views_restricted"))) {
          st.execute(stmt);
        }
      }
      storage = martInfo(st.getConnection(), st, sources, restricted, buildId, pinnedAt);
      st.execute("CHECKPOINT mart");
    } catch (SQLException | RuntimeException e) {
      try {
        st.execute("USE memory");
        st.execute("DETACH mart");
      } catch (SQLException again) {
        e.addSuppressed(again);
      }
      throw e;
    }
    st.execute("USE memory");
    st.execute("DETACH mart");
    Files.deleteIfExists(Path.of(tmp + ".wal"));
    // Owner-only whatever the process's umask (spark-submit may run with 022): the restricted file
    // holds names, the mart every member's scores.
    org.jifen.reports.OwnerOnly.restrict(tmp);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return new Loaded(rows, storage);
  }

  private static String martInfo(Connection c, Statement st, List<String[]> sources, boolean restricted,
      String buildId, Instant pinnedAt) throws SQLException {
    st.execute("CREATE TABLE mart_info (kind VARCHAR, item VARCHAR, value VARCHAR, detail VARCHAR)");
    String storage;
    try (ResultSet r = st.executeQuery(
        "SELECT tags['storage_version'] FROM duckdb_databases() WHERE database_name = 'mart'")) {
      r.next();
      storage = r.getString(1);
    }
    String library;
    try (ResultSet r = st.executeQuery("SELECT version()")) {
      r.next();
      library = r.getString(1);
    }
    List<String[]> info = new ArrayList<>();
    info.add(new String[] {"build", "built_at", Instant.now().toString(), null});
    info.add(new String[] {"build", "pinned_at", pinnedAt.toString(),
        "the warehouse tables were pinned from this time on: every commit before it is in this mart"});
    info.add(new String[] {"build", "build_id", buildId, "the same in jifen.duckdb and jifen-restricted.duckdb of one build"});
    info.add(new String[] {"build", "jifen_version", BuildInfo.version(), null});
    info.add(new String[] {"build", "duckdb_library_version", library, null});
    info.add(new String[] {"build", "storage_version", storage,
        "pinned with ATTACH ... (STORAGE_VERSION '" + STORAGE_VERSION + "'): DuckDB " + STORAGE_VERSION.substring(1)
            + " or newer reads it"});
    info.add(new String[] {"build", "restricted", String.valueOf(restricted),
        restricted ? "holds names: for authorised staff only" : "members only as member_key"});
    info.addAll(sources);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO mart_info VALUES (?, ?, ?, ?)")) {
      for (String[] i : info) {
        for (int k = 0; k < 4; k++) {
          ps.setString(k + 1, i[k]);
        }
        ps.addBatch();
      }
      ps.executeBatch();
    }
    st.execute("INSERT INTO mart_info SELECT DISTINCT 'scheme', scheme_id, scheme_hash, NULL FROM ("
        + "SELECT scheme_id, scheme_hash FROM member_quarter UNION SELECT scheme_id, scheme_hash FROM member_year) "
        + "WHERE scheme_id IS NOT NULL ORDER BY 2");
    return storage;
  }

  /**
   * The official wide layout of the statistics tables with Chinese headers: one grade column per
   * quarter of the half and grade name of the mart's schemes, merged in the schemes' order.
   */
  static String statsTableWideView(Statement st) throws SQLException {
    List<List<String>> orders = new ArrayList<>();
    try (ResultSet r = st.executeQuery("SELECT DISTINCT grade_names FROM stats_table WHERE grade_names IS NOT NULL")) {
      while (r.next()) {
        Object[] a = (Object[]) r.getArray(1).getArray();
        orders.add(java.util.Arrays.stream(a).map(String::valueOf).toList());
      }
    }
    orders.sort(Comparator.comparing(Object::toString));
    StringBuilder sql = new StringBuilder("CREATE VIEW v_stats_table_wide AS SELECT period, table_name, "
        + "first_quarter, second_quarter, as_of_quarter, unit_code, unit_name AS \"单位\", filler AS \"填表人\", "
        + "row_no, row_type, org_code, org_name AS \"所属基层党组织名称\", members_total AS \"党员总数\", "
        + "members_exempt AS \"未参加积分管理党员数\", members_participating AS \"参与积分管理党员数\"");
    for (String[] slot : new String[][] {{"first_grade_counts", "首季度"}, {"second_grade_counts", "次季度"}}) {
      for (String g : mergeOrders(orders)) {
        sql.append(", ").append(slot[0]).append("[list_position(grade_names, '").append(literal(g)).append("')] AS \"")
            .append(slot[1]).append('_').append(g.replace("\"", "\"\"")).append('"');
      }
    }
    sql.append(", action_remind_members AS \"受告诫提醒党员数\", action_rectify_members AS \"受帮教整改党员数\", "
        + "action_handle_members AS \"受组织处理党员数\", grade_names, scheme_id FROM stats_table");
    return sql.toString();
  }

  /** Merges grade orders, keeping each list's order (优秀 良好 合格 不合格 + 优秀 合格 基本合格 不合格 → 优秀 良好 合格 基本合格 不合格). */
  static List<String> mergeOrders(List<List<String>> orders) {
    List<String> merged = new ArrayList<>();
    for (List<String> order : orders) {
      int at = 0;
      for (String g : order) {
        int i = merged.indexOf(g);
        if (i >= 0) {
          at = i + 1;
        } else {
          merged.add(at++, g);
        }
      }
    }
    return merged;
  }

  private static long count(Statement st, String sql) throws SQLException {
    try (ResultSet r = st.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  /** The statements of a DuckDB SQL file: split at ';' ending a line, comments dropped. */
  static List<String> statements(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : text.split("\n")) {
      if (line.strip().startsWith("--")) {
        continue;
      }
      cur.append(line).append('\n');
      if (line.stripTrailing().endsWith(";")) {
        String s = cur.toString().strip();
        out.add(s.substring(0, s.length() - 1));
        cur.setLength(0);
      }
    }
    if (!cur.toString().isBlank()) {
      out.add(cur.toString().strip());
    }
    return out;
  }

  private static void deleteRecursively(Path p) {
    // leftovers of a staging folder are harmless; the next build uses a new one
    org.jifen.spark.ScratchSpace.deleteQuietly(p);
  }

}
