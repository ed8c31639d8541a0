package org.jifen.ingest.read;

import static org.jifen.ingest.read.Fixtures.GBK;
import static org.jifen.ingest.read.Fixtures.rows;
import static org.jifen.ingest.read.Fixtures.save;
import static org.jifen.ingest.read.Fixtures.text;
import static org.jifen.ingest.read.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvLedgerReaderTest {
  private static final String COVER = "支部编码,QS09B01\r\n支部名称,测试党支部\r\n年度,2025\r\n季度,1\r\n";
  private static final String ENTRIES = "日期,党员编号,姓名,项目编码,分值,依据,登记人\r\n"
      + "2025年1月25日,DY000001,甲,A7,2,亮身份当先锋，参加1月志愿服务,乙\r\n"
      + ",,,,,,\r\n"
      + "2025/3/19,DY000002,丙,B2,-5,无故缺席主题党日,乙\r\n";

  @TempDir Path dir;

  private static ParsedLedger ok(ParsedLedger ledger) {
    assertNull(ledger.problem(), () -> "unexpected problem " + ledger.problem());
    return ledger;
  }

  private Map<String, byte[]> folder(String folder, Map<String, byte[]> files) {
    Map<String, byte[]> saved = new LinkedHashMap<>();
    files.forEach((name, bytes) -> saved.put(name, save(dir, folder + "/" + name, bytes)));
    return saved;
  }

  @Test
  void utf8FolderIsRead() {
    ParsedLedger ledger = ok(Fixtures.readFolder("ledger_utf8", folder("ledger_utf8", Map.of(
        "封面.csv", utf8(COVER), "积分明细.csv", utf8(ENTRIES)))));
    assertEquals("csv-folder", ledger.format());
    assertEquals("UTF-8", ledger.encoding());
    List<SheetRow> entries = rows(ledger, LedgerSheet.ENTRIES);
    assertEquals(List.of(2, 4), entries.stream().map(SheetRow::rowNumber).toList());
    assertEquals("亮身份当先锋，参加1月志愿服务", entries.get(0).fields().get("依据"));
    assertEquals("-5", entries.get(1).fields().get("分值"));
    assertEquals(4, rows(ledger, LedgerSheet.COVER).size());
  }

  @Test
  void aCsvFileThatIsNotALedgerSheetIsReadUnderItsOwnName() {
    ParsedLedger ledger = ok(Fixtures.readFolder("ledger_extra_csv", folder("ledger_extra_csv", Map.of(
        "封面.csv", utf8(COVER), "积分明细.csv", utf8(ENTRIES), "填表说明.csv", utf8("说明,备注\n\n1. 按季度填报,\n")))));
    List<SheetRow> other = ledger.rows().stream().filter(r -> r.sheet().equals("填表说明")).toList();
    assertEquals(List.of(1, 3), other.stream().map(SheetRow::rowNumber).toList());
    assertEquals(Map.of("A", "说明", "B", "备注"), other.get(0).fields());
    assertEquals(Map.of("A", "1. 按季度填报"), other.get(1).fields());
    assertEquals(2, rows(ledger, LedgerSheet.ENTRIES).size(), "the ledger sheets are read as before");
  }

  @Test
  void utf8BomFolderIsReadAndTheMarkIsNotPartOfTheFirstLabel() {
    ParsedLedger ledger = ok(Fixtures.readFolder("ledger_utf8_bom", folder("ledger_utf8_bom", Map.of(
        "封面.csv", text(COVER, StandardCharsets.UTF_8, true),
        "积分明细.csv", text(ENTRIES, StandardCharsets.UTF_8, true)))));
    assertEquals("UTF-8-BOM", ledger.encoding());
    assertEquals(Map.of("支部编码", "QS09B01"), rows(ledger, LedgerSheet.COVER).get(0).fields());
    assertEquals("2025年1月25日", rows(ledger, LedgerSheet.ENTRIES).get(0).fields().get("日期"));
  }

  @Test
  void gbkFolderIsRead() {
    ParsedLedger ledger = ok(Fixtures.readFolder("ledger_gbk", folder("ledger_gbk", Map.of(
        "封面.csv", text(COVER, GBK, false), "积分明细.csv", text(ENTRIES, GBK, false)))));
    assertEquals("GBK", ledger.encoding());
    assertEquals("甲", rows(ledger, LedgerSheet.ENTRIES).get(0).fields().get("姓名"));
    assertEquals(Map.of("支部名称", "测试党支部"), rows(ledger, LedgerSheet.COVER).get(1).fields());
  }

  @Test
  void entriesGbkCsvFileAloneIsDetectedAsGbk() {
    byte[] bytes = save(dir, "entries_gbk.csv", text(ENTRIES, GBK, false));
    TextDecoding.Decoded decoded = TextDecoding.decode(bytes);
    assertEquals("GBK", decoded.encoding());
    assertEquals(ENTRIES, decoded.text());
  }

  @Test
  void mixedEncodingsAreListed() {
    ParsedLedger ledger = ok(Fixtures.readFolder("ledger_mixed_encodings", folder("ledger_mixed_encodings", Map.of(
        "封面.csv", text(COVER, GBK, false), "积分明细.csv", utf8(ENTRIES)))));
    assertEquals("GBK,UTF-8", ledger.encoding());
  }

  @Test
  void zipWithGbkNamedEntriesInASubfolderIsRead() {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("QS09B01_2025Q1/", new byte[0]);
    entries.put("QS09B01_2025Q1/封面.csv", text(COVER, GBK, false));
    entries.put("QS09B01_2025Q1/QS09B01_积分明细.csv", text(ENTRIES, GBK, false));
    entries.put("__MACOSX/QS09B01_2025Q1/._封面.csv", new byte[] {0, 5, 22, 7, (byte) 0xFF});
    entries.put("QS09B01_2025Q1/.DS_Store", new byte[] {(byte) 0xFF, 1});
    byte[] zip = save(dir, "ledger_gbk_entry_names.zip", Fixtures.zip(GBK, entries));
    assertEquals(0, zip[7] & 0x08, "fixture must not set the UTF-8 name flag");
    ParsedLedger ledger = ok(Fixtures.readZip("ledger_gbk_entry_names.zip", zip));
    assertEquals("csv-zip", ledger.format());
    assertEquals("GBK", ledger.encoding());
    assertEquals(4, rows(ledger, LedgerSheet.COVER).size());
    assertEquals(2, rows(ledger, LedgerSheet.ENTRIES).size());
  }

  @Test
  void zipWithUtf8NamesWithoutTheFlagIsRead() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
      zip.setEncoding("UTF-8");
      zip.setUseLanguageEncodingFlag(false);
      for (Map.Entry<String, String> e : Map.of("封面.csv", COVER, "积分明细.csv", ENTRIES).entrySet()) {
        zip.putArchiveEntry(new ZipArchiveEntry(e.getKey()));
        zip.write(text(e.getValue(), StandardCharsets.UTF_8, true));
        zip.closeArchiveEntry();
      }
    }
    byte[] zip = save(dir, "ledger_utf8_names_no_flag.zip", out.toByteArray());
    assertEquals(0, zip[7] & 0x08, "fixture must not set the UTF-8 name flag");
    ParsedLedger ledger = ok(Fixtures.readZip("ledger_utf8_names_no_flag.zip", zip));
    assertEquals("UTF-8-BOM", ledger.encoding());
    assertEquals(2, rows(ledger, LedgerSheet.ENTRIES).size());
  }

  @Test
  void quotedFieldsFollowRfc4180AndKeepLineNumbers() {
    String csv = "党员编号,项目编码,依据\n"
        + "DY000001,A7,\"参加志愿服务, 两次\"\n"
        + "DY000002,A9,\"第一行\n第二行\"\n"
        + "DY000003,A5,\"他说\"\"好\"\"\"\n"
        + "\n"
        + "DY000004,A6,无引号\"中间\"\n";
    ParsedLedger ledger = ok(Fixtures.readFolder("entries_quoted_fields", folder("entries_quoted_fields", Map.of(
        "封面.csv", utf8(COVER), "积分明细.csv", utf8(csv)))));
    List<SheetRow> entries = rows(ledger, LedgerSheet.ENTRIES);
    assertEquals(List.of(2, 3, 5, 7), entries.stream().map(SheetRow::rowNumber).toList());
    assertEquals("参加志愿服务, 两次", entries.get(0).fields().get("依据"));
    assertEquals("第一行\n第二行", entries.get(1).fields().get("依据"));
    assertEquals("他说\"好\"", entries.get(2).fields().get("依据"));
    assertEquals("无引号\"中间\"", entries.get(3).fields().get("依据"));
  }

  @Test
  void headerBelowTitleLinesAndShortLinesArePadded() {
    String roster = "名册（2025年第1季度）,,\r\n"
        + "\r\n"
        + "党员编号,姓名,党小组\r\n"
        + "DY000001,甲\r\n"
        + "DY000002,乙,第一党小组,多余\r\n";
    ParsedLedger ledger = ok(Fixtures.readFolder("ledger_roster_title", folder("ledger_roster_title", Map.of(
        "封面.csv", utf8(COVER), "QS09B01_名册.csv", utf8(roster)))));
    List<SheetRow> members = rows(ledger, LedgerSheet.ROSTER);
    assertEquals(List.of(4, 5), members.stream().map(SheetRow::rowNumber).toList());
    assertEquals(Map.of("党员编号", "DY000001", "姓名", "甲", "党小组", ""), members.get(0).fields());
    assertEquals(3, members.get(1).fields().size());
  }

  @Test
  void coverCsvLabelsAreNormalised() {
    String cover = "支部编码：,QS09B01\n\n 年 度 :,2025\n季度,1,备注\n";
    ParsedLedger ledger = ok(Fixtures.readFolder("ledger_cover_colons", folder("ledger_cover_colons", Map.of(
        "封面.csv", utf8(cover)))));
    List<SheetRow> lines = rows(ledger, LedgerSheet.COVER);
    assertEquals(List.of(1, 3, 4), lines.stream().map(SheetRow::rowNumber).toList());
    assertEquals(Map.of("年度", "2025"), lines.get(1).fields());
    assertEquals(Map.of("季度", "1"), lines.get(2).fields());
  }

  @Test
  void crOnlyLineEndsCountAsLines() {
    String entries = "党员编号,项目编码\rDY000001,A7\r\rDY000002,A9\r";
    ParsedLedger ledger = ok(Fixtures.readFolder("ledger_cr_lines", folder("ledger_cr_lines", Map.of(
        "封面.csv", utf8(COVER), "积分明细.csv", utf8(entries)))));
    assertEquals(List.of(2, 4), rows(ledger, LedgerSheet.ENTRIES).stream().map(SheetRow::rowNumber).toList());
  }
}
