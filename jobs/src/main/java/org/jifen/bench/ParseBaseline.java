package org.jifen.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * The parse-only baseline of the benchmark: the fastest plain streaming read of every xlsx under
 * a folder that this JVM can do with the given threads (fastexcel-reader, one task per file),
 * counting rows and non-blank cells and nothing else. Prints one JSON object.
 *
 * <p>Usage: {@code java -cp jifen-jobs.jar:… org.jifen.bench.ParseBaseline DIR [THREADS]}.
 */
public final class ParseBaseline {
  private ParseBaseline() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(p -> p.toString().endsWith(".xlsx")).sorted().toList();
    }
    AtomicLong rows = new AtomicLong();
    AtomicLong cells = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = files.stream().<Future<?>>map(f -> pool.submit(() -> {
      try (InputStream in = Files.newInputStream(f); ReadableWorkbook wb = new ReadableWorkbook(in)) {
        bytes.addAndGet(Files.size(f));
        for (Sheet sheet : wb.getSheets().toList()) {
          try (Stream<Row> rs = sheet.openStream()) {
            rs.forEach(r -> {
              rows.incrementAndGet();
              long n = 0;
              for (int i = 0; i < r.getCellCount(); i++) {
                if (r.getCell(i) != null && !r.getCellText(i).isEmpty()) {
                  n++;
                }
              }
              cells.addAndGet(n);
            });
          }
        }
      } catch (IOException | RuntimeException e) {
        failed.incrementAndGet();
      }
    })).toList();
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.MINUTES);
    double secs = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT,
        "{\"files\":%d,\"failed\":%d,\"bytes\":%d,\"rows\":%d,\"cells\":%d,\"threads\":%d,\"seconds\":%.2f,"
            + "\"rows_per_s\":%.0f,\"files_per_s\":%.1f}%n",
        files.size(), failed.get(), bytes.get(), rows.get(), cells.get(), threads, secs, rows.get() / secs,
        files.size() / secs);
  }
}
