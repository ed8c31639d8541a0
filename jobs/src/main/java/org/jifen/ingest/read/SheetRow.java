package org.jifen.ingest.read;

import java.util.Map;

/**
 * One non-blank row of a ledger sheet, exactly as read, with every column (extra ones too).
 *
 * @param sheet canonical sheet name: one of {@link LedgerSheet#label()}; for a sheet (or CSV file)
 *     that is not a ledger sheet, its own name (its rows are kept and counted, never used)
 * @param rowNumber 1-based row number in the sheet (xlsx) or line number in the CSV file, as a
 *     person opening the file would see it
 * @param fields header label (trimmed, inner whitespace removed) to cell text, in column order.
 *     For the cover sheet the map has one entry: the label in column A to the value in column B; for
 *     a sheet that is not a ledger sheet, column letter to the text of every non-blank cell.
 */
public record SheetRow(String sheet, int rowNumber, Map<String, String> fields) {}
