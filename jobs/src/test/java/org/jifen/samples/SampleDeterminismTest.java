package org.jifen.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jifen.samples.SampleGenerator.Size;
import org.jifen.samples.SampleGenerator.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same seed → same bytes; another seed → another district. */
class SampleDeterminismTest {
  @Test
  void sameSeedGivesByteIdenticalFiles(@TempDir Path again) throws IOException {
    Summary first = SampleFixture.summary();
    Summary second = SampleGenerator.generate(again, SampleGenerator.DEFAULT_SEED, Size.SMALL);
    assertEquals(first, second);
    Map<String, byte[]> a = files(SampleFixture.dir());
    Map<String, byte[]> b = files(again);
    assertEquals(a.keySet(), b.keySet());
    a.forEach((path, bytes) -> assertArrayEquals(bytes, b.get(path), path));
    // Modification times carry the received times, so they match too.
    for (String path : a.keySet()) {
      if (path.startsWith("inbox/20")) {
        assertEquals(Files.getLastModifiedTime(SampleFixture.dir().resolve(path)),
            Files.getLastModifiedTime(again.resolve(path)), path);
      }
    }
  }

  @Test
  void anotherSeedGivesAnotherDistrict(@TempDir Path other) throws IOException {
    SampleGenerator.generate(other, SampleGenerator.DEFAULT_SEED + 1, Size.SMALL);
    assertNotEquals(Files.readString(SampleFixture.dir().resolve("inbox/received.csv")),
        Files.readString(other.resolve("inbox/received.csv")));
    assertNotEquals(content(SampleFixture.dir()).get("orgs.xlsx!xl/worksheets/sheet1.xml"),
        content(other).get("orgs.xlsx!xl/worksheets/sheet1.xml"));
  }

  /** Every regular file under {@code root} by relative path. */
  static Map<String, byte[]> files(Path root) {
    Map<String, byte[]> result = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        result.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return result;
  }

  /**
   * Content independent of the zip compressor: plain files as they are, xlsx and zip files as
   * their uncompressed entries ({@code file!entry}).
   */
  static Map<String, String> content(Path root) {
    Map<String, String> result = new TreeMap<>();
    files(root).forEach((path, bytes) -> {
      if (path.endsWith(".xlsx") || path.endsWith(".zip")) {
        try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(bytes))) {
          for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
            result.put(path + "!" + e.getName(), hex(zip.readAllBytes()));
          }
        } catch (IOException e) {
          // A deliberately corrupt file: its truncated bytes depend on the compressor, so only
          // that it is unreadable is compared.
          result.keySet().removeIf(k -> k.startsWith(path + "!"));
          result.put(path, "unreadable zip");
        }
      } else {
        result.put(path, hex(bytes));
      }
    });
    return result;
  }

  private static String hex(byte[] bytes) {
    return java.util.HexFormat.of().formatHex(bytes);
  }
}
