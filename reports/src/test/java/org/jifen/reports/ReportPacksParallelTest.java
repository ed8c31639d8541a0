package org.jifen.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packs written on a pool of threads are the packs written one after the other. */
class ReportPacksParallelTest {
  @TempDir Path tmp;

  @AfterEach
  void clear() {
    System.clearProperty(ReportPacks.THREADS_PROPERTY);
  }

  private List<ReportPack> render(Path mart, String period, int threads, String out) throws Exception {
    System.setProperty(ReportPacks.THREADS_PROPERTY, String.valueOf(threads));
    PackOptions o = new PackOptions(Instant.parse("2025-10-15T02:30:00Z"), "0.1.0-test", Map.of(), null);
    return ReportPacks.render(mart, period, List.of(), tmp.resolve(out), o);
  }

  @Test
  void parallelPacksEqualSerialPacks() throws Exception {
    Path mart = MartFixture.build(tmp.resolve("jifen.duckdb"), false);
    for (String period : List.of("2025Q2", "2025")) {
      List<ReportPack> serial = render(mart, period, 1, "serial");
      List<ReportPack> parallel = render(mart, period, 3, "parallel");
      assertEquals(serial.stream().map(ReportPack::unitCode).toList(),
          parallel.stream().map(ReportPack::unitCode).toList(), "packs come back in the order of the units");
      for (int i = 0; i < serial.size(); i++) {
        Path a = serial.get(i).directory();
        Path b = parallel.get(i).directory();
        assertEquals(serial.get(i).files(), parallel.get(i).files());
        for (String f : serial.get(i).files()) {
          if (f.endsWith(".png") || f.endsWith(".json")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
          }
        }
        assertEquals(text(a.resolve(ReportPacks.DOCX)), text(b.resolve(ReportPacks.DOCX)));
      }
    }
  }

  private static String text(Path docx) throws Exception {
    try (InputStream in = Files.newInputStream(docx); XWPFDocument d = new XWPFDocument(in);
        XWPFWordExtractor x = new XWPFWordExtractor(d)) {
      return x.getText();
    }
  }
}
