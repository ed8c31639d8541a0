package org.jifen.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The benchmark's incremental correction: writes what a branch sends when it corrects its ledger,
 * a copy of the workbook with 版本 raised by one and the last row of 积分明细 removed.
 *
 * <p>Usage: {@code java -cp … org.jifen.bench.Reexport IN.xlsx OUT.xlsx}.
 */
public final class Reexport {
  private Reexport() {}

  public static void main(String[] args) throws Exception {
    Path in = Path.of(args[0]);
    Path out = Path.of(args[1]);
    DataFormatter fmt = new DataFormatter();
    try (InputStream is = Files.newInputStream(in); XSSFWorkbook wb = new XSSFWorkbook(is)) {
      Sheet cover = wb.getSheet("封面");
      boolean bumped = false;
      for (Row r : cover) {
        Cell label = r.getCell(0);
        if (label != null && fmt.formatCellValue(label).strip().startsWith("版本")) {
          Cell v = r.getCell(1) != null ? r.getCell(1) : r.createCell(1);
          String old = fmt.formatCellValue(v).strip();
          int next = (old.isEmpty() ? 1 : Integer.parseInt(old)) + 1;
          v.setCellValue(next);
          bumped = true;
        }
      }
      if (!bumped) {
        // No 版本 row means version 1 (DOMAIN §4): the correction is version 2.
        Row r = cover.createRow(cover.getLastRowNum() + 1);
        r.createCell(0).setCellValue("版本");
        r.createCell(1).setCellValue(2);
      }
      Sheet entries = wb.getSheet("积分明细");
      if (entries != null && entries.getLastRowNum() > 1) {
        entries.removeRow(entries.getRow(entries.getLastRowNum()));
      }
      try (OutputStream os = Files.newOutputStream(out)) {
        wb.write(os);
      }
    }
  }
}
