package org.jifen.samples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.jifen.samples.Layout.DateMode;
import org.jifen.samples.Layout.Title;
import org.jifen.samples.Ledger.Formula;
import org.jifen.samples.Ledger.Row;

/**
 * Renders a {@link Ledger} as an xlsx workbook (POI streaming) or as CSV files, applying the
 * branch's {@link Layout}, and reports the physical row of every deliberately faulty row.
 */
final class LedgerWriter {
  /** Receives the sheet, 1-based row (or CSV line), column and reason of each faulty row written. */
  interface FaultSink {
    void fault(String sheet, int row, String column, FaultReason reason);
  }

  private static final List<String> NUMERIC_TEXT = List.of("分值", "自评分", "党小组初评分", "评议得分", "年度", "季度", "版本");

  /** One sheet in physical order; a null row is a blank row. */
  record Table(String name, List<String> keys, List<String> headers, List<Row> rows) {}

  private LedgerWriter() {}

  static List<Table> tables(Ledger l, Layout layout, Rng r) {
    List<Table> tables = new ArrayList<>();
    tables.add(table(Ledger.ROSTER, Ledger.ROSTER_COLUMNS, l.roster, layout, r, true));
    List<String> entryCols = new ArrayList<>(Ledger.ENTRY_COLUMNS);
    if (l.selfScores) {
      entryCols.addAll(Ledger.SELF_SCORE_COLUMNS);
    }
    tables.add(table(Ledger.ENTRIES, entryCols, l.entries, layout, r, true));
    if (l.hasEvaluation) {
      List<String> cols = new ArrayList<>(Ledger.EVALUATION_COLUMNS);
      if (l.evaluationScore) {
        cols.add(Ledger.EVALUATION_SCORE);
      }
      tables.add(table(Ledger.EVALUATION, cols, l.evaluation, layout, r, false));
    }
    tables.add(table(Ledger.ACTIONS, Ledger.ACTION_COLUMNS, l.actions, layout, r, false));
    return tables;
  }

  private static Table table(String name, List<String> columns, List<Row> rows, Layout layout, Rng r,
      boolean main) {
    List<String> keys = new ArrayList<>(columns);
    if (main && layout.reordered) {
      Rng.of(layout.columnSeed, name).shuffle(keys);
    }
    if (main && layout.sequenceColumn) {
      keys.add(0, "序号");
    }
    if (main && layout.remarkColumn) {
      keys.add("备注");
    }
    List<String> headers = keys.stream().map(k -> layout.spacedHeaders && k.length() == 2
        && List.of("姓名", "性别", "日期", "分值", "依据").contains(k) ? k.charAt(0) + "  " + k.charAt(1) : k).toList();
    List<Row> physical = new ArrayList<>(rows);
    if (main && layout.blankRows && rows.size() >= 4) {
      for (int i = r.between(1, 2); i > 0; i--) {
        physical.add(1 + r.nextInt(physical.size() - 1), null);
      }
    }
    return new Table(name, keys, headers, physical);
  }

  // ---------------------------------------------------------------------------------------------
  // xlsx

  static byte[] xlsx(Ledger l, Layout layout, Rng r, FaultSink sink, Date created) {
    SXSSFWorkbook wb = new SXSSFWorkbook(null, 200, false, false);
    // Classic (non-Zip64) data descriptors: java.util.zip.ZipInputStream and other streaming readers accept them.
    wb.setZip64Mode(Zip64Mode.Never);
    try {
      Styles st = new Styles(wb, layout);
      if (l.hasCover) {
        writeCover(wb, l, layout, st);
      }
      for (Table t : tables(l, layout, r)) {
        writeTable(wb, t, l, layout, st, sink);
      }
      if (layout.instructionsSheet) {
        SXSSFSheet s = wb.createSheet("填表说明");
        for (int i = 0; i < Texts.INSTRUCTIONS.size(); i++) {
          Cell c = s.createRow(i).createCell(0);
          c.setCellValue(Texts.INSTRUCTIONS.get(i));
          c.setCellStyle(st.plain);
        }
        s.setColumnWidth(0, 70 * 256);
      }
      var core = wb.getXSSFWorkbook().getProperties().getCoreProperties();
      core.setCreator(l.clerk);
      core.setCreated(Optional.of(created));
      ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
      wb.writeAvoidingTempFiles(out);
      return ZipTimes.set(out.toByteArray(), LocalDateTime.ofInstant(created.toInstant(), Periods.CHINA));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      wb.dispose();
      try {
        wb.close();
      } catch (IOException ignored) {
        // temp files already disposed
      }
    }
  }

  /**
   * The workbook's styles. Every cell gets one explicitly: a cell without a style makes SXSSF
   * look up the column's default style through XMLBeans for every cell when columns have widths.
   */
  private static final class Styles {
    final CellStyle plain;
    final CellStyle date;
    final CellStyle header;
    final CellStyle title;

    Styles(SXSSFWorkbook wb, Layout layout) {
      plain = wb.getCellStyleAt(0);
      date = wb.createCellStyle();
      date.setDataFormat(wb.createDataFormat().getFormat(layout.dateFormat));
      Font bold = wb.createFont();
      bold.setBold(true);
      header = wb.createCellStyle();
      header.setFont(bold);
      header.setAlignment(HorizontalAlignment.CENTER);
      Font big = wb.createFont();
      big.setBold(true);
      big.setFontHeightInPoints((short) 14);
      title = wb.createCellStyle();
      title.setFont(big);
      title.setAlignment(HorizontalAlignment.CENTER);
    }
  }

  private static void writeCover(SXSSFWorkbook wb, Ledger l, Layout layout, Styles st) {
    SXSSFSheet s = wb.createSheet(Ledger.COVER);
    int rowIdx = 0;
    if (layout.title != Title.NONE) {
      Cell c = s.createRow(rowIdx++).createCell(0);
      c.setCellValue("支部党员积分台账");
      c.setCellStyle(st.title);
      s.addMergedRegion(new CellRangeAddress(0, 0, 0, 1));
    }
    for (Object[] line : l.cover) {
      SXSSFRow row = s.createRow(rowIdx++);
      Cell label = row.createCell(0);
      label.setCellValue((String) line[0]);
      label.setCellStyle(st.plain);
      setCell(row.createCell(1), (String) line[0], line[1], layout, "封面", st);
    }
    s.setColumnWidth(0, 14 * 256);
    s.setColumnWidth(1, 36 * 256);
  }

  private static void writeTable(SXSSFWorkbook wb, Table t, Ledger l, Layout layout, Styles st,
      FaultSink sink) {
    SXSSFSheet s = wb.createSheet(t.name());
    int n = t.keys().size();
    int rowIdx = 0;
    if (layout.title != Title.NONE) {
      Cell c = s.createRow(rowIdx++).createCell(0);
      c.setCellValue(l.title + "——" + t.name());
      c.setCellStyle(st.title);
      if (n > 1) {
        s.addMergedRegion(new CellRangeAddress(0, 0, 0, n - 1));
      }
      if (layout.title == Title.FULL) {
        Cell c2 = s.createRow(rowIdx++).createCell(0);
        c2.setCellValue("填表人：" + l.clerk);
        c2.setCellStyle(st.plain);
        if (n > 2) {
          s.addMergedRegion(new CellRangeAddress(1, 1, 0, 2));
        }
        rowIdx++; // blank spacer row
      }
    }
    int headerRow = rowIdx;
    SXSSFRow hr = s.createRow(rowIdx++);
    for (int i = 0; i < n; i++) {
      Cell c = hr.createCell(i);
      c.setCellValue(t.headers().get(i));
      c.setCellStyle(st.header);
    }
    int seq = 0;
    for (Row row : t.rows()) {
      if (row == null) {
        rowIdx++; // a blank row: nothing written
        continue;
      }
      seq++;
      SXSSFRow xr = s.createRow(rowIdx);
      String fp = needsFingerprint(layout) ? fingerprint(row) : "";
      for (int i = 0; i < n; i++) {
        String key = t.keys().get(i);
        Object v = switch (key) {
          case "序号" -> layout.formulas ? new Formula("ROW()-" + (headerRow + 1), rowIdx - headerRow) : seq;
          case "备注" -> remark(layout, row, fp);
          default -> row.get(key);
        };
        if (v != null) {
          setCell(xr.createCell(i), key, v, layout, fp, st);
        }
      }
      if (row.fault != null) {
        sink.fault(t.name(), rowIdx + 1, row.faultColumn, row.fault);
      }
      rowIdx++;
    }
    // Widths last: with column definitions present, SXSSF looks up a column style for every new cell.
    for (int i = 0; i < n; i++) {
      s.setColumnWidth(i, width(t.keys().get(i)) * 256);
    }
  }

  private static int width(String key) {
    return switch (key) {
      case "身份证号" -> 21;
      case "依据", "说明" -> 34;
      case "党员编号", "出生日期", "入党日期", "日期", "参加积分管理", "未参加原因", "党员身份" -> 13;
      case "序号", "性别", "分值" -> 6;
      default -> 10;
    };
  }

  /**
   * Identity of a row for per-cell choices (date form, remark): the same row renders the same way
   * in a re-export, wherever it sits.
   */
  private static String fingerprint(Row row) {
    return row.get("党员编号") + "|" + row.get("姓名") + "|" + row.get("日期") + "|" + row.get("项目编码") + "|"
        + row.get("分值") + "|" + row.get("依据") + "|" + row.get("处置类型");
  }

  private static boolean needsFingerprint(Layout layout) {
    return layout.dateMode == DateMode.MIXED || layout.remarkColumn;
  }

  private static String remark(Layout layout, Row row, String fp) {
    return row.fault == null && Rng.of(layout.columnSeed, fp, "备注").chance(0.04) ? "已公示" : null;
  }

  private static void setCell(Cell c, String key, Object v, Layout layout, String fp, Styles st) {
    c.setCellStyle(st.plain);
    if (v instanceof Formula f) {
      c.setCellFormula(f.expression());
      c.setCellValue(f.cached());
    } else if (v instanceof Integer i) {
      if (layout.numbersAsText && NUMERIC_TEXT.contains(key)) {
        c.setCellValue(String.valueOf(i));
      } else {
        c.setCellValue(i);
      }
    } else if (v instanceof LocalDate d) {
      DateMode mode = layout.dateMode;
      int pick = mode == DateMode.MIXED ? Rng.of(layout.columnSeed, fp, key).nextInt(6) : 0;
      if (mode == DateMode.EXCEL || (mode == DateMode.MIXED && pick >= 3)) {
        c.setCellValue(d);
        c.setCellStyle(st.date);
      } else {
        c.setCellValue(dateText(d, mode, pick));
      }
    } else {
      c.setCellValue(String.valueOf(v));
    }
  }

  /** A date as text: 2025-01-05, 2025/1/5 or 2025年1月5日 (MIXED: form number {@code pick % 3}). */
  static String dateText(LocalDate d, DateMode mode, int pick) {
    DateMode m = mode;
    if (m == DateMode.MIXED || m == DateMode.EXCEL) {
      m = m == DateMode.EXCEL ? DateMode.ISO : new DateMode[] {DateMode.ISO, DateMode.SLASH, DateMode.CHINESE}[pick % 3];
    }
    return switch (m) {
      case SLASH -> d.getYear() + "/" + d.getMonthValue() + "/" + d.getDayOfMonth();
      case CHINESE -> d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
      default -> d.toString();
    };
  }

  // ---------------------------------------------------------------------------------------------
  // CSV

  /** CSV files by sheet name (封面 first), encoded with {@code charset}, CRLF line ends. */
  static Map<String, byte[]> csv(Ledger l, Layout layout, Charset charset, boolean bom, Rng r, FaultSink sink) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    if (l.hasCover) {
      StringBuilder sb = new StringBuilder();
      for (Object[] line : l.cover) {
        appendLine(sb, List.of((String) line[0], text(line[1], layout, "封面", (String) line[0])));
      }
      files.put(Ledger.COVER, encode(sb, charset, bom));
    }
    for (Table t : tables(l, layout, r)) {
      StringBuilder sb = new StringBuilder();
      appendLine(sb, t.headers());
      int line = 1;
      int seq = 0;
      for (Row row : t.rows()) {
        line++;
        List<String> cells = new ArrayList<>();
        if (row == null) {
          t.keys().forEach(k -> cells.add(""));
        } else {
          seq++;
          String fp = needsFingerprint(layout) ? fingerprint(row) : "";
          for (String key : t.keys()) {
            cells.add(switch (key) {
              case "序号" -> String.valueOf(seq);
              case "备注" -> remark(layout, row, fp) == null ? "" : "已公示";
              default -> text(row.get(key), layout, fp, key);
            });
          }
          if (row.fault != null) {
            sink.fault(t.name(), line, row.faultColumn, row.fault);
          }
        }
        appendLine(sb, cells);
      }
      files.put(t.name(), encode(sb, charset, bom));
    }
    return files;
  }

  private static String text(Object v, Layout layout, String fp, String key) {
    if (v == null) {
      return "";
    }
    if (v instanceof Formula f) {
      return String.valueOf(f.cached());
    }
    if (v instanceof LocalDate d) {
      return dateText(d, layout.dateMode, layout.dateMode == DateMode.MIXED ? Rng.of(layout.columnSeed, fp, key).nextInt(3) : 0);
    }
    return String.valueOf(v);
  }

  private static void appendLine(StringBuilder sb, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      String c = cells.get(i);
      if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
        sb.append('"').append(c.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(c);
      }
    }
    sb.append("\r\n");
  }

  private static byte[] encode(StringBuilder sb, Charset charset, boolean bom) {
    String s = bom ? "\uFEFF" + sb : sb.toString();
    if (charset != StandardCharsets.UTF_8 && !charset.newEncoder().canEncode(s)) {
      throw new IllegalStateException("text not encodable in " + charset + ": " + s);
    }
    return s.getBytes(charset);
  }
}
