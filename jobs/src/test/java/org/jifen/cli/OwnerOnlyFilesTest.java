package org.jifen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jifen.mart.MartBuilder;
import org.jifen.spark.ScratchSpace;
import org.jifen.spark.WarehouseLease;
import org.jifen.testing.SampleWarehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 point 4: templates, receipts, report packs and marts are owner-only (files rw-------,
 * folders rwx------) even when jifen runs without the launcher's umask 077, as under spark-submit:
 * here a JVM started with umask 022.
 */
class OwnerOnlyFilesTest {
  @TempDir Path dir;

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  /** Every folder and file under {@code root} (itself included) whose mode is not owner-only. */
  private static List<String> open(Path root) throws Exception {
    List<String> found = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        String want = Files.isDirectory(p) ? "rwx------" : "rw-------";
        if (!mode(p).equals(want)) {
          found.add(root.relativize(p) + " " + mode(p));
        }
      }
    }
    return found;
  }

  @Test
  void templatesReceiptsPacksAndMartsAreOwnerOnlyUnderUmask022() throws Exception {
    Path wh = JifenJvms.copy(Path.of(SampleWarehouse.aggregated().root()), dir.resolve("wh"));
    for (String d : List.of("marts", "reports", WarehouseLease.FOLDER)) {
      ScratchSpace.deleteQuietly(wh.resolve(d));
    }
    Path templates = dir.resolve("templates");
    Path receipts = dir.resolve("receipts");
    Path probe = dir.resolve("umask-probe");
    String w = wh.toString();
    List<String> args = List.of(probe.toString(),
        "templates", "--warehouse", w, "--master", "local[2]", "--period", "2025Q2", "--unit", "QS03",
        "--out", templates.toString(), ";",
        "receipts", "--warehouse", w, "--master", "local[2]", "--period", "2025Q1", "--unit", "QS03",
        "--out", receipts.toString(), ";",
        "report", "--warehouse", w, "--master", "local[2]", "--period", "2025Q4", "--unit", "QS03");

    Properties build = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/jifen-build.properties")) {
      build.load(in);
    }
    List<String> cmd = new ArrayList<>(List.of("sh", "-c", "umask 022 && exec \"$@\"", "sh",
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(Arrays.asList(build.getProperty("jvm.flags").trim().split("\\s+")));
    cmd.addAll(List.of("-Xmx1g", "-Duser.timezone=Asia/Shanghai", "-Dspark.sql.shuffle.partitions=2",
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        UmaskProbe.class.getName()));
    cmd.addAll(args);
    Path err = dir.resolve("probe.err");
    Process p = new ProcessBuilder(cmd).redirectOutput(dir.resolve("probe.out").toFile())
        .redirectError(err.toFile()).start();
    assertTrue(p.waitFor(900, TimeUnit.SECONDS), "the probe JVM did not finish");
    String log = Files.readString(err, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), log);

    assertEquals("rw-r--r--", mode(probe), "the JVM ran with umask 022");
    Path marts = wh.resolve("marts");
    assertTrue(Files.exists(marts.resolve(MartBuilder.RESTRICTED_FILE)) && Files.exists(marts.resolve("jifen.duckdb")));
    Path packs = wh.resolve("reports");
    assertTrue(Files.exists(packs.resolve("2025Q4").resolve("QS03").resolve("charts")));
    try (Stream<Path> t = Files.list(templates); Stream<Path> r = Files.walk(receipts)) {
      assertTrue(t.count() > 1, "templates written");
      assertTrue(r.filter(x -> x.toString().endsWith(".xlsx")).count() > 1, "receipts written");
    }
    assertEquals(List.of(), open(templates), "templates");
    assertEquals(List.of(), open(receipts), "receipts");
    assertEquals(List.of(), open(packs), "report packs");
    assertEquals(List.of(), open(marts), "marts");
  }
}
