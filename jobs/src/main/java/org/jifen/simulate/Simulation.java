package org.jifen.simulate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jifen.reports.SchemeComparison;
import org.jifen.reports.SchemeComparison.ChangedMember;
import org.jifen.reports.SchemeComparison.Move;
import org.jifen.reports.SchemeComparison.Reason;
import org.jifen.reports.SchemeComparison.SchemeRef;
import org.jifen.reports.SchemeComparison.UnitRow;
import org.jifen.reports.SchemeComparison.UnknownItem;
import org.jifen.read.Rec;
import org.jifen.read.WarehouseSql;
import org.jifen.scheme.Item;
import org.jifen.scheme.Quota;
import org.jifen.scheme.Scheme;
import org.jifen.score.MemberScoring;
import org.jifen.score.Period;
import org.jifen.score.ScoringJob;
import org.jifen.score.SilverInputs;
import org.jifen.spark.Warehouse;

/**
 * Scores a period under a draft scheme and compares it with the scheme in force, writing nothing:
 * the period's silver facts are read through {@link WarehouseSql} (DuckDB on a local warehouse, no
 * Spark session) and scored on the driver by {@link MemberScoring}, as the scoring job scores them;
 * the scheme in force's rows come from gold when gold holds the period scored under that very
 * scheme, else they are scored the same way.
 * Usage: {@code Simulation.run(sql, wh, draft, draftSource, inForce, Period.parse("2025"), null)} with
 * {@code sql} opened on {@link #TABLES}.
 */
public final class Simulation {
  /** Status of score rows that carry a grade (MemberScoring.GRADED). */
  private static final String GRADED = MemberScoring.GRADED;
  private static final String MEMBERS = "silver_members";
  private static final String ENTRIES = "silver_entries";
  private static final String EVALUATIONS = "silver_evaluations";
  private static final String ORGS = "silver_orgs";
  private static final String QUARTER_SCORES = "gold_member_quarter_score";
  private static final String YEAR_SCORES = "gold_member_year_score";

  private Simulation() {}

  /** One member's result in the period under one scheme. */
  record Result(String memberCode, String branchCode, String status, BigDecimal score, String grade,
      boolean quotaLimited) {
    boolean graded() {
      return GRADED.equals(status) && grade != null;
    }
  }

  /** An organization of the tree (silver.orgs). */
  record Org(String code, String name, String parentCode, boolean active, List<String> path) {}

  /** Everything the comparison is computed from, read from the warehouse (or built by hand in tests). */
  record Inputs(Period period, Scheme current, String currentSource, Scheme draft, String draftSource,
      List<Result> currentRows, List<Result> draftRows, List<Org> orgs, Map<String, Set<Integer>> countedQuarters,
      Map<String, List<MemberScoring.Entry>> entries, List<EntryRow> entryRows) {}

  /** An entry of the period with the member and branch it belongs to. */
  record EntryRow(String memberCode, String branchCode, String itemCode, BigDecimal points) {}

  /** The tables a simulation reads; silver tables not written yet read as empty. */
  public static final List<WarehouseSql.Table> TABLES = List.of(
      new WarehouseSql.Table(MEMBERS, Warehouse.SILVER, SilverInputs.MEMBERS, SilverInputs.MEMBERS_SCHEMA),
      new WarehouseSql.Table(ENTRIES, Warehouse.SILVER, SilverInputs.ENTRIES, SilverInputs.ENTRIES_SCHEMA),
      new WarehouseSql.Table(EVALUATIONS, Warehouse.SILVER, SilverInputs.EVALUATIONS, SilverInputs.EVALUATIONS_SCHEMA),
      new WarehouseSql.Table(ORGS, Warehouse.SILVER, "orgs"),
      new WarehouseSql.Table(QUARTER_SCORES, Warehouse.GOLD, ScoringJob.QUARTER_TABLE),
      new WarehouseSql.Table(YEAR_SCORES, Warehouse.GOLD, ScoringJob.YEAR_TABLE));

  /**
   * The comparison for {@code unit} (an org code; null for the district root), over the tables of
   * {@link #TABLES} opened in {@code sql}.
   *
   * @throws IllegalArgumentException when the period is not ingested (a year: all four quarters) or the unit
   *     is not in the tree
   */
  public static SchemeComparison run(WarehouseSql sql, Warehouse wh, Scheme draft, String draftSource,
      Scheme current, Period p, String unit) {
    // A wrong unit is told before any scoring.
    if (unit != null && sql.exists(ORGS)
        && sql.first("select org_code from " + ORGS + " where org_code = :unit", Map.of("unit", unit)) == null) {
      throw new IllegalArgumentException("--unit: '" + unit + "' is not an organization code of the org tree");
    }
    return compare(collect(sql, wh, draft, draftSource, current, p), unit);
  }

  static Inputs collect(WarehouseSql sql, Warehouse wh, Scheme draft, String draftSource, Scheme current,
      Period p) {
    Map<String, Object> args = new HashMap<>();
    args.put("year", p.year());
    String where = " where year = :year";
    if (!p.annual()) {
      args.put("quarter", p.quarter());
      where += " and quarter = :quarter";
    }
    // The period's facts (sql/gold/member_facts.sql), by member.
    Map<String, List<MemberScoring.RosterRow>> roster = new TreeMap<>();
    Set<Integer> quarters = new TreeSet<>();
    Map<String, Set<Integer>> counted = new HashMap<>();
    for (Rec r : sql.rows("select member_code, period, year, quarter, branch_code, standing, category, in_points_mgmt "
        + "from " + MEMBERS + where, args)) {
      boolean inPoints = Boolean.TRUE.equals(r.bool("in_points_mgmt"));
      roster.computeIfAbsent(r.str("member_code"), k -> new ArrayList<>()).add(new MemberScoring.RosterRow(
          r.str("period"), r.integer("year"), r.integer("quarter"), r.str("branch_code"), r.str("standing"),
          r.str("category"), inPoints));
      quarters.add(r.integer("quarter"));
      if (inPoints) {
        // The quarters each member was in points management: the quarters their year result is made of.
        counted.computeIfAbsent(r.str("member_code"), k -> new TreeSet<>()).add(r.integer("quarter"));
      }
    }
    if (quarters.isEmpty()) {
      throw new IllegalArgumentException(p + " has not been ingested: silver has no roster rows for it");
    }
    if (p.annual() && quarters.size() < 4) {
      // as the scoring job: annual results exist only for a year whose four quarters are ingested
      throw new IllegalArgumentException("annual results for " + p + " need all four quarters ingested; silver has "
          + "roster rows for " + quarters.size() + " of them. Simulate a quarter (e.g. " + p + "Q1) instead.");
    }
    if (!sql.exists(ORGS)) {
      throw new IllegalArgumentException("The warehouse at " + wh.root() + " holds no org tree yet: run jifen ingest first");
    }
    Map<String, List<MemberScoring.Entry>> entries = new HashMap<>();
    List<EntryRow> entryRows = new ArrayList<>();
    for (Rec r : sql.rows("select member_code, branch_code, quarter, item_code, points from " + ENTRIES + where,
        args)) {
      entries.computeIfAbsent(r.str("member_code"), k -> new ArrayList<>())
          .add(new MemberScoring.Entry(r.integer("quarter"), r.str("item_code"), r.dec("points")));
      entryRows.add(new EntryRow(r.str("member_code"), r.str("branch_code"), r.str("item_code"), r.dec("points")));
    }
    Map<String, List<MemberScoring.Evaluation>> evaluations = new HashMap<>();
    for (Rec r : sql.rows("select member_code, eval_grade, eval_score from " + EVALUATIONS + where
        + " and (eval_grade is not null or eval_score is not null)", args)) {
      evaluations.computeIfAbsent(r.str("member_code"), k -> new ArrayList<>())
          .add(new MemberScoring.Evaluation(r.str("eval_grade"), r.dec("eval_score")));
    }
    Facts facts = new Facts(p, roster, entries, evaluations);
    List<Result> draftRows = facts.score(draft);
    String view = p.annual() ? YEAR_SCORES : QUARTER_SCORES;
    String table = p.annual() ? ScoringJob.YEAR_TABLE : ScoringJob.QUARTER_TABLE;
    String gold = " from " + view + (p.annual() ? " where year = :year" : " where period = :period");
    Map<String, Object> goldArgs = Map.of("year", p.year(), "period", p.toString());
    List<Result> currentRows = null;
    String currentSource;
    if (sql.exists(view)) {
      List<Rec> hashes = sql.rows("select distinct scheme_hash" + gold, goldArgs);
      if (hashes.size() == 1 && current.contentHash().equals(hashes.get(0).str("scheme_hash"))) {
        currentRows = new ArrayList<>();
        for (Rec r : sql.rows("select member_code, branch_code, status, score, grade, "
            + (p.annual() ? "quota_limited" : "false as quota_limited") + gold, goldArgs)) {
          currentRows.add(new Result(r.str("member_code"), r.str("branch_code"), r.str("status"), r.dec("score"),
              r.str("grade"), Boolean.TRUE.equals(r.bool("quota_limited"))));
        }
      }
    }
    if (currentRows != null) {
      currentSource = "已发布结果（gold." + table + "）";
    } else {
      currentRows = facts.score(current);
      currentSource = "按现行方案重新计算（该期间尚未按现行方案评分，未写入任何表）";
    }
    List<Org> orgs = new ArrayList<>();
    for (Rec r : sql.rows("select org_code, org_name, parent_code, active, path from " + ORGS)) {
      orgs.add(new Org(r.str("org_code"), r.str("org_name"), r.str("parent_code"), r.bool("active"),
          List.of(r.str("path").split("/"))));
    }
    return new Inputs(p, current, currentSource, draft, draftSource, currentRows, draftRows, orgs, counted, entries,
        entryRows);
  }

  /**
   * The period's facts by member, scored under a scheme as the scoring job scores them
   * ({@link MemberScoring} per member; for a year, the quota per branch: {@link BranchQuota}),
   * on the driver: nothing is written.
   */
  private record Facts(Period period, Map<String, List<MemberScoring.RosterRow>> roster,
      Map<String, List<MemberScoring.Entry>> entries, Map<String, List<MemberScoring.Evaluation>> evaluations) {

    List<Result> score(Scheme s) {
      MemberScoring scoring = new MemberScoring(s);
      List<Result> out = new ArrayList<>();
      if (!period.annual()) {
        roster.forEach((m, rows) -> {
          for (MemberScoring.QuarterResult q : scoring.quarters(rows, entries.getOrDefault(m, List.of()))) {
            out.add(new Result(m, q.roster().branchCode(), q.status(), q.score(), q.grade(), false));
          }
        });
        return out;
      }
      List<BranchQuota.Member> year = new ArrayList<>();
      roster.forEach((m, rows) -> scoring.year(period.year(), rows, entries.getOrDefault(m, List.of()),
          evaluations.getOrDefault(m, List.of())).ifPresent(y -> year.add(new BranchQuota.Member(m, y))));
      for (BranchQuota.Graded g : BranchQuota.apply(s.quota().orElse(null), year)) {
        MemberScoring.YearResult y = g.member().result();
        out.add(new Result(g.member().memberCode(), y.branchCode(), y.status(), y.score(), g.grade(),
            g.quotaLimited()));
      }
      return out;
    }
  }

  // ---- the comparison (pure Java) -------------------------------------------------------------

  /** Builds the comparison for {@code unit} (null: the root of the org tree). */
  static SchemeComparison compare(Inputs in, String unit) {
    Map<String, Org> orgs = new LinkedHashMap<>();
    in.orgs().stream().sorted(Comparator.comparing(Org::code)).forEach(o -> orgs.put(o.code(), o));
    Org top = unit != null ? orgs.get(unit) : orgs.values().stream()
        .filter(o -> o.active() && (o.parentCode() == null || o.parentCode().isBlank()))
        .min(Comparator.comparingInt(o -> o.path().size())).orElse(null);
    if (top == null) {
      throw new IllegalArgumentException(unit != null ? "--unit: '" + unit + "' is not an organization code of the org tree"
          : "the org tree has no active root organization");
    }
    // The rows: the unit's active direct subordinates (a 党总支 aggregates its branches).
    List<Org> children = orgs.values().stream().filter(o -> o.active() && top.code().equals(o.parentCode())).toList();

    Map<String, Result> cur = byMember(in.currentRows());
    Map<String, Result> dft = byMember(in.draftRows());
    Set<String> members = new TreeSet<>();
    members.addAll(cur.keySet());
    members.addAll(dft.keySet());
    List<String> grades = grades(in.draft(), in.current());

    // Which row each in-scope member belongs to (null: outside the unit).
    Map<String, String> childOf = new HashMap<>();
    for (String m : members) {
      Result r = cur.getOrDefault(m, dft.get(m));
      Org b = orgs.get(r.branchCode());
      if (b == null || !b.path().contains(top.code())) {
        continue;
      }
      int i = b.path().indexOf(top.code());
      childOf.put(m, i + 1 < b.path().size() ? b.path().get(i + 1) : top.code());
    }

    ItemContributions curItems = new ItemContributions(in.current());
    ItemContributions dftItems = new ItemContributions(in.draft());

    Map<String, long[]> moves = new LinkedHashMap<>();
    Map<String, Reason> reasons = new LinkedHashMap<>();
    Map<String, long[]> reasonCounts = new TreeMap<>();
    List<ChangedMember> changed = new ArrayList<>();
    long up = 0;
    long down = 0;
    long same = 0;
    long curOnly = 0;
    long dftOnly = 0;
    for (String m : members) {
      if (!childOf.containsKey(m)) {
        continue;
      }
      Result c = cur.get(m);
      Result d = dft.get(m);
      boolean cg = c != null && c.graded();
      boolean dg = d != null && d.graded();
      if (cg && !dg) {
        curOnly++;
      } else if (dg && !cg) {
        dftOnly++;
      }
      if (!cg || !dg) {
        continue;
      }
      moves.computeIfAbsent(c.grade() + "→" + d.grade(), k -> new long[1])[0]++;
      int dir = Integer.compare(grades.indexOf(c.grade()), grades.indexOf(d.grade()));
      if (dir == 0) {
        same++;
        continue;
      }
      if (dir > 0) {
        up++;
      } else {
        down++;
      }
      List<String> why = new ArrayList<>();
      List<MemberScoring.Entry> es = in.entries().getOrDefault(m, List.of());
      Set<Integer> qs = in.countedQuarters().getOrDefault(m, Set.of());
      boolean annual = in.period().annual();
      Map<String, BigDecimal> a = curItems.of(es, qs, annual);
      Map<String, BigDecimal> b = dftItems.of(es, qs, annual);
      Set<String> codes = new TreeSet<>(a.keySet());
      codes.addAll(b.keySet());
      // A reason pushes the member the way they moved: an item now worth more for a member who went
      // up, less for one who went down; the quota limiting them under one scheme only.
      for (String code : codes) {
        int diff = b.getOrDefault(code, BigDecimal.ZERO).compareTo(a.getOrDefault(code, BigDecimal.ZERO));
        if (diff != 0 && (diff > 0) == (dir > 0)) {
          why.add(code);
        }
      }
      if (dir > 0 ? c.quotaLimited() && !d.quotaLimited() : d.quotaLimited() && !c.quotaLimited()) {
        why.add(SchemeComparison.QUOTA);
      }
      if (why.isEmpty()) {
        why.add(SchemeComparison.OTHER);
      }
      for (String code : why) {
        long[] n = reasonCounts.computeIfAbsent(code, k -> new long[3]);
        n[0]++;
        n[dir > 0 ? 1 : 2]++;
      }
      changed.add(new ChangedMember(m, d.branchCode(), c.score(), c.grade(), c.quotaLimited(), d.score(), d.grade(),
          d.quotaLimited(), dir > 0 ? "上升" : "下降", List.copyOf(why)));
    }
    reasonCounts.forEach((code, n) -> reasons.put(code, new Reason(code, itemName(code, in), reasonDetail(code, in),
        n[0], n[1], n[2])));
    List<Reason> reasonList = reasons.values().stream()
        .sorted(Comparator.comparingLong(Reason::members).reversed().thenComparing(Reason::code)).toList();
    List<Move> matrix = new ArrayList<>();
    for (String f : grades) {
      for (String t : grades) {
        long[] n = moves.get(f + "→" + t);
        if (n != null) {
          matrix.add(new Move(f, t, n[0]));
        }
      }
    }

    List<UnitRow> rows = new ArrayList<>();
    for (Org child : children) {
      rows.add(unitRow(child.code(), child.name(), false, m -> child.code().equals(childOf.get(m)), cur, dft, grades,
          members));
    }
    rows.add(unitRow(top.code(), top.name(), true, childOf::containsKey, cur, dft, grades, members));

    List<UnknownItem> unknown = unknownItems(in, childOf.keySet(), orgs, top);
    List<String> notes = new ArrayList<>();
    long onlyOne = members.stream().filter(m -> childOf.containsKey(m) && (cur.get(m) == null) != (dft.get(m) == null))
        .count();
    if (onlyOne > 0) {
      // Gold older than the latest ingest: the draft is scored from silver as it is now.
      notes.add(onlyOne + "名党员只在一种方案的结果中出现：现行方案的已发布结果可能早于最近一次导入，请先重新评分再模拟。");
    }
    if (curOnly > 0 || dftOnly > 0) {
      notes.add("仅在现行方案下评定等次的党员" + curOnly + "名，仅在草案下评定等次的党员" + dftOnly + "名，未计入等次变化。");
    }
    if (!unknown.isEmpty()) {
      notes.add("草案未定义的项目共" + unknown.size() + "个（见“未定义项目”），其积分明细在草案下不计分。");
    }
    if (!in.period().annual()) {
      notes.add("季度结果不受名额限制。");
    }
    return new SchemeComparison(in.period().toString(), top.code(), top.name(), ref(in.current(), null),
        in.currentSource(), ref(in.draft(), in.draftSource()), grades, rows, matrix, up, down, same, curOnly, dftOnly,
        reasonList, unknown, changed, notes);
  }

  private static Map<String, Result> byMember(List<Result> rows) {
    Map<String, Result> m = new HashMap<>();
    for (Result r : rows) {
      if (m.put(r.memberCode(), r) != null) {
        throw new IllegalStateException("two score rows for member " + r.memberCode());
      }
    }
    return m;
  }

  /** The draft's grades best first, then any grade only the scheme in force has (in its order). */
  static List<String> grades(Scheme draft, Scheme current) {
    Set<String> g = new LinkedHashSet<>(draft.gradeOrder());
    g.addAll(current.gradeOrder());
    return List.copyOf(g);
  }

  private static UnitRow unitRow(String code, String name, boolean total, java.util.function.Predicate<String> in,
      Map<String, Result> cur, Map<String, Result> dft, List<String> grades, Set<String> members) {
    Map<String, Long> cg = new LinkedHashMap<>();
    Map<String, Long> dg = new LinkedHashMap<>();
    grades.forEach(g -> {
      cg.put(g, 0L);
      dg.put(g, 0L);
    });
    List<BigDecimal> cs = new ArrayList<>();
    List<BigDecimal> ds = new ArrayList<>();
    long cq = 0;
    long dq = 0;
    long up = 0;
    long down = 0;
    for (String m : members) {
      if (!in.test(m)) {
        continue;
      }
      Result c = cur.get(m);
      Result d = dft.get(m);
      if (c != null && c.graded()) {
        cg.merge(c.grade(), 1L, Long::sum);
        if (c.score() != null) {
          cs.add(c.score());
        }
        cq += c.quotaLimited() ? 1 : 0;
      }
      if (d != null && d.graded()) {
        dg.merge(d.grade(), 1L, Long::sum);
        if (d.score() != null) {
          ds.add(d.score());
        }
        dq += d.quotaLimited() ? 1 : 0;
      }
      if (c != null && c.graded() && d != null && d.graded()) {
        int dir = Integer.compare(grades.indexOf(c.grade()), grades.indexOf(d.grade()));
        up += dir > 0 ? 1 : 0;
        down += dir < 0 ? 1 : 0;
      }
    }
    return new UnitRow(code, name, total, cg, dg, cg.values().stream().mapToLong(Long::longValue).sum(),
        dg.values().stream().mapToLong(Long::longValue).sum(), mean(cs), mean(ds), median(cs), median(ds), cq, dq, up,
        down);
  }

  /** Mean of published scores, half-up to two decimals (DOMAIN §8 Numbers); null for none. */
  static BigDecimal mean(List<BigDecimal> scores) {
    if (scores.isEmpty()) {
      return null;
    }
    BigDecimal sum = scores.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    return sum.divide(BigDecimal.valueOf(scores.size()), 2, RoundingMode.HALF_UP);
  }

  /** Median of published scores (mean of the two middle ones for an even count), half-up to two decimals. */
  static BigDecimal median(List<BigDecimal> scores) {
    if (scores.isEmpty()) {
      return null;
    }
    List<BigDecimal> s = scores.stream().sorted().toList();
    int n = s.size();
    BigDecimal m = n % 2 == 1 ? s.get(n / 2) : s.get(n / 2 - 1).add(s.get(n / 2)).divide(BigDecimal.valueOf(2));
    return m.setScale(2, RoundingMode.HALF_UP);
  }

  private static List<UnknownItem> unknownItems(Inputs in, Set<String> inScope, Map<String, Org> orgs, Org top) {
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, Set<String>> who = new HashMap<>();
    Map<String, BigDecimal> points = new HashMap<>();
    for (EntryRow e : in.entryRows()) {
      Org b = orgs.get(e.branchCode());
      boolean scoped = inScope.contains(e.memberCode()) || b != null && b.path().contains(top.code());
      if (!scoped || in.draft().item(e.itemCode()).isPresent()) {
        continue;
      }
      counts.computeIfAbsent(e.itemCode(), k -> new long[1])[0]++;
      who.computeIfAbsent(e.itemCode(), k -> new HashSet<>()).add(e.memberCode());
      if (e.points() != null) {
        points.merge(e.itemCode(), e.points(), BigDecimal::add);
      }
    }
    List<UnknownItem> out = new ArrayList<>();
    counts.forEach((code, n) -> out.add(new UnknownItem(code, in.current().item(code).map(Item::name).orElse(null),
        n[0], who.get(code).size(), points.get(code))));
    return out;
  }

  private static String itemName(String code, Inputs in) {
    if (code.equals(SchemeComparison.QUOTA) || code.equals(SchemeComparison.OTHER)) {
      return null;
    }
    return in.draft().item(code).or(() -> in.current().item(code)).map(Item::name).orElse(null);
  }

  /** What changed about the item between the schemes, in Chinese. */
  static String reasonDetail(String code, Inputs in) {
    if (code.equals(SchemeComparison.QUOTA)) {
      return "名额：" + shortQuota(in.current()) + " → " + shortQuota(in.draft()) + "（详见名额影响）";
    }
    if (code.equals(SchemeComparison.OTHER)) {
      return "各项目计分与名额均相同，变化来自计分公式或等次分数线";
    }
    Item a = in.current().item(code).orElse(null);
    Item b = in.draft().item(code).orElse(null);
    if (b == null) {
      return "草案未定义该项目，其分值不计入";
    }
    if (a == null) {
      return "现行方案未定义该项目";
    }
    List<String> parts = new ArrayList<>();
    if (!same(a.capQuarter(), b.capQuarter())) {
      parts.add("季度上限" + cap(a.capQuarter()) + "→" + cap(b.capQuarter()));
    }
    if (!same(a.capYear(), b.capYear())) {
      parts.add("年度上限" + cap(a.capYear()) + "→" + cap(b.capYear()));
    }
    if (!a.fixedPoints().equals(b.fixedPoints())) {
      parts.add("每次分值" + a.fixedPoints() + "→" + b.fixedPoints());
    }
    if (!a.kind().equals(b.kind())) {
      parts.add("项目类别" + a.kind().yamlName() + "→" + b.kind().yamlName());
    }
    return parts.isEmpty() ? "计入的分项或计分方式不同" : String.join("，", parts);
  }

  private static boolean same(BigDecimal x, BigDecimal y) {
    return x == null ? y == null : y != null && x.compareTo(y) == 0;
  }

  private static String cap(BigDecimal c) {
    return c == null ? "无" : c.stripTrailingZeros().toPlainString();
  }

  private static String shortQuota(Scheme s) {
    Quota q = s.quota().orElse(null);
    return q == null ? "无名额限制" : q.grade() + "不超过" + q.percent().stripTrailingZeros().toPlainString() + "%，超出者为"
        + q.demoteTo();
  }

  static String quotaText(Scheme s) {
    Quota q = s.quota().orElse(null);
    if (q == null) {
      return "无名额限制";
    }
    List<String> t = q.tieBreakItems();
    String ties = t.isEmpty() ? "" : "，同分时" + (t.size() > 2 ? t.get(0) + "–" + t.get(t.size() - 1) : String.join("、", t))
        + "扣分合计少者优先";
    return q.grade() + "不超过本支部评定人数的" + q.percent().stripTrailingZeros().toPlainString() + "%（向下取整），超出者为"
        + q.demoteTo() + ties;
  }

  private static SchemeRef ref(Scheme s, String source) {
    return new SchemeRef(s.id(), s.name(), source != null ? source : s.source(), quotaText(s));
  }
}
