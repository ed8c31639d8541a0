package org.jifen.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.RegionUtil;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jifen.reports.PackData.Flag;
import org.jifen.reports.PackData.Gap;
import org.jifen.reports.PackData.Ranking;
import org.jifen.reports.PackData.Stats;
import org.jifen.reports.PackData.StatsRow;
import org.jifen.reports.PackData.StatsTable;
import org.jifen.reports.PackData.Sub;
import org.jifen.reports.PackData.Trend;
import org.jifen.reports.PackData.WatchEntry;

/**
 * {@code statistics-table.xlsx}: the official 统计表 in the form's layout (title, header line,
 * two-level merged headers, one row per subordinate organization, 合计), then the unit overview,
 * grade distribution per subordinate, branch rankings, watch lists, submissions and attention
 * flags. Every sheet prints on A4 landscape, fitted to the page width, header rows repeated.
 * Text from the mart goes through {@link SafeText#cell(String)}.
 */
final class StatisticsWorkbook {
  static final String SHEET_OVERVIEW = "单位概况";
  static final String SHEET_GRADES = "等次分布";
  static final String SHEET_RANKING = "支部排名";
  static final String SHEET_WATCH = "重点名单";
  static final String SHEET_GAPS = "报送情况";
  static final String SHEET_FLAGS = "需关注支部";

  /** The header of the pseudonymous member code (the mart's member_key) in leader documents. */
  static final String CODE_HEADER = "代号";

  static final String BODY_FONT = XlsxFormat.BODY_FONT;
  static final String HEADING_FONT = XlsxFormat.HEADING_FONT;

  /** Rows (0-based) of the statistics table's parts. */
  static final int TITLE_ROW = 0;
  static final int HEADER_LINE_ROW = 1;
  static final int HEAD1_ROW = 2;
  static final int HEAD2_ROW = 3;
  static final int FIRST_DATA_ROW = 4;

  private final PackData d;
  private final PackOptions o;
  private final XSSFWorkbook wb = new XSSFWorkbook();
  private final Styles st;

  private StatisticsWorkbook(PackData d, PackOptions o) {
    this.d = d;
    this.o = o;
    this.st = new Styles(wb);
  }

  static void write(PackData d, PackOptions o, Path file) throws IOException {
    StatisticsWorkbook w = new StatisticsWorkbook(d, o);
    try (XSSFWorkbook wb = w.wb) {
      for (StatsTable t : d.statsTables()) {
        w.statsTable(t);
      }
      w.overview();
      w.gradeDistribution();
      w.rankings();
      w.watchLists();
      w.gaps();
      w.flags();
      for (org.apache.poi.ss.usermodel.Sheet sh : wb) {
        w.fitNotes(sh);
      }
      var props = wb.getProperties().getCoreProperties();
      props.setTitle(d.unit().name() + d.period().label() + "党员积分管理统计表");
      props.setCreator("jifen " + o.jifenVersion());
      props.setCreated(Optional.of(Date.from(o.generatedAt())));
      props.setModified(Optional.of(Date.from(o.generatedAt())));
      wb.setActiveSheet(0);
      try (OutputStream out = Files.newOutputStream(file)) {
        wb.write(out);
      }
    }
  }

  /** Title of a statistics table: 青山区委党员积分管理情况统计表(一). */
  static String tableTitle(String unitName, int half) {
    return unitName + "党员积分管理情况统计表(" + (half == 1 ? "一" : "二") + ")";
  }

  // ---- 统计表 ----------------------------------------------------------------------------------

  private void statsTable(StatsTable t) {
    XSSFSheet sh = wb.createSheet(t.tableName() != null ? t.tableName() : (t.half() == 1 ? "统计表一" : "统计表二"));
    List<String> grades = t.gradeNames().isEmpty() ? d.gradeNames() : t.gradeNames();
    int g = grades.size();
    int cols = 4 + 2 * g + 3;
    int last = cols - 1;

    Row title = sh.createRow(TITLE_ROW);
    title.setHeightInPoints(34);
    text(title, 0, SafeText.cell(tableTitle(d.unit().name(), t.half())), st.title);
    merge(sh, TITLE_ROW, TITLE_ROW, 0, last, false);

    Row line = sh.createRow(HEADER_LINE_ROW);
    line.setHeightInPoints(22);
    String filler = t.filler() == null ? "" : t.filler();
    String leader = d.unitLeader() == null ? "" : d.unitLeader();
    int leaderCol = 4;
    int fillerCol = 4 + g;
    text(line, 0, "单位：" + (t.unitName() == null ? d.unit().name() : t.unitName()), st.headerLine);
    merge(sh, HEADER_LINE_ROW, HEADER_LINE_ROW, 0, leaderCol - 1, false);
    text(line, leaderCol, "党组织负责人：" + leader, st.headerLine);
    merge(sh, HEADER_LINE_ROW, HEADER_LINE_ROW, leaderCol, fillerCol - 1, false);
    text(line, fillerCol, "填表人：" + filler, st.headerLine);
    merge(sh, HEADER_LINE_ROW, HEADER_LINE_ROW, fillerCol, last, false);

    Row h1 = sh.createRow(HEAD1_ROW);
    Row h2 = sh.createRow(HEAD2_ROW);
    h1.setHeightInPoints(24);
    h2.setHeightInPoints(48);
    for (int c = 0; c < cols; c++) {
      h1.createCell(c).setCellStyle(st.header);
      h2.createCell(c).setCellStyle(st.header);
    }
    String[] fixed = {"所属基层党组织名称", "党员总数", "未参加积分管理\n党员数", "参与积分管理\n党员数"};
    for (int c = 0; c < fixed.length; c++) {
      h1.getCell(c).setCellValue(fixed[c]);
      merge(sh, HEAD1_ROW, HEAD2_ROW, c, c, true);
    }
    int q1 = (t.half() - 1) * 2 + 1;
    h1.getCell(4).setCellValue(Zh.quarterName(q1) + "（人）");
    h1.getCell(4 + g).setCellValue(Zh.quarterName(q1 + 1) + "（人）");
    h1.getCell(4 + 2 * g).setCellValue("党组织管理情况");
    if (g > 1) {
      merge(sh, HEAD1_ROW, HEAD1_ROW, 4, 4 + g - 1, true);
      merge(sh, HEAD1_ROW, HEAD1_ROW, 4 + g, 4 + 2 * g - 1, true);
    }
    merge(sh, HEAD1_ROW, HEAD1_ROW, 4 + 2 * g, last, true);
    for (int i = 0; i < g; i++) {
      h2.getCell(4 + i).setCellValue(grades.get(i));
      h2.getCell(4 + g + i).setCellValue(grades.get(i));
    }
    h2.getCell(4 + 2 * g).setCellValue("受告诫提醒\n党员数");
    h2.getCell(4 + 2 * g + 1).setCellValue("受帮教整改\n党员数");
    h2.getCell(4 + 2 * g + 2).setCellValue("受组织处理\n党员数");

    int r = FIRST_DATA_ROW;
    int nameWidth = 16;
    for (StatsRow row : t.rows()) {
      boolean total = "total".equals(row.rowType());
      Row x = sh.createRow(r++);
      x.setHeightInPoints(20);
      String name = total ? "合计" : row.orgName();
      nameWidth = Math.max(nameWidth, XlsxFormat.displayWidth(name));
      text(x, 0, SafeText.cell(name), total ? st.totalText : st.text);
      num(x, 1, row.membersTotal(), total ? st.totalInt : st.integer);
      num(x, 2, row.membersExempt(), total ? st.totalInt : st.integer);
      num(x, 3, row.membersParticipating(), total ? st.totalInt : st.integer);
      for (int i = 0; i < g; i++) {
        num(x, 4 + i, at(row.firstGradeCounts(), i), total ? st.totalInt : st.integer);
        num(x, 4 + g + i, at(row.secondGradeCounts(), i), total ? st.totalInt : st.integer);
      }
      num(x, 4 + 2 * g, row.actionRemind(), total ? st.totalInt : st.integer);
      num(x, 4 + 2 * g + 1, row.actionRectify(), total ? st.totalInt : st.integer);
      num(x, 4 + 2 * g + 2, row.actionHandle(), total ? st.totalInt : st.integer);
    }

    List<String> notes = new ArrayList<>();
    if (t.isEmpty()) {
      notes.add(Zh.periodLabel(t.period()) + "尚无入库的季度数据，本表暂空。");
    } else {
      notes.add("党员总数、未参加和参与积分管理党员数截至" + Zh.periodLabel(t.asOfQuarter())
          + "；各季度等次人数按党员当季所在党支部统计；党组织管理情况为半年内受该类处置的党员人数（同一党员只计一次）。");
      if (t.secondQuarterIn() && !t.membersAsOfFirstQuarter().isEmpty()) {
        notes.add(asOfFirstQuarterNote(t));
      }
      if (!t.firstQuarterIn()) {
        notes.add(Zh.periodLabel(t.firstQuarter()) + "尚未入库，相应等次栏空缺。");
      }
      if (!t.secondQuarterIn()) {
        notes.add(Zh.periodLabel(t.secondQuarter()) + "尚未入库，相应等次栏空缺，本表为截至目前的数据。");
      }
    }
    notes.add("数据来源：" + AnalysisReport.DATA_SOURCE + "；生成时间：" + Zh.dateTime(o.generatedAt(), o.zone()) + "。");
    r++;
    for (int i = 0; i < notes.size(); i++) {
      Row n = sh.createRow(r);
      text(n, 0, (i == 0 ? "注：" : "　　") + notes.get(i), st.note);
      merge(sh, r, r, 0, last, false);
      n.setHeightInPoints(notes.get(i).length() > 70 ? 30 : 16);
      r++;
    }

    sh.setColumnWidth(0, Math.min(60, nameWidth + 4) * 256);
    // Each header on whole words: 未参加积分管理 / 党员数, never 未参加积分 / 管理党员数.
    for (int c = 1; c < 4; c++) {
      int longest = 0;
      for (String part : fixed[c].split("\n")) {
        longest = Math.max(longest, XlsxFormat.displayWidth(part));
      }
      sh.setColumnWidth(c, (longest + 2) * 256);
    }
    for (int c = 4; c < 4 + 2 * g; c++) {
      sh.setColumnWidth(c, 7 * 256);
    }
    for (int c = 4 + 2 * g; c < cols; c++) {
      sh.setColumnWidth(c, 10 * 256);
    }
    fitHeader(sh, HEAD2_ROW);
    sh.createFreezePane(1, FIRST_DATA_ROW);
    XlsxFormat.printSetup(sh, HEAD1_ROW, HEAD2_ROW);
  }

  private static Long at(List<Long> list, int i) {
    return list == null || i >= list.size() ? null : list.get(i);
  }

  // ---- 单位概况 --------------------------------------------------------------------------------

  private void overview() {
    XSSFSheet sh = wb.createSheet(SHEET_OVERVIEW);
    Stats s = d.overview();
    int r = titleRows(sh, d.unit().name() + d.period().label() + "党员积分管理概况", 5);
    Row h = sh.createRow(r++);
    headerCells(h, "指标", "数值", "说明");
    int headerRow = r - 1;
    r = kv(sh, r, "党员总数（名）", s.membersTotal(), st.integer, "正式党员和预备党员");
    r = kv(sh, r, "其中：预备党员（名）", s.membersProbationary(), st.integer, null);
    r = kv(sh, r, "未参加积分管理党员数（名）", s.membersExempt(), st.integer, "经批准免于参加");
    r = kv(sh, r, "参与积分管理党员数（名）", s.membersParticipating(), st.integer, null);
    r = kv(sh, r, "参与率", s.participationRate(), st.pct, "参与积分管理党员数 ÷ 党员总数");
    r = kv(sh, r, d.period().isYear() ? "应报送台账（份）" : "应报送台账的党支部（个）", s.ledgersExpected(), st.integer, null);
    r = kv(sh, r, "按时报送", s.ledgersOnTime(), st.integer, null);
    r = kv(sh, r, "逾期报送", s.ledgersLate(), st.integer, "逾期台账照常计入统计");
    long returned = d.gaps().stream().filter(g -> "returned".equals(g.status())).count();
    r = kv(sh, r, "未报送", s.ledgersMissing() == null ? null : s.ledgersMissing() - returned, st.integer,
        "其党员不计入当季统计");
    if (returned > 0) {
      r = kv(sh, r, "报送被退回", returned, st.integer, "所报文件均被整份退回，不算报送，其党员不计入当季统计");
    }
    r = kv(sh, r, "报送率", s.submissionRate(), st.pct, "已报送 ÷ 应报送");
    r = kv(sh, r, "已评定等次党员数（名）", s.membersGraded(), st.integer, null);
    if (d.period().isYear()) {
      r = kv(sh, r, "未评定党员数（名）", s.membersIncomplete(), st.integer, "缺少民主评议结果");
    }
    r = kv(sh, r, "平均分", s.scoreMean(), st.dec2, null);
    r = kv(sh, r, "中位数", s.scoreMedian(), st.dec2, null);
    r = kv(sh, r, "下四分位数", s.scoreQ1(), st.dec2, null);
    r = kv(sh, r, "上四分位数", s.scoreQ3(), st.dec2, null);
    r = kv(sh, r, "最低分", s.scoreMin(), st.dec1, null);
    r = kv(sh, r, "最高分", s.scoreMax(), st.dec1, null);
    r = kv(sh, r, "受告诫提醒党员数", s.actionRemind(), st.integer, null);
    r = kv(sh, r, "受帮教整改党员数", s.actionRectify(), st.integer, null);
    r = kv(sh, r, "受组织处理党员数", s.actionHandle(), st.integer, null);

    r++;
    Trend tr = d.trend();
    String prevLabel = tr != null && tr.prevPeriod() != null ? Zh.periodLabel(tr.prevPeriod())
        : (d.period().isYear() ? "上年" : "上期");
    if (d.period().isYear() && tr != null && tr.lastYearPeriod() != null) {
      prevLabel = Zh.periodLabel(tr.lastYearPeriod());
    }
    Row gh = sh.createRow(r++);
    headerCells(gh, "等次", "人数（名）", "占比", prevLabel + "占比", "变化（百分点）");
    for (int i = 0; i < d.gradeNames().size(); i++) {
      String grade = d.gradeNames().get(i);
      Row x = sh.createRow(r++);
      text(x, 0, grade, st.text);
      num(x, 1, s.gradeCount(grade), st.integer);
      num(x, 2, s.gradeShare(grade), st.pct);
      List<BigDecimal> prev = null;
      List<BigDecimal> change = null;
      if (tr != null) {
        prev = d.period().isYear() ? tr.gradeSharesLastYear() : tr.gradeSharesPrev();
        change = d.period().isYear() ? tr.gradeSharesChangeYoy() : tr.gradeSharesChangeQoq();
      }
      num(x, 3, prev == null || i >= prev.size() ? null : prev.get(i), st.pct);
      BigDecimal c = change == null || i >= change.size() ? null : change.get(i);
      num(x, 4, c == null ? null : c.movePointRight(2), st.dec1);
    }
    Row total = sh.createRow(r++);
    text(total, 0, "合计", st.totalText);
    num(total, 1, s.membersGraded(), st.totalInt);
    num(total, 2, s.membersGraded() > 0 ? BigDecimal.ONE : null, st.totalPct);
    text(total, 3, "", st.totalText);
    text(total, 4, "", st.totalText);
    sh.setColumnWidth(0, 30 * 256);
    sh.setColumnWidth(1, 14 * 256);
    sh.setColumnWidth(2, 32 * 256);
    sh.setColumnWidth(3, 20 * 256);
    sh.setColumnWidth(4, 16 * 256);
    fitHeader(sh, headerRow);
    XlsxFormat.printSetup(sh, headerRow, headerRow);
  }

  private int kv(Sheet sh, int r, String label, Object value, CellStyle style, String note) {
    Row x = sh.createRow(r);
    text(x, 0, label, st.text);
    num(x, 1, value, style);
    text(x, 2, note == null ? "" : note, st.text);
    return r + 1;
  }

  // ---- 等次分布 --------------------------------------------------------------------------------

  private void gradeDistribution() {
    XSSFSheet sh = wb.createSheet(SHEET_GRADES);
    List<String> grades = d.gradeNames();
    int cols = 7 + 2 * grades.size();
    int r = titleRows(sh, d.unit().name() + d.period().label() + "各下属党组织积分等次分布", cols);
    Row h = sh.createRow(r++);
    List<String> heads = new ArrayList<>(List.of("下属党组织", "党员总数", "参与积分\n管理", "参与率", "已评定\n等次",
        "平均分", "中位数"));
    for (String g : grades) {
      heads.add(g + "\n（名）");
      heads.add(g + "\n占比");
    }
    headerCells(h, heads.toArray(String[]::new));
    h.setHeightInPoints(32);
    int headerRow = r - 1;
    int nameWidth = 14;
    for (Sub sub : d.subordinates()) {
      nameWidth = Math.max(nameWidth, XlsxFormat.displayWidth(sub.org().name()));
      r = statsRow(sh, r, SafeText.cell(sub.org().name()), sub.stats(), false);
    }
    statsRow(sh, r, "合计", d.overview(), true);
    sh.setColumnWidth(0, Math.min(60, nameWidth + 4) * 256);
    for (int c = 1; c < cols; c++) {
      sh.setColumnWidth(c, 10 * 256);
    }
    fitHeader(sh, headerRow);
    sh.createFreezePane(1, headerRow + 1);
    XlsxFormat.printSetup(sh, headerRow, headerRow);
  }

  private int statsRow(Sheet sh, int r, String name, Stats s, boolean total) {
    Row x = sh.createRow(r);
    text(x, 0, name, total ? st.totalText : st.text);
    CellStyle i = total ? st.totalInt : st.integer;
    CellStyle p = total ? st.totalPct : st.pct;
    CellStyle m = total ? st.totalDec2 : st.dec2;
    num(x, 1, s.membersTotal(), i);
    num(x, 2, s.membersParticipating(), i);
    num(x, 3, s.participationRate(), p);
    num(x, 4, s.membersGraded(), i);
    num(x, 5, s.scoreMean(), m);
    num(x, 6, s.scoreMedian(), m);
    int c = 7;
    for (String g : d.gradeNames()) {
      num(x, c++, s.gradeCount(g), i);
      num(x, c++, s.gradeShare(g), p);
    }
    return r + 1;
  }

  // ---- 支部排名 --------------------------------------------------------------------------------

  private void rankings() {
    XSSFSheet sh = wb.createSheet(SHEET_RANKING);
    boolean district = d.unit().depth() == 0;
    String top = d.gradeNames().isEmpty() ? "最高等次" : d.gradeNames().get(0);
    String bottom = d.gradeNames().isEmpty() ? "最低等次" : d.gradeNames().get(d.gradeNames().size() - 1);
    int cols = 11;
    int r = titleRows(sh, d.unit().name() + d.period().label() + "党支部积分排名", cols);
    String scope = district ? "全区" : "所属党(工)委内";
    r = note(sh, r, "排名为党支部在" + scope + "按平均分的名次（并列同名次，后续名次顺延）；未评定等次的党支部不参与排名。"
        + (d.flags().isEmpty() ? "" : "“需关注信号”栏有内容的党支部本期积分评定出现异常信号（可能存在“人情分”或走过场），"
            + "其排名宜待核实后使用，详见“" + SHEET_FLAGS + "”工作表。"), cols);
    Row h = sh.createRow(r++);
    headerCells(h, district ? "区内\n排名" : "委内\n排名", "参与排名\n支部数", "党支部", "所属党(工)委", "领域", "已评定\n党员数",
        "平均分", "中位数", top + "\n占比", bottom + "\n占比", "需关注信号");
    int headerRow = r - 1;
    int nameWidth = 12;
    int signalsWidth = 12;
    Map<String, List<String>> flagged = d.flaggedBranches();
    for (Ranking k : d.rankings()) {
      Row x = sh.createRow(r++);
      num(x, 0, k.rank(), st.integer);
      num(x, 1, k.ranked(), st.integer);
      text(x, 2, SafeText.cell(k.branchName()), st.text);
      text(x, 3, SafeText.cell(k.committeeName()), st.text);
      text(x, 4, SafeText.cell(k.domain()), st.text);
      num(x, 5, k.membersGraded(), st.integer);
      num(x, 6, k.scoreMean(), st.dec2);
      num(x, 7, k.scoreMedian(), st.dec2);
      num(x, 8, k.topGradeShare(), st.pct);
      num(x, 9, k.bottomGradeShare(), st.pct);
      String signals = String.join("、", flagged.getOrDefault(k.branchCode(), List.of()));
      text(x, 10, signals, st.text);
      nameWidth = Math.max(nameWidth, XlsxFormat.displayWidth(k.branchName()));
      signalsWidth = Math.max(signalsWidth, XlsxFormat.displayWidth(signals));
    }
    if (d.rankings().isEmpty()) {
      note(sh, r, "本期无可排名的党支部。", cols);
    }
    widths(sh, 8, 10, Math.min(50, nameWidth + 2), 20, 8, 10, 9, 9, 10, 10, Math.min(60, signalsWidth + 2));
    fitHeader(sh, headerRow);
    sh.createFreezePane(0, headerRow + 1);
    sh.setAutoFilter(new CellRangeAddress(headerRow, Math.max(headerRow, r - 1), 0, cols - 1));
    XlsxFormat.printSetup(sh, headerRow, headerRow);
  }

  // ---- 重点名单 --------------------------------------------------------------------------------

  private void watchLists() {
    XSSFSheet sh = wb.createSheet(SHEET_WATCH);
    boolean named = d.restricted();
    List<String> heads = new ArrayList<>(List.of("名单", "所属党支部"));
    if (named) {
      heads.addAll(List.of("姓名", "党员编号"));
    } else {
      heads.add(CODE_HEADER);
    }
    heads.addAll(List.of("党员身份", "党员类别", "得分", "等次", "支部内排名", "上期", "上期得分", "上期等次", "说明"));
    int cols = heads.size();
    int r = titleRows(sh, d.unit().name() + d.period().label() + "重点关注名单", cols);
    if (named) {
      r = note(sh, r, "本表含党员姓名，仅限授权人员使用，注意保密。", cols);
    } else {
      r = note(sh, r, "本表按匿名方式生成，不含姓名，党员以代号（由党员编号经区级密钥计算、不可还原的编码）显示；"
          + "需要姓名时，请由授权人员重新生成含姓名的报告包。", cols);
    }
    if (d.watch().stream().anyMatch(w -> markedInWatch(w))) {
      r = note(sh, r, "说明栏标" + Narrative.MARK + "的优秀候选所在党支部本期积分评定出现异常信号（可能存在“人情分”或走过场），"
          + "宜待核实后使用，详见“" + SHEET_FLAGS + "”工作表。", cols);
    }
    Row h = sh.createRow(r++);
    headerCells(h, heads.toArray(String[]::new));
    int headerRow = r - 1;
    for (WatchEntry w : d.watch()) {
      Row x = sh.createRow(r++);
      int c = 0;
      text(x, c++, SafeText.cell(w.listLabel()), st.text);
      text(x, c++, SafeText.cell(w.branchName()), st.text);
      if (named) {
        text(x, c++, SafeText.cell(w.name()), st.text);
        text(x, c++, SafeText.cell(w.memberCode()), st.text);
      } else {
        text(x, c++, SafeText.cell(w.memberKey()), st.mono);
      }
      text(x, c++, SafeText.cell(w.standing()), st.text);
      text(x, c++, SafeText.cell(w.category()), st.text);
      num(x, c++, w.score(), st.dec1);
      text(x, c++, SafeText.cell(w.grade()), st.text);
      num(x, c++, w.rankInBranch(), st.integer);
      text(x, c++, w.prevPeriod() == null ? "" : Zh.periodLabel(w.prevPeriod()), st.text);
      num(x, c++, w.prevScore(), st.dec1);
      text(x, c++, SafeText.cell(w.prevGrade()), st.text);
      String note = watchNote(w);
      text(x, c, SafeText.cell(note), st.wrap);
      fitHeight(x, note, WATCH_NOTE_WIDTH);
    }
    if (d.watch().isEmpty()) {
      note(sh, r, "本期各名单均无党员。", cols);
    }
    int branchWidth = Math.min(50, 2 + d.watch().stream().mapToInt(x -> XlsxFormat.displayWidth(x.branchName())).max().orElse(20));
    List<Integer> w = new ArrayList<>(List.of(14, Math.max(16, branchWidth)));
    if (named) {
      w.addAll(List.of(10, 14));
    } else {
      w.add(66); // the whole 64-digit key: analysts join on it
    }
    w.addAll(List.of(10, 10, 8, 8, 12, 16, 10, 10, WATCH_NOTE_WIDTH));
    widths(sh, w.stream().mapToInt(Integer::intValue).toArray());
    fitHeader(sh, headerRow);
    sh.createFreezePane(0, headerRow + 1);
    sh.setAutoFilter(new CellRangeAddress(headerRow, Math.max(headerRow, r - 1), 0, cols - 1));
    XlsxFormat.printSetup(sh, headerRow, headerRow);
  }

  /** What the 说明 of a flagged branch's 优秀候选 adds (the signals are on the 支部排名 and 需关注支部 sheets). */
  static final String WATCH_MARK = Narrative.MARK + "所在党支部出现需关注信号";

  /** Width (characters) of the 重点名单 sheet's 说明 column. */
  static final int WATCH_NOTE_WIDTH = 56;

  /** An 优秀候选 of a branch with a fired signal: the list a leader would use without checking. */
  private boolean markedInWatch(WatchEntry w) {
    return "excellent".equals(w.list()) && d.flagged(w.branchCode());
  }

  /** The 说明 of a watch-list row: why the member is listed, and the mark of a flagged branch's 优秀候选. */
  String watchNote(WatchEntry w) {
    String reason = w.reason() == null ? "" : w.reason();
    if (!markedInWatch(w)) {
      return reason;
    }
    return (reason.isEmpty() ? "" : reason + "；") + WATCH_MARK;
  }

  // ---- 报送情况 / 需关注支部 -----------------------------------------------------------------------

  private void gaps() {
    XSSFSheet sh = wb.createSheet(SHEET_GAPS);
    int r = titleRows(sh, d.unit().name() + d.period().label() + "积分台账逾期和未报送情况", 7);
    Row h = sh.createRow(r++);
    headerCells(h, "季度", "党支部", "所属党(工)委", "情况", "首次报送时间", "截止时间", "逾期（小时）");
    int headerRow = r - 1;
    for (Gap g : d.gaps()) {
      Row x = sh.createRow(r++);
      text(x, 0, Zh.periodLabel(g.period()), st.text);
      text(x, 1, SafeText.cell(g.branchName()), st.text);
      text(x, 2, SafeText.cell(g.committeeName()), st.text);
      text(x, 3, statusLabel(g.status()), st.text);
      text(x, 4, g.firstReceivedAt() == null ? "" : Zh.dateTime(g.firstReceivedAt(), o.zone()), st.text);
      text(x, 5, g.deadline() == null ? "" : Zh.dateTime(g.deadline(), o.zone()), st.text);
      num(x, 6, g.hoursLate(), st.dec1);
    }
    if (d.gaps().isEmpty()) {
      note(sh, r, "所有党支部均按时报送。", 7);
    }
    int branchWidth = Math.min(50, 2 + d.gaps().stream().mapToInt(x -> XlsxFormat.displayWidth(x.branchName())).max().orElse(20));
    widths(sh, 16, Math.max(20, branchWidth), 22, 10, 20, 20, 12);
    fitHeader(sh, headerRow);
    XlsxFormat.printSetup(sh, headerRow, headerRow);
  }

  static String statusLabel(String status) {
    return switch (status == null ? "" : status) {
      case "late" -> "逾期报送";
      case "missing" -> "未报送";
      case "returned" -> "报送被退回";
      case "on_time" -> "按时报送";
      default -> status == null ? "" : status;
    };
  }

  private void flags() {
    XSSFSheet sh = wb.createSheet(SHEET_FLAGS);
    int r = titleRows(sh, d.unit().name() + d.period().label() + "需关注的党支部（积分评定异常信号）", 9);
    r = note(sh, r, "信号由数据自动测算，仅提示可能存在“人情分”或走过场的情况，需结合实际核实。", 9);
    Row h = sh.createRow(r++);
    headerCells(h, "时段", "党支部", "信号", "已评定\n党员数", "积分明细\n条数", "本支部\n数值", "基准", "阈值", "说明");
    int headerRow = r - 1;
    int branchWidth = Math.min(50, 2 + d.flags().stream().mapToInt(x -> XlsxFormat.displayWidth(x.branchName())).max().orElse(20));
    int[] w = {16, Math.max(20, branchWidth), 16, 10, 10, 10, 10, 10, FLAG_NOTE_WIDTH};
    for (Flag f : d.flags()) {
      Row x = sh.createRow(r++);
      text(x, 0, Zh.periodLabel(f.period()), st.text);
      text(x, 1, SafeText.cell(f.branchName()), st.text);
      text(x, 2, SafeText.cell(f.signalLabel()), st.text);
      num(x, 3, f.membersGraded(), st.integer);
      num(x, 4, f.entries(), st.integer);
      num(x, 5, f.value(), st.dec4);
      num(x, 6, f.baseline(), st.dec4);
      num(x, 7, f.threshold(), st.dec4);
      // The Word report's wording (one probability phrase for both documents), not the mart's.
      String why = flagNote(f);
      text(x, 8, SafeText.cell(why), st.wrap);
      fitHeight(x, why, w[8]);
    }
    if (d.flags().isEmpty()) {
      note(sh, r, "本期未发现需关注的党支部。", 9);
    }
    widths(sh, w);
    fitHeader(sh, headerRow);
    XlsxFormat.printSetup(sh, headerRow, headerRow);
  }

  /** Width (characters) of the 需关注支部 sheet's 说明 column. */
  static final int FLAG_NOTE_WIDTH = 60;

  /** The 说明 of a flag: what was measured and how likely it is by chance, as the Word report says it. */
  String flagNote(Flag f) {
    String phrase = Narrative.signalPhrase(d, f);
    return phrase.isEmpty() ? "" : phrase + Narrative.chance(f) + "。";
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** Points per line of the 10-point body text, with the line spacing Excel and LibreOffice use. */
  static final float LINE_POINTS = 13.5f;

  /** A row tall enough for {@code text} wrapped in a column {@code width} characters wide (never lower than it is). */
  static void fitHeight(Row row, String text, int width) {
    int lines = XlsxFormat.wrappedLines(text, width);
    row.setHeightInPoints(Math.max(row.getHeightInPoints(), lines * LINE_POINTS + 4));
  }

  /** Points per line of the notes' 9-point text. */
  static final float NOTE_LINE_POINTS = 12.5f;

  /**
   * Every note (a wrapped text merged across one row) as tall as its lines in the merged width,
   * once the sheet's column widths are set, so that no note runs over the rows below it.
   */
  void fitNotes(Sheet sh) {
    for (CellRangeAddress a : sh.getMergedRegions()) {
      if (a.getFirstRow() != a.getLastRow()) {
        continue;
      }
      Row row = sh.getRow(a.getFirstRow());
      Cell c = row == null ? null : row.getCell(a.getFirstColumn());
      if (c == null || c.getCellStyle().getIndex() != st.note.getIndex()
          || c.getCellType() != org.apache.poi.ss.usermodel.CellType.STRING) {
        continue;
      }
      int chars = 0;
      for (int col = a.getFirstColumn(); col <= a.getLastColumn(); col++) {
        chars += sh.getColumnWidth(col) / 256;
      }
      int lines = XlsxFormat.wrappedLines(c.getStringCellValue(), chars);
      row.setHeightInPoints(lines * NOTE_LINE_POINTS + 4);
    }
  }

  /**
   * The header row's columns at least as wide as each header's longest line (a "\n" in a header
   * is where it may break: 已评定\n党员数), and the row tall enough for its lines, so that no
   * header breaks inside a word.
   */
  static void fitHeader(Sheet sh, int headerRow) {
    Row h = sh.getRow(headerRow);
    int lines = 1;
    for (Cell c : h) {
      String v = c.getStringCellValue();
      int longest = 0;
      String[] parts = v.split("\n", -1);
      for (String part : parts) {
        longest = Math.max(longest, XlsxFormat.displayWidth(part));
      }
      lines = Math.max(lines, parts.length);
      int need = (longest + 2) * 256;
      if (sh.getColumnWidth(c.getColumnIndex()) < need) {
        sh.setColumnWidth(c.getColumnIndex(), need);
      }
    }
    h.setHeightInPoints(Math.max(h.getHeightInPoints(), lines * LINE_POINTS + 6));
  }

  private int titleRows(XSSFSheet sh, String title, int cols) {
    Row t = sh.createRow(0);
    t.setHeightInPoints(30);
    text(t, 0, SafeText.cell(title), st.title);
    merge(sh, 0, 0, 0, cols - 1, false);
    Row sub = sh.createRow(1);
    text(sub, 0, "单位：" + d.unit().name() + "　　期间：" + d.period().label() + "　　生成时间："
        + Zh.dateTime(o.generatedAt(), o.zone()), st.headerLine);
    merge(sh, 1, 1, 0, cols - 1, false);
    return 3;
  }

  /**
   * Names the branches whose member counts come from the first quarter's roster (no accepted ledger
   * for the later quarter), so a row with first-quarter grades and no later-quarter grades explains itself.
   */
  static String asOfFirstQuarterNote(StatsTable t) {
    java.util.Map<String, String> names = new java.util.HashMap<>();
    t.rows().forEach(x -> names.putIfAbsent(x.orgCode(), x.orgName()));
    List<String> shown = t.membersAsOfFirstQuarter().stream().map(c -> names.getOrDefault(c, c)).toList();
    String second = Zh.periodLabel(t.secondQuarter());
    String first = Zh.periodLabel(t.firstQuarter());
    String secondShort = second.substring(second.indexOf('年') + 1);
    return String.join("、", shown) + "无" + second + "采用的台账（未报送或被退回），其党员数按"
        + first.substring(first.indexOf('年') + 1) + "名册统计，" + secondShort + "等次栏不含其党员。";
  }

  private int note(XSSFSheet sh, int r, String text, int cols) {
    Row n = sh.createRow(r);
    text(n, 0, text, st.note);
    merge(sh, r, r, 0, cols - 1, false);
    n.setHeightInPoints(text.length() > 60 ? 30 : 16);
    return r + 1;
  }

  private void headerCells(Row h, String... names) {
    h.setHeightInPoints(Math.max(h.getHeightInPoints(), 30));
    for (int i = 0; i < names.length; i++) {
      text(h, i, names[i], st.header);
    }
  }

  static void widths(Sheet sh, int... chars) {
    for (int i = 0; i < chars.length; i++) {
      sh.setColumnWidth(i, chars[i] * 256);
    }
  }

  static void text(Row row, int col, String value, CellStyle style) {
    Cell c = row.createCell(col);
    if (value != null) {
      // Every text cell is neutralised here, whatever its source (idempotent).
      c.setCellValue(SafeText.cell(value));
    }
    c.setCellStyle(style);
  }

  static void num(Row row, int col, Object value, CellStyle style) {
    Cell c = row.createCell(col);
    c.setCellStyle(style);
    if (value instanceof BigDecimal b) {
      c.setCellValue(b.doubleValue());
    } else if (value instanceof Number n) {
      c.setCellValue(n.doubleValue());
    }
  }

  static void merge(XSSFSheet sh, int r1, int r2, int c1, int c2, boolean border) {
    if (r1 == r2 && c1 == c2) {
      return;
    }
    CellRangeAddress a = new CellRangeAddress(r1, r2, c1, c2);
    sh.addMergedRegion(a);
    if (border) {
      RegionUtil.setBorderTop(BorderStyle.THIN, a, sh);
      RegionUtil.setBorderBottom(BorderStyle.THIN, a, sh);
      RegionUtil.setBorderLeft(BorderStyle.THIN, a, sh);
      RegionUtil.setBorderRight(BorderStyle.THIN, a, sh);
    }
  }

  /** The workbook's cell styles, created once (shared with {@link ReceiptWorkbooks}). */
  static final class Styles {
    final XSSFCellStyle title;
    final XSSFCellStyle headerLine;
    final XSSFCellStyle header;
    final XSSFCellStyle text;
    final XSSFCellStyle wrap;
    final XSSFCellStyle mono;
    final XSSFCellStyle integer;
    final XSSFCellStyle pct;
    final XSSFCellStyle dec1;
    final XSSFCellStyle dec2;
    final XSSFCellStyle dec4;
    final XSSFCellStyle totalText;
    final XSSFCellStyle totalInt;
    final XSSFCellStyle totalPct;
    final XSSFCellStyle totalDec2;
    final XSSFCellStyle note;

    Styles(XSSFWorkbook wb) {
      XSSFFont body = XlsxFormat.font(wb, BODY_FONT, 10, false);
      XSSFFont bold = XlsxFormat.font(wb, BODY_FONT, 10, true);
      XSSFFont heading = XlsxFormat.font(wb, HEADING_FONT, 16, false);
      XSSFFont small = XlsxFormat.font(wb, BODY_FONT, 9, false);
      XSSFFont line = XlsxFormat.font(wb, BODY_FONT, 11, false);

      title = wb.createCellStyle();
      title.setFont(heading);
      title.setAlignment(HorizontalAlignment.CENTER);
      title.setVerticalAlignment(VerticalAlignment.CENTER);

      headerLine = wb.createCellStyle();
      headerLine.setFont(line);
      headerLine.setVerticalAlignment(VerticalAlignment.CENTER);

      header = XlsxFormat.bordered(wb, bold);
      header.setAlignment(HorizontalAlignment.CENTER);
      header.setWrapText(true);
      header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
      header.setFillPattern(FillPatternType.SOLID_FOREGROUND);

      text = XlsxFormat.bordered(wb, body);
      wrap = XlsxFormat.bordered(wb, body);
      wrap.setWrapText(true);
      mono = XlsxFormat.bordered(wb, XlsxFormat.font(wb, "Consolas", 9, false));
      integer = numeric(wb, body, "#,##0");
      pct = numeric(wb, body, "0.0%");
      dec1 = numeric(wb, body, "0.0");
      dec2 = numeric(wb, body, "0.00");
      dec4 = numeric(wb, body, "0.0000");
      totalText = XlsxFormat.bordered(wb, bold);
      totalText.setAlignment(HorizontalAlignment.CENTER);
      totalInt = numeric(wb, bold, "#,##0");
      totalPct = numeric(wb, bold, "0.0%");
      totalDec2 = numeric(wb, bold, "0.00");

      note = wb.createCellStyle();
      note.setFont(small);
      note.setWrapText(true);
      note.setVerticalAlignment(VerticalAlignment.TOP);
    }

    private static XSSFCellStyle numeric(XSSFWorkbook wb, XSSFFont f, String format) {
      XSSFCellStyle s = XlsxFormat.bordered(wb, f);
      s.setDataFormat(wb.createDataFormat().getFormat(format));
      s.setAlignment(HorizontalAlignment.RIGHT);
      return s;
    }
  }
}
