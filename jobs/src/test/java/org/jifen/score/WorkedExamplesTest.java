package org.jifen.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jifen.scheme.Schemes;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.Test;

/** The worked examples of DOMAIN §5, reproduced exactly. */
class WorkedExamplesTest {
  private static final Instant AT = Instant.parse("2026-01-05T02:00:00Z");

  private static void assertScore(Row r, String score, String grade) {
    assertEquals(new BigDecimal(score), r.getAs("score"), () -> r.toString());
    assertEquals(grade, r.getAs("grade"), () -> r.toString());
  }

  @Test
  void district100() {
    SparkSession spark = SharedSpark.get();
    // Quarters 92.0, 77.0 (the §5.1 quarter example), 85.5, 90.0.
    Fixture f = new Fixture().memberAllYear("M1", "B1", 2025)
        .entry("M1", 2025, 1, "A5", "3").entry("M1", 2025, 1, "A6", "5").entry("M1", 2025, 1, "A7", "4")
        .entry("M1", 2025, 2, "B2", "-5", "-3").entry("M1", 2025, 2, "B4", "-5").entry("M1", 2025, 2, "A5", "3")
        .entry("M1", 2025, 2, "A7", "5").entry("M1", 2025, 2, "A9", "2", "2")
        .entry("M1", 2025, 3, "A6", "5").entry("M1", 2025, 3, "A9", "0.5")
        .entry("M1", 2025, 4, "A7", "5").entry("M1", 2025, 4, "A8", "5");
    Scorer s = new Scorer(spark, Schemes.load("district-100"), AT);
    SilverInputs in = f.inputs(spark);
    Map<String, Row> q = Fixture.byKey(s.quarterScores(in.year(2025)).collectAsList(), true);
    assertScore(q.get("M1@2025Q1"), "92.0", "优秀");
    Row q2 = q.get("M1@2025Q2");
    assertScore(q2, "77.0", "合格");
    Map<String, BigDecimal> c = q2.getJavaMap(q2.fieldIndex("components"));
    assertEquals(new BigDecimal("67.00"), c.get("base"));
    assertEquals(new BigDecimal("10.00"), c.get("bonus"));
    assertScore(q.get("M1@2025Q3"), "85.5", "良好");
    assertScore(q.get("M1@2025Q4"), "90.0", "优秀");
    Row y = Fixture.byKey(s.yearScores(in, 2025, null).collectAsList(), false).get("M1");
    assertScore(y, "86.1", "良好");
    assertEquals(4, (int) y.getAs("quarters_counted"));
  }

  @Test
  void vanguard82() {
    SparkSession spark = SharedSpark.get();
    Fixture f = new Fixture().memberAllYear("V1", "B1", 2025)
        .entry("V1", 2025, 1, "D01", "-5").entry("V1", 2025, 3, "D07", "-7")
        .entry("V1", 2025, 2, "R01", "6").entry("V1", 2025, 3, "R02", "7").entry("V1", 2025, 4, "P01", "-2")
        .evaluation("V1", 2025, "优秀", null);
    // Six more graded members so that the quota (15% of 7 = 1) lets V1 keep 优秀.
    for (int i = 2; i <= 7; i++) {
      f.memberAllYear("V" + i, "B1", 2025).evaluation("V" + i, 2025, "合格", null);
    }
    Row y = Fixture.byKey(new Scorer(spark, Schemes.load("vanguard-8-2"), AT)
        .yearScores(f.inputs(spark), 2025, null).collectAsList(), false).get("V1");
    assertScore(y, "97.4", "优秀");
    assertEquals(false, y.getAs("quota_limited"));
  }

  @Test
  void branch8020() {
    SparkSession spark = SharedSpark.get();
    Fixture f = new Fixture().memberAllYear("N1", "B1", 2025)
        .entry("N1", 2025, 1, "N01", "-1", "-1").entry("N1", 2025, 1, "N03", "-5")
        .entry("N1", 2025, 3, "N01", "-1")
        .evaluation("N1", 2025, "合格", null);
    Scorer s = new Scorer(spark, Schemes.load("branch-80-20"), AT);
    SilverInputs in = f.inputs(spark);
    assertScore(s.quarterScores(in.quarter(2025, 1)).collectAsList().get(0), "91.3", "优秀");
    assertScore(Fixture.byKey(s.yearScores(in, 2025, null).collectAsList(), false).get("N1"), "87.0", "合格");
  }
}
