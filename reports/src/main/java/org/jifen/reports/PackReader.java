package org.jifen.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jifen.reports.Mart.Rec;
import org.jifen.reports.PackData.Flag;
import org.jifen.reports.PackData.Gap;
import org.jifen.reports.PackData.MartFacts;
import org.jifen.reports.PackData.Org;
import org.jifen.reports.PackData.Period;
import org.jifen.reports.PackData.Ranking;
import org.jifen.reports.PackData.Stats;
import org.jifen.reports.PackData.StatsRow;
import org.jifen.reports.PackData.StatsTable;
import org.jifen.reports.PackData.Sub;
import org.jifen.reports.PackData.Trend;
import org.jifen.reports.PackData.WatchEntry;

/**
 * Reads one pack's figures from the mart (docs/mart.md). Every query is bound; a unit's subtree is
 * selected by its {@code dim_org.path} prefix.
 */
final class PackReader {
  static final Pattern QUARTER = Pattern.compile("(\\d{4})Q([1-4])");
  static final Pattern YEAR = Pattern.compile("\\d{4}");

  /** Domains (领域) in the order reports list them (DOMAIN §1); others follow by name. */
  static final List<String> DOMAIN_ORDER = List.of("机关", "社区", "学校", "两新", "农村", "国企");

  /** Watch lists in the order reports list them (docs/mart.md). */
  static final List<String> LIST_ORDER = List.of("excellent", "fail", "lagging", "probationary", "disposal");

  private final Mart mart;
  private final boolean restricted;

  PackReader(Mart mart) {
    this.mart = mart;
    this.restricted = mart.hasRelation("v_watch_lists_named");
  }

  boolean restricted() {
    return restricted;
  }

  /** The period, which must be a quarter or a year of the mart. */
  Period period(String period) {
    if (period == null || !(QUARTER.matcher(period).matches() || YEAR.matcher(period).matches())) {
      throw new IllegalArgumentException("Period must be a quarter like 2025Q2 or a year like 2025, got: " + period);
    }
    Rec r = mart.one("SELECT period, kind, year, quarter, label, quarters_ingested FROM dim_period WHERE period = ?",
        period).orElseThrow(() -> new IllegalArgumentException("Period " + period + " is not in the mart (dim_period has "
            + mart.query("SELECT period FROM dim_period WHERE kind <> 'half' ORDER BY start_date")
                .stream().map(x -> x.s("period")).toList() + ")"));
    return new Period(r.s("period"), r.s("kind"), r.i("year"), r.i("quarter"), r.s("label"),
        r.i("quarters_ingested") == null ? 0 : r.i("quarters_ingested"));
  }

  /** The district and every committee that is a reporting unit, in the department's order. */
  List<String> defaultUnits() {
    return mart.query("SELECT org_code FROM dim_org WHERE active AND is_reporting_unit AND depth <= 1"
        + " ORDER BY depth, sort_order, org_code").stream().map(r -> r.s("org_code")).toList();
  }

  /** A reporting unit: an active organization with active subordinates. */
  Org unit(String code) {
    Rec r = mart.one("SELECT * FROM dim_org WHERE org_code = ?", code)
        .orElseThrow(() -> new IllegalArgumentException("Unit " + code + " is not in the mart's org tree (dim_org)"));
    if (!Boolean.TRUE.equals(r.b("active"))) {
      throw new IllegalArgumentException("Unit " + code + " (" + r.s("org_name") + ") is dissolved (撤销) or under a dissolved organization");
    }
    if (!Boolean.TRUE.equals(r.b("is_reporting_unit"))) {
      throw new IllegalArgumentException("Unit " + code + " (" + r.s("org_name") + ") is not a reporting unit: it has no active subordinates");
    }
    return org(r);
  }

  PackData read(Period period, Org unit, MartFacts martFacts) {
    Stats overview = stats(period.period(), unit.code(), "org")
        .stream().findFirst().orElse(null);
    List<StatsTable> tables = new ArrayList<>();
    if (period.isYear()) {
      tables.add(statsTable(period.year(), 1, unit));
      tables.add(statsTable(period.year(), 2, unit));
    } else {
      tables.add(statsTable(period.year(), period.quarter() <= 2 ? 1 : 2, unit));
    }
    List<String> gradeNames = overview != null ? overview.gradeNames()
        : tables.stream().filter(t -> !t.isEmpty()).map(StatsTable::gradeNames).findFirst().orElse(List.of());
    if (overview == null) {
      overview = Stats.empty(period.period(), unit.code(), unit.name(), gradeNames);
    }
    String schemeId = overview.schemeId() != null ? overview.schemeId()
        : mart.query("SELECT scheme_id FROM stats_table WHERE year = ? AND scheme_id IS NOT NULL LIMIT 1", period.year())
            .stream().map(r -> r.s("scheme_id")).findFirst().orElse(null);
    MartFacts facts = new MartFacts(martFacts.fileName(), martFacts.sha256(), martFacts.bytes(), martFacts.build(),
        martFacts.sources(), martFacts.schemes(), schemeId, schemeId == null ? null : martFacts.schemes().get(schemeId));

    List<String> finalGrades = gradeNames;
    List<Sub> subs = new ArrayList<>();
    Map<String, Stats> subStats = new HashMap<>();
    for (Rec r : mart.query("SELECT s.* FROM org_period_stats s JOIN dim_org o ON o.org_code = s.node_code"
        + " WHERE s.period = ? AND o.parent_code = ? AND s.cut_type = 'org'", period.period(), unit.code())) {
      subStats.put(r.s("node_code"), stats(r));
    }
    for (Rec r : mart.query("SELECT * FROM dim_org WHERE parent_code = ? AND active ORDER BY sort_order, org_code",
        unit.code())) {
      Org o = org(r);
      subs.add(new Sub(o, subStats.getOrDefault(o.code(), Stats.empty(period.period(), o.code(), o.name(), finalGrades))));
    }

    // A domain without members that period (e.g. its only branch did not submit) is left out.
    List<Stats> domains = new ArrayList<>(stats(period.period(), unit.code(), "domain").stream()
        .filter(s -> s.membersTotal() > 0).toList());
    domains.sort(Comparator.comparing((Stats s) -> domainRank(s.cutValue())).thenComparing(Stats::cutValue));

    int lastQuarter = period.isYear() ? 4 : period.quarter();
    List<Stats> series = mart.query("SELECT * FROM org_period_stats WHERE node_code = ? AND cut_type = 'org'"
        + " AND period_kind = 'quarter' AND (year < ? OR (year = ? AND quarter <= ?)) ORDER BY year, quarter",
        unit.code(), period.year(), period.year(), lastQuarter).stream().map(PackReader::stats).toList();

    Trend trend = mart.one("SELECT * FROM org_trend WHERE period = ? AND node_code = ? AND cut_type = 'org'",
        period.period(), unit.code()).map(PackReader::trend).orElse(null);

    String leader = unitLeader(unit);
    return new PackData(period, unit, restricted, leader, overview, trend, subs, domains, series, tables,
        rankings(period, unit),
        FailReasons.fill(mart, period, watch(period, unit), gradeNames.isEmpty() ? null : gradeNames.get(gradeNames.size() - 1)),
        gaps(period, unit), flags(period, unit), gradeNames, facts);
  }

  private static int domainRank(String d) {
    int i = DOMAIN_ORDER.indexOf(d);
    return i < 0 ? DOMAIN_ORDER.size() : i;
  }

  private List<Stats> stats(String period, String node, String cutType) {
    return mart.query("SELECT * FROM org_period_stats WHERE period = ? AND node_code = ? AND cut_type = ?"
        + " ORDER BY cut_value", period, node, cutType).stream().map(PackReader::stats).toList();
  }

  private String unitLeader(Org unit) {
    if (mart.hasColumn("dim_org", "leader")) {
      Optional<String> l = mart.one("SELECT leader FROM dim_org WHERE org_code = ?", unit.code()).map(r -> r.s("leader"));
      if (l.isPresent()) {
        return l.get();
      }
    }
    if (mart.hasColumn("stats_table", "unit_leader")) {
      return mart.query("SELECT unit_leader FROM stats_table WHERE unit_code = ? AND unit_leader IS NOT NULL LIMIT 1",
          unit.code()).stream().map(r -> r.s("unit_leader")).findFirst().orElse(null);
    }
    return null;
  }

  private StatsTable statsTable(int year, int half, Org unit) {
    String period = year + "H" + half;
    List<Rec> rows = mart.query("SELECT * FROM stats_table WHERE period = ? AND unit_code = ? ORDER BY row_no",
        period, unit.code());
    String table = half == 1 ? "统计表一" : "统计表二";
    String first = year + "Q" + (half * 2 - 1);
    String second = year + "Q" + (half * 2);
    if (rows.isEmpty()) {
      return new StatsTable(period, year, half, table, first, second, false, false, null, unit.name(), null,
          List.of(), List.of(), List.of());
    }
    Rec h = rows.get(0);
    List<StatsRow> out = rows.stream().map(r -> new StatsRow(r.i("row_no"), r.s("row_type"), r.s("org_code"),
        r.s("org_name"), r.l0("members_total"), r.l0("members_exempt"), r.l0("members_participating"),
        r.longs("first_grade_counts"), r.longs("second_grade_counts"),
        r.l0("action_remind_members"), r.l0("action_rectify_members"), r.l0("action_handle_members"))).toList();
    return new StatsTable(period, year, half, h.s("table_name"), h.s("first_quarter"), h.s("second_quarter"),
        Boolean.TRUE.equals(h.b("first_quarter_in")), Boolean.TRUE.equals(h.b("second_quarter_in")),
        h.s("as_of_quarter"), h.s("unit_name"), h.s("filler"),
        h.strings("grade_names") == null ? List.of() : h.strings("grade_names"), out,
        rows.stream().flatMap(r -> optional(r, "members_as_of_first_quarter").stream()).distinct().sorted()
            .toList());
  }

  private static final String SUBTREE = " JOIN dim_org o ON o.org_code = x.branch_code"
      + " WHERE starts_with(o.path || '/', ?) ";

  /** Period condition on {@code x.period}: the quarter itself, or every quarter of the year. */
  private static String quarters(Period p) {
    return p.isYear() ? " AND starts_with(x.period, ?) " : " AND x.period = ? ";
  }

  private static String quarterArg(Period p) {
    return p.isYear() ? p.year() + "Q" : p.period();
  }

  private List<Ranking> rankings(Period period, Org unit) {
    boolean district = unit.depth() == 0;
    String rank = district ? "rank_in_district" : "rank_in_committee";
    String ranked = district ? "branches_ranked_in_district" : "branches_ranked_in_committee";
    return mart.query("SELECT x.*, x." + rank + " AS pack_rank, x." + ranked + " AS pack_ranked, o.sort_order"
        + " FROM branch_ranking x" + SUBTREE + " AND x.period = ?"
        + " ORDER BY pack_rank NULLS LAST, o.sort_order, x.branch_code", unit.path() + "/", period.period())
        .stream().map(r -> new Ranking(r.s("branch_code"), r.s("branch_name"), r.s("committee_name"), r.s("domain"),
            r.l0("members_graded"), r.d("score_mean"), r.d("score_median"), r.d("top_grade_share"),
            r.d("bottom_grade_share"), r.i("pack_rank"), r.i("pack_ranked"))).toList();
  }

  private List<WatchEntry> watch(Period period, Org unit) {
    String relation = restricted ? "v_watch_lists_named" : "watch_lists";
    List<WatchEntry> out = new ArrayList<>(mart.query("SELECT x.*, o.sort_order FROM " + relation + " x" + SUBTREE
        + " AND x.period = ? ORDER BY o.sort_order, x.branch_code, x.score DESC NULLS LAST, x.member_key",
        unit.path() + "/", period.period()).stream().map(r -> new WatchEntry(r.s("list"), r.s("list_label"),
            r.s("member_key"), restricted ? r.s("member_code") : null, restricted ? r.s("name") : null,
            r.s("branch_code"), r.s("branch_name"), r.s("standing"), r.s("category"), r.d("score"), r.s("grade"),
            r.i("rank_in_branch"), r.s("prev_period"), r.d("prev_score"), r.s("prev_grade"), r.s("reason"))).toList());
    out.sort(Comparator.comparingInt(w -> listRank(w.list())));
    return out;
  }

  static int listRank(String list) {
    int i = LIST_ORDER.indexOf(list);
    return i < 0 ? LIST_ORDER.size() : i;
  }

  private List<Gap> gaps(Period period, Org unit) {
    return mart.query("SELECT x.*, o.committee_name AS committee_label, o.sort_order FROM v_submission_gaps x" + SUBTREE
        + quarters(period) + " ORDER BY x.period, x.status, o.sort_order, x.branch_code",
        unit.path() + "/", quarterArg(period)).stream().map(r -> new Gap(r.s("period"), r.s("branch_code"),
            r.s("branch_name"), r.s("committee_label"), r.s("status"), r.t("first_received_at"), r.t("deadline"),
            r.d("hours_late"))).toList();
  }

  private List<Flag> flags(Period period, Org unit) {
    // A year's pack shows the signals of its quarters and of the year as a whole (listed last).
    String when = period.isYear() ? " AND (starts_with(x.period, ?) OR x.period = ?) " : quarters(period);
    Object[] args = period.isYear() ? new Object[] {unit.path() + "/", quarterArg(period), period.period()}
        : new Object[] {unit.path() + "/", quarterArg(period)};
    return mart.query("SELECT x.*, o.sort_order FROM v_attention_flags x" + SUBTREE + when
        + " ORDER BY length(x.period) DESC, x.period, o.sort_order, x.branch_code, x.signal", args)
        .stream().map(r -> new Flag(r.s("period"), r.s("branch_code"), r.s("branch_name"), r.s("signal"),
            r.s("signal_label"), r.l0("members_graded"), r.l("entries"), r.d("value"), r.d("baseline"),
            r.d("threshold"), r.s("detail"), r.has("p_value") ? r.d("p_value") : null)).toList();
  }

  /** {@code mart_info} as the manifest states it; the checksum is computed by the caller. */
  MartFacts martFacts(String fileName, String sha256, long bytes) {
    Map<String, String> build = new TreeMap<>();
    List<Map<String, String>> sources = new ArrayList<>();
    Map<String, String> schemes = new TreeMap<>();
    for (Rec r : mart.query("SELECT kind, item AS name, value, detail FROM mart_info ORDER BY kind, item")) {
      switch (r.s("kind")) {
        case "build" -> build.put(r.s("name"), r.s("value"));
        case "source" -> {
          Map<String, String> s = new LinkedHashMap<>();
          s.put("table", r.s("name"));
          s.put("delta_version", r.s("value"));
          s.put("committed_at", r.s("detail"));
          sources.add(s);
        }
        case "scheme" -> schemes.put(r.s("name"), r.s("value"));
        default -> { }
      }
    }
    return new MartFacts(fileName, sha256, bytes, build, sources, schemes, null, null);
  }

  private static Org org(Rec r) {
    return new Org(r.s("org_code"), r.s("org_name"), r.s("level"), r.s("domain"), r.s("parent_code"), r.s("path"),
        r.s("committee_code"), r.s("committee_name"), r.i("depth") == null ? 0 : r.i("depth"),
        r.i("sort_order") == null ? 0 : r.i("sort_order"));
  }

  static Stats stats(Rec r) {
    return new Stats(r.s("period"), r.s("node_code"), r.s("node_name"), r.s("cut_type"), r.s("cut_value"),
        r.l0("members_total"), r.l0("members_probationary"), r.l0("members_exempt"), r.l0("members_participating"),
        r.d("participation_rate"), r.l("ledgers_expected"), r.l("ledgers_on_time"), r.l("ledgers_late"),
        r.l("ledgers_missing"), r.l("ledgers_submitted"), r.d("submission_rate"),
        r.l0("members_graded"), r.l0("members_incomplete"),
        nonNull(r.strings("grade_names")), nonNull(r.longs("grade_counts")), nonNull(r.decimals("grade_shares")),
        r.d("score_mean"), r.d("score_median"), r.d("score_q1"), r.d("score_q3"), r.d("score_min"), r.d("score_max"),
        nonNull(r.longs("score_histogram")),
        r.l0("action_remind_members"), r.l0("action_rectify_members"), r.l0("action_handle_members"),
        r.s("scheme_id"));
  }

  /** A list column that older marts do not have: empty when absent or null. */
  private static List<String> optional(Rec r, String col) {
    return r.has(col) ? nonNull(r.strings(col)) : List.of();
  }

  private static <T> List<T> nonNull(List<T> v) {
    return v == null ? List.of() : v;
  }

  private static Trend trend(Rec r) {
    return new Trend(r.s("prev_period"), r.d("score_mean_prev"), r.d("score_mean_change_qoq"),
        r.d("participation_rate_prev"), r.d("participation_rate_change_qoq"),
        r.decimals("grade_shares_prev"), r.decimals("grade_shares_change_qoq"),
        r.s("last_year_period"), r.d("score_mean_last_year"), r.d("score_mean_change_yoy"),
        r.d("participation_rate_last_year"), r.d("participation_rate_change_yoy"),
        r.decimals("grade_shares_last_year"), r.decimals("grade_shares_change_yoy"),
        nonNull(r.strings("grade_names")),
        // like-for-like columns of newer marts (a mart built before them has none)
        r.has("score_mean_change_qoq_lfl") ? r.d("score_mean_change_qoq_lfl") : null, optional(r, "lfl_left_out_qoq"),
        r.has("score_mean_change_yoy_lfl") ? r.d("score_mean_change_yoy_lfl") : null, optional(r, "lfl_left_out_yoy"));
  }
}
