package org.jifen.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jifen.scheme.Schemes;
import org.jifen.spark.Progress;
import org.jifen.spark.Warehouse;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing a branch sends is dropped without a word (issue: nothing silently ignored): a ledger
 * without roster is rejected, sheets that are not ledger sheets are counted apart, absurdly long
 * values are quarantined with their column and length, and a file name naming another branch than
 * the cover is a warning. One ingest of a small inbox; each test reads its part.
 */
class NothingSilentlyIgnoredTest {
  @TempDir static Path tmp;
  static Warehouse wh;
  static Map<String, IngestJob.FileReport> files;

  /** A 依据 limit lowered by configuration, as an officer may set it in district.yaml. */
  static final int BASIS_LIMIT = 50;

  @BeforeAll
  static void ingest() throws Exception {
    SparkSession spark = SharedSpark.get();
    wh = new Warehouse(tmp.resolve("warehouse").toString());
    Path q1 = tmp.resolve("inbox").resolve("2025Q1");
    LedgerFixture.received(LedgerFixture.branch("QS01B01", 2025, 1)
        .entry("2025-01-10", "M001", "A5", "2")
        .entry("2025-01-11", "M002", "A5", "1")
        .xlsx(q1, "cover_and_entries_only"), IngestJobTest.ON_TIME);
    LedgerFixture.received(LedgerFixture.branch("QS01B02", 2025, 1)
        .csvFolder(q1, "cover_only", java.nio.charset.StandardCharsets.UTF_8), IngestJobTest.ON_TIME);
    // Named after QS01B02 but its cover says QS01B03; it also carries a notes sheet of 3 rows.
    LedgerFixture.received(LedgerFixture.branch("QS01B03", 2025, 1).member("M010")
        .entry("2025-02-02", "M010", "A8", "5")
        .extraSheet("备注", List.of(List.of("说明"), List.of(), List.of("本季度", "无"), List.of("", "", "联系人")))
        .xlsx(q1, "QS01B02_2025Q1_complete"), IngestJobTest.ON_TIME);
    // Long values: a 1,001-character name (limit 1,000), a 依据 at and over the configured limit.
    LedgerFixture.received(LedgerFixture.branch("QS02B01", 2025, 1).member("M020").member("M021")
        .rosterRow("M022", "名".repeat(1_001), "正式党员", "是", "")
        .entry("2025-01-05", "M020", "A5", "2", "据".repeat(BASIS_LIMIT))
        .entry("2025-01-06", "M021", "A5", "2", "据".repeat(BASIS_LIMIT + 1))
        .zip(q1, "QS02B01_2025Q1"), IngestJobTest.ON_TIME);
    // A cover value of 2,000 characters: the whole file is rejected, located on the cover.
    LedgerFixture.received(LedgerFixture.branch("QS01B01", 2025, 1).member("M030")
        .cover("支部名称", "支".repeat(2_000))
        .xlsx(q1, "QS01B01_long_cover"), IngestJobTest.ON_TIME);
    // Cover faults: no 季度, a 版本 that is not a number.
    LedgerFixture.received(LedgerFixture.branch("QS01B01", 2025, 1).member("M040").cover("季度", "")
        .xlsx(q1, "cover_without_quarter"), IngestJobTest.ON_TIME);
    LedgerFixture.received(LedgerFixture.branch("QS01B01", 2025, 1).member("M041").cover("版本", "二")
        .xlsx(q1, "cover_version_in_words"), IngestJobTest.ON_TIME);
    // Roster and 民主评议 row faults in a Q4 ledger.
    LedgerFixture.received(LedgerFixture.branch("QS01B03", 2025, 4).member("M050").member("M051").member("M052")
        .rosterRow("M053", "党员053", "党员", "是", "")
        .rosterRow("M054", "党员054", "正式党员", "可能", "")
        .evaluation("M050", "", "")
        .evaluation("M051", "很好", "")
        .evaluation("M052", "", "120")
        .xlsx(tmp.resolve("inbox").resolve("2025Q4"), "QS01B03_2025Q4"), "2026-01-05T10:00:00+08:00");
    // Issue 19: a corrupt file (no readable cover) named after its branch, the branch's only file of Q4.
    Path corrupt = tmp.resolve("inbox").resolve("2025Q4").resolve("QS02B01_2025Q4.xlsx");
    java.nio.file.Files.write(corrupt, "PK\u0003\u0004 not a workbook".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    LedgerFixture.received(corrupt, "2026-01-05T10:00:00+08:00");
    var scheme = Schemes.load("district-100");
    IngestJob.Options o = new IngestJob.Options(LedgerFixture.orgTree(tmp).toString(),
        tmp.resolve("inbox").toString(), null, ReceivedTimes.fileTimes(),
        org.jifen.config.DistrictConfig.DEADLINE_DAYS_DEFAULT,
        year -> new SchemeRules(year, scheme.id(), scheme.itemRules(), scheme.evaluationGrades()), false,
        TextLimits.DEFAULTS.with("依据", BASIS_LIMIT));
    IngestJob.Result r = new IngestJob(spark, wh).run(o, Progress.none());
    files = r.files().stream().collect(Collectors.toMap(x -> x.sourceFile().substring(7), x -> x));
    assertEquals(9, files.size(), files.keySet().toString());
    assertTrue(r.files().stream().allMatch(IngestJob.FileReport::reconciles), r.files().toString());
  }

  /** Quarantined rows of a file of 2025Q1 (or of another period, named with its folder). */
  private static List<Row> quarantine(String file) {
    String source = file.contains("/") ? file : "2025Q1/" + file;
    return wh.read(SharedSpark.get(), Warehouse.QUARANTINE, "rows").filter(col("source_file").equalTo(source))
        .orderBy("sheet", "row_num").collectAsList();
  }

  @Test
  void aLedgerWithoutRosterIsRejectedAndItsBranchStaysMissing() {
    IngestJob.FileReport entriesOnly = files.get("cover_and_entries_only.xlsx");
    assertEquals("NO_ROSTER", entriesOnly.problemCode());
    assertEquals("rejected", entriesOnly.outcome());
    assertEquals(List.of(2L, 0L, 2L), List.of(entriesOnly.read(), entriesOnly.accepted(), entriesOnly.quarantined()),
        "the two entries are accounted for as quarantined");
    assertEquals("NO_ROSTER", files.get("cover_only").problemCode());

    Row q = quarantine("cover_and_entries_only.xlsx").stream()
        .filter(r -> "NO_ROSTER".equals(r.getAs("reason_code")) && "名册".equals(r.getAs("sheet"))).findFirst()
        .orElseThrow();
    assertTrue(q.<String>getAs("message").contains("名册: no member rows"), q.<String>getAs("message"));

    Map<String, String> status = wh.read(SharedSpark.get(), Warehouse.SILVER, "submissions")
        .filter(col("period").equalTo("2025Q1")).collectAsList().stream()
        .collect(Collectors.toMap(x -> x.getAs("branch_code"), x -> x.getAs("status")));
    // Neither a ledger without roster nor a rejected one is a submission: the branches whose files
    // were all rejected are 'returned' (报送被退回, issue 19), not 'missing'.
    assertEquals("returned", status.get("QS01B01"));
    assertEquals("returned", status.get("QS01B02"));
    assertEquals("on_time", status.get("QS01B03"));
    Map<String, Long> rejected = wh.read(SharedSpark.get(), Warehouse.SILVER, "submissions")
        .filter(col("period").equalTo("2025Q1")).collectAsList().stream()
        .collect(Collectors.toMap(x -> x.getAs("branch_code"), x -> ((Number) x.getAs("rejected_files")).longValue()));
    // QS01B01: no roster, a 2,000-character cover value, no 季度, 版本 in words.
    assertEquals(Map.of("QS01B01", 4L, "QS01B02", 1L, "QS01B03", 0L, "QS02B01", 0L), rejected);
  }

  @Test
  void aBranchWhoseOnlyFileIsUnreadableIsReturnedByItsFileName() {
    assertEquals("FILE_CORRUPT", files.get("QS02B01_2025Q4.xlsx").problemCode());
    Map<String, String> status = wh.read(SharedSpark.get(), Warehouse.SILVER, "submissions")
        .filter(col("period").equalTo("2025Q4")).collectAsList().stream()
        .collect(Collectors.toMap(x -> x.getAs("branch_code"), x -> x.getAs("status")));
    assertEquals(Map.of("QS01B01", "missing", "QS01B02", "missing", "QS01B03", "on_time", "QS02B01", "returned"),
        status);
  }

  @Test
  void rowsOfASheetThatIsNotALedgerSheetAreCountedApart() {
    IngestJob.FileReport f = files.get("QS01B02_2025Q1_complete.xlsx");
    // 名册 1 + 积分明细 1 accepted; 备注 has 3 non-blank rows of 4.
    assertEquals(List.of(5L, 2L, 0L, 3L), List.of(f.read(), f.accepted(), f.quarantined(), f.notLedger()));
    assertEquals("备注", f.otherSheets());
    assertEquals(3, wh.read(SharedSpark.get(), Warehouse.BRONZE, "ledger_rows").filter(col("sheet").equalTo("备注"))
        .count(), "kept in bronze");
    Row log = wh.read(SharedSpark.get(), Warehouse.META, "ingest_log")
        .filter(col("source_file").equalTo("2025Q1/QS01B02_2025Q1_complete.xlsx")).first();
    assertEquals(3L, log.<Long>getAs("rows_not_ledger"));
    assertEquals("备注", log.getAs("other_sheets"));
  }

  @Test
  void aFileNameNamingAnotherBranchIsTakenByTheCoverWithAWarning() {
    IngestJob.FileReport f = files.get("QS01B02_2025Q1_complete.xlsx");
    assertEquals("QS01B03", f.branchCode());
    assertEquals("current", f.outcome());
    assertEquals("FILE_NAME_BRANCH", f.warningCode());
    assertTrue(f.warningMessage().contains("names branch QS01B02 but the cover (封面, 支部编码) says QS01B03"),
        f.warningMessage());
    Row ledger = wh.read(SharedSpark.get(), Warehouse.SILVER, "ledgers").filter(col("branch_code").equalTo("QS01B03"))
        .first();
    assertEquals("FILE_NAME_BRANCH", ledger.getAs("warning_code"));
    Row log = wh.read(SharedSpark.get(), Warehouse.META, "ingest_log")
        .filter(col("source_file").equalTo("2025Q1/QS01B02_2025Q1_complete.xlsx")).first();
    assertEquals("FILE_NAME_BRANCH", log.getAs("warning_code"));

    IngestJob.FileReport agrees = files.get("QS02B01_2025Q1.zip");
    assertNull(agrees.warningCode(), "the name and the cover agree");
    assertNull(files.get("cover_only").warningCode(), "a name without any branch code says nothing");

    java.io.StringWriter out = new java.io.StringWriter();
    try (var sql = org.jifen.read.WarehouseSql.open(wh, SharedSpark::get, null, org.jifen.cli.StatusCommand.TABLES)) {
      org.jifen.cli.StatusCommand.printFileWarnings(new java.io.PrintWriter(out, true), sql, List.of("2025Q1"));
    }
    assertTrue(out.toString().contains("2025Q1 [FILE_NAME_BRANCH] 2025Q1/QS01B02_2025Q1_complete.xlsx: the file name "
        + "names branch QS01B02"), out.toString());
    assertTrue(out.toString().contains("2025Q1 [NOT_A_LEDGER_SHEET] 2025Q1/QS01B02_2025Q1_complete.xlsx: 3 row(s) on "
        + "sheet(s) 备注"), out.toString());
  }

  @Test
  void valuesLongerThanTheirColumnsLimitAreQuarantinedWithTheColumnAndLength() {
    IngestJob.FileReport f = files.get("QS02B01_2025Q1.zip");
    // 名册 3 rows (1 too long), 积分明细 2 rows (1 too long).
    assertEquals(List.of(5L, 3L, 2L, 0L), List.of(f.read(), f.accepted(), f.quarantined(), f.notLedger()));
    List<Row> q = quarantine("QS02B01_2025Q1.zip");
    assertEquals(List.of("VALUE_TOO_LONG", "VALUE_TOO_LONG"), q.stream().map(r -> r.<String>getAs("reason_code"))
        .toList());
    Row roster = q.stream().filter(r -> "名册".equals(r.getAs("sheet"))).findFirst().orElseThrow();
    assertEquals(4, (int) roster.<Integer>getAs("row_num"));
    assertEquals("姓名", roster.getAs("column_name"));
    assertEquals("2025Q1/QS02B01_2025Q1.zip, sheet 名册, row 4, column 姓名: 姓名 has 1001 characters (expected at "
        + "most 1000: a longer value is taken as a paste error or a damaged file)", roster.getAs("message"));
    assertEquals("名".repeat(40) + "… (1001 characters)", roster.getAs("raw_value"));
    Row entry = q.stream().filter(r -> "积分明细".equals(r.getAs("sheet"))).findFirst().orElseThrow();
    assertEquals(3, (int) entry.<Integer>getAs("row_num"), "the 51-character 依据; the 50-character one is accepted");
    assertEquals("依据", entry.getAs("column_name"));
    assertTrue(entry.<String>getAs("message").contains("依据 has 51 characters (expected at most 50"),
        entry.<String>getAs("message"));
  }

  @Test
  void aCoverValueLongerThanItsLimitRejectsTheFileOnTheCover() {
    IngestJob.FileReport f = files.get("QS01B01_long_cover.xlsx");
    assertEquals("rejected", f.outcome());
    assertEquals("VALUE_TOO_LONG", f.problemCode());
    assertEquals(List.of(1L, 0L, 1L), List.of(f.read(), f.accepted(), f.quarantined()));
    Row q = quarantine("QS01B01_long_cover.xlsx").stream().filter(r -> r.getAs("row_num") != null).findFirst()
        .orElseThrow();
    assertEquals("封面", q.getAs("sheet"));
    assertEquals(2, (int) q.<Integer>getAs("row_num"));
    assertEquals("B", q.getAs("column_name"));
    assertTrue(q.<String>getAs("message").contains("封面 row 2, column B: the value of 支部名称 has 2000 characters "
        + "(expected at most 1000"), q.<String>getAs("message"));
  }

  @Test
  void coverFaultsRejectTheFileOnTheCoverRow() {
    assertEquals("COVER_INCOMPLETE", files.get("cover_without_quarter.xlsx").problemCode());
    assertEquals("COVER_INVALID_VERSION", files.get("cover_version_in_words.xlsx").problemCode());
    Row version = quarantine("cover_version_in_words.xlsx").get(0);
    assertEquals(List.of("封面", 8, "B", "二"), List.of(version.getAs("sheet"), version.getAs("row_num"),
        version.getAs("column_name"), version.getAs("raw_value")));
    assertTrue(version.<String>getAs("message").contains("版本 \"二\" is not a whole number >= 1"),
        version.<String>getAs("message"));
  }

  @Test
  void rosterAndEvaluationRowFaultsAreLocated() {
    List<String> found = quarantine("2025Q4/QS01B03_2025Q4.xlsx").stream().map(r -> r.getAs("sheet") + " row "
        + r.getAs("row_num") + " " + r.getAs("column_name") + " " + r.getAs("reason_code")).toList();
    assertEquals(List.of(
        "名册 row 5 党员身份 INVALID_STANDING",
        "名册 row 6 参加积分管理 INVALID_IN_POINTS_MANAGEMENT",
        "民主评议 row 2 评议等次 EVALUATION_EMPTY",
        "民主评议 row 3 评议等次 EVALUATION_GRADE_UNKNOWN",
        "民主评议 row 4 评议得分 EVALUATION_SCORE_INVALID"), found);
    IngestJob.FileReport f = files.get("QS01B03_2025Q4.xlsx");
    assertEquals(List.of(8L, 3L, 5L), List.of(f.read(), f.accepted(), f.quarantined()));
  }
}
