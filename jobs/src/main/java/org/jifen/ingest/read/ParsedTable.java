package org.jifen.ingest.read;

import java.util.List;

/**
 * What {@link TableReader} read from one single-sheet table.
 *
 * @param sheet the xlsx sheet name, or the CSV file name without extension
 * @param encoding for CSV the detected encoding ({@code UTF-8}, {@code UTF-8-BOM}, {@code GBK});
 *     null for xlsx
 * @param rows the non-blank rows below the header; {@link SheetRow#sheet()} is {@code sheet}
 * @param problem null when the table was read; otherwise the file-level problem
 */
public record ParsedTable(String sheet, String encoding, List<SheetRow> rows, FileProblem problem) {
  /** Copies the row list. */
  public ParsedTable {
    rows = List.copyOf(rows);
  }

  /** True when the table was read without a file-level problem. */
  public boolean ok() {
    return problem == null;
  }
}
