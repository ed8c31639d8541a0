package org.jifen.simulate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jifen.scheme.Component;
import org.jifen.scheme.Formula;
import org.jifen.scheme.Scheme;
import org.jifen.scheme.Window;
import org.jifen.score.MemberScoring;

/**
 * What each item contributes to one member's score in a period under one scheme: the item's total
 * bounded by its cap in the scheme's window (DOMAIN §5), as {@link MemberScoring} counts it, before
 * a component's own floor or cap. For a year scored as the mean of the quarters it is the mean of
 * the quarters' capped totals over the quarters counted. An item that no component of the scheme
 * adds up (a flag item, or a code the scheme does not define) contributes 0.
 */
final class ItemContributions {
  private static final MathContext EXACT = MathContext.DECIMAL128;

  private final Scheme scheme;
  private final MemberScoring scoring;
  private final Set<String> counted = new HashSet<>();

  ItemContributions(Scheme scheme) {
    this.scheme = scheme;
    this.scoring = new MemberScoring(scheme);
    for (Component c : scheme.components().values()) {
      if (c.type() != Component.Type.EVALUATION) {
        counted.addAll(c.items());
      }
    }
  }

  /**
   * Contribution per item code of {@code entries} (codes without points are left out).
   *
   * @param quarters the quarters counted (in points management); one for a quarter period
   * @param annual true for a year result
   */
  Map<String, BigDecimal> of(List<MemberScoring.Entry> entries, Set<Integer> quarters, boolean annual) {
    Map<String, BigDecimal> out = new TreeMap<>();
    boolean mean = annual && scheme.annualFormula().method() == Formula.Method.MEAN_OF_QUARTERS;
    if (!annual || mean) {
      for (int q : quarters) {
        totals(entries, Set.of(q)).forEach((code, total) ->
            out.merge(code, capped(code, total, false), BigDecimal::add));
      }
      if (mean && !quarters.isEmpty()) {
        out.replaceAll((code, v) -> v.divide(BigDecimal.valueOf(quarters.size()), EXACT));
      }
    } else {
      totals(entries, quarters).forEach((code, total) -> out.put(code, capped(code, total, true)));
    }
    return out;
  }

  private static Map<String, BigDecimal> totals(List<MemberScoring.Entry> entries, Set<Integer> quarters) {
    return MemberScoring.itemTotals(entries.stream().filter(e -> quarters.contains(e.quarter())).toList());
  }

  private BigDecimal capped(String code, BigDecimal total, boolean year) {
    if (scheme.item(code).isEmpty() || !counted.contains(code)) {
      return BigDecimal.ZERO;
    }
    return scoring.capped(code, total, year ? Window.YEAR : Window.QUARTER);
  }
}
