package org.jifen.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceivedTimesTest {
  @TempDir Path tmp;

  private static long millis(String iso) {
    return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
  }

  @Test
  void aTimestampAppliesToEveryFileAndDefaultsToUtcPlus8() throws Exception {
    ReceivedTimes r = ReceivedTimes.parse("2025-04-11 08:00:00", new Configuration());
    assertEquals(millis("2025-04-11T08:00:00+08:00"), r.receivedAt("2025Q1", "a.xlsx", 0L));
  }

  @Test
  void aCsvGivesPerFileTimesAndFallsBackToModificationTime() throws Exception {
    Path csv = tmp.resolve("received.csv");
    Files.writeString(csv, "period,file,received_at\n2025Q1,a.xlsx,2025-04-12T09:30:00+08:00\n");
    ReceivedTimes r = ReceivedTimes.parse(csv.toString(), new Configuration());
    assertEquals(millis("2025-04-12T09:30:00+08:00"), r.receivedAt("2025Q1", "a.xlsx", 7L));
    assertEquals(7L, r.receivedAt("2025Q1", "b.xlsx", 7L));
  }

  @Test
  void aBadCsvLineIsNamed() throws Exception {
    Path csv = tmp.resolve("received.csv");
    Files.writeString(csv, "period,file,received_at\n2025Q1,a.xlsx,yesterday\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReceivedTimes.parse(csv.toString(), new Configuration()));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
  }
}
