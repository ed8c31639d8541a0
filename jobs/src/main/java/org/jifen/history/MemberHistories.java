package org.jifen.history;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jifen.config.DistrictConfig;
import org.jifen.reports.MemberHistory;
import org.jifen.scheme.Flag;
import org.jifen.scheme.FlagRule;
import org.jifen.scheme.Scheme;
import org.jifen.spark.Warehouse;

/**
 * Reads one member's year from the warehouse for an appeal ({@code jifen history}): quarters from
 * silver.members and gold.member_quarter_score, every accepted ledger version from silver.ledgers
 * with the member's rows of each version from bronze (superseded versions are only there), the
 * current entries from silver.entries, and the annual result from gold.member_year_score with the
 * branch's quota band around the member. This reads the restricted layer (names); national IDs and
 * their hashes are never selected, and only the member's own rows of bronze are read (by column,
 * never the whole row).
 *
 * <p>Usage: {@code MemberHistories.read(spark, new Warehouse("warehouse"), "DY686878", 2025)}.
 */
public final class MemberHistories {
  private MemberHistories() {}

  static final String ROSTER = "名册";
  static final String ENTRIES = "积分明细";

  /**
   * The member's history for {@code year}.
   *
   * @throws IllegalArgumentException when the warehouse holds nothing of the member in that year
   *     (no roster, entry or score row), with what it does hold
   */
  public static MemberHistory read(SparkSession spark, Warehouse wh, String memberCode, int year) {
    String code = memberCode == null ? "" : memberCode.strip();
    if (code.isEmpty()) {
      throw new IllegalArgumentException("--member: a 党员编号 is needed");
    }
    if (!wh.exists(spark, Warehouse.SILVER, "members")) {
      throw new IllegalArgumentException("The warehouse at " + wh.root() + " holds no ingested period yet (run jifen ingest).");
    }
    return new Reader(spark, wh, code, year).read();
  }

  /**
   * The latest year in which the member is on an accepted roster.
   *
   * @throws IllegalArgumentException when the member is on none
   */
  public static int latestYear(SparkSession spark, Warehouse wh, String memberCode) {
    String code = memberCode == null ? "" : memberCode.strip();
    if (!wh.exists(spark, Warehouse.SILVER, "members")) {
      throw new IllegalArgumentException("The warehouse at " + wh.root() + " holds no ingested period yet (run jifen ingest).");
    }
    Row r = wh.read(spark, Warehouse.SILVER, "members").where(col("member_code").equalTo(code))
        .agg(org.apache.spark.sql.functions.max("year")).first();
    if (r.isNullAt(0)) {
      throw new IllegalArgumentException("党员编号 " + code + " is on no accepted roster in the warehouse at " + wh.root()
          + " (check the code)");
    }
    return r.getInt(0);
  }

  /** One read: the tables of one member and year. */
  private static final class Reader {
    private final SparkSession spark;
    private final Warehouse wh;
    private final String code;
    private final int year;
    private final List<String> notes = new ArrayList<>();
    private Scheme scheme;
    private List<String> componentIds = List.of();

    Reader(SparkSession spark, Warehouse wh, String code, int year) {
      this.spark = spark;
      this.wh = wh;
      this.code = code;
      this.year = year;
    }

    MemberHistory read() {
      List<Row> roster = silver("members").where(col("year").equalTo(year).and(col("member_code").equalTo(code)))
          .select("period", "quarter", "branch_code", "name", "standing", "category", "in_points_mgmt",
              "exempt_reason", "ledger_id")
          .orderBy("quarter").collectAsList();
      List<Row> quarterScores = gold("member_quarter_score", col("year").equalTo(year)
          .and(col("member_code").equalTo(code)));
      Row yearScore = gold("member_year_score", col("year").equalTo(year).and(col("member_code").equalTo(code)))
          .stream().findFirst().orElse(null);
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
      String name = roster.isEmpty() ? null : roster.get(roster.size() - 1).getAs("name");
      List<String> componentNames = componentIds.stream().map(id -> AnnualExplanation.componentName(scheme, id))
          .toList();
      String schemeId = yearScore != null ? yearScore.getAs("scheme_id")
          : quarterScores.isEmpty() ? null : quarterScores.get(0).getAs("scheme_id");
      return new MemberHistory(code, name, year, schemeId, scheme == null ? null : scheme.name(), componentNames,
          quarters, versions, changes, entries, annual, notes);
    }

    // ---- tables -------------------------------------------------------------------------------

    private Dataset<Row> silver(String table) {
      return wh.read(spark, Warehouse.SILVER, table);
    }

    private List<Row> gold(String table, org.apache.spark.sql.Column where) {
      if (!wh.exists(spark, Warehouse.GOLD, table)) {
        return List.of();
      }
      return wh.read(spark, Warehouse.GOLD, table).where(where).collectAsList();
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
      if (!wh.exists(spark, Warehouse.BRONZE, "ledger_rows")) {
        return List.of();
      }
      List<Row> rows = wh.read(spark, Warehouse.BRONZE, "ledger_rows")
          .where(col("inbox_period").isin(periods().toArray()).and(col("sheet").isin(ROSTER, ENTRIES))
              .and(trim(col("fields").getItem("党员编号")).equalTo(lit(code))))
          .select(col("file_sha256"), col("sheet"), col("row_num"), col("fields").getItem("日期").as("d"),
              col("fields").getItem("项目编码").as("i"), col("fields").getItem("分值").as("p"),
              col("fields").getItem("依据").as("b"))
          .dropDuplicates("file_sha256", "sheet", "row_num")
          .collectAsList();
      List<BronzeRow> out = new ArrayList<>();
      for (Row r : rows) {
        String sheet = r.getString(1);
        out.add(new BronzeRow(r.getString(0), sheet, r.getInt(2), ENTRIES.equals(sheet)
            ? EntryDiff.Row.fromCells(r.getString(3), r.getString(4), r.getString(5), r.getString(6)) : null));
      }
      out.sort(Comparator.comparing(BronzeRow::ledgerId).thenComparing(BronzeRow::sheet)
          .thenComparingInt(BronzeRow::rowNum));
      return out;
    }

    private Map<String, String> branchNames() {
      Map<String, String> m = new HashMap<>();
      if (wh.exists(spark, Warehouse.SILVER, "orgs")) {
        for (Row r : silver("orgs").select("org_code", "org_name").collectAsList()) {
          m.put(r.getString(0), r.getString(1));
        }
      }
      return m;
    }

    /** The scheme the year was scored with: the district's for the year or the one named, same hash. */
    private void resolveScheme(Row yearScore, List<Row> quarterScores) {
      Row any = yearScore != null ? yearScore : quarterScores.isEmpty() ? null : quarterScores.get(0);
      if (any == null) {
        return;
      }
      String id = any.getAs("scheme_id");
      String hash = any.getAs("scheme_hash");
      scheme = DistrictConfig.schemeThatScored(spark.sparkContext().hadoopConfiguration(), wh, year, id, hash)
          .orElse(null);
      if (scheme == null) {
        notes.add("评分所用的方案 " + id + "（sha256 " + hash.substring(0, Math.min(12, hash.length()))
            + "…）在本机无法载入或已被修改，以下只列出评分记录的数值，不展开计算过程。");
        Set<String> ids = new TreeSet<>();
        quarterScores.forEach(r -> ids.addAll(r.<String, BigDecimal>getJavaMap(r.fieldIndex("components")).keySet()));
        if (yearScore != null) {
          ids.addAll(yearScore.<String, BigDecimal>getJavaMap(yearScore.fieldIndex("components")).keySet());
        }
        componentIds = List.copyOf(ids);
      } else {
        componentIds = List.copyOf(scheme.components().keySet());
      }
    }

    // ---- versions -----------------------------------------------------------------------------

    /** Every accepted version of each ledger that carried the member, and the member's changes between them. */
    private void versions(List<BronzeRow> bronze, List<Row> roster, List<MemberHistory.LedgerVersion> versions,
        List<MemberHistory.EntryChange> changes) {
      Set<String> carrying = new HashSet<>();
      bronze.forEach(b -> carrying.add(b.ledgerId()));
      roster.forEach(r -> carrying.add(r.getAs("ledger_id")));
      if (carrying.isEmpty() || !wh.exists(spark, Warehouse.SILVER, "ledgers")) {
        return;
      }
      List<Row> ledgers = silver("ledgers").where(col("year").equalTo(year))
          .select("period", "branch_code", "ledger_id", "source_file", "version", "received_at", "status")
          .collectAsList();
      Set<String> pairs = new HashSet<>();
      for (Row l : ledgers) {
        if (carrying.contains(l.getString(2))) {
          pairs.add(l.getString(0) + "/" + l.getString(1));
        }
      }
      Map<String, List<Row>> byPair = new TreeMap<>();
      for (Row l : ledgers) {
        String pair = l.getString(0) + "/" + l.getString(1);
        if (pairs.contains(pair)) {
          byPair.computeIfAbsent(pair, k -> new ArrayList<>()).add(l);
        }
      }
      for (List<Row> group : byPair.values()) {
        group.sort(Comparator.comparing((Row l) -> l.<Integer>getAs("version"))
            .thenComparing(l -> l.<Timestamp>getAs("received_at"))
            .thenComparing(l -> l.<String>getAs("ledger_id")));
        List<EntryDiff.Row> previous = null;
        Integer previousVersion = null;
        boolean previousOnRoster = false;
        for (Row l : group) {
          String id = l.getAs("ledger_id");
          boolean onRoster = bronze.stream().anyMatch(b -> b.ledgerId().equals(id) && ROSTER.equals(b.sheet()));
          List<EntryDiff.Row> rows = bronze.stream().filter(b -> b.ledgerId().equals(id) && ENTRIES.equals(b.sheet()))
              .map(BronzeRow::entry).toList();
          int version = l.<Integer>getAs("version");
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
              changes.add(new MemberHistory.EntryChange(l.getString(0), l.getString(1), previousVersion, version,
                  c.kind(), r.date(), r.itemCode(), itemName(r.itemCode()),
                  c.before() == null ? null : c.before().points(), c.after() == null ? null : c.after().points(),
                  c.before() == null ? null : c.before().basis(), c.after() == null ? null : c.after().basis()));
            }
          }
          Timestamp received = l.getAs("received_at");
          versions.add(new MemberHistory.LedgerVersion(l.getString(0), l.getString(1), version,
              l.getAs("source_file"), received == null ? null : received.toInstant(),
              "current".equals(l.getAs("status")), onRoster, rows.size(), change));
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
      for (Row r : silver("entries").where(col("year").equalTo(year).and(col("member_code").equalTo(code)))
          .select("period", "entry_date", "item_code", "points", "basis", "source_file", "row_num")
          .orderBy("period", "entry_date", "source_file", "row_num").collectAsList()) {
        java.sql.Date d = r.getAs("entry_date");
        out.add(new MemberHistory.Entry(r.getString(0), d == null ? null : d.toLocalDate(), r.getString(2),
            itemName(r.getString(2)), r.getAs("points"), r.getString(4), r.getString(5), r.getInt(6)));
      }
      return out;
    }

    /** Rows of the member in a current ledger that did not reach silver (quarantined). */
    private void noteHeldBack(List<BronzeRow> bronze, List<Row> roster, List<MemberHistory.Entry> entries) {
      Map<String, String> currentLedger = new TreeMap<>();
      roster.forEach(r -> currentLedger.put(r.getAs("period"), r.getAs("ledger_id")));
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

    private List<MemberHistory.Quarter> quarters(List<Row> roster, List<Row> scores, Map<String, String> names,
        List<MemberHistory.LedgerVersion> versions) {
      Map<String, Row> byPeriod = new HashMap<>();
      roster.forEach(r -> byPeriod.put(r.getAs("period"), r));
      Map<String, Row> scoreByPeriod = new HashMap<>();
      scores.forEach(r -> scoreByPeriod.put(r.getAs("period"), r));
      Map<String, Long> graded = gradedPerBranch(scores);
      Map<String, String> conflicts = conflicts();
      List<MemberHistory.Quarter> out = new ArrayList<>();
      for (String p : periods()) {
        Row m = byPeriod.get(p);
        Row g = scoreByPeriod.get(p);
        String branch = m != null ? m.getAs("branch_code") : g != null ? g.getAs("branch_code") : null;
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
        String participation = m == null ? null : Boolean.TRUE.equals(m.getAs("in_points_mgmt")) ? "参加"
            : "未参加" + (m.getAs("exempt_reason") == null ? "" : "（" + m.getAs("exempt_reason") + "）");
        Integer rank = g == null ? null : g.getAs("rank_in_branch");
        Long n = g == null ? null : graded.get(p + "/" + g.getAs("branch_code"));
        out.add(new MemberHistory.Quarter(p, branch, branch == null ? null : names.get(branch),
            m != null ? m.getAs("standing") : g != null ? g.getAs("standing") : null,
            m != null ? m.getAs("category") : g != null ? g.getAs("category") : null,
            participation, g == null ? null : statusLabel(g.getAs("status")), g == null ? null : g.getAs("score"),
            g == null ? null : g.getAs("grade"), rank, rank == null || n == null ? null : n.intValue(),
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
    private Map<String, Long> gradedPerBranch(List<Row> scores) {
      Map<String, Long> out = new HashMap<>();
      Set<String> branches = new HashSet<>();
      scores.forEach(r -> branches.add(r.getAs("branch_code")));
      if (branches.isEmpty()) {
        return out;
      }
      for (Row r : wh.read(spark, Warehouse.GOLD, "member_quarter_score")
          .where(col("year").equalTo(year).and(col("branch_code").isin(branches.toArray()))
              .and(col("status").equalTo("graded")))
          .groupBy("period", "branch_code").count().collectAsList()) {
        out.put(r.getString(0) + "/" + r.getString(1), r.getLong(2));
      }
      return out;
    }

    /** Quarters in which the member's rows were held back as a roster conflict: period → branches. */
    private Map<String, String> conflicts() {
      Map<String, String> out = new HashMap<>();
      if (!wh.exists(spark, Warehouse.QUARANTINE, "rows")) {
        return out;
      }
      Dataset<Row> q = wh.read(spark, Warehouse.QUARANTINE, "rows");
      for (Row r : q.where(col("period").isin(periods().toArray()).and(col("reason_code").equalTo("MEMBER_CONFLICT"))
              .and(col("raw_value").equalTo(code)))
          .groupBy("period").agg(org.apache.spark.sql.functions.array_join(
              org.apache.spark.sql.functions.array_sort(org.apache.spark.sql.functions.collect_set("branch_code")), "、"))
          .collectAsList()) {
        out.put(r.getString(0), r.getString(1));
      }
      return out;
    }

    private List<BigDecimal> components(Row g) {
      Map<String, BigDecimal> m = g.getJavaMap(g.fieldIndex("components"));
      List<BigDecimal> out = new ArrayList<>();
      for (String id : componentIds) {
        out.add(m.get(id));
      }
      return out;
    }

    private String flags(Row g) {
      List<String> f = new ArrayList<>();
      for (Flag flag : Flag.values()) {
        if (Boolean.TRUE.equals(g.getAs(flag.column()))) {
          FlagRule rule = scheme == null ? null : scheme.flags().get(flag);
          f.add(rule != null && rule.name() != null ? rule.name() : flag.chinese());
        }
      }
      return f.isEmpty() ? null : String.join("、", f);
    }

    // ---- the year -------------------------------------------------------------------------------

    private MemberHistory.Annual annual(Row y, List<Row> quarterScores, List<Row> roster, Map<String, String> names) {
      String branch = y.getAs("branch_code");
      Set<String> columns = new HashSet<>(Arrays.asList(y.schema().fieldNames()));
      boolean recorded = columns.contains("pre_grade") && !y.isNullAt(y.fieldIndex("pre_grade"));
      List<Row> branchRows = wh.read(spark, Warehouse.GOLD, "member_year_score")
          .where(col("year").equalTo(year).and(col("branch_code").equalTo(branch)).and(col("status").equalTo("graded"))
              .and(col("score").isNotNull()))
          .select(col("member_code"), col("score"),
              columns.contains("tie_break_total") ? col("tie_break_total") : lit(null).cast("decimal(12,2)"),
              columns.contains("quota_rank") ? col("quota_rank") : lit(null).cast("int"))
          .collectAsList();
      BigDecimal score = y.getAs("score");
      boolean graded = "graded".equals(y.getAs("status")) && score != null;
      int tied = graded ? (int) branchRows.stream().filter(r -> score.compareTo(r.getDecimal(1)) == 0).count() - 1 : 0;
      Integer quotaRank = recorded ? y.getAs("quota_rank") : null;
      Integer quotaSize = recorded ? y.getAs("quota_size") : null;
      boolean limited = Boolean.TRUE.equals(y.getAs("quota_limited"));
      AnnualExplanation.Neighbour neighbour = null;
      int bandSize = (int) branchRows.stream().filter(r -> !r.isNullAt(3)).count();
      if (quotaRank != null && quotaSize != null) {
        int across = limited ? quotaSize : quotaSize + 1;
        neighbour = branchRows.stream().filter(r -> !r.isNullAt(3) && r.getInt(3) == across).findFirst()
            .map(r -> new AnnualExplanation.Neighbour(across, r.getDecimal(1), r.getDecimal(2))).orElse(null);
      }
      Map<String, BigDecimal> comps = y.getJavaMap(y.fieldIndex("components"));
      List<AnnualExplanation.CountedQuarter> counted = new ArrayList<>();
      for (Row q : quarterScores) {
        if (Boolean.TRUE.equals(q.getAs("in_points_mgmt"))) {
          counted.add(new AnnualExplanation.CountedQuarter(q.getAs("period"), q.getJavaMap(q.fieldIndex("components")),
              zeroedInQuarter(q), q.getAs("score")));
        }
      }
      counted.sort(Comparator.comparing(AnnualExplanation.CountedQuarter::period));
      String branchLabel = branch + (names.get(branch) == null ? "" : " " + names.get(branch));
      AnnualExplanation.Inputs in = new AnnualExplanation.Inputs(scheme, branchLabel, y.getAs("status"),
          Boolean.TRUE.equals(y.getAs("veto")), Boolean.TRUE.equals(y.getAs("hard_fail")),
          Boolean.TRUE.equals(y.getAs("zeroed")), comps, score, recorded ? y.getAs("pre_grade") : null,
          y.getAs("grade"), y.getAs("rank_in_branch"), branchRows.size(), Math.max(0, tied), recorded, limited,
          recorded ? y.getAs("quota_n") : null, quotaSize, quotaRank,
          recorded ? y.getAs("tie_break_total") : null, bandSize, neighbour,
          Boolean.TRUE.equals(y.getAs("disposal")), earlierYears(), counted);
      List<BigDecimal> compList = new ArrayList<>();
      componentIds.forEach(id -> compList.add(comps.get(id)));
      return new MemberHistory.Annual(branch, names.get(branch), y.getAs("standing"), statusLabel(y.getAs("status")),
          y.<Integer>getAs("quarters_counted"), compList, score, recorded ? y.getAs("pre_grade") : null,
          y.getAs("grade"), y.getAs("rank_in_branch"), graded ? branchRows.size() : null, limited,
          recorded ? y.getAs("quota_n") : null, quotaSize, quotaRank, recorded ? y.getAs("tie_break_total") : null,
          Boolean.TRUE.equals(y.getAs("disposal")), AnnualExplanation.explain(in));
    }

    /** Whether a flag zeroed the quarter's score (a district-100 veto does; a hard fail does not). */
    private boolean zeroedInQuarter(Row q) {
      if (scheme == null) {
        return false;
      }
      for (Flag f : Flag.values()) {
        FlagRule r = scheme.flags().get(f);
        if (r != null && r.actsOnQuarter() && r.zeroScore() && Boolean.TRUE.equals(q.getAs(f.column()))) {
          return true;
        }
      }
      return false;
    }

    /** The member's earlier annual grades that the consecutive-years disposal rule looks at. */
    private List<AnnualExplanation.EarlierYear> earlierYears() {
      int span = scheme == null ? 1 : Math.max(1, scheme.disposal().consecutiveYears() - 1);
      List<AnnualExplanation.EarlierYear> out = new ArrayList<>();
      for (Row r : gold("member_year_score", col("member_code").equalTo(code).and(col("year").lt(year))
          .and(col("year").geq(year - span)))) {
        out.add(new AnnualExplanation.EarlierYear(r.<Integer>getAs("year"), r.getAs("grade")));
      }
      out.sort(Comparator.comparingInt(AnnualExplanation.EarlierYear::year));
      return out;
    }

    private String gradeNote() {
      if (!wh.exists(spark, Warehouse.GOLD, "member_year_score")
          || wh.read(spark, Warehouse.GOLD, "member_year_score").where(col("year").equalTo(year)).isEmpty()) {
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
