package org.jifen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.jifen.cli.JifenJvms.assertSameTables;
import static org.jifen.cli.JifenJvms.awaitFile;
import static org.jifen.cli.JifenJvms.copy;
import static org.jifen.cli.JifenJvms.ingestArgs;
import static org.jifen.cli.JifenJvms.kill;
import static org.jifen.cli.JifenJvms.pauseAt;
import static org.jifen.cli.JifenJvms.rows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.jifen.config.DistrictConfig;
import org.jifen.ingest.IngestJob;
import org.jifen.ingest.ReceivedTimes;
import org.jifen.ingest.SchemeRules;
import org.jifen.scheme.Scheme;
import org.jifen.scheme.Schemes;
import org.jifen.spark.Progress;
import org.jifen.spark.Warehouse;
import org.jifen.testing.SampleWarehouse;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers on one warehouse with real {@code jifen} JVMs ({@link JifenJvms}): one killed with SIGKILL
 * while others are refused or wait. The outcome is compared table by table
 * ({@link org.jifen.bench.WarehouseDiff}) with an uninterrupted ingest of the same inbox. Crashes at
 * every stage boundary of a whole run: {@link CrashRecoveryTest}.
 */
class ConcurrentWritersTest {
  private static final String PERIOD = JifenJvms.PERIOD;
  private static final List<String> FILES = JifenJvms.FILES;

  @TempDir Path dir;

  /** Ingests {@code inbox} in this JVM (the shared SparkSession), as the next run after a crash does. */
  private static IngestJob.Result ingestHere(Path inbox, Path wh) throws Exception {
    SparkSession spark = SharedSpark.get();
    Scheme scheme = Schemes.load(Schemes.DEFAULT_ID);
    IngestJob.Options o = new IngestJob.Options(SampleWarehouse.samples().resolve("orgs.xlsx").toString(),
        inbox.toString(), PERIOD, ReceivedTimes.parse(inbox.resolve("received.csv").toString(),
            spark.sparkContext().hadoopConfiguration()), DistrictConfig.DEADLINE_DAYS_DEFAULT,
        year -> new SchemeRules(year, scheme.id(), scheme.itemRules(), scheme.evaluationGrades()));
    return new IngestJob(spark, new Warehouse(wh.toString())).run(o, Progress.none());
  }

  /**
   * One writer killed with SIGKILL after it replaced silver and quarantine but before it committed
   * its batch, while a second writer is refused and a third waits; the branch withdraws the file
   * before the waiting writer's run, which finds nothing new and must still roll the silver back.
   */
  @Test
  void aWriterKilledAfterSilverIsRolledBackAndOtherWritersAreRefusedOrWait() throws Exception {
    try (JifenJvms jvms = new JifenJvms(dir)) {
      scenario(jvms);
    }
  }

  private void scenario(JifenJvms jvms) throws Exception {
    Path inbox = jvms.inbox("inbox");
    Path late = inbox.resolve(PERIOD).resolve(FILES.get(0));
    Path aside = dir.resolve(FILES.get(0));
    Files.move(late, aside);
    Path wh = dir.resolve("wh");
    ingestHere(inbox, wh); // the quarter as committed before the late file arrives
    Path reference = copy(wh, dir.resolve("reference")); // what the warehouse must hold at the end

    // A branch's late file arrives; A ingests it and stops after replacing silver and quarantine.
    Files.move(aside, late);
    Path paused = dir.resolve("a.paused");
    Process a = jvms.start("a", pauseAt("Committing the batch", paused), ingestArgs(inbox, wh));
    java.util.concurrent.ExecutorService waiter = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      awaitFile(paused, a, 240);
      assertEquals(rows(reference, Warehouse.SILVER, "ledgers") + 1, rows(wh, Warehouse.SILVER, "ledgers"),
          "A has published its ledger in silver before being killed");

      // A second writer (its own JVM) is refused at once, before it changes anything.
      Process b = jvms.start("b", List.of(), ingestArgs(inbox, wh));
      assertEquals(ExitCodes.USAGE, jvms.finish(b, "b"), () -> jvms.err("b"));
      assertTrue(jvms.err("b").contains("warehouse busy: jifen ingest by "), () -> jvms.err("b"));
      assertTrue(jvms.err("b").contains("(pid " + a.pid() + ")"), () -> jvms.err("b"));
      assertEquals(a.pid(), org.jifen.spark.WarehouseLease.holder(null, wh.toString()).orElseThrow().pid(),
          "status's view of the writer (read without blocking)");

      // A writer that waits (--wait) takes over when A is killed.
      java.util.concurrent.Future<org.jifen.spark.WarehouseLease> c = waiter.submit(() ->
          org.jifen.spark.WarehouseLease.acquire(null, wh.toString(), "ingest", java.time.Duration.ofSeconds(600)));
      Thread.sleep(2_000);
      assertFalse(c.isDone(), "with --wait the second writer waits for the first");
      kill(a);
      // Between the crash and the re-run the branch withdraws its file: nothing in the inbox is new.
      Files.move(late, aside);
      try (org.jifen.spark.WarehouseLease lease = c.get(60, TimeUnit.SECONDS)) {
        assertTrue(lease.recoveryNeeded(), "the killed writer's batch is to be rolled back");
        IngestJob.Result r = ingestHere(inbox, wh);
        assertTrue(r.files().stream().allMatch(f -> "duplicate".equals(f.outcome())), r.files().toString());
        lease.succeeded();
      }
    } finally {
      a.destroyForcibly();
      waiter.shutdownNow();
    }
    assertSameTables(reference, wh, 8); // silver and quarantine
    assertEquals(rows(reference, Warehouse.BRONZE, "ledger_rows"), rows(wh, Warehouse.BRONZE, "ledger_rows"),
        "the killed writer's bronze rows were rolled back");
    assertEquals(rows(reference, Warehouse.BRONZE, "ledger_files"), rows(wh, Warehouse.BRONZE, "ledger_files"));
  }
}
