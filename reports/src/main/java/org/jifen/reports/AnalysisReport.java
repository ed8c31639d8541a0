package org.jifen.reports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.util.Units;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.Document;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFooter;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTFonts;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPrGeneral;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTRPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSimpleField;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSpacing;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTbl;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblGrid;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblWidth;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STHint;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STJc;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STJcTable;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STLineSpacingRule;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STPageOrientation;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblLayoutType;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblWidth;
import org.jifen.reports.PackCharts.Drawn;
import org.jifen.reports.PackData.Flag;
import org.jifen.reports.PackData.Gap;
import org.jifen.reports.PackData.Ranking;
import org.jifen.reports.PackData.Stats;
import org.jifen.reports.PackData.Sub;

/**
 * {@code report.docx}: the statistical analysis report in Chinese (title, period, an overview built
 * from the figures, sections with tables and the charts, an appendix of definitions). A4 portrait
 * with the margins of Party and government documents (GB/T 9704), styles created explicitly
 * (a blank document has none), 宋体 body and 黑体 headings with the East-Asian font set on every run.
 */
final class AnalysisReport {
  static final String BODY_FONT = "宋体";
  static final String HEADING_FONT = "黑体";
  static final String LATIN_FONT = "Times New Roman";

  /** A4 in twips, and GB/T 9704 margins: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm. */
  static final int PAGE_W = 11906;
  static final int PAGE_H = 16838;
  static final int MARGIN_TOP = 2098;
  static final int MARGIN_BOTTOM = 1984;
  static final int MARGIN_LEFT = 1588;
  static final int MARGIN_RIGHT = 1474;
  static final int TEXT_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT;

  /** The body's fixed line spacing in twentieths of a point (24 pt). */
  static final int BODY_LINE = 480;

  private static final String[] SECTION_NUMBERS = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

  private final PackData d;
  private final PackOptions o;
  private final Map<String, Drawn> charts;
  private final XWPFDocument doc = new XWPFDocument();
  private final Map<String, String> exhibits;
  private final Narrative.Refs refs;
  private int section;

  private AnalysisReport(PackData d, PackOptions o, Map<String, Drawn> charts) {
    this.d = d;
    this.o = o;
    this.charts = charts;
    this.exhibits = plan();
    this.refs = exhibits::get;
  }

  /** The report's title: 青山区委党员积分管理情况统计分析报告. */
  static String title(String unitName) {
    return unitName + "党员积分管理情况统计分析报告";
  }

  static void write(PackData d, PackOptions o, List<Drawn> drawn, Path file) throws IOException {
    Map<String, Drawn> byFile = new java.util.LinkedHashMap<>();
    for (Drawn x : drawn) {
      byFile.put(x.chart().file(), x);
    }
    AnalysisReport r = new AnalysisReport(d, o, byFile);
    try (XWPFDocument doc = r.doc) {
      r.build();
      try (OutputStream out = Files.newOutputStream(file)) {
        doc.write(out);
      }
    }
  }

  private void build() throws IOException {
    styles();
    page();
    var props = doc.getProperties().getCoreProperties();
    props.setTitle(title(d.unit().name()) + "（" + d.period().label() + "）");
    props.setCreator("jifen " + o.jifenVersion());
    props.setCreated(Optional.of(Date.from(o.generatedAt())));
    props.setModified(Optional.of(Date.from(o.generatedAt())));

    title();
    XWPFParagraph p = styled("Subtitle");
    run(p, "（" + d.period().label() + "）", BODY_FONT, 16, false);
    XWPFParagraph meta = styled("Meta");
    run(meta, "生成时间：" + Zh.dateTime(o.generatedAt(), o.zone()) + "　　数据来源：" + DATA_SOURCE, BODY_FONT, 10.5, false);

    // What a leader must know first, on page 1: the problems, before the figures.
    heading(KEY_PROBLEMS_HEADING, false);
    Narrative.keyProblems(d, refs).forEach(this::keyPoint);

    // The prose first: what a leader reads, about two pages; every section points to its exhibits.
    heading("总体情况");
    Narrative.overview(d).forEach(this::body);

    heading("各下属党组织和党支部");
    Narrative.subordinates(d, refs).forEach(this::body);

    heading("得分分布、变化趋势和领域比较");
    body(Narrative.distributionAndTrend(d, refs));
    body(Narrative.domains(d, refs));

    heading("台账报送情况");
    Narrative.submissions(d, refs).forEach(this::body);

    heading("需关注的党支部");
    body(Narrative.attention(d, refs));

    heading("重点名单");
    body(Narrative.watchLists(d, refs));

    // Then the tables and charts, in the sections' order, numbered as the prose cites them.
    XWPFParagraph exhibitsHeading = styled("Heading1");
    exhibitsHeading.setPageBreak(true);
    run(exhibitsHeading, EXHIBITS_HEADING, HEADING_FONT, 16, false);
    for (String key : exhibits.keySet()) {
      exhibit(key);
    }

    appendix();
  }

  /** Where the figures come from, in words for leaders (no file or table names). */
  static final String DATA_SOURCE = "各党支部报送的党员积分台账";

  /** Heading of the block of page 1 that states the main problems. */
  static final String KEY_PROBLEMS_HEADING = "主要问题";

  /** The title's size (二号) and the smallest it may shrink to for a very long unit name. */
  static final double TITLE_POINTS = 22;
  static final double TITLE_MIN_POINTS = 16;

  /**
   * The title, on one line when it fits the text width at 二号; else broken after the unit's name,
   * so that no word is cut (统计分析报告 stays whole), the lines shrunk only when a line alone does not fit.
   */
  private void title() {
    XWPFParagraph t = styled("Title");
    List<String> lines = titleLines(d.unit().name());
    for (int i = 0; i < lines.size(); i++) {
      XWPFRun r = run(t, lines.get(i), HEADING_FONT, titlePoints(lines.get(i)), false);
      if (i < lines.size() - 1) {
        r.addBreak();
      }
    }
  }

  /** The title's lines: the whole title when it fits, else the unit's name and then the rest. */
  static List<String> titleLines(String unitName) {
    String whole = title(unitName);
    if (textTwips(whole, TITLE_POINTS) <= TEXT_W) {
      return List.of(whole);
    }
    return List.of(unitName, title(""));
  }

  /** 二号, or smaller so that the line fits the text width (never below {@link #TITLE_MIN_POINTS}). */
  static double titlePoints(String line) {
    double pt = TITLE_POINTS;
    while (pt > TITLE_MIN_POINTS && textTwips(line, pt) > TEXT_W) {
      pt -= 1;
    }
    return pt;
  }

  /** The width of a line of text in twips: a CJK character is one em, other characters half an em. */
  static int textTwips(String text, double points) {
    return (int) Math.ceil(XlsxFormat.displayWidth(text) * points * 10);
  }

  /** Heading of the part after the prose that holds every table and chart. */
  static final String EXHIBITS_HEADING = "附：统计图表";

  /** Tables of at most this many rows are kept on one page. */
  static final int KEEP_TOGETHER_ROWS = 15;

  /** Rankings of at most this many branches are shown whole; longer ones by their first and last five. */
  static final int RANKING_FULL_MAX = 10;

  /** The tables and figures this report has, in print order, with their labels (表1, 图1, …). */
  private Map<String, String> plan() {
    List<String> keys = new ArrayList<>();
    keys.add(Narrative.T_SUBORDINATES);
    keys.add(PackCharts.GRADES_BY_SUBORDINATE);
    keys.add(PackCharts.PARTICIPATION);
    if (d.rankings().stream().anyMatch(r -> r.rank() != null)) {
      keys.add(Narrative.T_RANKING);
    }
    keys.add(PackCharts.SCORE_HISTOGRAM);
    if (!d.quarterSeries().isEmpty()) {
      keys.add(Narrative.T_TREND);
    }
    keys.add(PackCharts.TREND_MEAN);
    keys.add(PackCharts.TREND_SHARES);
    if (!d.domains().isEmpty()) {
      keys.add(Narrative.T_DOMAINS);
    }
    keys.add(PackCharts.DOMAINS);
    if (!d.gaps().isEmpty()) {
      keys.add(Narrative.T_GAPS);
    }
    if (!d.flags().isEmpty()) {
      keys.add(Narrative.T_FLAGS);
    }
    if (!d.watch().isEmpty()) {
      keys.add(Narrative.T_WATCH);
    }
    Map<String, String> out = new java.util.LinkedHashMap<>();
    int tables = 0;
    int figures = 0;
    for (String k : keys) {
      if (k.startsWith("table:")) {
        out.put(k, "表" + (++tables));
      } else if (charts.containsKey(k)) {
        out.put(k, "图" + (++figures));
      }
    }
    return out;
  }

  private void exhibit(String key) throws IOException {
    switch (key) {
      case Narrative.T_SUBORDINATES -> subordinateTable();
      case PackCharts.GRADES_BY_SUBORDINATE -> figure(key, "各下属党组织党员积分等次分布");
      case PackCharts.PARTICIPATION -> figure(key, "各下属党组织积分管理参与率");
      case Narrative.T_RANKING -> rankingTable();
      case PackCharts.SCORE_HISTOGRAM -> figure(key, "党员积分分布");
      case Narrative.T_TREND -> trendTable();
      case PackCharts.TREND_MEAN -> figure(key, "平均分变化趋势");
      case PackCharts.TREND_SHARES -> figure(key, "各等次占比变化");
      case Narrative.T_DOMAINS -> domainTable();
      case PackCharts.DOMAINS -> figure(key, "分领域党员积分等次占比");
      case Narrative.T_GAPS -> gapTable();
      case Narrative.T_FLAGS -> flagTable();
      case Narrative.T_WATCH -> watchTable();
      default -> throw new IllegalStateException("No exhibit " + key);
    }
  }

  // ---- sections -------------------------------------------------------------------------------

  private void subordinateTable() {
    List<String> head = new ArrayList<>(List.of("下属党组织", "党员\n总数", "参与积分\n管理", "参与率", "平均分"));
    head.addAll(d.gradeNames());
    List<List<String>> rows = new ArrayList<>();
    boolean marks = false;
    for (Sub s : d.subordinates()) {
      rows.add(subRow(Narrative.marked(d, s.org().code(), s.org().name()), s.stats()));
      marks |= d.flagged(s.org().code());
    }
    rows.add(subRow("合计", d.overview()));
    int g = d.gradeNames().size();
    // Grade columns wide enough for a three-character grade (不合格) on one line.
    int rest = TEXT_W - 2450 - 4 * 870;
    int[] w = new int[5 + g];
    w[0] = 2450;
    for (int i = 1; i < 5; i++) {
      w[i] = 870;
    }
    for (int i = 0; i < g; i++) {
      w[5 + i] = rest / Math.max(1, g);
    }
    table(Narrative.T_SUBORDINATES, "各下属党组织党员积分情况（" + d.period().label() + "，等次栏为人数）", head, rows, w, true);
    if (marks) {
      markLegend();
    }
  }

  private List<String> subRow(String name, Stats s) {
    List<String> r = new ArrayList<>(List.of(name, Zh.count(s.membersTotal()), Zh.count(s.membersParticipating()),
        Zh.pct(s.participationRate()), Zh.num(s.scoreMean(), 2)));
    for (String g : d.gradeNames()) {
      r.add(Zh.count(s.gradeCount(g)));
    }
    return r;
  }

  private void trendTable() {
    if (d.quarterSeries().isEmpty()) {
      return;
    }
    List<String> head = new ArrayList<>(List.of("季度", "党员总数", "参与率", "平均分"));
    for (String g : d.gradeNames()) {
      head.add(g + "占比");
    }
    List<List<String>> rows = new ArrayList<>();
    for (Stats s : d.quarterSeries()) {
      List<String> r = new ArrayList<>(List.of(Zh.periodLabel(s.period()), Zh.count(s.membersTotal()),
          Zh.pct(s.participationRate()), Zh.num(s.scoreMean(), 2)));
      for (String g : d.gradeNames()) {
        r.add(Zh.pct(s.gradeShare(g)));
      }
      rows.add(r);
    }
    int g = d.gradeNames().size();
    int[] w = new int[4 + g];
    w[0] = 2400;
    w[1] = 1200;
    w[2] = 1100;
    w[3] = 1100;
    for (int i = 0; i < g; i++) {
      w[4 + i] = (TEXT_W - 5800) / Math.max(1, g);
    }
    table(Narrative.T_TREND, "各季度主要指标", head, rows, w, false);
  }

  private void domainTable() {
    if (d.domains().isEmpty()) {
      return;
    }
    String top = d.gradeNames().isEmpty() ? "最高等次" : d.gradeNames().get(0);
    String bottom = d.gradeNames().isEmpty() ? "最低等次" : d.gradeNames().get(d.gradeNames().size() - 1);
    List<String> head = List.of("领域", "党员总数", "参与率", "已评定", "平均分", "中位数", top + "占比", bottom + "占比");
    List<List<String>> rows = new ArrayList<>();
    for (Stats s : d.domains()) {
      rows.add(List.of(s.cutValue(), Zh.count(s.membersTotal()), Zh.pct(s.participationRate()),
          Zh.count(s.membersGraded()), Zh.num(s.scoreMean(), 2), Zh.num(s.scoreMedian(), 2),
          Zh.pct(s.gradeShare(top)), Zh.pct(s.gradeShare(bottom))));
    }
    int w0 = 1300;
    int wi = (TEXT_W - w0) / 7;
    table(Narrative.T_DOMAINS, "分领域主要指标（" + d.period().label() + "）", head, rows, new int[] {w0, wi, wi, wi, wi, wi, wi, wi}, false);
  }

  private void rankingTable() {
    List<Ranking> ranked = d.rankings().stream().filter(r -> r.rank() != null).toList();
    int n = ranked.size();
    List<Ranking> shown = new ArrayList<>();
    if (n > RANKING_FULL_MAX) {
      shown.addAll(ranked.subList(0, 5));
      shown.addAll(ranked.subList(n - 5, n));
    } else {
      shown.addAll(ranked);
    }
    String top = d.gradeNames().isEmpty() ? "最高等次" : d.gradeNames().get(0);
    String bottom = d.gradeNames().isEmpty() ? "最低等次" : d.gradeNames().get(d.gradeNames().size() - 1);
    List<String> head = List.of("名次", "党支部", "所属党(工)委", "已评定", "平均分", top + "占比", bottom + "占比");
    List<List<String>> rows = new ArrayList<>();
    boolean marks = false;
    for (Ranking r : shown) {
      marks |= d.flagged(r.branchCode());
      rows.add(List.of(String.valueOf(r.rank()), Narrative.marked(d, r.branchCode(), r.branchName()),
          r.committeeName() == null ? Zh.NONE : r.committeeName(),
          Zh.count(r.membersGraded()), Zh.num(r.scoreMean(), 2), Zh.pct(r.topGradeShare()),
          Zh.pct(r.bottomGradeShare())));
    }
    String scope = d.unit().depth() == 0 ? "全区名次" : "党(工)委内名次";
    table(Narrative.T_RANKING, "党支部平均分排名（" + scope + (n > RANKING_FULL_MAX ? "，前5名和后5名" : "") + "）", head,
        rows, new int[] {600, 2500, 2250, 750, 850, 930, 960}, false);
    if (marks) {
      markLegend();
    }
  }

  /** Every late or missing ledger; a year's table says which quarter (a quarter's needs no such column). */
  private void gapTable() {
    boolean year = d.period().isYear();
    List<String> head = new ArrayList<>();
    if (year) {
      head.add("季度");
    }
    head.addAll(List.of("党支部", "所属党(工)委", "情况", "首次报送时间", "逾期\n（小时）"));
    List<List<String>> rows = new ArrayList<>();
    for (Gap g : d.gaps()) {
      List<String> r = new ArrayList<>();
      if (year) {
        r.add(Zh.shortQuarter(g.period()).substring(5));
      }
      r.addAll(List.of(g.branchName(), g.committeeName() == null ? Zh.NONE : g.committeeName(),
          StatisticsWorkbook.statusLabel(g.status()),
          g.firstReceivedAt() == null ? Zh.NONE : Zh.monthDayTime(g.firstReceivedAt(), o.zone()),
          g.hoursLate() == null ? Zh.NONE : Zh.num(g.hoursLate(), 1)));
      rows.add(r);
    }
    int[] widths = year ? new int[] {700, 2400, 2400, 900, 1444, 1000} : new int[] {2650, 2450, 1000, 1844, 900};
    table(Narrative.T_GAPS, "逾期和未报送台账的党支部" + (year ? "" : "（" + d.period().label() + "）"), head, rows, widths,
        false);
  }

  /**
   * Every fired signal. A quarter pack has one row per branch and signal; a year pack one row per
   * branch and signal with the quarters it fired in and the figure of its most serious quarter (the
   * workbook's sheet has every quarter's figures). Rows follow the department's order of branches.
   */
  private void flagTable() {
    List<String> branchOrder = d.flags().stream().map(Flag::branchCode).distinct().toList();
    Map<String, List<Flag>> groups = new java.util.LinkedHashMap<>();
    for (Flag f : d.flags().stream().sorted(java.util.Comparator
        .comparingInt((Flag f) -> branchOrder.indexOf(f.branchCode())).thenComparing(Flag::signal)
        .thenComparing(Flag::period)).toList()) {
      groups.computeIfAbsent(f.branchCode() + "|" + f.signal(), k -> new ArrayList<>()).add(f);
    }
    List<List<String>> rows = new ArrayList<>();
    if (d.period().isYear()) {
      for (List<Flag> g : groups.values()) {
        Flag worst = g.stream().sorted(Narrative.MOST_SERIOUS).findFirst().orElseThrow();
        // The detail always names its period, and that period is among those the row lists.
        rows.add(List.of(g.get(0).branchName(), g.get(0).signalLabel(),
            Narrative.periods(g), Narrative.when(worst) + "：" + Narrative.signalPhrase(d, worst)
                + Narrative.chance(worst)));
      }
      table(Narrative.T_FLAGS, "积分评定异常信号", List.of("党支部", "信号", "出现时段", "情况说明（出现多次的，为最突出的一次）"),
          rows, new int[] {2200, 1500, 1500, TEXT_W - 5200}, false);
    } else {
      for (List<Flag> g : groups.values()) {
        Flag f = g.get(0);
        rows.add(List.of(f.branchName(), f.signalLabel(), Narrative.signalPhrase(d, f) + Narrative.chance(f)));
      }
      table(Narrative.T_FLAGS, "积分评定异常信号", List.of("党支部", "信号", "情况说明"), rows,
          new int[] {2400, 1600, TEXT_W - 4000}, false);
    }
    note("数据监测从优秀占比、扣分情况、得分离散程度、等次线附近聚集、自评分与评定分一致、季末集中登记等方面测算各党支部的"
        + "积分评定；信号仅提示可能存在的问题，需结合实际核实。各季度的测算值、基准和阈值见统计表“"
        + StatisticsWorkbook.SHEET_FLAGS + "”工作表。");
  }

  /** The note under a table whose rows mark flagged branches. */
  private void markLegend() {
    String flags = exhibits.get(Narrative.T_FLAGS);
    note("注：" + Narrative.MARK_LEGEND + (flags == null ? "" : "，信号详见" + flags) + "。");
  }

  private void watchTable() {
    Map<String, Long> counts = Narrative.watchCounts(d);
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      rows.add(List.of(e.getKey(), Zh.count(e.getValue()), listMeaning(e.getKey())));
    }
    table(Narrative.T_WATCH, "重点名单人数（名单明细见统计表“" + StatisticsWorkbook.SHEET_WATCH + "”工作表）",
        List.of("名单", "人数", "用途"), rows, new int[] {1800, 1000, TEXT_W - 2800}, false);
    if (!d.restricted()) {
      note("说明：本报告包按匿名方式生成，不含党员姓名，名单中的党员以代号显示；需要姓名时，请由授权人员重新生成"
          + "含姓名的报告包。");
    }
  }

  private static String listMeaning(String label) {
    return switch (label) {
      case "优秀候选" -> "评定为最高等次的党员，供评先评优参考";
      case "不合格" -> "评定为最低等次的党员";
      case "落后提醒" -> "连续两个季度低于60分或处于最低等次，需谈心谈话提醒";
      case "预备党员" -> "预备党员的积分和等次，供转正审查参考";
      case "不合格党员处置" -> "列入不合格党员处置的党员";
      default -> "";
    };
  }

  private void appendix() {
    heading("附录：指标说明", false);
    String[][] defs = {
        {"党员总数", "已报送季度积分台账的党支部名册上的正式党员和预备党员人数；入党积极分子不计入任何统计，已撤销组织不计入。"},
        {"参与积分管理党员数", "党员总数减去经批准未参加积分管理的党员数（年满70周岁、年老体弱、长期患病、行动不便、出国（境）半年以上等）。"},
        {"参与率", "参与积分管理党员数 ÷ 党员总数。各项比率按四位小数计算，报告中以百分数保留一位小数显示。"},
        {"报送率", "已报送（按时和逾期）台账数 ÷ 应报送台账数；应报送台账为有效党支部每季度一份，截止时间为季度结束后第10天24时。逾期台账照常计入统计，未报送党支部的党员不计入当季统计。"},
        {"平均分、中位数、四分位数", "按已公布得分（精确计算后四舍五入保留一位小数）计算，结果四舍五入保留两位小数；四分位数按排序后位置线性插值。"},
        {"等次", "按年度执行的积分办法的等次分数线评定" + (d.gradeNames().isEmpty() ? "" : "，依次为" + Zh.enumerate(d.gradeNames())) + "。"},
        {"年度统计", "年度人数按党员全年最后一个季度所在党支部统计；年度等次须全年四个季度台账全部入库后产生。"},
        {"变化", "环比为与上一季度相比，同比为与上年同期相比；平均分变化以分计，比率和占比变化以百分点计。"},
        {"党支部排名", "按党支部已评定党员的平均分从高到低排名，并列同名次、后续名次顺延；无已评定党员的党支部不参与排名。"},
        {"需关注信号", "由数据测算的积分评定异常信号，包括优秀占比畸高、扣分过少、分数过于集中、扎堆等次线、自评分等于评定分、集中在季末登记，按季度和全年分别测算。"
            + "只有当本支部的情况按全区同期水平、以本支部的人数（或明细条数）衡量偶然出现的概率很小，且对同期参与检验的全部党支部做多重比较校正后仍显著时，才提示该信号；"
            + "仅在已评定党员不少于5名（明细类信号另需足够条数）的党支部上判定。信号只说明数据不寻常，需结合实际核实。"},
        {"重点名单中的党员", d.restricted()
            ? "重点名单列出党员姓名和党员编号（不含身份证号），仅供授权人员使用，注意保密。"
            : "本报告包按匿名方式生成，不含姓名和党员编号，党员以代号（由党员编号经区级密钥计算、不可还原的编码）出现。"},
    };
    List<List<String>> rows = new ArrayList<>();
    for (String[] x : defs) {
      rows.add(List.of(x[0], x[1]));
    }
    table("appendix:definitions", "指标说明", List.of("指标", "说明"), rows, new int[] {2500, TEXT_W - 2500}, false);
  }

  // ---- building blocks ------------------------------------------------------------------------

  private void heading(String text) {
    heading(text, true);
  }

  private void heading(String text, boolean numbered) {
    XWPFParagraph p = styled("Heading1");
    String label = numbered ? SECTION_NUMBERS[section++] + "、" + text : text;
    run(p, label, HEADING_FONT, 16, false);
  }

  private void keyPoint(String text) {
    XWPFParagraph p = styled("KeyPoint");
    run(p, text, BODY_FONT, KEY_POINTS, false);
  }

  /** The 主要问题 block's font size and fixed line spacing (twentieths of a point). */
  static final double KEY_POINTS = 12;
  static final int KEY_LINE = 400;

  private void body(String text) {
    XWPFParagraph p = styled("BodyText");
    run(p, text, BODY_FONT, 14, false);
  }

  private void note(String text) {
    XWPFParagraph p = styled("Note");
    run(p, text, BODY_FONT, 10.5, false);
  }

  private void figure(String file, String caption) throws IOException {
    Drawn c = charts.get(file);
    if (c == null) {
      return;
    }
    XWPFParagraph p = styled("Figure");
    XWPFRun r = p.createRun();
    double widthPt = (TEXT_W / 20.0) - 4;
    double heightPt = widthPt * c.chart().heightPx() / c.chart().widthPx();
    try {
      r.addPicture(new ByteArrayInputStream(c.png()), Document.PICTURE_TYPE_PNG, file,
          Units.toEMU(widthPt), Units.toEMU(heightPt));
    } catch (InvalidFormatException e) {
      throw new IOException("Cannot embed chart " + file + ": " + e.getMessage(), e);
    }
    XWPFParagraph cap = styled("Caption");
    run(cap, exhibits.get(file) + "　" + caption, BODY_FONT, 10.5, false);
  }

  private void table(String key, String caption, List<String> head, List<List<String>> rows, int[] widths,
      boolean lastIsTotal) {
    String label = exhibits.get(key);
    if (label == null) {
      // Tables outside the plan (the appendix) come after the planned ones.
      label = "表" + (exhibits.keySet().stream().filter(k -> k.startsWith("table:")).count() + 1);
    }
    XWPFParagraph cap = styled("TableCaption");
    run(cap, label + "　" + caption, HEADING_FONT, 10.5, false);
    widths = fitWidths(head, rows, widths);
    XWPFTable t = doc.createTable(rows.size() + 1, head.size());
    CTTbl ct = t.getCTTbl();
    CTTblPr pr = ct.getTblPr() == null ? ct.addNewTblPr() : ct.getTblPr();
    CTTblWidth tw = pr.isSetTblW() ? pr.getTblW() : pr.addNewTblW();
    int total = 0;
    for (int w : widths) {
      total += w;
    }
    tw.setType(STTblWidth.DXA);
    tw.setW(BigInteger.valueOf(total));
    (pr.isSetTblLayout() ? pr.getTblLayout() : pr.addNewTblLayout()).setType(STTblLayoutType.FIXED);
    (pr.isSetJc() ? pr.getJc() : pr.addNewJc()).setVal(STJcTable.CENTER);
    CTTblGrid grid = ct.getTblGrid() == null ? ct.addNewTblGrid() : ct.getTblGrid();
    while (grid.sizeOfGridColArray() > 0) {
      grid.removeGridCol(0);
    }
    for (int w : widths) {
      grid.addNewGridCol().setW(BigInteger.valueOf(w));
    }
    t.setTopBorder(XWPFTable.XWPFBorderType.SINGLE, 8, 0, "000000");
    t.setBottomBorder(XWPFTable.XWPFBorderType.SINGLE, 8, 0, "000000");
    t.setLeftBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, "000000");
    t.setRightBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, "000000");
    t.setInsideHBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, "000000");
    t.setInsideVBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, "000000");
    t.setCellMargins(30, 80, 30, 80);

    XWPFTableRow hr = t.getRow(0);
    hr.setRepeatHeader(true);
    hr.setCantSplitRow(true);
    for (int c = 0; c < head.size(); c++) {
      XWPFTableCell cell = hr.getCell(c);
      cell.setColor("E7E6E6");
      cell(cell, head.get(c), widths[c], true, ParagraphAlignment.CENTER);
    }
    // Per column: numbers right, short text centred, long text left.
    ParagraphAlignment[] align = new ParagraphAlignment[head.size()];
    for (int c = 0; c < head.size(); c++) {
      boolean allNumeric = true;
      int longest = 0;
      for (List<String> values : rows) {
        String v = c < values.size() ? values.get(c) : "";
        allNumeric &= numeric(v);
        longest = Math.max(longest, v.length());
      }
      align[c] = allNumeric && c > 0 ? ParagraphAlignment.RIGHT
          : longest > 10 ? ParagraphAlignment.LEFT : ParagraphAlignment.CENTER;
    }
    for (int r = 0; r < rows.size(); r++) {
      XWPFTableRow row = t.getRow(r + 1);
      row.setCantSplitRow(true);
      boolean bold = lastIsTotal && r == rows.size() - 1;
      List<String> values = rows.get(r);
      for (int c = 0; c < head.size(); c++) {
        String v = c < values.size() ? values.get(c) : "";
        cell(row.getCell(c), SafeText.cell(v), widths[c], bold, bold && c == 0 ? ParagraphAlignment.CENTER : align[c]);
      }
    }
    // A short table stays on one page with its caption (keep-with-next on every row but the last).
    if (rows.size() <= KEEP_TOGETHER_ROWS) {
      for (int r = 0; r < rows.size(); r++) {
        for (XWPFTableCell c : t.getRow(r).getTableCells()) {
          for (XWPFParagraph cp : c.getParagraphs()) {
            (cp.getCTP().isSetPPr() ? cp.getCTP().getPPr() : cp.getCTP().addNewPPr()).addNewKeepNext();
          }
        }
      }
    }
    // A little space after the table.
    XWPFParagraph after = styled("Figure");
    run(after, "", BODY_FONT, 6, false);
  }

  /** A number as the tables print it (1,234 / 95.5% / 86.12), or the dash of a missing one. */
  private static boolean numeric(String v) {
    return v.equals(Zh.NONE) || v.matches("-?[0-9][0-9,]*(\\.[0-9]+)?%?");
  }

  private void cell(XWPFTableCell cell, String text, int width, boolean bold, ParagraphAlignment align) {
    CTTcPr tc = cell.getCTTc().isSetTcPr() ? cell.getCTTc().getTcPr() : cell.getCTTc().addNewTcPr();
    CTTblWidth w = tc.isSetTcW() ? tc.getTcW() : tc.addNewTcW();
    w.setType(STTblWidth.DXA);
    w.setW(BigInteger.valueOf(width));
    cell.setVerticalAlignment(XWPFTableCell.XWPFVertAlign.CENTER);
    XWPFParagraph p = cell.getParagraphs().get(0);
    p.setStyle("TableText");
    p.setAlignment(align);
    // A "\n" is a line break placed where a word ends (优秀\n占比), never one the renderer picks mid-word.
    String[] lines = (text == null ? "" : text).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      XWPFRun r = run(p, lines[i], bold ? HEADING_FONT : BODY_FONT, TABLE_POINTS, false);
      if (i < lines.length - 1) {
        r.addBreak();
      }
    }
  }

  /** The tables' font size (小五). */
  static final double TABLE_POINTS = 9;

  /** Left plus right cell margin of the tables, in twips. */
  static final int CELL_MARGINS = 160;

  /**
   * The column widths with every column at least as wide as its header's longest line and its
   * widest value's longest line need at the table's font (plus the cell margins), taken from the
   * widest columns (the last one first among equals) so that the table keeps its total width.
   */
  static int[] fitWidths(List<String> head, List<List<String>> rows, int[] widths) {
    int[] w = widths.clone();
    int[] need = new int[w.length];
    // What a column keeps when others need width: its needs, and its names (up to twelve characters) whole.
    int[] keep = new int[w.length];
    for (int c = 0; c < w.length; c++) {
      need[c] = longestLine(head.get(c));
      for (List<String> r : rows) {
        // Long text and names may wrap; numbers, dates and short labels must not (a space may break: 4月11日 00:04).
        String v = c < r.size() ? r.get(c) : "";
        if (v != null && XlsxFormat.displayWidth(v) <= NO_WRAP_WIDTH && !v.contains("\n")) {
          need[c] = Math.max(need[c], longestLine(v.replace(' ', '\n')));
        } else if (v != null && XlsxFormat.displayWidth(v) <= 24 && !v.contains("\n")) {
          keep[c] = Math.max(keep[c], Math.min(w[c], longestLine(v)));
        }
      }
      keep[c] = Math.max(keep[c], need[c]);
    }
    for (int c = 0; c < w.length; c++) {
      while (w[c] < need[c]) {
        int from = -1;
        for (int k = w.length - 1; k >= 0; k--) {
          if (k != c && w[k] - 20 >= keep[k] && (from < 0 || w[k] - keep[k] > w[from] - keep[from])) {
            from = k;
          }
        }
        if (from < 0) {
          break; // nothing to take from: the column stays as it is
        }
        int take = Math.min(need[c] - w[c], w[from] - keep[from]);
        w[c] += take;
        w[from] -= take;
      }
    }
    return w;
  }

  /** Values up to this width (a CJK character counts two) are short labels, dates or numbers: kept on one line. */
  static final int NO_WRAP_WIDTH = 16;

  /**
   * Twips the longest line of a cell text needs at the tables' font, margins included, with a
   * twentieth more and 40 twips to spare (renderers add space between Chinese and Latin text and round).
   */
  static int longestLine(String text) {
    int max = 0;
    for (String line : (text == null ? "" : text).split("\n", -1)) {
      max = Math.max(max, textTwips(line, TABLE_POINTS));
    }
    return (int) Math.ceil(max * 1.05) + CELL_MARGINS + 40;
  }

  private XWPFParagraph styled(String style) {
    XWPFParagraph p = doc.createParagraph();
    p.setStyle(style);
    return p;
  }

  /** A run with the East-Asian font set explicitly (Word and LibreOffice pick the CJK font from rFonts eastAsia). */
  static XWPFRun run(XWPFParagraph p, String text, String eastAsiaFont, double points, boolean bold) {
    XWPFRun r = p.createRun();
    r.setText(text);
    r.setFontSize(points);
    r.setBold(bold);
    CTRPr pr = r.getCTR().isSetRPr() ? r.getCTR().getRPr() : r.getCTR().addNewRPr();
    CTFonts f = pr.sizeOfRFontsArray() > 0 ? pr.getRFontsArray(0) : pr.addNewRFonts();
    f.setAscii(LATIN_FONT);
    f.setHAnsi(LATIN_FONT);
    f.setCs(LATIN_FONT);
    f.setEastAsia(eastAsiaFont);
    f.setHint(STHint.EAST_ASIA);
    return r;
  }

  // ---- page and styles ------------------------------------------------------------------------

  private void page() {
    CTSectPr sect = doc.getDocument().getBody().isSetSectPr() ? doc.getDocument().getBody().getSectPr()
        : doc.getDocument().getBody().addNewSectPr();
    CTPageSz sz = sect.isSetPgSz() ? sect.getPgSz() : sect.addNewPgSz();
    sz.setW(BigInteger.valueOf(PAGE_W));
    sz.setH(BigInteger.valueOf(PAGE_H));
    sz.setOrient(STPageOrientation.PORTRAIT);
    CTPageMar m = sect.isSetPgMar() ? sect.getPgMar() : sect.addNewPgMar();
    m.setTop(BigInteger.valueOf(MARGIN_TOP));
    m.setBottom(BigInteger.valueOf(MARGIN_BOTTOM));
    m.setLeft(BigInteger.valueOf(MARGIN_LEFT));
    m.setRight(BigInteger.valueOf(MARGIN_RIGHT));
    m.setHeader(BigInteger.valueOf(851));
    m.setFooter(BigInteger.valueOf(992));
    m.setGutter(BigInteger.ZERO);

    XWPFFooter footer = doc.createFooter(HeaderFooterType.DEFAULT);
    XWPFParagraph fp = footer.createParagraph();
    fp.setAlignment(ParagraphAlignment.CENTER);
    run(fp, "— ", BODY_FONT, 14, false);
    CTSimpleField field = fp.getCTP().addNewFldSimple();
    field.setInstr("PAGE");
    XWPFRun num = new XWPFRun(field.addNewR(), fp);
    num.setText("1");
    num.setFontSize(14);
    run(fp, " —", BODY_FONT, 14, false);
  }

  private void styles() {
    CTStyles cts = CTStyles.Factory.newInstance();
    var defaults = cts.addNewDocDefaults();
    CTRPr rpr = defaults.addNewRPrDefault().addNewRPr();
    fonts(rpr.addNewRFonts(), BODY_FONT);
    rpr.addNewSz().setVal(BigInteger.valueOf(24));
    rpr.addNewSzCs().setVal(BigInteger.valueOf(24));
    var lang = rpr.addNewLang();
    lang.setVal("en-US");
    lang.setEastAsia("zh-CN");
    defaults.addNewPPrDefault().addNewPPr().addNewSpacing().setAfter(BigInteger.ZERO);

    style(cts, "Normal", "Normal", null, BODY_FONT, 12, false, null, 0, 0, 240, false, -1);
    style(cts, "Title", "Title", "Normal", HEADING_FONT, 22, false, STJc.CENTER, 0, 120, 360, true, -1);
    style(cts, "Subtitle", "Subtitle", "Normal", BODY_FONT, 16, false, STJc.CENTER, 0, 120, 360, true, -1);
    style(cts, "Meta", "Meta", "Normal", BODY_FONT, 10.5, false, STJc.CENTER, 0, 240, 240, false, -1);
    style(cts, "Heading1", "heading 1", "Normal", HEADING_FONT, 16, false, STJc.BOTH, 60, 60, 360, true, 0);
    // Body: 四号 (14 pt) at a fixed 24 pt line, so the prose lays out alike in Word and LibreOffice.
    style(cts, "BodyText", "Body Text", "Normal", BODY_FONT, 14, false, STJc.BOTH, 0, 0, -BODY_LINE, false, -1);
    // 主要问题: 小四 (12 pt) at a fixed 20 pt line, a compact block that keeps the prose within two pages.
    style(cts, "KeyPoint", "Key Point", "Normal", BODY_FONT, KEY_POINTS, false, STJc.BOTH, 0, 0, -KEY_LINE, false, -1);
    style(cts, "Caption", "caption", "Normal", BODY_FONT, 10.5, false, STJc.CENTER, 0, 240, 240, false, -1);
    style(cts, "TableCaption", "Table Caption", "Normal", HEADING_FONT, 10.5, false, STJc.CENTER, 120, 60, 240, true, -1);
    style(cts, "Figure", "Figure", "Normal", BODY_FONT, 10.5, false, STJc.CENTER, 120, 0, 240, true, -1);
    style(cts, "TableText", "Table Text", "Normal", BODY_FONT, 9, false, null, 0, 0, 240, false, -1);
    style(cts, "Note", "Note", "Normal", BODY_FONT, 10.5, false, STJc.BOTH, 60, 60, 240, false, -1);
    // The body's first-line indent of two characters, as Chinese documents have it.
    for (CTStyle s : cts.getStyleList()) {
      if (s.getStyleId().equals("BodyText") || s.getStyleId().equals("KeyPoint")) {
        // No widow and orphan control (GB/T 9704 has none): a paragraph fills the page and goes on on the
        // next, so the prose does not spill onto a third page for want of a line.
        s.getPPr().addNewWidowControl().setVal(org.openxmlformats.schemas.officeDocument.x2006.sharedTypes.STOnOff1.OFF);
        var ind = s.getPPr().addNewInd();
        ind.setFirstLineChars(BigInteger.valueOf(200));
        ind.setFirstLine(BigInteger.valueOf(s.getStyleId().equals("BodyText") ? 560 : (int) (KEY_POINTS * 40)));
      }
    }
    XWPFStyles styles = doc.createStyles();
    styles.setStyles(cts);
    for (CTStyle s : cts.getStyleList()) {
      if (!styles.styleExist(s.getStyleId())) {
        styles.addStyle(new XWPFStyle(s, styles));
      }
    }
  }

  private static void fonts(CTFonts f, String eastAsia) {
    f.setAscii(LATIN_FONT);
    f.setHAnsi(LATIN_FONT);
    f.setCs(LATIN_FONT);
    f.setEastAsia(eastAsia);
    f.setHint(STHint.EAST_ASIA);
  }

  private static void style(CTStyles cts, String id, String name, String basedOn, String font, double points,
      boolean bold, STJc.Enum jc, int before, int after, int line, boolean keepNext, int outline) {
    CTStyle s = cts.addNewStyle();
    s.setStyleId(id);
    s.setType(STStyleType.PARAGRAPH);
    s.addNewName().setVal(name);
    if (basedOn != null) {
      s.addNewBasedOn().setVal(basedOn);
    }
    s.addNewNext().setVal(id.equals("Heading1") || id.equals("Title") ? "BodyText" : id);
    s.addNewQFormat();
    if (id.equals("Normal")) {
      s.setDefault(true);
    }
    CTPPrGeneral ppr = s.addNewPPr();
    CTSpacing sp = ppr.addNewSpacing();
    sp.setBefore(BigInteger.valueOf(before));
    sp.setAfter(BigInteger.valueOf(after));
    sp.setLine(BigInteger.valueOf(line));
    // A negative line is an exact spacing in twentieths of a point (固定值), the same in Word and LibreOffice
    // whatever CJK font renders the text; a positive one is relative (240 = single).
    sp.setLine(BigInteger.valueOf(Math.abs(line)));
    sp.setLineRule(line < 0 ? STLineSpacingRule.EXACT : STLineSpacingRule.AUTO);
    if (jc != null) {
      ppr.addNewJc().setVal(jc);
    }
    if (keepNext) {
      ppr.addNewKeepNext();
    }
    if (outline >= 0) {
      ppr.addNewOutlineLvl().setVal(BigInteger.valueOf(outline));
    }
    CTRPr rpr = s.addNewRPr();
    fonts(rpr.addNewRFonts(), font);
    long half = Math.round(points * 2);
    rpr.addNewSz().setVal(BigInteger.valueOf(half));
    rpr.addNewSzCs().setVal(BigInteger.valueOf(half));
    if (bold) {
      rpr.addNewB();
    }
  }
}
