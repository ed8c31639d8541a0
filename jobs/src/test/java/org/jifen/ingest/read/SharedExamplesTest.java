package org.jifen.ingest.read;

import static org.jifen.ingest.read.Fixtures.find;
import static org.jifen.ingest.read.Fixtures.resource;
import static org.jifen.ingest.read.Fixtures.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The format examples of /work/shared/examples (copied under fixtures/read/examples), with values
 * and counts checked by hand against the files (Python csv and the sheet XML).
 */
class SharedExamplesTest {
  private static final String INBOX = "examples/inbox/2025Q1/";

  private static ParsedLedger ok(ParsedLedger ledger) {
    assertNull(ledger.problem(), () -> "unexpected problem " + ledger.problem());
    return ledger;
  }

  private static byte[] bytes(Path file) throws IOException {
    return Files.readAllBytes(file);
  }

  private static List<Integer> counts(ParsedLedger ledger) {
    return List.of(rows(ledger, LedgerSheet.COVER).size(), rows(ledger, LedgerSheet.ROSTER).size(),
        rows(ledger, LedgerSheet.ENTRIES).size(), rows(ledger, LedgerSheet.EVALUATION).size(),
        rows(ledger, LedgerSheet.ACTIONS).size());
  }

  private static String cover(ParsedLedger ledger, String label) {
    return rows(ledger, LedgerSheet.COVER).stream()
        .filter(r -> r.fields().containsKey(label))
        .map(r -> r.fields().get(label))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void plainWorkbookQs01b06() throws IOException {
    ParsedLedger ledger = ok(Fixtures.readXlsx("QS01B06_2025Q1.xlsx",
        bytes(resource(INBOX + "QS01B06_2025Q1.xlsx"))));
    assertEquals(List.of(8, 47, 191, 0, 2), counts(ledger));
    assertEquals("QS01B06", cover(ledger, "支部编码"));
    assertEquals("2025-04-06", cover(ledger, "填表日期"));
    assertEquals("1", cover(ledger, "版本"));
    SheetRow member = find(ledger, LedgerSheet.ROSTER, "党员编号", "DY906190");
    assertEquals(2, member.rowNumber());
    assertEquals("1945-09-20", member.fields().get("出生日期"));
    assertEquals("1988-10-31", member.fields().get("入党日期"));
    assertEquals("", member.fields().get("未参加原因"));
    SheetRow entry = rows(ledger, LedgerSheet.ENTRIES).get(0);
    assertEquals(2, entry.rowNumber());
    assertEquals(Map.of("日期", "2025-02-10", "党员编号", "DY906190", "姓名", "邹琳颖", "项目编码", "A6",
        "分值", "5", "依据", "创新工作法获上级推广", "登记人", "邹琳颖", "自评分", "5", "党小组初评分", "5"),
        entry.fields());
    SheetRow action = find(ledger, LedgerSheet.ACTIONS, "党员编号", "DY597762");
    assertEquals("2025-02-25", action.fields().get("日期"));
    assertEquals("告诫提醒", action.fields().get("处置类型"));
  }

  @Test
  void mergedTitlesReorderedColumnsMixedDatesQs03b02() throws IOException {
    ParsedLedger ledger = ok(Fixtures.readXlsx("QS03B02_2025Q1.xlsx",
        bytes(resource(INBOX + "QS03B02_2025Q1.xlsx"))));
    assertEquals(List.of(8, 8, 40, 0, 0), counts(ledger));
    assertEquals("QS03B02", cover(ledger, "支部编码"));
    assertEquals("2025-04-04", cover(ledger, "填表日期"));
    assertEquals("", cover(ledger, "支部党员积分台账"), "the cover's title line is kept as a label");
    List<SheetRow> roster = rows(ledger, LedgerSheet.ROSTER);
    assertEquals(5, roster.get(0).rowNumber());
    assertEquals(List.of("姓名", "党员身份", "党员编号", "性别", "党员类别", "入党日期", "身份证号", "出生日期",
        "党小组", "参加积分管理", "未参加原因"), List.copyOf(roster.get(0).fields().keySet()));
    assertEquals("2018年8月18日", find(ledger, LedgerSheet.ROSTER, "党员编号", "DY743009").fields().get("入党日期"));
    assertEquals("2014-08-10", find(ledger, LedgerSheet.ROSTER, "党员编号", "DY104387").fields().get("入党日期"));
    assertEquals("1972/10/31", find(ledger, LedgerSheet.ROSTER, "党员编号", "DY224008").fields().get("出生日期"));
    List<SheetRow> entries = rows(ledger, LedgerSheet.ENTRIES);
    assertEquals(5, entries.get(0).rowNumber());
    assertEquals(44, entries.get(entries.size() - 1).rowNumber());
    assertEquals("2025年1月26日", entries.get(0).fields().get("日期"));
    assertEquals("2025/1/26", entries.get(2).fields().get("日期"));
    assertEquals("2025-03-10", entries.get(3).fields().get("日期"));
    SheetRow deduction = entries.stream().filter(r -> r.rowNumber() == 18).findFirst().orElseThrow();
    assertEquals("B2", deduction.fields().get("项目编码"));
    assertEquals("-5", deduction.fields().get("分值"));
  }

  @Test
  void gbkCsvFolderQs02b01() {
    ParsedLedger ledger = ok(Fixtures.readFolder(resource(INBOX + "QS02B01_2025Q1")));
    assertEquals("csv-folder", ledger.format());
    assertEquals("GBK", ledger.encoding());
    assertEquals(List.of(7, 40, 165, 0, 0), counts(ledger));
    assertEquals("南苑社区党支部", cover(ledger, "支部名称"));
    assertEquals("2025年4月5日", cover(ledger, "填表日期"));
    SheetRow member = find(ledger, LedgerSheet.ROSTER, "党员编号", "DY197447");
    assertEquals(5, member.rowNumber());
    assertEquals("32010519581026066X", member.fields().get("身份证号"));
    assertEquals("1994年10月31日", member.fields().get("入党日期"));
    List<SheetRow> entries = rows(ledger, LedgerSheet.ENTRIES);
    assertEquals(List.of(2, 3, 4, 6), entries.subList(0, 4).stream().map(SheetRow::rowNumber).toList());
    assertEquals("亮身份当先锋，参加1月志愿服务", entries.get(0).fields().get("依据"));
    assertEquals(174, entries.get(entries.size() - 1).rowNumber());
  }

  @Test
  void utf8BomCsvZipQs04b01() throws IOException {
    ParsedLedger ledger = ok(Fixtures.readZip("QS04B01_2025Q1.zip",
        bytes(resource(INBOX + "QS04B01_2025Q1.zip"))));
    assertEquals("csv-zip", ledger.format());
    assertEquals("UTF-8-BOM", ledger.encoding());
    assertEquals(List.of(7, 21, 99, 0, 0), counts(ledger));
    assertEquals("QS04B01", cover(ledger, "支部编码"));
    assertEquals("2025/4/7", cover(ledger, "填表日期"));
    SheetRow first = rows(ledger, LedgerSheet.ENTRIES).get(0);
    assertEquals(Map.of("日期", "2025/1/28", "党员编号", "DY878275", "姓名", "汤玲华", "项目编码", "A7",
        "分值", "3", "依据", "先锋岗", "登记人", "汤玲华"), first.fields());
    assertEquals(4, rows(ledger, LedgerSheet.ENTRIES).get(1).rowNumber(), "line 3 is blank");
  }

  @Test
  void orgTreeExample() throws IOException {
    ParsedTable table = TableReader.read("orgs.xlsx", bytes(resource("examples/orgs.xlsx")),
        List.of("组织编码", "组织名称", "上级组织编码", "组织层级"));
    assertNull(table.problem());
    assertEquals("组织架构", table.sheet());
    assertNull(table.encoding());
    assertEquals(32, table.rows().size());
    assertEquals(Map.of("组织编码", "QS00", "组织名称", "中共青山区委员会", "上级组织编码", "", "组织层级", "区委",
        "领域", "机关", "状态", "有效"), table.rows().get(0).fields());
    assertEquals(2, table.rows().get(0).rowNumber());
    assertEquals(1, table.rows().stream().filter(r -> "撤销".equals(r.fields().get("状态"))).count());
  }
}
