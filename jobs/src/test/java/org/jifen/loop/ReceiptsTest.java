package org.jifen.loop;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.SparkSession;
import org.jifen.cli.ExitCodes;
import org.jifen.cli.Jifen;
import org.jifen.read.WarehouseSql;
import org.jifen.reports.PackOptions;
import org.jifen.reports.ReceiptWorkbooks;
import org.jifen.spark.Warehouse;
import org.jifen.testing.SampleWarehouse;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Receipts of the bundled data-samples/ (four quarters of 2025), read back with POI: every
 * quarantined row is on exactly one receipt, its branch's; every rejected file has a receipt;
 * the summary lists the branches that did not submit; one branch's figures and two late
 * submissions' hours are worked by hand from the sample files and received.csv.
 */
class ReceiptsTest {
  static final Instant GENERATED = Instant.parse("2025-10-20T02:00:00Z");
  static SparkSession spark;
  static Warehouse wh;
  @TempDir static Path out;
  static final Map<String, Receipts.Result> RESULTS = new TreeMap<>();

  @AfterAll
  static void keep() throws Exception {
    // -Djifen.receipts.keep=DIR keeps the receipts for looking at.
    String keep = System.getProperty("jifen.receipts.keep");
    if (keep != null && !keep.isBlank()) {
      try (Stream<Path> all = Files.walk(out)) {
        for (Path p : all.toList()) {
          Path t = Path.of(keep).resolve(out.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(t);
          } else {
            Files.copy(p, t, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    }
  }

  @BeforeAll
  static void writeReceipts() throws Exception {
    spark = SharedSpark.get();
    wh = SampleWarehouse.get();
    PackOptions pack = PackOptions.of("test").withGeneratedAt(GENERATED);
    try (WarehouseSql sql = WarehouseSql.open(wh, () -> spark, null, Receipts.TABLES)) {
      assertEquals("duckdb", sql.engine(), "a local warehouse is read without Spark");
      for (String p : Receipts.periods(sql)) {
        RESULTS.put(p, Receipts.write(sql, wh, new Receipts.Options(p, null, out, pack)));
      }
    }
  }

  // ---- reading workbooks back -----------------------------------------------------------------

  static List<List<String>> rows(Path xlsx, String sheet) throws Exception {
    try (InputStream in = Files.newInputStream(xlsx); XSSFWorkbook wb = new XSSFWorkbook(in)) {
      Sheet s = wb.getSheet(sheet);
      assertNotNull(s, sheet + " in " + xlsx);
      DataFormatter f = new DataFormatter();
      List<List<String>> rows = new ArrayList<>();
      for (int r = 0; r <= s.getLastRowNum(); r++) {
        Row x = s.getRow(r);
        List<String> cells = new ArrayList<>();
        if (x != null) {
          for (int c = 0; c < x.getLastCellNum(); c++) {
            Cell cell = x.getCell(c);
            cells.add(cell == null ? "" : f.formatCellValue(cell));
          }
        }
        rows.add(cells);
      }
      return rows;
    }
  }

  /** Every sheet's formatted cell values, by sheet name in workbook order. */
  static Map<String, List<List<String>>> cells(Path xlsx) throws Exception {
    List<String> sheets = new ArrayList<>();
    try (InputStream in = Files.newInputStream(xlsx); XSSFWorkbook wb = new XSSFWorkbook(in)) {
      wb.forEach(s -> sheets.add(s.getSheetName()));
    }
    Map<String, List<List<String>>> out = new java.util.LinkedHashMap<>();
    for (String s : sheets) {
      out.put(s, rows(xlsx, s));
    }
    return out;
  }

  /** The rows of the table whose header row starts with {@code firstHead}, after {@code after} (a row's first cell). */
  static List<List<String>> table(List<List<String>> rows, String after, String firstHead) {
    int i = 0;
    if (after != null) {
      while (i < rows.size() && !(rows.get(i).size() > 0 && rows.get(i).get(0).equals(after))) {
        i++;
      }
    }
    while (i < rows.size() && !(rows.get(i).size() > 0 && rows.get(i).get(0).equals(firstHead))) {
      i++;
    }
    assertTrue(i < rows.size(), "no table " + firstHead + " after " + after);
    List<List<String>> out = new ArrayList<>();
    for (int r = i + 1; r < rows.size(); r++) {
      List<String> x = rows.get(r);
      if (x.isEmpty() || x.get(0).isEmpty() || x.get(0).startsWith("本期") || x.get(0).startsWith("应报送")
          || x.get(0).startsWith("没有")) {
        break;
      }
      out.add(x);
    }
    return out;
  }

  static String cell(List<String> row, int c) {
    return c < row.size() ? row.get(c) : "";
  }

  static Path receipt(String period, String branch) {
    return out.resolve(period).resolve(Receipts.receiptFileName(branch, period));
  }

  static Path summary(String period) {
    return out.resolve(period).resolve(Receipts.summaryFileName(null, period));
  }

  /** period/file | sheet | row | column | reason, as the warehouse keys a quarantined row. */
  static String key(String sourceFile, String sheet, Object row, String column, String code) {
    return sourceFile + " | " + (sheet == null ? "" : sheet) + " | " + (row == null ? "" : row) + " | "
        + (column == null ? "" : column) + " | " + code;
  }

  /** Every problem line of every receipt: key → the branches whose receipts list it. */
  static Map<String, List<String>> problemsOnReceipts() throws Exception {
    Map<String, List<String>> seen = new TreeMap<>();
    for (String p : RESULTS.keySet()) {
      for (Receipts.Written w : RESULTS.get(p).receipts()) {
        for (List<String> x : table(rows(w.file(), ReceiptWorkbooks.SHEET_PROBLEMS), null, "序号")) {
          String column = cell(x, 5);
          if ("封面".equals(cell(x, 3)) && column.matches("[A-Z]列")) {
            column = column.substring(0, 1);
          }
          seen.computeIfAbsent(key(p + "/" + cell(x, 1), cell(x, 3), cell(x, 4), column, cell(x, 9)),
              k -> new ArrayList<>()).add(w.branchCode());
        }
      }
    }
    return seen;
  }

  // ---- the tests --------------------------------------------------------------------------------

  @Test
  void everyQuarantinedRowIsOnExactlyOneReceiptTheOneOfItsBranch() throws Exception {
    assertEquals(List.of("2025Q1", "2025Q2", "2025Q3", "2025Q4"), List.copyOf(RESULTS.keySet()));
    Map<String, List<String>> seen = problemsOnReceipts();
    Map<String, String> expected = new TreeMap<>();
    for (org.apache.spark.sql.Row r : wh.read(spark, Warehouse.QUARANTINE, "rows").collectAsList()) {
      String source = r.getAs("source_file");
      // Every sample file is named <branch>_<period>: the branch the receipt must go to, also for
      // files whose cover is unreadable or names no branch of the tree.
      String branch = source.substring(source.indexOf('/') + 1).split("_")[0];
      String k = key(source, r.getAs("sheet"), r.getAs("row_num"), r.getAs("column_name"), r.getAs("reason_code"));
      assertEquals(null, expected.put(k, branch), "one quarantine row per key: " + k);
    }
    assertEquals(expected.keySet(), seen.keySet(), "the receipts list exactly the quarantine");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      assertEquals(List.of(e.getValue()), seen.get(e.getKey()), e.getKey());
    }
    long total = RESULTS.values().stream().flatMap(r -> r.receipts().stream()).mapToLong(Receipts.Written::problems)
        .sum();
    assertEquals(expected.size(), total);
  }

  /**
   * Issue 19 point 6: every text of every receipt of the samples is Chinese. The branch's own words
   * (file names, the values found, sheet names) and the codes are taken out first; what remains may
   * name Excel, WPS, CSV and the like, and no other English word.
   */
  @Test
  void noReceiptOfTheSamplesCarriesEnglish() throws Exception {
    int scanned = 0;
    for (String p : RESULTS.keySet()) {
      for (Receipts.Written w : RESULTS.get(p).receipts()) {
        List<List<String>> receipt = rows(w.file(), ReceiptWorkbooks.SHEET_RECEIPT);
        Set<String> own = new TreeSet<>();
        for (List<String> x : table(receipt, "二、收到的文件", "序号")) {
          own.add(cell(x, 1));
        }
        for (List<String> x : table(receipt, "三、各工作表的接收情况", "序号")) {
          own.add(cell(x, 2));
        }
        List<List<String>> problems = table(rows(w.file(), ReceiptWorkbooks.SHEET_PROBLEMS), null, "序号");
        for (List<String> x : problems) {
          own.add(cell(x, 3));
          own.add(cell(x, 5));
          own.add(cell(x, 6));
        }
        List<String> texts = new ArrayList<>();
        receipt.forEach(texts::addAll);
        for (List<String> x : problems) {
          texts.addAll(List.of(cell(x, 2), cell(x, 7), cell(x, 8)));
        }
        for (String text : texts) {
          String t = text;
          for (String o : own) {
            if (!o.isBlank()) {
              t = t.replace(o, "");
            }
          }
          assertEquals(Set.of(), ReasonTextsTest.englishWords(t), w.file() + ": " + text);
          scanned++;
        }
      }
    }
    assertTrue(scanned > 1_000, "cells scanned: " + scanned);
  }

  @Test
  void everyDeliberateFaultOfTheSamplesIsOnItsBranchsReceipt() throws Exception {
    Map<String, List<String>> seen = problemsOnReceipts();
    List<String> lines = Files.readAllLines(SampleWarehouse.samples().resolve("faults.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      String branch = f[1].split("_")[0];
      String source = f[0] + "/" + f[1];
      List<String> hits = new ArrayList<>();
      seen.forEach((k, branches) -> {
        String[] p = k.split(" \\| ", -1);
        boolean same = p[0].equals(source) && p[4].equals(f[5])
            && (f[3].isEmpty() || p[1].equals(f[2]) && p[2].equals(f[3]) && p[3].equals(f[4]));
        if (same) {
          hits.addAll(branches);
        }
      });
      assertEquals(List.of(branch), hits, line);
    }
  }

  @Test
  void everyRejectedFileHasAReceiptThatSaysSoInChinese() throws Exception {
    List<org.apache.spark.sql.Row> rejected = wh.read(spark, Warehouse.QUARANTINE, "rows")
        .filter(col("ledger_status").equalTo("rejected")).collectAsList();
    assertEquals(5, rejected.size(), "the samples' five rejected files (faults.csv)");
    for (org.apache.spark.sql.Row r : rejected) {
      String source = r.getAs("source_file");
      String period = r.getAs("period");
      String file = Receipts.displayName(source, period);
      String branch = file.split("_")[0];
      Path receipt = receipt(period, branch);
      assertTrue(Files.exists(receipt), receipt.toString());
      List<List<String>> files = table(rows(receipt, ReceiptWorkbooks.SHEET_RECEIPT), "二、收到的文件", "序号");
      List<String> line = files.stream().filter(x -> cell(x, 1).equals(file)).findFirst().orElseThrow();
      assertTrue(cell(line, 5).startsWith("整份退回：" + ReasonTexts.title(r.getAs("reason_code"))), line.toString());
      // A file whose cover was never read has no 版本; a cover that was read gives one.
      boolean coverRead = Set.of("UNKNOWN_BRANCH", "PERIOD_MISMATCH").contains(r.<String>getAs("reason_code"));
      assertEquals(coverRead ? "1" : "", cell(line, 2), line.toString());
      List<List<String>> problems = table(rows(receipt, ReceiptWorkbooks.SHEET_PROBLEMS), null, "序号");
      List<String> p = problems.stream().filter(x -> cell(x, 1).equals(file)).findFirst().orElseThrow();
      assertEquals("整份退回", cell(p, 2));
      assertTrue(cell(p, 7).contains("整份台账未能接收"), cell(p, 7));
    }
    // The unknown branch of the samples (a cover code not in the tree) gets its receipt under that code.
    String conclusion = rows(receipt("2025Q1", "QS02B07"), ReceiptWorkbooks.SHEET_RECEIPT).get(5).get(0);
    assertTrue(conclusion.startsWith("本季度收到的文件被整份退回，本支部本季度尚未报送成功。")
        && conclusion.contains("不在组织架构中"), conclusion);
  }

  @Test
  void theSummaryListsTheBranchesThatDidNotSubmitAndTheProblemsByReason() throws Exception {
    Map<String, Set<String>> missing = new TreeMap<>();
    for (org.apache.spark.sql.Row r : wh.read(spark, Warehouse.SILVER, "submissions")
        .filter(col("status").isin("missing", "returned")).collectAsList()) {
      missing.computeIfAbsent(r.getAs("period"), k -> new TreeSet<>()).add(r.getAs("branch_code"));
    }
    // data-samples/README.md: QS01B04 (Q2) and QS01B02 (Q3) sent nothing; QS01B08 (Q2), QS04B05 (Q3),
    // QS03B03 and QS04B06 (Q4) sent only files that were rejected (status returned). The summary's sheet of
    // branches that did not submit lists both kinds, each with why.
    assertEquals(Map.of("2025Q2", Set.of("QS01B04", "QS01B08"), "2025Q3", Set.of("QS01B02", "QS04B05"),
        "2025Q4", Set.of("QS03B03", "QS04B06")), missing);
    for (String p : RESULTS.keySet()) {
      List<List<String>> listed = table(rows(summary(p), ReceiptWorkbooks.SHEET_MISSING), null, "党支部编码");
      Set<String> codes = new TreeSet<>();
      for (List<String> x : listed) {
        codes.add(cell(x, 0));
        boolean sentNothing = Set.of("QS01B04", "QS01B02").contains(cell(x, 0));
        assertTrue(cell(x, 3).startsWith(sentNothing ? "未收到台账文件" : "收到1份文件，被整份退回："), x.toString());
      }
      assertEquals(missing.getOrDefault(p, Set.of()), codes, p);
      assertEquals(missing.getOrDefault(p, Set.of()).size(), RESULTS.get(p).branchesMissing());
      assertEquals(30, RESULTS.get(p).branchesExpected());

      // Every expected branch has a line; the by-reason counts add up to the quarantine's.
      List<List<String>> branches = table(rows(summary(p), ReceiptWorkbooks.SHEET_BRANCHES), null, "党支部编码");
      assertTrue(branches.size() >= 30, p + " " + branches.size());
      Map<String, Long> byReason = new TreeMap<>();
      for (List<String> x : table(rows(summary(p), ReceiptWorkbooks.SHEET_REASONS), null, "问题类型")) {
        byReason.put(cell(x, 1), Long.parseLong(cell(x, 4)));
      }
      Map<String, Long> quarantine = new TreeMap<>();
      for (org.apache.spark.sql.Row r : wh.read(spark, Warehouse.QUARANTINE, "rows").filter(col("period").equalTo(p))
          .groupBy("reason_code").count().collectAsList()) {
        quarantine.put(r.getString(0), r.getLong(1));
      }
      assertEquals(quarantine, byReason, p);
    }
    List<List<String>> q3 = table(rows(summary("2025Q3"), ReceiptWorkbooks.SHEET_REASONS), null, "问题类型");
    List<String> conflict = q3.stream().filter(x -> cell(x, 1).equals("MEMBER_CONFLICT")).findFirst().orElseThrow();
    assertEquals("2", cell(conflict, 3), "two branches hold the conflicting member");
    assertEquals("QS01B04 区委政法委机关党支部（2）；QS03B01 湖荷幼儿园党支部（3）", cell(conflict, 5));
  }

  @Test
  void figuresOfOneBranchWorkedByHand() throws Exception {
    // QS03Z1B02_2025Q1.xlsx, counted from its sheets (title row, 填表人 row, blank row, header on row 4):
    // 名册 rows 5-17 = 13 members; 积分明细 rows 5-58 = 54 entries, of which rows 39 (UNKNOWN_ITEM),
    // 40 (POINTS_SIGN) and 52 (POINTS_NOT_NUMBER) are faults (faults.csv): 51 accepted; 组织处置 has
    // its header only. No other sheet.
    Path sample = SampleWarehouse.samples().resolve("inbox/2025Q1/QS03Z1B02_2025Q1.xlsx");
    assertEquals(13, dataRows(sample, "名册"));
    assertEquals(54, dataRows(sample, "积分明细"));
    assertEquals(0, dataRows(sample, "组织处置"));

    List<List<String>> receipt = rows(receipt("2025Q1", "QS03Z1B02"), ReceiptWorkbooks.SHEET_RECEIPT);
    List<List<String>> files = table(receipt, "二、收到的文件", "序号");
    assertEquals(1, files.size());
    assertEquals(List.of("1", "QS03Z1B02_2025Q1.xlsx", "1"), files.get(0).subList(0, 3));
    assertEquals("按时", cell(files.get(0), 4));
    assertEquals("已接收，为当前有效版本", cell(files.get(0), 5));
    assertEquals(List.of("67", "64", "3", "0"), files.get(0).subList(6, 10));
    List<List<String>> sheets = table(receipt, "三、各工作表的接收情况", "序号");
    assertEquals(2, sheets.size());
    assertEquals(List.of("名册", "13", "13", "0"), List.of(cell(sheets.get(0), 2), cell(sheets.get(0), 6),
        cell(sheets.get(0), 7), cell(sheets.get(0), 8)));
    assertEquals(List.of("积分明细", "54", "51", "3"), List.of(cell(sheets.get(1), 2), cell(sheets.get(1), 6),
        cell(sheets.get(1), 7), cell(sheets.get(1), 8)));
    String conclusion = receipt.get(5).get(0);
    assertTrue(conclusion.startsWith("已接收并采用“QS03Z1B02_2025Q1.xlsx”（版本1）：64行已计入；3行有问题，"
        + "暂未计入统计，请按“问题明细”逐行更正后，将封面“版本”改为2，整份重新报送。"), conclusion);

    List<List<String>> problems = table(rows(receipt("2025Q1", "QS03Z1B02"), ReceiptWorkbooks.SHEET_PROBLEMS), null,
        "序号");
    assertEquals(List.of("39", "40", "52"), problems.stream().map(x -> cell(x, 4)).toList());
    assertEquals(List.of("UNKNOWN_ITEM", "POINTS_SIGN", "POINTS_NOT_NUMBER"),
        problems.stream().map(x -> cell(x, 9)).toList());
    assertEquals("三分", cell(problems.get(2), 6));
    assertTrue(cell(problems.get(0), 7).matches("项目编码“[^”]+”不是2025年度积分方案中的项目，本行未计入。.*"),
        cell(problems.get(0), 7));
    assertTrue(cell(problems.get(2), 7).startsWith("分值填写为“三分”，不是数字"), cell(problems.get(2), 7));
  }

  /** Non-blank rows below the header row (the first row holding 党员编号 or 日期 in column A or B). */
  static int dataRows(Path xlsx, String sheet) throws Exception {
    try (InputStream in = Files.newInputStream(xlsx); XSSFWorkbook wb = new XSSFWorkbook(in)) {
      Sheet s = wb.getSheet(sheet);
      DataFormatter f = new DataFormatter();
      int header = -1;
      int n = 0;
      for (Row r : s) {
        boolean blank = true;
        boolean isHeader = false;
        for (Cell c : r) {
          String v = f.formatCellValue(c).strip();
          blank &= v.isEmpty();
          isHeader |= c.getColumnIndex() < 2 && (v.equals("党员编号") || v.equals("日期"));
        }
        if (header < 0 && isHeader) {
          header = r.getRowNum();
        } else if (header >= 0 && !blank) {
          n++;
        }
      }
      assertTrue(header >= 0, sheet);
      return n;
    }
  }

  @Test
  void hoursLateWorkedByHandFromReceivedCsv() throws Exception {
    List<String> received = Files.readAllLines(SampleWarehouse.samples().resolve("inbox/received.csv"));
    assertTrue(received.contains("2025Q1,QS04B01_2025Q1.xlsx,2025-04-15T11:24:02+08:00"));
    assertTrue(received.contains("2025Q1,QS01B09_2025Q1.xlsx,2025-04-11T00:04:41+08:00"));
    // Deadline 2025-04-10 23:59:59 (UTC+8). QS04B01: 1 s to midnight + 4 days (96 h) + 11 h 24 min 2 s
    // = 107 h 24 min 3 s = 107.40 h → 107.4. QS01B09: 4 min 42 s = 282 s = 0.078 h → 0.1.
    Map<String, String> expected = Map.of("QS04B01", "107.4", "QS01B09", "0.1");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      List<List<String>> files = table(rows(receipt("2025Q1", e.getKey()), ReceiptWorkbooks.SHEET_RECEIPT),
          "二、收到的文件", "序号");
      assertEquals("逾期" + e.getValue() + "小时", cell(files.get(0), 4), e.getKey());
      String conclusion = rows(receipt("2025Q1", e.getKey()), ReceiptWorkbooks.SHEET_RECEIPT).get(5).get(0);
      assertTrue(conclusion.contains("超过截止时间" + e.getValue() + "小时"), conclusion);
      List<String> line = table(rows(summary("2025Q1"), ReceiptWorkbooks.SHEET_BRANCHES), null, "党支部编码").stream()
          .filter(x -> cell(x, 0).equals(e.getKey())).findFirst().orElseThrow();
      assertEquals(List.of("逾期报送", e.getValue()), List.of(cell(line, 3), cell(line, 4)));
    }
    // 2025Q3 QS04B05 sent one file, rejected whole (DataSamplesIngestTest: status returned): 报送被退回, not 未报送.
    List<String> returned = table(rows(summary("2025Q3"), ReceiptWorkbooks.SHEET_BRANCHES), null, "党支部编码").stream()
        .filter(x -> cell(x, 0).equals("QS04B05")).findFirst().orElseThrow();
    assertEquals("报送被退回", cell(returned, 3));
    Instant deadline = OffsetDateTime.parse("2025-04-10T23:59:59+08:00").toInstant();
    assertEquals(deadline, Receipts.deadline("2025Q1", 10));
    assertEquals(new BigDecimal("107.4"), Receipts.hoursLate(
        OffsetDateTime.parse("2025-04-15T11:24:02+08:00").toInstant(), deadline));
    assertEquals(null, Receipts.hoursLate(deadline, deadline), "received at the deadline is on time");
    assertEquals(new BigDecimal("0.0"), Receipts.hoursLate(deadline.plusSeconds(179), deadline));
    assertEquals(new BigDecimal("0.1"), Receipts.hoursLate(deadline.plusSeconds(180), deadline), "half up, as the mart");
  }

  @Test
  void notesVersionsAndNoNationalIdOnAnyReceipt() throws Exception {
    // The appeal re-export of 2025Q2 QS01B01: version 1 superseded by version 2.
    List<List<String>> q2 = rows(receipt("2025Q2", "QS01B01"), ReceiptWorkbooks.SHEET_RECEIPT);
    List<List<String>> files = table(q2, "二、收到的文件", "序号");
    assertEquals(List.of("QS01B01_2025Q2.xlsx", "QS01B01_2025Q2_v2.xlsx"), files.stream().map(x -> cell(x, 1)).toList());
    assertEquals(List.of("已接收，已被版本2替代（以新版本为准）", "已接收，为当前有效版本"),
        files.stream().map(x -> cell(x, 5)).toList());
    assertTrue(q2.stream().anyMatch(x -> cell(x, 0).contains("已被“QS01B01_2025Q2_v2.xlsx”（版本2）替代")));
    // Version 2 came 2025-07-24T17:08:36+08:00: 13 days (312 h) + 17 h 8 min 37 s after the deadline = 329.14 h;
    // the branch's submission stays on time (its first accepted ledger was).
    assertEquals(List.of("按时", "逾期329.1小时（不影响报送时间）"), files.stream().map(x -> cell(x, 4)).toList());
    assertTrue(q2.get(5).get(0).contains("报送时间：按时报送"), q2.get(5).get(0));
    // A 填表说明 sheet is a note, not an error.
    List<List<String>> withNotes = rows(receipt("2025Q1", "QS02B02"), ReceiptWorkbooks.SHEET_RECEIPT);
    assertTrue(withNotes.stream().anyMatch(x -> cell(x, 0).contains("工作表“填表说明”（6行）不是台账工作表")),
        withNotes.toString());
    Pattern nationalId = Pattern.compile("\\d{17}[\\dXx]");
    try (Stream<Path> all = Files.walk(out)) {
      for (Path p : all.filter(x -> x.toString().endsWith(".xlsx")).toList()) {
        for (String sheet : List.of(ReceiptWorkbooks.SHEET_RECEIPT, ReceiptWorkbooks.SHEET_PROBLEMS)) {
          if (p.getFileName().toString().startsWith("回执汇总")) {
            continue;
          }
          for (List<String> x : rows(p, sheet)) {
            for (String c : x) {
              assertFalse(nationalId.matcher(c).find(), p + ": " + c);
            }
          }
        }
      }
    }
  }

  @Test
  void theCommandWritesTheReceiptsOfOneUnit() throws Exception {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    CommandLine cl = Jifen.commandLine();
    cl.setOut(new PrintWriter(o, true));
    cl.setErr(new PrintWriter(e, true));
    Path dir = out.resolve("cli");
    int code = cl.execute("receipts", "--warehouse", wh.root(), "--master", "local[2]", "--period", "2025Q3",
        "--unit", "QS04", "--out", dir.toString());
    assertEquals(ExitCodes.OK, code, o + "\n" + e);
    Set<String> written = new TreeSet<>();
    try (Stream<Path> files = Files.list(dir.resolve("2025Q3"))) {
      files.forEach(p -> written.add(p.getFileName().toString()));
    }
    // QS04's six branches all sent a file in 2025Q3 (QS04B05's was rejected).
    assertEquals(Set.of("回执_QS04B01_2025Q3.xlsx", "回执_QS04B02_2025Q3.xlsx", "回执_QS04B03_2025Q3.xlsx",
        "回执_QS04B04_2025Q3.xlsx", "回执_QS04B05_2025Q3.xlsx", "回执_QS04B06_2025Q3.xlsx", "回执汇总_QS04_2025Q3.xlsx"),
        written);
    assertTrue(o.toString().contains("6 branch(es) expected, 1 did not submit"), o.toString());
    assertFalse(o.toString().matches("(?s).*DY\\d{6}.*"), "no member code in the output");
    List<List<String>> missing = table(rows(dir.resolve("2025Q3/回执汇总_QS04_2025Q3.xlsx"),
        ReceiptWorkbooks.SHEET_MISSING), null, "党支部编码");
    assertEquals(List.of("QS04B05"), missing.stream().map(x -> cell(x, 0)).toList());

    cl = Jifen.commandLine();
    cl.setOut(new PrintWriter(new StringWriter(), true));
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    assertEquals(ExitCodes.USAGE, cl.execute("receipts", "--warehouse", wh.root(), "--master", "local[2]",
        "--period", "2024Q4", "--out", dir.toString()));
    assertTrue(err.toString().contains("Period 2024Q4 has not been ingested"), err.toString());

    // Issue 19 point 6: one receipt that cannot be written (its name taken by a folder) stops no other; exit 3.
    // (in a folder of its own: other tests read every .xlsx under the shared output folder)
    Path blocked = Files.createTempDirectory("jifen-receipts-blocked");
    Files.createDirectories(blocked.resolve("2025Q3/回执_QS04B03_2025Q3.xlsx/x"));
    cl = Jifen.commandLine();
    StringWriter bo = new StringWriter();
    StringWriter be = new StringWriter();
    cl.setOut(new PrintWriter(bo, true));
    cl.setErr(new PrintWriter(be, true));
    assertEquals(ExitCodes.FAILURE, cl.execute("receipts", "--warehouse", wh.root(), "--master", "local[2]",
        "--period", "2025Q3", "--unit", "QS04", "--out", blocked.toString()), be.toString());
    assertTrue(be.toString().contains("jifen receipts: 1 file(s) could not be written (the others were):\n  2025Q3 "
        + "QS04B03: "), be.toString());
    Set<String> left = new TreeSet<>();
    try (Stream<Path> files = Files.list(blocked.resolve("2025Q3"))) {
      files.forEach(p -> left.add(p.getFileName().toString()));
    }
    assertEquals(written, left, "the other receipts and the summary written, no temporary file left");
    try (Stream<Path> all = Files.walk(blocked)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Test
  void sparkWritesTheSameReceiptsAsDuckDb() throws Exception {
    // the receipts of setUp were read by DuckDB; Spark's fallback must write the same cells
    Path dir = Files.createTempDirectory("jifen-receipts-spark");
    try {
      PackOptions pack = PackOptions.of("test").withGeneratedAt(GENERATED);
      Map<String, Receipts.Result> viaSpark = new TreeMap<>();
      System.setProperty(WarehouseSql.ENGINE_PROPERTY, "spark");
      try (WarehouseSql sql = WarehouseSql.open(wh, () -> spark, null, Receipts.TABLES)) {
        assertEquals("spark", sql.engine());
        assertEquals(List.copyOf(RESULTS.keySet()), Receipts.periods(sql));
        for (String p : RESULTS.keySet()) {
          viaSpark.put(p, Receipts.write(sql, wh, new Receipts.Options(p, null, dir, pack)));
        }
      } finally {
        System.clearProperty(WarehouseSql.ENGINE_PROPERTY);
      }
      for (String p : RESULTS.keySet()) {
        Receipts.Result d = RESULTS.get(p);
        Receipts.Result s = viaSpark.get(p);
        assertEquals(d.receipts().stream().map(w -> List.of(w.branchCode(), w.files(), w.filesRejected(),
            w.rowsAccepted(), w.problems())).toList(), s.receipts().stream().map(w -> List.of(w.branchCode(),
            w.files(), w.filesRejected(), w.rowsAccepted(), w.problems())).toList(), p);
        assertEquals(List.of(d.branchesExpected(), d.branchesMissing(), d.problems()),
            List.of(s.branchesExpected(), s.branchesMissing(), s.problems()), p);
        List<Path> files = new ArrayList<>(d.receipts().stream().map(Receipts.Written::file).toList());
        files.add(d.summary());
        for (Path f : files) {
          assertEquals(cells(f), cells(dir.resolve(out.relativize(f).toString())), f.getFileName().toString());
        }
      }
    } finally {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
