package org.jifen.cli;

import java.time.Duration;
import org.jifen.spark.WarehouseLease;
import picocli.CommandLine.Option;

/** Options of the commands that write to the warehouse (a picocli mixin): they hold its lease. */
public final class WriterOptions {
  @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "0",
      description = "When another jifen command is writing to the warehouse, wait up to this many seconds for it "
          + "to finish instead of exiting at once with 'warehouse busy' (exit code 2). Default: ${DEFAULT-VALUE}.")
  long waitSeconds;

  /**
   * Takes the warehouse's exclusive lease for {@code command} before any Spark work starts, so a
   * second writer is refused in a second or two.
   */
  public WarehouseLease lease(CommonOptions common, String command) {
    if (waitSeconds < 0) {
      throw new IllegalArgumentException("--wait: " + waitSeconds + " is negative");
    }
    WarehouseLease lease = WarehouseLease.acquire(null, common.warehouse().root(), command,
        Duration.ofSeconds(waitSeconds));
    try {
      // What interrupted runs left behind (unfinished mart builds and pack folders).
      org.jifen.spark.ScratchSpace.removeLeftovers(org.jifen.mart.MartBuilder.localPath(common.warehouse().root()),
          lease.recoveryNeeded());
    } catch (java.io.IOException e) {
      System.err.println("jifen " + command + ": could not remove leftovers of an interrupted run: " + e.getMessage());
    }
    return lease;
  }
}
