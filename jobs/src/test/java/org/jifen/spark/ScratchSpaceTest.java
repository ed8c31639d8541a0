package org.jifen.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Temporary files of crashed processes are removed by the next command (issue: personal data). */
class ScratchSpaceTest {
  @TempDir Path dir;

  @Test
  void aKilledProcessesScratchFolderIsRemovedAndLiveOnesAreKept() throws Exception {
    Path root = Files.createDirectories(dir.resolve("wh"));
    // A process that has died (SIGKILL) and left spill files behind.
    Process gone = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-version")).start();
    assertTrue(gone.waitFor(60, TimeUnit.SECONDS));
    Path stale = Files.createDirectories(root.resolve("_tmp").resolve(String.valueOf(gone.pid()))
        .resolve("blockmgr-1"));
    Files.writeString(stale.resolve("shuffle_0_0_0.data"), "spilled rows with names");
    // A live process's folder (this JVM's parent, e.g. Maven) must be kept.
    long live = ProcessHandle.current().parent().orElseThrow().pid();
    Path kept = Files.createDirectories(root.resolve("_tmp").resolve(String.valueOf(live)));

    Path mine = ScratchSpace.forThisProcess(root);
    assertEquals(root.resolve("_tmp").resolve(String.valueOf(ProcessHandle.current().pid())), mine);
    assertTrue(Files.isDirectory(mine));
    assertFalse(Files.exists(stale.getParent()), "the dead process's scratch folder was removed");
    assertTrue(Files.isDirectory(kept), "a live process's scratch folder is kept");
    assertNull(ScratchSpace.forThisProcess(dir.resolve("not-a-warehouse")), "read-only commands create nothing");
    assertFalse(Files.exists(dir.resolve("not-a-warehouse")));
  }

  @Test
  void unfinishedMartBuildsAndPackFoldersOfInterruptedRunsAreRemoved() throws Exception {
    Path root = Files.createDirectories(dir.resolve("wh2"));
    Path freshBuild = Files.createDirectories(root.resolve("marts/.jifen-mart-build-1111"));
    Files.writeString(freshBuild.resolve("jifen.duckdb.building"), "half a mart");
    Path mart = Files.writeString(root.resolve("marts/jifen.duckdb"), "the mart");
    Path freshPack = Files.createDirectories(root.resolve("reports/2025Q1/.QS01-123"));
    Path oldPack = Files.createDirectories(root.resolve("reports/2025Q1/.QS02-456"));
    Files.setLastModifiedTime(oldPack, java.nio.file.attribute.FileTime.from(
        java.time.Instant.now().minus(java.time.Duration.ofHours(2))));
    Path pack = Files.createDirectories(root.resolve("reports/2025Q1/QS01"));

    assertEquals(1, ScratchSpace.removeLeftovers(root, false), "only the abandoned pack folder");
    assertTrue(Files.exists(freshBuild) && Files.exists(freshPack), "a run may still be writing these");
    assertFalse(Files.exists(oldPack));
    assertEquals(1, ScratchSpace.removeLeftovers(root, true), "after a writer crashed, its mart build");
    assertFalse(Files.exists(freshBuild));
    assertTrue(Files.exists(mart) && Files.exists(pack) && Files.exists(freshPack));
  }
}
