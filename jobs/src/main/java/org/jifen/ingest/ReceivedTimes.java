package org.jifen.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * When each export was received. By default the file's modification time (DOMAIN §8);
 * {@code --received} gives either one timestamp for every file, or a CSV file with the header
 * {@code period,file,received_at} (as a mailbox tool writes, since git does not keep file times).
 */
public final class ReceivedTimes {
  /** Offset of times written without one: the district's UTC+8. */
  public static final ZoneOffset DISTRICT_OFFSET = ZoneOffset.ofHours(8);

  private final Long fixed;
  private final Map<String, Long> byFile;

  private ReceivedTimes(Long fixed, Map<String, Long> byFile) {
    this.fixed = fixed;
    this.byFile = byFile;
  }

  /** Modification times only. */
  public static ReceivedTimes fileTimes() {
    return new ReceivedTimes(null, Map.of());
  }

  /** Parses a {@code --received} value: a timestamp, or a CSV file path. */
  public static ReceivedTimes parse(String value, Configuration conf) throws IOException {
    if (value == null || value.isBlank()) {
      return fileTimes();
    }
    Long ts = parseTimestamp(value);
    if (ts != null) {
      return new ReceivedTimes(ts, Map.of());
    }
    Path p = new Path(value);
    FileSystem fs = p.getFileSystem(conf);
    if (!fs.exists(p)) {
      throw new IllegalArgumentException("--received: '" + value
          + "' is neither a timestamp (2025-04-08T10:00:00+08:00) nor an existing CSV file");
    }
    Map<String, Long> map = new HashMap<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(p), StandardCharsets.UTF_8))) {
      String line = r.readLine();
      if (line == null || !line.replace("\uFEFF", "").trim().equals("period,file,received_at")) {
        throw new IllegalArgumentException(value + " line 1: expected the header period,file,received_at");
      }
      int n = 1;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        String[] parts = line.split(",", -1);
        Long t = parts.length == 3 ? parseTimestamp(parts[2].trim()) : null;
        if (t == null) {
          throw new IllegalArgumentException(value + " line " + n
              + ": expected period,file,received_at with an ISO timestamp, got '" + line + "'");
        }
        map.put(parts[0].trim() + "/" + parts[1].trim(), t);
      }
    }
    return new ReceivedTimes(null, map);
  }

  /** Epoch millis of an ISO-8601 time; UTC+8 when it has no offset; null when it is not a time. */
  public static Long parseTimestamp(String s) {
    try {
      return OffsetDateTime.parse(s.trim()).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(s.trim().replace(' ', 'T')).toInstant(DISTRICT_OFFSET).toEpochMilli();
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  /** The received time of {@code period/name}, falling back to its modification time. */
  public long receivedAt(String period, String name, long modificationTime) {
    if (fixed != null) {
      return fixed;
    }
    return byFile.getOrDefault(period + "/" + name, modificationTime);
  }
}
