package org.jifen.reports;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The department's summary of a quarter's receipts (回执汇总): figures, one line per branch,
 * branches with problems by reason, branches that did not submit. Texts are final (Chinese);
 * {@link ReceiptWorkbooks} only lays them out.
 *
 * @param unitName the organization the summary covers (the district, or the unit asked for)
 * @param overview the headline figures, in order
 * @param branches every branch expected to submit, then any other branch a receipt was written for
 * @param reasons one line per reason code found, most frequent first
 * @param missing branches expected to submit that have no accepted ledger
 */
public record ReceiptSummary(String period, String unitName, String issuer, Instant deadline, List<Figure> overview,
    List<BranchLine> branches, List<ReasonLine> reasons, List<MissingLine> missing) {
  public ReceiptSummary {
    Objects.requireNonNull(period, "period");
    overview = List.copyOf(overview);
    branches = List.copyOf(branches);
    reasons = List.copyOf(reasons);
    missing = List.copyOf(missing);
  }

  /** One headline figure. */
  public record Figure(String label, long value, String note) {}

  /**
   * One branch.
   *
   * @param status 按时报送, 逾期报送, 未报送, or what else applies (不在组织架构中)
   * @param hoursLate hours late of the branch's first accepted ledger, null unless late
   * @param problems quarantined rows and rejected files of the branch's files
   * @param problemTitles the kinds of problems found, joined
   * @param receiptFile the receipt's file name, or null when none was written (nothing received)
   */
  public record BranchLine(String code, String name, String committee, String status, BigDecimal hoursLate,
      int files, int filesRejected, long rowsAccepted, long problems, String problemTitles, String receiptFile) {}

  /**
   * One reason code.
   *
   * @param items quarantined rows, or rejected files for a whole-file reason
   * @param branchList the branches concerned with their counts ({@code QS01B06 区教育局机关党支部（2）})
   */
  public record ReasonLine(String code, String title, boolean wholeFile, int branches, long items,
      String branchList) {}

  /** A branch that did not submit, with why (nothing received, or every file rejected). */
  public record MissingLine(String code, String name, String committee, String why) {}
}
