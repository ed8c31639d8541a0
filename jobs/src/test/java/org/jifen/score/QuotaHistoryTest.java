package org.jifen.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jifen.history.MemberHistories;
import org.jifen.reports.MemberHistory;
import org.jifen.reports.MemberHistoryWorkbook;
import org.jifen.reports.PackOptions;
import org.jifen.scheme.Schemes;
import org.jifen.spark.Warehouse;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vanguard-8-2 quota as gold records it and {@code jifen history} explains it (DOMAIN §5.2,
 * §8 Quota). The samples are scored under district-100, which has no quota, so the quota cases
 * are built here by hand.
 *
 * <p>Annual score = 0.8 × daily (100 + D deductions) + 0.2 × evaluation + min(10, Σ R) + Σ P.
 * Branch Q, 20 graded members (Q01–Q20; Q06's hard fail counts in N):
 * <ul>
 *   <li>Q04: evaluation 100 → 80 + 20 = 100.0</li>
 *   <li>Q01: D01 −5 → daily 95, evaluation 100 → 76 + 20 = 96.0, D total 5</li>
 *   <li>Q02, Q03: 评议等次 合格 = 80 → 80 + 16 = 96.0, D total 0</li>
 *   <li>Q05: evaluation 55 → 80 + 11 = 91.0</li>
 *   <li>Q06: X02 (hard fail), evaluation 100 → 100.0 as computed, 不合格</li>
 *   <li>Q07–Q20: 评议等次 不合格 = 40 → 80 + 8 = 88.0 合格</li>
 * </ul>
 * Quota ⌊15 × 20 / 100⌋ = 3. The 优秀 band by score desc, D total asc, code asc: Q04 (1), Q02 (2),
 * Q03 (3), Q01 (4), Q05 (5): Q04, Q02, Q03 keep 优秀; Q01 ties Q03 on 96.0 and loses on the D
 * total (5 against 0); Q05 loses on the score (91.0 against Q03's 96.0).
 *
 * <p>Branch T, 7 graded: T01 and T02 合格 = 80 → 96.0 with D total 0, T03–T07 不合格 → 88.0.
 * Quota ⌊15 × 7 / 100⌋ = ⌊1.05⌋ = 1: T01 keeps 优秀, T02 ties on score and D total and loses on the
 * member code.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuotaHistoryTest {
  @TempDir static Path tmp;
  private static SparkSession spark;
  private static Warehouse wh;
  private static final int Y = 2025;

  @BeforeAll
  static void build() {
    spark = SharedSpark.get();
    wh = new Warehouse(tmp.resolve("wh").toString());
    Fixture f = new Fixture().submitted(Y, 1, 2, 3, 4);
    f.memberAllYear("Q04", "Q", Y).evaluation("Q04", Y, null, "100");
    f.memberAllYear("Q01", "Q", Y).entry("Q01", Y, 1, "D01", "-5").evaluation("Q01", Y, null, "100");
    f.memberAllYear("Q02", "Q", Y).evaluation("Q02", Y, "合格", null);
    f.memberAllYear("Q03", "Q", Y).evaluation("Q03", Y, "合格", null);
    f.memberAllYear("Q05", "Q", Y).evaluation("Q05", Y, null, "55");
    f.memberAllYear("Q06", "Q", Y).entry("Q06", Y, 2, "X02").evaluation("Q06", Y, null, "100");
    for (int i = 7; i <= 20; i++) {
      String c = String.format("Q%02d", i);
      f.memberAllYear(c, "Q", Y).evaluation(c, Y, "不合格", null);
    }
    for (int i = 1; i <= 7; i++) {
      String c = "T0" + i;
      f.memberAllYear(c, "T", Y).evaluation(c, Y, i <= 2 ? "合格" : "不合格", null);
    }
    f.writeSilver(spark, wh);
    // A warehouse scored by an older jifen: member_year_score without the quota's inputs.
    new Scorer(spark, Schemes.load("vanguard-8-2"), Instant.parse("2026-01-05T00:00:00Z"))
        .yearScores(f.inputs(spark), Y, null)
        .drop("pre_grade", "tie_break_total", "quota_n", "quota_size", "quota_rank")
        .write().format("delta").partitionBy("year").save(wh.path(Warehouse.GOLD, ScoringJob.YEAR_TABLE));
  }

  private static MemberHistory history(String member) {
    return MemberHistories.read(wh, () -> spark, member, Y);
  }

  private static String explanation(MemberHistory h) {
    return String.join("\n", h.annual().explanation());
  }

  @Test
  @Order(1)
  void anOlderWarehouseSaysTheDetailsAreNotRecorded() {
    MemberHistory.Annual a = history("Q01").annual();
    assertTrue(a.quotaLimited());
    assertEquals("合格", a.grade());
    assertNull(a.quotaSize());
    assertNull(a.preGrade());
    assertTrue(explanation(history("Q01")).contains("本人受名额限制，等次由优秀调整为合格；该年度评分时尚未记录名额计算明细"),
        explanation(history("Q01")));
  }

  @Test
  @Order(2)
  void rescoringAddsTheQuotaColumnsToTheOlderTable() {
    ScoreOptions vanguard = ScoreOptions.defaults().withScheme("vanguard-8-2");
    ScoringJob.run(spark, wh, Y + "Q1", vanguard);
    ScoringJob.run(spark, wh, String.valueOf(Y), vanguard);
    Row q01 = wh.read(spark, Warehouse.GOLD, ScoringJob.YEAR_TABLE).where("member_code = 'Q01'").first();
    assertEquals("优秀", q01.getAs("pre_grade"));
    assertEquals("合格", q01.getAs("grade"));
    assertEquals(new BigDecimal("5.00"), q01.getAs("tie_break_total"));
    assertEquals(20, q01.<Integer>getAs("quota_n"));
    assertEquals(3, q01.<Integer>getAs("quota_size"));
    assertEquals(4, q01.<Integer>getAs("quota_rank"));
    Row q07 = wh.read(spark, Warehouse.GOLD, ScoringJob.YEAR_TABLE).where("member_code = 'Q07'").first();
    assertNull(q07.getAs("quota_rank"), "合格 by the score: outside the 优秀 band");
    Row q06 = wh.read(spark, Warehouse.GOLD, ScoringJob.YEAR_TABLE).where("member_code = 'Q06'").first();
    assertEquals("不合格", q06.getAs("pre_grade"), "a hard fail is 不合格 before the quota");
    assertNull(q06.getAs("quota_rank"));
  }

  @Test
  @Order(3)
  void aTieOnScoreDecidedByTheDeductions() {
    MemberHistory h = history("Q01");
    MemberHistory.Annual a = h.annual();
    assertEquals(new BigDecimal("96.0"), a.score());
    assertEquals("优秀", a.preGrade());
    assertEquals("合格", a.grade());
    assertTrue(a.quotaLimited());
    assertEquals(20, a.quotaN());
    assertEquals(3, a.quotaSize());
    assertEquals(4, a.quotaRank());
    // rank(): Q04 and Q06 100.0 share 1, the three 96.0 share 3.
    assertEquals(3, a.rankInBranch());
    assertEquals(20, a.gradedInBranch());
    String e = explanation(h);
    assertTrue(e.contains("年度得分 = 0.8×日常考核(95.0) + 0.2×年度评议(100.0) + 奖励加分(0.0) + 处罚扣分(0.0) = 96.0，"
        + "四舍五入保留一位小数为96.0分。"), e);
    assertTrue(e.contains("按等次标准（优秀≥90、合格≥70、基本合格≥60、其余不合格），96.0分对应优秀。"), e);
    assertTrue(e.contains("已评定等次的20名党员中排第3名（与另外2名党员同分并列"), e);
    assertTrue(e.contains("优秀名额为⌊15%×20⌋ = 3名"), e);
    assertTrue(e.contains("本人得分96.0分，D01–D99扣分合计5，在本支部优秀分数段的5名党员中排第4名"), e);
    assertTrue(e.contains("超出名额3名。名额内最后一名（第3名）得分96.0分、D01–D99扣分合计0，与本人同分，由扣分合计决定（对方扣分更少）"), e);
    assertTrue(e.contains("本人等次由优秀调整为合格（受名额限制），年度得分不变"), e);
    assertTrue(e.contains("未列入不合格党员处置名单（处置条件：年度不合格；或连续2年基本合格）"), e);
  }

  @Test
  @Order(4)
  void keptOnTheDeductionsLimitedOnTheScoreOrOnTheCode() {
    String q03 = explanation(history("Q03"));
    assertTrue(q03.contains("排第3名"), q03);
    assertTrue(q03.contains("在名额之内，保留优秀。名额外第一名（第4名）得分96.0分、D01–D99扣分合计5，与本人同分，"
        + "由扣分合计决定（本人扣分更少）"), q03);
    String q05 = explanation(history("Q05"));
    assertTrue(q05.contains("排第5名"), q05);
    assertTrue(q05.contains("名额内最后一名（第3名）得分96.0分、D01–D99扣分合计0，对方得分更高，由得分决定"), q05);
    MemberHistory t02 = history("T02");
    assertEquals(1, t02.annual().quotaSize());
    assertEquals(7, t02.annual().quotaN());
    assertTrue(explanation(t02).contains("优秀名额为⌊15%×7⌋ = 1名"), explanation(t02));
    assertTrue(explanation(t02).contains("与本人同分且扣分合计相同，按党员编号决定（对方编号在前）"), explanation(t02));
    assertFalse(history("T01").annual().quotaLimited());
    assertTrue(explanation(history("T01")).contains("按党员编号决定（本人编号在前）"));
    String q07 = explanation(history("Q07"));
    assertTrue(q07.contains("本人按得分应得合格，不在优秀分数段内，名额不影响本人等次"), q07);
  }

  @Test
  @Order(5)
  void quarterRowsAreNeverLimitedAndShowTheirComponents() {
    MemberHistory h = history("Q01");
    assertEquals(List.of("日常考核", "年度评议", "奖励加分", "处罚扣分"), h.componentNames());
    MemberHistory.Quarter q1 = h.quarters().get(0);
    // Q1: max(0, 100 − 5) + 0 + 0 = 95.0 优秀; every other member of Q scores 100.0: rank 20 of 20.
    assertEquals(new BigDecimal("95.0"), q1.score());
    assertEquals("优秀", q1.grade());
    assertEquals(20, q1.rankInBranch());
    assertEquals(20, q1.gradedInBranch());
    assertEquals(new BigDecimal("95.00"), q1.components().get(0));
    assertNull(q1.components().get(1), "no evaluation in a quarter");
    assertTrue(h.quarters().get(1).note().contains("本季度尚未评分"), h.quarters().get(1).note());
  }

  @Test
  @Order(6)
  void theAppealFileCarriesTheExplanation() throws Exception {
    // Kept under target/appeal-files to be rendered and looked at (soffice --convert-to pdf).
    Path file = Path.of("target", "appeal-files", "Q01_2025.xlsx");
    MemberHistoryWorkbook.write(history("Q01"), PackOptions.of("test"), file);
    try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(file))) {
      Sheet s = wb.getSheet(MemberHistoryWorkbook.SHEET_OVERVIEW);
      StringBuilder all = new StringBuilder();
      s.forEach(r -> r.forEach(c -> all.append(c.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING
          ? c.getStringCellValue() : "").append('|')));
      String text = all.toString();
      assertTrue(text.contains("最终等次|合格（受名额限制）"), text);
      assertTrue(text.contains("名额|3名（本支部参与名额计算的党员20名），本人在名额等次分数段中排第4名"), text);
      assertTrue(text.contains("由扣分合计决定（对方扣分更少）"), text);
      Cell grade = null;
      for (org.apache.poi.ss.usermodel.Row r : s) {
        if (r.getCell(0) != null && "2025年第一季度".equals(r.getCell(0).getStringCellValue())) {
          grade = r.getCell(6);
        }
      }
      assertEquals("优秀", grade.getStringCellValue());
    }
  }
}
