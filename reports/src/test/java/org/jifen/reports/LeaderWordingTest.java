package org.jifen.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.jifen.reports.FailReasons.Facts;
import org.jifen.reports.FailReasons.FlagItem;
import org.jifen.reports.PackData.Flag;
import org.junit.jupiter.api.Test;

/** The wording helpers leader documents share: probabilities, signal periods, 不合格 reasons, title lines. */
class LeaderWordingTest {

  @Test
  void oneProbabilityWordingForEveryPValue() {
    assertEquals("不足百万分之一", Zh.chance(new BigDecimal("4.4E-8")));
    assertEquals("不足万分之一", Zh.chance(new BigDecimal("0.000001")), "one in a million is not below it");
    assertEquals("不足万分之一", Zh.chance(new BigDecimal("0.00002")));
    assertEquals("不足千分之一", Zh.chance(new BigDecimal("0.0001")), "the resampling floor 1/10000");
    assertEquals("约1.2%", Zh.chance(new BigDecimal("0.0123")));
    assertNull(Zh.chance(null));
  }

  static Flag flag(String period) {
    return new Flag(period, "B1", "甲党支部", "excellent_share", "优秀占比畸高", 10, 40L, null, null, null, null, null);
  }

  @Test
  void signalPeriodsNameEveryPeriodADetailCanName() {
    assertEquals("第二季度", Narrative.periods(List.of(flag("2025Q2"))));
    assertEquals("第一、三季度", Narrative.periods(List.of(flag("2025Q3"), flag("2025Q1"))));
    assertEquals("第一、二季度", Narrative.periods(List.of(flag("2025Q1"), flag("2025Q2"))));
    assertEquals("第二至四季度", Narrative.periods(List.of(flag("2025Q2"), flag("2025Q3"), flag("2025Q4"))));
    assertEquals("第一至四季度\n全年", Narrative.periods(List.of(flag("2025"), flag("2025Q1"), flag("2025Q2"),
        flag("2025Q3"), flag("2025Q4"))));
    assertEquals("全年", Narrative.periods(List.of(flag("2025"))));
  }

  @Test
  void aFailReasonSaysWhy() {
    FlagItem v12 = new FlagItem("2025Q2", "V12", "被立案审查或处于处分期");
    FlagItem v12again = new FlagItem("2025Q3", "V12", "被立案审查或处于处分期");
    FlagItem x01 = new FlagItem("2025Q3", "X01", "连续6个月不交纳党费");
    FlagItem z01 = new FlagItem("2025Q1", "Z01", "受留党察看及以上处分");
    assertEquals("一票否决：V12 被立案审查或处于处分期",
        FailReasons.reason(new Facts(true, false, false, List.of(v12)), BigDecimal.ZERO, "不合格", false));
    assertEquals("一票否决：V12 被立案审查或处于处分期（第二、三季度）",
        FailReasons.reason(new Facts(true, false, false, List.of(v12, v12again)), BigDecimal.ZERO, "不合格", true));
    assertEquals("硬性不合格：X01 连续6个月不交纳党费（第三季度），得分86.5分",
        FailReasons.reason(new Facts(false, true, false, List.of(x01)), new BigDecimal("86.5"), "不合格", true));
    assertEquals("年度得分归零：Z01 受留党察看及以上处分（第一季度）",
        FailReasons.reason(new Facts(false, false, true, List.of(z01)), BigDecimal.ZERO, "不合格", true));
    assertEquals("得分52.0分，处于不合格等次分数段",
        FailReasons.reason(new Facts(false, false, false, List.of()), new BigDecimal("52.0"), "不合格", false));
    assertEquals("年度得分52.0分，处于不合格等次分数段", FailReasons.reason(null, new BigDecimal("52.0"), "不合格", true));
    assertEquals("一票否决", FailReasons.reason(new Facts(true, false, false, List.of()), BigDecimal.ZERO, "不合格", false),
        "a veto whose item the mart does not have");
  }

  @Test
  void aBareReasonIsReplacedAndAReasonThatSaysWhyIsKept() {
    assertTrue(FailReasons.bare(null));
    assertTrue(FailReasons.bare("不合格 0.0"));
    assertTrue(FailReasons.bare("不合格 45.5"));
    assertTrue(FailReasons.bare("年度 0.0 不合格，列入不合格党员处置"));
    assertFalse(FailReasons.bare("一票否决：V12 受到审查或处于处分期"));
    assertFalse(FailReasons.bare("连续两年基本合格，列入不合格党员处置"));
  }

  @Test
  void aLongTitleBreaksAfterTheUnitsName() {
    assertEquals(List.of("青山区委党员积分管理情况统计分析报告"), AnalysisReport.titleLines("青山区委"));
    assertEquals(List.of("青山区教育系统党委", "党员积分管理情况统计分析报告"), AnalysisReport.titleLines("青山区教育系统党委"));
    String longName = "青山区某某某某某某某某某某某某某某某某某某某委员会";
    assertTrue(AnalysisReport.titlePoints(longName) < AnalysisReport.TITLE_POINTS, "a name too long for a line shrinks");
    assertTrue(AnalysisReport.textTwips(longName, AnalysisReport.titlePoints(longName)) <= AnalysisReport.TEXT_W
        || AnalysisReport.titlePoints(longName) == AnalysisReport.TITLE_MIN_POINTS);
  }

  @Test
  void aTrendThatIncludesBranchesGradedInOnePeriodOnlyNamesThemAndGivesTheLikeForLikeChange() {
    // QS03 2025Q4 of the samples: +1.10 over all branches, +0.47 over those graded in both quarters.
    assertEquals("其中丙党支部仅一期有评定结果；只比较两个季度均有评定结果的党支部，平均分上升0.47分。",
        Narrative.likeForLike("两个季度", new BigDecimal("1.10"), new BigDecimal("0.47"), List.of("QS03B03"),
            java.util.Map.of("QS03B03", "丙党支部")));
    assertEquals("其中甲、乙、B9等4个党支部仅一期有评定结果；只比较两个时期均有评定结果的党支部，平均分下降0.20分。",
        Narrative.likeForLike("两个时期", new BigDecimal("-0.50"), new BigDecimal("-0.20"),
            List.of("B1", "B2", "B9", "B4"), java.util.Map.of("B1", "甲", "B2", "乙")));
    assertEquals("", Narrative.likeForLike("两个季度", new BigDecimal("1.10"), new BigDecimal("1.10"), List.of(),
        java.util.Map.of()), "nothing left out: the plain change is like for like");
    assertEquals("", Narrative.likeForLike("两个季度", null, null, List.of("B1"), java.util.Map.of()));
  }

  @Test
  void aStatsTableRowCountedFromTheFirstQuarterIsExplained() {
    // QS03's 统计表二 of the samples: QS03B03's Q4 file was returned, its 14 members are counted from Q3.
    PackData.StatsRow b3 = new PackData.StatsRow(3, "org", "QS03B03", "丙党支部", 14, 0, 14,
        List.of(0L, 11L, 3L, 0L), List.of(0L, 0L, 0L, 0L), 0, 0, 0);
    PackData.StatsTable t = new PackData.StatsTable("2025H2", 2025, 2, "统计表二", "2025Q3", "2025Q4", true, true,
        "2025Q4", "青山区教育系统党委", null, List.of("优秀", "良好", "合格", "不合格"), List.of(b3),
        List.of("QS03B03"));
    assertEquals("丙党支部无2025年第四季度采用的台账（未报送或被退回），其党员数按第三季度名册统计，第四季度等次栏不含其党员。",
        StatisticsWorkbook.asOfFirstQuarterNote(t));
  }
}
