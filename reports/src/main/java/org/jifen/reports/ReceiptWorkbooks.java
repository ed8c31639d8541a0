package org.jifen.reports;

import static org.jifen.reports.StatisticsWorkbook.merge;
import static org.jifen.reports.StatisticsWorkbook.num;
import static org.jifen.reports.XlsxFormat.printSetup;
import static org.jifen.reports.StatisticsWorkbook.text;
import static org.jifen.reports.StatisticsWorkbook.widths;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes receipts (回执) for branches and the department's summary (回执汇总) as xlsx, in the
 * statistics workbook's fonts, styles and print setup (A4 landscape, fitted to the page width).
 * Every text cell goes through {@link SafeText#cell(String)}: file names, sheet names and values
 * found come from the branches' files.
 *
 * <p>Usage: {@code ReceiptWorkbooks.writeReceipt(receipt, PackOptions.of("0.1.0"), Path.of("回执_QS01B06_2025Q2.xlsx"))}.
 */
public final class ReceiptWorkbooks {
  /** Sheets of a branch's receipt. */
  public static final String SHEET_RECEIPT = "回执";
  public static final String SHEET_PROBLEMS = "问题明细";
  /** Sheets of the department's summary. */
  public static final String SHEET_OVERVIEW = "汇总";
  public static final String SHEET_REASONS = "问题分类";
  public static final String SHEET_BRANCHES = "各支部情况";
  public static final String SHEET_MISSING = "未报送支部";

  /** Header row (0-based) of the receipt's file table and of every list sheet's table. */
  static final String[] FILE_HEADS = {"序号", "文件名", "版本", "接收时间", "是否按时", "处理结果", "数据行数", "已接收",
      "有问题", "非台账行"};
  static final String[] PROBLEM_HEADS = {"序号", "文件名", "版本情况", "工作表", "行号", "列", "填写的内容",
      "问题说明及更正方法", "问题类型", "代码"};
  static final String[] BRANCH_HEADS = {"党支部编码", "党支部名称", "所属党(工)委", "报送情况", "逾期（小时）", "收到文件",
      "退回文件", "已接收行数", "问题数", "问题类型", "回执文件"};
  static final String[] REASON_HEADS = {"问题类型", "代码", "范围", "涉及党支部数", "问题数", "涉及党支部（问题数）"};

  private static final int[] RECEIPT_WIDTHS = {6, 30, 10, 18, 16, 28, 9, 9, 9, 9};
  private static final int[] PROBLEM_WIDTHS = {6, 22, 12, 9, 6, 10, 16, 64, 16, 22};
  private static final int EXPLANATION_COL = 7;
  private static final float LINE_POINTS = 13.5f;

  private final PackOptions o;
  private final XSSFWorkbook wb = new XSSFWorkbook();
  private final StatisticsWorkbook.Styles st = new StatisticsWorkbook.Styles(wb);
  private final XSSFCellStyle section;
  private final XSSFCellStyle paragraph;

  private ReceiptWorkbooks(PackOptions o) {
    this.o = o;
    XSSFFont heading = wb.createFont();
    heading.setFontName(StatisticsWorkbook.HEADING_FONT);
    heading.setFontHeightInPoints((short) 12);
    heading.setCharSet(134);
    section = wb.createCellStyle();
    section.cloneStyleFrom(st.headerLine);
    section.setFont(heading);
    paragraph = wb.createCellStyle();
    paragraph.cloneStyleFrom(st.note);
    paragraph.setFont(st.headerLine.getFont());
  }

  /** Writes one branch's receipt to {@code file} (replaced atomically when it exists). */
  public static void writeReceipt(Receipt r, PackOptions o, Path file) throws IOException {
    ReceiptWorkbooks w = new ReceiptWorkbooks(o);
    w.receiptSheet(r);
    w.problemSheet(r);
    String title = (r.branchName() == null ? r.branchCode() : r.branchName()) + Zh.periodLabel(r.period())
        + "党员积分台账接收回执";
    w.save(title, file);
  }

  /** Writes the department's summary to {@code file} (replaced atomically when it exists). */
  public static void writeSummary(ReceiptSummary s, PackOptions o, Path file) throws IOException {
    ReceiptWorkbooks w = new ReceiptWorkbooks(o);
    w.overviewSheet(s);
    w.reasonSheet(s);
    w.branchSheet(s);
    w.missingSheet(s);
    w.save(summaryTitle(s), file);
  }

  /** Title of a receipt's first sheet. */
  static String receiptTitle(Receipt r) {
    return Zh.periodLabel(r.period()) + "党员积分台账接收回执";
  }

  /** Title of the summary's first sheet. */
  static String summaryTitle(ReceiptSummary s) {
    return s.unitName() + Zh.periodLabel(s.period()) + "党员积分台账接收情况汇总";
  }

  // ---- 回执 -------------------------------------------------------------------------------------

  private void receiptSheet(Receipt r) {
    XSSFSheet sh = wb.createSheet(SHEET_RECEIPT);
    int cols = RECEIPT_WIDTHS.length;
    String branch = r.branchCode() + (r.branchName() == null ? "" : "　" + r.branchName());
    int row = heading(sh, receiptTitle(r), cols, List.of(
        "党支部：" + branch + (r.committeeName() == null ? "" : "　　所属：" + r.committeeName()),
        "报送截止时间：" + Zh.dateTime(r.deadline(), o.zone()) + "　　出具单位：" + nz(r.issuer())
            + "　　生成时间：" + Zh.dateTime(o.generatedAt(), o.zone())));
    row = sectionRow(sh, row, "一、结论", cols);
    row = paragraphRow(sh, row, r.conclusion(), cols, RECEIPT_WIDTHS);

    row = sectionRow(sh, row + 1, "二、收到的文件", cols);
    int header = row;
    headerRow(sh, row++, FILE_HEADS);
    int n = 1;
    for (Receipt.ReceivedFile f : r.files()) {
      Row x = sh.createRow(row++);
      num(x, 0, n++, st.integer);
      text(x, 1, f.file(), st.wrap);
      num(x, 2, f.version(), st.integer);
      text(x, 3, Zh.dateTime(f.receivedAt(), o.zone()), st.text);
      String timing = f.hoursLate() == null ? "按时" : "逾期" + f.hoursLate().toPlainString() + "小时";
      text(x, 4, timing + (f.afterFirstAccepted() ? "（不影响报送时间）" : ""), st.wrap);
      text(x, 5, f.outcome(), st.wrap);
      num(x, 6, f.rowsRead(), st.integer);
      num(x, 7, f.rowsAccepted(), st.integer);
      num(x, 8, f.rowsWithProblems(), st.integer);
      num(x, 9, f.rowsNotLedger(), st.integer);
      x.setHeightInPoints(height(Math.max(Math.max(lines(f.file(), RECEIPT_WIDTHS[1]), lines(f.outcome(),
          RECEIPT_WIDTHS[5])), lines(x.getCell(4).getStringCellValue(), RECEIPT_WIDTHS[4]))));
    }

    row = sectionRow(sh, row + 1, "三、各工作表的接收情况", cols);
    headerRow(sh, row++, "序号", "文件名", "工作表", "说明", "", "", "数据行数", "已接收", "有问题", "");
    merge(sh, row - 1, row - 1, 3, 5, true);
    n = 1;
    for (Receipt.SheetCount c : r.sheets()) {
      Row x = sh.createRow(row);
      num(x, 0, n++, st.integer);
      text(x, 1, c.file(), st.wrap);
      text(x, 2, c.sheet(), st.text);
      for (int col = 3; col <= 5; col++) {
        text(x, col, col == 3 ? nz(c.note()) : "", st.wrap);
      }
      merge(sh, row, row, 3, 5, true);
      num(x, 6, c.read(), st.integer);
      num(x, 7, c.accepted(), st.integer);
      num(x, 8, c.withProblems(), st.integer);
      text(x, 9, "", st.text);
      x.setHeightInPoints(height(Math.max(lines(c.file(), RECEIPT_WIDTHS[1]),
          lines(c.note(), RECEIPT_WIDTHS[3] + RECEIPT_WIDTHS[4] + RECEIPT_WIDTHS[5]))));
      row++;
    }
    if (r.sheets().isEmpty()) {
      row = paragraphRow(sh, row, "没有可读取的台账工作表。", cols, RECEIPT_WIDTHS);
    }

    row = sectionRow(sh, row + 1, "四、提示", cols);
    if (r.notes().isEmpty()) {
      row = paragraphRow(sh, row, "无。", cols, RECEIPT_WIDTHS);
    }
    for (int i = 0; i < r.notes().size(); i++) {
      row = paragraphRow(sh, row, (i + 1) + ". " + r.notes().get(i), cols, RECEIPT_WIDTHS);
    }
    row = sectionRow(sh, row + 1, "五、更正和重新报送", cols);
    for (int i = 0; i < r.steps().size(); i++) {
      row = paragraphRow(sh, row, (i + 1) + ". " + r.steps().get(i), cols, RECEIPT_WIDTHS);
    }
    widths(sh, RECEIPT_WIDTHS);
    printSetup(sh, header, header);
  }

  // ---- 问题明细 ---------------------------------------------------------------------------------

  private void problemSheet(Receipt r) {
    XSSFSheet sh = wb.createSheet(SHEET_PROBLEMS);
    int cols = PROBLEM_WIDTHS.length;
    int row = heading(sh, (r.branchName() == null ? r.branchCode() : r.branchName()) + Zh.periodLabel(r.period())
        + "积分台账问题明细", cols, List.of("行号为Excel工作表左侧的行号（CSV文件为行号，表头是第1行）；"
        + "有问题的行未计入统计，其余行已正常接收。身份证号只显示末4位。"));
    int header = row;
    headerRow(sh, row++, PROBLEM_HEADS);
    int n = 1;
    for (Receipt.Problem p : r.problems()) {
      Row x = sh.createRow(row++);
      num(x, 0, n++, st.integer);
      text(x, 1, p.file(), st.wrap);
      text(x, 2, p.versionState(), st.wrap);
      text(x, 3, nz(p.sheet()), st.text);
      num(x, 4, p.row(), st.integer);
      text(x, 5, nz(p.column()), st.wrap);
      text(x, 6, nz(p.found()), st.wrap);
      text(x, 7, p.explanation(), st.wrap);
      text(x, 8, p.title(), st.wrap);
      text(x, 9, p.code(), st.mono);
      int lines = 1;
      for (int c : new int[] {1, 2, 5, 6, EXPLANATION_COL, 8}) {
        lines = Math.max(lines, lines(String.valueOf(x.getCell(c).getStringCellValue()), PROBLEM_WIDTHS[c]));
      }
      x.setHeightInPoints(height(lines));
    }
    if (r.problems().isEmpty()) {
      paragraphRow(sh, row, "本期报送的台账未发现问题。", cols, PROBLEM_WIDTHS);
    }
    widths(sh, PROBLEM_WIDTHS);
    sh.createFreezePane(0, header + 1);
    sh.setAutoFilter(new CellRangeAddress(header, Math.max(header, row - 1), 0, cols - 1));
    printSetup(sh, header, header);
  }

  // ---- 回执汇总 ---------------------------------------------------------------------------------

  private void overviewSheet(ReceiptSummary s) {
    XSSFSheet sh = wb.createSheet(SHEET_OVERVIEW);
    int[] w = {36, 12, 70};
    int row = heading(sh, summaryTitle(s), w.length, List.of("报送截止时间：" + Zh.dateTime(s.deadline(), o.zone())
        + "　　出具单位：" + nz(s.issuer()) + "　　生成时间：" + Zh.dateTime(o.generatedAt(), o.zone())));
    int header = row;
    headerRow(sh, row++, "指标", "数值", "说明");
    for (ReceiptSummary.Figure f : s.overview()) {
      Row x = sh.createRow(row++);
      text(x, 0, f.label(), st.text);
      num(x, 1, f.value(), st.integer);
      text(x, 2, nz(f.note()), st.wrap);
      x.setHeightInPoints(height(lines(f.note(), w[2])));
    }
    widths(sh, w);
    printSetup(sh, header, header);
  }

  private void reasonSheet(ReceiptSummary s) {
    XSSFSheet sh = wb.createSheet(SHEET_REASONS);
    int[] w = {24, 26, 10, 12, 9, 80};
    int row = heading(sh, s.unitName() + Zh.periodLabel(s.period()) + "有问题的党支部（按问题类型）", w.length,
        List.of("整份文件类问题按退回的文件计数，数据行类问题按有问题的行计数；含已被新版本替代的文件中的问题。"));
    int header = row;
    headerRow(sh, row++, REASON_HEADS);
    for (ReceiptSummary.ReasonLine l : s.reasons()) {
      Row x = sh.createRow(row++);
      text(x, 0, l.title(), st.wrap);
      text(x, 1, l.code(), st.mono);
      text(x, 2, l.wholeFile() ? "整份文件" : "数据行", st.text);
      num(x, 3, l.branches(), st.integer);
      num(x, 4, l.items(), st.integer);
      text(x, 5, l.branchList(), st.wrap);
      x.setHeightInPoints(height(Math.max(lines(l.title(), w[0]), lines(l.branchList(), w[5]))));
    }
    if (s.reasons().isEmpty()) {
      paragraphRow(sh, row, "本期没有发现问题。", w.length, w);
    }
    widths(sh, w);
    printSetup(sh, header, header);
  }

  private void branchSheet(ReceiptSummary s) {
    XSSFSheet sh = wb.createSheet(SHEET_BRANCHES);
    int[] w = {12, 28, 22, 12, 10, 8, 8, 10, 8, 30, 30};
    int row = heading(sh, s.unitName() + Zh.periodLabel(s.period()) + "各党支部台账接收情况", w.length,
        List.of("报送情况以最早被接收的台账为准；被整份退回的文件不算报送。问题数含整份退回的文件。"));
    int header = row;
    headerRow(sh, row++, BRANCH_HEADS);
    for (ReceiptSummary.BranchLine b : s.branches()) {
      Row x = sh.createRow(row++);
      text(x, 0, b.code(), st.text);
      text(x, 1, nz(b.name()), st.wrap);
      text(x, 2, nz(b.committee()), st.wrap);
      text(x, 3, b.status(), st.wrap);
      num(x, 4, b.hoursLate(), st.dec1);
      num(x, 5, b.files(), st.integer);
      num(x, 6, b.filesRejected(), st.integer);
      num(x, 7, b.rowsAccepted(), st.integer);
      num(x, 8, b.problems(), st.integer);
      text(x, 9, nz(b.problemTitles()), st.wrap);
      text(x, 10, nz(b.receiptFile()), st.wrap);
      x.setHeightInPoints(height(Math.max(Math.max(lines(b.name(), w[1]), lines(b.problemTitles(), w[9])),
          lines(b.receiptFile(), w[10]))));
    }
    widths(sh, w);
    sh.createFreezePane(2, header + 1);
    sh.setAutoFilter(new CellRangeAddress(header, Math.max(header, row - 1), 0, w.length - 1));
    printSetup(sh, header, header);
  }

  private void missingSheet(ReceiptSummary s) {
    XSSFSheet sh = wb.createSheet(SHEET_MISSING);
    int[] w = {12, 30, 24, 70};
    int row = heading(sh, s.unitName() + Zh.periodLabel(s.period()) + "未报送积分台账的党支部", w.length,
        List.of("应报送的党支部中没有被接收的台账的；其党员不计入本季度统计。"));
    int header = row;
    headerRow(sh, row++, "党支部编码", "党支部名称", "所属党(工)委", "情况");
    for (ReceiptSummary.MissingLine m : s.missing()) {
      Row x = sh.createRow(row++);
      text(x, 0, m.code(), st.text);
      text(x, 1, nz(m.name()), st.wrap);
      text(x, 2, nz(m.committee()), st.wrap);
      text(x, 3, m.why(), st.wrap);
      x.setHeightInPoints(height(Math.max(lines(m.name(), w[1]), lines(m.why(), w[3]))));
    }
    if (s.missing().isEmpty()) {
      paragraphRow(sh, row, "应报送的党支部均已报送。", w.length, w);
    }
    widths(sh, w);
    printSetup(sh, header, header);
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** Title row and sub-title lines; returns the first free row after a blank one. */
  private int heading(XSSFSheet sh, String title, int cols, List<String> lines) {
    Row t = sh.createRow(0);
    t.setHeightInPoints(30);
    text(t, 0, title, st.title);
    merge(sh, 0, 0, 0, cols - 1, false);
    int row = 1;
    for (String line : lines) {
      Row x = sh.createRow(row);
      text(x, 0, line, st.headerLine);
      merge(sh, row, row, 0, cols - 1, false);
      x.setHeightInPoints(18);
      row++;
    }
    return row + 1;
  }

  private int sectionRow(XSSFSheet sh, int row, String label, int cols) {
    Row x = sh.createRow(row);
    text(x, 0, label, section);
    merge(sh, row, row, 0, cols - 1, false);
    x.setHeightInPoints(20);
    return row + 1;
  }

  /** A paragraph over the whole width, its height estimated from its length (merged cells do not grow). */
  private int paragraphRow(XSSFSheet sh, int row, String body, int cols, int[] colWidths) {
    Row x = sh.createRow(row);
    text(x, 0, body, paragraph);
    merge(sh, row, row, 0, cols - 1, false);
    int width = 0;
    for (int i = 0; i < cols; i++) {
      width += colWidths[i];
    }
    // The paragraph font is larger than the width unit's: about 0.8 of a width unit per half character.
    x.setHeightInPoints(height(lines(body, (int) (width * 0.8))) + 2);
    return row + 1;
  }

  private void headerRow(XSSFSheet sh, int row, String... names) {
    Row h = sh.createRow(row);
    h.setHeightInPoints(30);
    for (int i = 0; i < names.length; i++) {
      text(h, i, names[i], st.header);
    }
  }

  /** Lines a wrapped text takes in a column this many width units wide (at least 4 usable). */
  static int lines(String s, int widthUnits) {
    return XlsxFormat.wrappedLines(s, Math.max(6, widthUnits));
  }

  /** Row height for this many lines, within what a spreadsheet row can be (409 points). */
  private static float height(int lines) {
    return Math.min(409, Math.max(18, lines * LINE_POINTS + 4));
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private void save(String title, Path file) throws IOException {
    try (XSSFWorkbook w = wb) {
      XlsxFormat.writeAtomically(w, file, title, "jifen " + o.jifenVersion(), o.generatedAt());
    }
  }
}
