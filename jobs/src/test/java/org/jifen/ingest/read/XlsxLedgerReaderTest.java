package org.jifen.ingest.read;

import static org.jifen.ingest.read.Fixtures.SKIP_ROW;
import static org.jifen.ingest.read.Fixtures.book;
import static org.jifen.ingest.read.Fixtures.coverRows;
import static org.jifen.ingest.read.Fixtures.row;
import static org.jifen.ingest.read.Fixtures.rows;
import static org.jifen.ingest.read.Fixtures.save;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.FormulaError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxLedgerReaderTest {
  @TempDir Path dir;

  private ParsedLedger read(String caseName, byte[] bytes) {
    ParsedLedger ledger = Fixtures.readXlsx(caseName, save(dir, caseName, bytes));
    assertEquals("xlsx", ledger.format());
    assertNull(ledger.encoding());
    return ledger;
  }

  private static ParsedLedger ok(ParsedLedger ledger) {
    assertNull(ledger.problem(), () -> "unexpected problem " + ledger.problem());
    return ledger;
  }

  @Test
  void headerBelowMergedTitleRowsIsFound() {
    byte[] xlsx = book()
        .sheet("封面", coverRows())
        .sheet("名册",
            row("QS09B01 党员积分台账（2025年第1季度）——名册"),
            row("填表人：某某"),
            SKIP_ROW,
            row("党员编号", "姓名", "性别"),
            row("DY000001", "甲", "男"),
            row("DY000002", "乙", "女"))
        .merge("名册", "A1:C1")
        .merge("名册", "A2:C2")
        .sharedStrings();
    ParsedLedger ledger = ok(read("roster_header_below_merged_title.xlsx", xlsx));
    List<SheetRow> roster = rows(ledger, LedgerSheet.ROSTER);
    assertEquals(2, roster.size());
    assertEquals(5, roster.get(0).rowNumber());
    assertEquals(Map.of("党员编号", "DY000001", "姓名", "甲", "性别", "男"), roster.get(0).fields());
    assertEquals(6, roster.get(1).rowNumber());
  }

  @Test
  void reorderedColumnsAreMappedByLabelInSheetOrder() {
    byte[] xlsx = book()
        .sheet("封面", coverRows())
        .sheet("积分明细",
            row("分值", "项目编码", "日期", "党员编号", "姓名"),
            row(3, "A7", "2025-01-05", "DY000001", "甲"))
        .inlineStrings();
    ParsedLedger ledger = ok(read("entries_reordered_columns.xlsx", xlsx));
    SheetRow entry = rows(ledger, LedgerSheet.ENTRIES).get(0);
    assertEquals(List.of("分值", "项目编码", "日期", "党员编号", "姓名"), List.copyOf(entry.fields().keySet()));
    assertEquals("A7", entry.fields().get("项目编码"));
    assertEquals("DY000001", entry.fields().get("党员编号"));
    assertEquals("3", entry.fields().get("分值"));
  }

  @Test
  void extraColumnIsKeptAndBlankHeaderColumnDropped() {
    byte[] xlsx = book()
        .sheet("封面", coverRows())
        .sheet("名册",
            row("党员编号", "姓名", "  ", "备注", null, "联系电话"),
            row("DY000001", "甲", "x", "新转入", "y", ""))
        .sharedStrings();
    ParsedLedger ledger = ok(read("roster_extra_column.xlsx", xlsx));
    SheetRow member = rows(ledger, LedgerSheet.ROSTER).get(0);
    assertEquals(List.of("党员编号", "姓名", "备注", "联系电话"), List.copyOf(member.fields().keySet()));
    assertEquals("新转入", member.fields().get("备注"));
    assertEquals("", member.fields().get("联系电话"));
  }

  @Test
  void headerLabelsAreNormalised() {
    byte[] xlsx = book()
        .sheet("封面", coverRows())
        .sheet("名册",
            row(" 党员编号* ", "姓\u3000名", "出生\n日期", "党 小 组＊"),
            row("DY000001", "甲", "1990-01-01", "第一党小组"))
        .sharedStrings();
    SheetRow member = rows(ok(read("roster_header_labels_spaced_starred.xlsx", xlsx)), LedgerSheet.ROSTER).get(0);
    assertEquals(List.of("党员编号", "姓名", "出生日期", "党小组"), List.copyOf(member.fields().keySet()));
  }

  @Test
  void blankRowsAreSkippedAndRowNumbersStayTrue() {
    byte[] xlsx = book()
        .sheet("封面", coverRows())
        .sheet("积分明细",
            row("党员编号", "项目编码", "分值"),
            row("DY000001", "A7", 2),
            row("  ", "", "\u3000"),
            SKIP_ROW,
            row(null, null, null),
            row("DY000002", "A9", 1),
            row(null, "A5", null))
        .sharedStrings();
    List<SheetRow> entries = rows(ok(read("entries_blank_rows.xlsx", xlsx)), LedgerSheet.ENTRIES);
    assertEquals(List.of(2, 6, 7), entries.stream().map(SheetRow::rowNumber).toList());
    assertEquals(Map.of("党员编号", "", "项目编码", "A5", "分值", ""), entries.get(2).fields());
  }

  @Test
  void excelDateCellsBecomeIsoDates() {
    byte[] xlsx = book()
        .sheet("封面", coverRows())
        .sheet("组织处置",
            row("党员编号", "处置类型", "日期"),
            row("DY000001", "custom", LocalDate.of(2025, 2, 25)),
            row("DY000002", "builtin14", new Fixtures.Builtin(45713, 14)),
            row("DY000003", "chinese", new Fixtures.Styled(45713, "yyyy\"年\"m\"月\"d\"日\"")),
            row("DY000004", "datetime", LocalDateTime.of(2025, 2, 25, 14, 30, 5)),
            row("DY000005", "eastAsianBuiltin31", new Fixtures.Builtin(45713, 31)),
            row("DY000006", "notADate", new Fixtures.Styled(45713, "0.00")),
            row("DY000007", "general", 45713))
        .sharedStrings();
    ParsedLedger ledger = ok(read("actions_excel_dates.xlsx", xlsx));
    Map<String, String> dates = new java.util.LinkedHashMap<>();
    rows(ledger, LedgerSheet.ACTIONS).forEach(r -> dates.put(r.fields().get("处置类型"), r.fields().get("日期")));
    assertEquals(Map.of(
        "custom", "2025-02-25",
        "builtin14", "2025-02-25",
        "chinese", "2025-02-25",
        "datetime", "2025-02-25 14:30:05",
        "eastAsianBuiltin31", "2025-02-25",
        "notADate", "45713",
        "general", "45713"), dates);
  }

  @Test
  void textDatesAreKeptAsWritten() {
    byte[] xlsx = book()
        .sheet("封面", coverRows())
        .sheet("积分明细",
            row("日期", "党员编号", "项目编码"),
            row("2025/1/5", "DY000001", "A7"),
            row("2025年1月5日", "DY000001", "A7"),
            row("2025-01-05", "DY000001", "A7"),
            row(" 2025-1-5 ", "DY000001", "A7"))
        .inlineStrings();
    List<String> dates = rows(ok(read("entries_text_dates.xlsx", xlsx)), LedgerSheet.ENTRIES).stream()
        .map(r -> r.fields().get("日期")).toList();
    assertEquals(List.of("2025/1/5", "2025年1月5日", "2025-01-05", " 2025-1-5 "), dates);
  }

  @Test
  void numbersFromNumericTextAndFormulaCells() {
    byte[] xlsx = book()
        .sheet("封面", coverRows())
        .sheet("积分明细",
            row("党员编号", "项目编码", "分值", "依据"),
            row("DY000001", "A1", 3.0, "integral double"),
            row("DY000001", "A2", -2.5, "negative fraction"),
            row("DY000001", "A3", 20, "integer"),
            row("DY000001", "A4", "3", "text number"),
            row("DY000001", "A5", new Fixtures.Formula("1+2", 3.0), "formula cached"),
            row("DY000001", "A6", new Fixtures.Formula("1+2", null), "formula not cached"),
            row("DY000001", "A7", new Fixtures.Formula("\"A\"&\"7\"", "A7"), "string formula"),
            row("DY000001", "A8", true, "boolean"),
            row("DY000001", "A9", new Fixtures.Error(FormulaError.DIV0), "error"),
            row("DY000001", "B1", 0.0000001, "tiny"),
            row("DY000001", "B2", 12345678901.0, "large"),
            row("DY000001", "B3", 0.1 + 0.2, "binary noise"),
            row("DY000001", "B4", new Fixtures.Formula("1>0", Boolean.TRUE), "boolean formula"))
        .sharedStrings();
    Map<String, String> values = new java.util.LinkedHashMap<>();
    rows(ok(read("entries_numbers.xlsx", xlsx)), LedgerSheet.ENTRIES)
        .forEach(r -> values.put(r.fields().get("依据"), r.fields().get("分值")));
    assertEquals("3", values.get("integral double"));
    assertEquals("-2.5", values.get("negative fraction"));
    assertEquals("20", values.get("integer"));
    assertEquals("3", values.get("text number"));
    assertEquals("3", values.get("formula cached"));
    assertEquals("", values.get("formula not cached"));
    assertEquals("A7", values.get("string formula"));
    assertEquals("TRUE", values.get("boolean"));
    assertEquals("#DIV/0!", values.get("error"));
    assertEquals("0.0000001", values.get("tiny"));
    assertEquals("12345678901", values.get("large"));
    assertEquals("0.30000000000000004", values.get("binary noise"));
    assertEquals("TRUE", values.get("boolean formula"));
  }

  @Test
  void sharedAndInlineStringsReadAlike() {
    Fixtures.Book book = book()
        .sheet("封面", coverRows())
        .sheet("名册",
            row("党员编号", "姓名", "党小组"),
            row("DY000001", "甲", "第一党小组"),
            row("DY000002", "乙", "第一党小组"));
    byte[] shared = book.sharedStrings();
    byte[] inline = book.inlineStrings();
    assertTrue(sheetXml(shared).contains("t=\"s\""), "fixture must use shared strings");
    assertFalse(sheetXml(shared).contains("inlineStr"));
    assertTrue(sheetXml(inline).contains("t=\"inlineStr\""), "fixture must use inline strings");
    ParsedLedger a = ok(read("roster_shared_strings.xlsx", shared));
    ParsedLedger b = ok(read("roster_inline_strings.xlsx", inline));
    assertEquals(3, rows(a, LedgerSheet.ROSTER).size() + 1);
    assertEquals(a.rows(), b.rows());
    assertEquals("第一党小组", rows(a, LedgerSheet.ROSTER).get(1).fields().get("党小组"));
  }

  private static String sheetXml(byte[] xlsx) {
    return new String(Fixtures.unzip(xlsx).get("xl/worksheets/sheet2.xml"), StandardCharsets.UTF_8);
  }

  @Test
  void coverLinesBecomeLabelValuePairs() {
    byte[] xlsx = book()
        .sheet("封面",
            row("支部党员积分台账"),
            row("支部编码：", "QS09B01"),
            row(" 支部 名称: ", " 测试党支部 "),
            SKIP_ROW,
            row("年度", 2025),
            row("季度", 1.0),
            row("填表日期*", LocalDate.of(2025, 4, 5)),
            row("", ""),
            row("版本", new Fixtures.Formula("1+1", 2.0)))
        .sharedStrings();
    List<SheetRow> cover = rows(ok(read("cover_labels_with_colons.xlsx", xlsx)), LedgerSheet.COVER);
    assertEquals(List.of(1, 2, 3, 5, 6, 7, 9), cover.stream().map(SheetRow::rowNumber).toList());
    assertEquals(Map.of("支部党员积分台账", ""), cover.get(0).fields());
    assertEquals(Map.of("支部编码", "QS09B01"), cover.get(1).fields());
    assertEquals(Map.of("支部名称", " 测试党支部 "), cover.get(2).fields());
    assertEquals(Map.of("年度", "2025"), cover.get(3).fields());
    assertEquals(Map.of("季度", "1"), cover.get(4).fields());
    assertEquals(Map.of("填表日期", "2025-04-05"), cover.get(5).fields());
    assertEquals(Map.of("版本", "2"), cover.get(6).fields());
  }

  @Test
  void sheetsMatchByContainedLabelAndComeOutInLedgerOrder() {
    byte[] xlsx = book()
        .sheet("QS09B01_积分明细",
            row("党员编号", "项目编码"),
            row("DY000001", "A7"))
        .sheet("说明", row("党员编号", "项目编码"), row("DY999999", "A1"))
        .sheet("党员名册",
            row("党员编号", "姓名"),
            row("DY000001", "甲"))
        .sheet(" 封面 ", coverRows())
        .sharedStrings();
    ParsedLedger ledger = ok(read("ledger_sheet_names_with_prefix.xlsx", xlsx));
    // The ledger sheets in ledger order, then the other sheet under its own name with its cells by
    // column letter: in bronze, counted as "not a ledger sheet", never used as ledger rows.
    assertEquals(List.of("封面", "封面", "封面", "封面", "名册", "积分明细", "说明", "说明"),
        ledger.rows().stream().map(SheetRow::sheet).toList());
    assertTrue(ledger.rows().stream().noneMatch(r -> "DY999999".equals(r.fields().get("党员编号"))));
    List<SheetRow> other = ledger.rows().subList(6, 8);
    assertEquals(List.of(1, 2), other.stream().map(SheetRow::rowNumber).toList());
    assertEquals(Map.of("A", "DY999999", "B", "A1"), other.get(1).fields());
  }

  @Test
  void otherSheetsKeepTheirNonBlankRowsByColumnLetter() {
    byte[] xlsx = book()
        .sheet("封面", coverRows())
        .sheet("名册", row("党员编号", "姓名"), row("DY000001", "甲"))
        .sheet("Sheet3")
        .sheet("旧名单", row("", "", "备注"), row(), row("DY000002", "", "调出"))
        .sharedStrings();
    ParsedLedger ledger = ok(read("other_sheets.xlsx", xlsx));
    List<SheetRow> other = ledger.rows().stream().filter(r -> r.sheet().equals("旧名单")).toList();
    assertEquals(List.of(1, 3), other.stream().map(SheetRow::rowNumber).toList(), "blank rows skipped");
    assertEquals(Map.of("C", "备注"), other.get(0).fields());
    assertEquals(Map.of("A", "DY000002", "C", "调出"), other.get(1).fields());
    assertTrue(ledger.rows().stream().noneMatch(r -> r.sheet().equals("Sheet3")), "an empty sheet has no rows");
  }

  @Test
  void evaluationHeaderNeedsGradeOrScore() {
    byte[] xlsx = book()
        .sheet("封面", coverRows())
        .sheet("民主评议",
            row("党员编号", "姓名", "评议得分"),
            row("DY000001", "甲", 92.5))
        .sharedStrings();
    SheetRow eval = rows(ok(read("evaluation_score_only.xlsx", xlsx)), LedgerSheet.EVALUATION).get(0);
    assertEquals("92.5", eval.fields().get("评议得分"));
    assertFalse(eval.fields().containsKey("评议等次"));
  }

  @Test
  void entirelyEmptyLedgerSheetYieldsNoRowsAndNoProblem() {
    byte[] xlsx = book()
        .sheet("封面", coverRows())
        .sheet("名册", row("党员编号", "姓名"), row("DY000001", "甲"))
        .sheet("组织处置")
        .sharedStrings();
    ParsedLedger ledger = ok(read("ledger_empty_actions_sheet.xlsx", xlsx));
    assertEquals(0, rows(ledger, LedgerSheet.ACTIONS).size());
    assertEquals(1, rows(ledger, LedgerSheet.ROSTER).size());
  }

  @Test
  void valuesAreNotTrimmed() {
    byte[] xlsx = book()
        .sheet("封面", coverRows())
        .sheet("名册", row("党员编号", "姓名"), row(" DY000001 ", "甲\u3000"))
        .inlineStrings();
    SheetRow member = rows(ok(read("roster_untrimmed_values.xlsx", xlsx)), LedgerSheet.ROSTER).get(0);
    assertEquals(" DY000001 ", member.fields().get("党员编号"));
    assertEquals("甲\u3000", member.fields().get("姓名"));
  }

  @Test
  void duplicateHeaderLabelsAreNumbered() {
    byte[] xlsx = book()
        .sheet("封面", coverRows())
        .sheet("名册", row("党员编号", "姓名", "姓名"), row("DY000001", "甲", "乙"))
        .sharedStrings();
    SheetRow member = rows(ok(read("roster_duplicate_header.xlsx", xlsx)), LedgerSheet.ROSTER).get(0);
    assertEquals("甲", member.fields().get("姓名"));
    assertEquals("乙", member.fields().get("姓名#2"));
  }

  @Test
  void dateCellsOfA1904WorkbookUseThe1904System() {
    byte[] xlsx = book()
        .sheet("封面", coverRows())
        .sheet("组织处置", row("党员编号", "处置类型", "日期"), row("DY000001", "告诫提醒", new Fixtures.Builtin(45713, 14)))
        .sharedStrings();
    Map<String, byte[]> parts = new java.util.LinkedHashMap<>(Fixtures.unzip(xlsx));
    String workbook = new String(parts.get("xl/workbook.xml"), StandardCharsets.UTF_8);
    assertTrue(workbook.contains("date1904=\"false\""));
    parts.put("xl/workbook.xml", workbook.replace("date1904=\"false\"", "date1904=\"1\"").getBytes(StandardCharsets.UTF_8));
    ParsedLedger ledger = ok(read("actions_date1904.xlsx", Fixtures.zip(StandardCharsets.UTF_8, parts)));
    assertEquals("2029-02-26", rows(ledger, LedgerSheet.ACTIONS).get(0).fields().get("日期"));
  }
}
