package org.jifen.ingest.read;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/** An xlsx workbook read streaming with fastexcel-reader after the zip-bomb guard has passed it. */
final class XlsxBook implements Closeable {
  private final ReadableWorkbook workbook;
  private final List<Sheet> sheets;
  private final boolean date1904;

  private XlsxBook(ReadableWorkbook workbook) {
    this.workbook = workbook;
    this.sheets = workbook.getSheets().toList();
    this.date1904 = workbook.isDate1904();
  }

  /**
   * An opened workbook, or why it cannot be opened.
   *
   * @param book the workbook (to be closed), or null
   * @param problem null, or the file-level problem
   */
  record Opened(XlsxBook book, FileProblem problem) {}

  /** Checks the bytes (empty, encrypted, not a zip, zip bomb, not a workbook) and opens the workbook. */
  static Opened open(String fileName, byte[] bytes) {
    if (bytes.length == 0) {
      return failed(FileProblem.FILE_EMPTY, fileName + ": the file is empty (0 bytes)");
    }
    if (SafeZip.looksLikeOle2(bytes)) {
      return failed(FileProblem.FILE_ENCRYPTED, fileName
          + ": the file is an OLE2 compound document, i.e. a password-protected (encrypted) xlsx"
          + " or an old Excel 97-2003 .xls; remove the password and save it as .xlsx");
    }
    if (!SafeZip.looksLikeZip(bytes)) {
      return failed(FileProblem.FILE_CORRUPT, fileName
          + ": not an xlsx workbook (an xlsx file is a zip archive starting with \"PK\")");
    }
    SafeZip.Result zip = SafeZip.read(fileName, bytes, name -> true, name -> false);
    if (zip.problem() != null) {
      return new Opened(null, zip.problem());
    }
    if (zip.items().isEmpty()) {
      return failed(FileProblem.FILE_EMPTY, fileName + ": the zip archive holds no files, so no sheets");
    }
    if (zip.items().stream().noneMatch(i -> i.name().equalsIgnoreCase("[Content_Types].xml"))) {
      return failed(FileProblem.FILE_CORRUPT, fileName
          + ": a zip archive but not an xlsx workbook (no [Content_Types].xml)");
    }
    ReadableWorkbook workbook;
    try {
      workbook = new ReadableWorkbook(new ByteArrayInputStream(bytes), new ReadingOptions(true, true));
    } catch (IOException | RuntimeException withFormats) {
      try {
        // Some generators omit styles.xml, which reading number formats requires.
        workbook = new ReadableWorkbook(new ByteArrayInputStream(bytes), new ReadingOptions(false, true));
      } catch (IOException | RuntimeException e) {
        return failed(FileProblem.FILE_CORRUPT, fileName
            + ": the workbook structure cannot be read (" + SafeZip.describe(withFormats) + ")");
      }
    }
    try {
      return new Opened(new XlsxBook(workbook), null);
    } catch (RuntimeException e) {
      closeQuietly(workbook);
      return failed(FileProblem.FILE_CORRUPT, fileName
          + ": the workbook's sheet list cannot be read (" + SafeZip.describe(e) + ")");
    }
  }

  private static Opened failed(String code, String message) {
    return new Opened(null, FileProblem.ofFile(code, message));
  }

  /** The sheet names in workbook order. */
  List<String> sheetNames() {
    return sheets.stream().map(Sheet::getName).toList();
  }

  /** Whether each sheet (workbook order) is hidden or very hidden. */
  List<Boolean> sheetHidden() {
    return sheets.stream().map(s -> s.getVisibility() != org.dhatim.fastexcel.reader.SheetVisibility.VISIBLE)
        .toList();
  }

  /**
   * Streams the rows of the sheet at {@code index} into the assembler until it asks to stop.
   *
   * @return null when the sheet was read, otherwise why not
   */
  String feed(int index, SheetAssembler assembler) {
    int lastRow = 0;
    CellText text = new CellText(date1904);
    try (Stream<Row> rows = sheets.get(index).openStream()) {
      Iterator<Row> it = rows.iterator();
      while (it.hasNext()) {
        Row row = it.next();
        lastRow = row.getRowNum();
        if (!assembler.accept(new XRow(row, text))) {
          break;
        }
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return "the sheet's XML cannot be read after row " + lastRow + " (" + SafeZip.describe(e) + ")";
    }
  }

  /** True when the sheet at {@code index} holds a non-blank cell (or cannot be read, to be looked at). */
  boolean hasText(int index) {
    CellText text = new CellText(date1904);
    try (Stream<Row> rows = sheets.get(index).openStream()) {
      Iterator<Row> it = rows.iterator();
      while (it.hasNext()) {
        XRow row = new XRow(it.next(), text);
        for (int c = 0; c < row.width(); c++) {
          if (!row.text(c).isBlank()) {
            return true;
          }
        }
      }
      return false;
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }

  @Override
  public void close() {
    closeQuietly(workbook);
  }

  private static void closeQuietly(ReadableWorkbook workbook) {
    try {
      workbook.close();
    } catch (IOException | RuntimeException e) {
      // Nothing to release beyond memory.
    }
  }

  /** A fastexcel row seen as a physical row. */
  private record XRow(Row row, CellText text) implements RawRow {
    @Override
    public int rowNumber() {
      return row.getRowNum();
    }

    @Override
    public int width() {
      return row.getCellCount();
    }

    @Override
    public String text(int column) {
      return column < row.getCellCount() ? text.of(row.getCell(column)) : "";
    }
  }
}
