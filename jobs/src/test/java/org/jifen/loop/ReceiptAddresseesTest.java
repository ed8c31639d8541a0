package org.jifen.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jifen.loop.Receipts.Duplicate;
import org.jifen.loop.Receipts.Facts;
import org.jifen.loop.Receipts.FileFacts;
import org.jifen.loop.Receipts.Org;
import org.jifen.loop.Receipts.Quarantined;
import org.jifen.loop.Receipts.Submission;
import org.jifen.reports.PackOptions;
import org.jifen.reports.ReceiptWorkbooks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who gets which receipt, on facts built by hand (no Spark): a cover code that is a path, a file
 * name spelling two branches, a file repeating last quarter's, a national ID too long for its
 * column. Every file lands on exactly one receipt, inside the output folder.
 */
class ReceiptAddresseesTest {
  @TempDir Path out;

  static final String P = "2025Q2";
  static final Instant DEADLINE = Instant.parse("2025-07-10T15:59:59Z");

  static Facts facts() {
    Map<String, Org> orgs = new TreeMap<>();
    orgs.put("QS", new Org("QS", "青山区委", "区委", true, "QS", null));
    orgs.put("QS01", new Org("QS01", "青山区直属机关工作委员会", "工委", true, "QS/QS01", "QS01"));
    orgs.put("QS01B01", new Org("QS01B01", "区妇联机关党支部", "党支部", true, "QS/QS01/QS01B01", "QS01"));
    orgs.put("QS01B02", new Org("QS01B02", "区委宣传部机关党支部", "党支部", true, "QS/QS01/QS01B02", "QS01"));
    orgs.put("QS01B05", new Org("QS01B05", "原区粮食局机关党支部", "党支部", false, "QS/QS01/QS01B05", "QS01"));
    Map<String, Submission> subs = new TreeMap<>();
    subs.put("QS01B01", new Submission("QS01B01", "on_time", Instant.parse("2025-07-05T02:00:00Z"), DEADLINE));
    subs.put("QS01B02", new Submission("QS01B02", "missing", null, DEADLINE));
    Map<String, FileFacts> files = new TreeMap<>();
    files.put("a", new FileFacts("a", P + "/QS01B01_2025Q2.xlsx", "QS01B01", 1, Instant.parse("2025-07-05T02:00:00Z"),
        "current", null, null));
    files.put("b", new FileFacts("b", P + "/../../etc/weird.xlsx", "../../etc", null,
        Instant.parse("2025-07-06T02:00:00Z"), "rejected", null, null));
    files.put("c", new FileFacts("c", P + "/QS01B01-QS01B02.xlsx", null, null, Instant.parse("2025-07-06T03:00:00Z"),
        "rejected", null, null));
    // A dissolved branch's ledger is taken with a warning (issue 19): the branch is still not expected.
    files.put("d", new FileFacts("d", P + "/QS01B05_2025Q2.xlsx", "QS01B05", 1, Instant.parse("2025-07-06T04:00:00Z"),
        "current", "BRANCH_DISSOLVED", P + "/QS01B05_2025Q2.xlsx: branch QS01B05 (封面 row 2, column B) is dissolved "
            + "(撤销) in the org tree (itself or an organization above it); accepted as QS01B05 for a quarter it "
            + "still existed: …"));
    Duplicate dup = new Duplicate("duplicate:" + P + "/QS01B02_2025Q2.xlsx", "q1", P + "/QS01B02_2025Q2.xlsx",
        Instant.parse("2025-07-07T02:00:00Z"), "2025Q1", "2025Q1/QS01B02_2025Q1.xlsx");
    files.put(dup.key(), new FileFacts(dup.key(), dup.sourceFile(), null, null, dup.received(), "duplicate", null,
        null));
    List<Quarantined> q = List.of(
        new Quarantined("a", P + "/QS01B01_2025Q2.xlsx", "QS01B01", "名册", 4, "身份证号", "VALUE_TOO_LONG",
            "…: 身份证号 has 1200 characters (expected at most 1000: …)",
            "110101199003078515110101199003078515abcd… (1200 characters)", "current"),
        new Quarantined("a", P + "/QS01B01_2025Q2.xlsx", "QS01B01", "积分明细", 9, "项目编码", "UNKNOWN_ITEM",
            "…: 项目编码 \"=HYPERLINK(1)\" is not an item of the scheme in force for 2025", "=HYPERLINK(1)", "current"),
        new Quarantined("b", P + "/../../etc/weird.xlsx", "../../etc", "封面", 2, "B", "UNKNOWN_BRANCH", "…",
            "../../etc", "rejected"),
        new Quarantined("c", P + "/QS01B01-QS01B02.xlsx", null, null, null, null, "NO_COVER", "…: found 名册",
            null, "rejected"));
    Map<String, Map<String, Long>> rows = Map.of("a", Map.of("封面", 8L, "名册", 5L, "积分明细", 10L, "备注", 2L),
        "b", Map.of("封面", 8L, "名册", 5L), "d", Map.of("封面", 8L, "名册", 3L));
    return new Facts(P, orgs, subs, DEADLINE, files, List.of(dup), q, rows);
  }

  static List<List<String>> rows(Path p, String sheet) throws Exception {
    return ReceiptsTest.rows(p, sheet);
  }

  @Test
  void everyFileLandsOnOneReceiptInsideTheOutputFolder() throws Exception {
    Receipts.Result r = Receipts.write(facts(), ReasonTexts.Names.NONE,
        new Receipts.Options(P, null, out, PackOptions.of("test").withGeneratedAt(Instant.parse("2025-07-20T00:00:00Z"))));
    Set<String> written = new TreeSet<>();
    try (Stream<Path> all = Files.walk(out)) {
      all.filter(Files::isRegularFile).forEach(p -> written.add(out.relativize(p).toString()));
    }
    // The path-like cover code and the name with two branch codes name no branch: 未识别.
    assertEquals(Set.of(P + "/回执_QS01B01_2025Q2.xlsx", P + "/回执_QS01B02_2025Q2.xlsx", P + "/回执_QS01B05_2025Q2.xlsx",
        P + "/回执_未识别_2025Q2.xlsx", P + "/回执汇总_2025Q2.xlsx"), written);
    assertEquals(5, r.receipts().stream().mapToInt(Receipts.Written::files).sum() + 0, "five files, each once");

    List<List<String>> unknown = ReceiptsTest.table(rows(out.resolve(P + "/回执_未识别_2025Q2.xlsx"),
        ReceiptWorkbooks.SHEET_RECEIPT), "二、收到的文件", "序号");
    assertEquals(List.of("../../etc/weird.xlsx", "QS01B01-QS01B02.xlsx"), unknown.stream().map(x -> x.get(1)).toList());

    // Last quarter's file sent again: not read, said so, and the branch is still missing.
    Path b2 = out.resolve(P + "/回执_QS01B02_2025Q2.xlsx");
    List<List<String>> files = ReceiptsTest.table(rows(b2, ReceiptWorkbooks.SHEET_RECEIPT), "二、收到的文件", "序号");
    assertEquals("未读取：与已收到的2025年第一季度文件“QS01B02_2025Q1.xlsx”内容完全相同", files.get(0).get(5));
    String conclusion = rows(b2, ReceiptWorkbooks.SHEET_RECEIPT).get(5).get(0);
    assertTrue(conclusion.startsWith("本季度收到的文件与此前已收到的文件内容完全相同，未再读取，本支部本季度尚未报送成功。"),
        conclusion);
    Path summary = out.resolve(P + "/回执汇总_2025Q2.xlsx");
    List<List<String>> missing = ReceiptsTest.table(rows(summary, ReceiptWorkbooks.SHEET_MISSING), null, "党支部编码");
    assertEquals(List.of("QS01B02"), missing.stream().map(x -> x.get(0)).toList());
    assertTrue(missing.get(0).get(3).startsWith("收到1份文件，均未能接收：1份与已收到的文件内容完全相同"), missing.toString());
    List<List<String>> lines = ReceiptsTest.table(rows(summary, ReceiptWorkbooks.SHEET_BRANCHES), null, "党支部编码");
    assertEquals(List.of("QS01B01 按时报送", "QS01B02 未报送", "QS01B05 党支部已撤销", "未识别 无法识别支部"),
        lines.stream().map(x -> x.get(0) + " " + x.get(3)).toList());

    // QS01B05, dissolved: its ledger was taken; the receipt says so and that the branch is not expected.
    List<List<String>> b5 = rows(out.resolve(P + "/回执_QS01B05_2025Q2.xlsx"), ReceiptWorkbooks.SHEET_RECEIPT);
    assertTrue(b5.get(5).get(0).startsWith("已接收并采用“QS01B05_2025Q2.xlsx”（版本1）"), b5.get(5).toString());
    assertTrue(b5.get(5).get(0).endsWith("该党支部在组织架构中已撤销，无需报送。"), b5.get(5).toString());
    assertTrue(b5.stream().anyMatch(x -> !x.isEmpty() && x.get(0).contains("文件“QS01B05_2025Q2.xlsx”：封面的支部编码“QS01B05”"
        + "对应的党支部在组织架构中已撤销，台账已按封面计入本支部")), b5.toString());

    // QS01B01: 15 ledger rows read, 2 held back; the 备注 sheet is a note; the ID masked; the formula text stays text.
    Path b1 = out.resolve(P + "/回执_QS01B01_2025Q2.xlsx");
    List<List<String>> f1 = ReceiptsTest.table(rows(b1, ReceiptWorkbooks.SHEET_RECEIPT), "二、收到的文件", "序号");
    assertEquals(List.of("17", "13", "2", "2"), f1.get(0).subList(6, 10));
    assertTrue(rows(b1, ReceiptWorkbooks.SHEET_RECEIPT).stream().anyMatch(x -> !x.isEmpty()
        && x.get(0).contains("工作表“备注”（2行）不是台账工作表")));
    List<List<String>> problems = ReceiptsTest.table(rows(b1, ReceiptWorkbooks.SHEET_PROBLEMS), null, "序号");
    assertEquals("（共1200个字符，内容已隐去）", problems.get(0).get(6));
    assertFalse(problems.get(0).get(7).contains("110101"));
    assertEquals("'=HYPERLINK(1)", problems.get(1).get(6), "a formula-looking value is written as text");
    try (var in = Files.newInputStream(b1); var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(in)) {
      var cell = wb.getSheet(ReceiptWorkbooks.SHEET_PROBLEMS).getRow(5).getCell(6);
      assertEquals(org.apache.poi.ss.usermodel.CellType.STRING, cell.getCellType());
    }
  }

  /** Issue 19 point 6: one receipt that cannot be written is listed; the others and the summary are written. */
  @Test
  void oneReceiptThatCannotBeWrittenStopsNoOtherAndLeavesNothingBehind() throws Exception {
    // QS01B02's receipt name is taken by a folder that is not empty.
    Files.createDirectories(out.resolve(P).resolve("回执_QS01B02_2025Q2.xlsx").resolve("x"));
    Receipts.Result r = Receipts.write(facts(), ReasonTexts.Names.NONE,
        new Receipts.Options(P, null, out, PackOptions.of("test")));
    assertEquals(List.of("QS01B01", "QS01B05", "未识别"), r.receipts().stream().map(Receipts.Written::branchCode).toList());
    assertEquals(1, r.failures().size(), r.failures().toString());
    assertTrue(r.failures().get(0).startsWith("QS01B02: "), r.failures().get(0));
    assertTrue(Files.isRegularFile(r.summary()));
    try (Stream<Path> all = Files.list(out.resolve(P))) {
      assertEquals(List.of("回执_QS01B01_2025Q2.xlsx", "回执_QS01B02_2025Q2.xlsx", "回执_QS01B05_2025Q2.xlsx",
          "回执_未识别_2025Q2.xlsx", "回执汇总_2025Q2.xlsx"), all.map(p -> p.getFileName().toString()).sorted().toList(),
          "no temporary file left");
    }
  }

  @Test
  void oneUnitGetsItsBranchesAndItsOwnSummary() throws Exception {
    Receipts.Result r = Receipts.write(facts(), ReasonTexts.Names.NONE,
        new Receipts.Options(P, "QS01B01", out, PackOptions.of("test")));
    assertEquals(List.of("QS01B01"), r.receipts().stream().map(Receipts.Written::branchCode).toList());
    assertTrue(Files.exists(out.resolve(P + "/回执汇总_QS01B01_2025Q2.xlsx")));
    assertEquals(1, r.branchesExpected());
  }
}
