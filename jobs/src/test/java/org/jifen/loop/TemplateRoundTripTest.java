package org.jifen.loop;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.poi.ss.formula.DataValidationEvaluator;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint.ValidationType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFDataValidation;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.SparkSession;
import org.jifen.ingest.IngestJob;
import org.jifen.ingest.ReceivedTimes;
import org.jifen.ingest.SchemeRules;
import org.jifen.ingest.TextLimits;
import org.jifen.scheme.ItemRule;
import org.jifen.scheme.Scheme;
import org.jifen.scheme.Schemes;
import org.jifen.spark.Progress;
import org.jifen.spark.Warehouse;
import org.jifen.testing.SampleWarehouse;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Templates built from the ingested {@code data-samples/} (2025), filled in programmatically as a
 * branch would fill them in Excel, and ingested into a fresh warehouse in one run:
 * <ul>
 *   <li>2026Q1 (district-100): QS01B03, QS03B03 and QS04B05 filled with valid data; QS04B01 with one
 *       invalid value per validated column of 名册, 积分明细 and 组织处置 (and values that only warn);
 *       QS04B02 with 版本 0 on the cover.
 *   <li>2027Q4 (branch-80-20, a scheme with 民主评议): QS01B01 valid, QS01B02 with one invalid value
 *       per validated column of 民主评议.
 * </ul>
 * Valid files: nothing quarantined, every roster member accepted. Every invalid value is one Excel
 * would refuse (POI's DataValidationEvaluator, a STOP validation) and ingest quarantines with the
 * expected reason, sheet, row and column; the cases cover every STOP validation of the templates.
 */
class TemplateRoundTripTest {
  @TempDir static Path tmp;
  static Warehouse sample;
  static Warehouse wh;
  static Map<String, TemplateInputs.BranchRoster> q1;
  static Map<String, TemplateInputs.BranchRoster> q4;
  static Map<String, IngestJob.FileReport> files;
  /** Filled workbooks by file name, kept for the validation checks. */
  static final Map<String, byte[]> filled = new LinkedHashMap<>();
  /** What each valid file wrote, by file name: roster codes and the number of entries. */
  static final Map<String, List<String>> rosterWritten = new HashMap<>();
  static final Map<String, Integer> entriesWritten = new HashMap<>();
  static final List<Case> cases = new ArrayList<>();
  static final List<Case> warnings = new ArrayList<>();

  static final Scheme DISTRICT = Schemes.load("district-100");
  static final Scheme EVALUATED = Schemes.load("branch-80-20");
  static final Instant CREATED = Instant.parse("2025-12-20T02:00:00Z");
  static final String VALID_ID = "11010519491231002X";

  /**
   * One value Excel refuses (or, for warnings, warns about) and what ingest does with it.
   *
   * @param row 1-based sheet row, as quarantine locates it
   * @param reason the quarantine reason, or null when ingest accepts the row
   */
  record Case(String file, String sheet, int row, String column, String reason) {}

  static LedgerTemplate.Spec spec(Scheme scheme, int year, int quarter) {
    return new LedgerTemplate.Spec(year, quarter, scheme, 10, TextLimits.DEFAULTS, "报所属党（工）委。", CREATED);
  }

  @BeforeAll
  static void roundTrip() throws Exception {
    SparkSession spark = SharedSpark.get();
    sample = SampleWarehouse.get();
    q1 = byCode(TemplateInputs.read(sample, () -> spark, "2026Q1", null));
    q4 = byCode(TemplateInputs.read(sample, () -> spark, "2027Q4", "QS01"));
    q1.put("QS04B05", hostileNames(q1.get("QS04B05")));
    Path inbox = tmp.resolve("inbox");
    LedgerTemplate.Spec s1 = spec(DISTRICT, 2026, 1);
    LedgerTemplate.Spec s4 = spec(EVALUATED, 2027, 4);
    for (String b : List.of("QS01B03", "QS03B03", "QS04B05")) {
      write(inbox.resolve("2026Q1"), validFill(s1, q1.get(b)));
    }
    write(inbox.resolve("2026Q1"), invalidFill(s1, q1.get("QS04B01")));
    Filler version = validFill(s1, q1.get("QS04B02"));
    version.cover("版本", 0);
    cases.add(new Case(version.name, "封面", version.coverRow("版本") + 1, "B", "COVER_INVALID_VERSION"));
    write(inbox.resolve("2026Q1"), version);
    write(inbox.resolve("2027Q4"), validFill(s4, q4.get("QS01B01")));
    write(inbox.resolve("2027Q4"), invalidEvaluation(s4, q4.get("QS01B02")));

    wh = new Warehouse(tmp.resolve("warehouse").toString());
    Path samples = SampleWarehouse.samples();
    IngestJob.Options o = new IngestJob.Options(samples.resolve("orgs.xlsx").toString(), inbox.toString(), null,
        ReceivedTimes.fileTimes(), 10, year -> {
          Scheme s = year == 2027 ? EVALUATED : DISTRICT;
          return new SchemeRules(year, s.id(), s.itemRules(), s.evaluationGrades());
        }, false, TextLimits.DEFAULTS);
    IngestJob.Result r = new IngestJob(spark, wh).run(o, Progress.none());
    files = r.files().stream().collect(Collectors.toMap(f -> f.sourceFile().substring(7), f -> f));
    assertEquals(7, files.size(), files.keySet().toString());
    assertTrue(r.files().stream().allMatch(IngestJob.FileReport::reconciles), r.files().toString());
  }

  /** Names a spreadsheet would run as formulas (issue 19, point 5): they must come back unchanged. */
  static final List<String> HOSTILE_NAMES = List.of("=1+1", "+SUM(1)", "@A1", "-1+2", "＝1+1");

  /** The branch's roster with its first members renamed to {@link #HOSTILE_NAMES}. */
  private static TemplateInputs.BranchRoster hostileNames(TemplateInputs.BranchRoster b) {
    List<LedgerTemplate.Member> members = new ArrayList<>(b.members());
    for (int i = 0; i < HOSTILE_NAMES.size(); i++) {
      LedgerTemplate.Member m = members.get(i);
      members.set(i, new LedgerTemplate.Member(m.code(), HOSTILE_NAMES.get(i), m.idStatus(), m.gender(), m.birthDate(),
          m.joinDate(), m.standing(), m.category(), m.inPointsMgmt(), m.exemptReason(), m.partyGroup()));
    }
    return new TemplateInputs.BranchRoster(b.branch(), b.rosterPeriod(), members);
  }

  private static Map<String, TemplateInputs.BranchRoster> byCode(List<TemplateInputs.BranchRoster> list) {
    Map<String, TemplateInputs.BranchRoster> m = new LinkedHashMap<>();
    list.forEach(b -> m.put(b.branch().code(), b));
    return m;
  }

  private static void write(Path dir, Filler f) throws Exception {
    Files.createDirectories(dir);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    f.wb.write(out);
    f.wb.close();
    filled.put(f.name, out.toByteArray());
    Files.write(dir.resolve(f.name), out.toByteArray());
  }

  // ---- filling as a branch would ----------------------------------------------------------------

  /** A template opened for filling: cells are set by header label, styled like their column (as Excel does). */
  static final class Filler {
    final String name;
    final XSSFWorkbook wb;
    final LedgerTemplate.Spec spec;
    final Map<String, Integer> next = new HashMap<>();

    Filler(LedgerTemplate.Spec spec, TemplateInputs.BranchRoster b) throws Exception {
      this.spec = spec;
      this.name = LedgerTemplate.fileName(b.branch().code(), spec.period());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      LedgerTemplate.write(spec, b.branch(), b.members(), out);
      this.wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
    }

    /** Appends a row to a data sheet; returns its 1-based row number. */
    int row(String sheet, Map<String, Object> values) {
      XSSFSheet sh = wb.getSheet(sheet);
      int r = next.computeIfAbsent(sheet, s -> sh.getLastRowNum() + 1);
      next.put(sheet, r + 1);
      XSSFRow row = sh.createRow(r);
      Map<String, Integer> cols = LedgerTemplateTest.columns(sh);
      values.forEach((label, v) -> set(sh, row, cols.get(label), v));
      return r + 1;
    }

    void cover(String label, Object value) {
      XSSFSheet sh = wb.getSheet("封面");
      XSSFRow row = sh.getRow(coverRow(label));
      set(sh, row, 1, value);
    }

    int coverRow(String label) {
      for (Row r : wb.getSheet("封面")) {
        if (r.getCell(0) != null && label.equals(r.getCell(0).getStringCellValue())) {
          return r.getRowNum();
        }
      }
      throw new AssertionError(label);
    }

    private static void set(XSSFSheet sh, XSSFRow row, int col, Object v) {
      XSSFCell c = row.getCell(col) != null ? row.getCell(col) : row.createCell(col);
      if (c.getCellStyle().getIndex() == 0) {
        c.setCellStyle(sh.getColumnStyle(col));
      }
      if (v instanceof LocalDate d) {
        c.setCellValue(d);
      } else if (v instanceof Number n) {
        c.setCellValue(n.doubleValue());
      } else if (v != null) {
        c.setCellValue((String) v);
      }
    }
  }

  private static Map<String, Object> values(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /**
   * Valid data: the cover, a newcomer and an ID on the roster, one entry per item of the scheme (a
   * blank 分值 where the scheme fixes a single value), 民主评议 for every member in points management
   * (Q4), one 组织处置.
   */
  static Filler validFill(LedgerTemplate.Spec spec, TemplateInputs.BranchRoster b) throws Exception {
    Filler f = new Filler(spec, b);
    f.cover("填表人", "王填表");
    f.cover("填表日期", spec.lastDay().plusDays(3));
    List<String> codes = new ArrayList<>(b.members().stream().map(LedgerTemplate.Member::code).toList());
    XSSFSheet roster = f.wb.getSheet("名册");
    roster.getRow(LedgerTemplate.FIRST_DATA_ROW).getCell(2).setCellValue(VALID_ID);
    String newcomer = "DYN" + b.branch().code();
    f.row("名册", values("党员编号", newcomer, "姓名", "新党员", "性别", "男", "出生日期", LocalDate.of(2000, 5, 4),
        "入党日期", spec.firstDay().plusDays(20), "党员身份", "预备党员", "党员类别", "在职", "参加积分管理", "是"));
    codes.add(newcomer);
    rosterWritten.put(f.name, codes);
    int n = 0;
    for (ItemRule item : spec.scheme().itemRules()) {
      Object points = item.sign() == 0 ? null : !item.fixedPoints().isEmpty() ? item.fixedPoints().get(0)
          : item.sign() > 0 ? 1 : -2;
      if (item.fixedPoints().size() == 1 && n % 2 == 0) {
        points = null; // ingest takes the one fixed value
      }
      f.row("积分明细", values("日期", spec.firstDay().plusDays(n), "党员编号", codes.get(n % codes.size()), "姓名", "某",
          "项目编码", item.code(), "分值", points, "依据", "依据" + item.name(), "登记人", "王填表"));
      n++;
    }
    entriesWritten.put(f.name, n);
    if (spec.hasEvaluation()) {
      List<String> grades = List.copyOf(spec.scheme().evaluationGrades());
      int i = 0;
      for (LedgerTemplate.Member m : b.members()) {
        if (m.inPointsMgmt()) {
          f.row("民主评议", i == 0 ? values("党员编号", m.code(), "姓名", m.name(), "评议得分", 88.5)
              : values("党员编号", m.code(), "姓名", m.name(), "评议等次", grades.get(i % grades.size())));
          i++;
        }
      }
    }
    f.row("组织处置", values("党员编号", codes.get(0), "姓名", "某", "日期", spec.firstDay().plusDays(30), "处置类型", "告诫提醒",
        "说明", "多次无故缺席组织生活"));
    return f;
  }

  /** Valid data, then one invalid value per validated column, and values that only warn. */
  static Filler invalidFill(LedgerTemplate.Spec spec, TemplateInputs.BranchRoster b) throws Exception {
    Filler f = validFill(spec, b);
    String member = b.members().get(0).code();
    String roster = "名册";
    bad(f, roster, "党员编号", "DUPLICATE_ROSTER_ROW", values("党员编号", member, "姓名", "重复", "党员身份", "正式党员"));
    bad(f, roster, "党员身份", "INVALID_STANDING", values("党员编号", "DY800001", "姓名", "甲", "党员身份", "党员"));
    bad(f, roster, "参加积分管理", "INVALID_IN_POINTS_MANAGEMENT",
        values("党员编号", "DY800002", "姓名", "乙", "党员身份", "正式党员", "参加积分管理", "可能"));
    warn(f, roster, "性别", values("党员编号", "DY800003", "姓名", "丙", "性别", "未知", "党员身份", "正式党员"));
    warn(f, roster, "未参加原因", values("党员编号", "DY800004", "姓名", "丁", "党员身份", "正式党员", "参加积分管理", "否",
        "未参加原因", "工作繁忙"));
    warn(f, roster, "党员类别", values("党员编号", "DY800005", "姓名", "戊", "党员身份", "正式党员", "党员类别", "退役军人"));
    warn(f, roster, "身份证号", values("党员编号", "DY800006", "姓名", "己", "党员身份", "正式党员", "身份证号", "12345"));
    warn(f, roster, "入党日期", values("党员编号", "DY800007", "姓名", "庚", "党员身份", "正式党员", "入党日期",
        spec.lastDay().plusDays(5)));
    String entries = "积分明细";
    LocalDate day = spec.firstDay().plusDays(5);
    bad(f, entries, "日期", "DATE_OUTSIDE_QUARTER", values("日期", spec.lastDay().plusDays(1), "党员编号", member,
        "项目编码", "A5", "分值", 1));
    bad(f, entries, "党员编号", "MEMBER_NOT_ON_ROSTER", values("日期", day, "党员编号", "DY999999", "项目编码", "A5",
        "分值", 1));
    bad(f, entries, "项目编码", "UNKNOWN_ITEM", values("日期", day, "党员编号", member, "项目编码", "Z9", "分值", 1));
    bad(f, entries, "分值", "POINTS_NOT_ALLOWED", values("日期", day, "党员编号", member, "项目编码", "B2", "分值", -4));
    bad(f, entries, "分值", "POINTS_SIGN", values("日期", day, "党员编号", member, "项目编码", "A5", "分值", -1));
    bad(f, entries, "分值", "POINTS_NOT_NUMBER", values("日期", day, "党员编号", member, "项目编码", "B3", "分值", "扣两分"));
    bad(f, entries, "依据", "VALUE_TOO_LONG", values("日期", day, "党员编号", member, "项目编码", "A5", "分值", 1,
        "依据", "据".repeat(TextLimits.FREE_TEXT_MAX + 1)));
    warn(f, entries, "自评分", values("日期", day, "党员编号", member, "项目编码", "A5", "分值", 1, "自评分", "满分"));
    String actions = "组织处置";
    bad(f, actions, "党员编号", "MEMBER_NOT_ON_ROSTER", values("党员编号", "DY999999", "日期", day, "处置类型", "告诫提醒"));
    bad(f, actions, "处置类型", "ACTION_TYPE_UNKNOWN", values("党员编号", member, "日期", day, "处置类型", "批评教育"));
    bad(f, actions, "说明", "VALUE_TOO_LONG", values("党员编号", member, "日期", day, "处置类型", "告诫提醒",
        "说明", "明".repeat(TextLimits.FREE_TEXT_MAX + 1)));
    warn(f, actions, "日期", values("党员编号", member, "日期", spec.firstDay().minusDays(2), "处置类型", "帮教整改"));
    return f;
  }

  static Filler invalidEvaluation(LedgerTemplate.Spec spec, TemplateInputs.BranchRoster b) throws Exception {
    Filler f = validFill(spec, b);
    String member = b.members().get(0).code();
    bad(f, "民主评议", "党员编号", "MEMBER_NOT_ON_ROSTER", values("党员编号", "DY999999", "评议等次", "合格"));
    bad(f, "民主评议", "评议等次", "EVALUATION_GRADE_UNKNOWN", values("党员编号", member, "评议等次", "良好"));
    bad(f, "民主评议", "评议得分", "EVALUATION_SCORE_INVALID", values("党员编号", member, "评议得分", 120));
    return f;
  }

  private static void bad(Filler f, String sheet, String column, String reason, Map<String, Object> values) {
    cases.add(new Case(f.name, sheet, f.row(sheet, values), column, reason));
  }

  private static void warn(Filler f, String sheet, String column, Map<String, Object> values) {
    warnings.add(new Case(f.name, sheet, f.row(sheet, values), column, null));
  }

  // ---- what ingest made of them -----------------------------------------------------------------

  private static List<org.apache.spark.sql.Row> quarantine(String file) {
    return wh.read(SharedSpark.get(), Warehouse.QUARANTINE, "rows")
        .filter(col("source_file").endsWith("/" + file)).orderBy("sheet", "row_num").collectAsList();
  }

  @Test
  void validTemplatesRoundTripWithNothingQuarantined() {
    for (String file : List.of("QS01B03_2026Q1.xlsx", "QS03B03_2026Q1.xlsx", "QS04B05_2026Q1.xlsx",
        "QS01B01_2027Q4.xlsx")) {
      IngestJob.FileReport r = files.get(file);
      assertEquals("current", r.outcome(), file);
      assertEquals(0L, r.quarantined(), file + ": " + quarantine(file));
      assertEquals(LedgerTemplate.SHEET_NOTES, r.otherSheets(), "the instructions are counted apart");
      assertEquals(r.read(), r.accepted() + r.notLedger());
      List<String> members = wh.read(SharedSpark.get(), Warehouse.SILVER, "members")
          .filter(col("source_file").endsWith("/" + file)).orderBy("row_num").select("member_code")
          .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
      assertEquals(rosterWritten.get(file), members, file + ": every roster member accepted, in order");
      long entries = wh.read(SharedSpark.get(), Warehouse.SILVER, "entries").filter(col("source_file")
          .endsWith("/" + file)).count();
      assertEquals((long) entriesWritten.get(file), entries, file);
    }
    // The one ID given is hashed and valid; the pre-filled members without one are 'missing'.
    List<org.apache.spark.sql.Row> ids = wh.read(SharedSpark.get(), Warehouse.SILVER, "members")
        .filter(col("source_file").endsWith("/QS01B03_2026Q1.xlsx")).orderBy("row_num")
        .select("id_status").collectAsList();
    assertEquals("valid", ids.get(0).getString(0));
    assertEquals("missing", ids.get(1).getString(0));
    // Blank 分值 of single-value items took the value: B1 (row 3 of 积分明细) is -5.
    org.apache.spark.sql.Row b1 = wh.read(SharedSpark.get(), Warehouse.SILVER, "entries")
        .filter(col("source_file").endsWith("/QS01B03_2026Q1.xlsx").and(col("item_code").equalTo("B1"))).first();
    assertEquals(0, new java.math.BigDecimal("-5").compareTo(b1.getDecimal(b1.fieldIndex("points"))));
    long evaluations = wh.read(SharedSpark.get(), Warehouse.SILVER, "evaluations")
        .filter(col("source_file").endsWith("/QS01B01_2027Q4.xlsx")).count();
    assertEquals(q4.get("QS01B01").members().stream().filter(LedgerTemplate.Member::inPointsMgmt).count(), evaluations);
  }

  /** A name such as =1+1 goes out as a text cell and comes back from ingest as it was: no apostrophe. */
  @Test
  void formulaLikeNamesComeBackUnchanged() {
    String file = "QS04B05_2026Q1.xlsx";
    List<LedgerTemplate.Member> sent = q1.get("QS04B05").members().subList(0, HOSTILE_NAMES.size());
    Map<String, String> back = new HashMap<>();
    for (org.apache.spark.sql.Row r : wh.read(SharedSpark.get(), Warehouse.SILVER, "members")
        .filter(col("source_file").endsWith("/" + file)).select("member_code", "name").collectAsList()) {
      back.put(r.getString(0), r.getString(1));
    }
    for (int i = 0; i < sent.size(); i++) {
      assertEquals(HOSTILE_NAMES.get(i), back.get(sent.get(i).code()), sent.get(i).code());
    }
  }

  @Test
  void whatExcelRefusesIngestQuarantinesWithItsLocatedReason() {
    Map<String, List<Case>> byFile = cases.stream().collect(Collectors.groupingBy(Case::file));
    for (Map.Entry<String, List<Case>> e : byFile.entrySet()) {
      String file = e.getKey();
      if (file.startsWith("QS04B02")) {
        continue; // the whole file, below
      }
      List<String> expected = e.getValue().stream()
          .map(c -> c.sheet() + " row " + c.row() + " " + c.column() + " " + c.reason()).sorted().toList();
      List<org.apache.spark.sql.Row> q = quarantine(file);
      List<String> actual = q.stream().map(r -> r.getAs("sheet") + " row " + r.getAs("row_num") + " "
          + r.getAs("column_name") + " " + r.getAs("reason_code")).sorted().toList();
      assertEquals(expected, actual, file);
      for (org.apache.spark.sql.Row r : q) {
        String where = ", sheet " + r.getAs("sheet") + ", row " + r.getAs("row_num") + ", column " + r.getAs("column_name")
            + ": ";
        assertTrue(r.<String>getAs("message").contains(file + where), r.<String>getAs("message"));
      }
      assertEquals("current", files.get(file).outcome(), "rows are quarantined, the ledger is accepted");
    }
    IngestJob.FileReport version = files.get("QS04B02_2026Q1.xlsx");
    assertEquals(List.of("rejected", "COVER_INVALID_VERSION"), List.of(version.outcome(), version.problemCode()));
    org.apache.spark.sql.Row v = quarantine("QS04B02_2026Q1.xlsx").stream().filter(r -> r.getAs("row_num") != null)
        .findFirst().orElseThrow();
    Case vc = cases.stream().filter(c -> c.file().startsWith("QS04B02")).findFirst().orElseThrow();
    assertEquals(List.of("封面", vc.row(), "B", "0"), List.of(v.getAs("sheet"), v.getAs("row_num"), v.getAs("column_name"),
        v.getAs("raw_value")));
  }

  @Test
  void valuesThatOnlyWarnAreAcceptedByIngest() throws Exception {
    assertEquals(7, warnings.size());
    Set<String> quarantinedRows = new TreeSet<>();
    for (org.apache.spark.sql.Row r : quarantine("QS04B01_2026Q1.xlsx")) {
      quarantinedRows.add(r.getAs("sheet") + "/" + r.getAs("row_num"));
    }
    for (Case w : warnings) {
      assertFalse(quarantinedRows.contains(w.sheet() + "/" + w.row()), w + " is accepted");
      Verdict verdict = verdict(w);
      assertEquals(DataValidation.ErrorStyle.WARNING, verdict.validation().getErrorStyle(), w.toString());
      assertFalse(verdict.valid(), w + ": Excel warns about it");
    }
    assertEquals(1, wh.read(SharedSpark.get(), Warehouse.SILVER, "members").filter(col("exempt_reason")
        .equalTo("工作繁忙")).count());
  }

  /** Every invalid value violates a STOP validation of its cell, and every STOP validation has a case. */
  @Test
  void everyStopValidationIsCoveredAndRefusesItsCase() throws Exception {
    Set<String> covered = new TreeSet<>();
    for (Case c : cases) {
      Verdict verdict = verdict(c);
      assertEquals(DataValidation.ErrorStyle.STOP, verdict.validation().getErrorStyle(), c.toString());
      assertFalse(verdict.valid(), c + ": Excel refuses it");
      covered.add(c.sheet() + "/" + verdict.label());
    }
    Set<String> stops = new TreeSet<>();
    for (String file : List.of("QS04B01_2026Q1.xlsx", "QS01B02_2027Q4.xlsx")) {
      try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(filled.get(file)))) {
        for (org.apache.poi.ss.usermodel.Sheet s : wb) {
          for (XSSFDataValidation v : ((XSSFSheet) s).getDataValidations()) {
            if (v.getShowErrorBox() && v.getErrorStyle() == DataValidation.ErrorStyle.STOP) {
              CellRangeAddress a = v.getRegions().getCellRangeAddresses()[0];
              stops.add(s.getSheetName() + "/" + label((XSSFSheet) s, a.getFirstRow(), a.getFirstColumn()));
            }
          }
        }
      }
    }
    assertEquals(stops, covered);
    // 封面 版本; 名册 党员编号 (once), 党员身份, 参加积分管理; 积分明细 日期, 党员编号, 项目编码, 分值, 依据;
    // 民主评议 党员编号, 评议等次, 评议得分; 组织处置 党员编号, 处置类型, 说明.
    assertEquals(15, stops.size(), stops.toString());
  }

  /** Whether the filled cell passes its validation, as Excel would judge it when the value is typed. */
  record Verdict(XSSFDataValidation validation, String label, boolean valid) {}

  private static Verdict verdict(Case c) throws Exception {
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(filled.get(c.file())))) {
      XSSFSheet sh = wb.getSheet(c.sheet());
      int row = c.row() - 1;
      int column = "封面".equals(c.sheet()) ? 1 : LedgerTemplateTest.columns(sh).get(c.column());
      XSSFDataValidation v = LedgerTemplateTest.validationAt(sh, row, column);
      assertNotNull(v, c.toString());
      boolean valid;
      if (v.getValidationConstraint().getValidationType() == ValidationType.LIST
          && v.getValidationConstraint().getExplicitListValues() == null) {
        // POI takes any value for a list with blank source cells; the template does not ignore blanks.
        assertFalse(v.getEmptyCellAllowed());
        String value = sh.getRow(row).getCell(column).getStringCellValue();
        valid = LedgerTemplate.MEMBER_CODES.equals(v.getValidationConstraint().getFormula1())
            && rosterCodes(wb).contains(value);
      } else {
        valid = new DataValidationEvaluator(wb, wb.getCreationHelper().createFormulaEvaluator())
            .isValidCell(new CellReference(c.sheet(), row, column, false, false));
      }
      return new Verdict(v, label(sh, row, column), valid);
    }
  }

  private static Set<String> rosterCodes(XSSFWorkbook wb) {
    Set<String> codes = new TreeSet<>();
    for (Row r : wb.getSheet("名册")) {
      if (r.getRowNum() >= LedgerTemplate.FIRST_DATA_ROW && r.getCell(0) != null) {
        codes.add(r.getCell(0).getStringCellValue());
      }
    }
    return codes;
  }

  private static String label(XSSFSheet sh, int row, int col) {
    return "封面".equals(sh.getSheetName()) ? sh.getRow(row).getCell(0).getStringCellValue()
        : sh.getRow(LedgerTemplate.HEADER_ROW).getCell(col).getStringCellValue();
  }

  // ---- the templates of the sample, worked by hand ------------------------------------------------

  /**
   * 2026Q1: a template for each of the 30 active branches. Their rosters hold 338 people: the 310 on
   * the 名册 of the 28 accepted 2025Q4 exports, and 14 + 14 from 2025Q3 for QS03B03 and QS04B06, whose
   * 2025Q4 exports were rejected (encrypted; no 封面). Counted from the files with a script, checked
   * here for two branches by reading the sample files directly.
   */
  @Test
  void sampleTemplatesHoldEachBranchsLatestAcceptedRoster() throws Exception {
    assertEquals(30, q1.size());
    assertEquals(338, q1.values().stream().mapToInt(b -> b.members().size()).sum());
    assertEquals("2025Q3", q1.get("QS03B03").rosterPeriod());
    assertEquals("2025Q3", q1.get("QS04B06").rosterPeriod());
    assertEquals(28, q1.values().stream().filter(b -> "2025Q4".equals(b.rosterPeriod())).count());

    // QS01B03 exports CSV files in GBK: its 2025Q4 名册.csv, read here with a plain split.
    Path csv = SampleWarehouse.samples().resolve("inbox/2025Q4/QS01B03_2025Q4/名册.csv");
    List<String> lines = Files.readAllLines(csv, Charset.forName("GBK"));
    // Its export has blank rows (",,,,"): a row counts when it has a 党员编号.
    List<String> fromFile = lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)[0].strip())
        .filter(code -> !code.isEmpty()).toList();
    assertEquals(12, fromFile.size());
    assertEquals(fromFile, codes(q1.get("QS01B03")));
    // QS03B03's 2025Q4 export is encrypted: its 2025Q3 workbook's 名册, read with POI.
    try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(
        SampleWarehouse.samples().resolve("inbox/2025Q3/QS03B03_2025Q3.xlsx")))) {
      List<String> codes = new ArrayList<>();
      int codeCol = -1;
      for (Row r : wb.getSheet("名册")) {
        for (var c : r) {
          if (codeCol < 0 && c.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING
              && c.getStringCellValue().replace(" ", "").equals("党员编号")) {
            codeCol = c.getColumnIndex();
          }
        }
        if (codeCol >= 0 && r.getCell(codeCol) != null && r.getCell(codeCol).toString().startsWith("DY")) {
          codes.add(r.getCell(codeCol).toString());
        }
      }
      assertEquals(14, codes.size());
      assertEquals(codes, codes(q1.get("QS03B03")));
    }
  }

  /**
   * The 预备党员 of the latest rosters whose year of probation ends in 2026Q1: DY504507 (QS01B03,
   * joined 2025-03-11), DY237065 (QS03B01, 2025-03-04), DY803119 (QS04B05, 2025-02-05), DY801963
   * (QS04B06, 2025-03-05); DY592288 (QS03B03, joined 2024-11-27, still 预备党员 on its 2025Q3 roster)
   * is overdue. The other six 预备党员 convert later.
   */
  @Test
  void probationaryMembersDueToConvertAreMarked() {
    LedgerTemplate.Spec s1 = spec(DISTRICT, 2026, 1);
    Map<String, String> notes = new java.util.TreeMap<>();
    int probationary = 0;
    for (TemplateInputs.BranchRoster b : q1.values()) {
      for (LedgerTemplate.Member m : b.members()) {
        probationary += "预备党员".equals(m.standing()) ? 1 : 0;
        String note = LedgerTemplate.conversionNote(m, s1);
        if (note != null) {
          notes.put(m.code(), note);
        }
      }
    }
    assertEquals(11, probationary);
    assertEquals(Map.of(
        "DY504507", "预计于2026-03-11转正，转正后请改为正式党员",
        "DY237065", "预计于2026-03-04转正，转正后请改为正式党员",
        "DY803119", "预计于2026-02-05转正，转正后请改为正式党员",
        "DY801963", "预计于2026-03-05转正，转正后请改为正式党员",
        "DY592288", "预备期已于2025-11-27届满，如已转正请改为正式党员；如延长预备期请保留预备党员"), notes);
  }

  private static List<String> codes(TemplateInputs.BranchRoster b) {
    return b.members().stream().map(LedgerTemplate.Member::code).toList();
  }

  /** For looking at: {@code -Djifen.templates.keep=DIR} copies the filled workbooks there. */
  @Test
  void keepFilledWorkbooksWhenAsked() throws Exception {
    String keep = System.getProperty("jifen.templates.keep");
    if (keep == null || keep.isBlank()) {
      return;
    }
    Files.createDirectories(Path.of(keep));
    for (Map.Entry<String, byte[]> e : filled.entrySet()) {
      try (OutputStream o = Files.newOutputStream(Path.of(keep).resolve(e.getKey()))) {
        o.write(e.getValue());
      }
    }
  }
}
