package org.jifen.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A ledger with a cover but no roster is not a submission (issue: nothing silently ignored). */
class NoRosterIngestTest {
  @TempDir Path tmp;

  @Test
  void aLedgerWithoutRosterIsRejectedAndItsBranchStaysMissing() throws Exception {
    SparkSession spark = SharedSpark.get();
    Warehouse wh = new Warehouse(tmp.resolve("warehouse").toString());
    Path q1 = tmp.resolve("inbox").resolve("2025Q1");
    LedgerFixture.received(LedgerFixture.branch("QS01B01", 2025, 1)
        .entry("2025-01-10", "M001", "A5", "2")
        .entry("2025-01-11", "M002", "A5", "1")
        .xlsx(q1, "cover_and_entries_only"), IngestJobTest.ON_TIME);
    LedgerFixture.received(LedgerFixture.branch("QS01B02", 2025, 1)
        .csvFolder(q1, "cover_only", java.nio.charset.StandardCharsets.UTF_8), IngestJobTest.ON_TIME);
    LedgerFixture.received(LedgerFixture.branch("QS01B03", 2025, 1).member("M010")
        .entry("2025-02-02", "M010", "A8", "5")
        .xlsx(q1, "complete"), IngestJobTest.ON_TIME);
    IngestJob.Options o = new IngestJob.Options(LedgerFixture.orgTree(tmp).toString(), tmp.resolve("inbox").toString(),
        null, ReceivedTimes.fileTimes(), org.jifen.config.DistrictConfig.DEADLINE_DAYS_DEFAULT, year -> {
          var s = Schemes.load("district-100");
          return new SchemeRules(year, s.id(), s.itemRules(), s.evaluationGrades());
        });
    IngestJob.Result r = new IngestJob(spark, wh).run(o, Progress.none());

    Map<String, IngestJob.FileReport> f = r.files().stream()
        .collect(Collectors.toMap(x -> x.sourceFile().substring(7), x -> x));
    assertTrue(r.files().stream().allMatch(IngestJob.FileReport::reconciles), r.files().toString());
    IngestJob.FileReport entriesOnly = f.get("cover_and_entries_only.xlsx");
    assertEquals("NO_ROSTER", entriesOnly.problemCode());
    assertEquals("rejected", entriesOnly.outcome());
    assertEquals(List.of(2L, 0L, 2L), List.of(entriesOnly.read(), entriesOnly.accepted(), entriesOnly.quarantined()),
        "the two entries are accounted for as quarantined");
    assertEquals("NO_ROSTER", f.get("cover_only").problemCode());
    assertEquals("current", f.get("complete.xlsx").outcome());

    Row q = wh.read(spark, Warehouse.QUARANTINE, "rows")
        .filter(col("source_file").equalTo("2025Q1/cover_and_entries_only.xlsx")
            .and(col("reason_code").equalTo("NO_ROSTER")).and(col("sheet").equalTo("名册")))
        .select("message").first();
    assertTrue(q.getString(0).contains("名册: no member rows"), q.getString(0));

    Map<String, String> status = wh.read(spark, Warehouse.SILVER, "submissions").filter(col("period").equalTo("2025Q1"))
        .collectAsList().stream().collect(Collectors.toMap(x -> x.getAs("branch_code"), x -> x.getAs("status")));
    assertEquals("missing", status.get("QS01B01"), "a ledger without roster is not a submission");
    assertEquals("missing", status.get("QS01B02"));
    assertEquals("on_time", status.get("QS01B03"));
  }
}
