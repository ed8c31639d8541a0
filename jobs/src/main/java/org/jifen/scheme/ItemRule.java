package org.jifen.scheme;

import java.math.BigDecimal;
import java.util.List;

/**
 * What ingestion needs to validate one ledger entry against the scheme in force (DOMAIN §8).
 *
 * @param code item code as written in 项目编码, e.g. {@code B2}
 * @param name Chinese item name
 * @param kind item kind as the scheme names it (base, bonus, veto, deduction, reward, penalty,
 *     hard_fail, zeroing)
 * @param sign +1 when 分值 must be positive, -1 when it must be negative, 0 when the item carries
 *     no points (veto, hard fail, zeroing: 分值 is ignored)
 * @param fixedPoints the only allowed 分值 values when the scheme fixes points per occurrence;
 *     empty when any value of the right sign is allowed. With exactly one value a blank 分值
 *     takes it.
 */
public record ItemRule(String code, String name, String kind, int sign, List<BigDecimal> fixedPoints) {
  public ItemRule {
    fixedPoints = List.copyOf(fixedPoints);
    if (sign < -1 || sign > 1) {
      throw new IllegalArgumentException("sign must be -1, 0 or +1, got " + sign + " for item " + code);
    }
  }

  /** True when the item carries signed points in 分值. */
  public boolean carriesPoints() {
    return sign != 0;
  }
}
