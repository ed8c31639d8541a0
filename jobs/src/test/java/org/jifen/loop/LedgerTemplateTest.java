package org.jifen.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.jifen.ingest.TextLimits;
import org.jifen.ingest.read.LedgerInput;
import org.jifen.ingest.read.LedgerReader;
import org.jifen.ingest.read.ParsedLedger;
import org.jifen.ingest.read.SheetRow;
import org.jifen.scheme.Schemes;
import org.junit.jupiter.api.Test;

/**
 * What a ledger template holds, worked by hand for a small branch: the filled cover, the roster as
 * given (no 身份证号, notes on the 预备党员 due to convert), the validations of every coded column and
 * what they accept, input messages, protection, print setup and the 填表说明. No Spark: the
 * templates are built from records, and read back with POI and with ingest's own reader.
 */
class LedgerTemplateTest {
  static final Instant CREATED = Instant.parse("2025-12-20T02:00:00Z");
  static final LedgerTemplate.Branch BRANCH = new LedgerTemplate.Branch("QS01B03", "区委办公室机关党支部",
      "青山区直属机关工作委员会");

  /** Five people: one due to convert in 2026Q1 (joined 2025-02-15), one in Q2, one overdue, an exempt member, an activist. */
  static final List<LedgerTemplate.Member> ROSTER = List.of(
      member("DY100001", "周惠芳", "valid", "正式党员", LocalDate.of(1984, 10, 13), true, null),
      member("DY100002", "向旭辉", "missing", "预备党员", LocalDate.of(2025, 2, 15), true, null),
      member("DY100003", "李兰娜", "invalid", "预备党员", LocalDate.of(2025, 4, 1), true, null),
      member("DY100004", "吴荣超", "valid", "预备党员", LocalDate.of(2024, 12, 1), true, null),
      member("DY100005", "徐蓉", "missing", "正式党员", LocalDate.of(1960, 3, 5), false, "70周岁以上"),
      member("DY100006", "杨丽", "missing", "入党积极分子", null, true, null));

  static LedgerTemplate.Member member(String code, String name, String idStatus, String standing, LocalDate joined,
      boolean inPm, String reason) {
    return new LedgerTemplate.Member(code, name, idStatus, "女", LocalDate.of(1980, 1, 2), joined, standing, "在职", inPm,
        reason, "第一党小组");
  }

  static LedgerTemplate.Spec spec(String period, String scheme) {
    return new LedgerTemplate.Spec(Integer.parseInt(period.substring(0, 4)), period.charAt(5) - '0',
        Schemes.load(scheme), 10, TextLimits.DEFAULTS, "报所属党（工）委。", CREATED);
  }

  static byte[] bytes(LedgerTemplate.Spec spec, List<LedgerTemplate.Member> roster) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LedgerTemplate.write(spec, BRANCH, roster, out);
    return out.toByteArray();
  }

  static XSSFWorkbook workbook(LedgerTemplate.Spec spec) throws Exception {
    return new XSSFWorkbook(new ByteArrayInputStream(bytes(spec, ROSTER)));
  }

  /** Header label → column index of a data sheet. */
  static Map<String, Integer> columns(XSSFSheet sh) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (var c : sh.getRow(LedgerTemplate.HEADER_ROW)) {
      m.put(c.getStringCellValue(), c.getColumnIndex());
    }
    return m;
  }

  /** The validation of the data cells of a column (first data row). */
  static XSSFDataValidation validation(XSSFSheet sh, int col) {
    return validationAt(sh, LedgerTemplate.FIRST_DATA_ROW, col);
  }

  static XSSFDataValidation validationAt(XSSFSheet sh, int row, int col) {
    for (XSSFDataValidation v : sh.getDataValidations()) {
      for (CellRangeAddress a : v.getRegions().getCellRangeAddresses()) {
        if (a.isInRange(row, col)) {
          return v;
        }
      }
    }
    return null;
  }

  @Test
  void sheetsAndCoverForTheFirstQuarter() throws Exception {
    try (XSSFWorkbook wb = workbook(spec("2026Q1", "district-100"))) {
      List<String> names = new ArrayList<>();
      wb.forEach(s -> names.add(s.getSheetName()));
      assertEquals(List.of("封面", "名册", "积分明细", "组织处置", "填表说明"), names, "no 民主评议 outside Q4");
      XSSFSheet cover = wb.getSheet("封面");
      Map<String, String> lines = new LinkedHashMap<>();
      for (Row r : cover) {
        if (r.getRowNum() >= 2 && r.getCell(0) != null && r.getCell(1) != null) {
          XSSFCell v = (XSSFCell) r.getCell(1);
          lines.put(r.getCell(0).getStringCellValue(), v.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC
              ? String.valueOf((int) v.getNumericCellValue()) : v.getStringCellValue());
        }
      }
      assertEquals(Map.of("支部编码", "QS01B03", "支部名称", "区委办公室机关党支部", "上级党组织", "青山区直属机关工作委员会",
          "年度", "2026", "季度", "1", "填表人", "", "填表日期", "", "版本", "1"), lines);
      // Given values are locked, what the branch fills is not.
      assertTrue(cell(cover, "支部编码").getCellStyle().getLocked());
      assertTrue(cell(cover, "季度").getCellStyle().getLocked());
      assertFalse(cell(cover, "填表人").getCellStyle().getLocked());
      assertFalse(cell(cover, "版本").getCellStyle().getLocked());
      XSSFDataValidation version = validationAt(cover, cell(cover, "版本").getRowIndex(), 1);
      assertEquals(ValidationType.INTEGER, version.getValidationConstraint().getValidationType());
      assertEquals("1", version.getValidationConstraint().getFormula1());
      assertEquals(DataValidation.ErrorStyle.STOP, version.getErrorStyle());
      String note = cover.getRow(cover.getLastRowNum()).getCell(0).getStringCellValue();
      assertTrue(note.contains("2026年4月10日 23:59（北京时间）前") && note.contains("QS01B03_2026Q1.xlsx"), note);
    }
  }

  private static XSSFCell cell(XSSFSheet cover, String label) {
    for (Row r : cover) {
      if (r.getCell(0) != null && label.equals(r.getCell(0).getStringCellValue())) {
        return (XSSFCell) r.getCell(1);
      }
    }
    throw new AssertionError(label);
  }

  @Test
  void rosterIsPrefilledWithoutNationalIdsAndMarksConversions() throws Exception {
    try (XSSFWorkbook wb = workbook(spec("2026Q1", "district-100"))) {
      XSSFSheet sh = wb.getSheet("名册");
      Map<String, Integer> col = columns(sh);
      assertEquals(List.of("党员编号", "姓名", "身份证号", "性别", "出生日期", "入党日期", "党员身份", "党员类别", "参加积分管理",
          "未参加原因", "党小组"), new ArrayList<>(col.keySet()), "DOMAIN §4 order");
      assertEquals(ROSTER.size() + LedgerTemplate.FIRST_DATA_ROW - 1, sh.getLastRowNum());
      for (int i = 0; i < ROSTER.size(); i++) {
        XSSFRow r = sh.getRow(LedgerTemplate.FIRST_DATA_ROW + i);
        LedgerTemplate.Member m = ROSTER.get(i);
        assertEquals(m.code(), r.getCell(col.get("党员编号")).getStringCellValue());
        assertEquals(m.name(), r.getCell(col.get("姓名")).getStringCellValue());
        assertEquals("", r.getCell(col.get("身份证号")).getStringCellValue(), "never a 身份证号");
        assertEquals(m.standing(), r.getCell(col.get("党员身份")).getStringCellValue());
        assertEquals(m.inPointsMgmt() ? "是" : "否", r.getCell(col.get("参加积分管理")).getStringCellValue());
        assertEquals(LocalDate.of(1980, 1, 2), r.getCell(col.get("出生日期")).getLocalDateTimeCellValue().toLocalDate());
        assertFalse(r.getCell(0).getCellStyle().getLocked(), "pre-filled cells stay editable");
      }
      assertEquals("70周岁以上", sh.getRow(6).getCell(col.get("未参加原因")).getStringCellValue());
      // 2025-02-15 + one year falls in 2026Q1; 2025-04-01 + one year in Q2 (no note); 2024-12-01 + one year is past.
      int standing = col.get("党员身份");
      assertNull(sh.getRow(2).getCell(standing).getCellComment());
      assertEquals("预计于2026-02-15转正，转正后请改为正式党员",
          sh.getRow(3).getCell(standing).getCellComment().getString().getString());
      assertNull(sh.getRow(4).getCell(standing).getCellComment());
      assertEquals("预备期已于2025-12-01届满，如已转正请改为正式党员；如延长预备期请保留预备党员",
          sh.getRow(5).getCell(standing).getCellComment().getString().getString());
      // The one whose last ID failed the check digit is asked to check it.
      assertTrue(sh.getRow(4).getCell(col.get("身份证号")).getCellComment().getString().getString().contains("校验位"));
      assertNull(sh.getRow(2).getCell(col.get("身份证号")).getCellComment());
    }
  }

  @Test
  void everyCodedColumnHasItsValidation() throws Exception {
    try (XSSFWorkbook wb = workbook(spec("2026Q1", "district-100"))) {
      XSSFSheet roster = wb.getSheet("名册");
      Map<String, Integer> rc = columns(roster);
      assertList(roster, rc.get("党员身份"), true, "正式党员", "预备党员", "入党积极分子");
      assertList(roster, rc.get("参加积分管理"), true, "是", "否");
      assertList(roster, rc.get("未参加原因"), false, "70周岁以上", "年老体弱", "长期患病", "行动不便", "出国(境)半年以上", "其他");
      assertList(roster, rc.get("性别"), false, "男", "女");
      assertList(roster, rc.get("党员类别"), false, "在职", "离退休", "流动", "农村", "社区", "学生");
      XSSFDataValidation unique = validation(roster, rc.get("党员编号"));
      assertEquals("COUNTIF($A$3:$A$302,A3)=1", unique.getValidationConstraint().getFormula1(),
          "a member once: 300 rows (6 members + at least 200 spare)");

      XSSFSheet entries = wb.getSheet("积分明细");
      Map<String, Integer> ec = columns(entries);
      assertEquals(List.of("日期", "党员编号", "姓名", "项目编码", "分值", "依据", "登记人", "自评分", "党小组初评分"),
          new ArrayList<>(ec.keySet()));
      XSSFDataValidation date = validation(entries, ec.get("日期"));
      assertEquals(ValidationType.DATE, date.getValidationConstraint().getValidationType());
      assertEquals(List.of("DATE(2026,1,1)", "DATE(2026,3,31)"), List.of(date.getValidationConstraint().getFormula1(),
          date.getValidationConstraint().getFormula2()));
      assertEquals(DataValidation.ErrorStyle.STOP, date.getErrorStyle());
      assertEquals("MemberCodes", validation(entries, ec.get("党员编号")).getValidationConstraint().getFormula1());
      assertEquals("ItemCodes", validation(entries, ec.get("项目编码")).getValidationConstraint().getFormula1());
      assertEquals("'名册'!$A$3:$A$302", wb.getName("MemberCodes").getRefersToFormula());
      assertEquals("'填表说明'!$H$1:$H$15", wb.getName("ItemCodes").getRefersToFormula(), "B1-B4, A5-A9, V10-V15");
      assertEquals(ValidationType.FORMULA, validation(entries, ec.get("分值")).getValidationConstraint()
          .getValidationType());
      XSSFDataValidation basis = validation(entries, ec.get("依据"));
      assertEquals(List.of(ValidationType.TEXT_LENGTH, "10000"), List.of(
          basis.getValidationConstraint().getValidationType(), basis.getValidationConstraint().getFormula1()));
      XSSFSheet actions = wb.getSheet("组织处置");
      Map<String, Integer> ac = columns(actions);
      assertList(actions, ac.get("处置类型"), true, "告诫提醒", "帮教整改", "组织处理");
      assertEquals(DataValidation.ErrorStyle.WARNING, validation(actions, ac.get("日期")).getErrorStyle(),
          "ingest takes a 组织处置 date outside the quarter: only a warning");

      // The hidden lookup the 项目编码 list and the 分值 check read: code, name, sign, allowed values.
      XSSFSheet notes = wb.getSheet(LedgerTemplate.SHEET_NOTES);
      assertEquals(List.of("B2", "执行纪律合格", "-1", ",-5,-3,"), lookup(notes, 1));
      assertEquals(List.of("B3", "品德合格", "-1", "any"), lookup(notes, 2));
      assertEquals(List.of("A5", "合理化建议被采纳", "1", "any"), lookup(notes, 4));
      assertEquals(List.of("V15", "经常无故缺席", "0", "any"), lookup(notes, 14));
      assertTrue(notes.isColumnHidden(7) && notes.isColumnHidden(10));
    }
  }

  private static List<String> lookup(XSSFSheet notes, int row) {
    XSSFRow r = notes.getRow(row);
    return List.of(r.getCell(7).getStringCellValue(), r.getCell(8).getStringCellValue(),
        String.valueOf((int) r.getCell(9).getNumericCellValue()), r.getCell(10).getStringCellValue());
  }

  private static void assertList(XSSFSheet sh, int col, boolean stop, String... values) {
    XSSFDataValidation v = validation(sh, col);
    assertNotNull(v, sh.getSheetName() + " column " + col);
    assertEquals(Arrays.asList(values), Arrays.asList(v.getValidationConstraint().getExplicitListValues()));
    assertEquals(stop ? DataValidation.ErrorStyle.STOP : DataValidation.ErrorStyle.WARNING, v.getErrorStyle());
  }

  /**
   * What the validations accept, evaluated as Excel would with POI's DataValidationEvaluator: 分值
   * against the item's sign and fixed values, dates in the quarter, codes from the roster and the scheme.
   */
  @Test
  void validationsAcceptWhatIngestAcceptsAndRefuseWhatItQuarantines() throws Exception {
    try (XSSFWorkbook wb = workbook(spec("2026Q1", "district-100"))) {
      XSSFSheet entries = wb.getSheet("积分明细");
      // 日期 | 党员编号 | 姓名 | 项目编码 | 分值: each row is checked cell by cell.
      Object[][] rows = {
          {LocalDate.of(2026, 1, 5), "DY100001", "B2", -3.0, true},
          {LocalDate.of(2026, 3, 31), "DY100002", "B2", -5.0, true},
          {LocalDate.of(2026, 2, 1), "DY100003", "B2", -4.0, false},   // not a fixed value of B2
          {LocalDate.of(2026, 2, 1), "DY100003", "B3", -7.0, true},    // B3: any deduction
          {LocalDate.of(2026, 2, 1), "DY100003", "B3", 2.0, false},    // a positive deduction
          {LocalDate.of(2026, 2, 1), "DY100004", "A5", 2.0, true},
          {LocalDate.of(2026, 2, 1), "DY100004", "A5", -1.0, false},   // a negative bonus
          {LocalDate.of(2026, 2, 1), "DY100005", "V12", 3.0, true},    // veto: 分值 ignored by ingest
      };
      for (int i = 0; i < rows.length; i++) {
        XSSFRow r = entries.createRow(LedgerTemplate.FIRST_DATA_ROW + i);
        r.createCell(0).setCellValue((LocalDate) rows[i][0]);
        r.createCell(1).setCellValue((String) rows[i][1]);
        r.createCell(3).setCellValue((String) rows[i][2]);
        r.createCell(4).setCellValue((Double) rows[i][3]);
      }
      XSSFRow out = entries.createRow(LedgerTemplate.FIRST_DATA_ROW + rows.length);
      out.createCell(0).setCellValue(LocalDate.of(2026, 4, 1));
      out.createCell(1).setCellValue("DY999999");
      out.createCell(3).setCellValue("Z9");
      DataValidationEvaluator dve = new DataValidationEvaluator(wb, wb.getCreationHelper().createFormulaEvaluator());
      for (int i = 0; i < rows.length; i++) {
        int row = LedgerTemplate.FIRST_DATA_ROW + i;
        for (int c : new int[] {0, 1, 3}) {
          assertTrue(dve.isValidCell(new CellReference("积分明细", row, c, false, false)), "row " + row + " col " + c);
        }
        assertEquals(rows[i][4], dve.isValidCell(new CellReference("积分明细", row, 4, false, false)),
            "分值 of row " + row + ": " + Arrays.toString(rows[i]));
      }
      int row = out.getRowNum();
      assertFalse(dve.isValidCell(new CellReference("积分明细", row, 0, false, false)), "2026-04-01 is in Q2");
      // POI takes any value for a list whose source has blank cells (Excel does so when blanks are
      // ignored): the roster's spare rows are blank, so the member list must not ignore blanks.
      assertFalse(validation(entries, 1).getEmptyCellAllowed(), "党员编号 does not ignore blanks");
      assertTrue(validation(entries, 4).getEmptyCellAllowed(), "分值 may stay blank");
      assertFalse(dve.isValidCell(new CellReference("积分明细", row, 3, false, false)), "not an item code");

      XSSFSheet roster = wb.getSheet("名册");
      roster.getRow(3).getCell(0).setCellValue("DY100001");
      dve.clearAllCachedValues();
      assertFalse(dve.isValidCell(new CellReference("名册", 3, 0, false, false)), "a member code twice");
      assertFalse(dve.isValidCell(new CellReference("名册", 2, 0, false, false)));
      assertTrue(dve.isValidCell(new CellReference("名册", 4, 0, false, false)));
    }
  }

  @Test
  void everyHeaderHasAnInputMessageAndHeadersAreProtected() throws Exception {
    try (XSSFWorkbook wb = workbook(spec("2026Q4", "branch-80-20"))) {
      for (String name : List.of("名册", "积分明细", "民主评议", "组织处置")) {
        XSSFSheet sh = wb.getSheet(name);
        assertTrue(sh.getProtect(), name + " protected");
        assertNull(sh.getCTWorksheet().getSheetProtection().getPassword(), "no password");
        assertNull(sh.getCTWorksheet().getSheetProtection().xgetHashValue(), "no password");
        assertTrue(sh.isInsertRowsLocked() == false && sh.isDeleteRowsLocked() == false, name + ": rows can be added");
        for (var c : sh.getRow(LedgerTemplate.HEADER_ROW)) {
          assertTrue(c.getCellStyle().getLocked(), name + " header locked");
          XSSFDataValidation v = validationAt(sh, LedgerTemplate.HEADER_ROW, c.getColumnIndex());
          assertTrue(v != null && v.getShowPromptBox() && !v.getPromptBoxText().isBlank(),
              name + " " + c.getStringCellValue() + " has an input message");
          XSSFDataValidation data = validation(sh, c.getColumnIndex());
          assertEquals(v.getPromptBoxText(), data.getPromptBoxText(), "the data cells show the same message");
          assertFalse(sh.getColumnStyle(c.getColumnIndex()).getLocked(), name + " data column unlocked");
        }
        assertEquals(LedgerTemplate.FIRST_DATA_ROW, sh.getPaneInformation().getHorizontalSplitPosition());
        assertTrue(sh.getRepeatingRows() != null && sh.getRepeatingRows().getLastRow() == LedgerTemplate.HEADER_ROW);
        assertEquals(org.apache.poi.ss.usermodel.PrintSetup.A4_PAPERSIZE, sh.getPrintSetup().getPaperSize());
        assertEquals(1, sh.getPrintSetup().getFitWidth());
      }
      assertEquals(2, wb.getSheet("名册").getPaneInformation().getVerticalSplitPosition(), "党员编号 and 姓名 stay in view");
      XSSFSheet eval = wb.getSheet("民主评议");
      Map<String, Integer> col = columns(eval);
      assertList(eval, col.get("评议等次"), true, "优秀", "合格", "基本合格", "不合格");
      XSSFDataValidation score = validation(eval, col.get("评议得分"));
      assertEquals(List.of("0", "100"), List.of(score.getValidationConstraint().getFormula1(),
          score.getValidationConstraint().getFormula2()));
      assertTrue(validationAt(wb.getSheet("积分明细"), LedgerTemplate.HEADER_ROW, 3).getPromptBoxText()
          .startsWith("从下拉列表选择：N01 无故缺席组织生活；N02 违反工作纪律；"), "codes with their names");
    }
  }

  @Test
  void instructionsListTheSchemeTheDeadlineAndTheFileName() throws Exception {
    try (XSSFWorkbook wb = workbook(spec("2026Q1", "district-100"))) {
      XSSFSheet notes = wb.getSheet(LedgerTemplate.SHEET_NOTES);
      List<String> text = new ArrayList<>();
      List<List<String>> items = new ArrayList<>();
      boolean inItems = false;
      for (Row r : notes) {
        if (r.getCell(0) == null || r.getCell(0).getStringCellValue().isEmpty()) {
          inItems = false;
          continue;
        }
        String a = r.getCell(0).getStringCellValue();
        text.add(a);
        inItems &= r.getCell(1) != null;
        if (inItems) {
          List<String> line = new ArrayList<>();
          for (int c = 0; c < 5; c++) {
            line.add(r.getCell(c).getStringCellValue());
          }
          items.add(line);
        }
        inItems |= a.equals("项目编码");
      }
      String all = String.join("\n", text);
      assertTrue(all.contains("1. 报送截止时间：2026年4月10日 23:59（北京时间）前"), all);
      assertTrue(all.contains("2. 文件名：QS01B03_2026Q1.xlsx"), all);
      assertTrue(all.contains("QS01B03_2026Q1_v2.xlsx"), all);
      assertTrue(all.contains("3. 报送方式：报所属党（工）委。"), all);
      assertTrue(all.contains("一票否决（V10–V15）：作用于当季和全年，得分为 0，等次为不合格。"), all);
      assertTrue(all.contains("等次：优秀 90 分及以上，良好 80 分及以上，合格 60 分及以上，不合格 低于 60 分。"), all);
      assertEquals(15, items.size(), "one line per item of district-100");
      assertEquals(List.of("B2", "执行纪律合格", "基础分扣分", "只能填 -5 或 -3", "—"), items.get(1));
      assertEquals(List.of("B1", "政治合格", "基础分扣分", "只能填 -5（留空按 -5 计）", "—"), items.get(0));
      assertEquals(List.of("A5", "合理化建议被采纳", "加分", "正数，由支部评定", "每季度最多 3 分"), items.get(4));
      assertEquals(List.of("V10", "拒不执行党组织决定", "一票否决", "不填分值", "—"), items.get(9));
    }
    // vanguard-8-2 collapses its ranges: D01–D99 is one line, the dropdown has all 297 + 2 codes.
    try (XSSFWorkbook wb = workbook(spec("2026Q4", "vanguard-8-2"))) {
      assertEquals("'填表说明'!$H$1:$H$299", wb.getName("ItemCodes").getRefersToFormula());
      boolean range = false;
      for (Row r : wb.getSheet(LedgerTemplate.SHEET_NOTES)) {
        range |= r.getCell(0) != null && "D01–D99".equals(r.getCell(0).getStringCellValue());
      }
      assertTrue(range);
      assertNotNull(wb.getSheet("民主评议"));
    }
    // A scheme without an evaluation has no 民主评议 even in Q4.
    try (XSSFWorkbook wb = workbook(spec("2026Q4", "district-100"))) {
      assertNull(wb.getSheet("民主评议"));
    }
  }

  /** Ingest's own reader finds every ledger sheet's header and counts 填表说明 apart. */
  @Test
  void ingestReadsTheTemplate() throws Exception {
    byte[] b = bytes(spec("2026Q4", "branch-80-20"), ROSTER);
    ParsedLedger p = LedgerReader.read(LedgerInput.ofFile("QS01B03_2026Q4.xlsx", LedgerInput.Format.XLSX, b));
    assertNull(p.problem(), String.valueOf(p.problem()));
    Map<String, String> cover = new LinkedHashMap<>();
    List<SheetRow> roster = new ArrayList<>();
    long notes = 0;
    for (SheetRow r : p.rows()) {
      switch (r.sheet()) {
        case "封面" -> cover.putAll(r.fields());
        case "名册" -> roster.add(r);
        case LedgerTemplate.SHEET_NOTES -> notes++;
        default -> throw new AssertionError("an empty sheet has no rows: " + r);
      }
    }
    assertEquals("QS01B03", cover.get("支部编码"));
    assertEquals(List.of("2026", "4", "1"), List.of(cover.get("年度"), cover.get("季度"), cover.get("版本")));
    assertEquals(ROSTER.size(), roster.size());
    assertEquals("DY100002", roster.get(1).fields().get("党员编号"));
    assertEquals("2025-02-15", roster.get(1).fields().get("入党日期"));
    assertEquals("", roster.get(1).fields().get("身份证号"));
    assertTrue(notes > 20, "the instructions are read as a sheet that is not a ledger sheet");
  }
}
