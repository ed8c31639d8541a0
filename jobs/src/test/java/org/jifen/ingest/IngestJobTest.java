package org.jifen.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jifen.scheme.Schemes;
import org.jifen.spark.Progress;
import org.jifen.spark.Warehouse;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingests one inbox holding a case per file (clean xlsx, GBK CSV folder, BOM zip, each kind of
 * rejected file and quarantined row), then re-ingests it, then a corrected re-export.
 * The tests run in order: they follow one warehouse through its history.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestJobTest {
  static final String ON_TIME = "2025-04-08T10:00:00+08:00";
  static final String LATE = "2025-04-12T09:00:00+08:00";

  @TempDir static Path tmp;
  SparkSession spark;
  Warehouse wh;
  Path inbox;
  Path orgs;
  IngestJob.Result first;

  @BeforeAll
  void ingestOnce() throws Exception {
    spark = SharedSpark.get();
    wh = new Warehouse(tmp.resolve("warehouse").toString());
    inbox = tmp.resolve("inbox");
    orgs = LedgerFixture.orgTree(tmp);
    Path q1 = inbox.resolve("2025Q1");

    LedgerFixture.received(LedgerFixture.branch("QS01B01", 2025, 1)
        .member("M001").member("M002").member("M003")
        .rosterRow("", "无编号", "正式党员", "是", "")
        .member("M002")
        .entry("2025-01-10", "M002", "B2", "-5")
        .entry("2025/2/3", "M002", "A5", "2")
        .entry("2025年3月1日", "M003", "B1", "")
        .entry("2025-03-31", "M003", "V10", "")
        .entry("2025-01-15", "M001", "A7", "3")
        .entry("2025-01-20", "M002", "Z99", "1")
        .entry("2025-01-20", "M999", "A5", "1")
        .entry("2025-01-21", "M002", "A6", "三分")
        .entry("2025-04-02", "M002", "A6", "1")
        .entry("2025-02-01", "M003", "B4", "5")
        .entry("2025-02-01", "M003", "B2", "-4")
        .entry("2025-02-30", "M003", "A5", "1")
        .action("M002", "2025-02-10", "告诫提醒")
        .action("M003", "2025-02-11", "批评")
        .xlsx(q1, "clean_xlsx"), ON_TIME);
    LedgerFixture.received(LedgerFixture.branch("QS01B02", 2025, 1)
        .member("M010")
        .rosterRow("M011", "预备", "预备党员", "是", "")
        .rosterRow("M012", "积极分子", "入党积极分子", "是", "")
        .rosterRow("M013", "免考核", "正式党员", "否", "70周岁以上")
        .entry("2025-02-02", "M010", "A8", "5")
        .entry("2025/3/3", "M011", "B2", "-3")
        .csvFolder(q1, "gbk_folder", Charset.forName("GBK")), LATE);
    LedgerFixture.received(LedgerFixture.branch("QS02B01", 2025, 1)
        .member("M020").member("M001")
        .entry("2025-01-05", "M020", "A9", "2")
        .entry("2025-01-06", "M001", "A5", "1")
        .zip(q1, "bom_zip"), ON_TIME);
    LedgerFixture.received(LedgerFixture.branch("QS09B99", 2025, 1).member("M030")
        .xlsx(q1, "unknown_branch"), ON_TIME);
    LedgerFixture.received(LedgerFixture.branch("QS01B03", 2025, 2).member("M040")
        .entry("2025-01-05", "M040", "A9", "2")
        .xlsx(q1, "period_mismatch"), ON_TIME);
    LedgerFixture.received(LedgerFixture.branch("QS01B03", 2025, 1).noCover().member("M041")
        .xlsx(q1, "no_cover"), ON_TIME);
    LedgerFixture.received(LedgerFixture.branch("QS02B09", 2025, 1).member("M050")
        .xlsx(q1, "dissolved_branch"), ON_TIME);
    Files.write(q1.resolve("corrupt.xlsx"), new byte[] {'P', 'K', 3, 4, 1, 2, 3, 4, 5});
    Files.writeString(q1.resolve("notes.txt"), "not a ledger");

    first = ingest();
  }

  private IngestJob.Result ingest() throws Exception {
    IngestJob.Options o = new IngestJob.Options(orgs.toString(), inbox.toString(), null,
        ReceivedTimes.fileTimes(), org.jifen.config.DistrictConfig.DEADLINE_DAYS_DEFAULT, year -> {
          var s = Schemes.load("district-100");
          return new SchemeRules(year, s.id(), s.itemRules(), s.evaluationGrades());
        });
    return new IngestJob(spark, wh).run(o, Progress.none());
  }

  private Dataset<Row> silver(String t) {
    return wh.read(spark, Warehouse.SILVER, t);
  }

  private Map<String, IngestJob.FileReport> byFile(IngestJob.Result r) {
    return r.files().stream().collect(Collectors.toMap(f -> f.sourceFile().substring(7), f -> f));
  }

  private String quarantineMessage(String file, String sheet, int row) {
    List<Row> rows = wh.read(spark, Warehouse.QUARANTINE, "rows")
        .filter(col("source_file").equalTo("2025Q1/" + file).and(col("sheet").equalTo(sheet))
            .and(col("row_num").equalTo(row)))
        .select("reason_code", "message").collectAsList();
    assertEquals(1, rows.size(), "one quarantine row for " + file + " " + sheet + " row " + row);
    return rows.get(0).getString(0) + " | " + rows.get(0).getString(1);
  }

  @Test
  @Order(1)
  void everyFileReconcilesWithTheExpectedCounts() {
    Map<String, IngestJob.FileReport> f = byFile(first);
    assertEquals(9, f.size());
    assertTrue(first.files().stream().allMatch(IngestJob.FileReport::reconciles));
    IngestJob.FileReport clean = f.get("clean_xlsx.xlsx");
    assertEquals(List.of(19L, 7L, 12L), List.of(clean.read(), clean.accepted(), clean.quarantined()));
    assertEquals("current", clean.outcome());
    IngestJob.FileReport gbk = f.get("gbk_folder");
    assertEquals(List.of(6L, 6L, 0L), List.of(gbk.read(), gbk.accepted(), gbk.quarantined()));
    IngestJob.FileReport zip = f.get("bom_zip.zip");
    assertEquals(List.of(4L, 2L, 2L), List.of(zip.read(), zip.accepted(), zip.quarantined()));
    assertEquals("UNKNOWN_BRANCH", f.get("unknown_branch.xlsx").problemCode());
    assertEquals("PERIOD_MISMATCH", f.get("period_mismatch.xlsx").problemCode());
    IngestJob.FileReport mismatch = f.get("period_mismatch.xlsx");
    assertEquals(List.of(2L, 0L, 2L), List.of(mismatch.read(), mismatch.accepted(), mismatch.quarantined()));
    assertEquals("NO_COVER", f.get("no_cover.xlsx").problemCode());
    // A dissolved branch's ledger is taken (its members are scored), with a warning (issue 19).
    IngestJob.FileReport dissolved = f.get("dissolved_branch.xlsx");
    assertEquals(List.of("current", "BRANCH_DISSOLVED", 1L), List.of(dissolved.outcome(), dissolved.warningCode(),
        dissolved.accepted()));
    assertEquals(null, dissolved.problemCode());
    assertEquals("FILE_CORRUPT", f.get("corrupt.xlsx").problemCode());
    assertEquals("UNSUPPORTED_FORMAT", f.get("notes.txt").problemCode());
  }

  @Test
  @Order(2)
  void quarantineMessagesNameFileSheetRowAndColumn() {
    assertEquals("ROSTER_NO_MEMBER_CODE | 2025Q1/clean_xlsx.xlsx, sheet 名册, row 5, column 党员编号: "
        + "党员编号 is blank (expected the member code of every roster row)", quarantineMessage("clean_xlsx.xlsx", "名册", 5));
    assertEquals("DUPLICATE_ROSTER_ROW | 2025Q1/clean_xlsx.xlsx, sheet 名册, row 6, column 党员编号: "
        + "党员编号 M002 already appears on row 3 of this roster (expected each member once)",
        quarantineMessage("clean_xlsx.xlsx", "名册", 6));
    assertTrue(quarantineMessage("clean_xlsx.xlsx", "积分明细", 7).startsWith(
        "UNKNOWN_ITEM | 2025Q1/clean_xlsx.xlsx, sheet 积分明细, row 7, column 项目编码: 项目编码 \"Z99\""));
    assertTrue(quarantineMessage("clean_xlsx.xlsx", "积分明细", 8).startsWith(
        "MEMBER_NOT_ON_ROSTER | 2025Q1/clean_xlsx.xlsx, sheet 积分明细, row 8, column 党员编号: 党员编号 M999"));
    assertTrue(quarantineMessage("clean_xlsx.xlsx", "积分明细", 9).startsWith(
        "POINTS_NOT_NUMBER | 2025Q1/clean_xlsx.xlsx, sheet 积分明细, row 9, column 分值: 分值 \"三分\" is not a number"));
    assertEquals("DATE_OUTSIDE_QUARTER | 2025Q1/clean_xlsx.xlsx, sheet 积分明细, row 10, column 日期: "
        + "日期 2025-04-02 is outside the ledger's quarter 2025Q1 (expected 2025-01-01 to 2025-03-31)",
        quarantineMessage("clean_xlsx.xlsx", "积分明细", 10));
    assertTrue(quarantineMessage("clean_xlsx.xlsx", "积分明细", 11).startsWith("POINTS_SIGN | "));
    assertTrue(quarantineMessage("clean_xlsx.xlsx", "积分明细", 12).contains(
        "POINTS_NOT_ALLOWED | 2025Q1/clean_xlsx.xlsx, sheet 积分明细, row 12, column 分值: 分值 -4 is not allowed for item B2 (expected one of "));
    assertTrue(quarantineMessage("clean_xlsx.xlsx", "积分明细", 13).startsWith("DATE_INVALID | "));
    assertTrue(quarantineMessage("clean_xlsx.xlsx", "组织处置", 3).startsWith("ACTION_TYPE_UNKNOWN | "));
    assertTrue(quarantineMessage("clean_xlsx.xlsx", "积分明细", 6).startsWith(
        "MEMBER_CONFLICT | 2025Q1/clean_xlsx.xlsx, sheet 积分明细, row 6, column 党员编号: 党员编号 M001 is on the rosters of branches QS01B01, QS02B01"));
    Row unknown = wh.read(spark, Warehouse.QUARANTINE, "rows")
        .filter(col("source_file").equalTo("2025Q1/unknown_branch.xlsx")).first();
    assertEquals("2025Q1/unknown_branch.xlsx, sheet 封面 row 1, column B: 支部编码 \"QS09B99\" is not in the org tree "
        + "(expected the code of a 党支部 of the org tree)", unknown.getAs("message"));
    assertEquals(2, wh.read(spark, Warehouse.QUARANTINE, "rows").filter(col("reason_code").equalTo("MEMBER_CONFLICT")
        .and(col("sheet").equalTo("名册"))).count(), "conflict member held in both ledgers");
  }

  @Test
  @Order(3)
  void silverHoldsTypedAcceptedRows() {
    assertEquals(List.of("M002", "M003", "M010", "M011", "M012", "M013", "M020", "M050"),
        silver("members").select("member_code").orderBy("member_code").as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList());
    Row exempt = silver("members").filter(col("member_code").equalTo("M013")).first();
    assertEquals(false, (boolean) exempt.getAs("in_points_mgmt"));
    assertEquals("70周岁以上", exempt.getAs("exempt_reason"));
    assertEquals(7, silver("entries").count());
    Row b1 = silver("entries").filter(col("item_code").equalTo("B1")).first();
    assertEquals(new BigDecimal("-5.00"), b1.getAs("points"), "blank 分值 takes the only fixed value");
    assertEquals(java.sql.Date.valueOf("2025-03-01"), b1.getAs("entry_date"));
    Row veto = silver("entries").filter(col("item_code").equalTo("V10")).first();
    assertEquals(null, (Object) veto.getAs("points"));
    Row gbk = silver("entries").filter(col("member_code").equalTo("M011")).first();
    assertEquals(new BigDecimal("-3.00"), gbk.getAs("points"));
    assertEquals(1, silver("actions").count());
  }

  @Test
  @Order(4)
  void submissionsAreOnTimeLateOrMissing() {
    Map<String, String> status = new TreeMap<>();
    for (Row r : silver("submissions").filter(col("period").equalTo("2025Q1")).collectAsList()) {
      status.put(r.getAs("branch_code"), r.getAs("status"));
    }
    // QS01B03 sent two files, both rejected whole (a cover of 2025Q2, no cover): returned (报送被退回), which
    // is not a submission either.
    assertEquals(Map.of("QS01B01", "on_time", "QS01B02", "late", "QS01B03", "returned", "QS02B01", "on_time"), status);
  }

  @Test
  @Order(5)
  void reingestingTheSameFilesChangesNothing() throws Exception {
    long bronze = wh.read(spark, Warehouse.BRONZE, "ledger_rows").count();
    long entries = silver("entries").count();
    long quarantined = wh.read(spark, Warehouse.QUARANTINE, "rows").count();
    IngestJob.Result again = ingest();
    assertTrue(again.files().stream().allMatch(f -> f.outcome().equals("duplicate")), again.files().toString());
    assertTrue(again.periods().isEmpty());
    assertEquals(bronze, wh.read(spark, Warehouse.BRONZE, "ledger_rows").count());
    assertEquals(entries, silver("entries").count());
    assertEquals(quarantined, wh.read(spark, Warehouse.QUARANTINE, "rows").count());
  }

  @Test
  @Order(6)
  void aHigherVersionReplacesTheLedgerAndResolvesTheConflict() throws Exception {
    LedgerFixture.received(LedgerFixture.branch("QS01B01", 2025, 1).cover("版本", "2")
        .member("M002").member("M003")
        .entry("2025-01-10", "M002", "B2", "-5")
        .xlsx(inbox.resolve("2025Q1"), "clean_xlsx_v2"), "2025-04-20T10:00:00+08:00");
    IngestJob.Result r = ingest();
    Map<String, IngestJob.FileReport> f = byFile(r);
    assertEquals("current", f.get("clean_xlsx_v2.xlsx").outcome());
    assertEquals(List.of("M001", "M002", "M003", "M010", "M011", "M012", "M013", "M020", "M050"),
        silver("members").select("member_code").orderBy("member_code").as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList());
    assertEquals(5, silver("entries").count());
    assertEquals("QS02B01", silver("members").filter(col("member_code").equalTo("M001")).first().getAs("branch_code"));
    assertEquals(0, wh.read(spark, Warehouse.QUARANTINE, "rows").filter(col("reason_code").equalTo("MEMBER_CONFLICT"))
        .count());
    assertEquals(List.of("current", "superseded"), silver("ledgers").filter(col("branch_code").equalTo("QS01B01"))
        .orderBy(col("version").desc()).select("status").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    Row sub = silver("submissions").filter(col("branch_code").equalTo("QS01B01")).first();
    assertEquals("on_time", sub.getAs("status"), "status comes from the earliest accepted ledger");
    assertEquals(2, (int) sub.<Integer>getAs("version"));
    assertEquals(19 + 3, wh.read(spark, Warehouse.BRONZE, "ledger_rows")
        .filter(col("source_file").startsWith("2025Q1/clean_xlsx").and(col("sheet").notEqual("封面"))).count(),
        "bronze keeps both versions");
  }
}
