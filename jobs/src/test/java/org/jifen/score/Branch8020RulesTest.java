package org.jifen.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.jifen.scheme.Schemes;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** branch-80-20 rules, all cases in one quarter run and one annual run. */
class Branch8020RulesTest {
  private static Map<String, Row> quarters;
  private static Map<String, Row> years;

  @BeforeAll
  static void score() {
    SparkSession spark = SharedSpark.get();
    int y = 2025;
    Fixture f = new Fixture();
    String[][] evals = {
      {"daily_floor", "优秀", null}, {"zeroing", "优秀", null}, {"eval_score", null, "90"},
      {"eval_score_wins", "合格", "90"}, {"eval_grade_only", "基本合格", null}, {"quarter_scale", "合格", null},
      {"basic_pass_twice", "不合格", null}, {"no_entries", "优秀", null},
    };
    for (String[] e : evals) {
      f.memberAllYear(e[0], "B1", y).evaluation(e[0], y, e[1], e[2]);
    }
    f.entry("daily_floor", y, 1, "N04", "-20", "-20", "-20", "-20", "-20")
        .entry("zeroing", y, 3, "Z01")
        .entry("quarter_scale", y, 2, "N02", "-2")
        .entry("basic_pass_twice", y, 2, "N04", "-20");
    f.memberAllYear("zeroing_no_eval", "B1", y).entry("zeroing_no_eval", y, 4, "Z02");
    f.memberAllYear("incomplete", "B1", y).entry("incomplete", y, 1, "N01", "-1");
    Scorer s = new Scorer(spark, Schemes.load("branch-80-20"), Instant.now());
    SilverInputs in = f.inputs(spark);
    quarters = Fixture.byKey(s.quarterScores(in.year(y)).collectAsList(), true);
    years = Fixture.byKey(s.yearScores(in, y, spark.createDataFrame(
        List.of(RowFactory.create(2024, "basic_pass_twice", "基本合格")), Scorer.PREVIOUS_YEARS_SCHEMA)).collectAsList(), false);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', textBlock = """
      daily_floor   | 2025Q1 | 0.0   | 不合格 | graded
      zeroing       | 2025Q3 | 100.0 | 优秀   | graded
      quarter_scale | 2025Q2 | 97.5  | 优秀   | graded
      no_entries    | 2025Q1 | 100.0 | 优秀   | graded
      incomplete    | 2025Q1 | 98.8  | 优秀   | graded
      """)
  void quarterScores(String member, String period, String score, String grade, String status) {
    RuleCases.check(quarters, member + "@" + period, score, grade, status);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      daily_floor      | 20.0  | 不合格   | graded
      zeroing          | 0.0   | 不合格   | graded
      zeroing_no_eval  | 0.0   | 不合格   | graded
      eval_score       | 98.0  | 优秀     | graded
      eval_score_wins  | 98.0  | 优秀     | graded
      eval_grade_only  | 90.0  | 优秀     | graded
      quarter_scale    | 93.0  | 优秀     | graded
      basic_pass_twice | 60.0  | 基本合格 | graded
      no_entries       | 100.0 | 优秀     | graded
      incomplete       | -     | -        | incomplete
      """)
  void annualScores(String member, String score, String grade, String status) {
    RuleCases.check(years, member, score, grade, status);
  }

  @Test
  void zeroingActsOnTheYearOnlyAndQuarterRowsCarryTheFlag() {
    assertTrue(quarters.get("zeroing@2025Q3").<Boolean>getAs("zeroed"));
    assertFalse(quarters.get("zeroing@2025Q1").<Boolean>getAs("zeroed"));
    assertTrue(years.get("zeroing").<Boolean>getAs("zeroed"));
    assertTrue(years.get("zeroing").<Boolean>getAs("disposal"));
  }

  @Test
  void noQuotaInThisScheme() {
    long excellent = years.values().stream().filter(r -> "优秀".equals(r.getAs("grade"))).count();
    assertEquals(5, excellent, "all 优秀 of branch B1 keep it");
    assertTrue(years.values().stream().noneMatch(r -> r.<Boolean>getAs("quota_limited")));
  }

  @Test
  void basicPassTwoYearsRunningIsADisposalCandidate() {
    assertTrue(years.get("basic_pass_twice").<Boolean>getAs("disposal"));
    assertFalse(years.get("eval_grade_only").<Boolean>getAs("disposal"));
  }
}
