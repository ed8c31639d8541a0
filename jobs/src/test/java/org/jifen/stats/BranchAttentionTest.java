package org.jifen.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.math3.special.Beta;
import org.apache.spark.sql.Row;
import org.jifen.spark.Warehouse;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.Test;

/**
 * The favour-point signals on {@link TestWarehouses#attention()}: 203 graded members in 2025Q1,
 * ten branches of 20 tested (N1–N4 and the six built to fire one signal each) and STY (3 members).
 * District figures: 47 of 203 优秀, 72 of 203 with a deduction, 34 of 203 just above a grade line,
 * 220 of 400 entries with 自评分 = 分值, 40 of 400 entries in the last 7 days of the quarter.
 * Expected p-values come from the regularized incomplete beta, P(X ≥ k) = I_p(k, n - k + 1).
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

  private static void assertFired(Row r, String value, String baseline, String threshold, double p) {
    assertTrue((Boolean) r.getAs("flagged"), r::toString);
    assertTrue((Boolean) r.getAs("eligible"), r::toString);
    assertEquals(new BigDecimal(value), r.getAs("value"), r::toString);
    assertEquals(new BigDecimal(baseline), r.getAs("baseline"), r::toString);
    if (threshold != null) {
      assertEquals(new BigDecimal(threshold), r.getAs("threshold"), r::toString);
    }
    double actual = r.getAs("p_value");
    assertTrue(Math.abs(actual - p) <= 1e-9 * p, () -> "p_value " + actual + ", expected " + p + ": " + r);
    // Ten branches tested per signal; each signal fires on one, so its adjusted p-value is 10 p.
    assertEquals(Math.min(1, 10 * p), (double) r.getAs("p_adjusted"), 1e-9 * p, r::toString);
  }

  private static double upper(int k, int n, double p) {
    return Beta.regularizedBeta(p, k, n - k + 1);
  }

  @Test
  void eachSignalFiresOnItsBranchWithValueBaselineThresholdAndPValue() {
    Map<String, Row> r = rows();
    // SEX: 15 of 20 优秀 at 47/203; the one rejection sets the cutoff at its own p-value, so the
    // threshold for 20 members is 15 of 20.
    assertFired(r.get("SEX/excellent_share"), "0.7500", "0.2315", "0.7500", upper(15, 20, 47.0 / 203));
    // SND: none of 20 has a deduction at 72/203: (131/203)^20 = 0.000157.
    assertFired(r.get("SND/no_deductions"), "0.0000", "0.3547", "0.0000", Math.pow(131.0 / 203, 20));
    // SBB: all 20 just above a line at 34/203.
    assertFired(r.get("SBB/boundary_bunching"), "1.0000", "0.1675", "1.0000", Math.pow(34.0 / 203, 20));
    // SSE: 40 of 40 self scores equal at 0.55; SLR: 40 of 40 late at 0.1.
    assertFired(r.get("SSE/self_score_equal"), "1.0000", "0.5500", "1.0000", Math.pow(0.55, 40));
    assertFired(r.get("SLR/late_registration"), "1.0000", "0.1000", "1.0000", Math.pow(0.1, 40));
    // SSP: spread 0.1090 (nineteen 85s and one 85.5); no random branch of 20 comes that close, so
    // its p-value is the resampling floor 1 / (9999 + 1).
    Row ssp = r.get("SSP/low_spread");
    assertFired(ssp, "0.1090", ssp.<BigDecimal>getAs("baseline").toPlainString(), null, 1.0 / 10000);
    assertTrue(ssp.<BigDecimal>getAs("baseline").doubleValue() > 5, ssp::toString);
    assertTrue(ssp.<BigDecimal>getAs("value").compareTo(ssp.getAs("threshold")) < 0, ssp::toString);

    assertEquals("20名已评定党员中15人获优秀（全区基线23.2%），偶然出现的概率不足万分之一"
        + "；按本期参与检验的10个党支部做多重比较校正后仍显著（显著性水平0.01）", r.get("SEX/excellent_share").getAs("detail"));
    assertEquals("20名已评定党员本季度无人被扣分（全区有扣分的党员占35.5%），偶然出现的概率约为0.0002"
        + "；按本期参与检验的10个党支部做多重比较校正后仍显著（显著性水平0.01）", r.get("SND/no_deductions").getAs("detail"));
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
    // A normal branch: 3 of 20 优秀 is likely (P = 0.875); the bar for 20 members is 15.
    Row n1 = r.get("N1/excellent_share");
    assertEquals(upper(3, 20, 47.0 / 203), (double) n1.getAs("p_value"), 1e-12);
    assertEquals(new BigDecimal("0.7500"), n1.getAs("threshold"));
    assertEquals("20名已评定党员中3人获优秀（全区基线23.2%），偶然出现的概率约为0.87", n1.getAs("detail"));
    // SBB also has 8 of 20 优秀: P = 0.070, not significant among ten branches.
    Row sbb = r.get("SBB/excellent_share");
    assertEquals(upper(8, 20, 47.0 / 203), (double) sbb.getAs("p_value"), 1e-12);
    assertFalse((Boolean) sbb.getAs("flagged"));
    // STY: three members all 100 (优秀 share 1.0), but below the minimum size: measured, not tested.
    Row tiny = r.get("STY/excellent_share");
    assertEquals(new BigDecimal("1.0000"), tiny.getAs("value"));
    assertEquals(upper(3, 3, 47.0 / 203), (double) tiny.getAs("p_value"), 1e-12);
    assertFalse((Boolean) tiny.getAs("eligible"));
    assertFalse((Boolean) tiny.getAs("flagged"));
    assertNull(tiny.getAs("threshold"));
    assertNull(tiny.getAs("p_adjusted"));
    // No entries: nothing to measure, no flag.
    Row noEntries = r.get("STY/late_registration");
    assertNull(noEntries.getAs("value"));
    assertNull(noEntries.getAs("p_value"));
    assertEquals("没有可测算的积分明细", noEntries.getAs("detail"));
  }

  @Test
  void thresholdsAreOverridableByName() {
    AttentionThresholds t = AttentionThresholds.DEFAULTS.with(Map.of("significance", "0.05", "min-members", "8"));
    assertEquals(new BigDecimal("0.05"), t.significance());
    assertEquals(8, t.minMembers());
    assertEquals(AttentionThresholds.LATE_DAYS_DEFAULT, t.lateDays());
    assertEquals(9999, t.spreadResamples());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AttentionThresholds.DEFAULTS.with(Map.of("significance", "0.9")));
    assertEquals("Attention threshold significance must be above 0 and at most 0.5, got 0.9", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> AttentionThresholds.DEFAULTS.with(Map.of("excellent-share-margin", "0.3")));
    assertEquals("Unknown attention threshold 'excellent-share-margin' (expected one of min-members, min-entries, "
        + "significance, boundary-width, late-days, spread-resamples)", e.getMessage());
    assertEquals(new BigDecimal("0.1250"), StatsFunctions.rate(1L, 8L));
    // Exactly half-up at the boundary: 79.125 → 79.13.
    assertEquals(new BigDecimal("79.13"), StatsFunctions.mean(new BigDecimal("633.0"), 8L));
  }
}
