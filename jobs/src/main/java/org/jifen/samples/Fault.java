package org.jifen.samples;

/**
 * One deliberately faulty file or row written by the generator: a line of {@code faults.csv}.
 *
 * @param period the inbox period folder, e.g. {@code 2025Q2}
 * @param file the export's name inside {@code inbox/<period>/} (an xlsx, a CSV folder or a zip)
 * @param sheet the sheet (or CSV base name) of the faulty row; blank for whole-file faults
 * @param row the 1-based sheet row or CSV line of the faulty row; 0 for whole-file faults
 * @param column the header label of the offending column; blank for whole-file faults
 * @param reason the reason ingestion must give
 */
public record Fault(String period, String file, String sheet, int row, String column, FaultReason reason) {
  /** A whole-file fault. */
  static Fault file(String period, String file, FaultReason reason) {
    return new Fault(period, file, "", 0, "", reason);
  }

  /** True for whole-file faults (no sheet or row). */
  public boolean wholeFile() {
    return row == 0;
  }
}
