package org.jifen.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One unit's failure never stops the other packs; an absurdly long text never fails a pack. */
class ReportPacksFailureTest {
  @TempDir Path tmp;

  @AfterEach
  void clear() {
    System.clearProperty(ReportPacks.FAIL_UNITS_PROPERTY);
  }

  @Test
  void aFailingUnitIsReportedAndTheOtherPacksAreWritten() throws Exception {
    Path mart = MartFixture.build(tmp.resolve("jifen.duckdb"), false);
    PackOptions o = new PackOptions(Instant.parse("2025-10-15T02:30:00Z"), "0.1.0-test", Map.of(), null);
    List<ReportPack> all = ReportPacks.render(mart, "2025Q2", List.of(), tmp.resolve("all"), o);
    assertTrue(all.size() >= 3, "units: " + all.size());
    String failing = all.get(1).unitCode();

    System.setProperty(ReportPacks.FAIL_UNITS_PROPERTY, failing);
    ReportPacks.PackFailures f = assertThrows(ReportPacks.PackFailures.class,
        () -> ReportPacks.render(mart, "2025Q2", List.of(), tmp.resolve("out"), o));
    assertEquals(List.of(failing + ": IOException (simulated write failure for " + failing + ")"), f.failures());
    assertTrue(f.getMessage().startsWith("report packs of 2025Q2 failed for 1 of " + all.size() + " units (the other "
        + (all.size() - 1) + " were written)"), f.getMessage());
    assertEquals(all.size() - 1, f.written().size());
    for (ReportPack p : f.written()) {
      assertTrue(Files.isRegularFile(p.directory().resolve(ReportPacks.XLSX)), p.unitCode());
    }
    assertFalse(Files.exists(tmp.resolve("out/2025Q2").resolve(ReportPacks.directoryName(failing))));
  }

  @Test
  void textLongerThanACellHoldsIsCutWithAnEllipsis() {
    String huge = "依".repeat(40_000);
    String cell = SafeText.cell(huge);
    assertEquals(SafeText.MAX_CELL, cell.length());
    assertTrue(cell.endsWith("…"));
    assertEquals("'=1+1", SafeText.cell("=1+1"));
    String emoji = "x".repeat(SafeText.MAX_CELL - 2) + "😀😀";
    assertFalse(Character.isHighSurrogate(SafeText.cell(emoji).charAt(SafeText.cell(emoji).length() - 2)));
  }
}
