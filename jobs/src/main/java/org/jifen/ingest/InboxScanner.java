package org.jifen.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Lists the inbox: one folder per period named like {@code 2025Q1}, each holding that quarter's
 * exports (xlsx files, zips of CSVs, folders of CSVs). Only names and times are read here; the
 * files themselves are read by Spark tasks.
 */
public final class InboxScanner {
  /** Folder names that are periods. */
  public static final Pattern PERIOD = Pattern.compile("\\d{4}Q[1-4]");

  private InboxScanner() {}

  /**
   * The exports of every period folder, or only of {@code onlyPeriod} when not null: a quarter
   * ({@code 2025Q2}) or a year ({@code 2025}, its four quarters).
   */
  public static List<InboxFile> scan(Configuration conf, String inbox, String onlyPeriod, ReceivedTimes received)
      throws IOException {
    return scan(conf, inbox, onlyPeriod, received, false);
  }

  /**
   * As {@link #scan(Configuration, String, String, ReceivedTimes)}; on a local inbox, symbolic links
   * are followed only when {@code followLinks}, otherwise their entries get the kind {@code SYMLINK};
   * FIFOs, devices and sockets get {@code SPECIAL}. Neither is ever opened: both are rejected.
   */
  public static List<InboxFile> scan(Configuration conf, String inbox, String onlyPeriod, ReceivedTimes received,
      boolean followLinks) throws IOException {
    checkFileNameEncoding();
    Path root = new Path(inbox);
    FileSystem fs = root.getFileSystem(conf);
    if (!fs.exists(root) || !fs.getFileStatus(root).isDirectory()) {
      throw new IllegalArgumentException("Inbox folder not found: " + inbox);
    }
    List<InboxFile> out = new ArrayList<>();
    FileStatus[] periods = fs.listStatus(root);
    Arrays.sort(periods, Comparator.comparing(s -> s.getPath().getName()));
    for (FileStatus p : periods) {
      String period = p.getPath().getName();
      if (!p.isDirectory() || !PERIOD.matcher(period).matches()) {
        continue;
      }
      if (onlyPeriod != null && !onlyPeriod.equals(period) && !onlyPeriod.equals(period.substring(0, 4))) {
        continue;
      }
      FileStatus[] entries = fs.listStatus(p.getPath());
      Arrays.sort(entries, Comparator.comparing(s -> s.getPath().getName()));
      java.util.Set<String> listed = new java.util.HashSet<>();
      for (FileStatus e : entries) {
        String name = e.getPath().getName();
        listed.add(name);
        if (name.startsWith(".") || name.startsWith("~$")) {
          continue;
        }
        String source = period + "/" + name;
        try {
          String unsafe = unsafeKind(e, followLinks);
          long mtime = unsafe != null ? e.getModificationTime()
              : e.isDirectory() ? newestChild(fs, e) : e.getModificationTime();
          out.add(new InboxFile(period, source, e.getPath().toString(), unsafe != null ? unsafe : kindOf(e, name),
              received.receivedAt(period, name, mtime)));
        } catch (IOException | RuntimeException ex) {
          throw failed(source, ex);
        }
      }
      unlisted(p, listed, period, received, followLinks, out);
    }
    out.sort(Comparator.comparing(InboxFile::sourceFile));
    return out;
  }

  /**
   * Refuses to scan when the JVM cannot represent Chinese file names: Java 17 takes the file name
   * encoding from the locale, and under {@code LANG=C} (cron, containers, spark-submit without a
   * locale) {@code QS01B01_2025Q1_更正.xlsx} reads as {@code QS01B01_2025Q1_??.xlsx}, which no file
   * has: those files would be rejected and CSV folders read as empty. The {@code jifen} launcher
   * sets a UTF-8 locale itself.
   */
  static void checkFileNameEncoding() {
    String encoding = System.getProperty("sun.jnu.encoding");
    boolean chinese;
    try {
      chinese = encoding == null || java.nio.charset.Charset.forName(encoding).newEncoder().canEncode("党支部台账更正");
    } catch (IllegalArgumentException e) {
      chinese = false;
    }
    if (!chinese) {
      throw new IllegalArgumentException("file names are read in the encoding " + encoding + " of the locale (LANG="
          + System.getenv("LANG") + ", LC_ALL=" + System.getenv("LC_ALL") + "), which has no Chinese characters: "
          + "inbox files with Chinese names could not be found. Run jifen under a UTF-8 locale "
          + "(export LC_ALL=C.UTF-8), as the jifen launcher does");
    }
  }

  /**
   * An unexpected failure while looking at one inbox entry, naming it: the run stops (nothing is
   * committed) and says which file to look at, not only the library's message ("Bad escape").
   */
  static IllegalStateException failed(String sourceFile, Exception e) {
    return new IllegalStateException("inbox file " + sourceFile + ": could not be listed (" + describe(e) + ")", e);
  }

  /** {@code ExceptionClass: message}, for a message that names the file it was handling. */
  static String describe(Throwable e) {
    String m = e.getMessage();
    m = m == null ? "" : m.replaceAll("\\s+", " ").strip();
    return e.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + (m.length() > 300 ? m.substring(0, 300) + "…" : m));
  }

  /**
   * The local file of a Hadoop path (no scheme or {@code file:}); null on any other file system. The
   * path's decoded text, never its URI: {@code Path.of(URI)} rejects the raw non-ASCII characters a
   * Hadoop path's URI keeps ("Bad escape" on a file named {@code QS01B01_2025Q1_更正.xlsx}).
   */
  static java.nio.file.Path local(Path path) {
    java.net.URI u = path.toUri();
    if (u.getScheme() != null && !"file".equals(u.getScheme())) {
      return null;
    }
    return java.nio.file.Path.of(u.getPath());
  }

  /** Local entries Hadoop's listing leaves out (dangling links): rejected, not silently skipped. */
  private static void unlisted(FileStatus periodDir, java.util.Set<String> listed, String period,
      ReceivedTimes received, boolean followLinks, List<InboxFile> out) throws IOException {
    java.nio.file.Path dir = local(periodDir.getPath());
    if (dir == null) {
      return;
    }
    try (var children = java.nio.file.Files.list(dir)) {
      for (java.nio.file.Path c : children.sorted().toList()) {
        String name = c.getFileName().toString();
        if (listed.contains(name) || name.startsWith(".") || name.startsWith("~$")) {
          continue;
        }
        try {
          String kind = unsafeKind(c, followLinks);
          kind = kind != null ? kind : InboxFile.SPECIAL;
          long mtime = java.nio.file.Files.getLastModifiedTime(c, java.nio.file.LinkOption.NOFOLLOW_LINKS).toMillis();
          out.add(new InboxFile(period, period + "/" + name,
              new Path("file", null, c.toAbsolutePath().toString()).toString(), kind,
              received.receivedAt(period, name, mtime)));
        } catch (IOException | RuntimeException ex) {
          throw failed(period + "/" + name, ex);
        }
      }
    }
  }

  /**
   * {@code SYMLINK} or {@code SPECIAL} for a local entry that must not be read (a link not to be
   * followed, a FIFO, device or socket, or a CSV folder holding one); null otherwise.
   */
  private static String unsafeKind(FileStatus e, boolean followLinks) throws IOException {
    java.nio.file.Path p = local(e.getPath());
    if (p == null) {
      return null;
    }
    String kind = unsafeKind(p, followLinks);
    if (kind == null && java.nio.file.Files.isDirectory(p)) {
      try (var children = java.nio.file.Files.list(p)) {
        for (java.nio.file.Path c : children.toList()) {
          String k = unsafeKind(c, followLinks);
          if (k != null) {
            return k;
          }
        }
      }
    }
    return kind;
  }

  private static String unsafeKind(java.nio.file.Path p, boolean followLinks) throws IOException {
    var a = java.nio.file.Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class,
        java.nio.file.LinkOption.NOFOLLOW_LINKS);
    if (a.isSymbolicLink()) {
      if (!followLinks) {
        return InboxFile.SYMLINK;
      }
      if (!java.nio.file.Files.exists(p)) {
        return InboxFile.SPECIAL; // a dangling link: nothing to read
      }
      a = java.nio.file.Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class);
    }
    return a.isOther() ? InboxFile.SPECIAL : null;
  }

  private static long newestChild(FileSystem fs, FileStatus dir) throws IOException {
    long newest = dir.getModificationTime();
    for (FileStatus c : fs.listStatus(dir.getPath())) {
      newest = Math.max(newest, c.getModificationTime());
    }
    return newest;
  }

  private static String kindOf(FileStatus s, String name) {
    if (s.isDirectory()) {
      return "CSV_FOLDER";
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".xlsx") || lower.endsWith(".xlsm") || lower.endsWith(".xls")) {
      return "XLSX";
    }
    if (lower.endsWith(".zip")) {
      return "ZIP";
    }
    return "UNSUPPORTED";
  }
}
