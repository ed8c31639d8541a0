package org.jifen.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.special.Beta;
import org.junit.jupiter.api.Test;

/** The tests behind branch_attention against values worked out by hand. */
class AttentionFunctionsTest {
  private static void assertRelative(double expected, double actual, double tolerance) {
    assertTrue(Math.abs(actual - expected) <= tolerance * Math.abs(expected),
        () -> "expected " + expected + " but got " + actual);
  }

  @Test
  void binomialTailsMatchHandComputedValues() {
    // Six of six when 18% have it: 0.18^6.
    assertRelative(Math.pow(0.18, 6), AttentionFunctions.binomialUpper(6, 6, 0.18), 1e-13);
    // Two or more of ten at 10%: 1 - 0.9^10 - 10 * 0.1 * 0.9^9 = 0.2639010709.
    assertRelative(1 - Math.pow(0.9, 10) - 10 * 0.1 * Math.pow(0.9, 9),
        AttentionFunctions.binomialUpper(2, 10, 0.1), 1e-13);
    assertEquals(0.2639010709, AttentionFunctions.binomialUpper(2, 10, 0.1), 1e-10);
    // None of twelve when 45% have one: 0.55^12; at most one of twenty at 40%.
    assertRelative(Math.pow(0.55, 12), AttentionFunctions.binomialLower(0, 12, 0.45), 1e-13);
    assertRelative(Math.pow(0.6, 20) + 20 * 0.4 * Math.pow(0.6, 19), AttentionFunctions.binomialLower(1, 20, 0.4),
        1e-13);
    // Exactly three of five at one half: (10 + 5 + 1) / 32.
    assertRelative(16.0 / 32, AttentionFunctions.binomialUpper(3, 5, 0.5), 1e-14);
    assertRelative(16.0 / 32, AttentionFunctions.binomialLower(2, 5, 0.5), 1e-14);
  }

  @Test
  void tinyTailsStayExact() {
    // 0.18^40 = 1.6e-30: still exact where 1 - P(X <= 39) would be 0.
    assertRelative(Math.pow(0.18, 40), AttentionFunctions.binomialUpper(40, 40, 0.18), 1e-12);
    // 200 of 400 at 5%: about 1e-150, checked against the regularized incomplete beta I_p(k, n - k + 1).
    double expected = Beta.regularizedBeta(0.05, 200, 201);
    assertRelative(expected, AttentionFunctions.binomialUpper(200, 400, 0.05), 1e-9);
    for (int n : new int[] {1, 7, 30, 250}) {
      for (int k = 1; k <= n; k += Math.max(1, n / 9)) {
        for (double p : new double[] {0.003, 0.18, 0.5, 0.88}) {
          double beta = Beta.regularizedBeta(p, k, n - k + 1);
          assertRelative(beta, AttentionFunctions.binomialUpper(k, n, p), 1e-9);
        }
      }
    }
  }

  @Test
  void tailEdges() {
    assertEquals(1.0, AttentionFunctions.binomialUpper(0, 8, 0.3));
    assertEquals(0.0, AttentionFunctions.binomialUpper(9, 8, 0.3));
    assertEquals(0.0, AttentionFunctions.binomialUpper(1, 8, 0.0));
    assertEquals(1.0, AttentionFunctions.binomialUpper(8, 8, 1.0));
    assertEquals(1.0, AttentionFunctions.binomialLower(8, 8, 0.3));
    assertEquals(1.0, AttentionFunctions.binomialLower(0, 8, 0.0));
    assertEquals(0.0, AttentionFunctions.binomialLower(0, 8, 1.0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AttentionFunctions.binomialUpper(1, 8, 1.5));
    assertEquals("Binomial needs n >= 0 and 0 <= p <= 1, got n=8, p=1.5", e.getMessage());
  }

  @Test
  void criticalCountsAreWhereTheTailCrossesTheLevel() {
    // 12 members at 18%: P(X >= 7) = 0.00207, P(X >= 8) = 0.000272, so 8 fires at 0.001.
    assertEquals(8, AttentionFunctions.upperCritical(12, 0.18, 0.001));
    assertTrue(AttentionFunctions.binomialUpper(7, 12, 0.18) > 0.001);
    // Six members can never reach 1e-6 at 18% (0.18^6 = 3.4e-5).
    assertEquals(-1, AttentionFunctions.upperCritical(6, 0.18, 1e-6));
    // No deduction among 12 at 45%: 0.55^12 = 7.7e-4 <= 0.001, one of 12: 0.0084 > 0.001.
    assertEquals(0, AttentionFunctions.lowerCritical(12, 0.45, 0.001));
    assertEquals(-1, AttentionFunctions.lowerCritical(6, 0.18, 0.01));
  }

  @Test
  void benjaminiHochbergAdjustsInInputOrder() {
    // Sorted 0.005 0.01 0.03 0.04; m p / rank = 0.02 0.02 0.04 0.04.
    assertArrayEquals(new double[] {0.02, 0.04, 0.04, 0.02},
        AttentionFunctions.benjaminiHochberg(new double[] {0.01, 0.04, 0.03, 0.005}), 1e-15);
    // m p / rank = 0.01 0.04 0.13 0.1025 0.084 0.1 0.1057 0.2563 0.2356 0.216; the running minimum
    // from the largest down makes ranks 3-5 0.084 and 8-9 0.216.
    double[] p = {0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216};
    double[] expected = {0.01, 0.04, 0.084, 0.084, 0.084, 0.1, 0.74 / 7, 0.216, 0.216, 0.216};
    assertArrayEquals(expected, AttentionFunctions.benjaminiHochberg(p), 1e-12);
    // 2 × 0.8 / 1 = 1.6 is above the next rank's 2 × 0.9 / 2 = 0.9, so both adjust to 0.9.
    assertArrayEquals(new double[] {0.9, 0.9}, AttentionFunctions.benjaminiHochberg(new double[] {0.9, 0.8}), 1e-15);
    assertArrayEquals(new double[] {1.0, 1.0, 1.0}, AttentionFunctions.benjaminiHochberg(new double[] {1, 1, 1}), 0);
    assertEquals(0, AttentionFunctions.benjaminiHochberg(new double[0]).length);
  }

  @Test
  void resampledSpreadsAreDeterministicAndCalibrated() {
    // Two scores, one member each: two draws are equal (spread 0) half of the time, else spread 5.
    double[] values = {80.0, 90.0};
    long[] counts = {1, 1};
    double[] s = AttentionFunctions.resampledSpreads(values, counts, 2, 9999, "2025Q1/2");
    assertArrayEquals(s, AttentionFunctions.resampledSpreads(values, counts, 2, 9999, "2025Q1/2"));
    long zeros = java.util.Arrays.stream(s).filter(x -> x == 0).count();
    assertTrue(Math.abs(zeros - 5000) < 200, "zeros " + zeros);
    assertEquals(5.0, s[s.length - 1], 1e-12);
    // p of a spread of 0: (1 + zeros) / 10000.
    assertEquals((1.0 + zeros) / 10000, AttentionFunctions.resampledP(s, 0.0), 1e-15);
    assertEquals(1.0, AttentionFunctions.resampledP(s, 5.0), 1e-15);
    // One value only: every draw has spread 0, so nothing is unusual.
    double[] flat = AttentionFunctions.resampledSpreads(new double[] {85.0}, new long[] {40}, 12, 999, "x");
    assertEquals(1.0, AttentionFunctions.resampledP(flat, 0.0));
  }

  @Test
  void resampledThresholdSeparatesFiringSpreads() {
    double[] sorted = {0.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0}; // 11 draws
    // p = (1 + #≤x) / 12: x < 0 → 1/12, x in [0, 1) → 3/12, x in [1, 2) → 4/12.
    assertEquals(1.0 - AttentionFunctions.SPREAD_TOLERANCE, AttentionFunctions.resampledBelow(sorted, 11, 3.0 / 12),
        1e-15);
    assertEquals(0.25, AttentionFunctions.resampledP(sorted, 0.99));
    assertEquals(4.0 / 12, AttentionFunctions.resampledP(sorted, 1.0));
    assertEquals(0.0 - AttentionFunctions.SPREAD_TOLERANCE, AttentionFunctions.resampledBelow(sorted, 11, 2.0 / 12),
        1e-15);
    assertNull(AttentionFunctions.resampledBelow(sorted, 11, 0.5 / 12));
    // Only the lowest spreads are needed: the first three of the eleven give the same bar.
    assertEquals(1.0 - AttentionFunctions.SPREAD_TOLERANCE,
        AttentionFunctions.resampledBelow(new double[] {0.0, 0.0, 1.0}, 11, 3.0 / 12), 1e-15);
  }
}
