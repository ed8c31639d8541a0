package org.jifen.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jifen.scheme.Schemes;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** district-100 rules, all cases scored in one quarter run and one annual run (one member per case). */
class District100RulesTest {
  private static Map<String, Row> quarters;
  private static Map<String, Row> years;

  @BeforeAll
  static void score() {
    SparkSession spark = SharedSpark.get();
    int y = 2025;
    Fixture f = new Fixture()
        .memberAllYear("no_entries", "D1", y)
        .memberAllYear("base_floor", "D1", y).entry("base_floor", y, 1, "B3", "-15", "-10")
        .memberAllYear("base_items_separate", "D1", y).entry("base_items_separate", y, 1, "B1", "-5", "-5", "-5", "-5", "-5")
        .entry("base_items_separate", y, 1, "B2", "-3")
        .memberAllYear("bonus_cap", "D1", y).entry("bonus_cap", y, 1, "A5", "2", "2").entry("bonus_cap", y, 1, "A9", "1.5", "1")
        .memberAllYear("cap_per_quarter", "D1", y).entry("cap_per_quarter", y, 1, "A5", "3").entry("cap_per_quarter", y, 2, "A5", "3")
        .memberAllYear("veto_one_quarter", "D1", y).entry("veto_one_quarter", y, 2, "V12")
        .memberAllYear("rounding_once", "D1", y).entry("rounding_once", y, 1, "A9", "0.25").entry("rounding_once", y, 2, "A9", "0.25")
        .member("exempt", "D1", y, 1, Fixture.FULL, false).member("exempt", "D1", y, 2, Fixture.FULL, false)
        .member("exempt", "D1", y, 3, Fixture.FULL, false).member("exempt", "D1", y, 4, Fixture.FULL, false)
        .quarters("exempt_last_quarter", "D1", y, Fixture.FULL, 1, 2, 3)
        .member("exempt_last_quarter", "D1", y, 4, Fixture.FULL, false)
        .quarters("activist", "D1", y, Fixture.ACTIVIST, 1, 2, 3, 4).entry("activist", y, 1, "A6", "5")
        .quarters("probationary", "D1", y, Fixture.PROBATIONARY, 1, 2, 3, 4)
        .quarters("transfer", "D1", y, Fixture.FULL, 1, 2).quarters("transfer", "D2", y, Fixture.FULL, 3, 4)
        .entry("transfer", y, 1, "A5", "3")
        .quarters("partial_year", "D1", y, Fixture.FULL, 3, 4).entry("partial_year", y, 3, "A8", "5")
        .member("exempt_then_in", "D1", y, 1, Fixture.FULL, false).member("exempt_then_in", "D1", y, 2, Fixture.FULL, false)
        .quarters("exempt_then_in", "D1", y, Fixture.FULL, 3, 4).entry("exempt_then_in", y, 1, "V10")
        // ranks in branch R: 85, 85, 80 → 1, 1, 3
        .memberAllYear("rank_a", "R", y).entry("rank_a", y, 1, "A6", "5")
        .memberAllYear("rank_b", "R", y).entry("rank_b", y, 1, "A7", "5")
        .memberAllYear("rank_c", "R", y);
    Scorer s = new Scorer(spark, Schemes.load("district-100"), Instant.parse("2026-01-05T00:00:00Z"));
    SilverInputs in = f.inputs(spark);
    quarters = Fixture.byKey(s.quarterScores(in.year(y)).collectAsList(), true);
    years = Fixture.byKey(s.yearScores(in, y, null).collectAsList(), false);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', textBlock = """
      no_entries          | 2025Q1 | 80.0 | 良好   | graded
      base_floor          | 2025Q1 | 60.0 | 合格   | graded
      base_items_separate | 2025Q1 | 57.0 | 不合格 | graded
      bonus_cap           | 2025Q1 | 85.0 | 良好   | graded
      cap_per_quarter     | 2025Q1 | 83.0 | 良好   | graded
      cap_per_quarter     | 2025Q2 | 83.0 | 良好   | graded
      veto_one_quarter    | 2025Q1 | 80.0 | 良好   | graded
      veto_one_quarter    | 2025Q2 | 0.0  | 不合格 | graded
      rounding_once       | 2025Q1 | 80.3 | 良好   | graded
      exempt              | 2025Q1 | -    | -      | exempt
      exempt              | 2025Q3 | -    | -      | exempt
      activist            | 2025Q1 | 85.0 | -      | activist
      probationary        | 2025Q1 | 80.0 | 良好   | graded
      transfer            | 2025Q1 | 83.0 | 良好   | graded
      """)
  void quarterScores(String member, String period, String score, String grade, String status) {
    RuleCases.check(quarters, member + "@" + period, score, grade, status);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      no_entries          | 80.0 | 良好   | graded
      base_floor          | 75.0 | 合格   | graded
      veto_one_quarter    | 0.0  | 不合格 | graded
      rounding_once       | 80.1 | 良好   | graded
      exempt_last_quarter | 80.0 | 良好   | graded
      activist            | 81.3 | -      | activist
      probationary        | 80.0 | 良好   | graded
      transfer            | 80.8 | 良好   | graded
      partial_year        | 82.5 | 良好   | graded
      exempt_then_in      | 80.0 | 良好   | graded
      """)
  void annualScores(String member, String score, String grade, String status) {
    RuleCases.check(years, member, score, grade, status);
  }

  @Test
  void baseItemsAreFlooredOneByOne() {
    // B1 alone would be 20-25 = -5 → 0; the others stay; B2 -3 → 17: 0 + 17 + 20 + 20 = 57
    assertEquals(new BigDecimal("57.00"), RuleCases.components(quarters.get("base_items_separate@2025Q1")).get("base"));
    assertEquals(new BigDecimal("5.00"), RuleCases.components(quarters.get("bonus_cap@2025Q1")).get("bonus"));
  }

  @Test
  void vetoZeroesItsQuarterAndTheYear() {
    Row q2 = quarters.get("veto_one_quarter@2025Q2");
    assertTrue(q2.<Boolean>getAs("veto"));
    assertFalse(quarters.get("veto_one_quarter@2025Q1").<Boolean>getAs("veto"));
    Row y = years.get("veto_one_quarter");
    assertTrue(y.<Boolean>getAs("veto"));
    assertTrue(y.<Boolean>getAs("disposal"), "annual 不合格 goes on the disposal list");
    // a veto in a quarter the member was exempt does not count
    assertFalse(years.get("exempt_then_in").<Boolean>getAs("veto"));
    assertEquals(2, (int) years.get("exempt_then_in").getAs("quarters_counted"));
  }

  @Test
  void roundingHappensOnceOnTheAnnualScore() {
    // quarters 80.25, 80.25, 80, 80: exact mean 80.125 → 80.1; rounding quarters first (80.3, 80.3) would give 80.2
    assertEquals(new BigDecimal("80.1"), years.get("rounding_once").getAs("score"));
  }

  @Test
  void exemptMembersGetNoScoreAndNeverInPointsManagementNoAnnualRow() {
    assertFalse(years.containsKey("exempt"), "never in points management that year: no annual result");
    Row q = quarters.get("exempt@2025Q1");
    assertFalse(q.<Boolean>getAs("in_points_mgmt"));
    assertNull(q.getAs("rank_in_branch"));
    assertNull(q.getAs("percentile"));
  }

  @Test
  void activistsAreScoredButNeitherGradedNorRanked() {
    Row q = quarters.get("activist@2025Q1");
    assertNull(q.getAs("rank_in_branch"));
    assertNull(q.getAs("percentile"));
    assertNull(years.get("activist").getAs("rank_in_branch"));
    assertFalse(years.get("activist").<Boolean>getAs("disposal"));
  }

  @Test
  void transferredMemberIsGradedInTheBranchOfTheLatestQuarter() {
    Row y = years.get("transfer");
    assertEquals("D2", y.getAs("branch_code"));
    assertEquals(1, (int) y.getAs("rank_in_branch"), "alone among D2's graded members");
    assertEquals("D1", quarters.get("transfer@2025Q1").getAs("branch_code"));
    assertEquals("D2", quarters.get("transfer@2025Q4").getAs("branch_code"));
  }

  @Test
  void ranksShareTiesAndSkip() {
    assertEquals(1, (int) quarters.get("rank_a@2025Q1").getAs("rank_in_branch"));
    assertEquals(1, (int) quarters.get("rank_b@2025Q1").getAs("rank_in_branch"));
    assertEquals(3, (int) quarters.get("rank_c@2025Q1").getAs("rank_in_branch"));
    assertEquals(1.0, quarters.get("rank_a@2025Q1").<Double>getAs("percentile"), 1e-9);
    assertEquals(1.0 / 3, quarters.get("rank_c@2025Q1").<Double>getAs("percentile"), 1e-9);
    assertEquals(1, (int) quarters.get("rank_c@2025Q2").getAs("rank_in_branch"), "all 80 in Q2: shared first place");
  }

  @Test
  void scoreRowsCarryTheScheme() {
    Row q = quarters.get("no_entries@2025Q1");
    assertEquals("district-100", q.getAs("scheme_id"));
    assertEquals(Schemes.load("district-100").contentHash(), q.getAs("scheme_hash"));
    assertEquals(java.sql.Timestamp.from(Instant.parse("2026-01-05T00:00:00Z")), q.getAs("scored_at"));
    assertFalse(years.get("no_entries").<Boolean>getAs("quota_limited"));
  }
}
