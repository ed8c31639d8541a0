package org.jifen.ingest.read;

import java.util.List;
import java.util.Objects;

/**
 * One branch ledger as received: an xlsx workbook, a folder of CSV files, or a zip of CSV files.
 *
 * @param name the file or folder name as received, used in problem messages
 * @param format how the ledger was delivered
 * @param entries XLSX and ZIP: exactly one entry holding the file's bytes; CSV_FOLDER: one entry
 *     per file in the folder, named by its file name
 */
public record LedgerInput(String name, Format format, List<Entry> entries) {

  /** Validates the components and copies the entry list. */
  public LedgerInput {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(format, "format");
    entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
    if (format != Format.CSV_FOLDER && entries.size() != 1) {
      throw new IllegalArgumentException(
          "A " + format + " ledger needs exactly one entry (the file's bytes), got "
              + entries.size() + " for " + name);
    }
  }

  /** Builds the input of a single xlsx or zip file. */
  public static LedgerInput ofFile(String name, Format format, byte[] bytes) {
    return new LedgerInput(name, format, List.of(new Entry(name, bytes)));
  }

  /** How a ledger was delivered. */
  public enum Format {
    /** An Excel workbook (.xlsx). */
    XLSX,
    /** A folder of CSV files, one per sheet. */
    CSV_FOLDER,
    /** A zip file of CSV files, one per sheet. */
    ZIP
  }

  /**
   * One file of a ledger.
   *
   * @param name file name (for a folder: the file name inside it)
   * @param bytes the file's content, not copied
   */
  public record Entry(String name, byte[] bytes) {
    /** Rejects null components. */
    public Entry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(bytes, "bytes");
    }
  }
}
