package org.jifen.reports;

import static org.jifen.reports.XlsxFormat.displayWidth;
import static org.jifen.reports.StatisticsWorkbook.merge;
import static org.jifen.reports.StatisticsWorkbook.num;
import static org.jifen.reports.XlsxFormat.printSetup;
import static org.jifen.reports.StatisticsWorkbook.text;
import static org.jifen.reports.StatisticsWorkbook.widths;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The appeal file of {@code jifen history --xlsx}: a member's year on three sheets (积分履历: the
 * quarters and the annual result with its explanation; 台账版本: every ledger version and what
 * changed for the member; 积分明细: the member's current entries), in the statistics workbook's
 * fonts, styles and print setup (A4 landscape, fitted to the page width). Every text cell goes
 * through {@link SafeText#cell(String)}. It names the member and never holds a national ID.
 *
 * <p>Usage: {@code MemberHistoryWorkbook.write(history, PackOptions.of("0.1.0"), Path.of("DY686878_2025.xlsx"))}.
 */
public final class MemberHistoryWorkbook {
  public static final String SHEET_OVERVIEW = "积分履历";
  public static final String SHEET_VERSIONS = "台账版本";
  public static final String SHEET_ENTRIES = "积分明细";

  /** The confidentiality line under every sheet's title. */
  static final String RESTRICTED_NOTE = "本表含党员姓名，仅限授权人员办理积分申诉使用，注意保密；不含身份证号。";

  /**
   * The versions and the changes share one column grid: 季度, 党支部, 版本, then 文件 / 项目, 接收时间 /
   * 日期, … so that both tables read well on one printed page.
   */
  static final String[] VERSION_HEADS = {"季度", "党支部", "版本", "文件", "接收时间", "状态", "本人在名册", "本人明细条数",
      "与上一版本相比"};
  static final String[] CHANGE_HEADS = {"季度", "党支部", "版本", "项目", "日期", "变化", "原分值", "新分值", "原依据",
      "新依据"};
  private static final int[] VERSION_WIDTHS = {14, 10, 6, 28, 17, 9, 10, 10, 34, 34};
  static final String[] ENTRY_HEADS = {"季度", "日期", "项目编码", "项目", "分值", "依据", "来源文件", "行号"};

  private static final float LINE_POINTS = 14f;

  private final MemberHistory h;
  private final PackOptions o;
  private final XSSFWorkbook wb = new XSSFWorkbook();
  private final StatisticsWorkbook.Styles st = new StatisticsWorkbook.Styles(wb);
  private final XSSFCellStyle section;
  private final XSSFCellStyle center;

  private MemberHistoryWorkbook(MemberHistory h, PackOptions o) {
    this.h = h;
    this.o = o;
    section = wb.createCellStyle();
    section.setFont(st.header.getFont());
    center = wb.createCellStyle();
    center.cloneStyleFrom(st.text);
    center.setAlignment(org.apache.poi.ss.usermodel.HorizontalAlignment.CENTER);
  }

  /** Writes the appeal file to {@code file}, replacing an existing one atomically. */
  public static void write(MemberHistory h, PackOptions o, Path file) throws IOException {
    MemberHistoryWorkbook w = new MemberHistoryWorkbook(h, o);
    try (XSSFWorkbook wb = w.wb) {
      w.overview();
      w.versions();
      w.entries();
      XlsxFormat.writeAtomically(wb, file, title(h), "jifen " + o.jifenVersion(), o.generatedAt());
    }
  }

  /** {@code 2025年度党员积分履历（DY686878 黎杰）}. */
  static String title(MemberHistory h) {
    return h.year() + "年度党员积分履历（" + h.memberCode() + (h.name() == null ? "" : " " + h.name()) + "）";
  }

  // ---- 积分履历 ---------------------------------------------------------------------------------

  private void overview() {
    XSSFSheet sh = wb.createSheet(SHEET_OVERVIEW);
    List<String> heads = new ArrayList<>(List.of("季度", "党支部", "党员身份", "积分管理", "状态", "得分", "等次", "支部内排名"));
    heads.addAll(h.componentNames());
    heads.addAll(List.of("标记", "说明"));
    int cols = heads.size();
    int[] w = new int[cols];
    int[] fixed = {14, 28, 10, 16, 12, 7, 7, 10};
    System.arraycopy(fixed, 0, w, 0, fixed.length);
    for (int i = 0; i < h.componentNames().size(); i++) {
      w[fixed.length + i] = Math.max(8, displayWidth(h.componentNames().get(i)) + 2);
    }
    w[cols - 2] = 10;
    w[cols - 1] = 36;
    widths(sh, w);
    int totalWidth = java.util.Arrays.stream(w).sum();

    int r = heading(sh, title(h), cols, totalWidth);
    r = sectionRow(sh, r, "一、各季度情况", cols);
    int headerRow = r;
    header(sh, r++, heads.toArray(String[]::new));
    for (MemberHistory.Quarter q : h.quarters()) {
      Row x = sh.createRow(r++);
      int c = 0;
      text(x, c++, Zh.periodLabel(q.period()), st.text);
      text(x, c++, branch(q.branchCode(), q.branchName()), st.wrap);
      text(x, c++, q.standing(), st.text);
      text(x, c++, q.participation(), st.wrap);
      text(x, c++, q.status(), st.wrap);
      num(x, c++, q.score(), st.dec1);
      text(x, c++, q.grade(), center);
      text(x, c++, rank(q.rankInBranch(), q.gradedInBranch()), center);
      for (int i = 0; i < h.componentNames().size(); i++) {
        num(x, c++, i < q.components().size() ? q.components().get(i) : null, st.dec2);
      }
      text(x, c++, q.flags(), st.wrap);
      text(x, c, q.note(), st.wrap);
      x.setHeightInPoints(height(Math.max(lines(q.note(), w[cols - 1]),
          lines(branch(q.branchCode(), q.branchName()), w[1]))));
    }

    r = sectionRow(sh, r + 1, "二、" + h.year() + "年度结果", cols);
    MemberHistory.Annual a = h.annual();
    if (a == null) {
      r = paragraph(sh, r, "本年度无年度结果。", cols, totalWidth);
    } else {
      r = kv(sh, r, cols, "年度所在党支部", branch(a.branchCode(), a.branchName()));
      r = kv(sh, r, cols, "党员身份", a.standing());
      r = kv(sh, r, cols, "状态", a.status() + "（计入" + a.quartersCounted() + "个季度）");
      for (int i = 0; i < h.componentNames().size() && i < a.components().size(); i++) {
        if (a.components().get(i) != null) {
          r = kv(sh, r, cols, h.componentNames().get(i), Zh.num(a.components().get(i), 2));
        }
      }
      r = kv(sh, r, cols, "年度得分", Zh.score(a.score()));
      r = kv(sh, r, cols, "按得分应得等次", a.preGrade() == null ? Zh.NONE : a.preGrade());
      r = kv(sh, r, cols, "最终等次", a.grade() == null ? Zh.NONE
          : a.grade() + (a.quotaLimited() ? "（受名额限制）" : ""));
      r = kv(sh, r, cols, "支部内排名", a.rankInBranch() == null ? Zh.NONE : rank(a.rankInBranch(), a.gradedInBranch()));
      if (a.quotaSize() != null) {
        r = kv(sh, r, cols, "名额", a.quotaSize() + "名（本支部参与名额计算的党员" + a.quotaN() + "名）"
            + (a.quotaRank() == null ? "" : "，本人在名额等次分数段中排第" + a.quotaRank() + "名"));
      }
      r = kv(sh, r, cols, "不合格党员处置", a.disposal() ? "列入处置名单" : "未列入");
      r = sectionRow(sh, r + 1, "三、年度结果说明", cols);
      int n = 1;
      for (String line : a.explanation()) {
        r = paragraph(sh, r, n++ + ". " + line, cols, totalWidth);
      }
    }
    if (!h.notes().isEmpty()) {
      r = sectionRow(sh, r + 1, "注", cols);
      for (String note : h.notes()) {
        r = paragraph(sh, r, note, cols, totalWidth);
      }
    }
    sh.createFreezePane(0, headerRow + 1);
    printSetup(sh, headerRow, headerRow);
  }

  private int kv(XSSFSheet sh, int r, int cols, String label, String value) {
    Row x = sh.createRow(r);
    text(x, 0, label, st.header);
    text(x, 1, value, st.text);
    for (int c = 2; c < cols; c++) {
      text(x, c, "", st.text);
    }
    merge(sh, r, r, 1, cols - 1, false);
    x.setHeightInPoints(18);
    return r + 1;
  }

  // ---- 台账版本 ---------------------------------------------------------------------------------

  private void versions() {
    XSSFSheet sh = wb.createSheet(SHEET_VERSIONS);
    int[] w = VERSION_WIDTHS;
    widths(sh, w);
    int cols = w.length;
    int totalWidth = java.util.Arrays.stream(w).sum();
    int r = heading(sh, h.year() + "年度各季度台账版本（" + h.memberCode() + (h.name() == null ? "" : " " + h.name()) + "）",
        cols, totalWidth);
    r = sectionRow(sh, r, "一、收到并采用的台账版本（按季度、版本排列）", cols);
    int headerRow = r;
    header(sh, r++, VERSION_HEADS);
    for (MemberHistory.LedgerVersion v : h.versions()) {
      Row x = sh.createRow(r++);
      text(x, 0, Zh.periodLabel(v.period()), st.text);
      text(x, 1, v.branchCode(), st.text);
      num(x, 2, v.version(), center);
      text(x, 3, v.sourceFile(), st.wrap);
      text(x, 4, Zh.dateTime(v.receivedAt(), o.zone()), st.text);
      text(x, 5, v.current() ? "当前有效" : "已被替代", center);
      text(x, 6, v.onRoster() ? "是" : "否", center);
      num(x, 7, v.entries(), center);
      text(x, 8, v.change(), st.wrap);
      x.setHeightInPoints(height(Math.max(lines(v.change(), w[8]), lines(v.sourceFile(), w[3]))));
    }
    if (h.versions().isEmpty()) {
      r = paragraph(sh, r, "本年度没有列有该党员的台账。", cols, totalWidth);
    }
    r = sectionRow(sh, r + 1, "二、版本之间本人积分明细的变化", cols);
    header(sh, r++, CHANGE_HEADS);
    for (MemberHistory.EntryChange c : h.changes()) {
      Row x = sh.createRow(r++);
      String item = c.itemCode() == null ? "" : c.itemCode() + (c.itemName() == null ? "" : " " + c.itemName());
      text(x, 0, Zh.periodLabel(c.period()), st.text);
      text(x, 1, c.branchCode(), st.text);
      text(x, 2, c.fromVersion() + "→" + c.toVersion(), center);
      text(x, 3, item, st.wrap);
      text(x, 4, c.date(), st.text);
      text(x, 5, c.kind(), center);
      points(x, 6, c.pointsBefore());
      points(x, 7, c.pointsAfter());
      text(x, 8, c.basisBefore(), st.wrap);
      text(x, 9, c.basisAfter(), st.wrap);
      x.setHeightInPoints(height(Math.max(lines(c.basisBefore(), w[8]), lines(c.basisAfter(), w[9]))));
    }
    if (h.changes().isEmpty()) {
      paragraph(sh, r, "各版本之间本人的积分明细没有变化（或每季度只有一个版本）。", cols, totalWidth);
    }
    sh.createFreezePane(0, headerRow + 1);
    printSetup(sh, headerRow, headerRow);
  }

  /** A 分值 as a number cell (a text like "-5" would be shown quoted); the text as written when it is no number. */
  private void points(Row x, int col, String value) {
    BigDecimal n = null;
    if (value != null) {
      try {
        n = new BigDecimal(value);
      } catch (NumberFormatException e) {
        n = null;
      }
    }
    if (n != null) {
      num(x, col, n, center); // General format: -5, 2.5
    } else {
      text(x, col, value, center);
    }
  }

  // ---- 积分明细 ---------------------------------------------------------------------------------

  private void entries() {
    XSSFSheet sh = wb.createSheet(SHEET_ENTRIES);
    int[] w = {14, 12, 9, 22, 8, 50, 28, 6};
    widths(sh, w);
    int cols = w.length;
    int totalWidth = java.util.Arrays.stream(w).sum();
    int r = heading(sh, h.year() + "年度积分明细（当前有效台账，" + h.memberCode()
        + (h.name() == null ? "" : " " + h.name()) + "）", cols, totalWidth);
    int headerRow = r;
    header(sh, r++, ENTRY_HEADS);
    for (MemberHistory.Entry e : h.entries()) {
      Row x = sh.createRow(r++);
      text(x, 0, Zh.periodLabel(e.period()), st.text);
      text(x, 1, e.date() == null ? "" : e.date().toString(), st.text);
      text(x, 2, e.itemCode(), center);
      text(x, 3, e.itemName(), st.wrap);
      num(x, 4, e.points(), st.dec1);
      text(x, 5, e.basis(), st.wrap);
      text(x, 6, e.sourceFile(), st.wrap);
      num(x, 7, e.row(), st.integer);
      x.setHeightInPoints(height(Math.max(lines(e.basis(), w[5]), lines(e.sourceFile(), w[6]))));
    }
    if (h.entries().isEmpty()) {
      paragraph(sh, r, "当前有效台账中没有本人的积分明细（无加减分登记）。", cols, totalWidth);
    }
    sh.createFreezePane(0, headerRow + 1);
    printSetup(sh, headerRow, headerRow);
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** Title, the member line and the confidentiality note; returns the next free row. */
  private int heading(XSSFSheet sh, String title, int cols, int totalWidth) {
    Row t = sh.createRow(0);
    t.setHeightInPoints(30);
    text(t, 0, title, st.title);
    merge(sh, 0, 0, 0, cols - 1, false);
    String scheme = h.schemeId() == null ? "（尚未评分）"
        : h.schemeId() + (h.schemeName() == null ? "" : " " + h.schemeName());
    String line = "党员编号：" + h.memberCode() + "　　姓名：" + (h.name() == null ? Zh.NONE : h.name()) + "　　年度："
        + h.year() + "　　评分方案：" + scheme + "　　生成时间：" + Zh.dateTime(o.generatedAt(), o.zone());
    Row sub = sh.createRow(1);
    text(sub, 0, line, st.note);
    merge(sh, 1, 1, 0, cols - 1, false);
    sub.setHeightInPoints(height(lines(line, totalWidth)));
    Row n = sh.createRow(2);
    text(n, 0, RESTRICTED_NOTE, st.note);
    merge(sh, 2, 2, 0, cols - 1, false);
    return 4;
  }

  private int sectionRow(XSSFSheet sh, int r, String title, int cols) {
    Row x = sh.createRow(r);
    text(x, 0, title, section);
    merge(sh, r, r, 0, cols - 1, false);
    x.setHeightInPoints(20);
    return r + 1;
  }

  private int paragraph(XSSFSheet sh, int r, String textValue, int cols, int totalWidth) {
    Row x = sh.createRow(r);
    text(x, 0, textValue, st.note);
    merge(sh, r, r, 0, cols - 1, false);
    x.setHeightInPoints(height(lines(textValue, totalWidth)));
    return r + 1;
  }

  private void header(XSSFSheet sh, int r, String... names) {
    Row x = sh.createRow(r);
    x.setHeightInPoints(30);
    for (int i = 0; i < names.length; i++) {
      text(x, i, names[i], st.header);
    }
  }

  private static String branch(String code, String name) {
    if (code == null) {
      return "";
    }
    return name == null ? code : code + " " + name;
  }

  /** {@code 3/12}: rank among the graded members; blank without a rank. */
  static String rank(Integer rank, Integer of) {
    if (rank == null) {
      return "";
    }
    return of == null ? String.valueOf(rank) : rank + "/" + of;
  }

  /** Lines a wrapped text takes in a column of {@code width} characters (CJK counting two). */
  static int lines(String s, int width) {
    return XlsxFormat.wrappedLines(s, width);
  }

  private static float height(int lines) {
    return Math.max(18f, lines * LINE_POINTS + 4);
  }
}
