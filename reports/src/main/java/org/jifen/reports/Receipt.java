package org.jifen.reports;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one branch's receipt (回执) says about one quarter: the files received, the rows accepted
 * per sheet, every problem found with its explanation in plain Chinese, and notes. Every text is
 * final (Chinese, personal values already masked); {@link ReceiptWorkbooks} only lays it out.
 *
 * @param period the quarter ({@code 2025Q2})
 * @param branchCode the branch's code as the receipt is addressed (the cover's, or the file name's)
 * @param branchName the branch's name in the org tree, or null when the code is not in it
 * @param committeeName the name of the branch's committee (党委/工委), or null
 * @param issuer who issues the receipt ({@code 青山区委组织部})
 * @param deadline the quarter's deadline
 * @param conclusion one paragraph: what was taken, what was not, what to do
 * @param files every file received from the branch for the quarter, in the order received
 * @param sheets rows per ledger sheet of every file
 * @param problems every quarantined row and every rejected file, in file, sheet and row order
 * @param notes facts that are not errors (file-name warning, sheets that are not ledger sheets, duplicates)
 * @param steps how to correct and send again, one step per entry
 */
public record Receipt(String period, String branchCode, String branchName, String committeeName, String issuer,
    Instant deadline, String conclusion, List<ReceivedFile> files, List<SheetCount> sheets, List<Problem> problems,
    List<String> notes, List<String> steps) {
  public Receipt {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(branchCode, "branchCode");
    files = List.copyOf(files);
    sheets = List.copyOf(sheets);
    problems = List.copyOf(problems);
    notes = List.copyOf(notes);
    steps = List.copyOf(steps);
  }

  /**
   * One file received.
   *
   * @param version the cover's 版本, or null when it could not be read
   * @param hoursLate hours after the deadline (one decimal, as the mart computes them), null when on time
   * @param afterFirstAccepted received after the branch's first accepted ledger of the quarter (a
   *     correction): its lateness does not change when the branch submitted
   * @param outcome what became of the file, in Chinese (已采用, 已被版本2替代, 整份退回：…)
   */
  public record ReceivedFile(String file, Integer version, Instant receivedAt, BigDecimal hoursLate,
      boolean afterFirstAccepted, String outcome, long rowsRead, long rowsAccepted, long rowsWithProblems,
      long rowsNotLedger) {}

  /** Rows of one ledger sheet of one file: read, accepted, held back because of a problem. */
  public record SheetCount(String file, String sheet, long read, long accepted, long withProblems, String note) {}

  /**
   * One problem: a quarantined row, or the reason a whole file was rejected (sheet, row and column
   * then as far as known).
   *
   * @param versionState the state of the file's version (当前有效版本, 已被版本2替代, 整份退回)
   * @param found the value found, as shown to the branch (a 身份证号 masked)
   * @param explanation what was found, what was expected and what to do, in Chinese
   * @param title the kind of problem in a few Chinese words
   * @param code the reason code, for the department's help desk
   */
  public record Problem(String file, String versionState, String sheet, Integer row, String column, String found,
      String explanation, String title, String code) {}
}
