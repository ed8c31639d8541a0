package org.jifen.ingest.read;

import java.util.List;

/**
 * Reads a single-sheet table such as the department's org tree, from xlsx (first sheet) or CSV,
 * finding the header row by its labels like {@link LedgerReader}; thread-safe and never throws for
 * bad content.
 */
public final class TableReader {
  private TableReader() {}

  /** Reads the table's rows below the first row (within the first 30) holding every required label. */
  public static ParsedTable read(String name, byte[] bytes, List<String> requiredLabels) {
    HeaderRule rule = HeaderRule.allOf(requiredLabels);
    try {
      if (bytes.length == 0) {
        return failed(null, null, FileProblem.FILE_EMPTY, name + ": the file is empty (0 bytes)");
      }
      if (SafeZip.looksLikeZip(bytes) || SafeZip.looksLikeOle2(bytes)) {
        return readXlsx(name, bytes, rule);
      }
      return readCsv(name, bytes, rule);
    } catch (RuntimeException e) {
      // A reader bug must not fail the Spark task: report the file as unreadable instead.
      return failed(null, null, FileProblem.FILE_CORRUPT,
          name + ": the file cannot be read (" + SafeZip.describe(e) + ")");
    }
  }

  private static ParsedTable readXlsx(String name, byte[] bytes, HeaderRule rule) {
    XlsxBook.Opened opened = XlsxBook.open(name, bytes);
    if (opened.problem() != null) {
      return new ParsedTable(null, null, List.of(), opened.problem());
    }
    try (XlsxBook book = opened.book()) {
      List<String> names = book.sheetNames();
      if (names.isEmpty()) {
        return failed(null, null, FileProblem.FILE_EMPTY, name + ": the workbook has no sheets");
      }
      String sheet = names.get(0);
      SheetAssembler assembler = new SheetAssembler(sheet, rule);
      String failure = book.feed(0, assembler);
      return finish(name + ": sheet '" + sheet + "'", sheet, null, assembler, rule, failure);
    }
  }

  private static ParsedTable readCsv(String name, byte[] bytes, HeaderRule rule) {
    String sheet = Labels.baseName(name);
    TextDecoding.Decoded text = TextDecoding.decode(bytes);
    if (text.text() == null) {
      return failed(sheet, null, FileProblem.ENCODING_UNDETECTED,
          name + ": the file " + text.failure() + "; save it as CSV UTF-8");
    }
    SheetAssembler assembler = new SheetAssembler(sheet, rule);
    String failure = CsvSheet.feed(text.text(), assembler);
    return finish(name, sheet, text.encoding(), assembler, rule, failure);
  }

  private static ParsedTable finish(
      String where, String sheet, String encoding, SheetAssembler assembler, HeaderRule rule, String failure) {
    FileProblem problem = null;
    if (failure != null) {
      problem = new FileProblem(FileProblem.FILE_CORRUPT, where + ": " + failure, sheet, null, null);
    } else if (assembler.outcome() == SheetAssembler.Outcome.EMPTY) {
      problem = new FileProblem(FileProblem.FILE_EMPTY, where + ": the table is empty", sheet, null, null);
    } else if (assembler.outcome() == SheetAssembler.Outcome.NO_HEADER) {
      problem = new FileProblem(FileProblem.LAYOUT_UNRECOGNISED, where + ": no header row with "
          + rule.describe() + " within the first " + HeaderRule.MAX_HEADER_ROW + " rows", sheet, null, null);
    }
    return new ParsedTable(sheet, encoding, assembler.rows(), problem);
  }

  private static ParsedTable failed(String sheet, String encoding, String code, String message) {
    return new ParsedTable(sheet, encoding, List.of(), new FileProblem(code, message, sheet, null, null));
  }
}
