package org.jifen.scheme;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A named part of a score, computed per window (quarter or year) from the member's entries.
 *
 * <ul>
 *   <li>{@code SUM}: Σ over items of the item's total (each bounded by its cap), then bounded by
 *       the component's cap and floor.
 *   <li>{@code START}: starts at {@code start} and adds the (negative) entries, not below
 *       {@code floor}; with {@code perItem} every item starts and is floored on its own.
 *   <li>{@code EVALUATION}: the Q4 民主评议: 评议得分 × {@code scoreFactor} when given, else
 *       the points of 评议等次 in {@code gradePoints}; annual only.
 * </ul>
 */
public record Component(String id, String name, Type type, List<String> items, boolean perItem,
    BigDecimal start, BigDecimal floor, BigDecimal capQuarter, BigDecimal capYear,
    Map<String, BigDecimal> gradePoints, BigDecimal scoreFactor, int line) implements java.io.Serializable {
  /** How a component is computed. */
  public enum Type { SUM, START, EVALUATION }

  public Component {
    items = List.copyOf(items);
    gradePoints = gradePoints == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(gradePoints));
  }

  /** The cap of this component in the window, or null. */
  public BigDecimal cap(Window w) {
    return w == Window.QUARTER ? capQuarter : capYear;
  }
}
