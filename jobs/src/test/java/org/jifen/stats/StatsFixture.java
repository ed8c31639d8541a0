package org.jifen.stats;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jifen.ingest.OrgTree;
import org.jifen.score.SilverInputs;
import org.jifen.spark.DeltaTables;
import org.jifen.spark.Warehouse;

/**
 * Writes small silver and score tables into a warehouse, as ingestion and scoring would: the org
 * tree, rosters with scores, entries, actions, submissions and quarantine rows.
 */
final class StatsFixture {
  static final String FULL = "正式党员";
  static final String PROBATIONARY = "预备党员";
  static final String ACTIVIST = "入党积极分子";
  static final String SCHEME = "district-100";
  static final String SCHEME_HASH = org.jifen.scheme.Schemes.load(SCHEME).contentHash();

  private final Map<String, String[]> orgs = new LinkedHashMap<>();
  private final List<Row> members = new ArrayList<>();
  private final List<Row> scores = new ArrayList<>();
  private final List<Row> yearScores = new ArrayList<>();
  private final List<Row> entries = new ArrayList<>();
  private final List<Row> evaluations = new ArrayList<>();
  private final List<Row> actions = new ArrayList<>();
  private final List<Row> submissions = new ArrayList<>();
  private final List<Row> quarantine = new ArrayList<>();

  /** An organization: code, name, parent, level, domain, status 有效/撤销. */
  StatsFixture org(String code, String name, String parent, String level, String domain, String status) {
    orgs.put(code, new String[] {code, name, parent, level, domain, status});
    return this;
  }

  /**
   * A roster row and its quarter score row; {@code score} null for an exempt member. The grade
   * follows district-100's bands; activists get status 'activist' and no grade.
   */
  StatsFixture member(String period, String branch, String code, String standing, String category, boolean inPm,
      String score) {
    roster(period, branch, code, standing, category, inPm);
    int y = Integer.parseInt(period.substring(0, 4));
    int q = period.charAt(5) - '0';
    String status = !inPm ? "exempt" : ACTIVIST.equals(standing) ? "activist" : "graded";
    BigDecimal s = score == null ? null : new BigDecimal(score).setScale(1);
    String grade = !"graded".equals(status) ? null : grade(s);
    scores.add(RowFactory.create(period, y, q, code, branch, standing, category, inPm, status, null, false, false,
        false, s, grade, null, null, SCHEME, SCHEME_HASH, Timestamp.valueOf("2026-01-05 10:00:00")));
    return this;
  }

  /** An annual score row (district-100 grade from the score), as the scoring job writes it. */
  StatsFixture yearScore(int year, String branch, String code, String score, boolean veto) {
    BigDecimal s = new BigDecimal(score).setScale(1);
    yearScores.add(RowFactory.create(year, code, branch, FULL, "在职", "graded", 4, null, veto, false, false, false,
        s, grade(s), false, null, null, SCHEME, SCHEME_HASH, Timestamp.valueOf("2026-01-05 10:00:00")));
    return this;
  }

  /**
   * A roster row only, without a score row: for warehouses that the real scoring job scores
   * (a fixture with no score rows at all writes no gold score table).
   */
  StatsFixture roster(String period, String branch, String code, String standing, String category, boolean inPm) {
    int y = Integer.parseInt(period.substring(0, 4));
    int q = period.charAt(5) - '0';
    members.add(RowFactory.create(period, y, q, branch, code, "姓名" + code,
        org.jifen.mart.MartSecret.of(new byte[32]).idHash("11010119800101" + code.substring(1)), "invalid",
        "男", null, null, standing, category, inPm, inPm ? null : "70周岁以上", null,
        "L-" + branch + "-" + period, branch + "_" + period + ".xlsx", "名册", members.size() + 2));
    return this;
  }

  /** A Q4 民主评议 row of the year's ledger of {@code branch}; grade and score may be null. */
  StatsFixture evaluation(int year, String branch, String code, String grade, String score) {
    String period = year + "Q4";
    evaluations.add(RowFactory.create(period, year, 4, branch, code, grade,
        score == null ? null : new BigDecimal(score).setScale(1), "L-" + branch + "-" + period,
        branch + "_" + period + ".xlsx", "民主评议", evaluations.size() + 2));
    return this;
  }

  private static String grade(BigDecimal s) {
    if (s.compareTo(BigDecimal.valueOf(90)) >= 0) {
      return "优秀";
    }
    if (s.compareTo(BigDecimal.valueOf(80)) >= 0) {
      return "良好";
    }
    return s.compareTo(BigDecimal.valueOf(60)) >= 0 ? "合格" : "不合格";
  }

  /** An entry of the member's ledger; selfScore may be null. */
  StatsFixture entry(String period, String branch, String code, String date, String item, String points,
      String selfScore) {
    int y = Integer.parseInt(period.substring(0, 4));
    entries.add(RowFactory.create(period, y, period.charAt(5) - '0', branch, code, Date.valueOf(LocalDate.parse(date)),
        item, points == null ? null : new BigDecimal(points).setScale(2), "依据", "登记人",
        selfScore == null ? null : new BigDecimal(selfScore).setScale(2), null,
        "L-" + branch + "-" + period, branch + "_" + period + ".xlsx", "积分明细", entries.size() + 2));
    return this;
  }

  StatsFixture action(String period, String branch, String code, String type) {
    int y = Integer.parseInt(period.substring(0, 4));
    actions.add(RowFactory.create(period, y, period.charAt(5) - '0', branch, code, null, type, "说明",
        "L-" + branch + "-" + period, branch + "_" + period + ".xlsx", "组织处置", actions.size() + 2));
    return this;
  }

  /** The submission status of an active branch for a quarter: on_time, late, missing or returned. */
  StatsFixture submission(String period, String branch, String status) {
    int y = Integer.parseInt(period.substring(0, 4));
    int q = period.charAt(5) - '0';
    LocalDate deadline = LocalDate.of(y, q * 3, 1).plusMonths(1).withDayOfMonth(10);
    Timestamp received = switch (status) {
      case "on_time" -> Timestamp.valueOf(deadline.atTime(9, 0));
      case "late" -> Timestamp.valueOf(deadline.plusDays(3).atTime(9, 0));
      default -> null;
    };
    submissions.add(RowFactory.create(period, y, q, branch, status, received,
        Timestamp.valueOf(deadline.atTime(23, 59, 59)), received == null ? null : "L-" + branch + "-" + period,
        received == null ? null : 1, received == null ? 0L : 1L));
    return this;
  }

  /** A quarantined row whose message and raw value name a member (they must not reach the mart). */
  StatsFixture quarantined(String period, String branch, String code, String reason) {
    quarantine.add(RowFactory.create(period, "batch-1", branch + "_" + period + ".xlsx", "L-" + branch + "-" + period,
        branch, "积分明细", 9, "党员编号", reason, branch + "_" + period + ".xlsx, sheet 积分明细, row 9: 党员编号 " + code
            + " is not on this ledger's 名册", code, "current", Timestamp.valueOf("2026-01-05 09:00:00")));
    return this;
  }

  /** A file rejected whole; {@code coverBranch} null when its cover could not be read. */
  StatsFixture rejectedFile(String period, String sourceFile, String coverBranch, String reason) {
    quarantine.add(RowFactory.create(period, "batch-1", sourceFile, "R-" + sourceFile, coverBranch, null, null, null,
        reason, sourceFile + ": rejected (" + reason + ")", null, "rejected", Timestamp.valueOf("2026-01-05 09:00:00")));
    return this;
  }

  static final StructType SUBMISSIONS = SilverInputs.SUBMISSIONS_SCHEMA.add("ledgers", DataTypes.LongType);
  static final StructType QUARANTINE = new StructType()
      .add("period", DataTypes.StringType).add("batch_id", DataTypes.StringType)
      .add("source_file", DataTypes.StringType).add("ledger_id", DataTypes.StringType)
      .add("branch_code", DataTypes.StringType).add("sheet", DataTypes.StringType)
      .add("row_num", DataTypes.IntegerType).add("column_name", DataTypes.StringType)
      .add("reason_code", DataTypes.StringType).add("message", DataTypes.StringType)
      .add("raw_value", DataTypes.StringType).add("ledger_status", DataTypes.StringType)
      .add("quarantined_at", DataTypes.TimestampType);

  /** Writes every table into the warehouse at {@code root}. */
  Warehouse write(SparkSession spark, Path root) {
    Warehouse wh = new Warehouse(root.toString());
    List<Row> orgRows = new ArrayList<>();
    int row = 2;
    for (String[] o : orgs.values()) {
      List<String> chain = new ArrayList<>();
      boolean active = true;
      for (String[] a = o; a != null; a = a[2] == null ? null : orgs.get(a[2])) {
        chain.add(0, a[0]);
        active &= "有效".equals(a[5]);
      }
      orgRows.add(RowFactory.create(o[0], o[1], o[2], o[3], o[4], o[5], "书记" + o[0], active, chain.size() - 1,
          String.join("/", chain), chain.size() >= 2 ? chain.get(1) : null, "tree-hash", "orgs.xlsx", row++));
    }
    DeltaTables.overwrite(spark.createDataFrame(orgRows, OrgTree.SCHEMA), wh.path(Warehouse.SILVER, "orgs"));
    TreeSet<String> periods = new TreeSet<>();
    submissions.forEach(r -> periods.add(r.getString(0)));
    write(spark, wh, Warehouse.SILVER, SilverInputs.MEMBERS, members, SilverInputs.MEMBERS_SCHEMA, periods);
    write(spark, wh, Warehouse.SILVER, SilverInputs.ENTRIES, entries, SilverInputs.ENTRIES_SCHEMA, periods);
    write(spark, wh, Warehouse.SILVER, SilverInputs.ACTIONS, actions, SilverInputs.ACTIONS_SCHEMA, periods);
    write(spark, wh, Warehouse.SILVER, SilverInputs.SUBMISSIONS, submissions, SUBMISSIONS, periods);
    if (!evaluations.isEmpty()) {
      write(spark, wh, Warehouse.SILVER, SilverInputs.EVALUATIONS, evaluations, SilverInputs.EVALUATIONS_SCHEMA, periods);
    }
    if (!scores.isEmpty()) {
      write(spark, wh, Warehouse.GOLD, ScoreTables.QUARTER, scores, ScoreTables.QUARTER_SCHEMA, periods);
    }
    if (!yearScores.isEmpty()) {
      DeltaTables.replaceWhere(spark.createDataFrame(yearScores, ScoreTables.YEAR_SCHEMA).coalesce(1),
          wh.path(Warehouse.GOLD, ScoreTables.YEAR), "year",
          yearScores.stream().map(r -> r.getInt(0)).distinct().toList());
    }
    if (!quarantine.isEmpty()) {
      write(spark, wh, Warehouse.QUARANTINE, "rows", quarantine, QUARANTINE, periods);
    }
    return wh;
  }

  private static void write(SparkSession spark, Warehouse wh, String layer, String table, List<Row> rows,
      StructType schema, TreeSet<String> periods) {
    DeltaTables.replacePeriods(spark.createDataFrame(rows, schema).coalesce(1), wh.path(layer, table), periods);
  }
}
