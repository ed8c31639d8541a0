package org.jifen.scheme;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a window's score is made from components: either the linear combination
 * {@code clamp(scale × (Σ add + Σ weight × component), min, max)}, or (annual only) the mean of
 * the member's exact quarter scores, clamped.
 *
 * @param add components added with weight 1
 * @param weighted components with a weight in (0, 1]; the weights add up to 1
 * @param scaleNumerator with {@code scaleDenominator}, the factor applied to the sum (e.g. 100/80)
 */
public record Formula(Window window, String name, Method method, java.util.List<String> add,
    Map<String, BigDecimal> weighted, BigDecimal scaleNumerator, BigDecimal scaleDenominator,
    BigDecimal min, BigDecimal max, int line) implements java.io.Serializable {
  /** How the score is made. */
  public enum Method { COMPONENTS, MEAN_OF_QUARTERS }

  public Formula {
    add = java.util.List.copyOf(add);
    weighted = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(weighted));
  }

  /** Every component of the formula with its weight (1 for added ones), in file order. */
  public Map<String, BigDecimal> terms() {
    Map<String, BigDecimal> t = new LinkedHashMap<>();
    for (String a : add) {
      t.put(a, BigDecimal.ONE);
    }
    t.putAll(weighted);
    return t;
  }

  /** True when the scale is not 1. */
  public boolean scaled() {
    return scaleNumerator.compareTo(scaleDenominator) != 0;
  }

  /** The scale as a decimal (display only; scoring multiplies then divides exactly). */
  public BigDecimal scale() {
    return scaleNumerator.divide(scaleDenominator, MathContext.DECIMAL64).stripTrailingZeros();
  }
}
