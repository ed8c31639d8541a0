package org.jifen.spark;

import java.time.Duration;

/** A separate JVM for the lease tests: takes a warehouse's lease, says so, holds it, releases it. */
public final class LeaseHolderMain {
  private LeaseHolderMain() {}

  /** Arguments: warehouse root, milliseconds to hold (negative: until killed). */
  public static void main(String[] args) throws Exception {
    try (WarehouseLease lease = WarehouseLease.acquire(null, args[0], "test", Duration.ZERO)) {
      System.out.println("HELD " + ProcessHandle.current().pid());
      System.out.flush();
      long hold = Long.parseLong(args[1]);
      Thread.sleep(hold < 0 ? Long.MAX_VALUE : hold);
      lease.succeeded();
    }
  }
}
