package org.jifen.scheme;

import java.math.BigDecimal;
import java.util.List;

/**
 * At most ⌊percent × N / 100⌋ members per branch and year keep {@code grade}, N being the
 * branch's graded members with an annual score; ranked by score desc, then the smaller absolute
 * total of {@code tieBreakItems} in the year, then member code asc. The others get
 * {@code demoteTo} and are marked quota-limited.
 */
public record Quota(String grade, BigDecimal percent, String demoteTo, List<String> tieBreakItems) implements java.io.Serializable {
  public Quota {
    tieBreakItems = List.copyOf(tieBreakItems);
  }
}
