package org.jifen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.jifen.spark.Warehouse;
import org.jifen.spark.WarehouseLease;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new warehouse is its owner's only; status warns about an open one (issue: personal data). */
class WarehousePermissionsTest {
  @TempDir Path dir;

  @Test
  void aNewWarehouseFolderIsOwnerOnlyAndAnOpenOneIsReported() throws Exception {
    Path root = dir.resolve("new-wh");
    try (WarehouseLease lease = WarehouseLease.acquire(null, root.toString(), "ingest", Duration.ZERO)) {
      lease.succeeded();
    }
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root)));
    assertTrue(StatusCommand.opennessWarning(new Warehouse(root.toString())).isEmpty());

    Path open = Files.createDirectories(dir.resolve("open-wh"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
    String warning = StatusCommand.opennessWarning(new Warehouse(open.toString())).orElseThrow();
    assertTrue(warning.contains("open to others (rwxr-xr-x)") && warning.contains("chmod -R go-rwx"), warning);
  }
}
