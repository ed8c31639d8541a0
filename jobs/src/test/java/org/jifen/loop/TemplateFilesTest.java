package org.jifen.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jifen.ingest.TextLimits;
import org.jifen.scheme.Schemes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: templates never hold a formula and never stop on one bad branch. Names a spreadsheet
 * would run as formulas are kept as they are, as text cells (no visible apostrophe); a name longer
 * than a cell holds is cut with "…" and reported with its real length; a branch whose file cannot
 * be written is listed, the others are written, and no temporary file is left.
 */
class TemplateFilesTest {
  @TempDir Path tmp;

  static final LedgerTemplate.Spec SPEC = new LedgerTemplate.Spec(2026, 1, Schemes.load("district-100"), 10,
      TextLimits.DEFAULTS, "报所属党（工）委。", Instant.parse("2025-12-20T02:00:00Z"));
  static final List<String> HOSTILE = List.of("=1+1", "+SUM(1)", "@A1", "-1+2", "\t=1+1", "＝1+1");

  static LedgerTemplate.Member member(String code, String name) {
    return new LedgerTemplate.Member(code, name, "missing", "男", LocalDate.of(1980, 5, 1), LocalDate.of(2005, 7, 1),
        "正式党员", "在职", true, null, null);
  }

  /** {@code n} random CJK characters. */
  static String random(int n, long seed) {
    java.util.Random r = new java.util.Random(seed);
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append((char) (0x4E00 + r.nextInt(20_000)));
    }
    return b.toString();
  }

  static TemplateInputs.BranchRoster branch(String code, String name, List<LedgerTemplate.Member> members) {
    return new TemplateInputs.BranchRoster(new LedgerTemplate.Branch(code, name, "区委"), "2025Q4", members);
  }

  @Test
  void formulaLikeNamesAreTextCellsThatReadBackUnchanged() throws Exception {
    List<LedgerTemplate.Member> members = new java.util.ArrayList<>();
    for (int i = 0; i < HOSTILE.size(); i++) {
      members.add(member("DY90000" + i, HOSTILE.get(i)));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LedgerTemplate.write(SPEC, new LedgerTemplate.Branch("QS09B01", "=HYPERLINK(\"x\")支部", "@上级"), members, out);
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
      XSSFSheet roster = wb.getSheet("名册");
      for (int i = 0; i < HOSTILE.size(); i++) {
        XSSFCell c = roster.getRow(LedgerTemplate.FIRST_DATA_ROW + i).getCell(1);
        assertEquals(CellType.STRING, c.getCellType(), HOSTILE.get(i));
        assertEquals(HOSTILE.get(i), c.getStringCellValue(), "no apostrophe added");
        assertTrue(c.getCellStyle().getQuotePrefixed(), HOSTILE.get(i) + ": kept as text when edited");
        assertEquals("@", c.getCellStyle().getDataFormatString());
        assertFalse(c.getCellStyle().getLocked(), "still an input cell");
      }
      XSSFCell plain = roster.getRow(LedgerTemplate.FIRST_DATA_ROW).getCell(0);
      assertFalse(plain.getCellStyle().getQuotePrefixed(), "ordinary values keep their style");
      XSSFSheet cover = wb.getSheet("封面");
      assertEquals("=HYPERLINK(\"x\")支部党员积分台账", cover.getRow(0).getCell(0).getStringCellValue());
      assertEquals("=HYPERLINK(\"x\")支部", cover.getRow(3).getCell(1).getStringCellValue());
      assertEquals("@上级", cover.getRow(4).getCell(1).getStringCellValue());
      assertTrue(cover.getRow(3).getCell(1).getCellStyle().getQuotePrefixed());
      for (var sheet : wb) {
        for (var row : sheet) {
          for (var cell : row) {
            assertFalse(cell.getCellType() == CellType.FORMULA, sheet.getSheetName() + "!" + cell.getAddress());
          }
        }
      }
    }
  }

  @Test
  void aNameLongerThanACellHoldsIsCutAndReportedWithItsRealLength() throws Exception {
    // Varied characters, so that the workbook does not look like a zip bomb to POI reading it back.
    String name = random(40_000, 1) + "党支部";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> cut = LedgerTemplate.write(SPEC, new LedgerTemplate.Branch("QS09B01", name, null),
        List.of(member("DY900001", random(1_100_000, 2))), out);
    assertEquals(List.of("支部名称 has 40,003 characters (a cell holds 32,767: cut, ending with …)",
        "名册 row 3, 姓名 has 1,100,000 characters (a cell holds 32,767: cut, ending with …)"), cut);
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
      String title = wb.getSheet("封面").getRow(0).getCell(0).getStringCellValue();
      assertEquals(name.substring(0, 32_766) + "…", title);
      String filled = wb.getSheet("封面").getRow(3).getCell(1).getStringCellValue();
      assertEquals(name.substring(0, 32_766) + "…", filled);
      assertEquals(32_767, wb.getSheet("名册").getRow(2).getCell(1).getStringCellValue().length());
      assertEquals(409f, wb.getSheet("名册").getRow(0).getHeightInPoints(), "a title row no taller than Excel allows");
    }
  }

  @Test
  void oneBranchThatCannotBeWrittenStopsNoOtherAndLeavesNothingBehind() throws Exception {
    Path out = tmp.resolve("templates");
    // QS09B02's file name is taken by a folder that is not empty: its template cannot be put there.
    Files.createDirectories(out.resolve("QS09B02_2026Q1.xlsx").resolve("x"));
    List<TemplateInputs.BranchRoster> branches = List.of(
        branch("QS09B01", "长".repeat(40_003), List.of(member("DY900001", "=1+1"))),
        branch("QS09B02", "第二党支部", List.of(member("DY900002", "王二"))),
        branch("QS09B03", "第三党支部", List.of(member("DY900003", "王三"))));
    TemplateFiles.Result r = TemplateFiles.write(SPEC, branches, out);
    assertEquals(List.of("QS09B01", "QS09B03"), r.written().stream().map(w -> w.branch().branch().code()).toList());
    assertEquals(1, r.failures().size());
    assertEquals("QS09B02", r.failures().get(0).branchCode());
    assertTrue(r.failures().get(0).reason().startsWith("DirectoryNotEmptyException")
        || r.failures().get(0).reason().startsWith("FileSystemException"), r.failures().get(0).reason());
    assertEquals(List.of("支部名称 has 40,003 characters (a cell holds 32,767: cut, ending with …)"),
        r.written().get(0).cut());
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(List.of("QS09B01_2026Q1.xlsx", "QS09B02_2026Q1.xlsx", "QS09B03_2026Q1.xlsx"),
          files.map(p -> p.getFileName().toString()).sorted().toList(), "no .tmp file left");
    }
    assertTrue(Files.size(out.resolve("QS09B01_2026Q1.xlsx")) > 10_000);
  }
}
