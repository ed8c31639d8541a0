package org.jifen.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.jifen.config.DistrictConfig;
import org.jifen.read.Rec;
import org.jifen.read.WarehouseSql;
import org.jifen.reports.MemberHistory;
import org.jifen.scheme.Flag;
import org.jifen.scheme.FlagRule;
import org.jifen.scheme.Scheme;
import org.jifen.spark.Warehouse;
import org.jifen.stats.ScoreTables;

/**
 * Reads one member's year from the warehouse for an appeal ({@code jifen history}): quarters from
 * silver.members and gold.member_quarter_score, every accepted ledger version from silver.ledgers
 * with the member's rows of each version from bronze (superseded versions are only there), the
 * current entries from silver.entries, and the annual result from gold.member_year_score with the
 * branch's quota band around the member. This reads the restricted layer (names); national IDs and
 * their hashes are never selected, and only the member's own rows of bronze are read (by column,
 * never the whole row). Reads the warehouse through {@link WarehouseSql} (DuckDB on a local
 * warehouse: no Spark session).
 *
 * <p>Usage: {@code MemberHistories.read(new Warehouse("warehouse"), () -> spark, "DY686878", 2025)}.
 */
public final class MemberHistories {
  private MemberHistories() {}

  static final String ROSTER = "名册";
  static final String ENTRIES = "积分明细";

  /** The tables a history is read from, as the views the queries read. */
  public static final List<WarehouseSql.Table> TABLES = List.of(
      new WarehouseSql.Table("members", Warehouse.SILVER, "members"),
      new WarehouseSql.Table("entries", Warehouse.SILVER, "entries"),
      new WarehouseSql.Table("ledgers", Warehouse.SILVER, "ledgers"),
      new WarehouseSql.Table("orgs", Warehouse.SILVER, "orgs"),
      new WarehouseSql.Table("ledger_rows", Warehouse.BRONZE, "ledger_rows"),
      new WarehouseSql.Table("quarantine", Warehouse.QUARANTINE, "rows"),
      new WarehouseSql.Table("quarter_scores", Warehouse.GOLD, ScoreTables.QUARTER),
      new WarehouseSql.Table("year_scores", Warehouse.GOLD, ScoreTables.YEAR));

  /**
   * The member's history for {@code year}, from the latest commits of {@link #TABLES} (DuckDB when
   * the warehouse is local; {@code spark} is only called when Spark must read).
   */
  public static MemberHistory read(Warehouse wh, Supplier<SparkSession> spark, String memberCode, int year) {
    try (WarehouseSql sql = WarehouseSql.open(wh, spark, null, TABLES)) {
      return read(sql, wh, memberCode, year);
    }
  }

  /**
   * The member's history for {@code year}, from the views of {@link #TABLES}.
   *
   * @throws IllegalArgumentException when the warehouse holds nothing of the member in that year
   *     (no roster, entry or score row), with what it does hold
   */
  public static MemberHistory read(WarehouseSql sql, Warehouse wh, String memberCode, int year) {
    String code = memberCode == null ? "" : memberCode.strip();
    if (code.isEmpty()) {
      throw new IllegalArgumentException("--member: a 党员编号 is needed");
    }
    if (!sql.exists("members")) {
      throw new IllegalArgumentException("The warehouse at " + wh.root() + " holds no ingested period yet (run jifen ingest).");
    }
    return new Reader(sql, wh, code, year).read();
  }

  /**
   * The latest year in which the member is on an accepted roster.
   *
   * @throws IllegalArgumentException when the member is on none
   */
  public static int latestYear(WarehouseSql sql, Warehouse wh, String memberCode) {
    String code = memberCode == null ? "" : memberCode.strip();
    if (!sql.exists("members")) {
      throw new IllegalArgumentException("The warehouse at " + wh.root() + " holds no ingested period yet (run jifen ingest).");
    }
    Rec r = sql.first("select max(year) as y from members where member_code = :code", Map.of("code", code));
    if (r == null || r.get(0) == null) {
      throw new IllegalArgumentException("党员编号 " + code + " is on no accepted roster in the warehouse at " + wh.root()
          + " (check the code)");
    }
    return r.integer("y");
  }

  /** A map column (components) as a Java map, whichever engine read it. */
  static Map<String, BigDecimal> decimals(Object v) {
    if (v == null) {
      return null;
    }
    Map<?, ?> m = v instanceof scala.collection.Map<?, ?> s ? scala.jdk.javaapi.CollectionConverters.asJava(s)
        : (Map<?, ?>) v;
    Map<String, BigDecimal> out = new LinkedHashMap<>();
    m.forEach((k, x) -> out.put(k.toString(), x == null || x instanceof BigDecimal ? (BigDecimal) x
        : new BigDecimal(x.toString())));
    return out;
  }

  /** One read: the tables of one member and year. */
  private static final class Reader {
    private final WarehouseSql sql;
    private final Warehouse wh;
    private final String code;
    private final int year;
    private final List<String> notes = new ArrayList<>();
    private Scheme scheme;
    private List<String> componentIds = List.of();

    /** The member code and year, the parameters of most queries. */
    private final Map<String, Object> args;

    Reader(WarehouseSql sql, Warehouse wh, String code, int year) {
      this.sql = sql;
      this.wh = wh;
      this.code = code;
      this.year = year;
      this.args = Map.of("code", code, "year", year);
    }

    MemberHistory read() {
      List<Rec> roster = sql.rows("select period, quarter, branch_code, name, standing, category, in_points_mgmt, "
          + "exempt_reason, ledger_id from members where year = :year and member_code = :code order by quarter", args);
      List<Rec> quarterScores = gold("quarter_scores", "select * from quarter_scores where year = :year and member_code = :code "
          + "order by period");
      Rec yearScore = gold("year_scores", "select * from year_scores where year = :year and member_code = :code").stream()
          .findFirst().orElse(null);
      List<BronzeRow> bronze = bronzeRows();
      if (roster.isEmpty() && quarterScores.isEmpty() && yearScore == null && bronze.isEmpty()) {
        throw new IllegalArgumentException("党员编号 " + code + " is on no accepted ledger of " + year
            + " in the warehouse at " + wh.root() + " (check the code and the year: --year)");
      }
      resolveScheme(yearScore, quarterScores);
      Map<String, String> branchNames = branchNames();

      List<MemberHistory.LedgerVersion> versions = new ArrayList<>();
      List<MemberHistory.EntryChange> changes = new ArrayList<>();
      versions(bronze, roster, versions, changes);
      List<MemberHistory.Entry> entries = entries();
      noteHeldBack(bronze, roster, entries);
      List<MemberHistory.Quarter> quarters = quarters(roster, quarterScores, branchNames, versions);
      MemberHistory.Annual annual = yearScore == null ? null : annual(yearScore, quarterScores, roster, branchNames);
      if (yearScore == null) {
        notes.add(gradeNote());
      }
      String name = roster.isEmpty() ? null : roster.get(roster.size() - 1).str("name");
      List<String> componentNames = componentIds.stream().map(id -> AnnualExplanation.componentName(scheme, id))
          .toList();
      String schemeId = yearScore != null ? yearScore.str("scheme_id")
          : quarterScores.isEmpty() ? null : quarterScores.get(0).str("scheme_id");
      return new MemberHistory(code, name, year, schemeId, scheme == null ? null : scheme.name(), componentNames,
          quarters, versions, changes, entries, annual, notes);
    }

    // ---- tables -------------------------------------------------------------------------------

    /** A query of a gold score table ({@code quarter_scores}, {@code year_scores}): no rows while it does not exist. */
    private List<Rec> gold(String view, String query) {
      return sql.exists(view) ? sql.rows(query, args) : List.of();
    }

    private List<String> periods() {
      return List.of(year + "Q1", year + "Q2", year + "Q3", year + "Q4");
    }

    /** One 名册 or 积分明细 row of the member in one ledger file, as read (text). */
    private record BronzeRow(String ledgerId, String sheet, int rowNum, EntryDiff.Row entry) {}

    /**
     * The member's rows in every ledger of the year as bronze keeps them, superseded versions
     * included: only 党员编号 and the four entry cells are selected (名册 rows hold national IDs).
     */
    private List<BronzeRow> bronzeRows() {
      if (!sql.exists("ledger_rows")) {
        return List.of();
      }
      Map<String, Object> a = new HashMap<>(args);
      List<String> periods = periods();
      for (int q = 0; q < periods.size(); q++) {
        a.put("p" + (q + 1), periods.get(q));
      }
      a.put("roster", ROSTER);
      a.put("entries", ENTRIES);
      List<Rec> rows = sql.rows("select file_sha256, sheet, row_num, fields['日期'] as d, fields['项目编码'] as i, "
          + "fields['分值'] as p, fields['依据'] as b from ledger_rows "
          + "where inbox_period in (:p1, :p2, :p3, :p4) and sheet in (:roster, :entries) "
          + "and trim(fields['党员编号']) = :code", a);
      List<BronzeRow> out = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (Rec r : rows) {
        String sheet = r.str(1);
        // a file ingested twice has its rows twice in bronze: once each
        if (!seen.add(r.str(0) + "/" + sheet + "/" + r.get(2))) {
          continue;
        }
        out.add(new BronzeRow(r.str(0), sheet, r.integer("row_num"), ENTRIES.equals(sheet)
            ? EntryDiff.Row.fromCells(r.str(3), r.str(4), r.str(5), r.str(6)) : null));
      }
      out.sort(Comparator.comparing(BronzeRow::ledgerId).thenComparing(BronzeRow::sheet)
          .thenComparingInt(BronzeRow::rowNum));
      return out;
    }

    private Map<String, String> branchNames() {
      Map<String, String> m = new HashMap<>();
      if (sql.exists("orgs")) {
        for (Rec r : sql.rows("select org_code, org_name from orgs")) {
          m.put(r.str(0), r.str(1));
        }
      }
      return m;
    }

    /** The scheme the year was scored with: the district's for the year or the one named, same hash. */
    private void resolveScheme(Rec yearScore, List<Rec> quarterScores) {
      Rec any = yearScore != null ? yearScore : quarterScores.isEmpty() ? null : quarterScores.get(0);
      if (any == null) {
        return;
      }
      String id = any.str("scheme_id");
      String hash = any.str("scheme_hash");
      scheme = DistrictConfig.schemeThatScored(sql.hadoopConf(), wh, year, id, hash).orElse(null);
      if (scheme == null) {
        notes.add("评分所用的方案 " + id + "（sha256 " + hash.substring(0, Math.min(12, hash.length()))
            + "…）在本机无法载入或已被修改，以下只列出评分记录的数值，不展开计算过程。");
        Set<String> ids = new TreeSet<>();
        quarterScores.forEach(r -> ids.addAll(decimals(r.get("components")).keySet()));
        if (yearScore != null) {
          ids.addAll(decimals(yearScore.get("components")).keySet());
        }
        componentIds = List.copyOf(ids);
      } else {
        componentIds = List.copyOf(scheme.components().keySet());
      }
    }

    // ---- versions -----------------------------------------------------------------------------

    /** Every accepted version of each ledger that carried the member, and the member's changes between them. */
    private void versions(List<BronzeRow> bronze, List<Rec> roster, List<MemberHistory.LedgerVersion> versions,
        List<MemberHistory.EntryChange> changes) {
      Set<String> carrying = new HashSet<>();
      bronze.forEach(b -> carrying.add(b.ledgerId()));
      roster.forEach(r -> carrying.add(r.str("ledger_id")));
      if (carrying.isEmpty() || !sql.exists("ledgers")) {
        return;
      }
      List<Rec> ledgers = sql.rows("select period, branch_code, ledger_id, source_file, version, received_at, status "
          + "from ledgers where year = :year", args);
      Set<String> pairs = new HashSet<>();
      for (Rec l : ledgers) {
        if (carrying.contains(l.str(2))) {
          pairs.add(l.str(0) + "/" + l.str(1));
        }
      }
      Map<String, List<Rec>> byPair = new TreeMap<>();
      for (Rec l : ledgers) {
        String pair = l.str(0) + "/" + l.str(1);
        if (pairs.contains(pair)) {
          byPair.computeIfAbsent(pair, k -> new ArrayList<>()).add(l);
        }
      }
      for (List<Rec> group : byPair.values()) {
        group.sort(Comparator.comparing((Rec l) -> l.integer("version"))
            .thenComparing(l -> l.instant("received_at"))
            .thenComparing(l -> l.str("ledger_id")));
        List<EntryDiff.Row> previous = null;
        Integer previousVersion = null;
        boolean previousOnRoster = false;
        for (Rec l : group) {
          String id = l.str("ledger_id");
          boolean onRoster = bronze.stream().anyMatch(b -> b.ledgerId().equals(id) && ROSTER.equals(b.sheet()));
          List<EntryDiff.Row> rows = bronze.stream().filter(b -> b.ledgerId().equals(id) && ENTRIES.equals(b.sheet()))
              .map(BronzeRow::entry).toList();
          int version = l.integer("version");
          String change;
          if (previous == null) {
            change = "首个版本";
          } else {
            List<EntryDiff.Change> diff = EntryDiff.diff(previous, rows);
            String summary = EntryDiff.summary(diff);
            List<String> parts = new ArrayList<>();
            if (previousOnRoster != onRoster) {
              parts.add(onRoster ? "本人被列入名册" : "本人从名册中移除");
            }
            parts.add(summary.isEmpty() ? "本人积分明细无变化" : "本人积分明细" + summary);
            change = "与版本" + previousVersion + "相比：" + String.join("；", parts);
            for (EntryDiff.Change c : diff) {
              EntryDiff.Row r = c.row();
              changes.add(new MemberHistory.EntryChange(l.str(0), l.str(1), previousVersion, version,
                  c.kind(), r.date(), r.itemCode(), itemName(r.itemCode()),
                  c.before() == null ? null : c.before().points(), c.after() == null ? null : c.after().points(),
                  c.before() == null ? null : c.before().basis(), c.after() == null ? null : c.after().basis()));
            }
          }
          Instant received = l.instant("received_at");
          versions.add(new MemberHistory.LedgerVersion(l.str(0), l.str(1), version,
              l.str("source_file"), received, "current".equals(l.str("status")), onRoster, rows.size(), change));
          previous = rows;
          previousVersion = version;
          previousOnRoster = onRoster;
        }
      }
    }

    private String itemName(String itemCode) {
      if (itemCode == null || scheme == null) {
        return null;
      }
      return scheme.item(itemCode).map(i -> i.name()).orElse("（方案中没有该项目）");
    }

    // ---- entries --------------------------------------------------------------------------------

    private List<MemberHistory.Entry> entries() {
      List<MemberHistory.Entry> out = new ArrayList<>();
      // nulls first, as Spark sorts them
      for (Rec r : sql.rows("select period, entry_date, item_code, points, basis, source_file, row_num from entries "
          + "where year = :year and member_code = :code order by period asc nulls first, entry_date asc nulls first, "
          + "source_file asc nulls first, row_num asc nulls first", args)) {
        out.add(new MemberHistory.Entry(r.str(0), r.date("entry_date"), r.str(2), itemName(r.str(2)), r.dec("points"),
            r.str(4), r.str(5), r.integer("row_num")));
      }
      return out;
    }

    /** Rows of the member in a current ledger that did not reach silver (quarantined). */
    private void noteHeldBack(List<BronzeRow> bronze, List<Rec> roster, List<MemberHistory.Entry> entries) {
      Map<String, String> currentLedger = new TreeMap<>();
      roster.forEach(r -> currentLedger.put(r.str("period"), r.str("ledger_id")));
      for (Map.Entry<String, String> e : currentLedger.entrySet()) {
        long sent = bronze.stream().filter(b -> b.ledgerId().equals(e.getValue()) && ENTRIES.equals(b.sheet())).count();
        long taken = entries.stream().filter(x -> x.period().equals(e.getKey())).count();
        if (sent > taken) {
          notes.add(e.getKey() + "：当前有效台账中本人有" + (sent - taken) + "条积分明细未被采用（数据有误被暂存），"
              + "不计入得分；原因见 jifen status --period " + e.getKey() + " --quarantine。");
        }
      }
    }

    // ---- quarters -------------------------------------------------------------------------------

    private List<MemberHistory.Quarter> quarters(List<Rec> roster, List<Rec> scores, Map<String, String> names,
        List<MemberHistory.LedgerVersion> versions) {
      Map<String, Rec> byPeriod = new HashMap<>();
      roster.forEach(r -> byPeriod.put(r.str("period"), r));
      Map<String, Rec> scoreByPeriod = new HashMap<>();
      scores.forEach(r -> scoreByPeriod.put(r.str("period"), r));
      Map<String, Long> graded = gradedPerBranch(scores);
      Map<String, String> conflicts = conflicts();
      List<MemberHistory.Quarter> out = new ArrayList<>();
      for (String p : periods()) {
        Rec m = byPeriod.get(p);
        Rec g = scoreByPeriod.get(p);
        String branch = m != null ? m.str("branch_code") : g != null ? g.str("branch_code") : null;
        String note = null;
        if (m == null && conflicts.containsKey(p)) {
          note = "名册冲突：本季度同时列在" + conflicts.get(p) + "的名册上，两份台账中本人的行均被暂存（MEMBER_CONFLICT），"
              + "本季度不计分，待支部更正台账后解决。";
        } else if (m == null) {
          note = "本季度不在任何已采用台账的名册上（所在支部未报送，或本人不在名册），不计分。";
        } else if (g == null) {
          note = "本季度尚未评分（jifen score --period " + p + "）。";
        } else {
          note = versionNote(p, branch, versions);
        }
        String participation = m == null ? null : Boolean.TRUE.equals(m.get("in_points_mgmt")) ? "参加"
            : "未参加" + (m.get("exempt_reason") == null ? "" : "（" + m.str("exempt_reason") + "）");
        Integer rank = g == null ? null : g.integer("rank_in_branch");
        Long n = g == null ? null : graded.get(p + "/" + g.str("branch_code"));
        out.add(new MemberHistory.Quarter(p, branch, branch == null ? null : names.get(branch),
            m != null ? m.str("standing") : g != null ? g.str("standing") : null,
            m != null ? m.str("category") : g != null ? g.str("category") : null,
            participation, g == null ? null : statusLabel(g.str("status")), g == null ? null : g.dec("score"),
            g == null ? null : g.str("grade"), rank, rank == null || n == null ? null : n.intValue(),
            g == null ? List.of() : components(g), g == null ? null : flags(g), note));
      }
      return out;
    }

    /** Which version a quarter was scored from, when its ledger has more than one. */
    private static String versionNote(String period, String branch, List<MemberHistory.LedgerVersion> versions) {
      List<MemberHistory.LedgerVersion> same = versions.stream()
          .filter(v -> v.period().equals(period) && v.branchCode().equals(branch)).toList();
      if (same.size() < 2) {
        return null;
      }
      return same.stream().filter(MemberHistory.LedgerVersion::current).findFirst()
          .map(v -> "按版本" + v.version() + "计分（本季度台账共" + same.size() + "个版本；" + v.change() + "，见台账版本）。")
          .orElse(null);
    }

    /** Graded members per period and branch of the member's quarters (the rank's denominator). */
    private Map<String, Long> gradedPerBranch(List<Rec> scores) {
      Map<String, Long> out = new HashMap<>();
      Set<String> branches = new HashSet<>();
      scores.forEach(r -> branches.add(r.str("branch_code")));
      if (branches.isEmpty()) {
        return out;
      }
      for (Rec r : sql.rows("select period, branch_code, count(*) as n from quarter_scores "
          + "where year = :year and status = 'graded' group by period, branch_code", args)) {
        if (branches.contains(r.str(1))) {
          out.put(r.str(0) + "/" + r.str(1), r.count("n"));
        }
      }
      return out;
    }

    /** Quarters in which the member's rows were held back as a roster conflict: period → branches. */
    private Map<String, String> conflicts() {
      Map<String, String> out = new HashMap<>();
      if (!sql.exists("quarantine")) {
        return out;
      }
      Map<String, Set<String>> branches = new TreeMap<>();
      for (Rec r : sql.rows("select period, branch_code from quarantine where reason_code = 'MEMBER_CONFLICT' "
          + "and raw_value = :code", args)) {
        if (periods().contains(r.str(0))) {
          Set<String> b = branches.computeIfAbsent(r.str(0), k -> new TreeSet<>());
          if (r.str(1) != null) {
            b.add(r.str(1));
          }
        }
      }
      branches.forEach((p, b) -> out.put(p, String.join("、", b)));
      return out;
    }

    private List<BigDecimal> components(Rec g) {
      Map<String, BigDecimal> m = decimals(g.get("components"));
      List<BigDecimal> out = new ArrayList<>();
      for (String id : componentIds) {
        out.add(m.get(id));
      }
      return out;
    }

    private String flags(Rec g) {
      List<String> f = new ArrayList<>();
      for (Flag flag : Flag.values()) {
        if (Boolean.TRUE.equals(g.get(flag.column()))) {
          FlagRule rule = scheme == null ? null : scheme.flags().get(flag);
          f.add(rule != null && rule.name() != null ? rule.name() : flag.chinese());
        }
      }
      return f.isEmpty() ? null : String.join("、", f);
    }

    // ---- the year -------------------------------------------------------------------------------

    private MemberHistory.Annual annual(Rec y, List<Rec> quarterScores, List<Rec> roster, Map<String, String> names) {
      String branch = y.str("branch_code");
      boolean recorded = y.has("pre_grade") && y.get("pre_grade") != null;
      Map<String, Object> a = new HashMap<>(args);
      a.put("branch", branch);
      List<Rec> branchRows = sql.rows("select member_code, score, "
          + (y.has("tie_break_total") ? "tie_break_total" : "cast(null as decimal(12,2)) as tie_break_total") + ", "
          + (y.has("quota_rank") ? "quota_rank" : "cast(null as int) as quota_rank") + " from year_scores "
          + "where year = :year and branch_code = :branch and status = 'graded' and score is not null", a);
      BigDecimal score = y.dec("score");
      boolean graded = "graded".equals(y.str("status")) && score != null;
      int tied = graded ? (int) branchRows.stream().filter(r -> score.compareTo(r.dec("score")) == 0).count() - 1 : 0;
      Integer quotaRank = recorded ? y.integer("quota_rank") : null;
      Integer quotaSize = recorded ? y.integer("quota_size") : null;
      boolean limited = Boolean.TRUE.equals(y.get("quota_limited"));
      AnnualExplanation.Neighbour neighbour = null;
      int bandSize = (int) branchRows.stream().filter(r -> r.get("quota_rank") != null).count();
      if (quotaRank != null && quotaSize != null) {
        int across = limited ? quotaSize : quotaSize + 1;
        neighbour = branchRows.stream().filter(r -> r.get("quota_rank") != null && r.integer("quota_rank") == across)
            .findFirst().map(r -> new AnnualExplanation.Neighbour(across, r.dec("score"), r.dec("tie_break_total")))
            .orElse(null);
      }
      Map<String, BigDecimal> comps = decimals(y.get("components"));
      List<AnnualExplanation.CountedQuarter> counted = new ArrayList<>();
      for (Rec q : quarterScores) {
        if (Boolean.TRUE.equals(q.get("in_points_mgmt"))) {
          counted.add(new AnnualExplanation.CountedQuarter(q.str("period"), decimals(q.get("components")),
              zeroedInQuarter(q), q.dec("score")));
        }
      }
      counted.sort(Comparator.comparing(AnnualExplanation.CountedQuarter::period));
      String branchLabel = branch + (names.get(branch) == null ? "" : " " + names.get(branch));
      AnnualExplanation.Inputs in = new AnnualExplanation.Inputs(scheme, branchLabel, y.str("status"),
          Boolean.TRUE.equals(y.get("veto")), Boolean.TRUE.equals(y.get("hard_fail")),
          Boolean.TRUE.equals(y.get("zeroed")), comps, score, recorded ? y.str("pre_grade") : null,
          y.str("grade"), y.integer("rank_in_branch"), branchRows.size(), Math.max(0, tied), recorded, limited,
          recorded ? y.integer("quota_n") : null, quotaSize, quotaRank,
          recorded ? y.dec("tie_break_total") : null, bandSize, neighbour,
          Boolean.TRUE.equals(y.get("disposal")), earlierYears(), counted);
      List<BigDecimal> compList = new ArrayList<>();
      componentIds.forEach(id -> compList.add(comps.get(id)));
      return new MemberHistory.Annual(branch, names.get(branch), y.str("standing"), statusLabel(y.str("status")),
          y.integer("quarters_counted"), compList, score, recorded ? y.str("pre_grade") : null,
          y.str("grade"), y.integer("rank_in_branch"), graded ? branchRows.size() : null, limited,
          recorded ? y.integer("quota_n") : null, quotaSize, quotaRank, recorded ? y.dec("tie_break_total") : null,
          Boolean.TRUE.equals(y.get("disposal")), AnnualExplanation.explain(in));
    }

    /** Whether a flag zeroed the quarter's score (a district-100 veto does; a hard fail does not). */
    private boolean zeroedInQuarter(Rec q) {
      if (scheme == null) {
        return false;
      }
      for (Flag f : Flag.values()) {
        FlagRule r = scheme.flags().get(f);
        if (r != null && r.actsOnQuarter() && r.zeroScore() && Boolean.TRUE.equals(q.get(f.column()))) {
          return true;
        }
      }
      return false;
    }

    /** The member's earlier annual grades that the consecutive-years disposal rule looks at. */
    private List<AnnualExplanation.EarlierYear> earlierYears() {
      int span = scheme == null ? 1 : Math.max(1, scheme.disposal().consecutiveYears() - 1);
      List<AnnualExplanation.EarlierYear> out = new ArrayList<>();
      if (!sql.exists("year_scores")) {
        return out;
      }
      Map<String, Object> a = new HashMap<>(args);
      a.put("from", year - span);
      for (Rec r : sql.rows("select year, grade from year_scores where member_code = :code and year < :year "
          + "and year >= :from", a)) {
        out.add(new AnnualExplanation.EarlierYear(r.integer("year"), r.str("grade")));
      }
      out.sort(Comparator.comparingInt(AnnualExplanation.EarlierYear::year));
      return out;
    }

    private String gradeNote() {
      if (!sql.exists("year_scores")
          || sql.first("select count(*) as n from year_scores where year = :year", args).count("n") == 0) {
        return year + "年度尚未评定年度结果（四个季度入库后运行 jifen score --period " + year + "）。";
      }
      return year + "年度没有本人的年度结果：本年度任何季度都未参加积分管理。";
    }
  }

  /** The Chinese label of a score row's status. */
  static String statusLabel(String status) {
    return switch (Objects.requireNonNullElse(status, "")) {
      case "graded" -> "已评定";
      case "exempt" -> "未参加积分管理";
      case "activist" -> "入党积极分子（仅供参考）";
      case "incomplete" -> "未评定（缺少民主评议）";
      default -> status;
    };
  }
}
