package org.jifen.ingest.read;

/**
 * Why a whole file could not be read; the ledger is then rejected (DOMAIN §8).
 *
 * @param code stable code: {@code FILE_CORRUPT}, {@code FILE_ENCRYPTED}, {@code FILE_EMPTY},
 *     {@code EMPTY_WORKBOOK}, {@code FILE_TOO_LARGE}, {@code NO_COVER}, {@code LAYOUT_UNRECOGNISED},
 *     {@code ENCODING_UNDETECTED}, {@code AMBIGUOUS_SHEETS} or {@code ZIP_ENTRY_PATH}
 * @param message English explanation naming the file and, where known, sheet, row and column and
 *     what was expected; never contains member names or ID numbers
 * @param sheet canonical sheet label (ledger) or sheet name (table) concerned, or null
 * @param row 1-based row or line number concerned, or null
 * @param column column label concerned, or null
 */
public record FileProblem(String code, String message, String sheet, Integer row, String column) {
  /** The file is not a readable zip/xlsx, or is truncated or malformed. */
  public static final String FILE_CORRUPT = "FILE_CORRUPT";
  /** The file is an OLE2 compound file: a password-protected xlsx or an old .xls. */
  public static final String FILE_ENCRYPTED = "FILE_ENCRYPTED";
  /** The file has zero bytes, or holds no sheets or CSV files. */
  public static final String FILE_EMPTY = "FILE_EMPTY";
  /**
   * The workbook (or CSV folder/zip) has sheets but none of them holds any text: a blank
   * workbook dropped into the inbox by mistake (e.g. {@code 新建 XLSX 工作表.xlsx}).
   */
  public static final String EMPTY_WORKBOOK = "EMPTY_WORKBOOK";
  /** The zip would inflate beyond the zip-bomb limits. */
  public static final String FILE_TOO_LARGE = "FILE_TOO_LARGE";
  /** The ledger has no 封面 sheet or file. */
  public static final String NO_COVER = "NO_COVER";
  /** A ledger sheet is present but its header row cannot be found. */
  public static final String LAYOUT_UNRECOGNISED = "LAYOUT_UNRECOGNISED";
  /** A CSV file is neither valid UTF-8 nor valid GBK. */
  public static final String ENCODING_UNDETECTED = "ENCODING_UNDETECTED";

  /**
   * More than one sheet (or CSV file) could be the same ledger sheet: names equal after removing
   * spaces and case, or the matching sheet is hidden while another sheet's name also contains the
   * label. Using one and dropping the other silently would lose rows, so the file is rejected.
   */
  public static final String AMBIGUOUS_SHEETS = "AMBIGUOUS_SHEETS";
  /** A zip entry has a path: absolute, with "..", or in nested folders (one top folder is fine). */
  public static final String ZIP_ENTRY_PATH = "ZIP_ENTRY_PATH";

  /** A problem about the whole file. */
  static FileProblem ofFile(String code, String message) {
    return new FileProblem(code, message, null, null, null);
  }
}
