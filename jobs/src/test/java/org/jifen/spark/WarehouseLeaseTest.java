package org.jifen.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per warehouse, with the holder in a separate JVM killed by SIGKILL. */
class WarehouseLeaseTest {
  @TempDir Path dir;

  /** Starts a JVM holding the lease of {@code root} and waits until it says it holds it. */
  private static Process holder(Path root, long holdMillis) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
        LeaseHolderMain.class.getName(), root.toString(), String.valueOf(holdMillis)))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = r.readLine();
    assertEquals("HELD " + p.pid(), line, "the holder JVM did not take the lease");
    return p;
  }

  @Test
  void secondWriterIsRefusedWaitsAndTakesOverAfterTheHolderIsKilled() throws Exception {
    Path root = dir.resolve("wh");
    Process p = holder(root, -1);
    try {
      WarehouseLease.BusyException busy = assertThrows(WarehouseLease.BusyException.class,
          () -> WarehouseLease.acquire(null, root.toString(), "ingest", Duration.ZERO));
      assertTrue(busy.getMessage().startsWith("warehouse busy: jifen test by "), busy.getMessage());
      assertTrue(busy.getMessage().contains("(pid " + p.pid() + ") since "), busy.getMessage());
      assertEquals(p.pid(), busy.holder().pid());
      assertEquals(p.pid(), WarehouseLease.holder(null, root.toString()).orElseThrow().pid(),
          "status sees the live holder without blocking");

      long t0 = System.nanoTime();
      assertThrows(WarehouseLease.BusyException.class,
          () -> WarehouseLease.acquire(null, root.toString(), "ingest", Duration.ofMillis(1200)));
      assertTrue(System.nanoTime() - t0 >= 1_000_000_000L, "--wait waits before giving up");
    } finally {
      p.destroyForcibly(); // SIGKILL: no shutdown hook, no release
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    }
    assertEquals(137, p.exitValue(), "killed by SIGKILL");
    assertTrue(WarehouseLease.holder(null, root.toString()).isEmpty(), "a dead holder is not shown as writing");
    try (WarehouseLease lease = WarehouseLease.acquire(null, root.toString(), "ingest", Duration.ZERO)) {
      assertTrue(lease.recoveryNeeded(), "the killed holder's unfinished work must be recovered");
      lease.succeeded();
    }
    assertTrue(Files.readString(root.resolve("_lease/holder.json")).contains("\"state\" : \"released\""));
    try (WarehouseLease lease = WarehouseLease.acquire(null, root.toString(), "ingest", Duration.ZERO)) {
      assertFalse(lease.recoveryNeeded(), "after a normal end there is nothing to recover");
      lease.succeeded();
    }
  }

  @Test
  void aWaitingWriterGetsTheLeaseWhenTheHolderFinishes() throws Exception {
    Path root = dir.resolve("wh2");
    Process p = holder(root, 1500);
    long t0 = System.nanoTime();
    try (WarehouseLease lease = WarehouseLease.acquire(null, root.toString(), "ingest", Duration.ofSeconds(60))) {
      assertTrue(System.nanoTime() - t0 >= 1_000_000_000L, "the lease was only granted once the holder released it");
      assertFalse(lease.recoveryNeeded(), "the holder ended normally");
      lease.succeeded();
    } finally {
      p.destroyForcibly();
    }
    assertEquals(0, p.waitFor());
  }

  @Test
  void nestedAcquisitionsShareTheLeaseAndAFailureIsRemembered() {
    String root = dir.resolve("wh3").toString();
    try (WarehouseLease run = WarehouseLease.acquire(null, root, "run", Duration.ZERO)) {
      try (WarehouseLease ingest = WarehouseLease.acquire(null, root, "ingest", Duration.ZERO)) {
        assertEquals(run.holder().token(), ingest.holder().token(), "the job joins the command's lease");
        // no succeeded(): the ingest failed
      }
      assertEquals(run.holder().token(), WarehouseLease.holder(null, root).orElseThrow().token(),
          "still held after the inner close");
      run.succeeded();
    }
    try (WarehouseLease next = WarehouseLease.acquire(null, root, "ingest", Duration.ZERO)) {
      assertTrue(next.recoveryNeeded(), "a failed inner step makes the next writer recover");
      next.succeeded();
    }
  }
}
