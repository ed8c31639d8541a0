package org.jifen.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.jifen.scheme.Schemes;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** vanguard-8-2 rules, all cases in one quarter run and one annual run. */
class Vanguard82RulesTest {
  private static Map<String, Row> quarters;
  private static Map<String, Row> years;

  @BeforeAll
  static void score() {
    SparkSession spark = SharedSpark.get();
    int y = 2025;
    Fixture f = new Fixture();
    // one-member cases, each alone in its own branch unless a quota case
    String[][] evals = {
      {"daily_floor", "合格", null}, {"rewards_cap_year", null, "50"}, {"rewards_cap_quarter", "合格", null},
      {"penalties_uncapped", "合格", null}, {"clamp_low", "合格", null}, {"eval_grade_only", "基本合格", null},
      {"eval_score_wins", "优秀", "70"}, {"eval_score_only", null, "88"}, {"hard_fail", "优秀", null},
      {"disposal_twice", "不合格", null}, {"disposal_once", "不合格", null}, {"fail_disposal", "不合格", null},
    };
    for (String[] e : evals) {
      f.memberAllYear(e[0], "S-" + e[0], y).evaluation(e[0], y, e[1], e[2]);
    }
    f.entry("daily_floor", y, 1, "D01", "-60").entry("daily_floor", y, 1, "D02", "-50")
        .entry("rewards_cap_year", y, 1, "R01", "6").entry("rewards_cap_year", y, 2, "R02", "6")
        .entry("rewards_cap_quarter", y, 1, "R01", "12")
        .entry("penalties_uncapped", y, 2, "P01", "-30")
        .entry("clamp_low", y, 3, "P02", "-150")
        .entry("hard_fail", y, 2, "X01")
        .entry("disposal_twice", y, 1, "P01", "-20").entry("disposal_once", y, 1, "P01", "-20")
        .entry("fail_disposal", y, 1, "P01", "-40");
    f.memberAllYear("incomplete", "S-incomplete", y);
    f.memberAllYear("incomplete_blank_row", "S-incomplete", y).evaluation("incomplete_blank_row", y, null, null);
    f.memberAllYear("hard_fail_no_eval", "S-hf", y).entry("hard_fail_no_eval", y, 4, "X02");

    // Quota, branch Q: 20 graded members (one a hard fail) → ⌊15 × 20 / 100⌋ = 3 keep 优秀.
    // An activist and a member without evaluation in the same branch do not count in N.
    f.memberAllYear("Q04", "Q", y).evaluation("Q04", y, null, "100");                                // 100.0
    f.memberAllYear("Q01", "Q", y).entry("Q01", y, 1, "D01", "-5").evaluation("Q01", y, null, "100"); // 96.0, D 5
    f.memberAllYear("Q02", "Q", y).evaluation("Q02", y, "合格", null);                                // 96.0, D 0
    f.memberAllYear("Q03", "Q", y).evaluation("Q03", y, "合格", null);                                // 96.0, D 0
    f.memberAllYear("Q05", "Q", y).evaluation("Q05", y, null, "55");                                 // 91.0
    f.memberAllYear("Q06", "Q", y).entry("Q06", y, 2, "X02").evaluation("Q06", y, null, "100");      // hard fail
    for (int i = 7; i <= 20; i++) {
      String c = String.format("Q%02d", i);
      f.memberAllYear(c, "Q", y).evaluation(c, y, "不合格", null);                                   // 88.0
    }
    f.quarters("Q21", "Q", y, Fixture.ACTIVIST, 1, 2, 3, 4).evaluation("Q21", y, null, "100");
    f.memberAllYear("Q22", "Q", y);
    // Quota floor, branch F: 6 graded → ⌊0.9⌋ = 0 keep 优秀.
    for (int i = 1; i <= 6; i++) {
      String c = "F0" + i;
      f.memberAllYear(c, "F", y).evaluation(c, y, i == 1 ? "优秀" : "不合格", null);
    }

    Dataset<Row> previous = spark.createDataFrame(List.of(
        RowFactory.create(2024, "disposal_twice", "基本合格"),
        RowFactory.create(2024, "disposal_once", "合格"),
        RowFactory.create(2023, "disposal_once", "基本合格")), Scorer.PREVIOUS_YEARS_SCHEMA);
    Scorer s = new Scorer(spark, Schemes.load("vanguard-8-2"), Instant.now());
    SilverInputs in = f.inputs(spark);
    quarters = Fixture.byKey(s.quarterScores(in.year(y)).collectAsList(), true);
    years = Fixture.byKey(s.yearScores(in, y, previous).collectAsList(), false);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', textBlock = """
      daily_floor         | 2025Q1 | 0.0   | 不合格 | graded
      rewards_cap_year    | 2025Q1 | 106.0 | 优秀   | graded
      rewards_cap_quarter | 2025Q1 | 110.0 | 优秀   | graded
      penalties_uncapped  | 2025Q2 | 70.0  | 合格   | graded
      clamp_low           | 2025Q3 | 0.0   | 不合格 | graded
      hard_fail           | 2025Q2 | 100.0 | 优秀   | graded
      Q01                 | 2025Q1 | 95.0  | 优秀   | graded
      incomplete          | 2025Q4 | 100.0 | 优秀   | graded
      """)
  void quarterScores(String member, String period, String score, String grade, String status) {
    RuleCases.check(quarters, member + "@" + period, score, grade, status);
  }

  // A one-member branch has a quota of ⌊15% × 1⌋ = 0: its 优秀 scores are published as 合格.
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      daily_floor          | 16.0  | 不合格   | graded
      rewards_cap_year     | 100.0 | 合格     | graded
      rewards_cap_quarter  | 106.0 | 合格     | graded
      penalties_uncapped   | 66.0  | 基本合格 | graded
      clamp_low            | 0.0   | 不合格   | graded
      eval_grade_only      | 93.0  | 合格     | graded
      eval_score_wins      | 94.0  | 合格     | graded
      eval_score_only      | 97.6  | 合格     | graded
      hard_fail            | 99.0  | 不合格   | graded
      hard_fail_no_eval    | -     | 不合格   | graded
      incomplete           | -     | -        | incomplete
      incomplete_blank_row | -     | -        | incomplete
      disposal_twice       | 68.0  | 基本合格 | graded
      Q04                  | 100.0 | 优秀     | graded
      Q02                  | 96.0  | 优秀     | graded
      Q03                  | 96.0  | 优秀     | graded
      Q01                  | 96.0  | 合格     | graded
      Q05                  | 91.0  | 合格     | graded
      Q06                  | 100.0 | 不合格   | graded
      Q07                  | 88.0  | 合格     | graded
      Q21                  | 100.0 | -        | activist
      Q22                  | -     | -        | incomplete
      F01                  | 99.0  | 合格     | graded
      """)
  void annualScores(String member, String score, String grade, String status) {
    RuleCases.check(years, member, score, grade, status);
  }

  @Test
  void quotaKeepsTheTopThreeByScoreThenDeductionsThenCode() {
    for (String kept : List.of("Q04", "Q02", "Q03")) {
      assertFalse(years.get(kept).<Boolean>getAs("quota_limited"), kept);
    }
    for (String limited : List.of("Q01", "Q05", "F01", "eval_score_only")) {
      assertTrue(years.get(limited).<Boolean>getAs("quota_limited"), limited);
    }
    assertFalse(years.get("Q06").<Boolean>getAs("quota_limited"), "a hard fail is 不合格, not quota-limited");
    assertFalse(years.get("Q21").<Boolean>getAs("quota_limited"));
    assertEquals(new BigDecimal("96.0"), years.get("Q01").getAs("score"), "the quota changes the grade, not the score");
  }

  @Test
  void quarterGradesAreNeverLimited() {
    long excellent = quarters.values().stream()
        .filter(r -> r.<String>getAs("branch_code").equals("Q") && r.getAs("period").equals("2025Q2"))
        .filter(r -> "优秀".equals(r.getAs("grade"))).count();
    assertEquals(21, excellent, "every graded member of Q (Q22 too) scores 100 in Q2; Q06's hard fail acts on the year only");
  }

  @Test
  void hardFailActsOnTheYearOnlyAndQuarterRowsCarryTheFlag() {
    assertTrue(quarters.get("hard_fail@2025Q2").<Boolean>getAs("hard_fail"));
    assertFalse(quarters.get("hard_fail@2025Q1").<Boolean>getAs("hard_fail"));
    assertTrue(years.get("hard_fail").<Boolean>getAs("hard_fail"));
    assertTrue(years.get("hard_fail").<Boolean>getAs("disposal"));
  }

  @Test
  void componentsAreNamedByTheScheme() {
    Map<String, BigDecimal> c = RuleCases.components(years.get("rewards_cap_year"));
    assertEquals(Map.of("daily", new BigDecimal("100.00"), "evaluation", new BigDecimal("50.00"),
        "rewards", new BigDecimal("10.00"), "penalties", new BigDecimal("0.00")), c);
    assertFalse(RuleCases.components(years.get("incomplete")).containsKey("evaluation"));
  }

  @Test
  void incompleteMembersAreNeitherRankedNorCounted() {
    Row r = years.get("incomplete");
    assertNull(r.getAs("rank_in_branch"));
    assertFalse(r.<Boolean>getAs("disposal"));
  }

  @Test
  void disposalAfterTwoConsecutiveYearsOfBasicPass() {
    assertTrue(years.get("disposal_twice").<Boolean>getAs("disposal"));
    assertEquals("基本合格", years.get("disposal_once").getAs("grade"));
    assertFalse(years.get("disposal_once").<Boolean>getAs("disposal"), "2023 基本合格, 2024 合格: not consecutive");
    assertEquals("不合格", years.get("fail_disposal").getAs("grade"));
    assertTrue(years.get("fail_disposal").<Boolean>getAs("disposal"));
    assertFalse(years.get("Q07").<Boolean>getAs("disposal"));
  }
}
