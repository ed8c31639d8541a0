package org.jifen.mart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jifen.cli.SqlCommand;
import org.jifen.spark.Progress;
import org.jifen.spark.Warehouse;
import org.jifen.stats.TestWarehouses;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The mart of the hand-worked district: contract, pseudonymisation, atomic replacement, other clients. */
class MartBuilderTest {
  private static final Path DOCS = Path.of("..", "docs", "mart.md");
  private static MartBuilder.Result built;

  private static synchronized MartBuilder.Result mart() {
    if (built == null) {
      Warehouse wh = TestWarehouses.district();
      Path out = Path.of(wh.root(), "marts", "jifen.duckdb");
      built = MartBuilder.build(SharedSpark.get(), wh, new MartBuilder.Options(out, true), Progress.none());
    }
    return built;
  }

  private static Connection open(Path file) throws SQLException {
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    return DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), p);
  }

  private static List<List<Object>> query(Connection c, String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet r = st.executeQuery(sql)) {
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(r.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static Object single(Connection c, String sql) throws SQLException {
    return query(c, sql).get(0).get(0);
  }

  /**
   * The documented columns per table: the first cells of a "| column | meaning |" table and the
   * backticked names of a "Columns:" paragraph, under each "### `table`" heading of docs/mart.md.
   */
  static Map<String, Set<String>> documented() throws Exception {
    Map<String, Set<String>> doc = new LinkedHashMap<>();
    Pattern heading = Pattern.compile("^### `([a-z_]+)`");
    Pattern tick = Pattern.compile("`([a-z_0-9]+)`");
    String table = null;
    boolean columnTable = false;
    boolean columnsParagraph = false;
    for (String line : Files.readAllLines(DOCS, StandardCharsets.UTF_8)) {
      Matcher h = heading.matcher(line);
      if (h.find()) {
        table = h.group(1);
        doc.put(table, new LinkedHashSet<>());
        columnTable = false;
        columnsParagraph = false;
        continue;
      }
      if (line.startsWith("## ")) {
        table = null;
      }
      if (table == null) {
        continue;
      }
      if (line.startsWith("| column |")) {
        columnTable = true;
      } else if (columnTable && line.startsWith("|") && !line.startsWith("|---")) {
        for (String name : line.split("\\|")[1].split(",")) {
          doc.get(table).add(name.strip());
        }
      } else if (!line.startsWith("|")) {
        columnTable = false;
      }
      if (line.startsWith("Columns:")) {
        columnsParagraph = true;
      } else if (line.isBlank()) {
        columnsParagraph = false;
      }
      if (columnsParagraph) {
        // Values in parentheses are quoted, not backticked: every backticked name is a column.
        Matcher m = tick.matcher(line.replaceAll("\\([^)]*\\)", ""));
        while (m.find()) {
          doc.get(table).add(m.group(1));
        }
      }
    }
    return doc;
  }

  @Test
  void everyDocumentedTableHasItsDocumentedColumns() throws Exception {
    MartBuilder.Result r = mart();
    Map<String, Set<String>> doc = documented();
    assertEquals(new TreeSet<>(doc.keySet()), new TreeSet<>(union(MartBuilder.TABLES, List.of("mart_info"))));
    try (Connection c = open(r.mart())) {
      for (Map.Entry<String, Set<String>> e : doc.entrySet()) {
        Set<String> actual = new LinkedHashSet<>();
        for (List<Object> row : query(c, "SELECT column_name FROM information_schema.columns WHERE table_name = '"
            + e.getKey() + "' ORDER BY ordinal_position")) {
          actual.add((String) row.get(0));
        }
        assertEquals(new TreeSet<>(e.getValue()), new TreeSet<>(actual), e.getKey());
      }
      Set<String> views = new TreeSet<>();
      for (List<Object> row : query(c, "SELECT view_name FROM duckdb_views() WHERE NOT internal")) {
        views.add((String) row.get(0));
      }
      assertEquals(Set.of("v_district_overview", "v_org_grades", "v_committee_grades", "v_score_histogram",
          "v_stats_table_wide", "v_submission_gaps", "v_attention_flags", "v_member_score_lines"), views);
      for (String v : views) {
        query(c, "SELECT * FROM " + v + " LIMIT 1");
      }
      assertEquals("v1.2.0+", r.storageVersion());
      assertEquals("v1.2.0+", single(c, "SELECT value FROM mart_info WHERE item = 'storage_version'"));
      assertTrue(((String) single(c, "SELECT value FROM mart_info WHERE item = 'duckdb_library_version'"))
          .startsWith("v1.5"));
      assertEquals(org.jifen.scheme.Schemes.load("district-100").contentHash(), single(c, "SELECT value FROM mart_info WHERE kind = 'scheme' AND item = 'district-100'"));
      assertEquals(12L, ((Number) single(c, "SELECT count(*) FROM mart_info WHERE kind = 'source'")).longValue());
    }
  }

  private static List<String> union(List<String> a, List<String> b) {
    List<String> l = new ArrayList<>(a);
    l.addAll(b);
    return l;
  }

  @Test
  void figuresAndTheOfficialWideLayout() throws Exception {
    try (Connection c = open(mart().mart())) {
      assertEquals(List.of(List.of("2025Q1", 11L), List.of("2025Q2", 9L), List.of("2025Q3", 4L), List.of("2025", 11L)),
          query(c, "SELECT period, members_total FROM v_district_overview ORDER BY length(period) DESC, period"));
      List<List<Object>> wide = query(c, "SELECT \"所属基层党组织名称\", \"党员总数\", \"首季度_优秀\", \"首季度_良好\", "
          + "\"次季度_不合格\", \"受组织处理党员数\" FROM v_stats_table_wide WHERE period = '2025H1' AND unit_code = 'D' "
          + "ORDER BY row_no");
      // 第一党委 counts B13's two members from its Q1 roster (B13 missed Q2).
      assertEquals(List.of(List.of("第一党委", 8L, 1L, 4L, 1L, 1L), List.of("第二工委", 3L, 1L, 0L, 1L, 0L),
          List.of("合计", 11L, 2L, 4L, 2L, 1L)), wide);
      assertEquals(List.of(List.of("优秀", 3L), List.of("良好", 2L), List.of("合格", 1L), List.of("不合格", 2L)),
          query(c, "SELECT grade, members FROM v_org_grades WHERE period = '2025Q2' AND node_code = 'D' "
              + "AND cut_type = 'org' ORDER BY grade_no"));
      assertEquals(List.of(List.of("C1", 2L), List.of("C2", 1L)), query(c, "SELECT node_code, members FROM "
          + "v_committee_grades WHERE period = '2025Q2' AND grade = '优秀' ORDER BY 1"));
      assertEquals(List.of(List.of("B13", "missing"), List.of("B21", "late"), List.of("B22", "returned")),
          query(c, "SELECT branch_code, status FROM v_submission_gaps WHERE period = '2025Q2' ORDER BY 1"));
      assertEquals(2L, ((Number) single(c, "SELECT sum(items) FROM quarantine_summary")).longValue());
      // The encrypted file's cover was unreadable: its branch comes from the file name.
      assertEquals(List.of(List.of("B12", "cover", "current"), List.of("B22", "file_name", "rejected")),
          query(c, "SELECT branch_code, branch_source, ledger_status FROM quarantine_summary ORDER BY 1"));
    }
  }

  @Test
  void membersArePseudonymous() throws Exception {
    MartBuilder.Result r = mart();
    Warehouse wh = TestWarehouses.district();
    Path secretFile = Path.of(wh.root(), "config", "mart-secret");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile)));
    MartSecret secret = MartSecret.loadOrCreate(secretFile.toString(), new org.apache.hadoop.conf.Configuration());
    String key = secret.memberKey("M01");
    assertTrue(key.matches("[0-9a-f]{64}"));
    assertEquals(key, MartSecret.loadOrCreate(secretFile.toString(), new org.apache.hadoop.conf.Configuration())
        .memberKey("M01"));
    assertNotEquals(key, MartSecret.of(new byte[32]).memberKey("M01"));
    assertNotEquals(key, secret.memberKey("M02"));
    // No member code, name or national ID of the warehouse anywhere in the mart, in any column.
    Set<String> secrets = new TreeSet<>();
    for (org.apache.spark.sql.Row m : wh.read(SharedSpark.get(), Warehouse.SILVER, "members").collectAsList()) {
      secrets.add(m.getAs("member_code"));
      secrets.add(m.getAs("name"));
    }
    for (org.apache.spark.sql.Row m : wh.read(SharedSpark.get(), Warehouse.SILVER, "members").collectAsList()) {
      // The fixture's national IDs (StatsFixture.roster), which silver keeps only as salted hashes.
      secrets.add("11010119800101" + ((String) m.getAs("member_code")).substring(1));
      if (m.getAs("id_hash") != null) {
        secrets.add(m.getAs("id_hash"));
      }
    }
    secrets.add("M99");
    try (Connection c = open(r.mart())) {
      for (List<Object> col : query(c, "SELECT table_name, column_name, data_type FROM information_schema.columns")) {
        String column = (String) col.get(1);
        assertFalse(Set.of("name", "member_name", "id_number", "member_code", "leader", "unit_leader", "message",
            "raw_value").contains(column), col.toString());
        for (List<Object> v : query(c, "SELECT DISTINCT CAST(\"" + column + "\" AS VARCHAR) FROM \"" + col.get(0)
            + "\"")) {
          String text = v.get(0) == null ? "" : (String) v.get(0);
          for (String s : secrets) {
            assertFalse(text.contains(s) || text.contains("姓名"),
                col + " holds " + text);
          }
        }
      }
      assertEquals(key, single(c, "SELECT DISTINCT member_key FROM watch_lists WHERE period = '2025Q2' "
          + "AND list = 'excellent' AND branch_code = 'B11'"));
    }
    // The restricted file adds the identities, owner-only.
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(r.restricted())));
    try (Connection c = open(r.restricted())) {
      assertEquals(List.of(List.of("M01", "姓名M01")),
          query(c, "SELECT member_code, name FROM member_identity WHERE member_key = '" + key + "'"));
      assertEquals("书记D", single(c, "SELECT leader FROM dim_org WHERE org_code = 'D'"));
      assertEquals("姓名M06", single(c, "SELECT name FROM v_watch_lists_named WHERE list = 'lagging' "
          + "AND member_code = 'M06'"));
    }
  }

  @Test
  void rebuildReplacesTheFileAtomically() throws Exception {
    MartBuilder.Result first = mart();
    Path out = first.mart().resolveSibling("atomic.duckdb");
    Files.copy(first.mart(), out);
    Warehouse wh = TestWarehouses.district();
    try (Connection old = open(out)) {
      String builtAt = (String) single(old, "SELECT value FROM mart_info WHERE item = 'built_at'");
      MartBuilder.Result again = MartBuilder.build(SharedSpark.get(), wh, new MartBuilder.Options(out, false),
          Progress.none());
      // The reader that had the old file open still reads the old, complete mart.
      assertEquals(builtAt, single(old, "SELECT value FROM mart_info WHERE item = 'built_at'"));
      assertEquals(9L, ((Number) single(old, "SELECT members_total FROM v_district_overview WHERE period = '2025Q2'"))
          .longValue());
      // A new session (here a fresh DuckDB instance: the JDBC driver shares one open database per
      // path within a JVM) sees the new, complete mart.
      try (Connection fresh = DriverManager.getConnection("jdbc:duckdb:"); Statement st = fresh.createStatement()) {
        st.execute("ATTACH '" + out.toAbsolutePath() + "' AS fresh (READ_ONLY)");
        st.execute("USE fresh");
        assertNotEquals(builtAt, single(fresh, "SELECT value FROM mart_info WHERE item = 'built_at'"));
        assertEquals(again.rows().get("org_period_stats"),
            ((Number) single(fresh, "SELECT count(*) FROM org_period_stats")).longValue());
      }
    }
    try (var files = Files.list(out.getParent())) {
      List<String> left = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
      assertEquals(List.of(), left, "no temporary or staging files left");
    }
  }

  @Test
  void sqlCommandPrintsTableCsvAndJson() throws Exception {
    MartBuilder.Result r = mart();
    String q = "SELECT node_code, members_total, participation_rate FROM v_district_overview WHERE period = '2025Q2'";
    String table = sql(r, q, "table");
    assertTrue(table.matches("(?s)node_code +members_total +participation_rate\n-+ +-+ +-+\nD +9 +0\\.8889\n\\(1 row\\)\n"),
        table);
    assertEquals("node_code,members_total,participation_rate\r\nD,9,0.8889\r\n", sql(r, q, "csv"));
    assertTrue(sql(r, q, "json").contains("\"participation_rate\" : 0.8889"), sql(r, q, "json"));
    StringWriter err = new StringWriter();
    CommandLine cl = org.jifen.cli.Jifen.commandLine();
    CommandLine sqlCl = new CommandLine(new SqlCommand());
    sqlCl.setErr(new PrintWriter(err));
    sqlCl.setExecutionExceptionHandler(cl.getExecutionExceptionHandler());
    sqlCl.setExitCodeExceptionMapper(cl.getExitCodeExceptionMapper());
    int code = sqlCl.execute("--mart", r.mart().toString(), "DROP TABLE dim_org");
    assertEquals(2, code);
    assertTrue(err.toString().contains("read-only"), err.toString());
  }

  /** {@code jifen sql} is an analyst's query on the mart and nothing else (issue: personal data). */
  @Test
  void sqlCannotReachOutsideTheMart() throws Exception {
    MartBuilder.Result r = mart();
    Path secret = Files.createTempFile("jifen-outside", ".csv");
    Files.writeString(secret, "id_number\n110101199003074514\n");
    Path copy = secret.resolveSibling(secret.getFileName() + ".out");
    Path other = secret.resolveSibling(secret.getFileName() + ".duckdb");
    List<String> refused = List.of(
        "SELECT * FROM read_text('" + secret + "')",
        "SELECT * FROM read_csv('" + secret + "')",
        "SELECT * FROM '" + secret + "'",
        "SELECT * FROM read_parquet('" + r.mart().resolveSibling("x.parquet") + "')",
        "COPY (SELECT * FROM dim_org) TO '" + copy + "'",
        "ATTACH '" + other + "' AS o",
        "INSTALL httpfs",
        "LOAD httpfs",
        "SET enable_external_access = true",
        "SET lock_configuration = false");
    for (String q : refused) {
      StringWriter err = new StringWriter();
      CommandLine cl = org.jifen.cli.Jifen.commandLine();
      CommandLine sqlCl = new CommandLine(new SqlCommand());
      sqlCl.setErr(new PrintWriter(err));
      sqlCl.setOut(new PrintWriter(new StringWriter()));
      sqlCl.setExecutionExceptionHandler(cl.getExecutionExceptionHandler());
      sqlCl.setExitCodeExceptionMapper(cl.getExitCodeExceptionMapper());
      assertEquals(2, sqlCl.execute("--mart", r.mart().toString(), q), q + " was not refused: " + err);
      assertFalse(err.toString().contains("110101199003074514"), err.toString());
    }
    assertFalse(Files.exists(copy), "COPY TO wrote a file");
    assertFalse(Files.exists(other), "ATTACH created a database");
    // Ordinary analysis still works.
    assertTrue(sql(r, "SELECT count(*) AS n FROM v_district_overview", "csv").startsWith("n"));
  }

  private static String sql(MartBuilder.Result r, String query, String format) {
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(new SqlCommand());
    cl.setOut(new PrintWriter(out));
    assertEquals(0, cl.execute("--mart", r.mart().toString(), "--format", format, query));
    return out.toString();
  }

  /** A client that is not the project's JDBC: Node's @duckdb/node-api (skipped without node and the package). */
  @Test
  void nodeClientReadsTheMart() throws Exception {
    String modules = System.getenv("JIFEN_NODE_DUCKDB");
    assumeTrue(modules != null && Files.isDirectory(Path.of(modules, "node_modules", "@duckdb", "node-api")),
        "set JIFEN_NODE_DUCKDB to a folder where `npm install @duckdb/node-api@1.5.6-r.1` ran");
    Path mart = mart().mart().toAbsolutePath();
    String script = "const {DuckDBInstance}=require('@duckdb/node-api');(async()=>{"
        + "const db=await DuckDBInstance.create(process.argv[1],{access_mode:'READ_ONLY'});"
        + "const c=await db.connect();"
        + "const r=await c.runAndReadAll(\"SELECT members_total FROM v_district_overview WHERE period='2025Q2'\");"
        + "console.log(String(r.getRows()[0][0]));})().catch(e=>{console.error(e);process.exit(1);});";
    Process p = new ProcessBuilder("node", "-e", script, mart.toString()).directory(Path.of(modules).toFile())
        .redirectErrorStream(true).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertEquals(0, p.exitValue(), output);
    assertEquals("9", output);
  }
}
