package org.jifen.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jifen.explain.FigureExplainer;
import org.jifen.explain.MemberExplainer;
import org.jifen.reports.SafeText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code jifen explain}: from a published figure back to the ledger rows that make it.
 *
 * <p>Usage: {@code jifen explain --period 2025Q2 --unit QS04 [--row CODE] --figure 合格} or
 * {@code jifen explain --member DY601695 --period 2025Q4}.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = {"Explains a published figure or a member's score, back to the ledger rows.",
        "Figure (--unit, --figure): the members a figure of gold.org_period_stats (a quarter or a year, at any node, "
            + "descendants included) or of a statistics table row (--period 2025H1, --row CODE|合计) counts, each with "
            + "their branch, the roster row (file, sheet, row) that placed them and, for grades and means, their score; "
            + "then the total, checked against the published figure (exit 3 when it does not reproduce it).",
        "Member (--member): a quarter's score as a sum: each component's start, every entry with its file, sheet and "
            + "row, what caps cut and floors added back, vetoes and zeroing, the rounding; checked against the "
            + "published score. With a year (--period 2025): the quarters' scores and the annual result explained "
            + "(as jifen history explains it).",
        "Members are shown by member_key (the mart's pseudonym) and 党员编号; --with-names adds names from the "
            + "restricted layer. Read-only: it does not wait for or block a writer."})
public final class ExplainCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--period", required = true, paramLabel = "YYYYQn|YYYY|YYYYHn",
      description = "A quarter (2025Q2), a year (2025), or a half-year of the statistics tables (2025H1, figures only).")
  String period;

  @Option(names = "--unit", paramLabel = "CODE", description = "The organization whose figure it is (组织编码); for a "
      + "half-year the reporting unit of the statistics table.")
  String unit;

  @Option(names = "--row", paramLabel = "CODE", description = "The row's organization: for a quarter or year any "
      + "node at or below --unit (default: the unit itself); for a half-year a subordinate of the unit or 合计.")
  String row;

  @Option(names = "--figure", paramLabel = "LABEL", description = "The figure as published: 党员总数, "
      + "未参加积分管理党员数, 参与积分管理党员数, 预备党员数, 已评定等次党员数, 未评定党员数, a grade (优秀, 合格, ...), "
      + "平均分, 受告诫提醒党员数, 受帮教整改党员数, 受组织处理党员数 (short forms 告诫提醒 ... accepted); "
      + "委内排名 / 区内排名 (a 党支部's rank by 平均分); "
      + "for a half-year grade columns carry their quarter: 首季度合格, 次季度合格.")
  String figure;

  @Option(names = "--member", paramLabel = "CODE", description = "党员编号: explain this member's score of the quarter.")
  String member;

  @Option(names = "--with-names", description = "Show names (restricted layer; for authorised staff only).")
  boolean withNames;

  @Option(names = "--csv", paramLabel = "FILE", description = "Also write the rows as CSV (UTF-8 with BOM) here.")
  Path csv;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (member != null && (unit != null || figure != null || row != null)) {
      throw new ParameterException(spec.commandLine(), "--member explains a member's score; --unit, --row and --figure "
          + "explain a figure: give one or the other");
    }
    if (member == null && (unit == null || figure == null)) {
      throw new ParameterException(spec.commandLine(), "Give --unit and --figure (a figure) or --member (a score)");
    }
    if (member != null && period != null && period.strip().matches("\\d{4}")) {
      return annual(out);
    }
    if (member != null) {
      MemberExplainer.Explanation x = MemberExplainer.explain(common.warehouse(), common::spark, member, period,
          withNames);
      print(out, x);
      if (csv != null) {
        writeCsv(csv, memberCsv(x));
        out.println("Wrote " + x.lines().size() + " lines to " + csv.toAbsolutePath());
      }
      out.flush();
      return x.matches() ? ExitCodes.OK : mismatch("the lines add up to " + x.sum() + " (recomputed " + x.computed()
          + " " + x.computedGrade() + "), gold publishes " + x.published() + " " + x.publishedGrade());
    }
    FigureExplainer.Explanation x = FigureExplainer.explain(common.warehouse(), common::spark,
        new FigureExplainer.Query(period, unit, row, figure, withNames));
    print(out, x);
    if (csv != null) {
      writeCsv(csv, figureCsv(x));
      out.println("Wrote " + x.rows().size() + " rows to " + csv.toAbsolutePath());
    }
    out.flush();
    return x.matches() ? ExitCodes.OK : mismatch("the rows give " + x.reproduced() + ", gold publishes " + x.published());
  }

  /**
   * A member's year: the quarters' published scores and the annual result explained as
   * {@code jifen history} explains it (AnnualExplanation), without the ledger versions.
   */
  private int annual(PrintWriter out) {
    org.jifen.reports.MemberHistory h = org.jifen.history.MemberHistories.read(common.warehouse(), common::spark,
        member, Integer.parseInt(period.strip()));
    out.println("Annual result of " + h.memberCode() + (withNames && h.name() != null ? " " + h.name() : "") + ", "
        + h.year() + (h.schemeId() == null ? "" : ", scheme " + h.schemeId()));
    TextTable t = new TextTable("季度", "党支部", "积分管理", "得分", "等次", "标记", "说明");
    for (org.jifen.reports.MemberHistory.Quarter q : h.quarters()) {
      t.row(q.period(), nz(q.branchCode()), nz(q.participation()), plain(q.score()), nz(q.grade()), nz(q.flags()),
          nz(q.note()));
    }
    t.print(out);
    org.jifen.reports.MemberHistory.Annual a = h.annual();
    if (a == null) {
      out.println("No annual result: " + String.join(" ", h.notes()));
    } else {
      out.println("年度得分 " + plain(a.score()) + "，等次 " + nz(a.grade()));
      int n = 1;
      for (String line : a.explanation()) {
        out.println("  " + n++ + ". " + line);
      }
    }
    out.println("Each quarter's score line by line: jifen explain --member " + h.memberCode() + " --period "
        + h.year() + "Q1 (… Q4); versions and appeals: jifen history --member " + h.memberCode());
    out.flush();
    return ExitCodes.OK;
  }

  private int mismatch(String what) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("jifen explain: MISMATCH: " + what + ". The published figure is not reproduced: the warehouse changed "
        + "since it was computed (rerun jifen score / jifen aggregate) or this is a bug; do not hand this explanation on.");
    err.flush();
    return ExitCodes.FAILURE;
  }

  /** The terminal report of a figure. */
  static void print(PrintWriter out, FigureExplainer.Explanation x) {
    FigureExplainer.Query q = x.query();
    out.println("Figure " + x.label() + " of " + x.rowName() + (x.rowName().equals(x.unitName()) ? "" : " (unit "
        + x.unitName() + ")") + ", " + q.period());
    out.println("Published in " + x.source());
    out.println(x.rule());
    if (x.kind() == FigureExplainer.Kind.RANK) {
      TextTable t = new TextTable("#", "党支部", "已评定人数", "平均分", "名次", "");
      int n = 1;
      for (FigureExplainer.Counted c : x.rows()) {
        t.row(n++, c.branchCode() + (c.branchName() == null ? "" : " " + c.branchName()), c.status(), plain(c.score()),
            c.grade(), c.branchCode().equals(q.row() == null ? q.unit() : q.row()) ? "← 本支部" : "");
      }
      t.print(out);
      out.println(x.totalLine());
      return;
    }
    boolean action = x.kind() == FigureExplainer.Kind.ACTION;
    boolean scores = x.kind() == FigureExplainer.Kind.GRADE || x.kind() == FigureExplainer.Kind.MEAN;
    List<String> heads = new ArrayList<>(List.of("#", "member_key", "党员编号"));
    if (q.withNames()) {
      heads.add("姓名");
    }
    heads.addAll(List.of("党支部", "党员身份"));
    if (scores) {
      heads.addAll(List.of("得分", "等次"));
    }
    heads.addAll(action ? List.of("季度", "处置类型", "日期", "来源（文件 / 工作表 / 行）")
        : List.of("名册季度", "来源（文件 / 工作表 / 行）"));
    TextTable t = new TextTable(heads.toArray(String[]::new));
    int n = 1;
    for (FigureExplainer.Counted c : x.rows()) {
      List<Object> r = new ArrayList<>(List.of(n++, c.memberKey().substring(0, 12) + "…", c.memberCode()));
      if (q.withNames()) {
        r.add(nz(c.name()));
      }
      r.add(c.branchCode() + (c.branchName() == null ? "" : " " + c.branchName()));
      r.add(nz(c.standing()));
      if (scores) {
        r.add(plain(c.score()));
        r.add(nz(c.grade()));
      }
      if (action) {
        r.addAll(List.of(nz(c.period()), nz(c.actionType()), nz(c.actionDate())));
      } else {
        r.add(nz(c.period()));
      }
      r.add(nz(c.sourceFile()) + " / " + nz(c.sheet()) + " / " + (c.rowNum() == null ? "" : c.rowNum()));
      t.row(r.toArray());
    }
    if (t.size() == 0) {
      out.println("  (no member)");
    } else {
      t.print(out);
    }
    out.println(x.totalLine());
  }

  /** The terminal report of a member's score. */
  static void print(PrintWriter out, MemberExplainer.Explanation x) {
    out.println("Score of " + x.memberCode() + (x.name() == null ? "" : " " + x.name()) + " (member_key "
        + x.memberKey().substring(0, 12) + "…), " + x.period() + ", scheme " + x.schemeId()
        + (x.schemeName() == null ? "" : " " + x.schemeName()));
    out.println("党支部 " + x.branchCode() + (x.branchName() == null ? "" : " " + x.branchName()) + "，" + nz(x.standing())
        + "；名册：" + x.rosterFile() + " / " + x.rosterSheet() + " / " + x.rosterRow());
    TextTable t = new TextTable("#", "部分", "项目", "类别", "分值", "计入得分", "日期", "来源（文件 / 工作表 / 行）", "说明");
    int n = 1;
    for (MemberExplainer.Line l : x.lines()) {
      t.row(n++, nz(l.component()), l.itemCode() == null ? "" : l.itemCode() + (l.itemName() == null ? "" : " "
          + l.itemName()), kind(l.kind()), plain(l.value()), plain(l.contribution()), nz(l.entryDate()),
          l.sourceFile() == null ? "" : l.sourceFile() + " / " + l.sheet() + " / " + l.rowNum(), nz(l.note()));
    }
    if (t.size() == 0) {
      out.println("  (no line)");
    } else {
      t.print(out);
    }
    for (String note : x.notes()) {
      out.println("  - " + note);
    }
    out.println("合计 " + plain(x.sum()) + " = 发布得分 " + plain(x.published()) + "（" + nz(x.publishedGrade()) + "），"
        + (x.matches() ? "一致" : "不一致！（重新计算 " + plain(x.computed()) + " " + nz(x.computedGrade()) + "）"));
  }

  static String kind(org.jifen.score.MemberScoring.LineKind k) {
    return switch (k) {
      case START -> "起始分";
      case ENTRY -> "积分明细";
      case ITEM_CAP -> "项目上限";
      case COMPONENT_CAP -> "部分上限";
      case FLOOR -> "保底";
      case CLAMP -> "得分范围";
      case FLAG -> "否决/归零";
      case ROUNDING -> "四舍五入";
    };
  }

  /** The CSV rows of an explained figure: texts and numbers (numbers are written as plain decimals). */
  static List<List<Object>> figureCsv(FigureExplainer.Explanation x) {
    List<List<Object>> rows = new ArrayList<>();
    rows.add(List.of("period", "unit_code", "row", "figure", "row_org", "member_key", "member_code", "name",
        "branch_code", "branch_name", "standing", "status", "score", "grade", "period_of_row", "action_type",
        "action_date", "source_file", "sheet", "row_num"));
    for (FigureExplainer.Counted c : x.rows()) {
      rows.add(java.util.Arrays.asList(x.query().period(), x.query().unit(), x.rowName(), x.label(), c.rowOrg(),
          c.memberKey(), c.memberCode(), c.name(), c.branchCode(), c.branchName(), c.standing(), c.status(), c.score(),
          c.grade(), c.period(), c.actionType(), c.actionDate(), c.sourceFile(), c.sheet(), c.rowNum()));
    }
    rows.add(List.of(x.totalLine()));
    return rows;
  }

  /** The CSV rows of an explained score. */
  static List<List<Object>> memberCsv(MemberExplainer.Explanation x) {
    List<List<Object>> rows = new ArrayList<>();
    rows.add(List.of("period", "member_key", "member_code", "name", "line_kind", "component", "item_code", "item_name",
        "value", "contribution", "entry_date", "source_file", "sheet", "row_num", "note"));
    for (MemberExplainer.Line l : x.lines()) {
      rows.add(java.util.Arrays.asList(x.period(), x.memberKey(), x.memberCode(), x.name(), l.kind().name(),
          l.component(), l.itemCode(), l.itemName(), l.value(), l.contribution(), l.entryDate(), l.sourceFile(),
          l.sheet(), l.rowNum(), l.note()));
    }
    return rows;
  }

  /**
   * The rows as CSV text (UTF-8 BOM first, CRLF lines, RFC 4180 quoting). Numbers are written as
   * they are; every text goes through {@link SafeText#neutral(String)}, so that a name or 依据
   * such as {@code =1+1} is not run as a formula when the file is opened in a spreadsheet.
   */
  static String csv(List<List<Object>> rows) {
    StringBuilder sb = new StringBuilder("\uFEFF");
    for (List<Object> r : rows) {
      List<String> cells = new ArrayList<>();
      for (Object c : r) {
        String v = csvField(c);
        boolean quote = v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r");
        cells.add(quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
      }
      sb.append(String.join(",", cells)).append("\r\n");
    }
    return sb.toString();
  }

  /** One CSV field: "" for null, a number in plain notation, a text neutralised. */
  static String csvField(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof BigDecimal b) {
      return b.toPlainString();
    }
    if (v instanceof Number n) {
      return n.toString();
    }
    return SafeText.neutral(v.toString());
  }

  private static void writeCsv(Path file, List<List<Object>> rows) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, csv(rows), StandardCharsets.UTF_8);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static String plain(BigDecimal v) {
    return v == null ? "" : v.toPlainString();
  }
}
