package org.jifen.history;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.SparkSession;
import org.jifen.cli.ExitCodes;
import org.jifen.cli.Jifen;
import org.jifen.reports.MemberHistory;
import org.jifen.reports.MemberHistoryWorkbook;
import org.jifen.spark.Warehouse;
import org.jifen.testing.SampleWarehouse;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code jifen history} on the bundled data-samples (district-100, DOMAIN §5.1: quarter = Σ over
 * B1–B4 of max(0, 20 + entries) + Σ over A5–A9 of min(cap, entries); caps A5 3, A6 5, A7 5, A8 5,
 * A9 2; the year is the mean of the quarters). Figures worked by hand from the ledgers.
 */
class MemberHistorySamplesTest {
  private static SparkSession spark;
  private static Warehouse wh;

  /** An 18-character national ID (17 digits and a check digit): never in the output. */
  private static final Pattern NATIONAL_ID = Pattern.compile("\\d{17}[\\dXx]");

  @BeforeAll
  static void warehouse() throws Exception {
    spark = SharedSpark.get();
    wh = SampleWarehouse.aggregated();
  }

  /**
   * DY686878 黎杰, QS01B01 区妇联机关党支部 (data-samples/README.md, "Appeal re-export"):
   * <ul>
   *   <li>2025Q1: A7 +3 → 80 + 3 = 83.0 良好</li>
   *   <li>2025Q2 版本 1: A7 +1, B2 −5 (2025-06-24) → B2 20 − 5 = 15, base 75, + 1 = 76.0; 版本 2 (after
   *       the appeal) drops the B2 row → 80 + 1 = 81.0 良好, the score in force</li>
   *   <li>2025Q3: A7 +3 +1 +3 = 7, capped at 5; A9 +1 → 80 + 6 = 86.0 良好</li>
   *   <li>2025Q4: A6 +5, A9 +2, A7 +3 → 80 + 10 = 90.0 优秀</li>
   *   <li>year: (83 + 81 + 86 + 90) / 4 = 340 / 4 = 85.0 良好; district-100 has no quota</li>
   * </ul>
   */
  @Test
  void theAppealedDeductionIsShownAsRemovedBetweenTheVersions() {
    MemberHistory h = MemberHistories.read(wh, () -> spark, "DY686878", 2025);
    assertEquals("黎杰", h.name());
    assertEquals("district-100", h.schemeId());
    assertEquals(List.of("基础分", "加分"), h.componentNames());
    assertEquals(List.of("83.0", "81.0", "86.0", "90.0"), h.quarters().stream().map(q -> q.score().toPlainString()).toList());
    assertEquals(List.of("良好", "良好", "良好", "优秀"), h.quarters().stream().map(MemberHistory.Quarter::grade).toList());
    MemberHistory.Quarter q2 = h.quarters().get(1);
    assertEquals("QS01B01", q2.branchCode());
    assertEquals("区妇联机关党支部", q2.branchName());
    assertEquals("参加", q2.participation());
    assertEquals(List.of(new BigDecimal("80.00"), new BigDecimal("1.00")), q2.components());
    assertEquals("按版本2计分（本季度台账共2个版本；与版本1相比：本人积分明细删除1条，见台账版本）。", q2.note());
    assertNull(h.quarters().get(0).note(), "one version only");

    List<MemberHistory.LedgerVersion> q2v = h.versions().stream().filter(v -> v.period().equals("2025Q2")).toList();
    assertEquals(2, q2v.size());
    assertEquals(1, q2v.get(0).version());
    assertFalse(q2v.get(0).current());
    assertEquals("2025Q2/QS01B01_2025Q2.xlsx", q2v.get(0).sourceFile());
    assertEquals("2025-07-09T09:58:36Z", q2v.get(0).receivedAt().toString(), "17:58:36+08:00 (inbox/received.csv)");
    assertEquals(2, q2v.get(0).entries());
    assertEquals(2, q2v.get(1).version());
    assertTrue(q2v.get(1).current());
    assertEquals("2025-07-24T09:08:36Z", q2v.get(1).receivedAt().toString());
    assertEquals(1, q2v.get(1).entries());
    assertEquals("与版本1相比：本人积分明细删除1条", q2v.get(1).change());
    assertEquals(5, h.versions().size(), "one ledger in Q1, Q3, Q4, two in Q2");

    assertEquals(List.of(new MemberHistory.EntryChange("2025Q2", "QS01B01", 1, 2, "删除", "2025-06-24", "B2", "执行纪律合格",
        "-5", null, "无故缺席6月主题党日活动", null)), h.changes());

    MemberHistory.Annual a = h.annual();
    assertEquals(new BigDecimal("85.0"), a.score());
    assertEquals("良好", a.preGrade());
    assertEquals("良好", a.grade());
    assertNull(a.quotaSize(), "district-100 has no quota");
    assertFalse(a.disposal());
    String e = String.join("\n", a.explanation());
    assertTrue(e.contains("(83.0 + 81.0 + 86.0 + 90.0) ÷ 4 = 85.0，四舍五入保留一位小数为85.0分"), e);
    assertTrue(e.contains("本方案（district-100）不设等次名额（比例）限制"), e);
    assertTrue(e.contains("未列入不合格党员处置名单（处置条件：年度不合格）"), e);
    assertEquals(gold(a.branchCode()), a.gradedInBranch(), "graded members of the annual branch with a score");
  }

  /**
   * DY601695 郑雯红, QS02Z1B02 (README "Veto"): 2025Q1 A7 2 + 3 = 5, A5 1, A9 1 → 87.0; 2025Q2 V15 →
   * 0.0 不合格 (its bonus A7 4, A8 2, A9 1 + 2 capped at 2 = 8 is shown but zeroed); 2025Q3 A9 1 + 1 = 2,
   * A5 1, A6 5, A7 2 + 2 = 4, A8 2 → 94.0; 2025Q4 A7 20 (eight rows) → 5, A8 5, A9 3 → 2, A5 3 → 95.0. The veto
   * zeroes the year: 0.0 不合格, on the disposal list. Annual bonus shown: (7 + 8 + 14 + 15) / 4 = 11.
   */
  @Test
  void aVetoZeroesTheYearAndPutsTheMemberOnTheDisposalList() {
    MemberHistory h = MemberHistories.read(wh, () -> spark, "DY601695", 2025);
    assertEquals(List.of("87.0", "0.0", "94.0", "95.0"), h.quarters().stream().map(q -> q.score().toPlainString()).toList());
    assertEquals("一票否决", h.quarters().get(1).flags());
    assertEquals(new BigDecimal("8.00"), h.quarters().get(1).components().get(1));
    MemberHistory.Annual a = h.annual();
    assertEquals(new BigDecimal("0.0"), a.score());
    assertEquals("不合格", a.grade());
    assertEquals(new BigDecimal("11.00"), a.components().get(1));
    assertTrue(a.disposal());
    String e = String.join("\n", a.explanation());
    assertTrue(e.contains("一票否决：年度得分为0，等次为不合格"), e);
    assertTrue(e.contains("年度等次为不合格，列入不合格党员处置名单"), e);
  }

  /**
   * DY711434 肖浩 moves from QS03B03 to QS03Z1B01 in 2025Q2 (README "Transfer"): 2025Q1 A9 +2 → 82.0 in
   * QS03B03; 2025Q2 no entry → 80.0; 2025Q3 A9 +1 → 81.0; 2025Q4 A5 +2, A8 +3, A7 +3 → 88.0 in
   * QS03Z1B01. Year (82 + 80 + 81 + 88) / 4 = 82.75 → 82.8 良好 (half-up), placed in QS03Z1B01.
   */
  @Test
  void aTransferShowsBothBranchesAndTheHalfUpMean() {
    MemberHistory h = MemberHistories.read(wh, () -> spark, "DY711434", 2025);
    assertEquals(List.of("QS03B03", "QS03Z1B01", "QS03Z1B01", "QS03Z1B01"),
        h.quarters().stream().map(MemberHistory.Quarter::branchCode).toList());
    assertEquals("QS03Z1B01", h.annual().branchCode());
    assertEquals(new BigDecimal("82.8"), h.annual().score());
    assertTrue(h.annual().explanation().get(0).contains("(82.0 + 80.0 + 81.0 + 88.0) ÷ 4 = 82.75，四舍五入保留一位小数为82.8分"),
        h.annual().explanation().get(0));
  }

  @Test
  void aRosterConflictIsNamedInItsQuarter() {
    // data-samples faults.csv: DY158166 is on QS01B04's 名册 in 2025Q3 while already moved.
    MemberHistory h = MemberHistories.read(wh, () -> spark, "DY158166", 2025);
    MemberHistory.Quarter q3 = h.quarters().get(2);
    assertNull(q3.score());
    assertTrue(q3.note().startsWith("名册冲突：本季度同时列在"), q3.note());
    assertTrue(q3.note().contains("QS01B04"), q3.note());
  }

  @Test
  void theCommandPrintsTheTablesAndWritesTheAppealFileWithoutNationalIds() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Jifen.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    assertEquals(ExitCodes.OK, cl.execute("history", "--warehouse", wh.root(), "--master", "local[2]",
        "--member", "DY686878"), err.toString());
    String text = out.toString();
    assertTrue(text.contains("Member history DY686878 黎杰, 2025, scheme district-100"), text);
    assertTrue(text.contains("与版本1相比：本人积分明细删除1条"), text);
    assertTrue(text.contains("2025Q2  QS01B01  1→2   删除  2025-06-24  B2 执行纪律合格      -5          无故缺席6月主题党日活动"),
        text);
    assertFalse(NATIONAL_ID.matcher(text).find(), "a national ID in the output");

    // Kept under target/appeal-files to be rendered and looked at (soffice --convert-to pdf).
    Path file = Path.of("target", "appeal-files", "DY686878_2025.xlsx");
    cl = Jifen.commandLine();
    cl.setOut(new PrintWriter(new StringWriter(), true));
    assertEquals(ExitCodes.OK, cl.execute("history", "--warehouse", wh.root(), "--master", "local[2]",
        "--member", "DY686878", "--year", "2025", "--xlsx", file.toString()));
    try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(file))) {
      assertEquals(List.of(MemberHistoryWorkbook.SHEET_OVERVIEW, MemberHistoryWorkbook.SHEET_VERSIONS,
          MemberHistoryWorkbook.SHEET_ENTRIES), List.of(wb.getSheetName(0), wb.getSheetName(1), wb.getSheetName(2)));
      String versions = cells(wb.getSheet(MemberHistoryWorkbook.SHEET_VERSIONS));
      assertTrue(versions.contains("2025年第二季度|QS01B01|1→2|B2 执行纪律合格|2025-06-24|删除|-5||无故缺席6月主题党日活动|"),
          versions);
      assertTrue(versions.contains("2025Q2/QS01B01_2025Q2.xlsx|2025年7月9日 17:58|已被替代|是|2|首个版本"), versions);
      String all = cells(wb.getSheetAt(0)) + versions + cells(wb.getSheetAt(2));
      assertTrue(all.contains("85.0分对应良好"), all);
      assertFalse(NATIONAL_ID.matcher(all).find(), "a national ID in the appeal file");
    }

    StringWriter usage = new StringWriter();
    cl = Jifen.commandLine();
    cl.setErr(new PrintWriter(usage, true));
    assertEquals(ExitCodes.USAGE, cl.execute("history", "--warehouse", wh.root(), "--member", "DY000000", "--year", "2025"));
    assertTrue(usage.toString().contains("党员编号 DY000000 is on no accepted ledger of 2025"), usage.toString());
  }

  /** Graded members of the branch with an annual score, counted from gold. */
  private static int gold(String branch) {
    return (int) wh.read(spark, Warehouse.GOLD, "member_year_score")
        .where(col("year").equalTo(2025).and(col("status").equalTo("graded")).and(col("score").isNotNull())
            .and(col("branch_code").equalTo(branch))).count();
  }

  /** Every cell's text or number, '|'-separated, row by row. */
  private static String cells(Sheet s) {
    StringBuilder b = new StringBuilder();
    s.forEach(r -> {
      r.forEach(c -> b.append(c.getCellType() == CellType.NUMERIC
          ? new BigDecimal(String.valueOf(c.getNumericCellValue())).stripTrailingZeros().toPlainString()
          : c.getCellType() == CellType.STRING ? c.getStringCellValue() : "").append('|'));
      b.append('\n');
    });
    return b.toString();
  }
}
