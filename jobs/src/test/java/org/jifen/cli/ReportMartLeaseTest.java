package org.jifen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.jifen.mart.MartBuilder;
import org.jifen.spark.ScratchSpace;
import org.jifen.spark.Warehouse;
import org.jifen.spark.WarehouseLease;
import org.jifen.testing.SampleWarehouse;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 19 point 3: {@code jifen report} never puts an older mart over a newer one. A report that
 * has to build the marts does it under the writer's lease, so no writer commits or publishes
 * between its pins and its rename (a slower report used to replace a run's mart with its own, older
 * one: new scores, old statistics, 党员总数 0); {@code --as-of} a time still to come never serves a
 * mart pinned before the last commit; an {@code --as-of} far out of range is a usage error.
 */
class ReportMartLeaseTest {
  private static final String UNIT = "QS03";

  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run jifen(String... args) {
    CommandLine cl = Jifen.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return new Run(cl.execute(args), out.toString(), err.toString());
  }

  private static String[] report(Path wh, String... more) {
    return Stream.concat(Stream.of("report", "--warehouse", wh.toString(), "--master", "local[2]", "--period",
        "2025Q4", "--unit", UNIT), Stream.of(more)).toArray(String[]::new);
  }

  /** A copy of the aggregated samples without marts, reports or lease records. */
  private Path warehouse(String name) throws Exception {
    Path wh = JifenJvms.copy(Path.of(SampleWarehouse.aggregated().root()), dir.resolve(name));
    for (String d : List.of("marts", "reports", WarehouseLease.FOLDER)) {
      ScratchSpace.deleteQuietly(wh.resolve(d));
    }
    return wh;
  }

  /** Rows of {@code org_period_stats} for 2025Q4 in a mart file. */
  private static long q4StatsRows(Path mart) throws Exception {
    Properties ro = new Properties();
    ro.setProperty("duckdb.read_only", "true");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + mart.toAbsolutePath(), ro);
         Statement st = c.createStatement();
         ResultSet r = st.executeQuery("SELECT count(*) FROM org_period_stats WHERE period = '2025Q4'")) {
      r.next();
      return r.getLong(1);
    }
  }

  /** A writer's commit: gold/org_period_stats loses its 2025Q4 rows (as a recomputation might change them). */
  private static void commitNewStatistics(Path wh) {
    String table = new Warehouse(wh.toString()).path(Warehouse.GOLD, "org_period_stats");
    SharedSpark.get().sql("DELETE FROM delta.`" + table + "` WHERE period = '2025Q4'");
  }

  @Test
  void aReportBuildingTheMartsHoldsTheLeaseSoNoWriterPublishesBetweenItsPinsAndItsRename() throws Exception {
    Path wh = warehouse("wh");
    Path marts = wh.resolve("marts");
    Path mart = marts.resolve("jifen.duckdb");
    Path restricted = marts.resolve(MartBuilder.RESTRICTED_FILE);
    try (JifenJvms jvms = new JifenJvms(dir)) {
      // A writer is running: the report, which must build the marts, is refused (or waits with --wait).
      try (WarehouseLease writer = WarehouseLease.acquire(null, wh.toString(), "run", Duration.ZERO)) {
        assertEquals(ExitCodes.USAGE, jvms.run("busy", report(wh)), jvms.err("busy"));
        assertTrue(jvms.err("busy").contains("warehouse busy: jifen run by"), jvms.err("busy"));
        assertFalse(Files.exists(restricted), "nothing built while the writer runs");
        writer.succeeded();
      }

      // The report has pinned the warehouse (it stops right after): a writer cannot commit or
      // publish now; it is refused at once, or waits for the report with --wait.
      Path paused = dir.resolve("reader.paused");
      Process reader = jvms.start("reader", JifenJvms.pauseAt("Explaining the quarter scores", paused), report(wh));
      JifenJvms.awaitFile(paused, reader, 600);
      Run refused = jifen("mart", "--warehouse", wh.toString(), "--master", "local[2]");
      assertEquals(ExitCodes.USAGE, refused.code(), refused.out() + refused.err());
      assertTrue(refused.err().contains("warehouse busy: jifen report by"), refused.err());
      assertFalse(Files.exists(mart), "the writer published nothing under the report");

      Files.delete(paused); // the report goes on: builds, renames, renders
      assertEquals(ExitCodes.OK, jvms.finish(reader, "reader"), jvms.err("reader"));
      assertTrue(MartBuilder.restrictedInStep(mart));
      long before = q4StatsRows(mart);
      assertTrue(before > 0, "the samples have 2025Q4 statistics");
      assertTrue(Files.isDirectory(wh.resolve("reports").resolve("2025Q4").resolve(UNIT)));
    }

    // The writer's turn: a commit and its marts (the restricted one kept in step).
    commitNewStatistics(wh);
    Run mart2 = jifen("mart", "--warehouse", wh.toString(), "--master", "local[2]");
    assertEquals(ExitCodes.OK, mart2.code(), mart2.err());
    assertEquals(0, q4StatsRows(mart));
    assertEquals(0, q4StatsRows(restricted));
    // A later report renders from the writer's marts and leaves them as they are.
    Run later = jifen(report(wh));
    assertEquals(ExitCodes.OK, later.code(), later.err());
    assertFalse(later.err().contains("building the marts"), later.err());
    assertEquals(0, q4StatsRows(mart));
    assertTrue(MartBuilder.restrictedInStep(mart));
  }

  @Test
  void asOfATimeStillToComeServesTheWarehouseAsItStandsNotACachedMart() throws Exception {
    Path wh = warehouse("wh-future");
    Instant future = Instant.now().plus(Duration.ofDays(1));
    String time = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(future.atOffset(ZoneOffset.ofHours(8)));
    String tag = "as-of-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").format(future.atOffset(ZoneOffset.ofHours(8)));
    Path asOfMart = wh.resolve("marts").resolve(tag).resolve(MartBuilder.RESTRICTED_FILE);

    Run first = jifen(report(wh, "--as-of", time));
    assertEquals(ExitCodes.OK, first.code(), first.err());
    long before = q4StatsRows(asOfMart);
    assertTrue(before > 0, "the samples have 2025Q4 statistics");

    commitNewStatistics(wh); // committed before the requested time
    Run second = jifen(report(wh, "--as-of", time));
    assertEquals(ExitCodes.OK, second.code(), second.err());
    assertEquals(0, q4StatsRows(asOfMart), "the commit made before the requested time is in the pack's mart");

    // A time already past, with a mart pinned after it: that mart is reused as it is.
    Instant past = Instant.now().minusSeconds(2);
    String pastTime = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(past.atOffset(ZoneOffset.ofHours(8)));
    Path pastMart = wh.resolve("marts").resolve("as-of-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
        .format(past.atOffset(ZoneOffset.ofHours(8)))).resolve(MartBuilder.RESTRICTED_FILE);
    assertEquals(ExitCodes.OK, jifen(report(wh, "--as-of", pastTime)).code());
    Instant pinned = MartBuilder.pinnedAt(pastMart);
    assertTrue(pinned.isAfter(past), pinned + " after " + past);
    Run again = jifen(report(wh, "--as-of", pastTime));
    assertEquals(ExitCodes.OK, again.code(), again.err());
    assertEquals(pinned, MartBuilder.pinnedAt(pastMart), "the mart of a past time is not rebuilt");
  }

  @Test
  void anAsOfFarOutOfRangeIsAUsageErrorThatSaysSo() {
    for (String t : List.of("+99999-01-01T00:00:00+08:00", "+999999999-12-31T23:59:59Z", "1969-12-31T00:00:00Z")) {
      Run r = jifen("report", "--warehouse", dir.resolve("none").toString(), "--period", "2025", "--as-of", t);
      assertEquals(ExitCodes.USAGE, r.code(), t + ": " + r.err());
      assertTrue(r.err().contains("--as-of: '" + t + "' is out of range (expected a time from 1970-01-01 to "
          + "9999-12-31"), r.err());
      assertFalse(r.err().contains("overflow"), r.err());
    }
  }
}
