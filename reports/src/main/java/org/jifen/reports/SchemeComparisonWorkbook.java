package org.jifen.reports;

import static org.jifen.reports.StatisticsWorkbook.num;
import static org.jifen.reports.StatisticsWorkbook.text;
import static org.jifen.reports.XlsxFormat.printSetup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The comparison of a draft scheme with the scheme in force as a workbook in Chinese: the summary
 * with the chart, the grade changes, their reasons, the items the draft does not define, the quota
 * effects and the members whose grade changes (党员编号 only).
 */
public final class SchemeComparisonWorkbook {
  public static final String SHEET_SUMMARY = "对比汇总";
  public static final String SHEET_MOVES = "等次变化";
  public static final String SHEET_REASONS = "变化原因";
  public static final String SHEET_UNKNOWN = "未定义项目";
  public static final String SHEET_QUOTA = "名额影响";
  public static final String SHEET_MEMBERS = "变化党员";

  private SchemeComparisonWorkbook() {}

  private record Styles(XSSFCellStyle title, XSSFCellStyle note, XSSFCellStyle head, XSSFCellStyle text,
      XSSFCellStyle num, XSSFCellStyle dec, XSSFCellStyle totalText, XSSFCellStyle totalNum,
      XSSFCellStyle totalDec) {}

  /** Writes the workbook to {@code file} atomically, with the chart on the summary sheet. */
  public static void write(SchemeComparison c, byte[] chartPng, PackOptions o, Path file) throws IOException {
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      Styles s = styles(wb);
      summary(wb, s, c, chartPng);
      moves(wb, s, c);
      reasons(wb, s, c);
      unknown(wb, s, c);
      quota(wb, s, c);
      members(wb, s, c);
      XlsxFormat.writeAtomically(wb, file, c.unitName() + " " + c.period() + " 计分方案草案模拟对比", "jifen "
          + o.jifenVersion(), o.generatedAt());
    }
  }

  private static Styles styles(XSSFWorkbook wb) {
    XSSFCellStyle title = wb.createCellStyle();
    title.setFont(XlsxFormat.font(wb, XlsxFormat.HEADING_FONT, 14, true));
    XSSFCellStyle note = wb.createCellStyle();
    note.setFont(XlsxFormat.font(wb, XlsxFormat.BODY_FONT, 10, false));
    note.setWrapText(true);
    note.setVerticalAlignment(org.apache.poi.ss.usermodel.VerticalAlignment.TOP);
    XSSFCellStyle head = XlsxFormat.bordered(wb, XlsxFormat.font(wb, XlsxFormat.HEADING_FONT, 10, true));
    head.setAlignment(HorizontalAlignment.CENTER);
    head.setWrapText(true);
    var body = XlsxFormat.font(wb, XlsxFormat.BODY_FONT, 10, false);
    var bold = XlsxFormat.font(wb, XlsxFormat.BODY_FONT, 10, true);
    XSSFCellStyle text = XlsxFormat.bordered(wb, body);
    text.setWrapText(true);
    XSSFCellStyle num = XlsxFormat.bordered(wb, body);
    num.setDataFormat(wb.createDataFormat().getFormat("0"));
    XSSFCellStyle dec = XlsxFormat.bordered(wb, body);
    dec.setDataFormat(wb.createDataFormat().getFormat("0.00"));
    XSSFCellStyle tt = XlsxFormat.bordered(wb, bold);
    XSSFCellStyle tn = XlsxFormat.bordered(wb, bold);
    tn.setDataFormat(wb.createDataFormat().getFormat("0"));
    XSSFCellStyle td = XlsxFormat.bordered(wb, bold);
    td.setDataFormat(wb.createDataFormat().getFormat("0.00"));
    return new Styles(title, note, head, text, num, dec, tt, tn, td);
  }

  /**
   * Title, lines of notes (each merged across the table's {@code widths} and as tall as its
   * wrapped text), then the table header at the returned row index; sets the column widths.
   */
  private static int preamble(XSSFSheet sh, Styles s, String title, List<String> lines, int... widths) {
    widths(sh, widths);
    int span = 0;
    for (int w : widths) {
      span += w;
    }
    Row t = sh.createRow(0);
    text(t, 0, title, s.title());
    int r = 1;
    for (String l : lines) {
      Row x = sh.createRow(r);
      text(x, 0, l, s.note());
      StatisticsWorkbook.merge(sh, r, r, 0, widths.length - 1, false);
      x.setHeightInPoints(LINE_POINTS * lines(l, span));
      r++;
    }
    return r + 1;
  }

  private static final float LINE_POINTS = 14f;

  /** Lines a text wraps to in a cell {@code chars} wide (a CJK character counts two). */
  private static int lines(String text, int chars) {
    return Math.max(1, (XlsxFormat.displayWidth(text) + chars - 3) / Math.max(1, chars - 2));
  }

  /** Sets a row's height to fit the wrapped text of its tallest cell. */
  private static void fit(Row row, int[] widths, String... texts) {
    int n = 1;
    for (int i = 0; i < texts.length && i < widths.length; i++) {
      if (texts[i] != null) {
        n = Math.max(n, lines(texts[i], widths[i]));
      }
    }
    row.setHeightInPoints(LINE_POINTS * n);
  }

  private static Row header(XSSFSheet sh, Styles s, int r, String... heads) {
    Row h = sh.createRow(r);
    for (int i = 0; i < heads.length; i++) {
      text(h, i, heads[i], s.head());
    }
    return h;
  }

  private static void widths(XSSFSheet sh, int... chars) {
    for (int i = 0; i < chars.length; i++) {
      sh.setColumnWidth(i, chars[i] * 256);
    }
  }

  private static void summary(XSSFWorkbook wb, Styles s, SchemeComparison c, byte[] png) {
    XSSFSheet sh = wb.createSheet(SHEET_SUMMARY);
    List<String> lines = new ArrayList<>();
    lines.add("现行方案：" + c.current().id() + " " + nz(c.current().name()) + "；结果来源：" + c.currentSource());
    lines.add("草案：" + c.draft().id() + " " + nz(c.draft().name()) + "（" + c.draft().source() + "）");
    lines.add("已评定等次的党员中：等次上升" + c.up() + "名，下降" + c.down() + "名，不变" + c.unchanged() + "名。"
        + "本次模拟未写入任何数据表。");
    lines.addAll(c.notes());
    int g = c.grades().size();
    int[] w = new int[8 + g];
    w[0] = 26;
    w[1] = 10;
    for (int i = 2; i < w.length; i++) {
      w[i] = 9;
    }
    int r = preamble(sh, s, c.unitName() + "（" + c.unitCode() + "）" + c.period() + " 计分方案草案模拟：对比汇总", lines, w);
    Row h1 = sh.createRow(r);
    Row h2 = sh.createRow(r + 1);
    text(h1, 0, "党组织", s.head());
    text(h2, 0, "", s.head());
    text(h1, 1, "方案", s.head());
    text(h2, 1, "", s.head());
    text(h1, 2, "评定人数", s.head());
    text(h2, 2, "", s.head());
    for (int i = 0; i < g; i++) {
      text(h1, 3 + i, i == 0 ? "各等次人数" : "", s.head());
      text(h2, 3 + i, c.grades().get(i), s.head());
    }
    String[] tail = {"平均分", "中位数", "受名额限制", "等次上升", "等次下降"};
    for (int i = 0; i < tail.length; i++) {
      text(h1, 3 + g + i, tail[i], s.head());
      text(h2, 3 + g + i, "", s.head());
    }
    StatisticsWorkbook.merge(sh, r, r + 1, 0, 0, true);
    StatisticsWorkbook.merge(sh, r, r + 1, 1, 1, true);
    StatisticsWorkbook.merge(sh, r, r + 1, 2, 2, true);
    StatisticsWorkbook.merge(sh, r, r, 3, 2 + g, true);
    for (int i = 0; i < tail.length; i++) {
      StatisticsWorkbook.merge(sh, r, r + 1, 3 + g + i, 3 + g + i, true);
    }
    int row = r + 2;
    for (SchemeComparison.UnitRow u : c.units()) {
      XSSFCellStyle ts = u.total() ? s.totalText() : s.text();
      XSSFCellStyle ns = u.total() ? s.totalNum() : s.num();
      XSSFCellStyle ds = u.total() ? s.totalDec() : s.dec();
      for (int k = 0; k < 2; k++) {
        boolean cur = k == 0;
        Row x = sh.createRow(row + k);
        text(x, 0, k == 0 ? (u.total() ? "合计（" + u.name() + "）" : u.name()) : "", ts);
        text(x, 1, cur ? "现行方案" : "草案", ts);
        num(x, 2, cur ? u.currentGraded() : u.draftGraded(), ns);
        for (int i = 0; i < g; i++) {
          String grade = c.grades().get(i);
          num(x, 3 + i, (cur ? u.currentGrades() : u.draftGrades()).getOrDefault(grade, 0L), ns);
        }
        num(x, 3 + g, cur ? u.currentMean() : u.draftMean(), ds);
        num(x, 4 + g, cur ? u.currentMedian() : u.draftMedian(), ds);
        num(x, 5 + g, cur ? u.currentQuotaLimited() : u.draftQuotaLimited(), ns);
        num(x, 6 + g, k == 0 ? u.up() : null, ns);
        num(x, 7 + g, k == 0 ? u.down() : null, ns);
      }
      StatisticsWorkbook.merge(sh, row, row + 1, 0, 0, true);
      StatisticsWorkbook.merge(sh, row, row + 1, 6 + g, 6 + g, true);
      StatisticsWorkbook.merge(sh, row, row + 1, 7 + g, 7 + g, true);
      row += 2;
    }
    printSetup(sh, r, r + 1);
    if (png != null) {
      // Below the table, over the first eight columns (26 + 10 + 6 × 9 characters, about 650
      // pixels) and 19 rows of 15 points (380 pixels): the chart's 640 × 380 aspect. With more
      // than six subordinates the chart starts a page of its own rather than being cut.
      if (c.units().size() > 6) {
        sh.setRowBreak(row);
      }
      int pic = wb.addPicture(png, Workbook.PICTURE_TYPE_PNG);
      XSSFDrawing d = sh.createDrawingPatriarch();
      XSSFClientAnchor a = new XSSFClientAnchor(0, 0, 0, 0, 0, row + 1, 8, row + 20);
      a.setAnchorType(ClientAnchor.AnchorType.MOVE_AND_RESIZE);
      d.createPicture(a, pic);
    }
  }

  private static void moves(XSSFWorkbook wb, Styles s, SchemeComparison c) {
    XSSFSheet sh = wb.createSheet(SHEET_MOVES);
    int[] w = new int[2 + c.grades().size()];
    w[0] = 16;
    for (int i = 1; i < w.length; i++) {
      w[i] = 10;
    }
    int r = preamble(sh, s, "等次变化（行：现行方案等次；列：草案等次）", List.of("仅含两种方案下均评定等次的党员。等次上升"
        + c.up() + "名，下降" + c.down() + "名，不变" + c.unchanged() + "名。"), w);
    List<String> heads = new ArrayList<>(List.of("现行方案＼草案"));
    heads.addAll(c.grades());
    heads.add("合计");
    header(sh, s, r, heads.toArray(String[]::new));
    int row = r + 1;
    for (String from : c.grades()) {
      Row x = sh.createRow(row++);
      text(x, 0, from, s.text());
      long sum = 0;
      for (int i = 0; i < c.grades().size(); i++) {
        String to = c.grades().get(i);
        long n = c.matrix().stream().filter(m -> m.from().equals(from) && m.to().equals(to))
            .mapToLong(SchemeComparison.Move::members).sum();
        sum += n;
        num(x, 1 + i, n, s.num());
      }
      num(x, 1 + c.grades().size(), sum, s.totalNum());
    }
    printSetup(sh, r, r);
  }

  private static final int[] REASON_WIDTHS = {6, 16, 22, 50, 10, 10, 10};

  private static void reasons(XSSFWorkbook wb, Styles s, SchemeComparison c) {
    XSSFSheet sh = wb.createSheet(SHEET_REASONS);
    int r = preamble(sh, s, "等次变化的原因（按涉及人数排序）", List.of(
        "对每名等次变化的党员，比较各项目在两种方案下计入得分的分值（按项目上限封顶后），一名党员可有多个原因。",
        "只计与变化方向一致的原因：等次上升的党员，计在草案下分值增加的项目；等次下降的，计分值减少的项目（含草案未定义的项目）。",
        "“名额”：在草案下受名额限制而在现行方案下不受（下降），或相反（上升）。"), REASON_WIDTHS);
    header(sh, s, r, "序号", "项目代码", "项目名称", "变化内容", "涉及人数", "其中上升", "其中下降");
    int row = r + 1;
    int n = 1;
    for (SchemeComparison.Reason x : c.reasons()) {
      Row y = sh.createRow(row++);
      num(y, 0, n++, s.num());
      text(y, 1, x.code(), s.text());
      text(y, 2, nz(x.name()), s.text());
      text(y, 3, nz(x.detail()), s.text());
      num(y, 4, x.members(), s.num());
      num(y, 5, x.up(), s.num());
      num(y, 6, x.down(), s.num());
      fit(y, REASON_WIDTHS, null, null, x.name(), x.detail());
    }
    if (c.reasons().isEmpty()) {
      text(sh.createRow(row), 0, "没有党员的等次发生变化。", s.note());
    }
    printSetup(sh, r, r);
  }

  private static void unknown(XSSFWorkbook wb, Styles s, SchemeComparison c) {
    XSSFSheet sh = wb.createSheet(SHEET_UNKNOWN);
    int r = preamble(sh, s, "本期积分明细中草案未定义的项目", List.of(
        "这些项目的积分明细在草案下不计分（也不产生否决、取消资格等作用）；采用草案前请确认是否需要在草案中保留或合并这些项目。"),
        16, 30, 12, 14, 12);
    header(sh, s, r, "项目代码", "现行方案中的名称", "明细条数", "涉及党员人数", "分值合计");
    int row = r + 1;
    for (SchemeComparison.UnknownItem u : c.unknownItems()) {
      Row y = sh.createRow(row++);
      text(y, 0, u.code(), s.text());
      text(y, 1, nz(u.name()), s.text());
      num(y, 2, u.entries(), s.num());
      num(y, 3, u.members(), s.num());
      num(y, 4, u.points(), s.dec());
    }
    if (c.unknownItems().isEmpty()) {
      text(sh.createRow(row), 0, "无：本期明细中的项目草案均有定义。", s.note());
    }
    printSetup(sh, r, r);
  }

  private static void quota(XSSFWorkbook wb, Styles s, SchemeComparison c) {
    XSSFSheet sh = wb.createSheet(SHEET_QUOTA);
    int r = preamble(sh, s, "名额影响（按名额规则由较高等次调整为较低等次的党员人数）", List.of(
        "现行方案：" + c.current().quota(), "草案：" + c.draft().quota(), "名额按党支部计算；季度结果不受名额限制。"),
        30, 16, 16, 10);
    header(sh, s, r, "党组织", "现行方案受限人数", "草案受限人数", "增减");
    int row = r + 1;
    for (SchemeComparison.UnitRow u : c.units()) {
      Row y = sh.createRow(row++);
      text(y, 0, u.total() ? "合计（" + u.name() + "）" : u.name(), u.total() ? s.totalText() : s.text());
      num(y, 1, u.currentQuotaLimited(), s.num());
      num(y, 2, u.draftQuotaLimited(), s.num());
      num(y, 3, u.draftQuotaLimited() - u.currentQuotaLimited(), s.num());
    }
    printSetup(sh, r, r);
  }

  private static void members(XSSFWorkbook wb, Styles s, SchemeComparison c) {
    XSSFSheet sh = wb.createSheet(SHEET_MEMBERS);
    int r = preamble(sh, s, "等次变化的党员（仅列党员编号）", List.of("原因代码见“变化原因”。"), 14, 16, 12, 18, 12, 18, 8, 24);
    header(sh, s, r, "党员编号", "党支部编码", "现行方案得分", "现行方案等次", "草案得分", "草案等次", "变化", "原因");
    int row = r + 1;
    for (SchemeComparison.ChangedMember m : c.changed()) {
      Row y = sh.createRow(row++);
      text(y, 0, m.memberCode(), s.text());
      text(y, 1, m.branchCode(), s.text());
      num(y, 2, m.currentScore(), s.dec());
      text(y, 3, m.currentGrade() + (m.currentQuotaLimited() ? "（名额限制）" : ""), s.text());
      num(y, 4, m.draftScore(), s.dec());
      text(y, 5, m.draftGrade() + (m.draftQuotaLimited() ? "（名额限制）" : ""), s.text());
      text(y, 6, m.direction(), s.text());
      text(y, 7, String.join("、", m.reasons()), s.text());
    }
    printSetup(sh, r, r);
  }

  private static String nz(String v) {
    return v == null ? "" : v;
  }

}
