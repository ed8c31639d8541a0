package org.jifen.ingest.read;

import static org.jifen.ingest.read.Fixtures.GBK;
import static org.jifen.ingest.read.Fixtures.book;
import static org.jifen.ingest.read.Fixtures.row;
import static org.jifen.ingest.read.Fixtures.save;
import static org.jifen.ingest.read.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableReaderTest {
  private static final List<String> ORG_LABELS = List.of("组织编码", "组织名称", "上级组织编码", "组织层级");
  private static final String ORGS_CSV = "组织编码,组织名称,上级组织编码,组织层级,领域,状态,负责人\r\n"
      + "QS00,中共青山区委员会,,区委,机关,有效,\r\n"
      + "QS01,青山区直属机关工作委员会,QS00,工委,机关,有效,某某\r\n";

  @TempDir Path dir;

  private ParsedTable read(String caseName, byte[] bytes) {
    return TableReader.read(caseName, save(dir, caseName, bytes), ORG_LABELS);
  }

  @Test
  void gbkCsvWithLeaderColumn() {
    ParsedTable table = read("orgs_gbk_with_leader.csv", text(ORGS_CSV, GBK, false));
    assertNull(table.problem());
    assertEquals("orgs_gbk_with_leader", table.sheet());
    assertEquals("GBK", table.encoding());
    assertEquals(2, table.rows().size());
    assertEquals("某某", table.rows().get(1).fields().get("负责人"));
    assertEquals("orgs_gbk_with_leader", table.rows().get(1).sheet());
    assertEquals(3, table.rows().get(1).rowNumber());
  }

  @Test
  void utf8BomCsv() {
    ParsedTable table = read("orgs_utf8_bom.csv", text(ORGS_CSV, StandardCharsets.UTF_8, true));
    assertEquals("UTF-8-BOM", table.encoding());
    assertEquals("QS00", table.rows().get(0).fields().get("组织编码"));
  }

  @Test
  void xlsxHeaderBelowTitleWithStarredLabels() {
    byte[] xlsx = book()
        .sheet("组织", row("青山区党组织一览"), row(), row("组织编码*", "组织 名称", "上级组织编码", "组织层级", "负责人"),
            row("QS00", "中共青山区委员会", null, "区委"))
        .sheet("说明", row("x"))
        .merge("组织", "A1:E1")
        .sharedStrings();
    ParsedTable table = read("orgs_header_below_title.xlsx", xlsx);
    assertNull(table.problem());
    assertEquals("组织", table.sheet());
    assertEquals(List.of(new SheetRow("组织", 4, Map.of("组织编码", "QS00", "组织名称", "中共青山区委员会",
        "上级组织编码", "", "组织层级", "区委", "负责人", ""))), table.rows());
  }

  @Test
  void missingRequiredLabelIsUnrecognised() {
    ParsedTable table = read("orgs_missing_level_column.csv",
        text("组织编码,组织名称,上级组织编码\nQS00,中共青山区委员会,\n", StandardCharsets.UTF_8, false));
    assertEquals(FileProblem.LAYOUT_UNRECOGNISED, table.problem().code());
    assertTrue(table.problem().message().contains("组织编码 and 组织名称 and 上级组织编码 and 组织层级"),
        table.problem().message());
    assertTrue(table.problem().message().contains("orgs_missing_level_column.csv"));
  }

  @Test
  void emptyAndUnreadableTables() {
    assertEquals(FileProblem.FILE_EMPTY, read("orgs_zero_bytes.csv", new byte[0]).problem().code());
    assertEquals(FileProblem.FILE_EMPTY, read("orgs_blank_lines.csv", text("\n,,\n", GBK, false)).problem().code());
    assertEquals(FileProblem.ENCODING_UNDETECTED,
        read("orgs_bad_encoding.csv", new byte[] {(byte) 0xFF, (byte) 0x80, '\n'}).problem().code());
    assertEquals(FileProblem.FILE_CORRUPT,
        read("orgs_truncated.xlsx", new byte[] {'P', 'K', 3, 4, 0, 0}).problem().code());
    assertEquals(FileProblem.FILE_ENCRYPTED, read("orgs_encrypted.xlsx",
        new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0})
        .problem().code());
  }
}
