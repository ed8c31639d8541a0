package org.jifen.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jifen.spark.Warehouse;
import org.jifen.testing.SampleWarehouse;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end: the bundled data-samples/ ingested into a fresh warehouse. Expectations come from
 * the generator's own record of what it wrote (faults.csv, data-samples/README.md).
 */
class DataSamplesIngestTest {
  static SparkSession spark;
  static Warehouse wh;
  static IngestJob.Result result;

  @BeforeAll
  static void ingest() throws Exception {
    spark = SharedSpark.get();
    wh = SampleWarehouse.get();
    result = SampleWarehouse.ingestResult();
  }

  private static Dataset<Row> t(String layer, String name) {
    return wh.read(spark, layer, name);
  }

  @Test
  void everyFileReconcilesAndTheTotalsAddUp() {
    assertEquals(120, result.files().size());
    assertTrue(result.files().stream().allMatch(IngestJob.FileReport::reconciles));
    long read = result.files().stream().mapToLong(IngestJob.FileReport::read).sum();
    long accepted = result.files().stream().mapToLong(IngestJob.FileReport::accepted).sum();
    long quarantined = result.files().stream().mapToLong(IngestJob.FileReport::quarantined).sum();
    long notLedger = result.files().stream().mapToLong(IngestJob.FileReport::notLedger).sum();
    assertEquals(read, accepted + quarantined + notLedger);
    // Eight exports carry a 填表说明 (instructions) sheet of 6 non-blank rows (counted from the
    // sheets' XML): read, kept in bronze, counted apart, never used.
    List<IngestJob.FileReport> withOther = result.files().stream().filter(f -> f.notLedger() > 0).toList();
    assertEquals(8, withOther.size(), withOther.toString());
    assertTrue(withOther.stream().allMatch(f -> f.notLedger() == 6 && "填表说明".equals(f.otherSheets())),
        withOther.toString());
    assertEquals(48, notLedger);
    assertEquals(read, t(Warehouse.BRONZE, "ledger_rows").filter(col("sheet").notEqual("封面")).count(),
        "every data row read is in bronze");
    long silverRows = 0;
    for (String s : List.of("members", "entries", "evaluations", "actions")) {
      silverRows += t(Warehouse.SILVER, s).count();
    }
    long superseded = result.files().stream().filter(f -> f.outcome().equals("superseded"))
        .mapToLong(IngestJob.FileReport::accepted).sum();
    assertEquals(accepted, silverRows + superseded, "accepted rows of current ledgers are exactly silver's rows");
  }

  @Test
  void everyDeliberateFaultIsQuarantinedWhereTheGeneratorPutIt() throws Exception {
    List<String> lines = Files.readAllLines(SampleWarehouse.samples().resolve("faults.csv"));
    List<Row> q = t(Warehouse.QUARANTINE, "rows").collectAsList();
    assertEquals(lines.size() - 1, q.size(), "nothing quarantined beyond the deliberate faults");
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      String source = f[0] + "/" + f[1];
      List<Row> hits = new ArrayList<>();
      for (Row r : q) {
        boolean sameFile = source.equals(r.getAs("source_file")) && f[5].equals(r.getAs("reason_code"));
        boolean sameRow = f[3].isEmpty() || (f[2].equals(r.getAs("sheet"))
            && Integer.parseInt(f[3]) == (int) r.<Integer>getAs("row_num") && f[4].equals(r.getAs("column_name")));
        if (sameFile && sameRow) {
          hits.add(r);
        }
      }
      assertEquals(1, hits.size(), "fault " + line);
      String message = hits.get(0).getAs("message");
      assertTrue(message.startsWith(source), message);
      if (!f[3].isEmpty()) {
        assertTrue(message.startsWith(source + ", sheet " + f[2] + ", row " + f[3] + ", column " + f[4] + ": "), message);
      }
    }
  }

  @Test
  void submissionsMatchTheSampleReadme() {
    Map<String, String> notOnTime = new TreeMap<>();
    for (Row r : t(Warehouse.SILVER, "submissions").filter(col("status").notEqual("on_time")).collectAsList()) {
      notOnTime.put(r.getAs("period") + " " + r.getAs("branch_code"), r.getAs("status"));
    }
    Map<String, String> expected = new TreeMap<>(Map.ofEntries(
        Map.entry("2025Q1 QS01B09", "late"), Map.entry("2025Q1 QS04B01", "late"),
        Map.entry("2025Q2 QS01B02", "late"), Map.entry("2025Q2 QS01B04", "missing"),
        // Returned (报送被退回): the branch's only file was rejected whole (corrupt, wrong period,
        // encrypted, no cover; the branch from the file name where the cover is unreadable).
        Map.entry("2025Q2 QS01B08", "returned"),
        Map.entry("2025Q3 QS02B01", "late"), Map.entry("2025Q3 QS02B06", "late"),
        Map.entry("2025Q3 QS01B02", "missing"), Map.entry("2025Q3 QS04B05", "returned"),
        Map.entry("2025Q4 QS01B01", "late"), Map.entry("2025Q4 QS03Z1B01", "late"),
        Map.entry("2025Q4 QS03B03", "returned"), Map.entry("2025Q4 QS04B06", "returned")));
    assertEquals(expected, notOnTime);
    assertEquals(4 * 30, t(Warehouse.SILVER, "submissions").count(), "30 active branches in each of four quarters");
  }

  @Test
  void theAppealReExportReplacesVersionOne() {
    List<Row> ledgers = t(Warehouse.SILVER, "ledgers").filter(col("period").equalTo("2025Q2")
        .and(col("branch_code").equalTo("QS01B01"))).orderBy("version").collectAsList();
    assertEquals(List.of("superseded", "current"), ledgers.stream().map(r -> r.<String>getAs("status")).toList());
    long deductions = t(Warehouse.SILVER, "entries").filter(col("period").equalTo("2025Q2")
        .and(col("member_code").equalTo("DY686878")).and(col("item_code").equalTo("B2"))
        .and(col("entry_date").equalTo(java.sql.Date.valueOf("2025-06-24")))).count();
    assertEquals(0, deductions, "the appealed B2 -5 of 2025-06-24 is gone from silver");
  }

  @Test
  void rowCountsPerTable() {
    Map<String, Long> counts = new TreeMap<>();
    for (String s : List.of("members", "entries", "evaluations", "actions", "ledgers", "submissions")) {
      counts.put(s, t(Warehouse.SILVER, s).count());
    }
    counts.put("orgs", t(Warehouse.SILVER, "orgs").count());
    assertEquals(39L, counts.get("orgs"), "org tree rows (data-samples/README.md)");
    assertEquals(339L + 326 + 310 + 310, counts.get("members"));
    assertEquals(967L + 869 + 899 + 929, counts.get("entries"));
    assertEquals(120L - 5, counts.get("ledgers"), "120 exports, 5 rejected whole");
  }
}
