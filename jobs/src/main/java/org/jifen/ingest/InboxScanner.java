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
      for (FileStatus e : entries) {
        String name = e.getPath().getName();
        if (name.startsWith(".") || name.startsWith("~$")) {
          continue;
        }
        String source = period + "/" + name;
        long mtime = e.isDirectory() ? newestChild(fs, e) : e.getModificationTime();
        out.add(new InboxFile(period, source, e.getPath().toString(), kindOf(e, name),
            received.receivedAt(period, name, mtime)));
      }
    }
    return out;
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
