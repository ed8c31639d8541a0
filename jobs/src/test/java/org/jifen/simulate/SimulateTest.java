package org.jifen.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.jifen.cli.ExitCodes;
import org.jifen.cli.Jifen;
import org.jifen.ingest.OrgTree;
import org.jifen.read.WarehouseSql;
import org.jifen.reports.SchemeComparison;
import org.jifen.reports.SchemeComparisonChart;
import org.jifen.reports.SchemeComparisonWorkbook;
import org.jifen.scheme.Schemes;
import org.jifen.score.Fixture;
import org.jifen.score.Period;
import org.jifen.score.ScoreOptions;
import org.jifen.score.ScoringJob;
import org.jifen.spark.Warehouse;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code jifen simulate} on a hand-built year scored in force under district-100 and simulated
 * under {@code fixtures/simulate/draft_caps_quota.yaml}: A7 capped 2 a quarter (was 5), A9 4 (was
 * 2), A6 dropped, 优秀 at most ⌊25% × N⌋ per branch (the rest 良好; ties: B1–B4 deductions, code).
 *
 * <p>Org tree: D (root) → U1 (党委) → P1, P2 (党支部); D → P3 (党支部). Every member is a full
 * member in points management all year with the same entries each quarter unless said, so the
 * annual score (mean of the quarters) is the quarter score.
 * <table>
 *   <caption>Scores, in force (district-100) and draft</caption>
 *   <tr><th>member</th><th>entries per quarter</th><th>in force</th><th>draft</th><th>reason</th></tr>
 *   <tr><td>M1 (P1)</td><td>A7 +5, A8 +5</td><td>80+5+5 = 90.0 优秀</td><td>80+2+5 = 87.0 良好</td><td>A7</td></tr>
 *   <tr><td>M2 (P1)</td><td>A9 +2 +2, A5 +3, A8 +3</td><td>80+2+3+3 = 88.0 良好</td><td>80+4+3+3 = 90.0 优秀</td><td>A9 (up)</td></tr>
 *   <tr><td>M3 (P1)</td><td>A8 +5, A5 +3, A9 +2</td><td>90.0 优秀</td><td>90.0, quota → 良好</td><td>名额</td></tr>
 *   <tr><td>M4 (P1)</td><td>A6 +5, A8 +5</td><td>90.0 优秀</td><td>A6 unknown: 85.0 良好</td><td>A6</td></tr>
 *   <tr><td>M5 (P1)</td><td>B2 −5 in Q1 only</td><td>(75+80+80+80)/4 = 78.75 → 78.8 合格</td><td>78.8 合格</td><td></td></tr>
 *   <tr><td>M6 (P2)</td><td>A7 +3 in Q1 only</td><td>(83+80×3)/4 = 80.75 → 80.8 良好</td><td>(82+80×3)/4 = 80.5 良好</td><td></td></tr>
 *   <tr><td>M7 (P2)</td><td>V12 in Q2</td><td>0.0 不合格</td><td>0.0 不合格</td><td></td></tr>
 *   <tr><td>M8 (P3)</td><td>入党积极分子, A7 +5</td><td>not graded</td><td>not graded</td><td></td></tr>
 *   <tr><td>M9 (P3)</td><td>A7 +5, A8 +5, A5 +2</td><td>92.0 优秀</td><td>89.0 良好</td><td>A7</td></tr>
 * </table>
 * Quota in P1: N = 5 graded, ⌊25 × 5 / 100⌋ = 1; the draft's 优秀 band is M2 and M3 on 90.0 with
 * no deductions: M2 keeps 优秀 on the member code, M3 gets 良好 (quota-limited). P2 and P3 have no
 * draft 优秀.
 *
 * <p>District D, 8 graded (M8 is not): in force 优秀 4 (M1, M3, M4, M9), 良好 2, 合格 1, 不合格 1;
 * draft 优秀 1 (M2), 良好 5, 合格 1, 不合格 1. Up 1 (M2), down 4 (M1, M3, M4, M9), unchanged 3.
 * Mean in force 609.6 / 8 = 76.20, median of 0, 78.8, 80.8, 88, 90, 90, 90, 92 = (88 + 90) / 2 =
 * 89.00; draft 600.3 / 8 = 75.0375 → 75.04, median of 0, 78.8, 80.5, 85, 87, 89, 90, 90 = 86.00.
 * Reasons: A7 2 members (M1, M9, both down), then A6, A9, 名额 1 each. Quota-limited: 0 in force,
 * 1 draft. Unknown to the draft: A6, 4 entries of M4, 1 member, 20.00 points.
 *
 * <p>Row U1 (M1–M7): in force 3/2/1/1, mean 517.6 / 7 = 73.94, median 88.00; draft 1/4/1/1,
 * mean 511.3 / 7 = 73.04, median 85.00; up 1, down 3. Row P3 (M9): 92.00 → 89.00, down 1.
 */
class SimulateTest {
  @TempDir static Path tmp;
  private static SparkSession spark;
  private static Warehouse wh;
  private static final int Y = 2025;
  private static final String DRAFT = "src/test/resources/fixtures/simulate/draft_caps_quota.yaml";

  @BeforeAll
  static void build() throws Exception {
    spark = SharedSpark.get();
    wh = new Warehouse(tmp.resolve("wh").toString());
    Fixture f = new Fixture().submitted(Y, 1, 2, 3, 4);
    for (int q = 1; q <= 4; q++) {
      f.memberAllYear("M" + q, "P1", Y);
    }
    f.memberAllYear("M5", "P1", Y).memberAllYear("M6", "P2", Y).memberAllYear("M7", "P2", Y)
        .quarters("M8", "P3", Y, Fixture.ACTIVIST, 1, 2, 3, 4).memberAllYear("M9", "P3", Y);
    for (int q = 1; q <= 4; q++) {
      f.entry("M1", Y, q, "A7", "5").entry("M1", Y, q, "A8", "5");
      f.entry("M2", Y, q, "A9", "2", "2").entry("M2", Y, q, "A5", "3").entry("M2", Y, q, "A8", "3");
      f.entry("M3", Y, q, "A8", "5").entry("M3", Y, q, "A5", "3").entry("M3", Y, q, "A9", "2");
      f.entry("M4", Y, q, "A6", "5").entry("M4", Y, q, "A8", "5");
      f.entry("M8", Y, q, "A7", "5");
      f.entry("M9", Y, q, "A7", "5").entry("M9", Y, q, "A8", "5").entry("M9", Y, q, "A5", "2");
    }
    f.entry("M5", Y, 1, "B2", "-5").entry("M6", Y, 1, "A7", "3").entry("M7", Y, 2, "V12");
    f.writeSilver(spark, wh);
    List<Row> orgs = new ArrayList<>();
    orgs.add(org("D", "测试区委", null, "党委", "D", 0));
    orgs.add(org("U1", "第一党委", "D", "党委", "D/U1", 1));
    orgs.add(org("P1", "第一党支部", "U1", "党支部", "D/U1/P1", 2));
    orgs.add(org("P2", "第二党支部", "U1", "党支部", "D/U1/P2", 2));
    orgs.add(org("P3", "第三党支部", "D", "党支部", "D/P3", 1));
    spark.createDataFrame(orgs, OrgTree.SCHEMA).write().format("delta").save(wh.path(Warehouse.SILVER, "orgs"));
    ScoringJob.run(spark, wh, String.valueOf(Y), ScoreOptions.defaults());
    commitsBefore = deltaCommits();
    // Collected once (the reads and the scoring); the comparisons per unit are pure Java.
    inputs = collect(null, "2025");
    commitsAfter = deltaCommits();
  }

  /** The inputs of the period, read by {@code engine} (null: the automatic choice, DuckDB here). */
  private static Simulation.Inputs collect(String engine, String period) {
    if (engine != null) {
      System.setProperty(WarehouseSql.ENGINE_PROPERTY, engine);
    }
    try (WarehouseSql sql = WarehouseSql.open(wh, () -> spark, null, Simulation.TABLES)) {
      return Simulation.collect(sql, wh, Schemes.load(DRAFT), DRAFT, Schemes.load("district-100"),
          Period.parse(period));
    } finally {
      System.clearProperty(WarehouseSql.ENGINE_PROPERTY);
    }
  }

  @Test
  void duckDbAndSparkReadsGiveTheSameComparison() {
    for (String period : List.of("2025", "2025Q4", "2025Q1")) {
      Simulation.Inputs duck = collect("duckdb", period);
      Simulation.Inputs viaSpark = collect("spark", period);
      for (String unit : java.util.Arrays.asList(null, "U1", "P1")) {
        SchemeComparison a = Simulation.compare(duck, unit);
        assertEquals(a, Simulation.compare(viaSpark, unit), period + " " + unit);
        assertTrue(a.totalRow().draftGraded() > 0, period + " " + unit);
      }
    }
  }

  /** The driver's scoring (MemberScoring per member, then the quota per branch) gives the scoring job's rows. */
  @Test
  void theDraftIsScoredAsTheScoringJobScoresIt() throws Exception {
    org.jifen.scheme.Scheme draft = Schemes.load(DRAFT);
    org.jifen.score.SilverInputs silver = org.jifen.score.SilverInputs.read(spark, wh);
    for (String period : List.of("2025", "2025Q2")) {
      Period p = Period.parse(period);
      org.jifen.score.Scorer scorer = new org.jifen.score.Scorer(spark, draft, java.time.Instant.now());
      org.apache.spark.sql.Dataset<Row> job = p.annual() ? scorer.yearScores(silver, p.year(), null)
          : scorer.quarterScores(silver.quarter(p.year(), p.quarter()));
      Map<String, String> expected = new TreeMap<>();
      for (Row r : job.collectAsList()) {
        expected.put(r.getAs("member_code"), r.getAs("branch_code") + " " + r.getAs("status") + " " + r.getAs("score")
            + " " + r.getAs("grade") + " " + (p.annual() && Boolean.TRUE.equals(r.getAs("quota_limited"))));
      }
      Map<String, String> actual = new TreeMap<>();
      for (Simulation.Result r : collect(null, period).draftRows()) {
        actual.put(r.memberCode(), r.branchCode() + " " + r.status() + " " + r.score() + " " + r.grade() + " "
            + r.quotaLimited());
      }
      assertEquals(expected, actual, period);
      assertTrue(actual.values().stream().anyMatch(v -> v.endsWith(" true")) || !p.annual(),
          "the quota limits someone in " + period);
    }
  }

  private static List<String> commitsBefore;
  private static List<String> commitsAfter;
  private static Simulation.Inputs inputs;

  private static Row org(String code, String name, String parent, String level, String path, int depth) {
    return RowFactory.create(code, name, parent, level, null, "正常", null, true, depth, path, null, "sha", "orgs.xlsx",
        depth + 2);
  }

  private static SchemeComparison simulate(String unit) {
    return Simulation.compare(inputs, unit);
  }

  private static Map<String, Long> grades(long excellent, long good, long pass, long fail) {
    return Map.of("优秀", excellent, "良好", good, "合格", pass, "不合格", fail);
  }

  private static BigDecimal d(String v) {
    return new BigDecimal(v);
  }

  /** Every Delta commit file under the warehouse: writing anything would add one. */
  private static List<String> deltaCommits() throws Exception {
    try (Stream<Path> s = Files.walk(Path.of(wh.root()))) {
      return s.filter(p -> p.getParent().getFileName().toString().equals("_delta_log"))
          .map(p -> Path.of(wh.root()).relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void theDistrictComparedWithTheHandWorkedFigures() throws Exception {
    assertFalse(commitsBefore.isEmpty());
    assertEquals(commitsBefore, commitsAfter, "simulating writes no Delta table");
    SchemeComparison c = simulate(null);
    assertTrue(c.currentSource().contains("gold.member_year_score"), c.currentSource());
    assertEquals("D", c.unitCode());
    assertEquals(List.of("优秀", "良好", "合格", "不合格"), c.grades());
    assertEquals(List.of("P3", "U1", "D"), c.units().stream().map(SchemeComparison.UnitRow::code).toList());

    SchemeComparison.UnitRow t = c.totalRow();
    assertEquals(grades(4, 2, 1, 1), t.currentGrades());
    assertEquals(grades(1, 5, 1, 1), t.draftGrades());
    assertEquals(8, t.currentGraded());
    assertEquals(d("76.20"), t.currentMean());
    assertEquals(d("89.00"), t.currentMedian());
    assertEquals(d("75.04"), t.draftMean());
    assertEquals(d("86.00"), t.draftMedian());
    assertEquals(0, t.currentQuotaLimited());
    assertEquals(1, t.draftQuotaLimited());
    assertEquals(1, c.up());
    assertEquals(4, c.down());
    assertEquals(3, c.unchanged());
    assertEquals(0, c.gradedCurrentOnly());
    assertEquals(0, c.gradedDraftOnly());

    SchemeComparison.UnitRow u1 = c.units().get(1);
    assertEquals(grades(3, 2, 1, 1), u1.currentGrades());
    assertEquals(grades(1, 4, 1, 1), u1.draftGrades());
    assertEquals(d("73.94"), u1.currentMean());
    assertEquals(d("88.00"), u1.currentMedian());
    assertEquals(d("73.04"), u1.draftMean());
    assertEquals(d("85.00"), u1.draftMedian());
    assertEquals(1, u1.up());
    assertEquals(3, u1.down());
    SchemeComparison.UnitRow p3 = c.units().get(0);
    assertEquals(1, p3.currentGraded(), "the activist M8 is not counted");
    assertEquals(d("92.00"), p3.currentMean());
    assertEquals(d("89.00"), p3.draftMean());
    assertEquals(1, p3.down());

    Map<String, Long> moves = new TreeMap<>();
    c.matrix().forEach(m -> moves.put(m.from() + "→" + m.to(), m.members()));
    assertEquals(Map.of("优秀→良好", 4L, "良好→优秀", 1L, "良好→良好", 1L, "合格→合格", 1L, "不合格→不合格", 1L), moves);

    assertEquals(List.of("A7", "A6", "A9", SchemeComparison.QUOTA),
        c.reasons().stream().map(SchemeComparison.Reason::code).toList());
    SchemeComparison.Reason top = c.reasons().get(0);
    assertEquals(2, top.members());
    assertEquals(2, top.down());
    assertEquals("季度上限5→2", top.detail());
    assertEquals(1, c.reasons().get(2).up(), "A9's higher cap moved M2 up");
    assertEquals("草案未定义该项目，其分值不计入", c.reasons().get(1).detail());

    Map<String, String> changed = new TreeMap<>();
    c.changed().forEach(m -> changed.put(m.memberCode(), m.currentGrade() + "→" + m.draftGrade() + " "
        + String.join("、", m.reasons()) + (m.draftQuotaLimited() ? " limited" : "")));
    assertEquals(Map.of("M1", "优秀→良好 A7", "M2", "良好→优秀 A9", "M3", "优秀→良好 名额 limited",
        "M4", "优秀→良好 A6", "M9", "优秀→良好 A7"), changed);

    assertEquals(1, c.unknownItems().size());
    SchemeComparison.UnknownItem a6 = c.unknownItems().get(0);
    assertEquals("A6", a6.code());
    assertEquals("创新工作受上级认可", a6.name());
    assertEquals(4, a6.entries());
    assertEquals(1, a6.members());
    assertEquals(0, d("20").compareTo(a6.points()));
  }

  @Test
  void aUnitAndItsBranches() {
    SchemeComparison c = simulate("U1");
    assertEquals(List.of("P1", "P2", "U1"), c.units().stream().map(SchemeComparison.UnitRow::code).toList());
    assertEquals(grades(3, 2, 1, 1), c.totalRow().currentGrades());
    SchemeComparison.UnitRow p1 = c.units().get(0);
    assertEquals(grades(3, 1, 1, 0), p1.currentGrades());
    assertEquals(grades(1, 3, 1, 0), p1.draftGrades());
    assertEquals(1, p1.draftQuotaLimited());
    assertEquals(3, c.down());
    assertEquals(List.of("A6", "A7", "A9", SchemeComparison.QUOTA),
        c.reasons().stream().map(SchemeComparison.Reason::code).toList(), "one member each, by code");
    // The chart's data is the unit's row.
    assertEquals(3, SchemeComparisonChart.dataset(c).getValue(SchemeComparisonChart.CURRENT, "优秀").intValue());
    assertEquals(1, SchemeComparisonChart.dataset(c).getValue(SchemeComparisonChart.DRAFT, "优秀").intValue());
  }

  private record Result(int code, String out, String err) {}

  private static Result jifen(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Jifen.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return new Result(cl.execute(args), out.toString(), err.toString());
  }

  @Test
  void theCommandPrintsAndWritesTheWorkbookAndChart() throws Exception {
    Path out = tmp.resolve("out");
    Result r = jifen("simulate", "--warehouse", wh.root(), "--scheme", DRAFT, "--period", "2025", "--out", out.toString());
    assertEquals(ExitCodes.OK, r.code(), r.err());
    assertTrue(r.out().contains("Grade changes: 1 up, 4 down, 3 unchanged"), r.out());
    assertTrue(r.out().contains("members demoted by the quota: in force 0, draft 1"), r.out());
    Path xlsx = out.resolve("simulate-draft-caps-quota-2025.xlsx");
    assertTrue(Files.isRegularFile(out.resolve("simulate-draft-caps-quota-2025.png")));
    try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(xlsx))) {
      List<String> sheets = new ArrayList<>();
      wb.forEach(s -> sheets.add(s.getSheetName()));
      assertEquals(List.of(SchemeComparisonWorkbook.SHEET_SUMMARY, SchemeComparisonWorkbook.SHEET_MOVES,
          SchemeComparisonWorkbook.SHEET_REASONS, SchemeComparisonWorkbook.SHEET_UNKNOWN,
          SchemeComparisonWorkbook.SHEET_QUOTA, SchemeComparisonWorkbook.SHEET_MEMBERS), sheets);
      Sheet unknown = wb.getSheet(SchemeComparisonWorkbook.SHEET_UNKNOWN);
      boolean found = false;
      for (org.apache.poi.ss.usermodel.Row row : unknown) {
        if ("A6".equals(row.getCell(0) == null ? null : row.getCell(0).toString())) {
          assertEquals(4.0, row.getCell(2).getNumericCellValue());
          found = true;
        }
      }
      assertTrue(found, "A6 listed on " + SchemeComparisonWorkbook.SHEET_UNKNOWN);
      Sheet reasons = wb.getSheet(SchemeComparisonWorkbook.SHEET_REASONS);
      assertNotNull(reasons);
      assertEquals(1, wb.getAllPictures().size(), "the chart on the summary sheet");
    }
  }

  @Test
  void anInvalidDraftGetsTheValidateMessageAndNothingRuns() {
    String bad = "src/test/resources/fixtures/schemes/bands_gap.yaml";
    Result validate = jifen("schemes", "validate", bad);
    Result r = jifen("simulate", "--warehouse", tmp.resolve("nowhere").toString(), "--scheme", bad, "--period", "2025");
    assertEquals(ExitCodes.USAGE, r.code());
    assertTrue(r.err().startsWith(validate.err()), r.err());
    assertTrue(r.err().contains(bad + ":37:31: grade bands leave 80–89 unassigned"), r.err());
    assertFalse(Files.exists(tmp.resolve("nowhere")), "no warehouse touched");
  }
}
