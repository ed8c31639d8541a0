package org.jifen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.jifen.bench.WarehouseDiff;
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
 * Two writers on one warehouse, and writers killed with SIGKILL at stage boundaries, with real
 * {@code jifen} JVMs. Every outcome is compared table by table ({@link WarehouseDiff}) with an
 * uninterrupted ingest of the same inbox.
 */
class ConcurrentWritersTest {
  private static final String PERIOD = "2025Q1";

  @TempDir Path dir;

  /** Branch exports of the samples' 2025Q1 copied (xlsx, CSV folders and a zip): enough to crash in any stage. */
  private static final List<String> FILES = List.of("QS01B01_2025Q1.xlsx", "QS01B02_2025Q1.xlsx", "QS01B03_2025Q1",
      "QS02B06_2025Q1.zip", "QS03B01_2025Q1.xlsx");

  /** A copy of part of the samples' 2025Q1 inbox (the test changes it). */
  private Path inbox(String name) throws Exception {
    Path src = SampleWarehouse.samples().resolve("inbox");
    Path dst = dir.resolve(name);
    for (String f : FILES) {
      copy(src.resolve(PERIOD).resolve(f), dst.resolve(PERIOD).resolve(f));
    }
    Files.copy(src.resolve("received.csv"), dst.resolve("received.csv"));
    return dst;
  }

  /** Starts {@code jifen <args>} in its own JVM; stdout and stderr go to files named after {@code tag}. */
  private Process jifen(String tag, List<String> jvm, String... args) throws Exception {
    Properties build = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/jifen-build.properties")) {
      build.load(in);
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(Arrays.asList(build.getProperty("jvm.flags").trim().split("\\s+")));
    cmd.addAll(List.of("-Xmx1g", "-Duser.timezone=Asia/Shanghai", "-Dspark.sql.shuffle.partitions=2"));
    cmd.addAll(jvm);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Jifen.class.getName()));
    cmd.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(dir.resolve(tag + ".out").toFile())
        .redirectError(dir.resolve(tag + ".err").toFile());
    pb.environment().put("JIFEN_PLAIN_PROGRESS", "1");
    return pb.start();
  }

  private String[] ingestArgs(Path inbox, Path wh, String... more) {
    List<String> a = new ArrayList<>(List.of("ingest", "--orgs", SampleWarehouse.samples().resolve("orgs.xlsx")
        .toString(), "--inbox", inbox.toString(), "--received", inbox.resolve("received.csv").toString(),
        "--period", PERIOD, "--warehouse", wh.toString(), "--master", "local[2]"));
    a.addAll(Arrays.asList(more));
    return a.toArray(String[]::new);
  }

  /** JVM options that stop the process when it reaches {@code step}, writing the step to a file. */
  private List<String> pauseAt(String step, Path marker) {
    return List.of("-Djifen.test.pauseAt=" + step, "-Djifen.test.pauseFile=" + marker);
  }

  private static void awaitFile(Path f, Process p, int seconds) throws Exception {
    for (int i = 0; i < seconds * 10 && !Files.exists(f); i++) {
      assertTrue(p.isAlive(), () -> "the writer ended before reaching its pause point (exit " + p.exitValue() + ")");
      Thread.sleep(100);
    }
    assertTrue(Files.exists(f), "the writer did not reach its pause point in " + seconds + " s");
  }

  private int finish(Process p, String tag) throws Exception {
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), tag + " did not finish");
    return p.exitValue();
  }

  private String err(String tag) {
    try {
      return Files.readString(dir.resolve(tag + ".err"), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void kill(Process p) throws Exception {
    p.destroyForcibly(); // SIGKILL
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(137, p.exitValue(), "killed by SIGKILL");
  }

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

  /** A copy of a file or folder tree (a ledger export, a warehouse with its tables as they are now). */
  private static Path copy(Path from, Path to) throws Exception {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.createDirectories(t.getParent());
          Files.copy(p, t);
        }
      }
    }
    return to;
  }

  private static void assertSameTables(Path expected, Path actual) {
    WarehouseDiff.Result d = WarehouseDiff.compare(SharedSpark.get(), expected.toString(), actual.toString());
    java.io.ByteArrayOutputStream report = new java.io.ByteArrayOutputStream();
    WarehouseDiff.print(d, new java.io.PrintStream(report, true, StandardCharsets.UTF_8));
    assertTrue(d.identical(), report.toString(StandardCharsets.UTF_8));
    assertTrue(d.tables().size() >= 8, "silver and quarantine tables compared: " + d.tables().size());
  }

  private static long rows(Path wh, String layer, String table) {
    return new Warehouse(wh.toString()).read(SharedSpark.get(), layer, table).count();
  }

  /**
   * One writer killed with SIGKILL after it replaced silver and quarantine but before it committed
   * its batch, while a second writer is refused and a third waits; the branch withdraws the file
   * before the waiting writer's run, which finds nothing new and must still roll the silver back.
   */
  @Test
  void aWriterKilledAfterSilverIsRolledBackAndOtherWritersAreRefusedOrWait() throws Exception {
    Path inbox = inbox("inbox");
    Path late = inbox.resolve(PERIOD).resolve(FILES.get(0));
    Path aside = dir.resolve(FILES.get(0));
    Files.move(late, aside);
    Path wh = dir.resolve("wh");
    ingestHere(inbox, wh); // the quarter as committed before the late file arrives
    Path reference = copy(wh, dir.resolve("reference")); // what the warehouse must hold at the end

    // A branch's late file arrives; A ingests it and stops after replacing silver and quarantine.
    Files.move(aside, late);
    Path paused = dir.resolve("a.paused");
    Process a = jifen("a", pauseAt("Committing the batch", paused), ingestArgs(inbox, wh));
    java.util.concurrent.ExecutorService waiter = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      awaitFile(paused, a, 240);
      assertEquals(rows(reference, Warehouse.SILVER, "ledgers") + 1, rows(wh, Warehouse.SILVER, "ledgers"),
          "A has published its ledger in silver before being killed");

      // A second writer (its own JVM) is refused at once, before it changes anything.
      Process b = jifen("b", List.of(), ingestArgs(inbox, wh));
      assertEquals(ExitCodes.USAGE, finish(b, "b"), () -> err("b"));
      assertTrue(err("b").contains("warehouse busy: jifen ingest by "), () -> err("b"));
      assertTrue(err("b").contains("(pid " + a.pid() + ")"), () -> err("b"));
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
    assertSameTables(reference, wh);
    assertEquals(rows(reference, Warehouse.BRONZE, "ledger_rows"), rows(wh, Warehouse.BRONZE, "ledger_rows"),
        "the killed writer's bronze rows were rolled back");
    assertEquals(rows(reference, Warehouse.BRONZE, "ledger_files"), rows(wh, Warehouse.BRONZE, "ledger_files"));
  }
}
