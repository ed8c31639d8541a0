package org.jifen.ingest.read;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.zip.UnicodePathExtraField;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.InputStreamStatistics;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Reads a zip held in memory with bounded inflation and checksum verification, so that a zip bomb
 * yields {@code FILE_TOO_LARGE} instead of exhausting memory or time (fastexcel-reader has no such
 * guard) and a damaged entry yields {@code FILE_CORRUPT} instead of silently wrong text.
 */
final class SafeZip {
  /** Largest uncompressed size of one entry: 200 MB. */
  static final long MAX_ENTRY_BYTES = 200L * 1024 * 1024;

  /** Largest uncompressed size of all entries together: 500 MB. */
  static final long MAX_TOTAL_BYTES = 500L * 1024 * 1024;

  /** Smallest compressed/uncompressed ratio allowed once an entry has inflated past the grace size. */
  static final double MIN_INFLATE_RATIO = 0.01;

  /** Uncompressed size below which an entry's ratio is not checked: 1 MB. */
  static final long RATIO_GRACE_BYTES = 1024L * 1024;

  private static final int BUFFER = 64 * 1024;

  /**
   * Inflation limits.
   *
   * @param maxEntryBytes largest uncompressed size of one entry
   * @param maxTotalBytes largest uncompressed size of all inflated entries together
   * @param minInflateRatio smallest compressed/uncompressed ratio of an entry past the grace size
   * @param ratioGraceBytes uncompressed size below which the ratio is not checked
   */
  record Limits(long maxEntryBytes, long maxTotalBytes, double minInflateRatio, long ratioGraceBytes) {
    /** The limits every reader uses. */
    static final Limits DEFAULT = new Limits(MAX_ENTRY_BYTES, MAX_TOTAL_BYTES, MIN_INFLATE_RATIO, RATIO_GRACE_BYTES);
  }

  private SafeZip() {}

  /**
   * One inflated entry.
   *
   * @param name the entry's path, decoded from UTF-8 or GBK
   * @param bytes the content, or null when the entry was not inflated or not kept
   */
  record Item(String name, byte[] bytes) {}

  /**
   * What reading a zip gave.
   *
   * @param items every file entry (directories excluded) up to a problem, in physical order
   * @param problem null, or why the zip cannot be read
   */
  record Result(List<Item> items, FileProblem problem) {}

  /** True when the bytes start with a zip local header or empty-archive signature ("PK"). */
  static boolean looksLikeZip(byte[] bytes) {
    return bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K'
        && (bytes[2] == 3 || bytes[2] == 5 || bytes[2] == 7) && (bytes[3] == 4 || bytes[3] == 6 || bytes[3] == 8);
  }

  /** True when the bytes start with the OLE2/CFB signature (encrypted OOXML or an old .xls). */
  static boolean looksLikeOle2(byte[] bytes) {
    return bytes.length >= 8
        && (bytes[0] & 0xFF) == 0xD0 && (bytes[1] & 0xFF) == 0xCF
        && (bytes[2] & 0xFF) == 0x11 && (bytes[3] & 0xFF) == 0xE0
        && (bytes[4] & 0xFF) == 0xA1 && (bytes[5] & 0xFF) == 0xB1
        && (bytes[6] & 0xFF) == 0x1A && (bytes[7] & 0xFF) == 0xE1;
  }

  /**
   * Lists every file entry, inflates (and checks) those whose decoded name passes {@code inflate},
   * within the limits, and keeps the bytes of those also passing {@code keep}.
   */
  static Result read(String fileName, byte[] zip, Predicate<String> inflate, Predicate<String> keep) {
    return read(fileName, zip, inflate, keep, Limits.DEFAULT);
  }

  /** Like {@link #read(String, byte[], Predicate, Predicate)} with explicit limits. */
  static Result read(String fileName, byte[] zip, Predicate<String> inflate, Predicate<String> keep, Limits limits) {
    List<Item> items = new ArrayList<>();
    ZipFile file;
    try {
      file = ZipFile.builder()
          .setSeekableByteChannel(new SeekableInMemoryByteChannel(zip))
          .setCharset(StandardCharsets.UTF_8)
          .setUseUnicodeExtraFields(true)
          .get();
    } catch (IOException | RuntimeException e) {
      return new Result(items, FileProblem.ofFile(FileProblem.FILE_CORRUPT,
          fileName + ": not a readable zip file (truncated or damaged: " + describe(e) + ")"));
    }
    long total = 0;
    byte[] buffer = new byte[BUFFER];
    try (file) {
      for (ZipArchiveEntry entry : Collections.list(file.getEntriesInPhysicalOrder())) {
        String name = entryName(entry);
        if (entry.isDirectory()) {
          continue;
        }
        if (!inflate.test(name)) {
          items.add(new Item(name, null));
          continue;
        }
        if (entry.getGeneralPurposeBit().usesEncryption()) {
          return new Result(items, FileProblem.ofFile(FileProblem.FILE_ENCRYPTED,
              fileName + ": zip entry '" + name + "' is password-protected; send the files unencrypted"));
        }
        if (!file.canReadEntryData(entry)) {
          return new Result(items, FileProblem.ofFile(FileProblem.FILE_CORRUPT,
              fileName + ": zip entry '" + name + "' uses an unsupported compression method ("
                  + entry.getMethod() + "); re-create the zip with standard (deflate) compression"));
        }
        ByteArrayOutputStream out = keep.test(name) ? new ByteArrayOutputStream() : null;
        CRC32 crc = new CRC32();
        long size = 0;
        try (InputStream in = file.getInputStream(entry)) {
          for (int n; (n = in.read(buffer)) > 0; ) {
            size += n;
            total += n;
            FileProblem tooLarge = checkLimits(limits, fileName, name, in, size, total);
            if (tooLarge != null) {
              return new Result(items, tooLarge);
            }
            crc.update(buffer, 0, n);
            if (out != null) {
              out.write(buffer, 0, n);
            }
          }
        }
        if (entry.getCrc() != -1 && entry.getCrc() != crc.getValue()) {
          return new Result(items, FileProblem.ofFile(FileProblem.FILE_CORRUPT,
              fileName + ": zip entry '" + name + "' fails its checksum (the file is damaged)"));
        }
        items.add(new Item(name, out == null ? null : out.toByteArray()));
      }
    } catch (IOException | RuntimeException e) {
      return new Result(items, FileProblem.ofFile(FileProblem.FILE_CORRUPT,
          fileName + ": a zip entry cannot be inflated (truncated or damaged: " + describe(e) + ")"));
    }
    return new Result(items, null);
  }

  private static FileProblem checkLimits(
      Limits limits, String fileName, String entry, InputStream in, long size, long total) {
    String what = null;
    if (size > limits.maxEntryBytes()) {
      what = "zip entry '" + entry + "' inflates beyond " + mb(limits.maxEntryBytes()) + " (limit per entry)";
    } else if (total > limits.maxTotalBytes()) {
      what = "the zip's entries inflate beyond " + mb(limits.maxTotalBytes()) + " in total";
    } else if (size > limits.ratioGraceBytes() && in instanceof InputStreamStatistics stats) {
      double ratio = (double) stats.getCompressedCount() / size;
      if (ratio < limits.minInflateRatio()) {
        what = String.format(Locale.ROOT, "zip entry '%s' inflates more than %.0f times its compressed size",
            entry, 1 / limits.minInflateRatio());
      }
    }
    return what == null ? null : FileProblem.ofFile(FileProblem.FILE_TOO_LARGE,
        fileName + ": " + what + "; refusing to read a possible zip bomb");
  }

  private static String mb(long bytes) {
    return bytes >= 1024 * 1024 ? (bytes / (1024 * 1024)) + " MB" : bytes + " bytes";
  }

  /**
   * The entry's name: as flagged (UTF-8 flag or Unicode path field), else its raw bytes decoded
   * strictly as UTF-8, else as GBK (Windows' Chinese zip tools), else leniently as UTF-8.
   */
  static String entryName(ZipArchiveEntry entry) {
    if (entry.getGeneralPurposeBit().usesUTF8ForNames()
        || entry.getExtraField(UnicodePathExtraField.UPATH_ID) != null) {
      return entry.getName();
    }
    byte[] raw = entry.getRawName();
    if (raw == null) {
      return entry.getName();
    }
    for (Charset charset : List.of(StandardCharsets.UTF_8, Charset.forName("GB18030"))) {
      String decoded = TextDecoding.strict(raw, 0, charset);
      if (decoded != null) {
        return decoded;
      }
    }
    return new String(raw, StandardCharsets.UTF_8);
  }

  /**
   * A library exception for a message: its class and message, with Chinese text and long digit
   * runs masked so that no member name or ID number can leak into a problem message.
   */
  static String describe(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return e.getClass().getSimpleName();
    }
    m = m.replaceAll("\\p{IsHan}+", "…").replaceAll("[0-9]{6,}", "…").replaceAll("\\s+", " ").strip();
    if (m.length() > 200) {
      m = m.substring(0, 200) + "…";
    }
    return e.getClass().getSimpleName() + ": " + m;
  }
}
