package org.jifen.samples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Test-side reader of generated exports (xlsx, CSV folder, zip): just enough to check content
 * and fault positions. Dates come back as ISO text, numbers as plain decimals.
 */
final class ExportReader {
  /** One non-blank data row: its 1-based sheet row or CSV line and header (spaces removed) → text. */
  record Line(int row, Map<String, String> values) {
    String get(String column) {
      String v = values.get(column);
      return v == null ? "" : v;
    }
  }

  /** A read export: cover label → value and data sheets by name. */
  record Export(Map<String, String> cover, Map<String, List<Line>> sheets, List<String> sheetNames) {
    List<Line> sheet(String name) {
      return sheets.getOrDefault(name, List.of());
    }
  }

  private static final Pattern SLASH = Pattern.compile("(\\d{4})/(\\d{1,2})/(\\d{1,2})");
  private static final Pattern CHINESE = Pattern.compile("(\\d{4})年(\\d{1,2})月(\\d{1,2})日");

  private ExportReader() {}

  static Export read(Path export) {
    try {
      String name = export.getFileName().toString();
      if (Files.isDirectory(export)) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(export)) {
          for (Path p : s.sorted().toList()) {
            files.put(p.getFileName().toString(), Files.readAllBytes(p));
          }
        }
        return fromCsv(files);
      }
      if (name.endsWith(".zip")) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(export))) {
          for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
            if (!e.isDirectory()) {
              String base = e.getName().substring(e.getName().lastIndexOf('/') + 1);
              files.put(base, zip.readAllBytes());
            }
          }
        }
        return fromCsv(files);
      }
      try (InputStream in = Files.newInputStream(export); XSSFWorkbook wb = new XSSFWorkbook(in)) {
        return fromWorkbook(wb);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // xlsx ------------------------------------------------------------------------------------------

  private static Export fromWorkbook(XSSFWorkbook wb) {
    Map<String, String> cover = new LinkedHashMap<>();
    Map<String, List<Line>> sheets = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    for (Sheet sheet : wb) {
      names.add(sheet.getSheetName());
      if (sheet.getSheetName().equals(Ledger.COVER)) {
        for (Row row : sheet) {
          String label = text(row.getCell(0));
          if (!label.isEmpty()) {
            cover.put(label, text(row.getCell(1)));
          }
        }
        continue;
      }
      List<String> header = null;
      List<Line> lines = new ArrayList<>();
      for (Row row : sheet) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < Math.max(0, row.getLastCellNum()); i++) {
          cells.add(text(row.getCell(i)));
        }
        if (header == null) {
          if (cells.stream().anyMatch(c -> c.replaceAll("\\s", "").equals("党员编号"))) {
            header = cells.stream().map(c -> c.replaceAll("\\s", "")).toList();
          }
          continue;
        }
        if (cells.stream().allMatch(String::isEmpty)) {
          continue;
        }
        lines.add(new Line(row.getRowNum() + 1, zip(header, cells)));
      }
      sheets.put(sheet.getSheetName(), lines);
    }
    return new Export(cover, sheets, names);
  }

  private static String text(Cell c) {
    if (c == null) {
      return "";
    }
    CellType type = c.getCellType() == CellType.FORMULA ? c.getCachedFormulaResultType() : c.getCellType();
    return switch (type) {
      case STRING -> c.getStringCellValue().trim();
      case NUMERIC -> DateUtil.isCellDateFormatted(c)
          ? c.getLocalDateTimeCellValue().toLocalDate().toString()
          : new BigDecimal(String.valueOf(c.getNumericCellValue())).stripTrailingZeros().toPlainString();
      case BOOLEAN -> String.valueOf(c.getBooleanCellValue());
      default -> "";
    };
  }

  // CSV -------------------------------------------------------------------------------------------

  private static Export fromCsv(Map<String, byte[]> files) {
    Map<String, String> cover = new LinkedHashMap<>();
    Map<String, List<Line>> sheets = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      String sheet = f.getKey().replaceFirst("\\.csv$", "");
      names.add(sheet);
      List<List<String>> lines = parseCsv(decode(f.getValue()));
      if (sheet.equals(Ledger.COVER)) {
        for (List<String> l : lines) {
          if (l.size() >= 2 && !l.get(0).isEmpty()) {
            cover.put(l.get(0), l.get(1));
          }
        }
        continue;
      }
      List<String> header = lines.get(0).stream().map(c -> c.replaceAll("\\s", "")).toList();
      List<Line> rows = new ArrayList<>();
      for (int i = 1; i < lines.size(); i++) {
        if (lines.get(i).stream().allMatch(String::isEmpty)) {
          continue;
        }
        rows.add(new Line(i + 1, zip(header, lines.get(i))));
      }
      sheets.put(sheet, rows);
    }
    return new Export(cover, sheets, names);
  }

  /** UTF-8 (BOM or not) when valid, else GBK. */
  static String decode(byte[] bytes) {
    if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
      return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, Charset.forName("GBK"));
    }
  }

  private static List<List<String>> parseCsv(String text) {
    List<List<String>> lines = new ArrayList<>();
    for (String raw : text.split("\r\n", -1)) {
      List<String> cells = new ArrayList<>();
      StringBuilder cur = new StringBuilder();
      boolean quoted = false;
      for (int i = 0; i < raw.length(); i++) {
        char ch = raw.charAt(i);
        if (quoted) {
          if (ch == '"' && i + 1 < raw.length() && raw.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else if (ch == '"') {
            quoted = false;
          } else {
            cur.append(ch);
          }
        } else if (ch == '"') {
          quoted = true;
        } else if (ch == ',') {
          cells.add(cur.toString());
          cur.setLength(0);
        } else {
          cur.append(ch);
        }
      }
      cells.add(cur.toString());
      lines.add(cells);
    }
    if (!lines.isEmpty() && lines.get(lines.size() - 1).equals(List.of(""))) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  private static Map<String, String> zip(List<String> header, List<String> cells) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      if (!header.get(i).isEmpty()) {
        m.put(header.get(i), i < cells.size() ? cells.get(i).trim() : "");
      }
    }
    return m;
  }

  /** A date in any of the accepted text forms (or ISO from a date cell); null when not a date. */
  static LocalDate date(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    try {
      return LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE);
    } catch (RuntimeException ignored) {
      // other forms below
    }
    Matcher m = SLASH.matcher(s);
    if (!m.matches()) {
      m = CHINESE.matcher(s);
    }
    if (m.matches()) {
      return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }
    return null;
  }

  /** A number, or null when the text is not one. */
  static BigDecimal number(String s) {
    try {
      return s == null || s.isEmpty() ? null : new BigDecimal(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
