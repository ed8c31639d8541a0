package org.jifen.ingest.read;

import static org.jifen.ingest.read.Fixtures.book;
import static org.jifen.ingest.read.Fixtures.coverRows;
import static org.jifen.ingest.read.Fixtures.row;
import static org.jifen.ingest.read.Fixtures.rows;
import static org.jifen.ingest.read.Fixtures.save;
import static org.jifen.ingest.read.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every file-level problem code, with what its message must say. */
class FileProblemTest {
  @TempDir Path dir;

  private static byte[] validLedger() {
    return book()
        .sheet("封面", coverRows())
        .sheet("名册", row("党员编号", "姓名"), row("DY123456", "张三"))
        .sheet("积分明细", row("党员编号", "项目编码", "分值"), row("DY123456", "A7", 2))
        .sharedStrings();
  }

  private ParsedLedger xlsx(String caseName, byte[] bytes) {
    return Fixtures.readXlsx(caseName, save(dir, caseName, bytes));
  }

  private static FileProblem problem(ParsedLedger ledger, String code) {
    assertNotNull(ledger.problem(), "expected a problem");
    assertEquals(code, ledger.problem().code(), ledger.problem().message());
    return ledger.problem();
  }

  private static void assertMentions(FileProblem p, String... parts) {
    for (String part : parts) {
      assertTrue(p.message().contains(part), () -> "message '" + p.message() + "' should mention " + part);
    }
  }

  private static byte[] rezip(Map<String, byte[]> entries) {
    return Fixtures.zip(StandardCharsets.UTF_8, entries);
  }

  @Test
  void zeroBytesIsEmpty() {
    FileProblem p = problem(xlsx("ledger_empty.xlsx", new byte[0]), FileProblem.FILE_EMPTY);
    assertMentions(p, "ledger_empty.xlsx", "empty");
  }

  @Test
  void encryptedWorkbookIsReportedAsEncrypted() throws IOException, GeneralSecurityException {
    POIFSFileSystem fs = new POIFSFileSystem();
    Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
    encryptor.confirmPassword("secret");
    try (OutputStream os = encryptor.getDataStream(fs)) {
      os.write(validLedger());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    fs.writeFilesystem(out);
    fs.close();
    FileProblem p = problem(xlsx("ledger_encrypted.xlsx", out.toByteArray()), FileProblem.FILE_ENCRYPTED);
    assertMentions(p, "ledger_encrypted.xlsx", "password-protected (encrypted) xlsx", "Excel 97-2003 .xls");
  }

  @Test
  void oldXlsIsReportedAsEncryptedOrOldFormat() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (HSSFWorkbook wb = new HSSFWorkbook()) {
      wb.createSheet("封面").createRow(0).createCell(0).setCellValue("支部编码");
      wb.write(out);
    }
    FileProblem p = problem(xlsx("ledger_old_format.xlsx", out.toByteArray()), FileProblem.FILE_ENCRYPTED);
    assertMentions(p, "ledger_old_format.xlsx", ".xls");
  }

  @Test
  void truncatedWorkbookIsCorrupt() {
    byte[] valid = validLedger();
    FileProblem p = problem(xlsx("ledger_truncated.xlsx", Arrays.copyOf(valid, valid.length / 2)),
        FileProblem.FILE_CORRUPT);
    assertMentions(p, "ledger_truncated.xlsx", "zip");
  }

  @Test
  void textFileIsCorrupt() {
    FileProblem p = problem(xlsx("ledger_not_a_zip.xlsx", utf8("党员编号,姓名\n")), FileProblem.FILE_CORRUPT);
    assertMentions(p, "ledger_not_a_zip.xlsx", "not an xlsx");
  }

  @Test
  void zipWithoutWorkbookPartsIsCorrupt() {
    byte[] zip = rezip(Map.of("readme.txt", utf8("hello")));
    FileProblem p = problem(xlsx("ledger_zip_without_workbook.xlsx", zip), FileProblem.FILE_CORRUPT);
    assertMentions(p, "ledger_zip_without_workbook.xlsx", "[Content_Types].xml");
  }

  @Test
  void malformedSheetXmlIsCorruptAndNamesTheSheet() {
    Map<String, byte[]> entries = new LinkedHashMap<>(Fixtures.unzip(validLedger()));
    String xml = new String(entries.get("xl/worksheets/sheet2.xml"), StandardCharsets.UTF_8);
    int cut = xml.indexOf("<row r=\"2\"") + 12;
    entries.put("xl/worksheets/sheet2.xml", xml.substring(0, cut).getBytes(StandardCharsets.UTF_8));
    ParsedLedger ledger = xlsx("ledger_malformed_sheet_xml.xlsx", rezip(entries));
    FileProblem p = problem(ledger, FileProblem.FILE_CORRUPT);
    assertEquals("名册", p.sheet());
    assertMentions(p, "ledger_malformed_sheet_xml.xlsx", "sheet '名册'", "after row 1");
    assertFalse(p.message().contains("DY123456"));
    assertEquals(4, rows(ledger, LedgerSheet.COVER).size(), "rows before the problem are kept");
  }

  @Test
  void zipBombWorkbookIsTooLarge() {
    Map<String, byte[]> entries = new LinkedHashMap<>(Fixtures.unzip(validLedger()));
    entries.put("xl/media/padding.bin", new byte[64 * 1024 * 1024]);
    byte[] bomb = rezip(entries);
    assertTrue(bomb.length < 1024 * 1024, "fixture must be a small file that inflates hugely");
    long start = System.nanoTime();
    FileProblem p = problem(xlsx("ledger_zip_bomb.xlsx", bomb), FileProblem.FILE_TOO_LARGE);
    assertMentions(p, "ledger_zip_bomb.xlsx", "xl/media/padding.bin", "zip bomb");
    assertTrue(System.nanoTime() - start < 2_000_000_000L, "the guard must stop early");
  }

  @Test
  void zipBombCsvZipIsTooLarge() {
    byte[] spaces = new byte[32 * 1024 * 1024];
    Arrays.fill(spaces, (byte) ' ');
    byte[] bomb = rezip(Map.of("封面.csv", utf8("支部编码,QS09B01\n"), "名册.csv", spaces));
    FileProblem p = problem(Fixtures.readZip("ledger_zip_bomb.zip", save(dir, "ledger_zip_bomb.zip", bomb)),
        FileProblem.FILE_TOO_LARGE);
    assertMentions(p, "ledger_zip_bomb.zip", "名册.csv");
  }

  @Test
  void passwordProtectedZipIsEncrypted() {
    byte[] zip = rezip(Map.of("封面.csv", utf8("支部编码,QS09B01\n")));
    // Set the "encrypted" bit in the local and central headers, as ZipCrypto tools do.
    zip[6] |= 1;
    for (int i = 0; i + 9 < zip.length; i++) {
      if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2) {
        zip[i + 8] |= 1;
      }
    }
    FileProblem p = problem(Fixtures.readZip("ledger_password.zip", save(dir, "ledger_password.zip", zip)),
        FileProblem.FILE_ENCRYPTED);
    assertMentions(p, "ledger_password.zip", "封面.csv", "password");
  }

  @Test
  void workbookWithoutCoverHasNoCover() {
    byte[] xlsx = book()
        .sheet("名册", row("党员编号", "姓名"), row("DY123456", "张三"))
        .sheet("Sheet2")
        .sharedStrings();
    ParsedLedger ledger = xlsx("ledger_no_cover.xlsx", xlsx);
    FileProblem p = problem(ledger, FileProblem.NO_COVER);
    assertMentions(p, "ledger_no_cover.xlsx", "封面", "名册, Sheet2");
    assertTrue(ledger.rows().isEmpty());
  }

  @Test
  void blankWorkbookIsAnEmptyWorkbookNotAMissingCover() {
    // What Excel's 新建 XLSX 工作表.xlsx holds: sheets without a single cell of data.
    byte[] xlsx = book().sheet("Sheet1").sheet("Sheet2", row("", " ")).sharedStrings();
    FileProblem p = problem(xlsx("新建 XLSX 工作表.xlsx", xlsx), FileProblem.EMPTY_WORKBOOK);
    assertMentions(p, "新建 XLSX 工作表.xlsx", "the workbook is empty", "Sheet1, Sheet2", "封面");
    assertEquals(null, p.sheet());
  }

  @Test
  void folderOfBlankCsvFilesIsAnEmptyWorkbook() {
    FileProblem p = problem(Fixtures.readFolder("ledger_blank_folder", Map.of(
        "Sheet1.csv", utf8(""), "Sheet2.csv", utf8("\uFEFF,,\r\n,,\r\n"))), FileProblem.EMPTY_WORKBOOK);
    assertMentions(p, "ledger_blank_folder", "the folder is empty", "Sheet1.csv");
  }

  @Test
  void folderWithoutCoverHasNoCover() {
    FileProblem p = problem(Fixtures.readFolder("ledger_no_cover_folder", Map.of(
        "名册.csv", utf8("党员编号,姓名\nDY123456,张三\n"))), FileProblem.NO_COVER);
    assertMentions(p, "ledger_no_cover_folder", "封面", "名册.csv");
  }

  @Test
  void rosterWithoutRecognisableHeaderIsUnrecognised() {
    byte[] xlsx = book()
        .sheet("封面", coverRows())
        .sheet("党员名册", row("编号", "姓名"), row("DY123456", "张三"))
        .sharedStrings();
    FileProblem p = problem(xlsx("roster_header_missing.xlsx", xlsx), FileProblem.LAYOUT_UNRECOGNISED);
    assertEquals("名册", p.sheet());
    assertMentions(p, "roster_header_missing.xlsx", "sheet '党员名册'", "党员编号 and 姓名", "first 30 rows");
    assertFalse(p.message().contains("张三") || p.message().contains("DY123456"), p.message());
  }

  @Test
  void headerBelowRowThirtyIsUnrecognised() {
    Object[] rows = new Object[32];
    for (int i = 0; i < 30; i++) {
      rows[i] = row("说明第" + (i + 1) + "行");
    }
    rows[30] = row("党员编号", "项目编码");
    rows[31] = row("DY123456", "A7");
    byte[] xlsx = book().sheet("封面", coverRows()).sheet("积分明细", rows).sharedStrings();
    FileProblem p = problem(xlsx("entries_header_below_row_30.xlsx", xlsx), FileProblem.LAYOUT_UNRECOGNISED);
    assertEquals("积分明细", p.sheet());
    assertMentions(p, "党员编号 and 项目编码");
  }

  @Test
  void headerAtRowThirtyIsStillFound() {
    Object[] rows = new Object[31];
    for (int i = 0; i < 29; i++) {
      rows[i] = row("说明第" + (i + 1) + "行");
    }
    rows[29] = row("党员编号", "项目编码");
    rows[30] = row("DY123456", "A7");
    byte[] xlsx = book().sheet("封面", coverRows()).sheet("积分明细", rows).sharedStrings();
    ParsedLedger ledger = xlsx("entries_header_at_row_30.xlsx", xlsx);
    assertEquals(null, ledger.problem());
    assertEquals(31, rows(ledger, LedgerSheet.ENTRIES).get(0).rowNumber());
  }

  @Test
  void csvHeaderMissingIsUnrecognised() {
    FileProblem p = problem(Fixtures.readFolder("ledger_actions_no_header", Map.of(
        "封面.csv", utf8("支部编码,QS09B01\n"),
        "组织处置.csv", utf8("党员编号,姓名,类型\nDY123456,张三,告诫提醒\n"))), FileProblem.LAYOUT_UNRECOGNISED);
    assertEquals("组织处置", p.sheet());
    assertMentions(p, "ledger_actions_no_header/组织处置.csv", "党员编号 and 处置类型");
  }

  @Test
  void undecodableCsvIsEncodingUndetected() {
    byte[] bytes = new byte[] {'a', ',', 'b', '\n', 'c', ',', (byte) 0xFF, (byte) 0xFE, (byte) 0x80, '\n'};
    ParsedLedger ledger = Fixtures.readFolder("ledger_bad_encoding", Map.of(
        "封面.csv", utf8("支部编码,QS09B01\n"),
        "积分明细.csv", save(dir, "entries_undetectable_encoding.csv", bytes)));
    FileProblem p = problem(ledger, FileProblem.ENCODING_UNDETECTED);
    assertEquals("积分明细", p.sheet());
    assertMentions(p, "ledger_bad_encoding/积分明细.csv", "neither valid UTF-8 (first bad byte on line 2)",
        "nor valid GBK (first bad byte on line 2)");
    assertEquals(1, rows(ledger, LedgerSheet.COVER).size());
  }

  @Test
  void unclosedQuoteIsCorrupt() {
    FileProblem p = problem(Fixtures.readFolder("ledger_unclosed_quote", Map.of(
        "封面.csv", utf8("支部编码,QS09B01\n"),
        "积分明细.csv", utf8("党员编号,项目编码,依据\nDY123456,A7,\"没有结束的引号\n"))), FileProblem.FILE_CORRUPT);
    assertMentions(p, "ledger_unclosed_quote/积分明细.csv", "malformed CSV");
    assertFalse(p.message().contains("没有结束"), p.message());
  }

  @Test
  void emptyFolderAndFolderWithoutCsvAreEmpty() {
    assertMentions(problem(Fixtures.readFolder("ledger_empty_folder", Map.of()), FileProblem.FILE_EMPTY),
        "ledger_empty_folder", "no CSV files");
    assertMentions(problem(Fixtures.readFolder("ledger_folder_without_csv", Map.of(
        "说明.txt", utf8("x"), ".DS_Store", new byte[] {1})), FileProblem.FILE_EMPTY), "no CSV files");
  }

  @Test
  void zipWithoutCsvIsEmpty() {
    byte[] zip = rezip(Map.of("说明.txt", utf8("x")));
    assertMentions(problem(Fixtures.readZip("ledger_zip_without_csv.zip", zip), FileProblem.FILE_EMPTY),
        "ledger_zip_without_csv.zip", "the zip holds no CSV files", "found 说明.txt");
    assertEquals(FileProblem.FILE_EMPTY, Fixtures.readZip("x.zip", new byte[0]).problem().code());
    assertEquals(FileProblem.FILE_CORRUPT, Fixtures.readZip("x.zip", utf8("not a zip")).problem().code());
  }

  // -- Nothing silently ignored: ambiguous sheets and zip entry paths (issue: trust) --

  @Test
  void twoSheetsThatDifferOnlyBySpacesOrCaseAreAmbiguous() {
    byte[] bytes = book()
        .sheet("封面", coverRows())
        .sheet("名册", row("党员编号", "姓名"), row("DY123456", "张三"))
        .sheet("名册 ", row("党员编号", "姓名"), row("DY654321", "李四"))
        .sheet("积分明细", row("党员编号", "项目编码", "分值"), row("DY123456", "A7", 2))
        .sharedStrings();
    FileProblem p = problem(xlsx("ambiguous/roster_twice.xlsx", bytes), FileProblem.AMBIGUOUS_SHEETS);
    assertMentions(p, "ambiguous/roster_twice.xlsx", "2 sheets could each be the 名册 sheet", "'名册'", "'名册 '");
    assertEquals("名册", p.sheet());
    assertFalse(p.message().contains("张三") || p.message().contains("DY654321"), p.message());

    byte[] spaced = book()
        .sheet("封面", coverRows())
        .sheet("名册", row("党员编号", "姓名"), row("DY123456", "张三"))
        .sheet("积分明细", row("党员编号", "项目编码", "分值"), row("DY123456", "A7", 2))
        .sheet(" 积分 明细 ", row("党员编号", "项目编码", "分值"), row("DY123456", "A8", 3))
        .sharedStrings();
    assertMentions(problem(xlsx("ambiguous/entries_twice.xlsx", spaced), FileProblem.AMBIGUOUS_SHEETS),
        "积分明细 sheet", "' 积分 明细 '");
  }

  @Test
  void aHiddenLedgerSheetBesideAVisibleNearMatchIsAmbiguous() {
    for (boolean veryHidden : new boolean[] {false, true}) {
      byte[] bytes = book()
          .sheet("封面", coverRows())
          .sheet("名册", row("党员编号", "姓名"), row("DY123456", "张三"))
          .sheet("名册（新）", row("党员编号", "姓名"), row("DY654321", "李四"))
          .hide("名册", veryHidden)
          .sheet("积分明细", row("党员编号", "项目编码", "分值"), row("DY123456", "A7", 2))
          .sharedStrings();
      FileProblem p = problem(xlsx("ambiguous/hidden_roster_" + veryHidden + ".xlsx", bytes),
          FileProblem.AMBIGUOUS_SHEETS);
      assertMentions(p, "'名册' (hidden)", "'名册（新）'");
    }
    // A hidden helper sheet beside the visible 名册 is no ambiguity: the visible sheet is used.
    byte[] helper = book()
        .sheet("封面", coverRows())
        .sheet("名册", row("党员编号", "姓名"), row("DY123456", "张三"))
        .sheet("名册模板", row("党员编号", "姓名"))
        .hide("名册模板", false)
        .sheet("积分明细", row("党员编号", "项目编码", "分值"), row("DY123456", "A7", 2))
        .sharedStrings();
    ParsedLedger ok = xlsx("ambiguous/hidden_helper.xlsx", helper);
    assertNull(ok.problem(), () -> ok.problem().message());
  }

  @Test
  void twoCsvFilesForOneLedgerSheetAreAmbiguous() {
    Map<String, byte[]> files = new java.util.LinkedHashMap<>();
    files.put("封面.csv", utf8("支部编码,QS09B01\n年度,2025\n季度,1\n"));
    files.put("名册.csv", utf8("党员编号,姓名\nDY123456,张三\n"));
    files.put("名册 .CSV", utf8("党员编号,姓名\nDY654321,李四\n"));
    FileProblem p = problem(Fixtures.readFolder("QS09B01_2025Q1", files), FileProblem.AMBIGUOUS_SHEETS);
    assertMentions(p, "QS09B01_2025Q1", "2 CSV files could each be the 名册 CSV file");
  }

  @Test
  void zipEntriesWithPathsAreRejectedAndOneTopFolderIsFine() {
    byte[] cover = utf8("支部编码,QS09B01\n年度,2025\n季度,1\n");
    byte[] roster = utf8("党员编号,姓名\nDY123456,张三\n");
    for (String[] c : new String[][] {
        {"../名册.csv", "a '..' segment"},
        {"/tmp/名册.csv", "an absolute path"},
        {"C:/名册.csv", "an absolute path"},
        {"a/b/名册.csv", "nested folders"}}) {
      Map<String, byte[]> e = new java.util.LinkedHashMap<>();
      e.put("封面.csv", cover);
      e.put(c[0], roster);
      FileProblem p = problem(Fixtures.readZip("paths.zip", rezip(e)), FileProblem.ZIP_ENTRY_PATH);
      assertMentions(p, "paths.zip", "'" + c[0] + "'", c[1]);
    }
    Map<String, byte[]> spread = new java.util.LinkedHashMap<>();
    spread.put("封面.csv", cover);
    spread.put("QS09B01/名册.csv", roster);
    assertMentions(problem(Fixtures.readZip("spread.zip", rezip(spread)), FileProblem.ZIP_ENTRY_PATH),
        "the top level", "folder 'QS09B01/'");

    Map<String, byte[]> folder = new java.util.LinkedHashMap<>();
    folder.put("QS09B01_2025Q1/封面.csv", cover);
    folder.put("QS09B01_2025Q1/名册.csv", roster);
    folder.put("QS09B01_2025Q1/积分明细.csv", utf8("党员编号,项目编码,分值\nDY123456,A7,2\n"));
    ParsedLedger ok = Fixtures.readZip("folder.zip", rezip(folder));
    assertNull(ok.problem(), () -> ok.problem().message());
  }
}
