package org.jifen.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.jifen.ingest.read.LedgerInput;

/** Loads one inbox export into memory (bounded) and fingerprints it; runs inside Spark tasks. */
final class LedgerFiles {
  /** Largest export read; bigger files are rejected as FILE_TOO_LARGE before reading. */
  static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

  private LedgerFiles() {}

  /** Thrown when an export cannot be loaded at all. */
  static final class LoadException extends Exception {
    final String code;

    LoadException(String code, String message) {
      super(message);
      this.code = code;
    }
  }

  static LedgerInput load(FileSystem fs, String uri, String kind, String sourceFile)
      throws IOException, LoadException {
    Path path = new Path(uri);
    switch (kind) {
      case "XLSX":
        return new LedgerInput(sourceFile, LedgerInput.Format.XLSX,
            List.of(new LedgerInput.Entry(path.getName(), readBounded(fs, path, sourceFile))));
      case "ZIP":
        return new LedgerInput(sourceFile, LedgerInput.Format.ZIP,
            List.of(new LedgerInput.Entry(path.getName(), readBounded(fs, path, sourceFile))));
      case "CSV_FOLDER": {
        FileStatus[] children = fs.listStatus(path);
        Arrays.sort(children, Comparator.comparing(s -> s.getPath().getName()));
        List<LedgerInput.Entry> entries = new ArrayList<>();
        long total = 0;
        for (FileStatus c : children) {
          String name = c.getPath().getName();
          if (c.isFile() && name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            total += c.getLen();
            if (total > MAX_FILE_BYTES) {
              throw new LoadException("FILE_TOO_LARGE", sourceFile + ": the CSV folder is larger than "
                  + MAX_FILE_BYTES / (1024 * 1024) + " MB");
            }
            entries.add(new LedgerInput.Entry(name, readBounded(fs, c.getPath(), sourceFile)));
          }
        }
        return new LedgerInput(sourceFile, LedgerInput.Format.CSV_FOLDER, entries);
      }
      default:
        throw new LoadException("UNSUPPORTED_FORMAT", sourceFile
            + ": not a ledger export (expected an .xlsx workbook, a .zip of CSV files or a folder of CSV files)");
    }
  }

  private static byte[] readBounded(FileSystem fs, Path p, String sourceFile) throws IOException, LoadException {
    long len = fs.getFileStatus(p).getLen();
    if (len > MAX_FILE_BYTES) {
      throw new LoadException("FILE_TOO_LARGE", sourceFile + ": " + len + " bytes is larger than the "
          + MAX_FILE_BYTES / (1024 * 1024) + " MB a ledger export may have");
    }
    try (InputStream in = fs.open(p)) {
      return in.readAllBytes();
    }
  }

  /** SHA-256 of the export: the file's bytes, or for a CSV folder its sorted (name, bytes) pairs. */
  static String sha256(LedgerInput input) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      boolean folder = input.format() == LedgerInput.Format.CSV_FOLDER;
      for (LedgerInput.Entry e : input.entries()) {
        if (folder) {
          md.update(e.name().getBytes(StandardCharsets.UTF_8));
          md.update((byte) 0);
          md.update(Long.toString(e.bytes().length).getBytes(StandardCharsets.US_ASCII));
          md.update((byte) 0);
        }
        md.update(e.bytes());
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The same fingerprint as {@link #sha256(LedgerInput)}, streamed from storage without holding
   * the file in memory (any file, also one too large or not a ledger export).
   */
  static String fingerprint(FileSystem fs, String uri, String kind) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      Path path = new Path(uri);
      if ("CSV_FOLDER".equals(kind)) {
        FileStatus[] children = fs.listStatus(path);
        Arrays.sort(children, Comparator.comparing(s -> s.getPath().getName()));
        for (FileStatus c : children) {
          String name = c.getPath().getName();
          if (c.isFile() && name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            md.update(name.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(Long.toString(c.getLen()).getBytes(StandardCharsets.US_ASCII));
            md.update((byte) 0);
            digest(fs, c.getPath(), md);
          }
        }
      } else {
        digest(fs, path, md);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void digest(FileSystem fs, Path p, MessageDigest md) throws IOException {
    byte[] buf = new byte[1 << 16];
    try (InputStream in = fs.open(p)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
  }
}
