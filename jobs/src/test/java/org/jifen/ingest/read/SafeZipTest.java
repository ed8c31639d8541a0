package org.jifen.ingest.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The zip-bomb guard's limits, exercised with small limits on small zips. */
class SafeZipTest {
  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(42).nextBytes(bytes);
    return bytes;
  }

  private static SafeZip.Result read(byte[] zip, SafeZip.Limits limits) {
    return SafeZip.read("limits.zip", zip, n -> true, n -> true, limits);
  }

  @Test
  void defaultsAreTheDocumentedLimits() {
    assertEquals(200L * 1024 * 1024, SafeZip.Limits.DEFAULT.maxEntryBytes());
    assertEquals(500L * 1024 * 1024, SafeZip.Limits.DEFAULT.maxTotalBytes());
    assertEquals(0.01, SafeZip.Limits.DEFAULT.minInflateRatio());
    assertEquals(1024L * 1024, SafeZip.Limits.DEFAULT.ratioGraceBytes());
  }

  @Test
  void entryOverItsLimitIsTooLarge() {
    byte[] zip = Fixtures.zip(StandardCharsets.UTF_8, Map.of("a.bin", random(300_000)));
    SafeZip.Result r = read(zip, new SafeZip.Limits(200_000, 10_000_000, 0.01, 1_000_000));
    assertEquals(FileProblem.FILE_TOO_LARGE, r.problem().code());
    assertTrue(r.problem().message().contains("'a.bin' inflates beyond 200000 bytes (limit per entry)"),
        r.problem().message());
  }

  @Test
  void entriesOverTheTotalLimitAreTooLarge() {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("a.bin", random(150_000));
    entries.put("b.bin", random(150_000));
    SafeZip.Result r = read(Fixtures.zip(StandardCharsets.UTF_8, entries),
        new SafeZip.Limits(200_000, 250_000, 0.01, 1_000_000));
    assertEquals(FileProblem.FILE_TOO_LARGE, r.problem().code());
    assertTrue(r.problem().message().contains("in total"), r.problem().message());
  }

  @Test
  void highRatioIsToleratedBelowTheGraceSize() {
    byte[] zip = Fixtures.zip(StandardCharsets.UTF_8, Map.of("zeros.bin", new byte[500_000]));
    assertNull(read(zip, new SafeZip.Limits(10_000_000, 10_000_000, 0.01, 1_000_000)).problem());
    SafeZip.Result r = read(zip, new SafeZip.Limits(10_000_000, 10_000_000, 0.01, 100_000));
    assertEquals(FileProblem.FILE_TOO_LARGE, r.problem().code());
    assertTrue(r.problem().message().contains("more than 100 times"), r.problem().message());
  }

  @Test
  void withinLimitsKeepsTheBytes() {
    byte[] zip = Fixtures.zip(StandardCharsets.UTF_8, Map.of("名册.csv", "a,b\n".getBytes(StandardCharsets.UTF_8)));
    SafeZip.Result r = SafeZip.read("ok.zip", zip, n -> true, n -> true);
    assertNull(r.problem());
    assertEquals("名册.csv", r.items().get(0).name());
    assertEquals("a,b\n", new String(r.items().get(0).bytes(), StandardCharsets.UTF_8));
  }
}
