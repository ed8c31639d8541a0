package org.jifen.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import scala.collection.Seq;

/**
 * The exact roundings of DOMAIN §8 "Numbers" as SQL functions for the statistics SQL:
 * {@code rate4(part, whole)} (a rate or share, half-up to 4 decimals), {@code mean2(sum, n)} (a
 * mean of published scores, half-up to 2 decimals) and {@code quantile2(sorted_scores, p)} (the
 * linear-interpolation quantile, half-up to 2 decimals). All use decimal arithmetic, never
 * floating point, so a value exactly on a rounding boundary rounds up. Null or zero wholes give null.
 */
public final class StatsFunctions {
  public static final DecimalType RATE = DataTypes.createDecimalType(5, 4);
  public static final DecimalType MEAN = DataTypes.createDecimalType(5, 2);

  private StatsFunctions() {}

  /** Registers the functions on the session (idempotent). */
  public static void register(SparkSession spark) {
    if (spark.catalog().functionExists("quantile2")) {
      return;
    }
    spark.udf().register("rate4", (UDF2<Long, Long, BigDecimal>) StatsFunctions::rate, RATE);
    spark.udf().register("mean2", (UDF2<BigDecimal, Long, BigDecimal>) StatsFunctions::mean, MEAN);
    spark.udf().register("quantile2", (UDF2<Seq<BigDecimal>, BigDecimal, BigDecimal>) StatsFunctions::quantile, MEAN);
  }

  /** part / whole, half-up to 4 decimals; null when either is null or whole is 0. */
  public static BigDecimal rate(Long part, Long whole) {
    if (part == null || whole == null || whole == 0) {
      return null;
    }
    return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
  }

  /** sum / n, half-up to 2 decimals; null when n is null or 0. */
  public static BigDecimal mean(BigDecimal sum, Long n) {
    if (sum == null || n == null || n == 0) {
      return null;
    }
    return sum.divide(BigDecimal.valueOf(n), 2, RoundingMode.HALF_UP);
  }

  /**
   * The p-quantile of ascending values by linear interpolation between ranks (position
   * {@code (n - 1) * p}, as {@code percentile_cont}), half-up to 2 decimals; null for no values.
   */
  public static BigDecimal quantile(Seq<BigDecimal> sorted, BigDecimal p) {
    if (sorted == null || sorted.isEmpty() || p == null) {
      return null;
    }
    List<BigDecimal> v = new ArrayList<>(sorted.size());
    scala.collection.Iterator<BigDecimal> it = sorted.iterator();
    while (it.hasNext()) {
      v.add(it.next());
    }
    BigDecimal h = BigDecimal.valueOf(v.size() - 1L).multiply(p);
    int lo = h.setScale(0, RoundingMode.FLOOR).intValueExact();
    BigDecimal frac = h.subtract(BigDecimal.valueOf(lo));
    BigDecimal low = v.get(lo);
    BigDecimal value = frac.signum() == 0 ? low : low.add(frac.multiply(v.get(lo + 1).subtract(low)));
    return value.setScale(2, RoundingMode.HALF_UP);
  }
}
