package org.jifen.cli;

import java.io.OutputStream;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Loads the xlsx writer's classes (POI and its XMLBeans schemas: about a second of a command's
 * start) on a thread of its own while the command reads the warehouse on the other core. Only a
 * warm-up: it writes nothing and its failures are ignored.
 */
final class XlsxWarmUp {
  private XlsxWarmUp() {}

  static void start() {
    Thread t = new Thread(XlsxWarmUp::run, "xlsx-warm-up");
    t.setDaemon(true);
    t.start();
  }

  private static void run() {
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      XSSFSheet sheet = wb.createSheet("warm-up");
      XSSFCellStyle style = wb.createCellStyle();
      style.setFont(wb.createFont());
      style.setWrapText(true);
      sheet.createRow(0).createCell(0).setCellValue("warm-up");
      sheet.getRow(0).getCell(0).setCellStyle(style);
      DataValidationHelper h = sheet.getDataValidationHelper();
      sheet.addValidationData(h.createValidation(h.createExplicitListConstraint(new String[] {"a"}),
          new CellRangeAddressList(1, 1, 0, 0)));
      sheet.setColumnWidth(0, 10 * 256);
      wb.write(OutputStream.nullOutputStream());
    } catch (Exception | LinkageError e) {
      // only a warm-up: the real workbooks report their own failures
    }
  }
}
