package org.jifen.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small mart built by hand in DuckDB, following docs/mart.md: the district 青山区委 (QS) with two
 * working committees, a 党总支, seven active branches and a dissolved one, four quarters of 2025
 * under district-100. Branch figures are chosen by hand (below); the figures of higher nodes are
 * their sums (means are member-weighted means of the branches', the fixture's own choice).
 *
 * <p>Deliberate cases: QS02B03 did not submit 2025Q2 (counted nowhere that quarter); QS01B01 was
 * late in Q1 and QS02B02 in Q2; QS02B01's name starts with {@code =} and the 青山街道党工委 filler
 * with {@code -} (formula injection); one restricted name starts with {@code @}.
 */
final class MartFixture {
  static final List<String> GRADES = List.of("优秀", "良好", "合格", "不合格");
  static final String SCHEME = "district-100";
  static final String SCHEME_HASH = "sha256:5e1c0a7d4b2f9e8a";
  static final String INJECTED_BRANCH = "=HYPERLINK(\"http://x.example\",\"红旗社区党支部\")";
  static final String INJECTED_FILLER = "-王五";
  static final String INJECTED_NAME = "@李四";

  record OrgRow(String code, String name, String parent, String level, String domain, boolean active, int sort,
      String leader) {}

  static final List<OrgRow> ORGS = List.of(
      new OrgRow("QS", "青山区委", null, "区委", null, true, 1, "王强"),
      new OrgRow("QS01", "区直机关工委", "QS", "工委", "机关", true, 2, "李明"),
      new OrgRow("QS01B01", "区委办公室党支部", "QS01", "党支部", "机关", true, 3, "陈一"),
      new OrgRow("QS01B02", "区财政局党支部", "QS01", "党支部", "机关", true, 4, "陈二"),
      new OrgRow("QS01Z01", "区教育局党总支", "QS01", "党总支", "学校", true, 5, "周三"),
      new OrgRow("QS01Z01B01", "青山第一中学党支部", "QS01Z01", "党支部", "学校", true, 6, "吴四"),
      new OrgRow("QS01Z01B02", "青山实验小学党支部", "QS01Z01", "党支部", "学校", true, 7, "郑五"),
      new OrgRow("QS02", "青山街道党工委", "QS", "工委", "社区", true, 8, "赵敏"),
      new OrgRow("QS02B01", INJECTED_BRANCH, "QS02", "党支部", "社区", true, 9, "钱六"),
      new OrgRow("QS02B02", "幸福社区党支部", "QS02", "党支部", "社区", true, 10, "孙七"),
      new OrgRow("QS02B03", "光明科技企业联合党支部", "QS02", "党支部", "两新", true, 11, "李八"),
      new OrgRow("QS02B04", "原东风社区党支部", "QS02", "党支部", "社区", false, 12, null));

  /**
   * One branch-quarter: members, grades (优秀 良好 合格 不合格), actions (告诫提醒 帮教整改 组织处理),
   * mean, median, q1, q3, min, max, submission status and hours late.
   */
  record Fact(String period, String branch, long total, long prob, long exempt, long[] grades, long[] actions,
      String mean, String median, String q1, String q3, String min, String max, String status, String hoursLate) {
    long graded() {
      return Arrays.stream(grades).sum();
    }
  }

  static final List<Fact> FACTS = new ArrayList<>();

  static {
    String[] q1 = {
        "QS01B01 148 5 4 35 80 27 2 2 1 0 85.90 86.00 82.00 90.00 0.0 100.0 late 12.5",
        "QS01B02 120 3 2 28 70 19 1 1 0 0 85.10 85.00 81.00 89.00 55.0 98.0 on_time -",
        "QS01Z01B01 298 10 20 60 150 63 5 3 2 1 84.20 84.50 80.00 88.50 0.0 99.0 on_time -",
        "QS01Z01B02 262 6 14 190 45 13 0 0 0 0 92.30 93.00 90.50 95.00 70.0 100.0 on_time -",
        "QS02B01 198 4 10 45 100 41 2 1 1 0 84.80 85.00 80.50 88.00 40.0 97.0 on_time -",
        "QS02B02 200 2 6 55 100 35 4 2 0 1 84.60 85.00 80.00 89.00 0.0 100.0 on_time -",
        "QS02B03 80 1 0 20 40 18 2 0 0 0 84.00 84.00 79.00 88.00 50.0 96.0 on_time -"};
    String[] q2 = {
        "QS01B01 150 5 4 40 80 24 2 2 1 0 86.50 87.00 83.00 91.00 0.0 100.0 on_time -",
        "QS01B02 120 3 2 30 70 17 1 1 0 0 85.80 86.00 82.00 90.00 58.0 99.0 on_time -",
        "QS01Z01B01 300 10 20 70 150 55 5 3 2 1 84.90 85.00 81.00 89.00 0.0 99.0 on_time -",
        "QS01Z01B02 264 6 14 200 40 10 0 0 0 0 93.10 94.00 91.00 96.00 72.0 100.0 on_time -",
        "QS02B01 200 4 10 50 100 38 2 1 1 0 85.20 85.50 81.00 89.00 45.0 98.0 on_time -",
        "QS02B02 200 2 6 60 100 30 4 2 0 1 85.00 85.00 80.50 89.50 0.0 100.0 late 30.5",
        "QS02B03 0 0 0 0 0 0 0 0 0 0 - - - - - - missing -"};
    String[] q3 = {
        "QS01B01 150 4 4 42 80 22 2 1 0 0 86.80 87.00 83.00 91.00 0.0 100.0 on_time -",
        "QS01B02 121 3 2 31 70 17 1 0 1 0 86.00 86.00 82.00 90.00 58.0 99.0 on_time -",
        "QS01Z01B01 300 8 20 72 150 53 5 2 1 0 85.10 85.00 81.00 89.00 0.0 99.0 on_time -",
        "QS01Z01B02 264 5 14 205 38 7 0 0 0 0 93.40 94.00 91.00 96.00 72.0 100.0 on_time -",
        "QS02B01 201 4 10 52 100 37 2 1 0 0 85.40 85.50 81.00 89.00 45.0 98.0 on_time -",
        "QS02B02 200 2 6 62 100 29 3 1 0 0 85.20 85.00 80.50 89.50 0.0 100.0 on_time -",
        "QS02B03 82 1 0 21 41 18 2 0 0 0 84.20 84.00 79.00 88.00 50.0 96.0 on_time -"};
    String[] q4 = {
        "QS01B01 151 4 4 43 80 22 2 1 0 0 87.00 87.00 83.00 91.00 0.0 100.0 on_time -",
        "QS01B02 121 2 2 32 70 16 1 0 0 0 86.20 86.00 82.00 90.00 58.0 99.0 on_time -",
        "QS01Z01B01 302 8 20 74 150 53 5 1 1 0 85.30 85.00 81.00 89.00 0.0 99.0 on_time -",
        "QS01Z01B02 265 5 14 206 38 7 0 0 0 0 93.50 94.00 91.00 96.00 72.0 100.0 on_time -",
        "QS02B01 201 3 10 53 100 36 2 0 0 1 85.50 85.50 81.00 89.00 45.0 98.0 on_time -",
        "QS02B02 201 2 6 63 100 29 3 1 0 0 85.30 85.00 80.50 89.50 0.0 100.0 on_time -",
        "QS02B03 82 1 0 21 41 18 2 0 0 0 84.30 84.00 79.00 88.00 50.0 96.0 on_time -"};
    // Annual: members of the last quarter, annual grades and means (no submissions of their own).
    String[] year = {
        "QS01B01 151 4 4 41 82 22 2 3 2 0 86.60 87.00 83.00 91.00 0.0 99.5 - -",
        "QS01B02 121 2 2 30 72 16 1 1 1 0 85.80 86.00 82.00 90.00 60.0 98.5 - -",
        "QS01Z01B01 302 8 20 37 188 52 5 6 4 1 85.00 85.00 81.00 89.00 0.0 98.0 - -",
        "QS01Z01B02 265 5 14 200 44 7 0 0 0 0 93.00 93.50 90.50 95.50 74.0 99.8 - -",
        "QS02B01 201 3 10 50 103 36 2 2 2 1 85.30 85.50 81.00 89.00 50.0 97.5 - -",
        "QS02B02 201 2 6 60 103 29 3 4 0 1 85.10 85.00 80.50 89.50 0.0 99.0 - -",
        "QS02B03 82 1 0 20 42 18 2 0 0 0 84.10 84.00 79.00 88.00 52.0 95.5 - -"};
    add("2025Q1", q1);
    add("2025Q2", q2);
    add("2025Q3", q3);
    add("2025Q4", q4);
    add("2025", year);
  }

  private static void add(String period, String[] lines) {
    for (String line : lines) {
      String[] f = line.split(" ");
      long[] g = {Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7])};
      long[] a = {Long.parseLong(f[8]), Long.parseLong(f[9]), Long.parseLong(f[10])};
      Fact x = new Fact(period, f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), g, a,
          dash(f[11]), dash(f[12]), dash(f[13]), dash(f[14]), dash(f[15]), dash(f[16]), dash(f[17]), dash(f[18]));
      if (x.graded() != x.total() - x.exempt()) {
        throw new IllegalStateException("Fixture row does not add up: " + line);
      }
      FACTS.add(x);
    }
  }

  private static String dash(String s) {
    return s.equals("-") ? null : s;
  }

  /** Quarter periods and the year. */
  static final List<String> QUARTERS = List.of("2025Q1", "2025Q2", "2025Q3", "2025Q4");

  // ---- derived figures ------------------------------------------------------------------------

  static OrgRow org(String code) {
    return ORGS.stream().filter(o -> o.code().equals(code)).findFirst().orElseThrow();
  }

  static String path(String code) {
    OrgRow o = org(code);
    return o.parent() == null ? o.code() : path(o.parent()) + "/" + o.code();
  }

  static String pathNames(String code) {
    OrgRow o = org(code);
    return o.parent() == null ? o.name() : pathNames(o.parent()) + "/" + o.name();
  }

  static int depth(String code) {
    return path(code).split("/").length - 1;
  }

  static String committee(String code) {
    String[] p = path(code).split("/");
    return p.length < 2 ? null : p[1];
  }

  static List<String> activeBranchesUnder(String node) {
    List<String> out = new ArrayList<>();
    for (OrgRow o : ORGS) {
      if (o.active() && o.level().equals("党支部") && (path(o.code()) + "/").startsWith(path(node) + "/")) {
        out.add(o.code());
      }
    }
    return out;
  }

  static List<OrgRow> activeChildren(String node) {
    return ORGS.stream().filter(o -> o.active() && node.equals(o.parent())).toList();
  }

  static boolean isReportingUnit(String code) {
    return org(code).active() && !activeChildren(code).isEmpty();
  }

  static Fact fact(String period, String branch) {
    return FACTS.stream().filter(f -> f.period().equals(period) && f.branch().equals(branch)).findFirst().orElseThrow();
  }

  /** Aggregated figures of a set of branches for a period. */
  record Agg(long total, long prob, long exempt, long graded, long[] grades, long[] actions, BigDecimal mean,
      BigDecimal median, BigDecimal q1, BigDecimal q3, BigDecimal min, BigDecimal max, long expected, long onTime,
      long late, long missing) {
    long participating() {
      return total - exempt;
    }
  }

  static Agg agg(String period, List<String> branches) {
    long total = 0;
    long prob = 0;
    long exempt = 0;
    long graded = 0;
    long[] g = new long[4];
    long[] a = new long[3];
    BigDecimal wMean = BigDecimal.ZERO;
    BigDecimal wMedian = BigDecimal.ZERO;
    BigDecimal wQ1 = BigDecimal.ZERO;
    BigDecimal wQ3 = BigDecimal.ZERO;
    BigDecimal min = null;
    BigDecimal max = null;
    long expected = 0;
    long onTime = 0;
    long late = 0;
    long missing = 0;
    List<String> periods = period.contains("Q") ? List.of(period) : QUARTERS;
    for (String b : branches) {
      Fact f = fact(period, b);
      total += f.total();
      prob += f.prob();
      exempt += f.exempt();
      graded += f.graded();
      for (int i = 0; i < 4; i++) {
        g[i] += f.grades()[i];
      }
      for (int i = 0; i < 3; i++) {
        a[i] += f.actions()[i];
      }
      if (f.graded() > 0) {
        BigDecimal w = BigDecimal.valueOf(f.graded());
        wMean = wMean.add(new BigDecimal(f.mean()).multiply(w));
        wMedian = wMedian.add(new BigDecimal(f.median()).multiply(w));
        wQ1 = wQ1.add(new BigDecimal(f.q1()).multiply(w));
        wQ3 = wQ3.add(new BigDecimal(f.q3()).multiply(w));
        BigDecimal mn = new BigDecimal(f.min());
        BigDecimal mx = new BigDecimal(f.max());
        min = min == null || mn.compareTo(min) < 0 ? mn : min;
        max = max == null || mx.compareTo(max) > 0 ? mx : max;
      }
      for (String p : periods) {
        Fact s = fact(p, b);
        expected++;
        switch (s.status()) {
          case "on_time" -> onTime++;
          case "late" -> late++;
          default -> missing++;
        }
      }
    }
    BigDecimal n = BigDecimal.valueOf(graded);
    return new Agg(total, prob, exempt, graded, g, a,
        graded == 0 ? null : wMean.divide(n, 2, RoundingMode.HALF_UP),
        graded == 0 ? null : wMedian.divide(n, 2, RoundingMode.HALF_UP),
        graded == 0 ? null : wQ1.divide(n, 2, RoundingMode.HALF_UP),
        graded == 0 ? null : wQ3.divide(n, 2, RoundingMode.HALF_UP),
        min, max, expected, onTime, late, missing);
  }

  static BigDecimal rate(long part, long whole) {
    return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
  }

  static List<BigDecimal> shares(Agg a) {
    List<BigDecimal> s = new ArrayList<>();
    for (long c : a.grades()) {
      s.add(a.graded() == 0 ? null : rate(c, a.graded()));
    }
    return s;
  }

  /** Graded members into bins: 优秀 90–94.9, 良好 80–84.9, 合格 65–69.9, 不合格 0–4.9. */
  static List<Long> histogram(Agg a) {
    Long[] h = new Long[21];
    Arrays.fill(h, 0L);
    h[18] = a.grades()[0];
    h[16] = a.grades()[1];
    h[13] = a.grades()[2];
    h[0] = a.grades()[3];
    return Arrays.asList(h);
  }

  static String memberKey(String memberCode) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(("fixture:" + memberCode).getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- writing the mart -----------------------------------------------------------------------

  /** Writes the normal mart, or the restricted one with names and leaders. */
  static Path build(Path file, boolean restricted) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
         Statement st = c.createStatement()) {
      new Writer(st, restricted).all();
      st.execute("CHECKPOINT");
    }
    return file;
  }

  private static final class Writer {
    private final Statement st;
    private final boolean restricted;
    private final Map<String, Map<String, Object>> stats = new TreeMap<>();

    Writer(Statement st, boolean restricted) {
      this.st = st;
      this.restricted = restricted;
    }

    void all() throws SQLException {
      dimOrg();
      dimPeriod();
      orgPeriodStats();
      orgTrend();
      statsTable();
      branchRanking();
      submissions();
      watchLists();
      branchAttention();
      martInfo();
      views();
    }

    private void exec(String sql) throws SQLException {
      st.execute(sql);
    }

    private void insert(String table, Object... values) throws SQLException {
      StringBuilder b = new StringBuilder("INSERT INTO ").append(table).append(" VALUES (");
      for (int i = 0; i < values.length; i++) {
        b.append(i == 0 ? "" : ", ").append(lit(values[i]));
      }
      exec(b.append(")").toString());
    }

    static String lit(Object v) {
      if (v == null) {
        return "NULL";
      }
      if (v instanceof String s) {
        return "'" + s.replace("'", "''") + "'";
      }
      if (v instanceof List<?> l) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < l.size(); i++) {
          b.append(i == 0 ? "" : ", ").append(lit(l.get(i)));
        }
        return b.append("]").toString();
      }
      if (v instanceof Instant t) {
        return "TIMESTAMPTZ '" + t + "'";
      }
      if (v instanceof LocalDate d) {
        return "DATE '" + d + "'";
      }
      if (v instanceof BigDecimal d) {
        return d.toPlainString();
      }
      return v.toString();
    }

    void dimOrg() throws SQLException {
      exec("CREATE TABLE dim_org (org_code VARCHAR, org_name VARCHAR, parent_code VARCHAR, level VARCHAR,"
          + " domain VARCHAR, status VARCHAR, active BOOLEAN, depth INTEGER, path VARCHAR, path_names VARCHAR,"
          + " committee_code VARCHAR, committee_name VARCHAR, sort_order INTEGER, is_reporting_unit BOOLEAN"
          + (restricted ? ", leader VARCHAR" : "") + ")");
      for (OrgRow o : ORGS) {
        String com = committee(o.code());
        List<Object> v = new ArrayList<>(List.of(o.code(), o.name()));
        v.add(o.parent());
        v.addAll(List.of(o.level()));
        v.add(o.domain());
        v.addAll(List.of(o.active() ? "有效" : "撤销", o.active(), depth(o.code()), path(o.code()),
            pathNames(o.code())));
        v.add(com);
        v.add(com == null ? null : org(com).name());
        v.addAll(List.of(o.sort(), isReportingUnit(o.code())));
        if (restricted) {
          v.add(o.leader());
        }
        insert("dim_org", v.toArray());
      }
    }

    void dimPeriod() throws SQLException {
      exec("CREATE TABLE dim_period (period VARCHAR, kind VARCHAR, year INTEGER, quarter INTEGER, half INTEGER,"
          + " label VARCHAR, start_date DATE, end_date DATE, deadline TIMESTAMPTZ, quarters_ingested INTEGER)");
      String[] names = {"一", "二", "三", "四"};
      for (int q = 1; q <= 4; q++) {
        LocalDate start = LocalDate.of(2025, q * 3 - 2, 1);
        LocalDate end = start.plusMonths(3).minusDays(1);
        insert("dim_period", "2025Q" + q, "quarter", 2025, q, q <= 2 ? 1 : 2, "2025年第" + names[q - 1] + "季度",
            start, end, deadline("2025Q" + q), 1);
      }
      insert("dim_period", "2025H1", "half", 2025, null, 1, "2025年上半年（统计表一）", LocalDate.of(2025, 1, 1),
          LocalDate.of(2025, 6, 30), null, 2);
      insert("dim_period", "2025H2", "half", 2025, null, 2, "2025年下半年（统计表二）", LocalDate.of(2025, 7, 1),
          LocalDate.of(2025, 12, 31), null, 2);
      insert("dim_period", "2025", "year", 2025, null, null, "2025年度", LocalDate.of(2025, 1, 1),
          LocalDate.of(2025, 12, 31), null, 4);
    }

    static Instant deadline(String quarter) {
      int q = Integer.parseInt(quarter.substring(5));
      LocalDate end = LocalDate.of(2025, q * 3 - 2, 1).plusMonths(3).minusDays(1);
      return end.plusDays(10).atTime(23, 59, 59).atOffset(java.time.ZoneOffset.ofHours(8)).toInstant();
    }

    void orgPeriodStats() throws SQLException {
      exec("CREATE TABLE org_period_stats (period VARCHAR, period_kind VARCHAR, year INTEGER, quarter INTEGER,"
          + " node_code VARCHAR, node_name VARCHAR, node_level VARCHAR, node_depth INTEGER, node_path VARCHAR,"
          + " committee_code VARCHAR, cut_type VARCHAR, cut_value VARCHAR, members_total BIGINT,"
          + " members_probationary BIGINT, members_exempt BIGINT, members_participating BIGINT,"
          + " participation_rate DECIMAL(5,4), ledgers_expected BIGINT, ledgers_on_time BIGINT, ledgers_late BIGINT,"
          + " ledgers_missing BIGINT, ledgers_submitted BIGINT, submission_rate DECIMAL(5,4), members_graded BIGINT,"
          + " members_incomplete BIGINT, grade_names VARCHAR[], grade_counts BIGINT[], grade_shares DECIMAL(5,4)[],"
          + " score_mean DECIMAL(5,2), score_median DECIMAL(5,2), score_q1 DECIMAL(5,2), score_q3 DECIMAL(5,2),"
          + " score_min DECIMAL(5,1), score_max DECIMAL(5,1), score_histogram BIGINT[],"
          + " action_remind_members BIGINT, action_rectify_members BIGINT, action_handle_members BIGINT,"
          + " scheme_id VARCHAR, computed_at TIMESTAMPTZ)");
      List<String> periods = new ArrayList<>(QUARTERS);
      periods.add("2025");
      for (String p : periods) {
        for (OrgRow o : ORGS) {
          if (!o.active()) {
            continue;
          }
          List<String> branches = activeBranchesUnder(o.code());
          statsRow(p, o, "org", "全部", branches);
          Map<String, List<String>> byDomain = new LinkedHashMap<>();
          for (String b : branches) {
            byDomain.computeIfAbsent(org(b).domain(), k -> new ArrayList<>()).add(b);
          }
          for (Map.Entry<String, List<String>> e : byDomain.entrySet()) {
            statsRow(p, o, "domain", e.getKey(), e.getValue());
          }
        }
      }
      // A category cut of the district, which packs must not mistake for the whole.
      insert("org_period_stats", "2025Q2", "quarter", 2025, 2, "QS", "青山区委", "区委", 0, "QS", null, "category",
          "离退休", 300L, 0L, 40L, 260L, new BigDecimal("0.8667"), null, null, null, null, null, null, 260L, 0L,
          GRADES, List.of(60L, 150L, 45L, 5L), List.of(new BigDecimal("0.2308"), new BigDecimal("0.5769"),
              new BigDecimal("0.1731"), new BigDecimal("0.0192")), new BigDecimal("84.00"), new BigDecimal("85.00"),
          new BigDecimal("80.00"), new BigDecimal("89.00"), new BigDecimal("0.0"), new BigDecimal("99.0"),
          histogram(new Agg(0, 0, 0, 0, new long[] {60, 150, 45, 5}, new long[3], null, null, null, null, null, null,
              0, 0, 0, 0)), 0L, 0L, 0L, SCHEME, Instant.parse("2025-10-12T07:00:00Z"));
    }

    private void statsRow(String p, OrgRow o, String cutType, String cutValue, List<String> branches)
        throws SQLException {
      Agg a = agg(p, branches);
      boolean year = !p.contains("Q");
      Integer quarter = year ? null : Integer.parseInt(p.substring(5));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("mean", a.mean());
      row.put("rate", rate(a.participating(), a.total()));
      row.put("shares", shares(a));
      stats.put(p + "|" + o.code() + "|" + cutType + "|" + cutValue, row);
      insert("org_period_stats", p, year ? "year" : "quarter", 2025, quarter, o.code(), o.name(), o.level(),
          depth(o.code()), path(o.code()), committee(o.code()), cutType, cutValue, a.total(), a.prob(), a.exempt(),
          a.participating(), rate(a.participating(), a.total()), a.expected(), a.onTime(), a.late(), a.missing(),
          a.onTime() + a.late(), rate(a.onTime() + a.late(), a.expected()), a.graded(), 0L, GRADES,
          Arrays.stream(a.grades()).boxed().toList(), shares(a), a.mean(), a.median(), a.q1(), a.q3(), a.min(),
          a.max(), histogram(a), a.actions()[0], a.actions()[1], a.actions()[2], SCHEME,
          Instant.parse("2025-10-12T07:00:00Z"));
    }

    @SuppressWarnings("unchecked")
    void orgTrend() throws SQLException {
      exec("CREATE TABLE org_trend (period VARCHAR, period_kind VARCHAR, year INTEGER, quarter INTEGER,"
          + " node_code VARCHAR, node_name VARCHAR, node_level VARCHAR, cut_type VARCHAR, cut_value VARCHAR,"
          + " score_mean DECIMAL(5,2), participation_rate DECIMAL(5,4), grade_names VARCHAR[],"
          + " grade_shares DECIMAL(5,4)[], prev_period VARCHAR, score_mean_prev DECIMAL(5,2),"
          + " score_mean_change_qoq DECIMAL(6,2), participation_rate_prev DECIMAL(5,4),"
          + " participation_rate_change_qoq DECIMAL(6,4), grade_shares_prev DECIMAL(5,4)[],"
          + " grade_shares_change_qoq DECIMAL(6,4)[], last_year_period VARCHAR, score_mean_last_year DECIMAL(5,2),"
          + " score_mean_change_yoy DECIMAL(6,2), participation_rate_last_year DECIMAL(5,4),"
          + " participation_rate_change_yoy DECIMAL(6,4), grade_shares_last_year DECIMAL(5,4)[],"
          + " grade_shares_change_yoy DECIMAL(6,4)[], computed_at TIMESTAMPTZ)");
      for (Map.Entry<String, Map<String, Object>> e : stats.entrySet()) {
        String[] k = e.getKey().split("\\|");
        String p = k[0];
        boolean year = !p.contains("Q");
        String prev = year ? null : (p.endsWith("Q1") ? "2024Q4" : "2025Q" + (Integer.parseInt(p.substring(5)) - 1));
        String lastYear = year ? "2024" : "2024" + p.substring(4);
        Map<String, Object> cur = e.getValue();
        Map<String, Object> pr = prev == null ? null : stats.get(prev + "|" + k[1] + "|" + k[2] + "|" + k[3]);
        BigDecimal mean = (BigDecimal) cur.get("mean");
        BigDecimal rate = (BigDecimal) cur.get("rate");
        List<BigDecimal> shares = (List<BigDecimal>) cur.get("shares");
        BigDecimal meanPrev = pr == null ? null : (BigDecimal) pr.get("mean");
        BigDecimal ratePrev = pr == null ? null : (BigDecimal) pr.get("rate");
        List<BigDecimal> sharesPrev = pr == null ? null : (List<BigDecimal>) pr.get("shares");
        OrgRow o = org(k[1]);
        insert("org_trend", p, year ? "year" : "quarter", 2025,
            year ? null : Integer.parseInt(p.substring(5)), o.code(), o.name(), o.level(), k[2], k[3], mean, rate,
            GRADES, shares, prev, meanPrev, diff(mean, meanPrev), ratePrev, diff(rate, ratePrev), sharesPrev,
            diffs(shares, sharesPrev), lastYear, null, null, null, null, null, null,
            Instant.parse("2025-10-12T07:00:00Z"));
      }
    }

    private static BigDecimal diff(BigDecimal a, BigDecimal b) {
      return a == null || b == null ? null : a.subtract(b);
    }

    private static List<BigDecimal> diffs(List<BigDecimal> a, List<BigDecimal> b) {
      if (a == null || b == null) {
        return null;
      }
      List<BigDecimal> out = new ArrayList<>();
      for (int i = 0; i < a.size(); i++) {
        out.add(diff(a.get(i), b.get(i)));
      }
      return out;
    }

    void statsTable() throws SQLException {
      exec("CREATE TABLE stats_table (period VARCHAR, year INTEGER, half INTEGER, table_name VARCHAR,"
          + " first_quarter VARCHAR, second_quarter VARCHAR, first_quarter_in BOOLEAN, second_quarter_in BOOLEAN,"
          + " as_of_quarter VARCHAR, unit_code VARCHAR, unit_name VARCHAR, unit_level VARCHAR,"
          + (restricted ? " unit_leader VARCHAR," : "")
          + " filler VARCHAR, row_no INTEGER, row_type VARCHAR, org_code VARCHAR, org_name VARCHAR, org_level VARCHAR,"
          + " members_total BIGINT, members_exempt BIGINT, members_participating BIGINT, grade_names VARCHAR[],"
          + " first_grade_counts BIGINT[], second_grade_counts BIGINT[], action_remind_members BIGINT,"
          + " action_rectify_members BIGINT, action_handle_members BIGINT, scheme_id VARCHAR, computed_at TIMESTAMPTZ)");
      for (int half = 1; half <= 2; half++) {
        String first = "2025Q" + (half * 2 - 1);
        String second = "2025Q" + (half * 2);
        for (OrgRow u : ORGS) {
          if (!isReportingUnit(u.code())) {
            continue;
          }
          String filler = u.code().equals("QS02") ? INJECTED_FILLER : "区委组织部 李华";
          int rowNo = 0;
          long[] sum = new long[3 + 8 + 3];
          for (OrgRow c : activeChildren(u.code())) {
            List<String> br = activeBranchesUnder(c.code());
            Agg m = agg(second, br);
            Agg f = agg(first, br);
            long[] acts = new long[3];
            for (int i = 0; i < 3; i++) {
              acts[i] = f.actions()[i] + m.actions()[i];
            }
            long[] v = {m.total(), m.exempt(), m.participating(), f.grades()[0], f.grades()[1], f.grades()[2],
                f.grades()[3], m.grades()[0], m.grades()[1], m.grades()[2], m.grades()[3], acts[0], acts[1], acts[2]};
            for (int i = 0; i < v.length; i++) {
              sum[i] += v[i];
            }
            tableRow(half, first, second, u, filler, ++rowNo, "org", c.code(), c.name(), c.level(), v);
          }
          tableRow(half, first, second, u, filler, ++rowNo, "total", null, "合计", null, sum);
        }
      }
    }

    private void tableRow(int half, String first, String second, OrgRow u, String filler, int rowNo, String type,
        String code, String name, String level, long[] v) throws SQLException {
      List<Object> row = new ArrayList<>(List.of("2025H" + half, 2025, half, half == 1 ? "统计表一" : "统计表二",
          first, second, true, true, second, u.code(), u.name(), u.level()));
      if (restricted) {
        row.add(u.leader());
      }
      row.addAll(List.of(filler, rowNo, type));
      row.add(code);
      row.add(name);
      row.add(level);
      row.addAll(List.of(v[0], v[1], v[2], GRADES, List.of(v[3], v[4], v[5], v[6]), List.of(v[7], v[8], v[9], v[10]),
          v[11], v[12], v[13], SCHEME, Instant.parse("2025-10-12T07:00:00Z")));
      insert("stats_table", row.toArray());
    }

    void branchRanking() throws SQLException {
      exec("CREATE TABLE branch_ranking (period VARCHAR, period_kind VARCHAR, year INTEGER, quarter INTEGER,"
          + " branch_code VARCHAR, branch_name VARCHAR, parent_code VARCHAR, committee_code VARCHAR,"
          + " committee_name VARCHAR, domain VARCHAR, members_graded BIGINT, score_mean DECIMAL(5,2),"
          + " score_median DECIMAL(5,2), top_grade_share DECIMAL(5,4), bottom_grade_share DECIMAL(5,4),"
          + " rank_in_committee INTEGER, branches_ranked_in_committee INTEGER, rank_in_district INTEGER,"
          + " branches_ranked_in_district INTEGER, computed_at TIMESTAMPTZ)");
      List<String> periods = new ArrayList<>(QUARTERS);
      periods.add("2025");
      List<String> branches = activeBranchesUnder("QS");
      for (String p : periods) {
        for (String b : branches) {
          Fact f = fact(p, b);
          BigDecimal mean = f.mean() == null ? null : new BigDecimal(f.mean());
          Integer rc = null;
          Integer nc = null;
          Integer rd = null;
          Integer nd = null;
          if (mean != null) {
            rc = 1;
            nc = 0;
            rd = 1;
            nd = 0;
            for (String other : branches) {
              Fact g = fact(p, other);
              if (g.mean() == null) {
                continue;
              }
              BigDecimal om = new BigDecimal(g.mean());
              boolean sameCommittee = committee(other).equals(committee(b));
              nd++;
              if (om.compareTo(mean) > 0) {
                rd++;
              }
              if (sameCommittee) {
                nc++;
                if (om.compareTo(mean) > 0) {
                  rc++;
                }
              }
            }
          }
          String com = committee(b);
          insert("branch_ranking", p, p.contains("Q") ? "quarter" : "year", 2025,
              p.contains("Q") ? Integer.parseInt(p.substring(5)) : null, b, org(b).name(), org(b).parent(), com,
              org(com).name(), org(b).domain(), f.graded(), mean, f.median() == null ? null : new BigDecimal(f.median()),
              f.graded() == 0 ? null : rate(f.grades()[0], f.graded()),
              f.graded() == 0 ? null : rate(f.grades()[3], f.graded()), rc, nc, rd, nd,
              Instant.parse("2025-10-12T07:00:00Z"));
        }
      }
    }

    void submissions() throws SQLException {
      exec("CREATE TABLE submissions (period VARCHAR, year INTEGER, quarter INTEGER, branch_code VARCHAR,"
          + " branch_name VARCHAR, committee_code VARCHAR, domain VARCHAR, status VARCHAR,"
          + " first_received_at TIMESTAMPTZ, deadline TIMESTAMPTZ, hours_late DECIMAL(8,1), version INTEGER,"
          + " ledgers INTEGER)");
      for (String p : QUARTERS) {
        for (String b : activeBranchesUnder("QS")) {
          Fact f = fact(p, b);
          Instant deadline = deadline(p);
          Instant received = switch (f.status()) {
            case "late" -> deadline.plusSeconds(Math.round(Double.parseDouble(f.hoursLate()) * 3600));
            case "missing" -> null;
            default -> deadline.minusSeconds(3 * 24 * 3600);
          };
          insert("submissions", p, 2025, Integer.parseInt(p.substring(5)), b, org(b).name(), committee(b),
              org(b).domain(), f.status(), received, deadline,
              f.hoursLate() == null ? null : new BigDecimal(f.hoursLate()),
              "missing".equals(f.status()) ? null : 1, "missing".equals(f.status()) ? 0 : 1);
        }
      }
    }

    void watchLists() throws SQLException {
      exec("CREATE TABLE watch_lists (period VARCHAR, period_kind VARCHAR, year INTEGER, quarter INTEGER,"
          + " list VARCHAR, list_label VARCHAR, member_key VARCHAR, branch_code VARCHAR, branch_name VARCHAR,"
          + " committee_code VARCHAR, standing VARCHAR, category VARCHAR, status VARCHAR, score DECIMAL(5,1),"
          + " grade VARCHAR, rank_in_branch INTEGER, prev_period VARCHAR, prev_score DECIMAL(5,1), prev_grade VARCHAR,"
          + " reason VARCHAR, computed_at TIMESTAMPTZ)");
      exec("CREATE TABLE member_identity_src (member_key VARCHAR, member_code VARCHAR, name VARCHAR)");
      Object[][] rows = {
          {"2025Q2", "excellent", "优秀候选", "QS010001", "张明", "QS01B01", "正式党员", "在职", "98.0", "优秀", 1, null, null, null, "优秀 98.0（本支部第 1 名）"},
          {"2025Q2", "excellent", "优秀候选", "QS010002", "刘芳", "QS01B01", "正式党员", "在职", "95.5", "优秀", 2, null, null, null, "优秀 95.5（本支部第 2 名）"},
          {"2025Q2", "excellent", "优秀候选", "QS020101", INJECTED_NAME, "QS02B01", "正式党员", "社区", "96.0", "优秀", 1, null, null, null, "优秀 96.0（本支部第 1 名）"},
          {"2025Q2", "fail", "不合格", "QS020201", "王刚", "QS02B02", "正式党员", "社区", "0.0", "不合格", 194, null, null, null, "不合格 0.0"},
          {"2025Q2", "lagging", "落后提醒", "QS0101001", "何军", "QS01Z01B01", "正式党员", "在职", "55.0", "不合格", 278, "2025Q1", "58.0", "不合格", "2025Q1 58.0 不合格 → 2025Q2 55.0 不合格"},
          {"2025Q2", "probationary", "预备党员", "QS020102", "林静", "QS02B01", "预备党员", "社区", "88.0", "良好", 60, null, null, null, "预备党员：88.0 良好"},
          {"2025Q2", "excellent", "优秀候选", "QS0102001", "黄丽", "QS01Z01B02", "正式党员", "在职", "99.0", "优秀", 1, null, null, null, "优秀 99.0（本支部第 1 名）"},
          {"2025", "excellent", "优秀候选", "QS010001", "张明", "QS01B01", "正式党员", "在职", "97.6", "优秀", 1, null, null, null, "优秀 97.6（本支部第 1 名）"},
          {"2025", "disposal", "不合格党员处置", "QS020201", "王刚", "QS02B02", "正式党员", "社区", "0.0", "不合格", 201, null, null, null, "年度 0.0 不合格，列入不合格党员处置"},
      };
      for (Object[] r : rows) {
        String p = (String) r[0];
        String key = memberKey((String) r[3]);
        String branch = (String) r[5];
        insert("watch_lists", p, p.contains("Q") ? "quarter" : "year", 2025,
            p.contains("Q") ? Integer.parseInt(p.substring(5)) : null, r[1], r[2], key, branch, org(branch).name(),
            committee(branch), r[6], r[7], "graded", new BigDecimal((String) r[8]), r[9], r[10], r[11],
            r[12] == null ? null : new BigDecimal((String) r[12]), r[13], r[14], Instant.parse("2025-10-12T07:00:00Z"));
        insert("member_identity_src", key, r[3], r[4]);
      }
      if (restricted) {
        exec("CREATE TABLE member_identity AS SELECT DISTINCT * FROM member_identity_src");
      }
      exec("DROP TABLE member_identity_src");
    }

    void branchAttention() throws SQLException {
      exec("CREATE TABLE branch_attention (period VARCHAR, year INTEGER, quarter INTEGER, branch_code VARCHAR,"
          + " branch_name VARCHAR, committee_code VARCHAR, signal VARCHAR, signal_label VARCHAR,"
          + " members_graded BIGINT, entries BIGINT, eligible BOOLEAN, value DECIMAL(10,4), baseline DECIMAL(10,4),"
          + " threshold DECIMAL(10,4), flagged BOOLEAN, detail VARCHAR, computed_at TIMESTAMPTZ)");
      Object[][] rows = {
          {"2025Q2", "QS01Z01B02", "excellent_share", "优秀占比畸高", 250L, 900L, true, "0.8000", "0.3200", "0.6200", true,
              "优秀占比 0.8000，全区 0.3200，阈值 0.6200（全区 + 差距阈值）"},
          {"2025Q2", "QS01B01", "excellent_share", "优秀占比畸高", 146L, 700L, true, "0.2740", "0.3200", "0.6200", false,
              "优秀占比 0.2740，全区 0.3200，阈值 0.6200（全区 + 差距阈值）"},
          {"2025Q2", "QS02B01", "no_deductions", "全员无扣分", 190L, 420L, true, "0.0000", "0.4100", "0.0000", true,
              "有扣分党员占比 0.0000（190 人中 0 人），全区 0.4100"},
          {"2025Q2", "QS02B02", "low_spread", "分数过于集中", 194L, 500L, true, "6.1000", "5.2000", "1.3000", false,
              "得分标准差 6.1000，全区各支部中位数 5.2000，阈值 1.3000"},
          {"2025Q1", "QS01Z01B02", "excellent_share", "优秀占比畸高", 248L, 880L, true, "0.7661", "0.3100", "0.6100", true,
              "优秀占比 0.7661，全区 0.3100，阈值 0.6100（全区 + 差距阈值）"},
      };
      for (Object[] r : rows) {
        String p = (String) r[0];
        String b = (String) r[1];
        insert("branch_attention", p, 2025, Integer.parseInt(p.substring(5)), b, org(b).name(), committee(b), r[2],
            r[3], r[4], r[5], r[6], new BigDecimal((String) r[7]), new BigDecimal((String) r[8]),
            new BigDecimal((String) r[9]), r[10], r[11], Instant.parse("2025-10-12T07:00:00Z"));
      }
    }

    void martInfo() throws SQLException {
      exec("CREATE TABLE mart_info (kind VARCHAR, item VARCHAR, value VARCHAR, detail VARCHAR)");
      insert("mart_info", "build", "built_at", "2025-10-12T08:00:00Z", null);
      insert("mart_info", "build", "jifen_version", "0.1.0-SNAPSHOT", null);
      insert("mart_info", "build", "duckdb_library_version", "v1.5.6", null);
      insert("mart_info", "build", "storage_version", "v1.2.0", "pinned");
      insert("mart_info", "build", "restricted", String.valueOf(restricted),
          restricted ? "holds names: for authorised staff only" : "members only as member_key");
      insert("mart_info", "source", "gold/org_period_stats", "7", "2025-10-12T07:58:00Z");
      insert("mart_info", "source", "gold/stats_table", "7", "2025-10-12T07:58:01Z");
      insert("mart_info", "source", "gold/watch_lists", "5", "2025-10-12T07:58:02Z");
      insert("mart_info", "source", "silver/submissions", "12", "2025-10-12T06:00:00Z");
      insert("mart_info", "scheme", SCHEME, SCHEME_HASH, null);
    }

    void views() throws SQLException {
      exec("CREATE VIEW v_submission_gaps AS SELECT period, branch_code, branch_name, committee_code, domain, status,"
          + " first_received_at, deadline, hours_late FROM submissions WHERE status IN ('late', 'missing')");
      exec("CREATE VIEW v_attention_flags AS SELECT * FROM branch_attention WHERE flagged");
      if (restricted) {
        exec("CREATE VIEW v_watch_lists_named AS SELECT w.*, i.member_code, i.name FROM watch_lists w"
            + " LEFT JOIN member_identity i ON i.member_key = w.member_key");
      }
    }
  }
}
