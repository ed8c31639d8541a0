package org.jifen.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.api.java.UDF5;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.Seq;

/**
 * The significance tests behind {@code gold.branch_attention}, as SQL functions:
 * <ul>
 *   <li>{@code binom_upper(k, n, p)} = P(X ≥ k) and {@code binom_lower(k, n, p)} = P(X ≤ k) for
 *       X ~ Binomial(n, p): exact sums of the binomial terms, taken in log space so that tails far
 *       below the smallest double ratio of two terms (e.g. 0.18^40) stay exact to double rounding;</li>
 *   <li>{@code binom_upper_critical(n, p, level)}: the smallest k with P(X ≥ k) ≤ level, and
 *       {@code binom_lower_critical(n, p, level)}: the largest k with P(X ≤ k) ≤ level (null when
 *       no k qualifies);</li>
 *   <li>{@code bh_adjust(p_values)}: Benjamini–Hochberg adjusted p-values, in the input order;</li>
 *   <li>{@code resampled_spreads(values, counts, n, draws, seed)}: the sorted population standard
 *       deviations of {@code draws} groups of n scores drawn with replacement from a histogram, with
 *       a fixed pseudo-random stream per seed; {@code resampled_p(spreads, x)} = (1 + #{spread ≤ x})
 *       / (draws + 1) and {@code resampled_below(lowest_spreads, draws, level)}: the spread below
 *       which that p-value is at most {@code level} (null when none is).</li>
 * </ul>
 * Null or out-of-range arguments give null, never an exception inside a Spark task.
 */
public final class AttentionFunctions {
  /** Two spreads closer than this are equal (scores have one decimal; spreads are computed in double). */
  static final double SPREAD_TOLERANCE = 1e-9;

  private AttentionFunctions() {}

  /** Registers the functions on the session (idempotent). */
  public static void register(SparkSession spark) {
    if (spark.catalog().functionExists("resampled_below")) {
      return;
    }
    spark.udf().register("binom_upper", (UDF3<Long, Long, Double, Double>) (k, n, p) ->
        valid(k, n, p) ? binomialUpper(k, n, p) : null, DataTypes.DoubleType);
    spark.udf().register("binom_lower", (UDF3<Long, Long, Double, Double>) (k, n, p) ->
        valid(k, n, p) ? binomialLower(k, n, p) : null, DataTypes.DoubleType);
    spark.udf().register("binom_upper_critical", (UDF3<Long, Double, Double, Long>) (n, p, level) ->
        valid(0L, n, p) && level != null ? boxed(upperCritical(n, p, level)) : null, DataTypes.LongType);
    spark.udf().register("binom_lower_critical", (UDF3<Long, Double, Double, Long>) (n, p, level) ->
        valid(0L, n, p) && level != null ? boxed(lowerCritical(n, p, level)) : null, DataTypes.LongType);
    spark.udf().register("bh_adjust", (UDF1<Seq<Double>, double[]>) p -> p == null ? null
        : benjaminiHochberg(doubles(p)), DataTypes.createArrayType(DataTypes.DoubleType, false));
    spark.udf().register("resampled_spreads",
        (UDF5<Seq<Double>, Seq<Long>, Integer, Integer, String, double[]>) (values, counts, n, draws, seed) ->
            values == null || counts == null || n == null || n < 1 || draws == null || draws < 1 || seed == null
                ? null : resampledSpreads(doubles(values), longs(counts), n, draws, seed),
        DataTypes.createArrayType(DataTypes.DoubleType, false));
    spark.udf().register("resampled_p", (UDF2<Seq<Double>, Double, Double>) (spreads, x) ->
        spreads == null || spreads.isEmpty() || x == null ? null : resampledP(doubles(spreads), x),
        DataTypes.DoubleType);
    spark.udf().register("resampled_below", (UDF3<Seq<Double>, Integer, Double, Double>) (lowest, draws, level) ->
        lowest == null || draws == null || level == null ? null : resampledBelow(doubles(lowest), draws, level),
        DataTypes.DoubleType);
  }

  private static boolean valid(Long k, Long n, Double p) {
    return k != null && n != null && p != null && n >= 0 && p >= 0 && p <= 1;
  }

  private static Long boxed(long k) {
    return k < 0 ? null : k;
  }

  // ---- binomial tails ------------------------------------------------------------------------

  /**
   * P(X ≥ k) for X ~ Binomial(n, p): the sum of the terms C(n, j) p^j (1-p)^(n-j) for j = k..n,
   * accumulated in log space (log-sum-exp), so it is exact to double rounding however small.
   */
  public static double binomialUpper(long k, long n, double p) {
    check(n, p);
    if (k <= 0) {
      return 1.0;
    }
    if (k > n) {
      return 0.0;
    }
    if (p == 0) {
      return 0.0;
    }
    if (p == 1) {
      return 1.0;
    }
    double lp = Math.log(p);
    double lq = Math.log1p(-p);
    double term = logChoose(n, k) + k * lp + (n - k) * lq;
    double sum = term;
    for (long j = k; j < n; j++) {
      term += Math.log((double) (n - j) / (j + 1)) + lp - lq;
      sum = logAddExp(sum, term);
      // Past the mode the terms shrink geometrically: once they are e^-60 of the sum, stop.
      if (term < sum - 60 && j + 1 > (n + 1) * p) {
        break;
      }
    }
    return Math.min(1.0, Math.exp(sum));
  }

  /** P(X ≤ k) for X ~ Binomial(n, p), as P(Y ≥ n - k) for Y ~ Binomial(n, 1 - p). */
  public static double binomialLower(long k, long n, double p) {
    check(n, p);
    if (k < 0) {
      return 0.0;
    }
    if (k >= n) {
      return 1.0;
    }
    return binomialUpper(n - k, n, 1.0 - p);
  }

  /** The smallest k in [0, n] with P(X ≥ k) ≤ level, or -1 when even k = n is too likely. */
  public static long upperCritical(long n, double p, double level) {
    check(n, p);
    if (binomialUpper(n, n, p) > level) {
      return -1;
    }
    long lo = 0;
    long hi = n; // P(X ≥ hi) ≤ level; P(X ≥ k) falls as k grows
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      if (binomialUpper(mid, n, p) <= level) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** The largest k in [0, n] with P(X ≤ k) ≤ level, or -1 when even k = 0 is too likely. */
  public static long lowerCritical(long n, double p, double level) {
    check(n, p);
    if (binomialLower(0, n, p) > level) {
      return -1;
    }
    long lo = 0; // P(X ≤ lo) ≤ level; P(X ≤ k) grows with k
    long hi = n;
    while (lo < hi) {
      long mid = (lo + hi + 1) >>> 1;
      if (binomialLower(mid, n, p) <= level) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  private static void check(long n, double p) {
    if (n < 0 || !(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("Binomial needs n >= 0 and 0 <= p <= 1, got n=" + n + ", p=" + p);
    }
  }

  /** ln C(n, k), summed over the shorter side. */
  static double logChoose(long n, long k) {
    long m = Math.min(k, n - k);
    double s = 0;
    for (long i = 1; i <= m; i++) {
      s += Math.log((double) (n - m + i) / i);
    }
    return s;
  }

  private static double logAddExp(double a, double b) {
    double hi = Math.max(a, b);
    double lo = Math.min(a, b);
    return hi == Double.NEGATIVE_INFINITY ? hi : hi + Math.log1p(Math.exp(lo - hi));
  }

  // ---- multiple testing ------------------------------------------------------------------------

  /**
   * Benjamini–Hochberg adjusted p-values in the input order: for the i-th smallest of m,
   * min over j ≥ i of m·p(j)/j, capped at 1. A hypothesis is rejected at false discovery rate q
   * exactly when its adjusted p-value is at most q. NaN inputs are not allowed.
   */
  public static double[] benjaminiHochberg(double[] p) {
    int m = p.length;
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      if (!(p[i] >= 0 && p[i] <= 1)) {
        throw new IllegalArgumentException("p-values must be between 0 and 1, got " + p[i]);
      }
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
    double[] adjusted = new double[m];
    double running = 1.0;
    for (int r = m; r >= 1; r--) {
      int i = order[r - 1];
      running = Math.min(running, p[i] * m / r);
      adjusted[i] = running;
    }
    return adjusted;
  }

  // ---- resampled spreads -----------------------------------------------------------------------

  /**
   * The population standard deviations of {@code draws} groups of {@code n} scores, each score
   * drawn with replacement from the histogram ({@code values[i]} held by {@code counts[i]}
   * members), sorted ascending. The pseudo-random stream is fixed by {@code seed}, so the result
   * is the same on every run and machine.
   */
  public static double[] resampledSpreads(double[] values, long[] counts, int n, int draws, String seed) {
    if (values.length != counts.length || values.length == 0) {
      throw new IllegalArgumentException("Histogram needs as many counts as values, and at least one value");
    }
    long[] cumulative = new long[counts.length];
    long total = 0;
    for (int i = 0; i < counts.length; i++) {
      total += counts[i];
      cumulative[i] = total;
    }
    SplittableRandom rnd = new SplittableRandom(seedOf(seed));
    double[] spreads = new double[draws];
    for (int d = 0; d < draws; d++) {
      double mean = 0;
      double m2 = 0;
      for (int j = 1; j <= n; j++) {
        long u = rnd.nextLong(total);
        int i = Arrays.binarySearch(cumulative, u + 1);
        double x = values[i < 0 ? -i - 1 : i];
        double delta = x - mean;
        mean += delta / j;
        m2 += delta * (x - mean);
      }
      spreads[d] = Math.sqrt(Math.max(0, m2 / n));
    }
    Arrays.sort(spreads);
    return spreads;
  }

  /** (1 + the number of resampled spreads ≤ x) / (draws + 1): the Monte Carlo p-value of a spread x. */
  public static double resampledP(double[] sortedSpreads, double x) {
    return (1.0 + countAtMost(sortedSpreads, x)) / (sortedSpreads.length + 1.0);
  }

  /**
   * The spread s such that exactly the spreads below s have {@link #resampledP} ≤ level (a spread x
   * fires when x < s), or null when no spread can (level below 1 / (draws + 1)). Only the smallest
   * spreads are needed: {@code lowestSpreads} holds the first of the {@code draws} sorted spreads,
   * at least level · (draws + 1) of them.
   */
  public static Double resampledBelow(double[] lowestSpreads, int draws, double level) {
    int g = -1; // the most resampled spreads at or below x that still give p ≤ level
    while (g + 1 <= draws && (1.0 + (g + 1)) / (draws + 1.0) <= level) {
      g++;
    }
    if (g < 0) {
      return null;
    }
    if (g >= draws) {
      return Double.POSITIVE_INFINITY;
    }
    if (g >= lowestSpreads.length) {
      throw new IllegalArgumentException("Need the " + (g + 1) + " smallest spreads, got " + lowestSpreads.length);
    }
    return lowestSpreads[g] - SPREAD_TOLERANCE;
  }

  private static int countAtMost(double[] sorted, double x) {
    double bound = x + SPREAD_TOLERANCE;
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= bound) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static long seedOf(String seed) {
    long h = 1125899906842597L; // a fixed 64-bit string hash, the same on every JVM
    for (int i = 0; i < seed.length(); i++) {
      h = 31 * h + seed.charAt(i);
    }
    return h;
  }

  // ---- conversions -----------------------------------------------------------------------------

  private static double[] doubles(Seq<Double> s) {
    double[] out = new double[s.size()];
    scala.collection.Iterator<Double> it = s.iterator();
    for (int i = 0; it.hasNext(); i++) {
      Double v = it.next();
      if (v == null) {
        throw new IllegalArgumentException("Null in an array of numbers");
      }
      out[i] = v;
    }
    return out;
  }

  private static long[] longs(Seq<Long> s) {
    long[] out = new long[s.size()];
    scala.collection.Iterator<Long> it = s.iterator();
    for (int i = 0; it.hasNext(); i++) {
      Long v = it.next();
      if (v == null) {
        throw new IllegalArgumentException("Null in an array of counts");
      }
      out[i] = v;
    }
    return out;
  }
}
