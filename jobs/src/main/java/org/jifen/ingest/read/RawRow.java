package org.jifen.ingest.read;

/** One physical row of a sheet or CSV file, with its cells converted to text on demand. */
interface RawRow {
  /** The 1-based row number (xlsx) or starting line number (CSV) as a person sees it. */
  int rowNumber();

  /** One past the last column index that may hold a value. */
  int width();

  /** The text of the 0-based column, "" when the cell is missing or empty. */
  String text(int column);
}
