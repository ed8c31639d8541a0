package org.jifen.loop;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationConstraint.OperatorType;
import org.apache.poi.ss.usermodel.DataValidationConstraint.ValidationType;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFDataValidationConstraint;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFName;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jifen.ingest.TextLimits;
import org.jifen.ingest.read.LedgerSheet;
import org.jifen.reports.SafeText;
import org.jifen.reports.XlsxFormat;
import org.jifen.reports.Zh;
import org.jifen.scheme.ItemRule;
import org.jifen.scheme.Scheme;
import org.jifen.scheme.SchemeDescriber;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTCol;

/**
 * The ledger workbook a branch fills in for one quarter (DOMAIN §4), in the layout ingest reads: a
 * filled 封面, the 名册 pre-filled from the branch's latest accepted roster, empty 积分明细,
 * 民主评议 (Q4, schemes with an evaluation) and 组织处置 sheets, and a 填表说明 sheet with the
 * scheme's items, the deadline and how to send the file.
 *
 * <p>Every coded column carries an Excel data validation (a dropdown or a check) and every header an
 * input message. A validation that stops the entry ({@link DataValidation.ErrorStyle#STOP}) guards
 * exactly what ingest would quarantine; columns ingest takes as they come (性别, 党员类别, 未参加原因,
 * dates of birth and joining, the 组织处置 date) only warn. Header rows are locked, data cells are
 * not; the sheets are protected without a password.
 */
public final class LedgerTemplate {
  /** The sheet with the instructions; its name holds no ledger sheet label, so ingest counts it apart. */
  public static final String SHEET_NOTES = "填表说明";
  /** Rows (0-based) of a data sheet: title, header, first data row. */
  public static final int TITLE_ROW = 0;
  public static final int HEADER_ROW = 1;
  public static final int FIRST_DATA_ROW = 2;
  /** Workbook names the validations refer to. */
  public static final String MEMBER_CODES = "MemberCodes";
  public static final String ITEM_CODES = "ItemCodes";
  public static final String ITEM_RULES = "ItemRules";
  /** Data rows that carry validations beyond the pre-filled roster. */
  static final int ROSTER_SPARE_ROWS = 200;
  static final int ENTRY_ROWS = 2_000;
  static final int EVALUATION_ROWS = 500;
  static final int ACTION_ROWS = 300;

  /** Values ingest accepts (sql/staging). */
  public static final List<String> STANDINGS = List.of("正式党员", "预备党员", "入党积极分子");
  public static final List<String> YES_NO = List.of("是", "否");
  public static final List<String> ACTION_TYPES = List.of("告诫提醒", "帮教整改", "组织处理");
  /** Suggested values (DOMAIN §3); ingest takes others too, so these only warn. */
  public static final List<String> GENDERS = List.of("男", "女");
  public static final List<String> CATEGORIES = List.of("在职", "离退休", "流动", "农村", "社区", "学生");
  public static final List<String> EXEMPT_REASONS = List.of("70周岁以上", "年老体弱", "长期患病", "行动不便",
      "出国(境)半年以上", "其他");

  private static final DateTimeFormatter DAY_ZH = DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.ROOT);
  private static final String DATE_FORMAT = "yyyy-mm-dd";
  /** Hidden lookup columns on the 填表说明 sheet: code, name, sign, allowed values. */
  private static final int LOOKUP_COL = 7;
  private static final int NOTES_COLS = 5;
  /** The tallest row a spreadsheet allows. */
  private static final float MAX_ROW_POINTS = 409;

  /**
   * A branch as its cover names it.
   *
   * @param parentName 上级党组织, or null
   */
  public record Branch(String code, String name, String parentName) {}

  /**
   * A member as pre-filled on the 名册 (never with the 身份证号: the warehouse keeps none).
   *
   * @param idStatus {@code valid}, {@code invalid} or {@code missing} on the roster the member comes from
   */
  public record Member(String code, String name, String idStatus, String gender, LocalDate birthDate,
      LocalDate joinDate, String standing, String category, boolean inPointsMgmt, String exemptReason,
      String partyGroup) {}

  /**
   * What a template is for.
   *
   * @param scheme the scheme in force for the year (its items, fixed points, evaluation grades)
   * @param deadlineDays days after the quarter's end by which the ledger is due (DOMAIN §8)
   * @param limits the longest text ingest accepts per column
   * @param sendTo where the branch sends the file, in Chinese (a sentence of the 填表说明)
   * @param createdAt written as the workbook's creation time (same input, same workbook)
   */
  public record Spec(int year, int quarter, Scheme scheme, int deadlineDays, TextLimits limits, String sendTo,
      java.time.Instant createdAt) {
    public Spec {
      if (quarter < 1 || quarter > 4) {
        throw new IllegalArgumentException("quarter " + quarter + " is not 1-4");
      }
    }

    /** {@code 2026Q1}. */
    public String period() {
      return year + "Q" + quarter;
    }

    public LocalDate firstDay() {
      return LocalDate.of(year, quarter * 3 - 2, 1);
    }

    public LocalDate lastDay() {
      return firstDay().plusMonths(3).minusDays(1);
    }

    /** The last day a ledger is on time (until 23:59:59 UTC+8). */
    public LocalDate deadline() {
      return lastDay().plusDays(deadlineDays);
    }

    /** True when the template has a 民主评议 sheet: Q4 of a scheme that maps evaluation grades. */
    public boolean hasEvaluation() {
      return quarter == 4 && !scheme.evaluationGrades().isEmpty();
    }
  }

  /** The file a branch sends for a period: {@code QS01B01_2026Q1.xlsx} (ingest checks the code in the name). */
  public static String fileName(String branchCode, String period) {
    return branchCode + "_" + period + ".xlsx";
  }

  /** The 预备党员 note on a member's 党员身份 cell, or null: conversion due in the quarter, or overdue. */
  public static String conversionNote(Member m, Spec spec) {
    if (!"预备党员".equals(m.standing()) || m.joinDate() == null) {
      return null;
    }
    LocalDate due = m.joinDate().plusYears(1);
    if (due.isAfter(spec.lastDay())) {
      return null;
    }
    if (due.isBefore(spec.firstDay())) {
      return "预备期已于" + due + "届满，如已转正请改为正式党员；如延长预备期请保留预备党员";
    }
    return "预计于" + due + "转正，转正后请改为正式党员";
  }

  private final Spec spec;
  private final Branch branch;
  private final List<Member> roster;
  private final XSSFWorkbook wb = new XSSFWorkbook();
  private final Styles st;

  private LedgerTemplate(Spec spec, Branch branch, List<Member> roster) {
    this.spec = spec;
    this.branch = branch;
    this.roster = List.copyOf(roster);
    this.st = new Styles(wb);
  }

  /**
   * Writes the branch's template for the quarter. Returns the texts longer than a cell holds, which
   * the template shows cut with "…": each as {@code 支部名称 has 40,003 characters}, the real length
   * (empty when none).
   */
  public static List<String> write(Spec spec, Branch branch, List<Member> roster, OutputStream out)
      throws IOException {
    LedgerTemplate t = new LedgerTemplate(spec, branch, roster);
    try (XSSFWorkbook wb = t.wb) {
      t.build();
      wb.write(out);
    }
    return tooLong(branch, roster);
  }

  /** The inputs longer than a cell holds, with their real length (names only, never a value). */
  static List<String> tooLong(Branch branch, List<Member> roster) {
    List<String> out = new ArrayList<>();
    tooLong(out, "支部名称", branch.name());
    tooLong(out, "上级党组织", branch.parentName());
    for (int i = 0; i < roster.size(); i++) {
      Member m = roster.get(i);
      String row = LedgerSheet.ROSTER.label() + " row " + (FIRST_DATA_ROW + 1 + i) + ", ";
      tooLong(out, row + "党员编号", m.code());
      tooLong(out, row + "姓名", m.name());
      tooLong(out, row + "性别", m.gender());
      tooLong(out, row + "党员身份", m.standing());
      tooLong(out, row + "党员类别", m.category());
      tooLong(out, row + "未参加原因", m.exemptReason());
      tooLong(out, row + "党小组", m.partyGroup());
    }
    return out;
  }

  private static void tooLong(List<String> out, String what, String value) {
    if (value != null && value.length() > SafeText.MAX_CELL) {
      out.add(String.format(Locale.ROOT, "%s has %,d characters (a cell holds %,d: cut, ending with …)", what,
          value.length(), SafeText.MAX_CELL));
    }
  }

  private void build() {
    cover();
    int rosterLast = FIRST_DATA_ROW + Math.max(roster.size() + ROSTER_SPARE_ROWS, 300) - 1;
    rosterSheet(rosterLast);
    name(MEMBER_CODES, LedgerSheet.ROSTER.label(), 0, FIRST_DATA_ROW, 0, rosterLast);
    entriesSheet();
    if (spec.hasEvaluation()) {
      evaluationSheet();
    }
    actionsSheet();
    notesSheet();
    var props = wb.getProperties().getCoreProperties();
    props.setTitle(SafeText.fit(branch.name() + Zh.periodLabel(spec.period()) + "党员积分台账"));
    props.setCreator("jifen");
    props.setCreated(Optional.of(Date.from(spec.createdAt())));
    props.setModified(Optional.of(Date.from(spec.createdAt())));
    wb.setActiveSheet(0);
  }

  // ---- 封面 --------------------------------------------------------------------------------------

  private void cover() {
    XSSFSheet sh = wb.createSheet(LedgerSheet.COVER.label());
    XSSFRow title = sh.createRow(0);
    title.setHeightInPoints(36);
    text(title, 0, branch.name() + "党员积分台账", st.title);
    text(title, 1, "", st.title);
    text(title, 2, "", st.title);
    sh.addMergedRegion(new CellRangeAddress(0, 0, 0, 2));
    XSSFRow sub = sh.createRow(1);
    text(sub, 0, Zh.periodLabel(spec.period()) + "　" + spec.scheme().name(), st.subtitle);
    sh.addMergedRegion(new CellRangeAddress(1, 1, 0, 2));

    int r = 2;
    r = coverLine(sh, r, "支部编码", branch.code(), false, "由区委组织部填写，请勿修改");
    r = coverLine(sh, r, "支部名称", branch.name(), false, "请勿修改");
    r = coverLine(sh, r, "上级党组织", branch.parentName() == null ? "" : branch.parentName(), false, "");
    r = coverNumber(sh, r, "年度", spec.year(), false, "请勿修改");
    r = coverNumber(sh, r, "季度", spec.quarter(), false, "请勿修改（" + Zh.periodLabel(spec.period()) + "）");
    r = coverLine(sh, r, "填表人", "", true, "填写经办人姓名");
    int filledOn = r;
    XSSFRow dateRow = sh.createRow(r++);
    dateRow.setHeightInPoints(24);
    text(dateRow, 0, "填表日期", st.label);
    dateRow.createCell(1).setCellStyle(st.fieldDate);
    text(dateRow, 2, "报送前填写，如 " + spec.lastDay().plusDays(1), st.hint);
    int version = r;
    r = coverNumber(sh, r, "版本", 1, true, "首次报送为 1；申诉后更正重新报送时改为 2、3……");
    r++;
    XSSFRow note = sh.createRow(r);
    note.setHeightInPoints(48);
    text(note, 0, "报送截止：" + deadlineText() + "。文件名：" + fileName(branch.code(), spec.period())
        + "。各表的填写要求和积分项目见“" + SHEET_NOTES + "”。", st.note);
    sh.addMergedRegion(new CellRangeAddress(r, r, 0, 2));

    Check.dates(LocalDate.of(spec.year(), 1, 1), spec.deadline().plusYears(1), false, "填表日期应为日期，如 "
        + spec.lastDay().plusDays(1) + "。").apply(sh, filledOn, filledOn, 1, "填表日期",
            "填写报送日期，如 " + spec.lastDay().plusDays(1) + "。");
    Check.wholeAtLeast(1, "版本应为 1、2、3……的整数：首次报送为 1，更正后重新报送依次加 1。")
        .apply(sh, version, version, 1, "版本", "首次报送为 1；申诉后更正重新报送时改为 2、3……");
    sh.setColumnWidth(0, 14 * 256);
    sh.setColumnWidth(1, 40 * 256);
    sh.setColumnWidth(2, 46 * 256);
    XlsxFormat.printSetup(sh, 0, 0);
    sh.getPrintSetup().setLandscape(false);
    protect(sh, false);
  }

  private int coverLine(XSSFSheet sh, int r, String label, String value, boolean input, String hint) {
    XSSFRow row = sh.createRow(r);
    row.setHeightInPoints(24);
    text(row, 0, label, st.label);
    text(row, 1, value, input ? st.field : st.value);
    text(row, 2, hint, st.hint);
    return r + 1;
  }

  private int coverNumber(XSSFSheet sh, int r, String label, int value, boolean input, String hint) {
    XSSFRow row = sh.createRow(r);
    row.setHeightInPoints(24);
    text(row, 0, label, st.label);
    XSSFCell c = row.createCell(1);
    c.setCellValue(value);
    c.setCellStyle(input ? st.fieldNumber : st.valueNumber);
    text(row, 2, hint, st.hint);
    return r + 1;
  }

  // ---- 名册 --------------------------------------------------------------------------------------

  private void rosterSheet(int lastRow) {
    XSSFSheet sh = wb.createSheet(LedgerSheet.ROSTER.label());
    String endOfQuarter = spec.lastDay().toString();
    List<Col> cols = List.of(
        new Col("党员编号", 12, Kind.TEXT, "全区唯一的党员编号，每人一行、不得重复；转入的党员沿用原编号。新入党或转入的党员在下方空行补充，"
            + "转出或去世的党员删除整行。", Check.custom("COUNTIF($A$" + (FIRST_DATA_ROW + 1) + ":$A$" + (lastRow + 1)
                + ",A" + (FIRST_DATA_ROW + 1) + ")=1", true, "该党员编号在名册中已出现，每名党员只能登记一行。")),
        new Col("姓名", 10, Kind.TEXT, "党员姓名。", null),
        new Col("身份证号", 22, Kind.TEXT, "不预填：区里不保存身份证号原文。请按本支部留存资料填写18位身份证号（末位X大写），"
            + "暂无的可留空。", Check.length(18, "身份证号一般为18位，请核对。")),
        new Col("性别", 6, Kind.TEXT, "从下拉列表选择：男 / 女。", Check.list(GENDERS, false, "性别请选择“男”或“女”。")),
        new Col("出生日期", 12, Kind.DATE, "日期，如 1980-05-01。", Check.dates(LocalDate.of(1900, 1, 1),
            spec.lastDay(), false, "请填写日期，如 1980-05-01。")),
        new Col("入党日期", 12, Kind.DATE, "日期，如 2015-07-01；预备党员填接收为预备党员的日期（预备期一年）。",
            Check.dates(LocalDate.of(1921, 7, 1), spec.lastDay(), false, "请填写不晚于" + endOfQuarter + "的日期。")),
        new Col("党员身份", 12, Kind.TEXT, "从下拉列表选择：正式党员 / 预备党员 / 入党积极分子。预备党员转正后改为正式党员"
            + "（有批注的为本季度预计转正）。", Check.list(STANDINGS, true, "党员身份只能是正式党员、预备党员或入党积极分子。")),
        new Col("党员类别", 10, Kind.TEXT, "从下拉列表选择：" + String.join("、", categories()) + "。",
            Check.list(categories(), false, "党员类别一般为：" + String.join("、", categories()) + "。")),
        new Col("参加积分管理", 13, Kind.TEXT, "是 / 否。选“否”的须填写未参加原因，并经上级党组织同意。",
            Check.list(YES_NO, true, "参加积分管理只能填“是”或“否”。")),
        new Col("未参加原因", 16, Kind.TEXT, "参加积分管理为“否”时选择：" + String.join("、", EXEMPT_REASONS) + "。",
            Check.list(EXEMPT_REASONS, false, "未参加原因一般为：" + String.join("、", EXEMPT_REASONS) + "。")),
        new Col("党小组", 14, Kind.TEXT, "所在党小组，可留空。", null));
    header(sh, LedgerSheet.ROSTER.label(), cols, lastRow);
    XSSFDrawing drawing = sh.createDrawingPatriarch();
    int r = FIRST_DATA_ROW;
    for (Member m : roster) {
      XSSFRow row = sh.createRow(r);
      text(row, 0, m.code(), st.input);
      text(row, 1, m.name(), st.input);
      text(row, 2, null, st.input);
      text(row, 3, m.gender(), st.input);
      date(row, 4, m.birthDate());
      date(row, 5, m.joinDate());
      text(row, 6, m.standing(), st.input);
      text(row, 7, m.category(), st.input);
      text(row, 8, m.inPointsMgmt() ? "是" : "否", st.input);
      text(row, 9, m.exemptReason(), st.input);
      text(row, 10, m.partyGroup(), st.input);
      String note = conversionNote(m, spec);
      if (note != null) {
        comment(drawing, row.getCell(6), note);
      }
      if ("invalid".equals(m.idStatus())) {
        comment(drawing, row.getCell(2), "上季度台账中该党员的身份证号校验位不正确，请核对后填写。");
      }
      r++;
    }
    sh.createFreezePane(2, FIRST_DATA_ROW);
    XlsxFormat.printSetup(sh, TITLE_ROW, HEADER_ROW);
    sh.setPrintGridlines(true);
    protect(sh, true);
  }

  /** The suggested categories, and any other the branch's roster uses (so that it does not warn on them). */
  private List<String> categories() {
    Set<String> c = new LinkedHashSet<>(CATEGORIES);
    roster.stream().map(Member::category).filter(x -> x != null && !x.isBlank() && x.length() <= 20).forEach(c::add);
    return List.copyOf(c);
  }

  // ---- 积分明细 ----------------------------------------------------------------------------------

  private void entriesSheet() {
    XSSFSheet sh = wb.createSheet(LedgerSheet.ENTRIES.label());
    int first = FIRST_DATA_ROW + 1;
    int lastRow = FIRST_DATA_ROW + ENTRY_ROWS - 1;
    String quarter = spec.firstDay() + " 至 " + spec.lastDay();
    // 分值 (E) against 项目编码 (D): the item's sign, and its fixed values where the scheme fixes them.
    String code = "$D" + first;
    String value = "E" + first;
    String rule = "VLOOKUP(" + code + "," + ITEM_RULES + ",";
    String points = "IF(ISNA(MATCH(" + code + "," + ITEM_CODES + ",0)),ISNUMBER(" + value + "),IF(" + rule
        + "3,FALSE)=0,TRUE,AND(ISNUMBER(" + value + "),SIGN(" + value + ")=" + rule + "3,FALSE),OR(" + rule
        + "4,FALSE)=\"any\",ISNUMBER(SEARCH(\",\"&" + value + "&\",\"," + rule + "4,FALSE)))))))";
    int basis = spec.limits().maxFor("依据");
    List<Col> cols = List.of(
        new Col("日期", 12, Kind.DATE, "本季度内的日期（" + quarter + "），如 " + spec.firstDay().plusDays(9) + "。",
            Check.dates(spec.firstDay(), spec.lastDay(), true, "日期须在本季度内（" + quarter + "）。")),
        new Col("党员编号", 12, Kind.TEXT, "从下拉列表选择名册中的党员编号（先在名册中登记新党员）。",
            Check.ref(MEMBER_CODES, "党员编号须是本台账名册中的党员编号；新党员请先在名册中登记。")),
        new Col("姓名", 10, Kind.TEXT, "与名册一致的党员姓名。", null),
        new Col("项目编码", 10, Kind.TEXT, itemPrompt(), Check.ref(ITEM_CODES,
            "项目编码须是" + spec.scheme().name() + "中的编码，见“" + SHEET_NOTES + "”。")),
        new Col("分值", 8, Kind.NUMBER, "支部评定的分值：扣分填负数，加分填正数；规定分值的项目只能填规定值；" + vetoWord()
            + "见“" + SHEET_NOTES + "”。", Check.custom(points, true, "分值与项目不符：扣分项目填负数、加分项目填正数，规定分值的项目"
                + "只能填规定值（见“" + SHEET_NOTES + "”）。")),
        new Col("依据", 40, Kind.WRAP, "加减分的事实依据，如“无故缺席6月主题党日”。", Check.maxLength(basis)),
        new Col("登记人", 10, Kind.TEXT, "登记该条积分的人员。", null),
        new Col("自评分", 9, Kind.NUMBER, "可选：党员自评的分值。", Check.decimal(false, "自评分应为数字。")),
        new Col("党小组初评分", 12, Kind.NUMBER, "可选：党小组初评的分值。", Check.decimal(false, "党小组初评分应为数字。")));
    header(sh, LedgerSheet.ENTRIES.label(), cols, lastRow);
    sh.createFreezePane(0, FIRST_DATA_ROW);
    XlsxFormat.printSetup(sh, TITLE_ROW, HEADER_ROW);
    sh.setPrintGridlines(true);
    protect(sh, true);
  }

  private String vetoWord() {
    boolean flags = spec.scheme().itemRules().stream().anyMatch(i -> i.sign() == 0);
    return flags ? "不计分值的项目（如一票否决）不填；" : "";
  }

  /** The 项目编码 input message: codes with their names, as far as an input message holds (255 characters). */
  private String itemPrompt() {
    String head = "从下拉列表选择：";
    String tail = "。详见“" + SHEET_NOTES + "”。";
    StringBuilder b = new StringBuilder(head);
    List<SchemeDescriber.ItemLine> lines = SchemeDescriber.itemLines(spec.scheme());
    for (int i = 0; i < lines.size(); i++) {
      String part = (i == 0 ? "" : "；") + lines.get(i).codes() + " " + lines.get(i).name();
      if (b.length() + part.length() + tail.length() + 1 > Check.MAX_PROMPT) {
        b.append("…");
        break;
      }
      b.append(part);
    }
    return b + tail;
  }

  // ---- 民主评议 / 组织处置 --------------------------------------------------------------------------

  private void evaluationSheet() {
    XSSFSheet sh = wb.createSheet(LedgerSheet.EVALUATION.label());
    int lastRow = FIRST_DATA_ROW + EVALUATION_ROWS - 1;
    List<String> grades = List.copyOf(spec.scheme().evaluationGrades());
    List<Col> cols = List.of(
        new Col("党员编号", 12, Kind.TEXT, "从下拉列表选择名册中的党员编号；参加积分管理的党员每人一行。",
            Check.ref(MEMBER_CODES, "党员编号须是本台账名册中的党员编号。")),
        new Col("姓名", 10, Kind.TEXT, "与名册一致的党员姓名。", null),
        new Col("评议等次", 12, Kind.TEXT, "从下拉列表选择：" + String.join(" / ", grades) + "。填了评议得分的以得分为准。",
            Check.list(grades, true, "评议等次只能是：" + String.join("、", grades) + "。")),
        new Col("评议得分", 10, Kind.NUMBER, "可选：0–100 的评议得分；填写后优先于评议等次。",
            Check.between("0", "100", "评议得分须是 0 到 100 之间的数。")));
    header(sh, LedgerSheet.EVALUATION.label(), cols, lastRow);
    sh.createFreezePane(0, FIRST_DATA_ROW);
    XlsxFormat.printSetup(sh, TITLE_ROW, HEADER_ROW);
    sh.getPrintSetup().setLandscape(false);
    sh.setPrintGridlines(true);
    protect(sh, true);
  }

  private void actionsSheet() {
    XSSFSheet sh = wb.createSheet(LedgerSheet.ACTIONS.label());
    int lastRow = FIRST_DATA_ROW + ACTION_ROWS - 1;
    String quarter = spec.firstDay() + " 至 " + spec.lastDay();
    List<Col> cols = List.of(
        new Col("党员编号", 12, Kind.TEXT, "从下拉列表选择名册中的党员编号。本季度无组织处置的，本表留空。",
            Check.ref(MEMBER_CODES, "党员编号须是本台账名册中的党员编号。")),
        new Col("姓名", 10, Kind.TEXT, "与名册一致的党员姓名。", null),
        new Col("日期", 12, Kind.DATE, "处置日期，一般在本季度内（" + quarter + "）。",
            Check.dates(spec.firstDay(), spec.lastDay(), false, "处置日期一般在本季度内（" + quarter + "），请核对。")),
        new Col("处置类型", 12, Kind.TEXT, "从下拉列表选择：" + String.join(" / ", ACTION_TYPES) + "。",
            Check.list(ACTION_TYPES, true, "处置类型只能是：" + String.join("、", ACTION_TYPES) + "。")),
        new Col("说明", 50, Kind.WRAP, "处置的事由和经过。", Check.maxLength(spec.limits().maxFor("说明"))));
    header(sh, LedgerSheet.ACTIONS.label(), cols, lastRow);
    sh.createFreezePane(0, FIRST_DATA_ROW);
    XlsxFormat.printSetup(sh, TITLE_ROW, HEADER_ROW);
    sh.setPrintGridlines(true);
    protect(sh, true);
  }

  // ---- 填表说明 ----------------------------------------------------------------------------------

  private void notesSheet() {
    XSSFSheet sh = wb.createSheet(SHEET_NOTES);
    int[] widths = {12, 34, 14, 30, 26};
    for (int c = 0; c < widths.length; c++) {
      sh.setColumnWidth(c, widths[c] * 256);
    }
    int total = java.util.Arrays.stream(widths).sum();
    int r = 0;
    XSSFRow title = sh.createRow(r);
    title.setHeightInPoints(32);
    text(title, 0, branch.name() + Zh.periodLabel(spec.period()) + "党员积分台账填表说明", st.title);
    sh.addMergedRegion(new CellRangeAddress(r, r, 0, NOTES_COLS - 1));
    r += 2;

    r = heading(sh, r, "一、报送要求");
    String file = fileName(branch.code(), spec.period());
    r = paragraph(sh, r, total, "1. 报送截止时间：" + deadlineText() + "。逾期报送的台账照常计入统计，但记为逾期报送。");
    r = paragraph(sh, r, total, "2. 文件名：" + file + "，请保持不变；申诉后更正重新报送时，将封面“版本”改为 2（再次更正改为 3，依此类推），"
        + "文件名改为 " + branch.code() + "_" + spec.period() + "_v2.xlsx。");
    r = paragraph(sh, r, total, "3. 报送方式：" + spec.sendTo());
    r = paragraph(sh, r, total, "4. 请保存为 .xlsx 格式，不要加密码、不要改工作表名称、不要删除表头行和列；本表（填表说明）无需填写。");
    r++;

    r = heading(sh, r, "二、积分项目（" + spec.scheme().name() + "）");
    XSSFRow h = sh.createRow(r);
    h.setHeightInPoints(22);
    String[] heads = {"项目编码", "项目名称", "类别", "分值填写", "累计上限"};
    for (int c = 0; c < heads.length; c++) {
      text(h, c, heads[c], st.header);
    }
    r++;
    for (SchemeDescriber.ItemLine line : SchemeDescriber.itemLines(spec.scheme())) {
      XSSFRow x = sh.createRow(r++);
      text(x, 0, line.codes(), st.cell);
      text(x, 1, line.name(), st.cellWrap);
      text(x, 2, line.kind(), st.cell);
      text(x, 3, line.points(), st.cellWrap);
      text(x, 4, line.cap().isEmpty() ? "—" : line.cap(), st.cellWrap);
      int lines = Math.max(lines(line.name(), widths[1]), lines(line.points(), widths[3]));
      x.setHeightInPoints(Math.min(MAX_ROW_POINTS, Math.max(20, 15 * lines + 4)));
    }
    r++;

    r = heading(sh, r, "三、计分规则");
    for (String rule : SchemeDescriber.rulesInChinese(spec.scheme())) {
      r = paragraph(sh, r, total, rule);
    }
    r++;

    r = heading(sh, r, "四、各表填写要点");
    List<String> sheets = new ArrayList<>(List.of(
        "封面：支部编码、支部名称、年度、季度已填好，请勿修改；填写填表人、填表日期；首次报送版本为 1。",
        "名册：已按本支部最近一次报送并通过的名册预填。请核对增减：新入党、转入的党员在下方空行补充，转出、去世的党员删除整行。"
            + "身份证号不预填（区里不保存原文），请按本支部留存资料填写。党员身份单元格带批注的是本季度预计转正的预备党员，转正后改为正式党员。",
        "积分明细：每次加分、扣分或否决事项登记一行；日期须在本季度内（" + spec.firstDay() + " 至 " + spec.lastDay()
            + "）；党员编号从名册中选择；分值为支部评定的分值。自评分、党小组初评分可不填。"));
    if (spec.hasEvaluation()) {
      sheets.add("民主评议：参加积分管理的党员每人一行，填写评议等次（" + String.join("、", spec.scheme().evaluationGrades())
          + "）或评议得分（0–100），两者都填的以得分为准。");
    }
    sheets.add("组织处置：本季度对党员进行告诫提醒、帮教整改或组织处理的，每次登记一行；没有的留空。");
    sheets.add("带下拉箭头的单元格请从列表中选择；输入不符合要求的内容时 Excel 会提示。选中表头可查看该列的填写说明。");
    for (int i = 0; i < sheets.size(); i++) {
      r = paragraph(sh, r, total, (i + 1) + ". " + sheets.get(i));
    }

    lookupTable(sh);
    // The hidden lookup rows may run further down than the text: print the text only.
    wb.setPrintArea(wb.getSheetIndex(sh), 0, NOTES_COLS - 1, 0, r - 1);
    XlsxFormat.printSetup(sh, TITLE_ROW, TITLE_ROW);
    sh.getPrintSetup().setLandscape(false);
    protect(sh, false);
  }

  /**
   * Every item code (ranges expanded) with its name, sign and allowed values, in hidden columns of
   * the 填表说明 sheet: the source of the 项目编码 dropdown and of the 分值 check.
   */
  private void lookupTable(XSSFSheet sh) {
    List<ItemRule> rules = spec.scheme().itemRules();
    for (int i = 0; i < rules.size(); i++) {
      ItemRule it = rules.get(i);
      XSSFRow row = sh.getRow(i) != null ? sh.getRow(i) : sh.createRow(i);
      text(row, LOOKUP_COL, it.code(), st.plain);
      text(row, LOOKUP_COL + 1, it.name(), st.plain);
      row.createCell(LOOKUP_COL + 2).setCellValue(it.sign());
      text(row, LOOKUP_COL + 3, allowed(it.fixedPoints()), st.plain);
    }
    for (int c = LOOKUP_COL - 1; c <= LOOKUP_COL + 3; c++) {
      sh.setColumnHidden(c, true);
    }
    name(ITEM_CODES, SHEET_NOTES, LOOKUP_COL, 0, LOOKUP_COL, rules.size() - 1);
    name(ITEM_RULES, SHEET_NOTES, LOOKUP_COL, 0, LOOKUP_COL + 3, rules.size() - 1);
  }

  private int heading(XSSFSheet sh, int r, String text) {
    XSSFRow row = sh.createRow(r);
    row.setHeightInPoints(24);
    text(row, 0, text, st.heading);
    sh.addMergedRegion(new CellRangeAddress(r, r, 0, NOTES_COLS - 1));
    return r + 1;
  }

  private int paragraph(XSSFSheet sh, int r, int width, String text) {
    XSSFRow row = sh.createRow(r);
    row.setHeightInPoints(Math.min(MAX_ROW_POINTS, Math.max(18, 15 * lines(text, width) + 3)));
    text(row, 0, text, st.paragraph);
    sh.addMergedRegion(new CellRangeAddress(r, r, 0, NOTES_COLS - 1));
    return r + 1;
  }

  /** Lines a wrapped text takes in a column {@code width} characters wide (a CJK character counts two). */
  private static int lines(String text, int width) {
    return Math.max(1, (XlsxFormat.displayWidth(text) + width - 3) / (width - 2));
  }

  private String deadlineText() {
    return DAY_ZH.format(spec.deadline()) + " 23:59（北京时间）前";
  }

  // ---- shared ------------------------------------------------------------------------------------

  /** What a column holds: text, a date (formatted), a number, or text that wraps. */
  private enum Kind { TEXT, DATE, NUMBER, WRAP }

  /**
   * A column of a data sheet.
   *
   * @param width in characters (a CJK character counts two)
   * @param prompt the input message of the header and data cells (at most 255 characters)
   * @param check the data cells' validation, or null for none (the input message still shows)
   */
  private record Col(String label, int width, Kind kind, String prompt, Check check) {}

  /** Title and header rows, column widths and styles, input messages and validations of a data sheet. */
  private void header(XSSFSheet sh, String sheetLabel, List<Col> cols, int lastRow) {
    int n = cols.size();
    String titleText = SafeText.fit(branch.name() + "党员积分台账·" + sheetLabel + "（" + Zh.periodLabel(spec.period())
        + "）");
    int width = cols.stream().mapToInt(c -> Math.max(c.width(), XlsxFormat.displayWidth(c.label()) + 2)).sum();
    // The title's 16-point characters are about 16/11 as wide as a column's character unit: wrap it
    // over as many lines as the sheet's width needs (a narrow 民主评议 sheet takes two).
    int titleLines = (XlsxFormat.displayWidth(titleText) * 16 / 11 + 4 + width - 1) / width;
    XSSFRow title = sh.createRow(TITLE_ROW);
    title.setHeightInPoints(Math.min(MAX_ROW_POINTS, Math.max(30, 22 * titleLines + 8)));
    for (int c = 0; c < n; c++) {
      text(title, c, c == 0 ? titleText : "", st.title);
    }
    if (n > 1) {
      sh.addMergedRegion(new CellRangeAddress(TITLE_ROW, TITLE_ROW, 0, n - 1));
    }
    XSSFRow head = sh.createRow(HEADER_ROW);
    head.setHeightInPoints(30);
    for (int c = 0; c < n; c++) {
      Col col = cols.get(c);
      text(head, c, col.label(), st.header);
      sh.setColumnWidth(c, Math.max(col.width(), XlsxFormat.displayWidth(col.label()) + 2) * 256);
      sh.setDefaultColumnStyle(c, styleOf(col.kind()));
      prompt(sh, HEADER_ROW, c, col.label(), col.prompt());
      Check check = col.check() != null ? col.check() : Check.none();
      check.apply(sh, FIRST_DATA_ROW, lastRow, c, col.label(), col.prompt());
    }
    sh.setDefaultRowHeightInPoints(18);
    // Every other column is unlocked too, so that whole data rows can be inserted and deleted.
    CTCol rest = sh.getCTWorksheet().getColsArray(0).addNewCol();
    rest.setMin(n + 1);
    rest.setMax(16_384);
    rest.setStyle(st.input.getIndex());
  }

  private CellStyle styleOf(Kind kind) {
    return switch (kind) {
      case DATE -> st.inputDate;
      case NUMBER -> st.inputNumber;
      case WRAP -> st.inputWrap;
      case TEXT -> st.input;
    };
  }

  /** An input message on one cell that accepts anything (a header or cover cell). */
  private static void prompt(XSSFSheet sh, int row, int col, String title, String text) {
    DataValidation v = sh.getDataValidationHelper().createValidation(
        new XSSFDataValidationConstraint(ValidationType.ANY, null), new CellRangeAddressList(row, row, col, col));
    Check.promptBox(v, title, text);
    sh.addValidationData(v);
  }

  private void date(XSSFRow row, int col, LocalDate d) {
    XSSFCell c = row.createCell(col);
    c.setCellStyle(st.inputDate);
    if (d != null) {
      c.setCellValue(d);
    }
  }

  /**
   * A text cell. A value a spreadsheet would run as a formula ({@code =1+1}, {@code +SUM(1)},
   * {@code @A1}) stays as it is, a string cell in a quote-prefixed text ("@") style, so Excel shows
   * and keeps it as text and ingest reads back the same value (no visible apostrophe). A value
   * longer than a cell holds is cut, ending with "…" ({@link SafeText#fit(String)}).
   */
  private void text(XSSFRow row, int col, String value, XSSFCellStyle style) {
    XSSFCell c = row.createCell(col);
    boolean formulaLike = SafeText.formulaLike(value);
    c.setCellStyle(formulaLike ? st.asText(style) : style);
    if (value != null && !value.isEmpty()) {
      c.setCellValue(SafeText.fit(value));
    }
  }

  private void comment(XSSFDrawing drawing, XSSFCell cell, String text) {
    ClientAnchor anchor = wb.getCreationHelper().createClientAnchor();
    anchor.setCol1(cell.getColumnIndex() + 1);
    anchor.setCol2(cell.getColumnIndex() + 4);
    anchor.setRow1(cell.getRowIndex());
    anchor.setRow2(cell.getRowIndex() + 3);
    XSSFComment c = drawing.createCellComment(anchor);
    c.setString(new XSSFRichTextString(text));
    c.setAuthor("区委组织部");
    cell.setCellComment(c);
  }

  /** A workbook name for a rectangle of a sheet (0-based rows and columns). */
  private void name(String name, String sheet, int col1, int row1, int col2, int row2) {
    XSSFName n = wb.createName();
    n.setNameName(name);
    n.setRefersToFormula("'" + sheet + "'!" + new CellReference(row1, col1, true, true).formatAsString()
        + ":" + new CellReference(row2, col2, true, true).formatAsString());
  }

  /**
   * Protects the sheet without a password: locked cells (titles, headers, the cover's given values,
   * the instructions) cannot be changed; on data sheets rows may be inserted, deleted and resized and
   * columns widened.
   */
  private static void protect(XSSFSheet sh, boolean dataSheet) {
    sh.enableLocking();
    sh.lockSelectLockedCells(false);
    sh.lockSelectUnlockedCells(false);
    sh.lockFormatColumns(false);
    sh.lockFormatRows(false);
    if (dataSheet) {
      sh.lockInsertRows(false);
      sh.lockDeleteRows(false);
      sh.lockSort(false);
    }
  }

  /**
   * An Excel data validation of a column's data cells: a constraint, whether a violation stops the
   * entry (what ingest would quarantine) or only warns, and the message shown.
   */
  record Check(DataValidationConstraint constraint, boolean stop, String error) {
    /** Excel's limit on an input message. */
    static final int MAX_PROMPT = 255;

    static Check none() {
      return new Check(new XSSFDataValidationConstraint(ValidationType.ANY, null), false, null);
    }

    static Check list(List<String> values, boolean stop, String error) {
      return new Check(new XSSFDataValidationConstraint(values.toArray(String[]::new)), stop, error);
    }

    /** A dropdown of the cells a workbook name refers to; always stops. */
    static Check ref(String name, String error) {
      return new Check(new XSSFDataValidationConstraint(ValidationType.LIST, name), true, error);
    }

    static Check dates(LocalDate from, LocalDate to, boolean stop, String error) {
      return new Check(new XSSFDataValidationConstraint(ValidationType.DATE, OperatorType.BETWEEN, dateFormula(from),
          dateFormula(to)), stop, error);
    }

    static Check custom(String formula, boolean stop, String error) {
      return new Check(new XSSFDataValidationConstraint(ValidationType.FORMULA, formula), stop, error);
    }

    /** At most {@code max} characters: ingest quarantines longer values (VALUE_TOO_LONG). */
    static Check maxLength(int max) {
      return new Check(new XSSFDataValidationConstraint(ValidationType.TEXT_LENGTH, OperatorType.LESS_OR_EQUAL,
          Integer.toString(max), null), true, "内容过长：本列最多 " + max + " 个字。");
    }

    /** Exactly {@code length} characters; only warns. */
    static Check length(int length, String error) {
      return new Check(new XSSFDataValidationConstraint(ValidationType.TEXT_LENGTH, OperatorType.EQUAL,
          Integer.toString(length), null), false, error);
    }

    static Check wholeAtLeast(int min, String error) {
      return new Check(new XSSFDataValidationConstraint(ValidationType.INTEGER, OperatorType.GREATER_OR_EQUAL,
          Integer.toString(min), null), true, error);
    }

    static Check decimal(boolean stop, String error) {
      return new Check(new XSSFDataValidationConstraint(ValidationType.DECIMAL, OperatorType.BETWEEN, "-1000",
          "1000"), stop, error);
    }

    static Check between(String min, String max, String error) {
      return new Check(new XSSFDataValidationConstraint(ValidationType.DECIMAL, OperatorType.BETWEEN, min, max),
          true, error);
    }

    private static String dateFormula(LocalDate d) {
      return "DATE(" + d.getYear() + "," + d.getMonthValue() + "," + d.getDayOfMonth() + ")";
    }

    /** Adds the validation to rows {@code first}–{@code last} of column {@code col}, with its input message. */
    void apply(XSSFSheet sh, int first, int last, int col, String title, String prompt) {
      DataValidationHelper h = sh.getDataValidationHelper();
      DataValidation v = h.createValidation(constraint, new CellRangeAddressList(first, last, col, col));
      promptBox(v, title, prompt);
      if (error != null) {
        v.setErrorStyle(stop ? DataValidation.ErrorStyle.STOP : DataValidation.ErrorStyle.WARNING);
        v.createErrorBox(stop ? title + "填写有误" : "请核对" + title, error);
        v.setShowErrorBox(true);
      }
      // A list whose source has blank cells (the roster's spare rows) accepts anything when blanks are
      // ignored, in Excel as in POI: only lists of fixed values may ignore blanks.
      boolean rangeList = constraint.getValidationType() == ValidationType.LIST
          && constraint.getExplicitListValues() == null;
      v.setEmptyCellAllowed(!rangeList);
      sh.addValidationData(v);
    }

    static void promptBox(DataValidation v, String title, String text) {
      if (text == null || text.isEmpty()) {
        return;
      }
      v.createPromptBox(title.length() > 32 ? title.substring(0, 32) : title,
          text.length() > MAX_PROMPT ? text.substring(0, MAX_PROMPT - 1) + "…" : text);
      v.setShowPromptBox(true);
    }
  }

  /** The workbook's cell styles, created once; data cells are unlocked, everything else locked. */
  private static final class Styles {
    final XSSFCellStyle title;
    final XSSFCellStyle subtitle;
    final XSSFCellStyle heading;
    final XSSFCellStyle header;
    final XSSFCellStyle label;
    final XSSFCellStyle value;
    final XSSFCellStyle valueNumber;
    final XSSFCellStyle hint;
    final XSSFCellStyle note;
    final XSSFCellStyle paragraph;
    final XSSFCellStyle cell;
    final XSSFCellStyle cellWrap;
    final XSSFCellStyle plain;
    final XSSFCellStyle input;
    final XSSFCellStyle inputDate;
    final XSSFCellStyle inputNumber;
    final XSSFCellStyle inputWrap;
    final XSSFCellStyle field;
    final XSSFCellStyle fieldDate;
    final XSSFCellStyle fieldNumber;

    private final XSSFWorkbook wb;
    private final java.util.Map<XSSFCellStyle, XSSFCellStyle> asText = new java.util.HashMap<>();

    Styles(XSSFWorkbook wb) {
      this.wb = wb;
      XSSFFont body = XlsxFormat.font(wb, XlsxFormat.BODY_FONT, 11, false);
      XSSFFont bold = XlsxFormat.font(wb, XlsxFormat.BODY_FONT, 11, true);
      XSSFFont small = XlsxFormat.font(wb, XlsxFormat.BODY_FONT, 10, false);
      XSSFFont big = XlsxFormat.font(wb, XlsxFormat.HEADING_FONT, 16, false);
      XSSFFont section = XlsxFormat.font(wb, XlsxFormat.HEADING_FONT, 12, false);
      short dateFormat = wb.createDataFormat().getFormat(DATE_FORMAT);

      title = wb.createCellStyle();
      title.setFont(big);
      title.setAlignment(HorizontalAlignment.CENTER);
      title.setVerticalAlignment(VerticalAlignment.CENTER);
      title.setWrapText(true);
      subtitle = wb.createCellStyle();
      subtitle.setFont(body);
      subtitle.setAlignment(HorizontalAlignment.CENTER);
      heading = wb.createCellStyle();
      heading.setFont(section);
      heading.setVerticalAlignment(VerticalAlignment.CENTER);

      header = XlsxFormat.bordered(wb, bold);
      header.setAlignment(HorizontalAlignment.CENTER);
      header.setWrapText(true);
      header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
      header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      label = XlsxFormat.bordered(wb, bold);
      label.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
      label.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      value = XlsxFormat.bordered(wb, body);
      valueNumber = XlsxFormat.bordered(wb, body);
      valueNumber.setAlignment(HorizontalAlignment.LEFT);
      hint = wb.createCellStyle();
      hint.setFont(small);
      hint.setVerticalAlignment(VerticalAlignment.CENTER);
      hint.setWrapText(true);
      note = wb.createCellStyle();
      note.setFont(body);
      note.setWrapText(true);
      note.setVerticalAlignment(VerticalAlignment.TOP);
      paragraph = wb.createCellStyle();
      paragraph.setFont(body);
      paragraph.setWrapText(true);
      paragraph.setVerticalAlignment(VerticalAlignment.TOP);
      cell = XlsxFormat.bordered(wb, body);
      cellWrap = XlsxFormat.bordered(wb, body);
      cellWrap.setWrapText(true);
      plain = wb.createCellStyle();
      plain.setFont(body);

      input = unlocked(wb, body);
      inputDate = unlocked(wb, body);
      inputDate.setDataFormat(dateFormat);
      inputDate.setAlignment(HorizontalAlignment.LEFT);
      inputNumber = unlocked(wb, body);
      inputWrap = unlocked(wb, body);
      inputWrap.setWrapText(true);
      field = XlsxFormat.bordered(wb, body);
      field.setLocked(false);
      fieldDate = XlsxFormat.bordered(wb, body);
      fieldDate.setLocked(false);
      fieldDate.setDataFormat(dateFormat);
      fieldDate.setAlignment(HorizontalAlignment.LEFT);
      fieldNumber = XlsxFormat.bordered(wb, body);
      fieldNumber.setLocked(false);
      fieldNumber.setAlignment(HorizontalAlignment.LEFT);
    }

    /**
     * The style as a text cell's that holds a formula-like value: quote-prefixed (Excel's own mark
     * for "typed with a leading apostrophe": shown without it, never evaluated) and formatted as
     * text ("@"), so that editing the cell keeps it text. One per base style.
     */
    XSSFCellStyle asText(XSSFCellStyle base) {
      return asText.computeIfAbsent(base, b -> {
        XSSFCellStyle s = wb.createCellStyle();
        s.cloneStyleFrom(b);
        s.setQuotePrefixed(true);
        s.setDataFormat(wb.createDataFormat().getFormat("@"));
        return s;
      });
    }

    private static XSSFCellStyle unlocked(XSSFWorkbook wb, XSSFFont f) {
      XSSFCellStyle s = wb.createCellStyle();
      s.setFont(f);
      s.setLocked(false);
      s.setVerticalAlignment(VerticalAlignment.CENTER);
      return s;
    }
  }

  /** The allowed 分值 of an item as the hidden lookup table holds them: {@code ,-5,-3,}, or {@code any}. */
  static String allowed(List<BigDecimal> fixed) {
    return fixed.isEmpty() ? "any"
        : "," + fixed.stream().map(p -> p.stripTrailingZeros().toPlainString()).collect(Collectors.joining(",")) + ",";
  }
}
