package org.jifen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jifen.bench.WarehouseDiff;
import org.jifen.spark.Warehouse;
import org.jifen.testing.SampleWarehouse;
import org.jifen.testing.SharedSpark;

/**
 * Real {@code jifen} JVMs for the concurrency and crash tests: started with the test's classpath,
 * stopped at a named progress step (the {@code jifen.test.pauseAt} hook of
 * {@link org.jifen.spark.Progress}) and killed there with SIGKILL. Their stdout and stderr go to
 * {@code <dir>/<tag>.out} and {@code .err}; closing kills any still running.
 */
final class JifenJvms implements AutoCloseable {
  static final String PERIOD = "2025Q1";

  /** Branch exports of the samples' 2025Q1 (xlsx, a GBK CSV folder and a zip): enough to crash in any stage. */
  static final List<String> FILES = List.of("QS01B01_2025Q1.xlsx", "QS01B02_2025Q1.xlsx", "QS01B03_2025Q1",
      "QS02B06_2025Q1.zip", "QS03B01_2025Q1.xlsx");

  /**
   * JVM options of every child besides the launcher's: the test's heap and time zone, few shuffle
   * partitions, and less CPU for the JVM itself: the JIT's first tier only (these short runs are
   * mostly cold Spark planning code, where C2 compilations cost more CPU than they save) and the
   * serial collector (no GC threads competing for the machine's cores). Neither changes results.
   */
  private static final List<String> JVM = List.of("-Xmx1g", "-Duser.timezone=Asia/Shanghai",
      "-Dspark.sql.shuffle.partitions=2", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  private final Path dir;
  private final List<Process> started = new ArrayList<>();
  private final List<String> timings = new ArrayList<>();

  JifenJvms(Path dir) {
    this.dir = dir;
  }

  /** A copy of {@link #FILES} of the samples' 2025Q1 inbox with its {@code received.csv}, under {@code name}. */
  Path inbox(String name) throws IOException {
    Path src = SampleWarehouse.samples().resolve("inbox");
    Path dst = dir.resolve(name);
    for (String f : FILES) {
      copy(src.resolve(PERIOD).resolve(f), dst.resolve(PERIOD).resolve(f));
    }
    Files.copy(src.resolve("received.csv"), dst.resolve("received.csv"));
    return dst;
  }

  /** Starts {@code jifen <args>} in its own JVM with the extra JVM options {@code jvm}. */
  Process start(String tag, List<String> jvm, String... args) throws IOException {
    Properties build = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/jifen-build.properties")) {
      build.load(in);
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(Arrays.asList(build.getProperty("jvm.flags").trim().split("\\s+")));
    cmd.addAll(JVM);
    cmd.addAll(jvm);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Jifen.class.getName()));
    cmd.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(dir.resolve(tag + ".out").toFile())
        .redirectError(dir.resolve(tag + ".err").toFile());
    pb.environment().put("JIFEN_PLAIN_PROGRESS", "1");
    Process p = pb.start();
    started.add(p);
    return p;
  }

  /** JVM options that stop the process when it reaches {@code step}, writing the step to {@code marker}. */
  static List<String> pauseAt(String step, Path marker) {
    return List.of("-Djifen.test.pauseAt=" + step, "-Djifen.test.pauseFile=" + marker);
  }

  /** Waits until {@code p} has written {@code f} (its pause point), failing if it ends first. */
  static void awaitFile(Path f, Process p, int seconds) throws InterruptedException {
    for (int i = 0; i < seconds * 10 && !Files.exists(f); i++) {
      assertTrue(p.isAlive(), () -> "the writer ended before reaching its pause point (exit " + p.exitValue() + ")");
      Thread.sleep(100);
    }
    assertTrue(Files.exists(f), "the writer did not reach its pause point in " + seconds + " s");
  }

  /**
   * Runs {@code jifen <args>} in a JVM that stops at the first progress step starting with
   * {@code step}, then kills it there with SIGKILL; returns the step's full name.
   */
  String killAt(String tag, String step, String... args) throws Exception {
    Path marker = dir.resolve(tag + ".paused");
    long t0 = System.nanoTime();
    Process p = start(tag, pauseAt(step, marker), args);
    try {
      awaitFile(marker, p, 900);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n" + err(tag), e);
    }
    String reached = Files.readString(marker, StandardCharsets.UTF_8);
    assertTrue(reached.startsWith(step), tag + " paused at '" + reached + "', not at '" + step + "'");
    Duration cpu = p.info().totalCpuDuration().orElse(Duration.ZERO);
    kill(p);
    timed(String.format("%-6s killed at %-40s %6.1f s, %6.1f s CPU", tag, "'" + reached + "'",
        (System.nanoTime() - t0) / 1e9, cpu.toMillis() / 1000.0));
    return reached;
  }

  /** Runs {@code jifen <args>} to its end; returns its exit code. */
  int run(String tag, String... args) throws Exception {
    long t0 = System.nanoTime();
    Process p = start(tag, List.of(), args);
    int code = finish(p, tag);
    timed(String.format("%-6s ran to its end (exit %d) %-29s %6.1f s", tag, code, "", (System.nanoTime() - t0) / 1e9));
    return code;
  }

  /** Waits for {@code p} to end; returns its exit code. */
  int finish(Process p, String tag) throws InterruptedException {
    assertTrue(p.waitFor(900, TimeUnit.SECONDS), tag + " did not finish");
    return p.exitValue();
  }

  /** What the JVM tagged {@code tag} wrote to stderr (progress lines included). */
  String err(String tag) {
    return read(tag + ".err");
  }

  /** What the JVM tagged {@code tag} wrote to stdout. */
  String out(String tag) {
    return read(tag + ".out");
  }

  private String read(String file) {
    try {
      return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void timed(String line) {
    timings.add(line);
    System.out.println("[jvm] " + line);
  }

  /** One line per JVM: where it stopped, its wall time and (for killed ones) its CPU time. */
  List<String> timings() {
    return List.copyOf(timings);
  }

  /** Kills {@code p} with SIGKILL and checks that it died of it. */
  static void kill(Process p) throws InterruptedException {
    p.destroyForcibly(); // SIGKILL
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(137, p.exitValue(), "killed by SIGKILL");
  }

  /** Arguments of {@code jifen ingest} of {@link #PERIOD} from {@code inbox} into {@code wh}. */
  static String[] ingestArgs(Path inbox, Path wh, String... more) {
    return args("ingest", inbox, wh, more);
  }

  /** Arguments of {@code jifen run} of {@link #PERIOD} from {@code inbox} into {@code wh}. */
  static String[] runArgs(Path inbox, Path wh, String... more) {
    return args("run", inbox, wh, more);
  }

  private static String[] args(String command, Path inbox, Path wh, String... more) {
    List<String> a = new ArrayList<>(List.of(command, "--orgs", SampleWarehouse.samples().resolve("orgs.xlsx")
        .toString(), "--inbox", inbox.toString(), "--received", inbox.resolve("received.csv").toString(),
        "--period", PERIOD, "--warehouse", wh.toString(), "--master", "local[2]"));
    a.addAll(Arrays.asList(more));
    return a.toArray(String[]::new);
  }

  /** A copy of a file or folder tree (a ledger export, a warehouse with its tables as they are now). */
  static Path copy(Path from, Path to) throws IOException {
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

  /** Every silver, quarantine and gold table of {@code actual} holds the rows of {@code expected}. */
  static void assertSameTables(Path expected, Path actual, int atLeast) {
    WarehouseDiff.Result d = WarehouseDiff.compare(SharedSpark.get(), expected.toString(), actual.toString());
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    WarehouseDiff.print(d, new PrintStream(report, true, StandardCharsets.UTF_8));
    assertTrue(d.identical(), report.toString(StandardCharsets.UTF_8));
    assertTrue(d.tables().size() >= atLeast, "tables compared: " + d.tables().size() + ", expected " + atLeast);
  }

  /** Rows of a warehouse table. */
  static long rows(Path wh, String layer, String table) {
    return new Warehouse(wh.toString()).read(SharedSpark.get(), layer, table).count();
  }

  @Override
  public void close() {
    started.forEach(Process::destroyForcibly);
  }
}
