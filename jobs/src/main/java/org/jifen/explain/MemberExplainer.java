package org.jifen.explain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.jifen.config.DistrictConfig;
import org.jifen.mart.MartSecret;
import org.jifen.read.Rec;
import org.jifen.read.WarehouseSql;
import org.jifen.scheme.Component;
import org.jifen.scheme.Flag;
import org.jifen.scheme.FlagRule;
import org.jifen.scheme.Item;
import org.jifen.scheme.Scheme;
import org.jifen.score.MemberScoring;
import org.jifen.spark.Warehouse;
import org.jifen.stats.ScoreTables;

/**
 * Explains one member's quarter score as a sum ({@code jifen explain --member}): every component's
 * start, each entry with its ledger file, sheet and row, what item and component caps cut, what
 * floors added back, vetoes and zeroing, and the rounding, recomputed with the scheme's arithmetic
 * ({@link MemberScoring#explainQuarter}) from silver and checked against gold.member_quarter_score.
 * Reads the warehouse through {@link WarehouseSql} (DuckDB on a local warehouse: no Spark session).
 *
 * <p>Usage: {@code MemberExplainer.explain(wh, () -> spark, "DY601695", "2025Q4", false)}.
 */
public final class MemberExplainer {
  private MemberExplainer() {}

  private static final Pattern QUARTER = Pattern.compile("(\\d{4})Q([1-4])");

  /**
   * One line of the sum.
   *
   * @param kind what the line is ({@link MemberScoring.LineKind})
   * @param component the component's name (id when unnamed), or null for lines of the whole score
   * @param value the line in the component's points
   * @param contribution what it adds to the score (value × weight × scale); Σ = the score
   * @param note why (依据 of an entry, the cap or floor applied, the flag)
   */
  public record Line(MemberScoring.LineKind kind, String component, String itemCode, String itemName, BigDecimal value,
      BigDecimal contribution, String entryDate, String sourceFile, String sheet, Integer rowNum, String note) {}

  /**
   * An explained quarter score.
   *
   * @param published gold's score and grade; {@code computed} the recomputation's
   * @param lines the sum's lines, in the scheme's component order
   * @param notes flags and why, participation, what the explanation could not do
   */
  public record Explanation(String memberCode, String memberKey, String name, String period, String branchCode,
      String branchName, String standing, String status, String rosterFile, String rosterSheet, Integer rosterRow,
      String schemeId, String schemeName, List<Line> lines, BigDecimal published, String publishedGrade,
      BigDecimal computed, String computedGrade, List<String> notes) {
    /** Σ of the lines' contributions. */
    public BigDecimal sum() {
      return lines.stream().map(Line::contribution).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** True when the lines add up to gold's score and the recomputed grade is gold's. */
    public boolean matches() {
      return published != null && sum().compareTo(published) == 0 && computed != null
          && computed.compareTo(published) == 0 && java.util.Objects.equals(computedGrade, publishedGrade);
    }
  }

  /** The tables a score is explained from, as the views the queries read. */
  public static final List<WarehouseSql.Table> TABLES = List.of(
      new WarehouseSql.Table("orgs", Warehouse.SILVER, "orgs"),
      new WarehouseSql.Table("members", Warehouse.SILVER, "members"),
      new WarehouseSql.Table("entries", Warehouse.SILVER, "entries"),
      new WarehouseSql.Table("quarter_scores", Warehouse.GOLD, ScoreTables.QUARTER));

  /**
   * Explains the score from the latest commits of {@link #TABLES} (DuckDB when the warehouse is
   * local; {@code spark} is only called when Spark must read).
   */
  public static Explanation explain(Warehouse wh, Supplier<SparkSession> spark, String memberCode, String period,
      boolean names) {
    try (WarehouseSql sql = WarehouseSql.open(wh, spark, null, TABLES)) {
      return explain(sql, wh, memberCode, period, names);
    }
  }

  /** Explains {@code memberCode}'s score of {@code period} (a quarter). */
  public static Explanation explain(WarehouseSql sql, Warehouse wh, String memberCode, String period, boolean names) {
    String code = memberCode == null ? "" : memberCode.strip();
    if (code.isEmpty()) {
      throw new IllegalArgumentException("--member: a 党员编号 is needed");
    }
    Matcher m = QUARTER.matcher(period == null ? "" : period.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("--member explains a quarter's score (--period 2025Q2); for the annual result "
          + "and its quota and disposal decisions use jifen history --member " + code + " --year YYYY");
    }
    String p = m.group(0);
    int year = Integer.parseInt(m.group(1));
    int quarter = Integer.parseInt(m.group(2));
    if (!sql.exists("members") || !sql.exists("quarter_scores")) {
      throw new IllegalArgumentException("The warehouse at " + wh.root() + " has no scored quarter yet "
          + "(run jifen ingest and jifen score)");
    }
    Map<String, Object> args = Map.of("period", p, "code", code);
    List<Rec> roster = sql.rows("select * from members where period = :period and member_code = :code", args);
    List<Rec> scores = sql.rows("select * from quarter_scores where period = :period and member_code = :code", args);
    if (roster.isEmpty() || scores.isEmpty()) {
      throw new IllegalArgumentException("党员编号 " + code + " has " + (roster.isEmpty()
          ? "no row on an accepted roster of " + p + " (branch did not submit, a roster conflict, or a wrong code: "
              + "see jifen history --member " + code + ")"
          : "no score for " + p + " (run jifen score --period " + p + ")"));
    }
    Rec r = roster.get(0);
    Rec g = scores.get(0);
    Scheme scheme = scheme(sql, wh, year, g.str("scheme_id"), g.str("scheme_hash"));
    // as the ledger lists them (nulls first, as Spark sorted them)
    List<Rec> entryRows = sql.rows("select * from entries where period = :period and member_code = :code "
        + "order by entry_date asc nulls first, source_file asc nulls first, row_num asc nulls first", args);
    List<MemberScoring.Entry> entries = new ArrayList<>();
    for (Rec e : entryRows) {
      entries.add(new MemberScoring.Entry(quarter, e.str("item_code"), e.dec("points")));
    }
    MemberScoring.RosterRow rr = new MemberScoring.RosterRow(p, year, quarter, r.str("branch_code"),
        r.str("standing"), r.str("category"), Boolean.TRUE.equals(r.get("in_points_mgmt")));
    MemberScoring.ExplainedQuarter x = new MemberScoring(scheme).explainQuarter(rr, entries);

    List<Line> lines = new ArrayList<>();
    for (MemberScoring.Line l : x.lines()) {
      Rec e = l.entryIndex() >= 0 ? entryRows.get(l.entryIndex()) : null;
      Item item = l.itemCode() == null ? null : scheme.item(l.itemCode()).orElse(null);
      Component c = l.component() == null ? null : scheme.components().get(l.component());
      java.time.LocalDate d = e == null ? null : e.date("entry_date");
      lines.add(new Line(l.kind(), c == null ? null : c.name() == null ? c.id() : c.name(), l.itemCode(),
          item == null ? null : item.name(), l.value(), l.contribution(), d == null ? null : d.toString(),
          e == null ? null : e.str("source_file"), e == null ? null : e.str("sheet"),
          e == null ? null : e.integer("row_num"), note(l, e, c, item, x.itemTotals(), scheme)));
    }
    List<String> notes = new ArrayList<>();
    if (!rr.inPointsMgmt()) {
      notes.add("本季度未参加积分管理" + (r.get("exempt_reason") == null ? "" : "（" + r.str("exempt_reason") + "）")
          + "：不计分、不评定等次。");
    }
    for (Flag f : Flag.values()) {
      if (Boolean.TRUE.equals(g.get(f.column()))) {
        FlagRule rule = scheme.flags().get(f);
        String name = rule != null && rule.name() != null ? rule.name() : f.chinese();
        String items = String.join("、", entryRows.stream().filter(e -> scheme.item(e.str("item_code"))
            .map(i -> i.kind().flag() == f).orElse(false))
            .map(e -> e.str("item_code") + " " + scheme.item(e.str("item_code")).get().name()
                + "（" + e.str("source_file") + " " + e.str("sheet") + " 第" + e.get("row_num") + "行）").toList());
        String effect = rule == null ? "" : !rule.actsOnQuarter() ? "只作用于年度结果，本季度仅作标记"
            : (rule.zeroScore() ? "本季度得分为0" : "") + (rule.zeroScore() && rule.failGrade() ? "，" : "")
                + (rule.failGrade() ? "等次为" + scheme.lowestGrade() : "");
        notes.add(name + "：" + items + "；" + effect + "。");
      }
    }
    String memberKey = MartSecret.loadOrCreate(wh.file(MartSecret.FILE), sql.hadoopConf()).memberKey(code);
    String branch = r.str("branch_code");
    Rec org = sql.first("select org_name from orgs where org_code = :branch", java.util.Collections.singletonMap(
        "branch", branch));
    return new Explanation(code, memberKey, names ? r.str("name") : null, p, branch, org == null ? null : org.str(0),
        r.str("standing"), g.str("status"), r.str("source_file"), r.str("sheet"), r.integer("row_num"),
        scheme.id(), scheme.name(), lines, g.dec("score"), g.str("grade"), x.result().score(), x.result().grade(),
        notes);
  }

  /** Why a line is there, in the department's words. */
  static String note(MemberScoring.Line l, Rec e, Component c, Item item, Map<String, BigDecimal> totals, Scheme s) {
    return switch (l.kind()) {
      case START -> c != null && c.perItem() ? "基础分" : "起始分";
      case ENTRY -> {
        String basis = e == null ? null : e.str("basis");
        String flag = item != null && item.kind().flag() != null ? item.kind().chinese() + "项目，不计分值" : null;
        String none = c == null && flag == null ? "不属于任何计分部分" : null;
        yield String.join("；", java.util.stream.Stream.of(basis, flag, none).filter(x -> x != null && !x.isBlank())
            .toList());
      }
      case ITEM_CAP -> "本项目每季度" + (item != null && item.kind().sign() > 0 ? "最多计" : "最多扣")
          + FigureExplainer.plain(item == null ? null : item.capQuarter()) + "分：合计"
          + FigureExplainer.plain(totals.get(l.itemCode())) + "，超出部分" + FigureExplainer.plain(l.value().abs()) + "分不计";
      case COMPONENT_CAP -> "本部分每季度最多计" + FigureExplainer.plain(c == null ? null : c.capQuarter()) + "分，超出部分"
          + FigureExplainer.plain(l.value().abs()) + "分不计";
      case FLOOR -> "扣分不低于" + FigureExplainer.plain(c == null ? null : c.floor()) + "分，补回"
          + FigureExplainer.plain(l.value()) + "分";
      case CLAMP -> "得分限定在" + FigureExplainer.plain(s.quarterFormula().min()) + "–"
          + FigureExplainer.plain(s.quarterFormula().max()) + "分之间";
      case FLAG -> "标记使本季度得分为0";
      case ROUNDING -> "四舍五入到一位小数";
    };
  }

  /** The scheme the quarter was scored with: the district's for the year or the one named, with the same hash. */
  static Scheme scheme(WarehouseSql sql, Warehouse wh, int year, String id, String hash) {
    return DistrictConfig.schemeThatScored(sql.hadoopConf(), wh, year, id, hash)
        .orElseThrow(() -> new IllegalStateException("The quarter was scored with scheme " + id + " (sha256 " + hash
            + "), which cannot be loaded here or has changed since: the score cannot be recomputed line by line"));
  }
}
