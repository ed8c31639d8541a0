package org.jifen.reports;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A draft scheme's effect on one period's data, side by side with the scheme in force (built by
 * {@code jifen simulate}, written by {@link SchemeComparisonWorkbook} and {@link SchemeComparisonChart}).
 * Counts are of graded party members (DOMAIN §8 "who counts"); means and medians are of published
 * scores, half-up to two decimals. Members are identified by 党员编号 only.
 *
 * @param period {@code 2025} or {@code 2025Q4}
 * @param current the scheme in force; {@code currentSource} says where its results come from
 * @param grades every grade of either scheme, best first (the draft's order, then the others)
 * @param units the unit's direct subordinates, then the unit's own total row ({@link UnitRow#total})
 * @param matrix members graded under both schemes by (current grade, draft grade), changed or not
 * @param reasons what moved the members whose grade changed, most members first
 * @param unknownItems item codes of the period's entries that the draft does not define
 * @param changed members whose grade changed (党员编号, never names)
 * @param notes remarks in Chinese (e.g. members graded under one scheme only)
 */
public record SchemeComparison(String period, String unitCode, String unitName, SchemeRef current,
    String currentSource, SchemeRef draft, List<String> grades, List<UnitRow> units, List<Move> matrix, long up,
    long down, long unchanged, long gradedCurrentOnly, long gradedDraftOnly, List<Reason> reasons,
    List<UnknownItem> unknownItems, List<ChangedMember> changed, List<String> notes) {

  /** A scheme: id, Chinese name, where it was loaded from, its quota in words (or null). */
  public record SchemeRef(String id, String name, String source, String quota) {}

  /**
   * One row of the comparison: grade counts, mean and median under each scheme, quota demotions.
   *
   * @param total true for the unit's own row (合计)
   */
  public record UnitRow(String code, String name, boolean total, Map<String, Long> currentGrades,
      Map<String, Long> draftGrades, long currentGraded, long draftGraded, BigDecimal currentMean,
      BigDecimal draftMean, BigDecimal currentMedian, BigDecimal draftMedian, long currentQuotaLimited,
      long draftQuotaLimited, long up, long down) {}

  /** Members graded {@code from} under the scheme in force and {@code to} under the draft. */
  public record Move(String from, String to, long members) {}

  /**
   * A reason for grade changes: an item whose capped contribution differs between the schemes
   * (code and name), or one of the named non-item reasons ({@link #QUOTA}, {@link #OTHER}).
   */
  public record Reason(String code, String name, String detail, long members, long up, long down) {}

  /** Reason code: the quota demoted the member under one scheme and not the other. */
  public static final String QUOTA = "名额";
  /** Reason code: no item's contribution and no quota decision differs (formula, bands). */
  public static final String OTHER = "计分公式/等次标准";

  /** Entries of an item the draft does not define: their points do not count under the draft. */
  public record UnknownItem(String code, String name, long entries, long members, BigDecimal points) {}

  /** A member whose grade changed, with the published scores and the reasons (codes). */
  public record ChangedMember(String memberCode, String branchCode, BigDecimal currentScore, String currentGrade,
      boolean currentQuotaLimited, BigDecimal draftScore, String draftGrade, boolean draftQuotaLimited,
      String direction, List<String> reasons) {}

  /** The unit's own row. */
  public UnitRow totalRow() {
    return units.stream().filter(UnitRow::total).findFirst().orElseThrow();
  }
}
