package org.jifen.ingest.read;

import java.util.List;

/**
 * What {@link LedgerReader} read from one ledger.
 *
 * @param format {@code xlsx}, {@code csv-folder} or {@code csv-zip}
 * @param encoding for CSV the detected encoding ({@code UTF-8}, {@code UTF-8-BOM}, {@code GBK}), or
 *     the distinct encodings sorted and joined by commas when the files differ; null for xlsx
 * @param rows the rows read, cover first, then 名册, 积分明细, 民主评议, 组织处置
 * @param problem null when the ledger was read; otherwise the file-level problem, and rows may be
 *     partial or empty
 */
public record ParsedLedger(String format, String encoding, List<SheetRow> rows, FileProblem problem) {
  /** Copies the row list. */
  public ParsedLedger {
    rows = List.copyOf(rows);
  }

  /** True when the ledger was read without a file-level problem. */
  public boolean ok() {
    return problem == null;
  }
}
