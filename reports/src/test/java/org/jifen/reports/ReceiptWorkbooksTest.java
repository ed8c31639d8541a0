package org.jifen.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A receipt and a summary built by hand, written and read back: the sheets, the tables, text that
 * looks like a formula stays text, an absurdly long value is cut, every sheet prints on A4 landscape.
 */
class ReceiptWorkbooksTest {
  @TempDir Path tmp;

  static final PackOptions OPTIONS = new PackOptions(Instant.parse("2025-07-20T02:00:00Z"), "0.1.0-test", Map.of(), null);
  static final Instant DEADLINE = Instant.parse("2025-07-10T15:59:59Z");

  /** A branch with a current ledger holding two problems, a superseded one, and a rejected file. */
  static Receipt receipt() {
    List<Receipt.ReceivedFile> files = List.of(
        new Receipt.ReceivedFile("QS01B06_2025Q2.xlsx", 1, Instant.parse("2025-07-07T08:26:46Z"), null, false,
            "已接收，已被版本2替代（以新版本为准）", 44, 41, 3, 0),
        new Receipt.ReceivedFile("QS01B06_2025Q2_v2.xlsx", 2, Instant.parse("2025-07-12T08:00:00Z"),
            new BigDecimal("40.0"), true, "已接收，为当前有效版本", 44, 42, 2, 6),
        new Receipt.ReceivedFile("QS01B06_2025Q2 (1).xlsx", null, Instant.parse("2025-07-13T08:00:00Z"),
            new BigDecimal("64.0"), true, "整份退回：文件损坏或不完整", 0, 0, 0, 0));
    List<Receipt.SheetCount> sheets = List.of(
        new Receipt.SheetCount("QS01B06_2025Q2_v2.xlsx", "名册", 12, 11, 1, "1行有问题，见问题明细"),
        new Receipt.SheetCount("QS01B06_2025Q2_v2.xlsx", "积分明细", 32, 31, 1, "1行有问题，见问题明细"),
        new Receipt.SheetCount("QS01B06_2025Q2_v2.xlsx", "填表说明", 6, 0, 0, "不是台账工作表，未读取使用"));
    List<Receipt.Problem> problems = List.of(
        new Receipt.Problem("QS01B06_2025Q2_v2.xlsx", "当前有效版本", "名册", 13, "党员编号", "",
            "名册第13行没有填写党员编号，本行未计入。请补填党员编号。", "名册缺党员编号", "ROSTER_NO_MEMBER_CODE"),
        new Receipt.Problem("QS01B06_2025Q2_v2.xlsx", "当前有效版本", "积分明细", 9, "项目编码", "=HYPERLINK(\"x\")",
            "项目编码“=HYPERLINK(\"x\")”不是2025年度积分方案中的项目，本行未计入。" + "请对照《说明》中的项目编码表填写。".repeat(3),
            "项目编码不存在", "UNKNOWN_ITEM"),
        new Receipt.Problem("QS01B06_2025Q2 (1).xlsx", "整份退回", null, null, null, "依".repeat(40_000),
            "文件已损坏或不完整，无法打开读取，整份台账未能接收。", "文件损坏或不完整", "FILE_CORRUPT"));
    return new Receipt("2025Q2", "QS01B06", "区教育局机关党支部", "青山区直属机关工作委员会", "青山区委组织部", DEADLINE,
        "已接收并采用“QS01B06_2025Q2_v2.xlsx”（版本2）：42行已计入；2行有问题，暂未计入统计。", files, sheets, problems,
        List.of("文件“QS01B06_2025Q2_v2.xlsx”中的工作表“填表说明”（6行）不是台账工作表。"),
        List.of("打开原台账逐条更正。", "把封面“版本”改为3。"));
  }

  static ReceiptSummary summary() {
    return new ReceiptSummary("2025Q2", "青山区委", "青山区委组织部", DEADLINE,
        List.of(new ReceiptSummary.Figure("应报送的党支部（个）", 2, "有效的党支部"),
            new ReceiptSummary.Figure("未报送（个）", 1, null)),
        List.of(new ReceiptSummary.BranchLine("QS01B06", "区教育局机关党支部", "青山区直属机关工作委员会", "逾期报送",
                new BigDecimal("40.0"), 3, 1, 42, 5, "名册缺党员编号、项目编码不存在", "回执_QS01B06_2025Q2.xlsx"),
            new ReceiptSummary.BranchLine("QS01B04", "区委政法委机关党支部", "青山区直属机关工作委员会", "未报送", null, 0, 0, 0, 0,
                null, null)),
        List.of(new ReceiptSummary.ReasonLine("FILE_CORRUPT", "文件损坏或不完整", true, 1, 1, "QS01B06 区教育局机关党支部（1）")),
        List.of(new ReceiptSummary.MissingLine("QS01B04", "区委政法委机关党支部", "青山区直属机关工作委员会", "未收到台账文件")));
  }

  @Test
  void aReceiptReadsBackWithItsTablesAndSafeText() throws Exception {
    Path file = tmp.resolve("2025Q2/回执_QS01B06_2025Q2.xlsx");
    ReceiptWorkbooks.writeReceipt(receipt(), OPTIONS, file);
    try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
      assertEquals(List.of(ReceiptWorkbooks.SHEET_RECEIPT, ReceiptWorkbooks.SHEET_PROBLEMS),
          List.of(wb.getSheetName(0), wb.getSheetName(1)));
      DataFormatter f = new DataFormatter();
      Sheet r = wb.getSheet(ReceiptWorkbooks.SHEET_RECEIPT);
      assertEquals("2025年第二季度党员积分台账接收回执", r.getRow(0).getCell(0).getStringCellValue());
      assertEquals("党支部：QS01B06　区教育局机关党支部　　所属：青山区直属机关工作委员会", r.getRow(1).getCell(0).getStringCellValue());
      assertTrue(r.getRow(2).getCell(0).getStringCellValue().startsWith("报送截止时间：2025年7月10日 23:59"));
      int header = 8; // title, two lines, blank, 一、, conclusion, blank, 二、
      assertEquals("序号", r.getRow(header).getCell(0).getStringCellValue());
      assertEquals("逾期40.0小时（不影响报送时间）", r.getRow(header + 2).getCell(4).getStringCellValue());
      assertEquals("", f.formatCellValue(r.getRow(header + 3).getCell(2)), "no 版本 for a file never read");
      assertEquals(List.of("44", "42", "2", "6"), List.of(f.formatCellValue(r.getRow(header + 2).getCell(6)),
          f.formatCellValue(r.getRow(header + 2).getCell(7)), f.formatCellValue(r.getRow(header + 2).getCell(8)),
          f.formatCellValue(r.getRow(header + 2).getCell(9))));

      Sheet p = wb.getSheet(ReceiptWorkbooks.SHEET_PROBLEMS);
      int ph = 3;
      assertEquals(List.of(ReceiptWorkbooks.PROBLEM_HEADS), rowText(p, ph, f));
      assertEquals("'=HYPERLINK(\"x\")", p.getRow(ph + 2).getCell(6).getStringCellValue());
      assertEquals(CellType.STRING, p.getRow(ph + 2).getCell(6).getCellType());
      String cut = p.getRow(ph + 3).getCell(6).getStringCellValue();
      assertEquals(SafeText.MAX_CELL, cut.length());
      assertTrue(cut.endsWith("…"));
      assertTrue(p.getRow(ph + 2).getHeightInPoints() > p.getRow(ph + 1).getHeightInPoints(),
          "a longer explanation gets a taller row");
      for (Sheet s : List.of(r, p)) {
        assertTrue(s.getPrintSetup().getLandscape());
        assertEquals(PrintSetup.A4_PAPERSIZE, s.getPrintSetup().getPaperSize());
        assertEquals(1, s.getPrintSetup().getFitWidth());
      }
      assertEquals(ph, p.getRepeatingRows().getFirstRow());
    }
  }

  @Test
  void aSummaryHasItsFourSheets() throws Exception {
    Path file = tmp.resolve("回执汇总_2025Q2.xlsx");
    ReceiptWorkbooks.writeSummary(summary(), OPTIONS, file);
    try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
      assertEquals(List.of(ReceiptWorkbooks.SHEET_OVERVIEW, ReceiptWorkbooks.SHEET_REASONS,
          ReceiptWorkbooks.SHEET_BRANCHES, ReceiptWorkbooks.SHEET_MISSING),
          List.of(wb.getSheetName(0), wb.getSheetName(1), wb.getSheetName(2), wb.getSheetName(3)));
      DataFormatter f = new DataFormatter();
      assertEquals("青山区委2025年第二季度党员积分台账接收情况汇总",
          wb.getSheet(ReceiptWorkbooks.SHEET_OVERVIEW).getRow(0).getCell(0).getStringCellValue());
      assertEquals(List.of(ReceiptWorkbooks.BRANCH_HEADS), rowText(wb.getSheet(ReceiptWorkbooks.SHEET_BRANCHES), 3, f));
      assertEquals("40.0", f.formatCellValue(wb.getSheet(ReceiptWorkbooks.SHEET_BRANCHES).getRow(4).getCell(4)));
      assertEquals(List.of(ReceiptWorkbooks.REASON_HEADS), rowText(wb.getSheet(ReceiptWorkbooks.SHEET_REASONS), 3, f));
      assertEquals("未收到台账文件", wb.getSheet(ReceiptWorkbooks.SHEET_MISSING).getRow(4).getCell(3).getStringCellValue());
    }
  }

  private static List<String> rowText(Sheet s, int row, DataFormatter f) {
    List<String> out = new java.util.ArrayList<>();
    for (int c = 0; c < s.getRow(row).getLastCellNum(); c++) {
      out.add(f.formatCellValue(s.getRow(row).getCell(c)));
    }
    return out;
  }
}
