package org.jifen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jifen.spark.Warehouse;
import org.jifen.testing.SampleWarehouse;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code jifen report --as-of}: packs rebuilt from the warehouse as it stood at a time are
 * identical (figures and manifest apart from the generation time) each time they are rebuilt,
 * and a time before the scores existed cannot produce them.
 */
class ReportAsOfTest {
  private static int report(Warehouse wh, String... args) {
    CommandLine cl = Jifen.commandLine();
    cl.setOut(new PrintWriter(new StringWriter(), true));
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    String[] all = Stream.concat(Stream.of("report", "--warehouse", wh.root(), "--master", "local[2]"),
        Stream.of(args)).toArray(String[]::new);
    int code = cl.execute(all);
    assertTrue(code == ExitCodes.OK || code == ExitCodes.FAILURE || code == ExitCodes.USAGE, err.toString());
    return code;
  }

  private static List<String> tableCells(Path xlsx) throws Exception {
    try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(xlsx))) {
      Sheet s = wb.getSheetAt(0);
      DataFormatter f = new DataFormatter();
      List<String> cells = new java.util.ArrayList<>();
      for (Row r : s) {
        r.forEach(c -> cells.add(f.formatCellValue(c)));
      }
      return cells.stream().filter(c -> !c.contains("生成时间")).toList();
    }
  }

  private static JsonNode manifestWithoutTime(Path dir) throws Exception {
    ObjectNode m = (ObjectNode) new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
    m.remove("generated_at");
    return m;
  }

  @Test
  void packsRebuiltAsOfATimeAreIdenticalApartFromTheirGenerationTime() throws Exception {
    Warehouse wh = SampleWarehouse.aggregated();
    Instant at = Instant.now().plusSeconds(1);
    Thread.sleep(1500);
    String time = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atOffset(ZoneOffset.ofHours(8)));
    String tag = "as-of-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").format(at.atOffset(ZoneOffset.ofHours(8)));
    Path dir = Path.of(wh.root(), "reports", tag, "2025", "QS");

    assertEquals(ExitCodes.OK, report(wh, "--period", "2025", "--unit", "QS", "--as-of", time));
    List<String> first = tableCells(dir.resolve("statistics-table.xlsx"));
    JsonNode firstManifest = manifestWithoutTime(dir);
    String firstTime = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile()).get("generated_at").asText();
    Thread.sleep(1100);
    assertEquals(ExitCodes.OK, report(wh, "--period", "2025", "--unit", "QS", "--as-of", time));
    assertEquals(first, tableCells(dir.resolve("statistics-table.xlsx")));
    assertEquals(firstManifest, manifestWithoutTime(dir));
    assertNotEquals(firstTime,
        new ObjectMapper().readTree(dir.resolve("manifest.json").toFile()).get("generated_at").asText());
    assertTrue(first.contains("青山区委党员积分管理情况统计表(一)") || first.stream().anyMatch(c -> c.contains("统计表")));
  }

  @Test
  void aTimeBeforeTheWarehouseHeldScoresCannotProduceAPack() throws Exception {
    Warehouse wh = SampleWarehouse.aggregated();
    assertNotEquals(ExitCodes.OK, report(wh, "--period", "2025", "--unit", "QS", "--as-of", "2020-01-01T00:00:00+08:00"));
  }
}
