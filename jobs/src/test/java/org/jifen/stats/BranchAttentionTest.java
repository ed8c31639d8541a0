package org.jifen.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.jifen.spark.Warehouse;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.Test;

/**
 * The favour-point signals on {@link TestWarehouses#attention()}: 83 graded members in 2025Q1,
 * four normal branches (scores 95 88 84 81 77 72 66 55, five of eight with a deduction, half the
 * self scores equal to 分值, entries mid-quarter) and one branch built to fire each signal.
 */
class BranchAttentionTest {
  private static Map<String, Row> rows() {
    Map<String, Row> m = new TreeMap<>();
    Warehouse wh = TestWarehouses.attention();
    for (Row r : wh.read(SharedSpark.get(), Warehouse.GOLD, "branch_attention").where("period = '2025Q1'")
        .collectAsList()) {
      m.put(r.getAs("branch_code") + "/" + r.getAs("signal"), r);
    }
    return m;
  }

  private static void assertSignal(Row r, String value, String baseline, String threshold) {
    assertTrue((Boolean) r.getAs("flagged"), r::toString);
    assertTrue((Boolean) r.getAs("eligible"), r::toString);
    assertEquals(new BigDecimal(value), r.getAs("value"), r::toString);
    assertEquals(new BigDecimal(baseline), r.getAs("baseline"), r::toString);
    assertEquals(new BigDecimal(threshold), r.getAs("threshold"), r::toString);
  }

  @Test
  void eachSignalFiresOnItsBranchWithValueBaselineAndThreshold() {
    Map<String, Row> r = rows();
    // 18 of 83 graded members are 优秀 district-wide (0.2169); SEX has 6 of 8.
    assertSignal(r.get("SEX/excellent_share"), "0.7500", "0.2169", "0.5169");
    // 45 of 83 members have a deduction; SND none.
    assertSignal(r.get("SND/no_deductions"), "0.0000", "0.5422", "0.0000");
    // Median spread of the ten eligible branches is the normal branches' 11.9347; SSP's is 0.1654.
    assertSignal(r.get("SSP/low_spread"), "0.1654", "11.9347", "2.9837");
    // 17 of 83 scores just above a grade bound; SBB all eight.
    assertSignal(r.get("SBB/boundary_bunching"), "1.0000", "0.2048", "0.5048");
    // 88 of 160 entries have 自评分 = 分值; SSE all 16.
    assertSignal(r.get("SSE/self_score_equal"), "1.0000", "0.5500", "0.9500");
    // 16 of 160 entries in the last 7 days of the quarter, all of SLR's.
    assertSignal(r.get("SLR/late_registration"), "1.0000", "0.1000", "0.9000");
    assertTrue(((String) r.get("SEX/excellent_share").getAs("detail")).contains("0.7500"));
  }

  @Test
  void normalAndTinyBranchesAreNotFlagged() {
    Map<String, Row> r = rows();
    Set<String> flagged = new TreeSet<>();
    r.forEach((k, v) -> {
      if ((Boolean) v.getAs("flagged")) {
        flagged.add(k);
      }
    });
    assertEquals(Set.of("SEX/excellent_share", "SND/no_deductions", "SSP/low_spread", "SBB/boundary_bunching",
        "SSE/self_score_equal", "SLR/late_registration"), flagged);
    assertEquals(6, r.keySet().stream().filter(k -> k.startsWith("N1/")).count());
    // STY: three members all 100 (优秀 share 1.0) but below the minimum size.
    Row tiny = r.get("STY/excellent_share");
    assertEquals(new BigDecimal("1.0000"), tiny.getAs("value"));
    assertFalse((Boolean) tiny.getAs("eligible"));
    assertFalse((Boolean) tiny.getAs("flagged"));
    // No entries: nothing to measure, no flag.
    assertNull(r.get("STY/late_registration").getAs("value"));
  }

  @Test
  void thresholdsAreOverridableByName() {
    AttentionThresholds t = AttentionThresholds.DEFAULTS.with(Map.of("excellent-share-margin", "0.25",
        "min-members", "8"));
    assertEquals(new BigDecimal("0.25"), t.excellentShareMargin());
    assertEquals(8, t.minMembers());
    assertEquals(AttentionThresholds.LATE_DAYS_DEFAULT, t.lateDays());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AttentionThresholds.DEFAULTS.with(Map.of("late-share", "1.5")));
    assertEquals("Attention threshold late-share must be between 0 and 1, got 1.5", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> AttentionThresholds.DEFAULTS.with(Map.of("foo", "1")));
    assertTrue(e.getMessage().startsWith("Unknown attention threshold 'foo'"), e.getMessage());
    assertEquals(List.of(new BigDecimal("0.1250")), List.of(StatsFunctions.rate(1L, 8L)));
    // Exactly half-up at the boundary: 79.125 → 79.13; quartile of 1-decimal scores.
    assertEquals(new BigDecimal("79.13"), StatsFunctions.mean(new BigDecimal("633.0"), 8L));
  }
}
