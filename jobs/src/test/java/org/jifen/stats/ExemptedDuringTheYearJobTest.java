package org.jifen.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jifen.config.DistrictConfig;
import org.jifen.score.ScoreOptions;
import org.jifen.score.ScoringJob;
import org.jifen.spark.Progress;
import org.jifen.spark.Warehouse;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Members exempted during the year, end to end (issue 8, DOMAIN §8): silver → the scoring job
 * (the years, and 2023Q4) → the aggregation job, one year per scheme in one warehouse
 * (2023 district-100, 2024 vanguard-8-2, 2025 branch-80-20, set in config/district.yaml).
 * Org tree: 区委 D → 党委 C1 (B1, B2) and 党委 C2 (B3); every branch submits every quarter.
 * In every year X4 is in points management in Q1–Q3 and exempted in Q4, X2 is exempted in Q2 and
 * back in Q3, N… is exempt all year. The same arithmetic, member by member, is in
 * {@code org.jifen.score.ExemptedDuringTheYearTest}.
 */
class ExemptedDuringTheYearJobTest {
  private static final boolean IN = true;
  private static final boolean EXEMPT = false;

  private static SparkSession spark;
  private static Warehouse wh;

  @BeforeAll
  static void scoreAndAggregate() {
    spark = SharedSpark.get();
    StatsFixture f = new StatsFixture()
        .org("D", "某区委", null, "区委", "机关", "有效")
        .org("C1", "第一党委", "D", "党委", "机关", "有效")
        .org("B1", "第一支部", "C1", "党支部", "机关", "有效")
        .org("B2", "第二支部", "C1", "党支部", "机关", "有效")
        .org("C2", "第二党委", "D", "党委", "社区", "有效")
        .org("B3", "社区支部", "C2", "党支部", "社区", "有效");
    for (int y = 2023; y <= 2025; y++) {
      for (int q = 1; q <= 4; q++) {
        for (String b : List.of("B1", "B2", "B3")) {
          f.submission(y + "Q" + q, b, "on_time");
        }
      }
    }

    // 2023 district-100. Quarter = 80 + bonuses − deductions; year = mean of the quarters in points management.
    roster(f, 2023, "B1", "D-A1", IN, IN, IN, IN);                      // 80 ×4 → 80.0 良好
    roster(f, 2023, "B1", "D-X4", IN, IN, IN, EXEMPT);
    entries(f, 2023, 1, "B1", "D-X4", "A6:5", "A7:5", "A9:2");           // Q1 92
    entries(f, 2023, 2, "B1", "D-X4", "B2:-5", "B2:-3", "B4:-5", "A5:3", "A7:5", "A9:2", "A9:2"); // Q2 67 + 10 = 77
    entries(f, 2023, 3, "B1", "D-X4", "A8:5", "A9:0.5");                 // Q3 85.5
    entries(f, 2023, 4, "B1", "D-X4", "A5:3");                           // Q4 exempt: not counted
    roster(f, 2023, "B1", "D-N0", EXEMPT, EXEMPT, EXEMPT, EXEMPT);      // no annual result
    roster(f, 2023, "B2", "D-X2", IN, EXEMPT, IN, IN);
    entries(f, 2023, 1, "B2", "D-X2", "A6:5", "A7:5", "A9:2");           // Q1 92
    entries(f, 2023, 3, "B2", "D-X2", "B2:-5", "B2:-3", "B4:-5", "A5:3", "A7:5", "A9:2", "A9:2"); // Q3 77; Q4 80
    roster(f, 2023, "B2", "D-A2", IN, IN, IN, IN);
    entries(f, 2023, 1, "B2", "D-A2", "B2:-5");                          // 75, 80, 80, 80 → 78.75 → 78.8 合格
    roster(f, 2023, "B3", "D-A3", IN, IN, IN, IN);
    for (int q = 1; q <= 4; q++) {
      entries(f, 2023, q, "B3", "D-A3", "A6:5", "A7:5");                 // 90 ×4 → 90.0 优秀
    }

    // 2024 vanguard-8-2: 0.8 × daily + 0.2 × evaluation + min(10, rewards) + penalties.
    roster(f, 2024, "B1", "V-V1", IN, IN, IN, IN);
    f.evaluation(2024, "B1", "V-V1", null, "100");                       // 80 + 20 = 100.0
    roster(f, 2024, "B1", "V-X4", IN, IN, IN, EXEMPT);
    entries(f, 2024, 1, "B1", "V-X4", "D01:-5");
    entries(f, 2024, 2, "B1", "V-X4", "R01:4");
    entries(f, 2024, 4, "B1", "V-X4", "P01:-20");                        // exempt quarter: not counted
    f.evaluation(2024, "B1", "V-X4", null, "95");                        // 0.8×95 + 0.2×95 + 4 = 99.0
    roster(f, 2024, "B1", "V-X2", IN, EXEMPT, IN, IN);
    entries(f, 2024, 1, "B1", "V-X2", "D01:-10");
    entries(f, 2024, 2, "B1", "V-X2", "D02:-30");                        // exempt quarter: not counted
    entries(f, 2024, 3, "B1", "V-X2", "R01:3");
    f.evaluation(2024, "B1", "V-X2", "合格", null);                      // 0.8×90 + 0.2×80 + 3 = 91.0
    for (String m : List.of("V-V3", "V-V4", "V-V5", "V-V6")) {
      roster(f, 2024, "B1", m, IN, IN, IN, IN);
      f.evaluation(2024, "B1", m, "不合格", null);                        // 0.8×100 + 0.2×40 = 88.0 合格
    }
    roster(f, 2024, "B1", "V-XN", IN, IN, IN, EXEMPT);                  // no evaluation: 未评定
    roster(f, 2024, "B3", "V-W1", IN, IN, IN, IN);
    f.evaluation(2024, "B3", "V-W1", "不合格", null);                    // 88.0 合格
    roster(f, 2024, "B3", "V-N3", EXEMPT, EXEMPT, EXEMPT, EXEMPT);

    // 2025 branch-80-20: max(0, 80 + deductions) + evaluation points (优秀 20, 合格 15, 基本合格 10, 不合格 0).
    roster(f, 2025, "B1", "B-X4", IN, IN, IN, EXEMPT);
    entries(f, 2025, 1, "B1", "B-X4", "N01:-1");
    entries(f, 2025, 3, "B1", "B-X4", "N02:-2");
    entries(f, 2025, 4, "B1", "B-X4", "N03:-5");                         // exempt quarter: not counted
    f.evaluation(2025, "B1", "B-X4", "合格", null);                      // 77 + 15 = 92.0 优秀
    roster(f, 2025, "B1", "B-R1", IN, IN, IN, IN);
    entries(f, 2025, 2, "B1", "B-R1", "N05:-5");
    f.evaluation(2025, "B1", "B-R1", "基本合格", null);                  // 75 + 10 = 85.0 合格
    roster(f, 2025, "B2", "B-X2", IN, EXEMPT, IN, IN);
    entries(f, 2025, 1, "B2", "B-X2", "N03:-5");
    entries(f, 2025, 2, "B2", "B-X2", "N04:-20");                        // exempt quarter: not counted
    entries(f, 2025, 4, "B2", "B-X2", "N01:-1");
    f.evaluation(2025, "B2", "B-X2", "基本合格", null);                  // 74 + 10 = 84.0 合格
    roster(f, 2025, "B2", "B-R2", IN, IN, IN, IN);
    f.evaluation(2025, "B2", "B-R2", "优秀", null);                      // 80 + 20 = 100.0 优秀
    roster(f, 2025, "B3", "B-R3", IN, IN, IN, IN);
    for (int q = 1; q <= 3; q++) {
      entries(f, 2025, q, "B3", "B-R3", "N03:-5");
    }
    f.evaluation(2025, "B3", "B-R3", "不合格", null);                    // 65 + 0 = 65.0 基本合格
    roster(f, 2025, "B3", "B-N3", EXEMPT, EXEMPT, EXEMPT, EXEMPT);

    wh = f.write(spark, TestWarehouses.tempDir("jifen-exempted-during-year"));
    DistrictConfig.defaults().withScheme(2023, "district-100").withScheme(2024, "vanguard-8-2")
        .withScheme(2025, "branch-80-20").write(spark.sparkContext().hadoopConfiguration(), wh);
    // The years are what this test is about; of the quarters only 2023Q4 is scored (the quarter of
    // an exemption stays as it was). Each scoring run costs seconds on a small machine.
    ScoringJob.run(spark, wh, "2023Q4", ScoreOptions.defaults());
    for (int y = 2023; y <= 2025; y++) {
      ScoringJob.run(spark, wh, String.valueOf(y), ScoreOptions.defaults());
    }
    AggregateJob.run(spark, wh, null, Progress.none());
  }

  private static void roster(StatsFixture f, int year, String branch, String code, boolean... inPm) {
    for (int q = 1; q <= 4; q++) {
      f.roster(year + "Q" + q, branch, code, StatsFixture.FULL, "在职", inPm[q - 1]);
    }
  }

  /** Entries "ITEM:points" of one quarter, dated mid-quarter. */
  private static void entries(StatsFixture f, int year, int quarter, String branch, String code, String... items) {
    String date = String.format("%d-%02d-15", year, quarter * 3 - 1);
    for (String it : items) {
      String[] p = it.split(":");
      f.entry(year + "Q" + quarter, branch, code, date, p[0], p[1], null);
    }
  }

  private static Row year(String code) {
    List<Row> r = wh.read(spark, Warehouse.GOLD, ScoringJob.YEAR_TABLE).where("member_code = '" + code + "'")
        .collectAsList();
    assertEquals(1, r.size(), code + ": " + r);
    return r.get(0);
  }

  private static Row stats(String period, String node) {
    List<Row> r = wh.read(spark, Warehouse.GOLD, "org_period_stats").where(String.format(
        "period = '%s' and node_code = '%s' and cut_type = 'org'", period, node)).collectAsList();
    assertEquals(1, r.size(), period + " " + node + ": " + r);
    return r.get(0);
  }

  /** total, exempt, participating, graded, incomplete, mean, grade counts of a node's year row. */
  private static void assertNode(String period, String node, long total, long exempt, long participating,
      long graded, long incomplete, String mean, List<Long> grades) {
    Row s = stats(period, node);
    String at = period + " " + node;
    assertEquals(total, n(s, "members_total"), at + " members_total");
    assertEquals(exempt, n(s, "members_exempt"), at + " members_exempt");
    assertEquals(participating, n(s, "members_participating"), at + " members_participating");
    assertEquals(graded, n(s, "members_graded"), at + " members_graded");
    assertEquals(incomplete, n(s, "members_incomplete"), at + " members_incomplete");
    assertEquals(mean == null ? null : new BigDecimal(mean), s.getAs("score_mean"), at + " score_mean");
    assertEquals(grades, s.getList(s.fieldIndex("grade_counts")).stream().map(x -> ((Number) x).longValue()).toList(),
        at + " grade_counts");
  }

  private static long n(Row r, String col) {
    return ((Number) r.getAs(col)).longValue();
  }

  private static void assertYear(String code, String score, String grade, String status, int quarters) {
    Row r = year(code);
    assertEquals(score == null ? null : new BigDecimal(score), r.getAs("score"), code + " score");
    assertEquals(grade, r.getAs("grade"), code + " grade");
    assertEquals(status, r.getAs("status"), code + " status");
    assertEquals(quarters, (int) r.getAs("quarters_counted"), code + " quarters_counted");
  }

  @Test
  void district100() {
    // X4: (92 + 77 + 85.5) / 3 = 84.8333… → 84.8 良好; X2: (92 + 77 + 80) / 3 = 83.0 良好
    assertYear("D-X4", "84.8", "良好", "graded", 3);
    assertYear("D-X2", "83.0", "良好", "graded", 3);
    assertYear("D-A2", "78.8", "合格", "graded", 4);
    assertTrue(wh.read(spark, Warehouse.GOLD, ScoringJob.YEAR_TABLE).where("member_code = 'D-N0'").isEmpty(),
        "never in points management: no annual result");
    // The exempt quarter itself is unchanged: X4 and N0 are the two exempt members of B1 in 2023Q4.
    assertNode("2023Q4", "B1", 3, 2, 1, 1, 0, "80.00", List.of(0L, 1L, 0L, 0L));
    // B1: A1 80.0, X4 84.8 graded, N0 exempt → mean (80.0 + 84.8) / 2 = 82.40
    assertNode("2023", "B1", 3, 1, 2, 2, 0, "82.40", List.of(0L, 2L, 0L, 0L));
    // C1 = B1 + B2 (X2 83.0, A2 78.8): (80.0 + 84.8 + 83.0 + 78.8) / 4 = 326.6 / 4 = 81.65
    assertNode("2023", "C1", 5, 1, 4, 4, 0, "81.65", List.of(0L, 3L, 1L, 0L));
    // D = C1 + B3 (A3 90.0): 416.6 / 5 = 83.32; participation 5 / 6 = 0.8333
    assertNode("2023", "D", 6, 1, 5, 5, 0, "83.32", List.of(1L, 3L, 1L, 0L));
    assertEquals(new BigDecimal("0.8333"), stats("2023", "D").getAs("participation_rate"));
  }

  @Test
  void vanguard82QuotaCountsTheMemberExemptedInQ4() {
    // B1's members with an annual score: V1 100.0, X4 99.0, X2 91.0, V3–V6 88.0 → N = 7,
    // ⌊15 × 7 / 100⌋ = ⌊1.05⌋ = 1 keeps 优秀. Without X4 N would be 6 and ⌊0.9⌋ = 0: even V1
    // would lose 优秀. X4 (rank 2) and X2 (rank 3) are in the 优秀 band and quota-limited to 合格.
    assertYear("V-V1", "100.0", "优秀", "graded", 4);
    assertFalse(year("V-V1").<Boolean>getAs("quota_limited"));
    assertYear("V-X4", "99.0", "合格", "graded", 3);
    assertTrue(year("V-X4").<Boolean>getAs("quota_limited"));
    assertEquals(2, (int) year("V-X4").getAs("rank_in_branch"));
    assertYear("V-X2", "91.0", "合格", "graded", 3);
    assertTrue(year("V-X2").<Boolean>getAs("quota_limited"));
    assertYear("V-V3", "88.0", "合格", "graded", 4);
    assertFalse(year("V-V3").<Boolean>getAs("quota_limited"));
    // Exempted in Q4 without an evaluation: 未评定, participating but not graded, not in N.
    assertYear("V-XN", null, null, "incomplete", 3);
    assertNull(year("V-XN").getAs("rank_in_branch"));
    // B1: 8 members, all participating; 7 graded: (100 + 99 + 91 + 4 × 88) / 7 = 642 / 7 = 91.714… → 91.71
    assertNode("2024", "B1", 8, 0, 8, 7, 1, "91.71", List.of(1L, 6L, 0L, 0L));
    assertNode("2024", "C1", 8, 0, 8, 7, 1, "91.71", List.of(1L, 6L, 0L, 0L));
    // D = B1 + B3 (W1 88.0, N3 exempt all year): 10 members, 1 exempt, 9 participating, 8 graded,
    // (642 + 88) / 8 = 730 / 8 = 91.25
    assertNode("2024", "D", 10, 1, 9, 8, 1, "91.25", List.of(1L, 7L, 0L, 0L));
  }

  @Test
  void branch8020() {
    // X4: 80 − 1 − 2 = 77 + 合格 15 = 92.0 优秀; X2: 80 − 5 − 1 = 74 + 基本合格 10 = 84.0 合格
    assertYear("B-X4", "92.0", "优秀", "graded", 3);
    assertYear("B-X2", "84.0", "合格", "graded", 3);
    // B1: X4 92.0, R1 85.0 → 88.50
    assertNode("2025", "B1", 2, 0, 2, 2, 0, "88.50", List.of(1L, 1L, 0L, 0L));
    // C1 = B1 + B2 (X2 84.0, R2 100.0): 361 / 4 = 90.25
    assertNode("2025", "C1", 4, 0, 4, 4, 0, "90.25", List.of(2L, 2L, 0L, 0L));
    // D = C1 + B3 (R3 65.0 基本合格, N3 exempt all year): 426 / 5 = 85.20
    assertNode("2025", "D", 6, 1, 5, 5, 0, "85.20", List.of(2L, 2L, 1L, 0L));
  }

  @Test
  void theOtherGoldTablesSeeTheSameAnnualResults() {
    // 优秀候选 of 2025: the member exempted in Q4 is on it with R2.
    Set<String> excellent = wh.read(spark, Warehouse.GOLD, "watch_lists")
        .where("period = '2025' and list = 'excellent'").collectAsList().stream()
        .map(r -> r.<String>getAs("member_code")).collect(Collectors.toSet());
    assertEquals(Set.of("B-X4", "B-R2"), excellent);
    // Branch ranking of 2023 uses B1's mean over both graded members.
    Row b1 = wh.read(spark, Warehouse.GOLD, "branch_ranking").where("period = '2023' and branch_code = 'B1'")
        .collectAsList().get(0);
    assertEquals(2L, n(b1, "members_graded"));
    assertEquals(new BigDecimal("82.40"), b1.getAs("score_mean"));
    // District participation 2023 5/6 = 0.8333 → 2024 9/10 = 0.9000: +0.0667 year over year.
    Row t = wh.read(spark, Warehouse.GOLD, "org_trend")
        .where("period = '2024' and node_code = 'D' and cut_type = 'org'").collectAsList().get(0);
    assertEquals(new BigDecimal("0.0667"), t.getAs("participation_rate_change_yoy"));
  }
}
