package org.jifen.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jifen.loop.ReasonTexts;
import org.jifen.scheme.Schemes;
import org.jifen.score.ScoreOptions;
import org.jifen.score.ScoringJob;
import org.jifen.spark.Progress;
import org.jifen.spark.Warehouse;
import org.jifen.stats.AggregateJob;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A branch dissolved (撤销) in the middle of the year, end to end: ingest → score → aggregate
 * (issue 19 point 2, DOMAIN §2 and §8). Org tree: 区委 QS → 党委 QS01 → QS01B01 (有效) and QS01B02
 * (撤销). QS01B02 sent its Q1 and Q2 ledgers before it was dissolved; its members M001 and M002 are
 * on QS01B01's roster in Q3 and Q4. M003 is on QS01B01 all year. Scheme district-100.
 *
 * <p>Quarter scores (80 + bonuses − deductions):
 * M001: Q1 B2 −5 → 75; Q2 A5 +3 → 83; Q3 → 80; Q4 A7 +5 → 85; year (75 + 83 + 80 + 85) / 4 = 323 / 4
 * = 80.75 → 80.8 良好. M002: Q1 → 80; Q2 A6 +5, A8 +5 → 90; Q3 B4 −5 → 75; Q4 → 80; year
 * (80 + 90 + 75 + 80) / 4 = 325 / 4 = 81.25 → 81.3 良好. M003: 80 every quarter → 80.0 良好.
 * (With the dissolved branch's ledgers rejected, M001's year was (80 + 85) / 2 = 82.5 from two quarters.)
 */
class DissolvedBranchJobTest {
  @TempDir static Path tmp;
  static SparkSession spark;
  static Warehouse wh;
  static IngestJob.Result ingested;

  @BeforeAll
  static void ingestScoreAggregate() throws Exception {
    spark = SharedSpark.get();
    wh = new Warehouse(tmp.resolve("warehouse").toString());
    Path orgs = tmp.resolve("orgs.csv");
    Files.writeString(orgs, String.join("\n",
        "组织编码,组织名称,上级组织编码,组织层级,领域,状态,负责人",
        "QS,青山区委,,区委,机关,有效,",
        "QS01,第一党委,QS,党委,机关,有效,",
        "QS01B01,一支部,QS01,党支部,机关,有效,",
        "QS01B02,二支部,QS01,党支部,机关,撤销,") + "\n");
    Path inbox = tmp.resolve("inbox");
    LedgerFixture.received(LedgerFixture.branch("QS01B02", 2025, 1).member("M001").member("M002")
        .entry("2025-02-10", "M001", "B2", "-5")
        .xlsx(inbox.resolve("2025Q1"), "QS01B02_2025Q1"), "2025-04-08T10:00:00+08:00");
    LedgerFixture.received(LedgerFixture.branch("QS01B02", 2025, 2).member("M001").member("M002")
        .entry("2025-05-10", "M001", "A5", "3")
        .entry("2025-05-11", "M002", "A6", "5")
        .entry("2025-05-12", "M002", "A8", "5")
        .xlsx(inbox.resolve("2025Q2"), "QS01B02_2025Q2"), "2025-07-08T10:00:00+08:00");
    LedgerFixture.received(LedgerFixture.branch("QS01B01", 2025, 1).member("M003")
        .xlsx(inbox.resolve("2025Q1"), "QS01B01_2025Q1"), "2025-04-08T10:00:00+08:00");
    LedgerFixture.received(LedgerFixture.branch("QS01B01", 2025, 2).member("M003")
        .xlsx(inbox.resolve("2025Q2"), "QS01B01_2025Q2"), "2025-07-08T10:00:00+08:00");
    LedgerFixture.received(LedgerFixture.branch("QS01B01", 2025, 3).member("M001").member("M002").member("M003")
        .entry("2025-08-10", "M002", "B4", "-5")
        .xlsx(inbox.resolve("2025Q3"), "QS01B01_2025Q3"), "2025-10-08T10:00:00+08:00");
    LedgerFixture.received(LedgerFixture.branch("QS01B01", 2025, 4).member("M001").member("M002").member("M003")
        .entry("2025-11-10", "M001", "A7", "5")
        .xlsx(inbox.resolve("2025Q4"), "QS01B01_2025Q4"), "2026-01-08T10:00:00+08:00");

    IngestJob.Options o = new IngestJob.Options(orgs.toString(), inbox.toString(), null,
        ReceivedTimes.fileTimes(), org.jifen.config.DistrictConfig.DEADLINE_DAYS_DEFAULT, year -> {
          var s = Schemes.load("district-100");
          return new SchemeRules(year, s.id(), s.itemRules(), s.evaluationGrades());
        });
    ingested = new IngestJob(spark, wh).run(o, Progress.none());
    for (String p : List.of("2025Q1", "2025Q2", "2025Q3", "2025Q4", "2025")) {
      ScoringJob.run(spark, wh, p, ScoreOptions.defaults());
    }
    AggregateJob.run(spark, wh, null, Progress.none());
  }

  private static List<Row> gold(String table, String where) {
    return wh.read(spark, Warehouse.GOLD, table).where(where).collectAsList();
  }

  private static long n(Row r, String column) {
    return ((Number) r.getAs(column)).longValue();
  }

  @Test
  void theDissolvedBranchsLedgersAreAcceptedWithAWarning() {
    Map<String, IngestJob.FileReport> files = new TreeMap<>();
    ingested.files().forEach(f -> files.put(f.sourceFile(), f));
    assertEquals(6, files.size(), files.keySet().toString());
    for (String q : List.of("2025Q1", "2025Q2")) {
      IngestJob.FileReport f = files.get(q + "/QS01B02_" + q + ".xlsx");
      assertEquals("current", f.outcome(), f.toString());
      assertNull(f.problemCode());
      assertEquals(0, f.quarantined());
      assertEquals("BRANCH_DISSOLVED", f.warningCode());
      assertEquals(q + "/QS01B02_" + q + ".xlsx: branch QS01B02 (封面 row 1, column B) is dissolved (撤销) in the org "
          + "tree (itself or an organization above it); accepted as QS01B02 for a quarter it still existed: its "
          + "members are scored and the quarter counts in their year, but a dissolved branch is not expected to "
          + "submit and has no row of its own in the statistics", f.warningMessage());
    }
    assertTrue(files.values().stream().filter(f -> f.sourceFile().contains("QS01B01"))
        .allMatch(f -> "current".equals(f.outcome()) && f.warningCode() == null), files.toString());
    assertEquals(0, wh.read(spark, Warehouse.QUARANTINE, "rows").count());
    assertEquals(List.of("BRANCH_DISSOLVED", "BRANCH_DISSOLVED"), wh.read(spark, Warehouse.SILVER, "ledgers")
        .where("branch_code = 'QS01B02'").orderBy("period").select("warning_code")
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    assertEquals(2, wh.read(spark, Warehouse.META, "ingest_log").where("warning_code = 'BRANCH_DISSOLVED'").count());

    // The receipt's note for the branch (a warning: the file was taken).
    IngestJob.FileReport q1 = files.get("2025Q1/QS01B02_2025Q1.xlsx");
    String note = ReasonTexts.explain(new ReasonTexts.Found(q1.warningCode(), "2025Q1", null, null, null, null,
        q1.warningMessage()), ReasonTexts.Names.NONE);
    assertEquals("封面的支部编码“QS01B02”对应的党支部在组织架构中已撤销，台账已按封面计入本支部：名册中党员本季度的积分照常计算，"
        + "并计入其全年结果；已撤销的党支部无需报送，也不再单列统计。如是支部编码填错（本支部并未撤销），请更正封面后重新报送。", note);
    assertEquals(ReasonTexts.Scope.WARNING, ReasonTexts.scope("BRANCH_DISSOLVED"));
  }

  @Test
  void itsMembersAreScoredInEveryQuarterAndTheYearCountsFourQuarters() {
    Map<String, String> quarters = new TreeMap<>();
    for (Row r : gold(ScoringJob.QUARTER_TABLE, "member_code in ('M001', 'M002')")) {
      quarters.put(r.<String>getAs("member_code") + " " + r.getAs("period"),
          r.getAs("branch_code") + " " + r.getAs("score") + " " + r.getAs("grade"));
    }
    assertEquals(Map.of(
        "M001 2025Q1", "QS01B02 75.0 合格", "M001 2025Q2", "QS01B02 83.0 良好",
        "M001 2025Q3", "QS01B01 80.0 良好", "M001 2025Q4", "QS01B01 85.0 良好",
        "M002 2025Q1", "QS01B02 80.0 良好", "M002 2025Q2", "QS01B02 90.0 优秀",
        "M002 2025Q3", "QS01B01 75.0 合格", "M002 2025Q4", "QS01B01 80.0 良好"), quarters);

    Map<String, String> years = new TreeMap<>();
    for (Row r : gold(ScoringJob.YEAR_TABLE, "year = 2025")) {
      years.put(r.getAs("member_code"), r.getAs("branch_code") + " " + r.getAs("score") + " " + r.getAs("grade")
          + " " + r.getAs("quarters_counted") + " " + r.getAs("status"));
    }
    assertEquals(Map.of("M001", "QS01B01 80.8 良好 4 graded", "M002", "QS01B01 81.3 良好 4 graded",
        "M003", "QS01B01 80.0 良好 4 graded"), years);
  }

  @Test
  void theDissolvedBranchIsNeitherExpectedNorMissingNorAStatisticsRow() {
    // silver.submissions: one row per active branch and quarter, QS01B01 only, all on time.
    Map<String, String> subs = new TreeMap<>();
    for (Row r : wh.read(spark, Warehouse.SILVER, "submissions").collectAsList()) {
      subs.put(r.getAs("period") + " " + r.getAs("branch_code"), r.getAs("status"));
    }
    assertEquals(Map.of("2025Q1 QS01B01", "on_time", "2025Q2 QS01B01", "on_time", "2025Q3 QS01B01", "on_time",
        "2025Q4 QS01B01", "on_time"), subs);
    for (Row r : gold("org_period_stats", "node_code = 'QS' and cut_type = 'org'")) {
      assertEquals(0L, n(r, "ledgers_missing"), r.toString());
    }
    assertEquals(1L, n(gold("org_period_stats", "node_code = 'QS' and cut_type = 'org' and period = '2025Q1'").get(0),
        "ledgers_expected"));

    assertEquals(0, wh.read(spark, Warehouse.GOLD, "org_period_stats").where("node_code = 'QS01B02'").count());
    assertEquals(0, wh.read(spark, Warehouse.GOLD, "stats_table").where("org_code = 'QS01B02'").count());
    assertEquals(0, wh.read(spark, Warehouse.GOLD, "branch_ranking").where("branch_code = 'QS01B02'").count());
  }

  @Test
  void statisticsCountItsMembersOnlyUnderARowThatExists() {
    // Q1 and Q2: M001 and M002 were on the dissolved branch, which has no row: counted nowhere, so
    // the committee and the district hold M003 alone and each total is the sum of its rows.
    for (String q : List.of("2025Q1", "2025Q2")) {
      for (String node : List.of("QS", "QS01", "QS01B01")) {
        Row s = gold("org_period_stats", "period = '" + q + "' and node_code = '" + node + "' and cut_type = 'org'")
            .get(0);
        assertEquals(1L, n(s, "members_total"), q + " " + node);
      }
    }
    // Q3 and the year: all three under QS01B01. Year mean (80.8 + 81.3 + 80.0) / 3 = 242.1 / 3 = 80.70.
    for (String node : List.of("QS", "QS01", "QS01B01")) {
      Row q3 = gold("org_period_stats", "period = '2025Q3' and node_code = '" + node + "' and cut_type = 'org'").get(0);
      assertEquals(3L, n(q3, "members_total"), "2025Q3 " + node);
      Row y = gold("org_period_stats", "period = '2025' and node_code = '" + node + "' and cut_type = 'org'").get(0);
      assertEquals(3L, n(y, "members_total"), "2025 " + node);
      assertEquals(3L, n(y, "members_graded"), "2025 " + node);
      assertEquals(new BigDecimal("80.70"), y.getAs("score_mean"), "2025 " + node);
    }
    // 统计表: one row per active subordinate, 合计 = column sum.
    List<Row> table = gold("stats_table", "unit_code = 'QS01'");
    assertTrue(!table.isEmpty());
    Map<String, long[]> sums = new TreeMap<>();
    Map<String, Long> totals = new TreeMap<>();
    for (Row r : table) {
      String half = r.getAs("period");
      if ("total".equals(r.getAs("row_type"))) {
        totals.put(half, n(r, "members_total"));
      } else {
        assertEquals("QS01B01", r.getAs("org_code"));
        sums.computeIfAbsent(half, k -> new long[1])[0] += n(r, "members_total");
      }
    }
    assertEquals(totals.keySet(), sums.keySet());
    sums.forEach((half, s) -> assertEquals(totals.get(half), s[0], half));
    assertEquals(Map.of("2025H1", 1L, "2025H2", 3L), totals);
  }
}
