package org.jifen.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Temporary files of a local warehouse's processes: {@code <root>/_tmp/<pid>}, one folder per JVM
 * (Spark's scratch space, spill files). A process removes its own folder when it ends normally;
 * folders of processes that are gone (a crash, {@code kill -9}) are removed by the next jifen
 * command that uses the warehouse.
 */
public final class ScratchSpace {
  public static final String FOLDER = "_tmp";

  private ScratchSpace() {}

  /**
   * This process's scratch folder under the local warehouse {@code root}, after removing those of
   * dead processes; null when the warehouse is not local or does not exist yet.
   */
  public static synchronized Path forThisProcess(Path root) {
    if (root == null || !Files.isDirectory(root)) {
      return null; // not local, or not a warehouse yet (a read-only command never creates one)
    }
    Path base = root.resolve(FOLDER);
    Path mine = base.resolve(String.valueOf(ProcessHandle.current().pid()));
    try {
      removeOrphans(base);
      Files.createDirectories(mine);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(mine), "jifen-scratch-cleanup"));
      return mine;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the scratch folder " + mine + ": " + e.getMessage(), e);
    }
  }

  /** Removes the scratch folders of processes that no longer run; returns how many. */
  public static int removeOrphans(Path base) throws IOException {
    if (!Files.isDirectory(base)) {
      return 0;
    }
    int removed = 0;
    try (Stream<Path> list = Files.list(base)) {
      for (Path p : list.toList()) {
        String name = p.getFileName().toString();
        boolean alive = name.matches("\\d+")
            && ProcessHandle.of(Long.parseLong(name)).map(ProcessHandle::isAlive).orElse(false);
        if (!alive) {
          deleteQuietly(p);
          removed++;
        }
      }
    }
    return removed;
  }

  /** Age after which an unfinished mart build or pack folder is certainly abandoned. */
  static final java.time.Duration ABANDONED = java.time.Duration.ofHours(1);

  /**
   * Removes what interrupted runs left in a local warehouse: unfinished mart builds
   * ({@code marts/.jifen-mart-build-*}) and pack folders ({@code reports/<period>/.<unit>-*}).
   * A mart build is removed at once when {@code writerCrashed} (a writer's lease was taken over:
   * mart builds run under it), otherwise when older than an hour; pack folders only when older than
   * an hour ({@code jifen report} writes them without the lease, and may be running).
   *
   * @return how many folders or files were removed
   */
  public static int removeLeftovers(Path root, boolean writerCrashed) throws IOException {
    if (root == null || !Files.isDirectory(root)) {
      return 0;
    }
    java.time.Instant cutoff = java.time.Instant.now().minus(ABANDONED);
    int removed = 0;
    Path marts = root.resolve("marts");
    if (Files.isDirectory(marts)) {
      try (Stream<Path> list = Files.list(marts)) {
        for (Path p : list.toList()) {
          if (p.getFileName().toString().startsWith(".jifen-mart-build-") && (writerCrashed || older(p, cutoff))) {
            deleteQuietly(p);
            removed++;
          }
        }
      }
    }
    Path reports = root.resolve("reports");
    if (Files.isDirectory(reports)) {
      try (Stream<Path> periods = Files.list(reports)) {
        for (Path period : periods.filter(Files::isDirectory).toList()) {
          try (Stream<Path> list = Files.list(period)) {
            for (Path p : list.toList()) {
              if (p.getFileName().toString().startsWith(".") && Files.isDirectory(p) && older(p, cutoff)) {
                deleteQuietly(p);
                removed++;
              }
            }
          }
        }
      }
    }
    return removed;
  }

  private static boolean older(Path p, java.time.Instant cutoff) throws IOException {
    return Files.getLastModifiedTime(p).toInstant().isBefore(cutoff);
  }

  /** Deletes a file or folder tree, best effort (a missing one is fine): what is left is retried later. */
  public static void deleteQuietly(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      // best effort: the next command retries
    }
  }
}
