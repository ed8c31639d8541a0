package org.jifen.cli;

import static org.jifen.cli.JifenJvms.FILES;
import static org.jifen.cli.JifenJvms.PERIOD;
import static org.jifen.cli.JifenJvms.assertSameTables;
import static org.jifen.cli.JifenJvms.rows;
import static org.jifen.cli.JifenJvms.runArgs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.functions;
import org.jifen.mart.MartDiff;
import org.jifen.mart.MartSecret;
import org.jifen.spark.ScratchSpace;
import org.jifen.spark.Warehouse;
import org.jifen.spark.WarehouseLease;
import org.jifen.testing.SampleWarehouse;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jifen run} killed with SIGKILL at every stage boundary that leaves a different state on
 * disk, with real JVMs ({@link JifenJvms}). The crashes are chained: each run starts on the
 * warehouse the killed one left, so it must recover, and is itself killed at the next boundary;
 * between some of them a branch withdraws its file, replaces one by a corrected version 2, or
 * sends a late one. The last run completes, and its warehouse (every silver, quarantine and gold
 * table, bronze, the committed files of the ingest log), mart and packs must equal those of one
 * uninterrupted run on the final inbox, with nothing left of the interrupted runs.
 */
class CrashRecoveryTest {
  /** Arrives late: after the last crash. */
  private static final String LATE = FILES.get(0);
  /** Corrected (版本 2) after the second crash, before its version 1 was ever committed. */
  private static final String CORRECTED = FILES.get(2);
  private static final String CORRECTED_V2 = CORRECTED + "_v2";
  /** Withdrawn by its branch after the first crash, before it was ever committed. */
  private static final String WITHDRAWN = FILES.get(4);
  /** Encoding of the samples' CSV folder exports of QS01B03. */
  private static final Charset GBK = Charset.forName("GBK");

  @TempDir Path dir;

  @Test
  void aRunKilledAtEveryStageBoundaryEndsLikeAnUninterruptedRun() throws Exception {
    long t0 = System.nanoTime();
    ExecutorService background = Executors.newSingleThreadExecutor();
    try (JifenJvms jvms = new JifenJvms(dir)) {
      Path inbox = jvms.inbox("inbox");
      Path quarter = inbox.resolve(PERIOD);
      Path aside = Files.createDirectories(dir.resolve("aside"));
      Path v2 = correctedVersion(quarter.resolve(CORRECTED), aside.resolve(CORRECTED_V2));
      Files.writeString(inbox.resolve("received.csv"), PERIOD + "," + CORRECTED_V2 + ",2025-04-09T09:30:00+08:00\n",
          StandardOpenOption.APPEND);
      Files.move(quarter.resolve(LATE), aside.resolve(LATE));
      Path wh = dir.resolve("wh");
      Path ref = dir.resolve("reference");

      // The reference: one uninterrupted run (in this JVM) on the inbox as it is at the end, with
      // the warehouse key of the crashed runs (silver's ID hashes and the mart's member keys use it).
      Path finalInbox = jvms.inbox("final-inbox");
      Path finalQuarter = finalInbox.resolve(PERIOD);
      ScratchSpace.deleteQuietly(finalQuarter.resolve(WITHDRAWN));
      ScratchSpace.deleteQuietly(finalQuarter.resolve(CORRECTED));
      JifenJvms.copy(v2, finalQuarter.resolve(CORRECTED_V2));
      Files.writeString(finalInbox.resolve("received.csv"), Files.readString(inbox.resolve("received.csv")));
      sameKey(ref, wh);
      Future<Double> reference = background.submit(() -> {
        long r0 = System.nanoTime();
        assertEquals(ExitCodes.OK, runHere(finalInbox, ref));
        return (System.nanoTime() - r0) / 1e9;
      });

      String[] run = runArgs(inbox, wh, "--pseudonymous");
      // 1. Bronze of four files written, nothing committed.
      jvms.killAt("run1", "Conforming", run);
      assertTrue(exists(wh, "bronze/ledger_rows") && !exists(wh, "silver") && !exists(wh, "meta/ingest_log"));
      // The branch withdraws its file: the next run must drop its bronze rows.
      Files.move(quarter.resolve(WITHDRAWN), aside.resolve(WITHDRAWN));

      // 2. Silver and quarantine replaced by a batch that is not committed.
      jvms.killAt("run2", "Committing the batch", run);
      recovered(jvms, "run2");
      assertFalse(exists(wh, "meta/ingest_log"));
      assertEquals(1, ledgers(wh, CORRECTED), "silver shows the uncommitted ledger");
      // Its branch replaces the ledger by a corrected version 2: silver must not keep version 1.
      ScratchSpace.deleteQuietly(quarter.resolve(CORRECTED));
      JifenJvms.copy(v2, quarter.resolve(CORRECTED_V2));

      // 3. The batch committed, the quarter not scored yet.
      jvms.killAt("run3", "Scoring", run);
      recovered(jvms, "run3");
      assertEquals(0, ledgers(wh, CORRECTED), "version 1 rolled back");
      assertEquals(1, ledgers(wh, CORRECTED_V2));
      assertFalse(exists(wh, "gold"));

      // 4. Scores written, no gold statistics ("Planning periods" and the start of "Writing gold
      // tables" leave the same state: the aggregation writes nothing before its tables).
      jvms.killAt("run4", "Planning periods", run);
      recovered(jvms, "run4");
      assertTrue(exists(wh, "gold/" + org.jifen.score.ScoringJob.QUARTER_TABLE) && !exists(wh, "gold/org_period_stats"));

      // 5. Gold written, the mart being built in its work folder ("Pinning the warehouse tables",
      // the mart's first step, leaves the same state: the work folder is made before it).
      jvms.killAt("run5", "Building the mart in DuckDB", run);
      recovered(jvms, "run5");
      assertEquals(1, leftovers(wh.resolve("marts"), ".jifen-mart-build-").size(), "the killed build's work folder");
      assertFalse(Files.exists(wh.resolve("marts/jifen.duckdb")));

      // 6. The mart written, no pack yet; the work folder of the killed build is gone.
      jvms.killAt("run6", "Rendering the report packs", run);
      recovered(jvms, "run6");
      assertTrue(Files.exists(wh.resolve("marts/jifen.duckdb")) && !Files.exists(wh.resolve("reports")));
      assertEquals(List.of(), leftovers(wh.resolve("marts"), ".jifen-mart-build-"));
      // A late file arrives: scores, gold statistics and the mart of the killed runs lack it, so
      // the last run must ingest it (a second committed batch) and recompute all of them.
      Files.move(aside.resolve(LATE), quarter.resolve(LATE));

      // The run that completes.
      assertEquals(ExitCodes.OK, jvms.run("run7", run), () -> jvms.err("run7"));
      recovered(jvms, "run7");
      assertTrue(jvms.out("run7").contains("files accepted 1, rejected 0, already ingested (duplicates) 3"),
          () -> jvms.out("run7"));

      double referenceTime = reference.get(900, TimeUnit.SECONDS);
      long c0 = System.nanoTime();
      assertSameTables(ref, wh, 15); // silver 7, quarantine 1, gold 7
      for (String t : List.of("ledger_files", "ledger_rows")) {
        assertEquals(rows(ref, Warehouse.BRONZE, t), rows(wh, Warehouse.BRONZE, t), "bronze/" + t);
      }
      assertEquals(committedFiles(ref), committedFiles(wh), "files of the committed batches");
      assertEquals(List.of(), MartDiff.diffAcrossRuns(ref.resolve("marts/jifen.duckdb"),
          wh.resolve("marts/jifen.duckdb"), new LinkedHashMap<>()), "the mart");
      List<String> packs = files(ref.resolve("reports"));
      assertFalse(packs.isEmpty());
      assertEquals(packs, files(wh.resolve("reports")), "the report packs");
      noLeftovers(wh);
      double compareTime = (System.nanoTime() - c0) / 1e9;

      List<String> report = new ArrayList<>(jvms.timings());
      report.add(String.format("reference run in this JVM (beside the crashed runs) %.1f s", referenceTime));
      report.add(String.format("comparisons %.1f s; whole test %.1f s", compareTime, (System.nanoTime() - t0) / 1e9));
      System.out.println("CrashRecoveryTest timings:\n  " + String.join("\n  ", report));
    } finally {
      background.shutdownNow();
    }
  }

  /** The run followed a crash: it took over a lease its holder never released and rolled back. */
  private static void recovered(JifenJvms jvms, String tag) {
    assertTrue(jvms.err(tag).contains("[jifen] Recovering from unfinished batches"), () -> jvms.err(tag));
  }

  /** Runs {@code jifen run --pseudonymous} in this JVM, with the shared SparkSession. */
  private static int runHere(Path inbox, Path wh) throws Exception {
    CommonOptions common = new CommonOptions();
    common.warehouse = wh.toString();
    StringWriter out = new StringWriter();
    return QuarterlyRun.run(new PrintWriter(out), SharedSpark.get(), common, new QuarterlyRun.Inputs(
        SampleWarehouse.samples().resolve("orgs.xlsx").toString(), inbox.toString(), PERIOD,
        inbox.resolve("received.csv").toString(), null, false, null, true));
  }

  /** Gives warehouse {@code b} (not created yet) the key of {@code a} (created here). */
  private static void sameKey(Path a, Path b) throws IOException {
    String file = new Warehouse(a.toString()).file(MartSecret.FILE);
    MartSecret.loadOrCreate(file, new org.apache.hadoop.conf.Configuration());
    Files.createDirectory(b, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path to = Path.of(new Warehouse(b.toString()).file(MartSecret.FILE));
    Files.createDirectories(to.getParent());
    Files.copy(Path.of(file), to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
  }

  /**
   * Version 2 of the CSV folder export {@code v1}: 版本 2 on its cover and its first 积分明细 row
   * withdrawn (an appeal upheld), written to {@code to}.
   */
  private static Path correctedVersion(Path v1, Path to) throws IOException {
    JifenJvms.copy(v1, to);
    Path cover = to.resolve("封面.csv");
    String c = new String(Files.readAllBytes(cover), GBK);
    assertTrue(c.contains("版本,1\r\n"), c);
    Files.write(cover, c.replace("版本,1\r\n", "版本,2\r\n").getBytes(GBK));
    Path entries = to.resolve("积分明细.csv");
    List<String> lines = new ArrayList<>(Arrays.asList(new String(Files.readAllBytes(entries), GBK).split("\r\n", -1)));
    lines.remove(1);
    Files.write(entries, String.join("\r\n", lines).getBytes(GBK));
    return to;
  }

  private static boolean exists(Path wh, String relative) {
    return Files.exists(wh.resolve(relative));
  }

  /** Silver ledgers read from the export {@code sourceFile} of the quarter. */
  private static long ledgers(Path wh, String sourceFile) {
    return new Warehouse(wh.toString()).read(SharedSpark.get(), Warehouse.SILVER, "ledgers")
        .filter(functions.col("source_file").equalTo(PERIOD + "/" + sourceFile)).count();
  }

  /** The files the committed batches took in (accepted or rejected), with their counts, in order. */
  private static List<String> committedFiles(Path wh) {
    return new Warehouse(wh.toString()).read(SharedSpark.get(), Warehouse.META, "ingest_log")
        .filter(functions.col("outcome").notEqual("duplicate"))
        .selectExpr("concat_ws(' ', period, source_file, file_sha256, branch_code, version, received_at, outcome, "
            + "rows_read, rows_accepted, rows_quarantined, problem_code)")
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList().stream().sorted().toList();
  }

  /** Every file under {@code root}, relative, in order. */
  private static List<String> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
    }
  }

  /** Entries of {@code folder} whose names start with {@code prefix}. */
  private static List<Path> leftovers(Path folder, String prefix) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(folder)) {
      return list.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
    }
  }

  /** Nothing is left of the interrupted runs: work folders, pack folders, scratch space, the lease. */
  private static void noLeftovers(Path wh) throws IOException {
    assertEquals(List.of(), leftovers(wh.resolve("marts"), ".jifen-mart-build-"), "unfinished mart builds");
    try (Stream<Path> periods = Files.list(wh.resolve("reports"))) {
      for (Path p : periods.toList()) {
        assertEquals(List.of(), leftovers(p, "."), "unfinished pack folders");
      }
    }
    TreeSet<String> scratch = new TreeSet<>();
    try (Stream<Path> list = Files.list(wh.resolve(ScratchSpace.FOLDER))) {
      list.map(p -> p.getFileName().toString()).forEach(scratch::add);
    }
    assertEquals(new TreeSet<>(), scratch, "scratch folders of processes (all ended)");
    String holder = Files.readString(wh.resolve(WarehouseLease.FOLDER).resolve("holder.json"), StandardCharsets.UTF_8);
    assertTrue(holder.contains("\"state\" : \"released\""), holder);
  }
}
