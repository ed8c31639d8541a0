package org.jifen.ingest.read;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Builds the reader's test fixtures: each test writes its case-named file (e.g.
 * {@code roster_header_below_merged_title.xlsx}) into a temporary folder and reads it back.
 */
final class Fixtures {
  static final Charset GBK = Charset.forName("GBK");

  private Fixtures() {}

  /** A number cell shown with the given Excel number format. */
  record Styled(double value, String format) {}

  /** A number cell with a built-in number format id (e.g. 14 = short date). */
  record Builtin(double value, int formatId) {}

  /** A formula cell with an optional cached value (Double, String or Boolean; null = none). */
  record Formula(String formula, Object cached) {}

  /** An error cell. */
  record Error(FormulaError error) {}

  /** A skipped physical row (no row element is written at all). */
  static final Object SKIP_ROW = new Object();

  /** Builder of a workbook whose sheets are given row by row. */
  static final class Book {
    private final Map<String, List<List<Object>>> sheets = new LinkedHashMap<>();
    private final Map<String, List<String>> merges = new LinkedHashMap<>();
    private final Map<String, org.apache.poi.ss.usermodel.SheetVisibility> hidden = new LinkedHashMap<>();

    /** Hides the named sheet ({@code veryHidden}: only VBA can show it again). */
    Book hide(String sheet, boolean veryHidden) {
      hidden.put(sheet, veryHidden ? org.apache.poi.ss.usermodel.SheetVisibility.VERY_HIDDEN
          : org.apache.poi.ss.usermodel.SheetVisibility.HIDDEN);
      return this;
    }

    /** Adds a sheet; each row is a list of cell values (null = no cell), or {@link #SKIP_ROW}. */
    Book sheet(String name, Object... rows) {
      List<List<Object>> list = new ArrayList<>();
      for (Object row : rows) {
        list.add(row == SKIP_ROW ? null : asList(row));
      }
      sheets.put(name, list);
      return this;
    }

    /** Merges a range like {@code A1:E1} in the named sheet. */
    Book merge(String sheet, String range) {
      merges.computeIfAbsent(sheet, k -> new ArrayList<>()).add(range);
      return this;
    }

    /** Writes with shared strings (XSSFWorkbook, as Excel does). */
    byte[] sharedStrings() {
      try (XSSFWorkbook wb = new XSSFWorkbook()) {
        fill(wb);
        return write(wb);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Writes with inline strings (SXSSFWorkbook's default). */
    byte[] inlineStrings() {
      SXSSFWorkbook wb = new SXSSFWorkbook(100);
      try {
        fill(wb);
        return write(wb);
      } finally {
        wb.dispose();
      }
    }

    private void fill(Workbook wb) {
      Map<String, CellStyle> styles = new LinkedHashMap<>();
      for (Map.Entry<String, List<List<Object>>> s : sheets.entrySet()) {
        Sheet sheet = wb.createSheet(s.getKey());
        int r = 0;
        for (List<Object> values : s.getValue()) {
          if (values == null) {
            r++;
            continue;
          }
          Row row = sheet.createRow(r++);
          for (int c = 0; c < values.size(); c++) {
            Object v = values.get(c);
            if (v != null) {
              set(wb, styles, row.createCell(c), v);
            }
          }
        }
        for (String range : merges.getOrDefault(s.getKey(), List.of())) {
          sheet.addMergedRegion(CellRangeAddress.valueOf(range));
        }
      }
      hidden.forEach((name, v) -> wb.setSheetVisibility(wb.getSheetIndex(name), v));
    }

    private static void set(Workbook wb, Map<String, CellStyle> styles, Cell cell, Object v) {
      if (v instanceof String s) {
        cell.setCellValue(s);
      } else if (v instanceof Number n) {
        cell.setCellValue(n.doubleValue());
      } else if (v instanceof Boolean b) {
        cell.setCellValue(b);
      } else if (v instanceof LocalDate d) {
        cell.setCellValue(d);
        cell.setCellStyle(style(wb, styles, "yyyy-mm-dd"));
      } else if (v instanceof LocalDateTime t) {
        cell.setCellValue(t);
        cell.setCellStyle(style(wb, styles, "yyyy-mm-dd hh:mm:ss"));
      } else if (v instanceof Styled st) {
        cell.setCellValue(st.value());
        cell.setCellStyle(style(wb, styles, st.format()));
      } else if (v instanceof Builtin b) {
        cell.setCellValue(b.value());
        CellStyle style = styles.computeIfAbsent("#" + b.formatId(), k -> {
          CellStyle cs = wb.createCellStyle();
          cs.setDataFormat((short) b.formatId());
          return cs;
        });
        cell.setCellStyle(style);
      } else if (v instanceof Formula f) {
        cell.setCellFormula(f.formula());
        if (f.cached() instanceof Double d) {
          cell.setCellValue(d);
        } else if (f.cached() instanceof String s) {
          cell.setCellValue(s);
        } else if (f.cached() instanceof Boolean b) {
          cell.setCellValue(b);
        }
      } else if (v instanceof Error e) {
        cell.setCellErrorValue(e.error().getCode());
      } else {
        throw new IllegalArgumentException("Unsupported fixture cell " + v);
      }
    }

    private static CellStyle style(Workbook wb, Map<String, CellStyle> styles, String format) {
      return styles.computeIfAbsent(format, f -> {
        CellStyle cs = wb.createCellStyle();
        cs.setDataFormat(wb.createDataFormat().getFormat(f));
        return cs;
      });
    }

    private static byte[] write(Workbook wb) {
      try {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        wb.write(out);
        return out.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** A fresh workbook builder. */
  static Book book() {
    return new Book();
  }

  /** A row of cells. */
  static List<Object> row(Object... cells) {
    List<Object> list = new ArrayList<>();
    for (Object c : cells) {
      list.add(c);
    }
    return list;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> asList(Object row) {
    return (List<Object>) row;
  }

  /** The usual cover rows of branch QS09B01, 2025 Q1. */
  static Object[] coverRows() {
    return new Object[] {
      row("支部编码", "QS09B01"),
      row("支部名称", "测试党支部"),
      row("年度", 2025),
      row("季度", 1)
    };
  }

  /** Writes bytes to the case-named file in {@code dir} and reads them back (the fixture on disk). */
  static byte[] save(Path dir, String caseName, byte[] bytes) {
    try {
      Path file = dir.resolve(caseName);
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Text encoded with the charset, optionally after a UTF-8 byte-order mark. */
  static byte[] text(String text, Charset charset, boolean bom) {
    byte[] body = text.getBytes(charset);
    if (!bom) {
      return body;
    }
    byte[] out = new byte[body.length + 3];
    out[0] = (byte) 0xEF;
    out[1] = (byte) 0xBB;
    out[2] = (byte) 0xBF;
    System.arraycopy(body, 0, out, 3, body.length);
    return out;
  }

  /** UTF-8 text without byte-order mark. */
  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A zip (java.util.zip) whose entry names are encoded with {@code nameCharset}. */
  static byte[] zip(Charset nameCharset, Map<String, byte[]> entries) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ZipOutputStream zip = new ZipOutputStream(out, nameCharset)) {
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
          zip.putNextEntry(new ZipEntry(e.getKey()));
          zip.write(e.getValue());
          zip.closeEntry();
        }
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The entries of a zip (read through its central directory), as name to bytes. */
  static Map<String, byte[]> unzip(byte[] zip) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (org.apache.commons.compress.archivers.zip.ZipFile file =
        org.apache.commons.compress.archivers.zip.ZipFile.builder()
            .setSeekableByteChannel(new org.apache.commons.compress.utils.SeekableInMemoryByteChannel(zip))
            .get()) {
      for (var e : java.util.Collections.list(file.getEntries())) {
        try (var in = file.getInputStream(e)) {
          entries.put(e.getName(), in.readAllBytes());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }

  /** A committed fixture file under {@code src/test/resources/fixtures/read/}. */
  static Path resource(String relative) {
    try {
      return Path.of(Fixtures.class.getResource("/fixtures/read/" + relative).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("Missing test fixture fixtures/read/" + relative, e);
    }
  }

  /** Reads an xlsx ledger. */
  static ParsedLedger readXlsx(String name, byte[] bytes) {
    return LedgerReader.read(LedgerInput.ofFile(name, LedgerInput.Format.XLSX, bytes));
  }

  /** Reads a zip-of-CSV ledger. */
  static ParsedLedger readZip(String name, byte[] bytes) {
    return LedgerReader.read(LedgerInput.ofFile(name, LedgerInput.Format.ZIP, bytes));
  }

  /** Reads a folder ledger given as file name to bytes. */
  static ParsedLedger readFolder(String name, Map<String, byte[]> files) {
    List<LedgerInput.Entry> entries = new ArrayList<>();
    files.forEach((n, b) -> entries.add(new LedgerInput.Entry(n, b)));
    return LedgerReader.read(new LedgerInput(name, LedgerInput.Format.CSV_FOLDER, entries));
  }

  /** Reads a folder on disk as a folder ledger. */
  static ParsedLedger readFolder(Path folder) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (var list = Files.list(folder)) {
      for (Path f : list.sorted().toList()) {
        files.put(f.getFileName().toString(), Files.readAllBytes(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return readFolder(folder.getFileName().toString(), files);
  }

  /** The rows of one sheet label. */
  static List<SheetRow> rows(ParsedLedger ledger, LedgerSheet sheet) {
    return ledger.rows().stream().filter(r -> r.sheet().equals(sheet.label())).toList();
  }

  /** The first row of the sheet whose field equals the value. */
  static SheetRow find(ParsedLedger ledger, LedgerSheet sheet, String field, String value) {
    return rows(ledger, sheet).stream()
        .filter(r -> value.equals(r.fields().get(field)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No " + sheet.label() + " row with " + field + "=" + value));
  }
}
