package org.jifen.explain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.jifen.mart.MartSecret;
import org.jifen.read.Rec;
import org.jifen.read.WarehouseSql;
import org.jifen.score.SilverInputs;
import org.jifen.spark.Warehouse;
import org.jifen.stats.ScoreTables;
import org.jifen.stats.StatsFunctions;

/**
 * Explains one published figure (DOMAIN §6, §8): the members it counts, each with the roster row
 * (file, sheet, row) that placed them and, for grades and means, the score, counted by the rules
 * the gold statistics were computed with (staging's stg_member_periods and stg_org_nodes, restated
 * in the portable {@code sql/explain/figure_members.sql} and {@code figure_actions.sql}), and
 * checked against the published figure: the explanation says whether its rows reproduce it. Reads
 * the warehouse through {@link WarehouseSql} (DuckDB on a local warehouse: no Spark session).
 *
 * <p>A quarter or a year explains {@code gold.org_period_stats} (the node as a whole, descendants
 * included); a half-year ({@code 2025H1}) explains a row of {@code gold.stats_table} (统计表一/二).
 *
 * <p>Usage: {@code FigureExplainer.explain(wh, () -> spark, new Query("2025Q2", "QS04", null, "合格", false))}.
 */
public final class FigureExplainer {
  private FigureExplainer() {}

  private static final Pattern QUARTER = Pattern.compile("(\\d{4})Q([1-4])");
  private static final Pattern YEAR = Pattern.compile("\\d{4}");
  private static final Pattern HALF = Pattern.compile("(\\d{4})H([12])");
  /** The stats table's row label for its total row. */
  public static final String TOTAL_ROW = "合计";

  /**
   * What to explain.
   *
   * @param period a quarter (2025Q2), a year (2025) or a half-year of the statistics tables (2025H1)
   * @param unit the node (组织编码) whose figures are read: any active node for a quarter or year,
   *     the reporting unit for a half-year
   * @param row the row's organization (default: the unit); for a half-year a direct subordinate of
   *     the unit or {@code 合计}; for a quarter or year any node at or below the unit
   * @param figure the figure's label as published (党员总数, a grade name, 平均分, 受告诫提醒党员数 ...;
   *     for a half-year grade columns carry their quarter: 首季度合格, 次季度_合格)
   * @param withNames also show names (restricted layer)
   */
  public record Query(String period, String unit, String row, String figure, boolean withNames) {}

  /** What a figure is made of. */
  public enum Kind { MEMBERS, GRADE, MEAN, ACTION, RANK }

  /**
   * One counted member (for action figures: one counted 组织处置 row).
   *
   * @param rowOrg the statistics row the member counts in (half-years: the subordinate; else the row node)
   * @param memberKey the mart's pseudonymous key
   * @param name null unless names were asked for
   * @param sourceFile the roster row's file (for action figures: the action row's file)
   * @param period the roster's quarter (for action figures: the action's quarter)
   */
  public record Counted(String rowOrg, String memberCode, String memberKey, String name, String branchCode,
      String branchName, String standing, String status, BigDecimal score, String grade, String period,
      String sourceFile, String sheet, Integer rowNum, String actionType, String actionDate) {}

  /**
   * An explained figure.
   *
   * @param source where the figure is published (table and keys)
   * @param rule how the figure counts, in words
   * @param rows the counted members (or action rows), sorted by branch and member
   * @param published the figure as gold holds it (null when gold has no such row)
   * @param reproduced the figure computed from {@code rows}
   * @param members distinct members over the rows (action figures: per row organization, summed)
   * @param scoreSum for means: Σ scores of the rows
   */
  public record Explanation(Query query, String unitName, String rowName, String label, Kind kind, String source,
      String rule, List<Counted> rows, BigDecimal published, BigDecimal reproduced, long members,
      BigDecimal scoreSum) {
    /** True when the rows reproduce the published figure exactly. */
    public boolean matches() {
      return published != null && reproduced != null && published.compareTo(reproduced) == 0;
    }

    /** The closing line: 合计 N = 发布数 N (or the mean's sum / n), with a mismatch said plainly. */
    public String totalLine() {
      String ok = matches() ? "一致" : "不一致！";
      return switch (kind) {
        case MEAN -> "合计 " + plain(scoreSum) + " / " + members + " = " + plain(reproduced) + "（四舍五入到两位小数）；发布数 "
            + plain(published) + "，" + ok;
        case RANK -> "平均分 " + (scoreSum == null ? "（无）" : scoreSum.toPlainString()) + "，高于本支部的支部 " + reproduced.subtract(BigDecimal.ONE).toPlainString()
            + " 个 → 第 " + plain(reproduced) + " 名（共 " + members + " 个支部排名）；发布名次 " + plain(published) + "，" + ok;
        case ACTION -> "合计 " + plain(reproduced) + " 名党员（" + rows.size() + " 条组织处置记录）= 发布数 " + plain(published)
            + "，" + ok;
        default -> "合计 " + plain(reproduced) + " = 发布数 " + plain(published) + "，" + ok;
      };
    }
  }

  /** The figures a quarter or year can explain (gold.org_period_stats, cut org), label → column. */
  static final Map<String, String> MEMBER_FIGURES = new LinkedHashMap<>();
  static final Map<String, String> ACTION_FIGURES = new LinkedHashMap<>();
  static final Map<String, String> ALIASES = new LinkedHashMap<>();

  static {
    MEMBER_FIGURES.put("党员总数", "members_total");
    MEMBER_FIGURES.put("预备党员数", "members_probationary");
    MEMBER_FIGURES.put("未参加积分管理党员数", "members_exempt");
    MEMBER_FIGURES.put("参与积分管理党员数", "members_participating");
    MEMBER_FIGURES.put("已评定等次党员数", "members_graded");
    MEMBER_FIGURES.put("未评定党员数", "members_incomplete");
    ACTION_FIGURES.put("受告诫提醒党员数", "告诫提醒");
    ACTION_FIGURES.put("受帮教整改党员数", "帮教整改");
    ACTION_FIGURES.put("受组织处理党员数", "组织处理");
    ALIASES.put("党员数", "党员总数");
    ALIASES.put("参加积分管理党员数", "参与积分管理党员数");
    ALIASES.put("参加积分管理人数", "参与积分管理党员数");
    ALIASES.put("参与积分管理人数", "参与积分管理党员数");
    ALIASES.put("未参加积分管理人数", "未参加积分管理党员数");
    ALIASES.put("评定人数", "已评定等次党员数");
    ALIASES.put("已评定人数", "已评定等次党员数");
    ALIASES.put("告诫提醒", "受告诫提醒党员数");
    ALIASES.put("帮教整改", "受帮教整改党员数");
    ALIASES.put("组织处理", "受组织处理党员数");
    ALIASES.put("平均得分", "平均分");
    ALIASES.put("排名", "委内排名");
    ALIASES.put("党委内排名", "委内排名");
    ALIASES.put("全区排名", "区内排名");
  }

  /** Every figure label accepted (besides the scheme's grade names), for messages and --help. */
  public static List<String> labels() {
    List<String> out = new ArrayList<>(MEMBER_FIGURES.keySet());
    out.add("<等次> (优秀, 合格, ...)");
    out.add("平均分");
    out.addAll(ACTION_FIGURES.keySet());
    out.add("委内排名 / 区内排名 (a 党支部's rank by 平均分)");
    return out;
  }

  /** The tables a figure is explained from, as the views the SQL reads. */
  public static final List<WarehouseSql.Table> TABLES = List.of(
      new WarehouseSql.Table("orgs", Warehouse.SILVER, "orgs"),
      new WarehouseSql.Table("members", Warehouse.SILVER, SilverInputs.MEMBERS),
      new WarehouseSql.Table("actions", Warehouse.SILVER, SilverInputs.ACTIONS, SilverInputs.ACTIONS_SCHEMA),
      new WarehouseSql.Table("quarter_scores", Warehouse.GOLD, ScoreTables.QUARTER, ScoreTables.QUARTER_SCHEMA),
      new WarehouseSql.Table("year_scores", Warehouse.GOLD, ScoreTables.YEAR, ScoreTables.YEAR_SCHEMA),
      new WarehouseSql.Table("org_period_stats", Warehouse.GOLD, "org_period_stats"),
      new WarehouseSql.Table("branch_ranking", Warehouse.GOLD, "branch_ranking"),
      new WarehouseSql.Table("stats_table", Warehouse.GOLD, "stats_table"));

  /**
   * Explains the figure from the latest commits of {@link #TABLES} (DuckDB when the warehouse is
   * local; {@code spark} is only called when Spark must read).
   */
  public static Explanation explain(Warehouse wh, Supplier<SparkSession> spark, Query q) {
    try (WarehouseSql sql = WarehouseSql.open(wh, spark, null, TABLES)) {
      return explain(sql, wh, q);
    }
  }

  /** Explains the figure; fails with the accepted values when the period, unit, row or figure is unknown. */
  public static Explanation explain(WarehouseSql sql, Warehouse wh, Query q) {
    String period = q.period() == null ? "" : q.period().strip();
    if (q.unit() == null || q.unit().isBlank()) {
      throw new IllegalArgumentException("--unit: an organization code (组织编码) is needed");
    }
    if (q.figure() == null || q.figure().isBlank()) {
      throw new IllegalArgumentException("--figure: one of " + String.join(", ", labels()));
    }
    for (String t : List.of("orgs", "members")) {
      if (!sql.exists(t)) {
        throw new IllegalArgumentException("The warehouse at " + wh.root() + " has no silver/" + t + " (run jifen ingest)");
      }
    }
    if (!sql.exists("org_period_stats")) {
      throw new IllegalArgumentException("The warehouse at " + wh.root() + " has no published statistics yet "
          + "(run jifen aggregate)");
    }
    MartSecret secret = MartSecret.loadOrCreate(wh.file(MartSecret.FILE), sql.hadoopConf());
    Matcher h = HALF.matcher(period);
    if (h.matches()) {
      return new Half(sql, q, secret, Integer.parseInt(h.group(1)), Integer.parseInt(h.group(2))).explain();
    }
    if (!QUARTER.matcher(period).matches() && !YEAR.matcher(period).matches()) {
      throw new IllegalArgumentException("--period: '" + period + "' is neither a quarter (2025Q2), a year (2025) "
          + "nor a half-year of the statistics tables (2025H1)");
    }
    return new Node(sql, q, secret, period).explain();
  }

  // ---- shared ---------------------------------------------------------------------------------

  private static String canonical(String figure) {
    String f = figure.strip();
    return ALIASES.getOrDefault(f, f);
  }

  static String plain(BigDecimal v) {
    return v == null ? "（无）" : v.stripTrailingZeros().scale() < 0 ? v.setScale(0).toPlainString()
        : v.stripTrailingZeros().toPlainString();
  }

  /**
   * The members at or below {@code node} for {@code period} (a quarter or a year), as the
   * statistics place them.
   */
  private static List<Rec> members(WarehouseSql sql, String period, String node) {
    Map<String, Object> args = new java.util.HashMap<>();
    args.put("period", period);
    args.put("year", YEAR.matcher(period).matches() ? Integer.valueOf(period) : null);
    args.put("node", node);
    return sql.file("explain", "figure_members", args);
  }

  private static List<Rec> actions(WarehouseSql sql, String first, String last, String node) {
    return sql.file("explain", "figure_actions", Map.of("first_quarter", first, "last_quarter", last, "node", node));
  }

  private static Counted member(Rec r, String rowOrg, MartSecret secret, boolean names) {
    String code = r.str("member_code");
    return new Counted(rowOrg, code, secret.memberKey(code), names ? r.str("name") : null, r.str("branch_code"),
        r.str("branch_name"), r.str("standing"), r.str("status"), r.dec("score"), r.str("grade"),
        r.str("roster_period"), r.str("source_file"), r.str("sheet"), r.integer("row_num"), null, null);
  }

  private static Counted action(Rec r, String rowOrg, MartSecret secret, boolean names) {
    String code = r.str("member_code");
    java.time.LocalDate d = r.date("action_date");
    return new Counted(rowOrg, code, secret.memberKey(code), names ? r.str("name") : null, r.str("branch_code"),
        r.str("branch_name"), r.str("standing"), null, null, null, r.str("period"), r.str("source_file"),
        r.str("sheet"), r.integer("row_num"), r.str("action_type"), d == null ? null : d.toString());
  }

  private static final Comparator<Counted> ORDER = Comparator.comparing(Counted::rowOrg, Comparator.nullsFirst(
      Comparator.naturalOrder())).thenComparing(Counted::branchCode, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(Counted::memberCode).thenComparing(c -> c.period() == null ? "" : c.period())
      .thenComparing(c -> c.rowNum() == null ? 0 : c.rowNum());

  private static boolean bool(Rec r, String c) {
    return Boolean.TRUE.equals(r.get(c));
  }

  /** The member predicate of a member-count figure, by gold column. */
  private static Predicate<Rec> memberFilter(String column) {
    return switch (column) {
      case "members_total" -> r -> bool(r, "is_party_member");
      case "members_probationary" -> r -> bool(r, "is_party_member") && "预备党员".equals(r.str("standing"));
      case "members_exempt" -> r -> bool(r, "is_party_member") && !bool(r, "in_points_mgmt");
      case "members_participating" -> r -> bool(r, "is_party_member") && bool(r, "in_points_mgmt");
      case "members_graded" -> r -> bool(r, "graded");
      case "members_incomplete" -> r -> bool(r, "incomplete");
      default -> throw new IllegalStateException(column);
    };
  }

  private static String memberRule(String column, String asOf) {
    String who = switch (column) {
      case "members_total" -> "党员（正式党员、预备党员；入党积极分子不计）";
      case "members_probationary" -> "预备党员";
      case "members_exempt" -> "未参加积分管理的党员";
      case "members_participating" -> "参加积分管理的党员";
      case "members_graded" -> "已评定等次的党员（有发布得分和等次）";
      case "members_incomplete" -> "缺少民主评议、未评定的党员";
      default -> column;
    };
    return "计数：" + asOf + "在已采用台账名册上的" + who + "，按所在党支部归入本组织及其所有上级（含下级党组织）。";
  }

  private static List<String> sortedGrades(Rec stats) {
    List<String> g = stats.list("grade_names");
    return g == null ? List.of() : g;
  }

  /** A list of counts (grade_counts) as longs, whichever integer type the engine gave. */
  private static List<Long> longs(Rec r, String column) {
    List<Object> l = r.list(column);
    return l == null ? null : l.stream().map(o -> o == null ? null : ((Number) o).longValue()).toList();
  }

  private static IllegalArgumentException unknownFigure(String figure, List<String> grades, String extra) {
    List<String> all = new ArrayList<>(MEMBER_FIGURES.keySet());
    all.addAll(grades);
    all.add("平均分");
    all.addAll(ACTION_FIGURES.keySet());
    return new IllegalArgumentException("--figure: '" + figure + "' is not a figure of this table (one of "
        + String.join(", ", all) + extra + ")");
  }

  // ---- a quarter or year at a node: gold.org_period_stats -------------------------------------

  private static final class Node {
    private final WarehouseSql sql;
    private final Query q;
    private final MartSecret secret;
    private final String period;

    Node(WarehouseSql sql, Query q, MartSecret secret, String period) {
      this.sql = sql;
      this.q = q;
      this.secret = secret;
      this.period = period;
    }

    Explanation explain() {
      String unit = q.unit().strip();
      String node = q.row() == null || q.row().isBlank() ? unit : q.row().strip();
      List<Rec> stats = sql.rows("select * from org_period_stats where period = :period and cut_type = 'org' "
          + "and node_code in (:unit, :node)", Map.of("period", period, "unit", unit, "node", node));
      Rec unitRow = stats.stream().filter(r -> unit.equals(r.str("node_code"))).findFirst().orElse(null);
      Rec s = stats.stream().filter(r -> node.equals(r.str("node_code"))).findFirst().orElse(null);
      if (unitRow == null || s == null) {
        List<String> periods = sql.rows("select distinct period from org_period_stats order by period").stream()
            .map(r -> r.str(0)).toList();
        throw new IllegalArgumentException("gold.org_period_stats has no figures of " + (unitRow == null ? unit : node)
            + " for " + period + " (periods published: " + String.join(", ", periods)
            + "; the organization must be active: check the code)");
      }
      String path = s.str("node_path");
      if (!List.of(path.split("/")).contains(unit)) {
        throw new IllegalArgumentException("--row: " + node + " is not " + unit + " or an organization under it (its path: "
            + path + ")");
      }
      String label = canonical(q.figure());
      List<String> grades = sortedGrades(s);
      String source = "gold.org_period_stats（period=" + period + "，node_code=" + node + "，cut_type=org）";
      String unitName = unitRow.str("node_name");
      String rowName = s.str("node_name");
      String asOf = QUARTER.matcher(period).matches() ? period : period + "年（各人以年内最后一个在册季度的名册为准）";
      if (MEMBER_FIGURES.containsKey(label)) {
        String column = MEMBER_FIGURES.get(label);
        List<Counted> rows = counted(members(sql, period, node), memberFilter(column), node);
        long published = s.lng(column);
        return new Explanation(q, unitName, rowName, label, Kind.MEMBERS, source + "." + column,
            memberRule(column, asOf), rows, BigDecimal.valueOf(published), BigDecimal.valueOf(rows.size()),
            rows.size(), null);
      }
      if (grades.contains(label)) {
        int i = grades.indexOf(label);
        List<Counted> rows = counted(members(sql, period, node),
            r -> bool(r, "graded") && label.equals(r.str("grade")), node);
        List<Long> counts = longs(s, "grade_counts");
        return new Explanation(q, unitName, rowName, label, Kind.GRADE, source + ".grade_counts[" + (i + 1) + "]",
            "计数：" + asOf + "已评定等次、等次为「" + label + "」的党员（等次由四舍五入到一位小数的得分按方案分数段评定；"
                + "一票否决、直接评为不合格者为最低等次）。",
            rows, BigDecimal.valueOf(counts.get(i)), BigDecimal.valueOf(rows.size()), rows.size(), null);
      }
      if (label.equals("平均分")) {
        List<Counted> rows = counted(members(sql, period, node), r -> bool(r, "graded"), node);
        BigDecimal sum = rows.stream().map(Counted::score).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Explanation(q, unitName, rowName, label, Kind.MEAN, source + ".score_mean",
            "平均：" + asOf + "已评定等次党员的发布得分之和 ÷ 人数，四舍五入到两位小数。", rows, s.dec("score_mean"),
            StatsFunctions.mean(sum, (long) rows.size()), rows.size(), sum);
      }
      if (ACTION_FIGURES.containsKey(label)) {
        String type = ACTION_FIGURES.get(label);
        String first = QUARTER.matcher(period).matches() ? period : period + "Q1";
        String last = QUARTER.matcher(period).matches() ? period : period + "Q4";
        List<Counted> rows = new ArrayList<>();
        for (Rec r : actions(sql, first, last, node)) {
          if (type.equals(r.str("action_type"))) {
            rows.add(action(r, node, secret, q.withNames()));
          }
        }
        rows.sort(ORDER);
        long members = rows.stream().map(Counted::memberCode).distinct().count();
        String column = switch (type) {
          case "告诫提醒" -> "action_remind_members";
          case "帮教整改" -> "action_rectify_members";
          default -> "action_handle_members";
        };
        return new Explanation(q, unitName, rowName, label, Kind.ACTION, source + "." + column,
            "计数：" + (first.equals(last) ? first : first + "–" + last) + "内有「" + type + "」组织处置记录的党员（不重复计人），"
                + "记录须在该台账名册上为正式或预备党员，归入记录所在台账的党支部。",
            rows, BigDecimal.valueOf(s.lng(column)), BigDecimal.valueOf(members), members, null);
      }
      if (label.equals("委内排名") || label.equals("区内排名")) {
        return rank(label, s, unitName, rowName);
      }
      throw unknownFigure(q.figure(), grades, "");
    }

    /**
     * A branch's rank in gold.branch_ranking: the branches ranked with it (its committee's, or the
     * district's), each with its graded members and 平均分; rank = 1 + branches with a higher mean.
     */
    private Explanation rank(String label, Rec s, String unitName, String rowName) {
      String node = s.str("node_code");
      if (!"党支部".equals(s.str("node_level"))) {
        throw new IllegalArgumentException("--figure " + label + ": rankings rank 党支部; " + node + " is a "
            + s.str("node_level") + " (give a branch with --row)");
      }
      boolean committee = label.equals("委内排名");
      if (!sql.exists("branch_ranking")) {
        throw new IllegalArgumentException("The warehouse has no gold.branch_ranking yet (run jifen aggregate)");
      }
      List<Rec> ranking = sql.rows("select * from branch_ranking where period = :period", Map.of("period", period));
      Rec self = ranking.stream().filter(r -> node.equals(r.str("branch_code"))).findFirst().orElseThrow(
          () -> new IllegalArgumentException("gold.branch_ranking has no row of " + node + " for " + period));
      Object published = self.get(committee ? "rank_in_committee" : "rank_in_district");
      BigDecimal mean = self.dec("score_mean");
      List<Counted> rows = new ArrayList<>();
      for (Rec r : ranking) {
        Long rank = r.lng(committee ? "rank_in_committee" : "rank_in_district");
        if (rank == null || committee && !java.util.Objects.equals(r.str("committee_code"), self.str("committee_code"))) {
          continue;
        }
        rows.add(new Counted(committee ? self.str("committee_code") : null, null, null, null, r.str("branch_code"),
            r.str("branch_name"), null, String.valueOf(r.lng("members_graded")), r.dec("score_mean"),
            String.valueOf(rank), period, null, null, null, null, null));
      }
      rows.sort(Comparator.comparing(Counted::score, Comparator.reverseOrder()).thenComparing(Counted::branchCode));
      long ahead = mean == null ? 0 : rows.stream().filter(c -> c.score().compareTo(mean) > 0).count();
      return new Explanation(q, unitName, rowName, label, Kind.RANK, "gold.branch_ranking（period=" + period
          + "，branch_code=" + node + "）." + (committee ? "rank_in_committee" : "rank_in_district"),
          "排名：" + (committee ? "同一党委（" + self.str("committee_name") + "）内" : "全区") + "有已评定党员的党支部按平均分"
              + "（四舍五入到两位小数）由高到低排列，同分同名次；名次 = 1 + 平均分高于本支部的支部数。",
          rows, published == null ? null : new BigDecimal(published.toString()),
          mean == null ? null : BigDecimal.valueOf(ahead + 1), rows.size(), mean);
    }

    private List<Counted> counted(List<Rec> members, Predicate<Rec> keep, String rowOrg) {
      List<Counted> out = new ArrayList<>();
      for (Rec r : members) {
        if (keep.test(r)) {
          out.add(member(r, rowOrg, secret, q.withNames()));
        }
      }
      out.sort(ORDER);
      return out;
    }
  }

  // ---- a half-year: a row of gold.stats_table ---------------------------------------------------

  private static final class Half {
    private final WarehouseSql sql;
    private final Query q;
    private final MartSecret secret;
    private final int year;
    private final int half;
    /** The half's quarters that are in (the statistics count members of these only). */
    private final List<String> quartersIn = new ArrayList<>();

    Half(WarehouseSql sql, Query q, MartSecret secret, int year, int half) {
      this.sql = sql;
      this.q = q;
      this.secret = secret;
      this.year = year;
      this.half = half;
    }

    Explanation explain() {
      String period = year + "H" + half;
      String unit = q.unit().strip();
      if (!sql.exists("stats_table")) {
        throw new IllegalArgumentException("The warehouse has no statistics tables yet (run jifen aggregate)");
      }
      List<Rec> table = sql.rows("select * from stats_table where period = :period and unit_code = :unit "
          + "order by row_no", Map.of("period", period, "unit", unit));
      if (table.isEmpty()) {
        throw new IllegalArgumentException("gold.stats_table has no table of unit " + unit + " for " + period
            + " (reporting units are the district and every active organization with active subordinates)");
      }
      boolean total = q.row() == null ? false : List.of(TOTAL_ROW, "total").contains(q.row().strip());
      String rowCode = q.row() == null || q.row().isBlank() ? null : q.row().strip();
      Rec s;
      if (total) {
        s = table.stream().filter(r -> "total".equals(r.str("row_type"))).findFirst().orElseThrow();
      } else if (rowCode == null) {
        throw new IllegalArgumentException("--row: a half-year's statistics table has one row per subordinate of " + unit
            + ": give one of " + String.join(", ", table.stream().filter(r -> "org".equals(r.str("row_type")))
                .map(r -> r.str("org_code")).toList()) + " or " + TOTAL_ROW);
      } else {
        s = table.stream().filter(r -> rowCode.equals(r.str("org_code"))).findFirst().orElseThrow(() ->
            new IllegalArgumentException("--row: " + rowCode + " is not a row of " + unit + "'s table for " + period
                + " (rows: " + String.join(", ", table.stream().filter(r -> "org".equals(r.str("row_type")))
                    .map(r -> r.str("org_code")).toList()) + ", " + TOTAL_ROW + ")"));
      }
      List<String> rowOrgs = total ? table.stream().filter(r -> "org".equals(r.str("row_type")))
          .map(r -> r.str("org_code")).toList() : List.of(rowCode);
      String first = s.str("first_quarter");
      String second = s.str("second_quarter");
      String asOf = s.str("as_of_quarter");
      if (Boolean.TRUE.equals(s.get("first_quarter_in"))) {
        quartersIn.add(first);
      }
      if (Boolean.TRUE.equals(s.get("second_quarter_in"))) {
        quartersIn.add(second);
      }
      List<String> grades = sortedGrades(s);
      String label = canonical(q.figure()).replace("_", "");
      String tableName = s.str("table_name");
      String source = "gold.stats_table（" + tableName + "，period=" + period + "，unit_code=" + unit + "，"
          + (total ? "合计行" : "org_code=" + rowCode) + "）";
      String unitName = s.str("unit_name");
      String rowName = total ? TOTAL_ROW : s.str("org_name");
      if (MEMBER_FIGURES.containsKey(label) && List.of("members_total", "members_exempt", "members_participating")
          .contains(MEMBER_FIGURES.get(label))) {
        String column = MEMBER_FIGURES.get(label);
        List<Counted> rows = new ArrayList<>();
        // A branch that did not submit the later quarter is counted from its first-quarter roster,
        // without the members on a later-quarter roster (gold.stats_table, issue 19).
        Set<String> later = new java.util.HashSet<>();
        if (quartersIn.contains(second)) {
          // every member the statistics place in the later quarter: on its roster at an active 党支部
          sql.rows("select m.member_code from members m join orgs b on b.org_code = m.branch_code "
              + "where m.period = :period and b.active and b.level = '党支部'", Map.of("period", second))
              .forEach(r -> later.add(r.str(0)));
        }
        List<String> fromFirst = new ArrayList<>();
        for (String org : rowOrgs) {
          rows.addAll(keep(members(asOf, org), memberFilter(column), org));
          Rec orgRow = table.stream().filter(r -> org.equals(r.str("org_code"))).findFirst().orElseThrow();
          List<String> branches = orgRow.has("members_as_of_first_quarter")
              ? orgRow.<String>list("members_as_of_first_quarter") : List.of();
          for (String b : branches) {
            fromFirst.add(b);
            rows.addAll(keep(members(first, b), r -> memberFilter(column).test(r)
                && !later.contains(r.str("member_code")), org));
          }
        }
        rows.sort(ORDER);
        String rule = memberRule(column, asOf + "（半年中较晚的已入库季度）") + (fromFirst.isEmpty() ? ""
            : "未报送" + second + "的党支部（" + String.join("、", fromFirst) + "）按" + first
                + "名册计数，已在" + second + "名册上的党员不重复计。");
        return new Explanation(q, unitName, rowName, label, Kind.MEMBERS, source + "." + column,
            rule, rows, BigDecimal.valueOf(s.lng(column)),
            BigDecimal.valueOf(rows.size()), rows.size(), null);
      }
      for (String[] slot : new String[][] {{"首季度", "first_grade_counts", first}, {"次季度", "second_grade_counts", second}}) {
        if (label.startsWith(slot[0]) && grades.contains(label.substring(slot[0].length()))) {
          String grade = label.substring(slot[0].length());
          List<Long> counts = longs(s, slot[1]);
          if (counts == null) {
            throw new IllegalArgumentException(slot[2] + " is not in yet: the table has no " + slot[0] + " figures");
          }
          List<Counted> rows = new ArrayList<>();
          for (String org : rowOrgs) {
            rows.addAll(keep(members(slot[2], org), r -> bool(r, "graded") && grade.equals(r.str("grade")), org));
          }
          rows.sort(ORDER);
          return new Explanation(q, unitName, rowName, label, Kind.GRADE,
              source + "." + slot[1] + "[" + (grades.indexOf(grade) + 1) + "]",
              "计数：" + slot[2] + "已评定等次、等次为「" + grade + "」的党员，按该季度所在党支部归入本行。",
              rows, BigDecimal.valueOf(counts.get(grades.indexOf(grade))), BigDecimal.valueOf(rows.size()), rows.size(),
              null);
        }
      }
      if (ACTION_FIGURES.containsKey(label)) {
        String type = ACTION_FIGURES.get(label);
        String column = switch (type) {
          case "告诫提醒" -> "action_remind_members";
          case "帮教整改" -> "action_rectify_members";
          default -> "action_handle_members";
        };
        List<Counted> rows = new ArrayList<>();
        long members = 0;
        for (String org : rowOrgs) {
          Set<String> distinct = new LinkedHashSet<>();
          for (Rec r : actions(sql, first, second, org)) {
            if (type.equals(r.str("action_type"))) {
              rows.add(action(r, org, secret, q.withNames()));
              distinct.add(r.str("member_code"));
            }
          }
          members += distinct.size();
        }
        rows.sort(ORDER);
        return new Explanation(q, unitName, rowName, label, Kind.ACTION, source + "." + column,
            "计数：" + first + "–" + second + "内有「" + type + "」组织处置记录的党员，每行内不重复计人（合计行为各行之和），"
                + "记录须在该台账名册上为正式或预备党员，归入记录所在台账的党支部。",
            rows, BigDecimal.valueOf(s.lng(column)), BigDecimal.valueOf(members), members, null);
      }
      List<String> slotted = new ArrayList<>();
      for (String g : grades) {
        slotted.add("首季度" + g);
      }
      for (String g : grades) {
        slotted.add("次季度" + g);
      }
      List<String> all = new ArrayList<>(List.of("党员总数", "未参加积分管理党员数", "参与积分管理党员数"));
      all.addAll(slotted);
      all.addAll(ACTION_FIGURES.keySet());
      throw new IllegalArgumentException("--figure: '" + q.figure() + "' is not a column of " + tableName + " (one of "
          + String.join(", ", all) + ")");
    }

    /** The members at or below {@code node} in a quarter of the half that is in (none for another). */
    private List<Rec> members(String quarter, String node) {
      return quartersIn.contains(quarter) ? FigureExplainer.members(sql, quarter, node) : List.of();
    }

    private List<Counted> keep(List<Rec> members, Predicate<Rec> keep, String rowOrg) {
      List<Counted> out = new ArrayList<>();
      for (Rec r : members) {
        if (keep.test(r)) {
          out.add(member(r, rowOrg, secret, q.withNames()));
        }
      }
      return out;
    }
  }

  /** Distinct member codes of rows (for tests and the terminal summary). */
  static Set<String> memberCodes(List<Counted> rows) {
    Set<String> s = new TreeSet<>();
    rows.forEach(r -> s.add(r.memberCode()));
    return s;
  }
}
