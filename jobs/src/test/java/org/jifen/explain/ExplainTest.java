package org.jifen.explain;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jifen.cli.ExitCodes;
import org.jifen.cli.Jifen;
import org.jifen.mart.MartBuilder;
import org.jifen.mart.MartSecret;
import org.jifen.score.MemberScoring.LineKind;
import org.jifen.spark.Progress;
import org.jifen.spark.Warehouse;
import org.jifen.testing.SampleWarehouse;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code jifen explain} on the bundled samples (data-samples/, district-100): every explanation's
 * rows reproduce the published figure exactly, and agree with counts worked independently (from
 * gold scores and silver rosters with plain filters, or by hand from the ledger files).
 */
class ExplainTest {
  private static SparkSession spark;
  private static Warehouse wh;

  @BeforeAll
  static void warehouse() throws Exception {
    spark = SharedSpark.get();
    wh = SampleWarehouse.aggregated();
  }

  /** Active branches at or below {@code node} (silver orgs' path). */
  private static List<String> branchesUnder(String node) {
    return wh.read(spark, Warehouse.SILVER, "orgs")
        .where(col("active").and(col("level").equalTo("党支部")))
        .where(org.apache.spark.sql.functions.array_contains(org.apache.spark.sql.functions.split(col("path"), "/"), node))
        .select("org_code").as(Encoders.STRING()).collectAsList();
  }

  /** Graded party members' quarter scores at or below {@code node}, straight from gold. */
  private static Dataset<Row> graded(String period, String node) {
    return wh.read(spark, Warehouse.GOLD, "member_quarter_score")
        .where(col("period").equalTo(period).and(col("status").equalTo("graded"))
            .and(col("standing").isin("正式党员", "预备党员")).and(col("branch_code").isin(branchesUnder(node).toArray())));
  }

  private static FigureExplainer.Explanation figure(String period, String unit, String row, String figure) {
    return FigureExplainer.explain(wh, () -> spark, new FigureExplainer.Query(period, unit, row, figure, false));
  }

  @Test
  void aCommitteesGradeCountIsItsMembersInTheBand() {
    FigureExplainer.Explanation x = figure("2025Q2", "QS04", null, "合格");
    assertTrue(x.matches(), x.totalLine());
    assertEquals(new BigDecimal(11), x.published());
    assertEquals(11, x.rows().size());
    assertEquals(graded("2025Q2", "QS04").where(col("grade").equalTo("合格")).count(), x.rows().size());
    assertEquals(List.of("DY550562", "DY931915", "DY181850", "DY145754", "DY322454", "DY270769", "DY292722", "DY621048",
        "DY983098", "DY250772", "DY698787"), x.rows().stream().map(FigureExplainer.Counted::memberCode).toList());
    FigureExplainer.Counted first = x.rows().get(0);
    assertEquals("QS04B02", first.branchCode());
    assertEquals("2025Q2/QS04B02_2025Q2.xlsx", first.sourceFile());
    assertEquals("名册", first.sheet());
    assertEquals(8, first.rowNum());
    assertEquals(new BigDecimal("78.0"), first.score());
    // Every score that put a member in the band is in it: 合格 is 60 ≤ score < 80.
    for (FigureExplainer.Counted c : x.rows()) {
      assertTrue(c.score().compareTo(new BigDecimal(60)) >= 0 && c.score().compareTo(new BigDecimal(80)) < 0, c.toString());
      assertEquals(MartSecret.loadOrCreate(wh.file(MartSecret.FILE), spark.sparkContext().hadoopConfiguration())
          .memberKey(c.memberCode()), c.memberKey());
      assertEquals(null, c.name());
    }
    assertEquals("合计 11 = 发布数 11，一致", x.totalLine());

    // The same figure in 统计表一 (the district's table, row QS04, the half's second quarter).
    FigureExplainer.Explanation t = figure("2025H1", "QS", "QS04", "次季度_合格");
    assertTrue(t.matches(), t.totalLine());
    assertEquals(x.rows(), t.rows());
  }

  @Test
  void memberCountsAndMeansReproduceTheStatistics() {
    FigureExplainer.Explanation total = figure("2025Q2", "QS04", null, "党员总数");
    assertTrue(total.matches(), total.totalLine());
    assertEquals(new BigDecimal(85), total.published());
    long roster = wh.read(spark, Warehouse.SILVER, "members").where(col("period").equalTo("2025Q2")
        .and(col("standing").isin("正式党员", "预备党员")).and(col("branch_code").isin(branchesUnder("QS04").toArray())))
        .count();
    assertEquals(roster, total.rows().size());

    FigureExplainer.Explanation mean = figure("2025Q2", "QS04", null, "平均分");
    assertTrue(mean.matches(), mean.totalLine());
    assertEquals(new BigDecimal("83.47"), mean.published());
    assertEquals(new BigDecimal("6344.0"), mean.scoreSum());
    assertEquals(76, mean.members());
    Row independent = graded("2025Q2", "QS04").agg(org.apache.spark.sql.functions.sum("score"),
        org.apache.spark.sql.functions.count("*")).first();
    assertEquals(0, independent.getDecimal(0).compareTo(mean.scoreSum()));
    assertEquals(independent.getDecimal(0).divide(BigDecimal.valueOf(independent.getLong(1)), 2, RoundingMode.HALF_UP),
        mean.reproduced());
    assertEquals("合计 6344 / 76 = 83.47（四舍五入到两位小数）；发布数 83.47，一致", mean.totalLine());

    // A year at a branch: the member is placed by the last quarter's roster.
    FigureExplainer.Explanation year = figure("2025", "QS04", "QS04B05", "参与积分管理党员数");
    assertTrue(year.matches(), year.totalLine());
    assertTrue(year.rows().stream().allMatch(c -> c.period().startsWith("2025Q") && "QS04B05".equals(c.branchCode())));

    // The 合计 row of 统计表一 is the column sum of its rows.
    FigureExplainer.Explanation sum = figure("2025H1", "QS", FigureExplainer.TOTAL_ROW, "党员总数");
    assertTrue(sum.matches(), sum.totalLine());
  }

  @Test
  void actionCountsAreDistinctMembersWithTheirActionRows() {
    FigureExplainer.Explanation x = figure("2025", "QS", "QS04", "告诫提醒");
    assertTrue(x.matches(), x.totalLine());
    assertEquals(new BigDecimal(5), x.published());
    assertEquals(List.of("DY689311", "DY931915", "DY145754", "DY322454", "DY292722"),
        x.rows().stream().map(FigureExplainer.Counted::memberCode).toList());
    FigureExplainer.Counted r = x.rows().get(0);
    assertEquals("2025Q3/QS04B02_2025Q3.xlsx", r.sourceFile());
    assertEquals("组织处置", r.sheet());
    assertEquals(5, r.rowNum());
    assertEquals("2025-09-13", r.actionDate());
    assertEquals("合计 5 名党员（5 条组织处置记录）= 发布数 5，一致", x.totalLine());

    FigureExplainer.Explanation half = figure("2025H1", "QS", FigureExplainer.TOTAL_ROW, "受告诫提醒党员数");
    assertTrue(half.matches(), half.totalLine());
  }

  @Test
  void aBranchsRankIsOnePlusTheBranchesWithAHigherMean() {
    FigureExplainer.Explanation x = figure("2025Q2", "QS04", "QS04B05", "委内排名");
    assertTrue(x.matches(), x.totalLine());
    assertEquals(new BigDecimal(4), x.published());
    assertEquals(List.of("QS04B03", "QS04B06", "QS04B01", "QS04B05", "QS04B04", "QS04B02"),
        x.rows().stream().map(FigureExplainer.Counted::branchCode).toList());
    // The branch's mean is the 平均分 its own figure explains.
    FigureExplainer.Explanation mean = figure("2025Q2", "QS04", "QS04B05", "平均分");
    assertTrue(mean.matches(), mean.totalLine());
    assertEquals(new BigDecimal("84.00"), mean.published());
    assertEquals(mean.published(), x.scoreSum());
    assertEquals("平均分 84.00，高于本支部的支部 3 个 → 第 4 名（共 6 个支部排名）；发布名次 4，一致", x.totalLine());
  }

  @Test
  void unknownFiguresRowsAndPeriodsSayWhatIsAccepted() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> figure("2025Q2", "QS04", null, "满分"));
    assertTrue(e.getMessage().contains("'满分' is not a figure") && e.getMessage().contains("合格"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> figure("2025Q2", "QS04", "QS01B01", "合格"));
    assertTrue(e.getMessage().startsWith("--row: QS01B01 is not QS04 or an organization under it"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> figure("2025-2", "QS04", null, "合格"));
    assertTrue(e.getMessage().startsWith("--period: '2025-2' is neither"), e.getMessage());
  }

  /**
   * DY601695, QS02Z1B02, 2025Q4, worked from QS02Z1B02_2025Q4.xlsx 积分明细: A7 on rows 5, 10, 22, 23,
   * 27, 31, 34, 38 (1 + 3 + 3 + 3 + 3 + 1 + 3 + 3 = 20, capped at 5: 15 cut), A8 row 7 (5), A9 rows
   * 15 and 28 (2 + 1 = 3, capped at 2: 1 cut), A5 row 32 (3) → 80 + 5 + 5 + 2 + 3 = 95.0 优秀.
   */
  @Test
  void aMembersQuarterIsASumOfLinesWithWhatTheCapsCut() {
    MemberExplainer.Explanation x = MemberExplainer.explain(wh, () -> spark, "DY601695", "2025Q4", false);
    assertTrue(x.matches());
    assertEquals(new BigDecimal("95.0"), x.published());
    assertEquals(0, x.sum().compareTo(new BigDecimal("95.0")));
    assertEquals("QS02Z1B02", x.branchCode());
    assertEquals("2025Q4/QS02Z1B02_2025Q4.xlsx", x.rosterFile());
    List<String> lines = new ArrayList<>();
    for (MemberExplainer.Line l : x.lines()) {
      lines.add(l.kind() + " " + (l.itemCode() == null ? "" : l.itemCode()) + " " + l.value().stripTrailingZeros()
          .toPlainString() + (l.rowNum() == null ? "" : " " + l.sheet() + "#" + l.rowNum()));
    }
    assertEquals(List.of("START B1 20", "START B2 20", "START B3 20", "START B4 20",
        "ENTRY A5 3 积分明细#32",
        "ENTRY A7 1 积分明细#5", "ENTRY A7 3 积分明细#10", "ENTRY A7 3 积分明细#22", "ENTRY A7 3 积分明细#23",
        "ENTRY A7 3 积分明细#27", "ENTRY A7 1 积分明细#31", "ENTRY A7 3 积分明细#34", "ENTRY A7 3 积分明细#38",
        "ITEM_CAP A7 -15",
        "ENTRY A8 5 积分明细#7",
        "ENTRY A9 2 积分明细#15", "ENTRY A9 1 积分明细#28", "ITEM_CAP A9 -1"), lines);
    assertTrue(x.lines().stream().filter(l -> l.kind() == LineKind.ENTRY)
        .allMatch(l -> "2025Q4/QS02Z1B02_2025Q4.xlsx".equals(l.sourceFile())));
    assertEquals("本项目每季度最多计5分：合计20，超出部分15分不计", x.lines().get(13).note());
    assertTrue(x.notes().isEmpty(), x.notes().toString());
  }

  /** DY601695 2025Q2: V15 on 积分明细 row 5 zeroes the quarter; the bonus 2 + 2 + 2 + min(2, 3) = 8 is shown, then taken. */
  @Test
  void aVetoIsALineThatTakesTheScoreToZero() {
    MemberExplainer.Explanation x = MemberExplainer.explain(wh, () -> spark, "DY601695", "2025Q2", false);
    assertTrue(x.matches());
    assertEquals(new BigDecimal("0.0"), x.published());
    assertEquals("不合格", x.publishedGrade());
    MemberExplainer.Line veto = x.lines().stream().filter(l -> "V15".equals(l.itemCode())).findFirst().orElseThrow();
    assertEquals(5, veto.rowNum());
    assertEquals(0, veto.contribution().signum());
    MemberExplainer.Line flag = x.lines().get(x.lines().size() - 1);
    assertEquals(LineKind.FLAG, flag.kind());
    assertEquals(new BigDecimal("-88.0000"), flag.contribution().setScale(4));
    assertEquals(List.of("一票否决：V15 经常无故缺席（2025Q2/QS02Z1B02_2025Q2.xlsx 积分明细 第5行）；本季度得分为0，等次为不合格。"),
        x.notes());
  }

  /** DY686878 2025Q2: the appeal's 版本 2 dropped the B2 −5 row; only A7 +1 (row 17 of _v2) counts → 81.0. */
  @Test
  void theExplanationReadsTheVersionInForce() {
    MemberExplainer.Explanation x = MemberExplainer.explain(wh, () -> spark, "DY686878", "2025Q2", false);
    assertTrue(x.matches());
    assertEquals(new BigDecimal("81.0"), x.published());
    List<MemberExplainer.Line> entries = x.lines().stream().filter(l -> l.kind() == LineKind.ENTRY).toList();
    assertEquals(1, entries.size());
    assertEquals("A7", entries.get(0).itemCode());
    assertEquals("2025Q2/QS01B01_2025Q2_v2.xlsx", entries.get(0).sourceFile());
    assertEquals(17, entries.get(0).rowNum());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MemberExplainer.explain(wh, () -> spark, "DY686878", "2025", false));
    assertTrue(e.getMessage().contains("jifen history --member DY686878"), e.getMessage());
  }

  @Test
  void theMartViewsLinesAddUpToEveryPublishedScore() throws Exception {
    Path dir = Files.createTempDirectory("jifen-explain-mart");
    Path out = dir.resolve("jifen.duckdb");
    MartBuilder.Result r = MartBuilder.build(spark, wh, new MartBuilder.Options(out, false), Progress.none());
    assertTrue(r.warnings().stream().noneMatch(w -> w.startsWith("member_score_lines")), r.warnings().toString());
    String key = MartSecret.loadOrCreate(wh.file(MartSecret.FILE), spark.sparkContext().hadoopConfiguration())
        .memberKey("DY601695");
    Properties ro = new Properties();
    ro.setProperty("duckdb.read_only", "true");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + out, ro); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT count(*), sum(contribution), max(score), max_by(running_total, line_no), "
          + "count(*) FILTER (WHERE line_kind = 'item_cap'), min(value) FILTER (WHERE item_code = 'A7') "
          + "FROM v_member_score_lines WHERE member_key = '" + key + "' AND period = '2025Q4'")) {
        rs.next();
        assertEquals(18, rs.getInt(1));
        assertEquals(0, rs.getBigDecimal(2).compareTo(new BigDecimal("95.0")));
        assertEquals(0, rs.getBigDecimal(3).compareTo(new BigDecimal("95.0")));
        assertEquals(0, rs.getBigDecimal(4).compareTo(new BigDecimal("95.0")));
        assertEquals(2, rs.getInt(5));
        assertEquals(0, rs.getBigDecimal(6).compareTo(new BigDecimal("-15")));
      }
      // Every scored member-quarter of the mart: its lines add up to its published score.
      try (ResultSet rs = st.executeQuery("SELECT count(*), count(*) FILTER (WHERE total <> score) FROM ("
          + "SELECT member_key, period, sum(contribution) AS total, any_value(score) AS score FROM member_score_lines "
          + "WHERE score IS NOT NULL GROUP BY ALL)")) {
        rs.next();
        long scored = wh.read(spark, Warehouse.GOLD, "member_quarter_score").where(col("score").isNotNull()).count();
        assertEquals(scored, rs.getLong(1));
        assertEquals(0, rs.getLong(2));
      }
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM member_score_lines WHERE NOT lines_reproduce_score")) {
        rs.next();
        assertEquals(0, rs.getLong(1));
      }
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.columns WHERE table_name = "
          + "'member_score_lines' AND column_name IN ('member_code', 'name', 'id_hash', 'basis')")) {
        rs.next();
        assertEquals(0, rs.getLong(1), "no member code, name or free text in the pseudonymous mart");
      }
    }
  }

  @Test
  void theCommandPrintsTheRowsAndTheCheckedTotal() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Jifen.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    assertEquals(ExitCodes.OK, cl.execute("explain", "--warehouse", wh.root(), "--master", "local[2]",
        "--period", "2025Q2", "--unit", "QS04", "--figure", "合格", "--with-names"), err.toString());
    String text = out.toString();
    assertTrue(text.contains("Figure 合格 of 青山镇党委, 2025Q2"), text);
    assertTrue(text.contains("2025Q2/QS04B02_2025Q2.xlsx / 名册 / 8"), text);
    assertTrue(text.endsWith("合计 11 = 发布数 11，一致\n") || text.contains("合计 11 = 发布数 11，一致"), text);
    assertTrue(text.contains("姓名"), text);

    // A member's year: the quarters and the annual explanation of jifen history.
    StringWriter year = new StringWriter();
    cl = Jifen.commandLine();
    cl.setOut(new PrintWriter(year, true));
    assertEquals(ExitCodes.OK, cl.execute("explain", "--warehouse", wh.root(), "--master", "local[2]",
        "--member", "DY686878", "--period", "2025"));
    assertTrue(year.toString().contains("年度得分 85.0，等次 良好"), year.toString());
    assertTrue(year.toString().contains("(83.0 + 81.0 + 86.0 + 90.0) ÷ 4 = 85.0"), year.toString());
    assertFalse(year.toString().contains("黎杰"), "no name without --with-names");

    StringWriter usage = new StringWriter();
    cl = Jifen.commandLine();
    cl.setErr(new PrintWriter(usage, true));
    assertEquals(ExitCodes.USAGE, cl.execute("explain", "--warehouse", wh.root(), "--period", "2025Q2",
        "--member", "DY601695", "--figure", "合格"));
    assertTrue(usage.toString().contains("give one or the other"), usage.toString());
    assertFalse(usage.toString().isEmpty());
  }
}
