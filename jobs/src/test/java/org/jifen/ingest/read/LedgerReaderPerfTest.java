package org.jifen.ingest.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * Measures reading a 100k-row entries sheet; runs only with {@code -Djifen.perf=true} and prints
 * rows per second (shared strings and inline strings).
 */
class LedgerReaderPerfTest {
  private static final int ROWS = 100_000;

  private static byte[] workbook(boolean sharedStrings) throws IOException {
    SXSSFWorkbook wb = new SXSSFWorkbook(null, 1000, true, sharedStrings);
    try {
      Sheet cover = wb.createSheet("封面");
      cover.createRow(0).createCell(0).setCellValue("支部编码");
      cover.getRow(0).createCell(1).setCellValue("QS09B01");
      Sheet sheet = wb.createSheet("积分明细");
      CellStyle date = wb.createCellStyle();
      date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
      String[] header = {"日期", "党员编号", "姓名", "项目编码", "分值", "依据", "登记人", "自评分", "党小组初评分"};
      Row h = sheet.createRow(0);
      for (int c = 0; c < header.length; c++) {
        h.createCell(c).setCellValue(header[c]);
      }
      for (int r = 1; r <= ROWS; r++) {
        Row row = sheet.createRow(r);
        row.createCell(0).setCellValue(LocalDate.of(2025, 1, 1).plusDays(r % 90));
        row.getCell(0).setCellStyle(date);
        row.createCell(1).setCellValue("DY" + (100000 + r % 5000));
        row.createCell(2).setCellValue("党员" + (r % 5000));
        row.createCell(3).setCellValue("A" + (r % 9 + 1));
        row.createCell(4).setCellValue(r % 5 + 1);
        row.createCell(5).setCellValue("亮身份当先锋，参加" + (r % 12 + 1) + "月志愿服务");
        row.createCell(6).setCellValue("登记人" + (r % 10));
        row.createCell(7).setCellValue(r % 5 + 1);
        row.createCell(8).setCellValue(r % 5 + 1);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      wb.write(out);
      return out.toByteArray();
    } finally {
      wb.dispose();
    }
  }

  @Test
  void readsOneHundredThousandRows() throws IOException {
    assumeTrue(Boolean.getBoolean("jifen.perf"), "set -Djifen.perf=true to measure");
    for (boolean shared : new boolean[] {true, false}) {
      byte[] xlsx = workbook(shared);
      for (int round = 0; round < 3; round++) {
        long t0 = System.nanoTime();
        SafeZip.Result guard = SafeZip.read("perf.xlsx", xlsx, n -> true, n -> false);
        long t1 = System.nanoTime();
        ParsedLedger ledger = Fixtures.readXlsx("perf.xlsx", xlsx);
        long t2 = System.nanoTime();
        assertNull(guard.problem());
        assertNull(ledger.problem());
        assertEquals(ROWS + 1, ledger.rows().size());
        System.out.printf("perf %s strings, %.1f MB file: read %d rows in %d ms (%.0f rows/s), of which zip guard %d ms%n",
            shared ? "shared" : "inline", xlsx.length / 1e6, ROWS, (t2 - t1) / 1_000_000,
            ROWS / ((t2 - t1) / 1e9), (t1 - t0) / 1_000_000);
      }
    }
  }
}
