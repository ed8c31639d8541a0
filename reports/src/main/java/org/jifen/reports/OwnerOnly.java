package org.jifen.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Owner-only modes for what jifen writes outside the warehouse tables and that names members or
 * holds their figures: marts, report packs, receipts, ledger templates. Files are {@code rw-------},
 * folders {@code rwx------}, set explicitly: the launcher runs with umask 077, but spark-submit, a
 * scheduler or an IDE may run with 022, which would leave them readable by every local user.
 * Existing folders that jifen did not create (a user's {@code --out}) are left as they are. On a
 * file system without POSIX modes nothing is changed (its ACLs decide).
 */
public final class OwnerOnly {
  /** {@code rw-------}. */
  public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  /** {@code rwx------}. */
  public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

  private OwnerOnly() {}

  /** Creates {@code dir} and its missing parents, each folder created here owner-only; returns {@code dir}. */
  public static Path createDirectories(Path dir) throws IOException {
    Deque<Path> missing = new ArrayDeque<>();
    for (Path p = dir.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
      missing.push(p);
    }
    Files.createDirectories(dir);
    for (Path p : missing) {
      set(p, FOLDER);
    }
    return dir;
  }

  /** Makes a file {@code rw-------}, or a folder and everything in it {@code rwx------} / {@code rw-------}. */
  public static void restrict(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      set(path, FILE);
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.toList()) {
        set(p, Files.isDirectory(p) ? FOLDER : FILE);
      }
    }
  }

  private static void set(Path p, Set<PosixFilePermission> mode) throws IOException {
    try {
      Files.setPosixFilePermissions(p, mode);
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system
    }
  }
}
