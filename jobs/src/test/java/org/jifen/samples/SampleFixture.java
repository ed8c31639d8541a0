package org.jifen.samples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jifen.samples.SampleGenerator.Size;
import org.jifen.samples.SampleGenerator.Summary;

/** One SMALL sample with the default seed, generated once per test JVM and read back lazily. */
final class SampleFixture {
  /** An export as found in the inbox, read back. */
  record Found(String period, String file, Path path, ExportReader.Export content) {
    int quarter() {
      return period.charAt(period.length() - 1) - '0';
    }

    String branchFromName() {
      return file.substring(0, file.indexOf('_'));
    }

    int version() {
      String v = content.cover().getOrDefault("版本", "1");
      return v.isEmpty() ? 1 : Integer.parseInt(v);
    }
  }

  private static Path dir;
  private static Summary summary;
  private static List<Found> readable;

  private SampleFixture() {}

  static synchronized Path dir() {
    if (dir == null) {
      try {
        dir = Files.createTempDirectory("jifen-samples-small");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Path d = dir;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          SampleGenerator.deleteRecursively(d);
        } catch (IOException ignored) {
          // best effort
        }
      }));
      summary = SampleGenerator.generate(dir, SampleGenerator.DEFAULT_SEED, Size.SMALL);
    }
    return dir;
  }

  static synchronized Summary summary() {
    dir();
    return summary;
  }

  /** Files (period/file) that carry a whole-file fault. */
  static Set<String> rejectedFiles() {
    Set<String> s = new HashSet<>();
    summary().faults().stream().filter(Fault::wholeFile).forEach(f -> s.add(f.period() + "/" + f.file()));
    return s;
  }

  /** Every export except those with a whole-file fault, read back. */
  static synchronized List<Found> readable() {
    if (readable == null) {
      Set<String> rejected = rejectedFiles();
      List<Found> list = new ArrayList<>();
      for (Map.Entry<String, List<Path>> p : inbox().entrySet()) {
        for (Path export : p.getValue()) {
          String file = export.getFileName().toString();
          if (!rejected.contains(p.getKey() + "/" + file)) {
            list.add(new Found(p.getKey(), file, export, ExportReader.read(export)));
          }
        }
      }
      readable = list;
    }
    return readable;
  }

  /** Exports per period folder, sorted by name. */
  static Map<String, List<Path>> inbox() {
    Map<String, List<Path>> result = new LinkedHashMap<>();
    try (Stream<Path> periods = Files.list(dir().resolve("inbox"))) {
      for (Path p : periods.filter(Files::isDirectory).sorted().toList()) {
        try (Stream<Path> s = Files.list(p)) {
          result.put(p.getFileName().toString(), s.sorted(Comparator.comparing(Path::toString)).toList());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return result;
  }

  /** Faults of one export, keyed by sheet and row. */
  static Map<String, Fault> rowFaults(String period, String file) {
    Map<String, Fault> m = new LinkedHashMap<>();
    for (Fault f : summary().faults()) {
      if (!f.wholeFile() && f.period().equals(period) && f.file().equals(file)) {
        m.put(f.sheet() + "#" + f.row(), f);
      }
    }
    return m;
  }
}
