package org.jifen.loop;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every reason code of ingestion (quarantine/rows, FileProblem, the FILE_NAME_BRANCH warning)
 * explained to the branch in plain Chinese: what was found, what was expected, what to do. The
 * explanation is filled with the row's column and value; details only the English message holds
 * (allowed points, the other branch of a conflict, limits) are taken from it.
 * {@code ReasonTextsTest} checks that every code the SQL and Java sources produce has a text here.
 */
public final class ReasonTexts {
  /** What a code is about. */
  public enum Scope {
    /** The whole file was rejected. */
    FILE,
    /** One row was quarantined. */
    ROW,
    /** The file was taken; something looks wrong. */
    WARNING
  }

  /** The column whose values are national IDs: shown masked to the last four characters. */
  public static final String ID_COLUMN = org.jifen.ingest.NationalIds.COLUMN;

  /**
   * One problem as the warehouse holds it.
   *
   * @param period the quarter of the ledger ({@code 2025Q2})
   * @param sheet the sheet, or null for a problem of the whole file
   * @param row the 1-based row, or null
   * @param column the column label, or null
   * @param raw the value found, unmasked (masked by {@link #shown()})
   * @param message the English message of the warehouse (details are taken from it, never shown)
   */
  public record Found(String code, String period, String sheet, Integer row, String column, String raw,
      String message) {
    /** The value as the receipt shows it: a national ID masked, a cut-off long value described. */
    public String shown() {
      return ReasonTexts.shown(column, raw);
    }

    int year() {
      return Integer.parseInt(period.substring(0, 4));
    }

    int quarter() {
      return period.charAt(5) - '0';
    }

    /** The first group of {@code regex} in the English message, or null. */
    String detail(String regex) {
      if (message == null) {
        return null;
      }
      Matcher m = Pattern.compile(regex).matcher(message);
      return m.find() ? m.group(1) : null;
    }

    boolean blank() {
      return raw == null || raw.isBlank();
    }
  }

  /** Names the receipt adds to codes: items of the scheme in force, branches of the org tree. */
  public interface Names {
    /** {@code B2（执行纪律合格）}, or the code alone when unknown. */
    String item(int year, String code);

    /** {@code QS01B04（区委政法委机关党支部）}, or the code alone when unknown. */
    String branch(String code);

    /** Names that add nothing to the codes. */
    Names NONE = new Names() {
      @Override
      public String item(int year, String code) {
        return code;
      }

      @Override
      public String branch(String code) {
        return code;
      }
    };
  }

  private record Text(String title, Scope scope, TextFunction explain) {}

  @FunctionalInterface
  private interface TextFunction {
    String explain(Found f, Names names);
  }

  private static final Pattern TOO_LONG_RAW = Pattern.compile("(?s)^(.*?)… \\((\\d+) characters\\)$");
  private static final Pattern COVER_TOO_LONG = Pattern.compile("^\\((\\d+) characters\\)$");
  /** A comma-separated list of numbers, as the messages give a scheme's fixed points: {@code -5, -3}. */
  private static final Pattern NUMBERS = Pattern.compile("-?\\d+(?:\\.\\d+)?(?:,\\s*-?\\d+(?:\\.\\d+)?)*");
  /** The longest value a receipt shows whole; a longer one is shown by its first {@link #SHOWN_START} characters. */
  static final int SHOWN_MAX = 200;
  static final int SHOWN_START = 40;
  private static final String ROW_OUT = "本行未计入。";
  private static final String FILE_OUT = "整份台账未能接收，本支部本季度不算已报送。";
  private static final Map<String, Text> TEXTS = new LinkedHashMap<>();

  static {
    // ---- whole files: reading ----
    file("FILE_CORRUPT", "文件损坏或不完整", (f, n) -> "文件已损坏或不完整，无法打开读取" + where(f) + "，" + FILE_OUT
        + "请确认文件在本机能正常打开，重新导出后再报送（不要修改文件扩展名，传送时确认文件完整）。");
    file("FILE_ENCRYPTED", "文件加密或为旧版格式", (f, n) -> "文件设置了打开密码，或是旧版Excel（.xls）格式，系统无法读取，"
        + FILE_OUT + "请取消密码，另存为.xlsx格式后重新报送。");
    file("FILE_EMPTY", "空文件", (f, n) -> "文件是空的（没有任何内容" + where(f) + "），" + FILE_OUT
        + "请确认选对了文件，报送填写好的台账。");
    file("EMPTY_WORKBOOK", "空白工作簿", (f, n) -> "工作簿中各工作表都没有内容，可能误报送了空白文件，" + FILE_OUT
        + "请报送填写好的台账（含封面、名册、积分明细）。");
    file("FILE_TOO_LARGE", "文件过大", (f, n) -> "文件（或压缩包解压后）超过系统允许的大小，为防止异常文件，未予读取，" + FILE_OUT
        + "请检查是否把图片等其他材料放进了台账，只保留台账工作表后重新报送。");
    file("NO_COVER", "缺少封面", (f, n) -> "文件中没有名为“封面”的工作表" + listed(f, "found (.+)$", "文件中的工作表")
        + "，无法确定支部和季度，" + FILE_OUT + "请使用统一模板，保留“封面”并填写支部编码、年度、季度后重新报送。");
    file("LAYOUT_UNRECOGNISED", "表头无法识别", (f, n) -> "工作表“" + nz(f.sheet(), "台账") + "”前30行中找不到表头行"
        + "（应有“党员编号”“姓名”等列名），" + FILE_OUT + "请使用统一模板，不要删除或改动表头行的列名。");
    file("ENCODING_UNDETECTED", "文字编码无法识别", (f, n) -> "CSV文件" + quoted(f.sheet()) + "的文字编码无法识别"
        + "（既不是UTF-8也不是GBK），中文无法读出，" + FILE_OUT + "请用Excel或WPS另存为“CSV UTF-8”，或直接报送.xlsx文件。");
    file("AMBIGUOUS_SHEETS", "工作表名称重复", (f, n) -> "文件中有多个工作表都可能是“" + nz(f.sheet(), "同一工作表") + "”"
        + listed(f, "could each be the \\S+ \\S+: (.+?); keep", "即") + "，系统无法判断应使用哪一个，" + FILE_OUT
        + "请只保留一个名为“" + nz(f.sheet(), "…") + "”的工作表（删除或改名其他的；如正确的工作表被隐藏，请取消隐藏）后重新报送。");
    file("ZIP_ENTRY_PATH", "压缩包内路径不规范", (f, n) -> "压缩包内的文件路径不符合要求" + listed(f, "entry '([^']+)'", "如")
        + "，" + FILE_OUT + "请把各CSV文件直接放在压缩包内（或全部放在同一个文件夹中）重新压缩后报送。");
    file("SYMLINK_NOT_FOLLOWED", "快捷方式未读取", (f, n) -> "收到的是快捷方式（符号链接），不是台账文件本身，未予读取，"
        + FILE_OUT + "请报送台账文件本身。");
    file("SPECIAL_FILE", "不是普通文件", (f, n) -> "收到的不是普通文件（可能是设备文件或失效的链接），未予读取，" + FILE_OUT
        + "请重新报送台账文件。");
    file("FILE_UNREADABLE", "文件无法读取", (f, n) -> "文件无法从存储中读取（可能传送不完整或权限不足），" + FILE_OUT
        + "请重新报送；如再次出现，请联系区委组织部。");
    file("UNSUPPORTED_FORMAT", "文件格式不支持", (f, n) -> "文件格式不受支持，" + FILE_OUT
        + "台账应为.xlsx工作簿、CSV文件夹或CSV文件的.zip压缩包，请按要求导出后重新报送。");

    // ---- whole files: the cover ----
    file("COVER_INCOMPLETE", "封面信息不全", (f, n) -> f.message() != null && f.message().contains("支部编码 is missing")
        ? "封面缺少“支部编码”，" + FILE_OUT + "请在封面A列写“支部编码”、B列填写本支部的编码后重新报送。"
        : "封面的年度、季度" + listed(f, "are (\"[^\"]*\"/\"[^\"]*\")", "填写为") + "无法识别，" + FILE_OUT
            + "请在封面填写年度（如" + f.year() + "）和季度（1—4的数字）后重新报送。");
    file("UNKNOWN_BRANCH", "支部编码不存在", (f, n) -> "封面的支部编码" + quoted(f.shown()) + "不在区委组织部的组织架构中"
        + "（或不是党支部的编码），" + FILE_OUT + "请核对支部编码；新成立或新调整的党支部，请先通过上级党组织报区委组织部登记。");
    file("PERIOD_MISMATCH", "封面年度季度不符", (f, n) -> "封面填写的年度/季度为" + quoted(f.shown())
        + "，与本次报送的" + periodLabel(f.period()) + "不一致（常见原因：沿用上季度台账未改封面），" + FILE_OUT
        + "请确认台账内容是" + periodLabel(f.period()) + "的，把封面年度改为" + f.year() + "、季度改为" + f.quarter()
        + "后重新报送。");
    file("COVER_INVALID_VERSION", "封面版本无效", (f, n) -> "封面的版本填写为" + quoted(f.shown()) + "，应为1、2、3这样的整数，"
        + FILE_OUT + "首次报送填1（或不填），更正后再次报送时依次加1。");
    file("NO_ROSTER", "缺少名册", (f, n) -> "“名册”工作表缺失或没有列出任何党员，" + FILE_OUT
        + "请在名册中列出本支部全部党员（每人一行，含党员编号）后重新报送。");

    // ---- rows (VALUE_TOO_LONG is also a whole-file reason when it is on the cover) ----
    put("VALUE_TOO_LONG", "内容超长", Scope.ROW, ReasonTexts::tooLong);
    row("ROSTER_NO_MEMBER_CODE", "名册缺党员编号", (f, n) -> "名册第" + f.row() + "行没有填写党员编号，" + ROW_OUT
        + "该党员的积分明细也会因“不在名册中”无法计入。请补填党员编号（新转入的党员请先向上级党组织确认编号）。");
    row("DUPLICATE_ROSTER_ROW", "名册重复", (f, n) -> "党员编号" + quoted(f.shown()) + "在名册中重复出现"
        + nz(wrap("（第", f.detail("appears on row (\\d+)"), "行已有）"), "") + "，" + ROW_OUT
        + "每名党员在名册中只列一次，请删除重复的行。");
    row("INVALID_STANDING", "党员身份不规范", (f, n) -> (f.blank() ? "党员身份未填写" : "党员身份填写为" + quoted(f.shown()))
        + "，应为“正式党员”“预备党员”“入党积极分子”之一，" + ROW_OUT + "请按规范填写。");
    row("INVALID_IN_POINTS_MANAGEMENT", "参加积分管理填写不规范", (f, n) -> "“参加积分管理”填写为" + quoted(f.shown())
        + "，只能填“是”或“否”（填“否”的请在“未参加原因”中写明原因），" + ROW_OUT);
    row("MEMBER_NOT_ON_ROSTER", "党员不在名册中", (f, n) -> f.blank()
        ? nz(f.sheet(), "本表") + "第" + f.row() + "行没有填写党员编号，无法对应到名册中的党员，" + ROW_OUT
            + "请填写该党员在名册中的党员编号。"
        : "党员编号" + quoted(f.shown()) + "不在本台账的名册中，" + ROW_OUT
            + "请核对编号是否填错；如确为本支部党员，请把该党员补充到名册中。");
    row("UNKNOWN_ITEM", "项目编码不存在", (f, n) -> "项目编码" + quoted(f.shown()) + "不是" + f.year() + "年度积分方案中的项目，"
        + ROW_OUT + "请对照《说明》中的项目编码表填写。");
    row("DATE_INVALID", "日期无法识别", (f, n) -> "日期填写为" + quoted(f.shown()) + "，无法识别为日期，" + ROW_OUT
        + "请按“" + f.year() + "-04-15”“" + f.year() + "/4/15”或“" + f.year() + "年4月15日”的样式填写，或使用Excel日期格式。");
    row("DATE_OUTSIDE_QUARTER", "日期不在本季度", (f, n) -> "日期" + quoted(f.shown()) + "不在本季度（" + quarterRange(f)
        + "）内，" + ROW_OUT + "积分应登记在事项发生当季的台账中：日期填错的请更正；属于其他季度的事项，请在该季度的台账中登记。");
    row("POINTS_NOT_NUMBER", "分值不是数字", (f, n) -> {
      return (f.blank() ? item(f, n, "item (\\S+)") + "的分值未填写，"
          : "分值填写为" + quoted(f.shown()) + "，不是数字（如“三分”应写成“3”），")
          + ROW_OUT + "该项目的分值应为" + expectedPoints(f) + "。";
    });
    row("POINTS_SIGN", "分值正负号错误", (f, n) -> {
      boolean bonus = f.message() != null && f.message().contains("positive bonus");
      return item(f, n, "for item (\\S+)") + "是" + (bonus ? "加分项，分值应为正数" : "扣分项，分值应为负数")
          + "，此处填写为" + quoted(f.shown()) + "，正负号相反，" + ROW_OUT + "请更正分值的正负号。";
    });
    row("POINTS_NOT_ALLOWED", "分值不符合规定", (f, n) -> item(f, n, "for item (\\S+)")
        + "的分值只能是" + nz(chineseList(f.detail("expected one of ([^)]+)\\)")), "积分方案规定的分值") + "，此处填写为"
        + quoted(f.shown()) + "，" + ROW_OUT + "请按积分方案规定的分值填写。");
    row("EVALUATION_EMPTY", "民主评议未填写", (f, n) -> "民主评议第" + f.row() + "行的“评议等次”和“评议得分”都是空白，" + ROW_OUT
        + "请至少填写一项（等次如“优秀”“合格”，得分为0—100）。");
    row("EVALUATION_SCORE_INVALID", "评议得分无效", (f, n) -> "评议得分填写为" + quoted(f.shown()) + "，应为0到100之间的数字，"
        + ROW_OUT);
    row("EVALUATION_GRADE_UNKNOWN", "评议等次无效", (f, n) -> "评议等次填写为" + quoted(f.shown()) + "，不是本年度积分方案规定的等次"
        + nz(wrap("（", chineseList(f.detail("expected one of ([^)]+)\\)")), "）"), "") + "，" + ROW_OUT);
    row("ACTION_TYPE_UNKNOWN", "处置类型无效", (f, n) -> (f.blank() ? "处置类型未填写" : "处置类型填写为" + quoted(f.shown()))
        + "，应为“告诫提醒”“帮教整改”“组织处理”之一，" + ROW_OUT);
    row("MEMBER_CONFLICT", "党员同时在两个支部名册", (f, n) -> "党员编号" + quoted(f.shown()) + "本季度同时出现在"
        + branches(f.detail("rosters of branches (.+?) in \\d{4}Q"), n) + "的名册中，该党员本季度在各支部台账中的行都暂不计入统计。"
        + "请与相关支部核实该党员的组织关系：已转出的，请从本支部名册和明细中删除后重新报送；仍在本支部的，请联系对方支部更正。");

    // ---- taken with a warning ----
    put("FILE_NAME_BRANCH", "文件名与封面支部不一致", Scope.WARNING, (f, n) -> "文件名中的支部编码是"
        + nz(f.detail("the file name names branch (.+?) but"), "其他支部") + "，而封面的支部编码是"
        + nz(f.detail("says (\\S+); accepted"), "本支部") + "，已按封面计入本支部。请确认没有误报其他支部的台账；"
        + "如是文件名写错，下次报送时请更正文件名。");
    put("BRANCH_DISSOLVED", "支部已撤销", Scope.WARNING, (f, n) -> "封面的支部编码"
        + quoted(nz(f.detail("branch (\\S+) \\(封面"), nz(f.shown(), "")))
        + "对应的党支部在组织架构中已撤销，台账已按封面计入本支部："
        + "名册中党员本季度的积分照常计算，并计入其全年结果；已撤销的党支部无需报送，也不再单列统计。"
        + "如是支部编码填错（本支部并未撤销），请更正封面后重新报送。");
  }

  private ReasonTexts() {}

  private static void put(String code, String title, Scope scope, TextFunction fn) {
    if (TEXTS.put(code, new Text(title, scope, fn)) != null) {
      throw new IllegalStateException("two texts for " + code);
    }
  }

  private static void file(String code, String title, TextFunction fn) {
    put(code, title, Scope.FILE, fn);
  }

  private static void row(String code, String title, TextFunction fn) {
    put(code, title, Scope.ROW, fn);
  }

  /** Every code with a text, in the order above. */
  public static Set<String> codes() {
    return Collections.unmodifiableSet(TEXTS.keySet());
  }

  /** True when the code has a text. */
  public static boolean known(String code) {
    return TEXTS.containsKey(code);
  }

  /** The kind of problem in a few Chinese words; the code itself when unknown. */
  public static String title(String code) {
    Text t = TEXTS.get(code);
    return t == null ? code : t.title();
  }

  /** What the code is about (an unknown code counts as a row problem). */
  public static Scope scope(String code) {
    Text t = TEXTS.get(code);
    return t == null ? Scope.ROW : t.scope();
  }

  /** The explanation of one problem, in Chinese. */
  public static String explain(Found f, Names names) {
    Text t = TEXTS.get(f.code());
    if (t == null) {
      return "发现问题（代码" + f.code() + "）" + (f.row() == null ? "，整份台账未能接收。" : "，" + ROW_OUT)
          + "请联系区委组织部了解详情。";
    }
    return t.explain().explain(f, names == null ? Names.NONE : names);
  }

  /**
   * A value as a receipt shows it: a national ID (column {@value #ID_COLUMN}) only by its last four
   * characters, a value the warehouse cut off at 40 characters with its length in Chinese, and a
   * value longer than {@value #SHOWN_MAX} characters by its start and its real length.
   */
  public static String shown(String column, String raw) {
    if (raw == null) {
      return "";
    }
    Matcher cut = TOO_LONG_RAW.matcher(raw);
    Matcher cover = COVER_TOO_LONG.matcher(raw);
    if (ID_COLUMN.equals(column)) {
      String masked = org.jifen.ingest.NationalIds.mask(raw);
      Matcher length = TOO_LONG_RAW.matcher(masked);
      return length.matches() ? "（共" + length.group(2) + "个字符，内容已隐去）" : masked;
    }
    if (cut.matches()) {
      return cut.group(1) + "……（共" + cut.group(2) + "个字符）";
    }
    if (cover.matches()) {
      return "（共" + cover.group(1) + "个字符）";
    }
    if (raw.length() > SHOWN_MAX) {
      // A long value within its column's limit: its start and its real length, never silently cut.
      int end = Character.isHighSurrogate(raw.charAt(SHOWN_START - 1)) ? SHOWN_START - 1 : SHOWN_START;
      return raw.substring(0, end) + "……（共" + raw.length() + "个字符）";
    }
    return raw;
  }

  // ---- pieces of texts ------------------------------------------------------------------------

  private static String tooLong(Found f, Names n) {
    boolean onCover = "封面".equals(f.sheet());
    String label = onCover ? f.detail("the value of (\\S+) has") : f.column();
    String chars = f.detail("has (\\d+) characters");
    String max = f.detail("at most (\\d+)");
    String head = (onCover ? "封面" : "") + "“" + nz(label, "该栏") + "”的内容有" + nz(chars, "过多") + "个字符，超过该栏允许的"
        + nz(max, "上限") + "个字符，系统视为误粘贴或文件损坏，";
    return onCover ? head + FILE_OUT + "请把封面改为正常内容后重新报送。"
        : head + ROW_OUT + "请检查并改为正常内容（例如删去误粘贴的大段文字）。";
  }

  /** {@code 项目B2（执行纪律合格）} for the item the message names, {@code 该项目} when it names none. */
  private static String item(Found f, Names n, String regex) {
    String code = f.detail(regex);
    return code == null ? "该项目" : "项目" + n.item(f.year(), code);
  }

  private static String where(Found f) {
    return f.sheet() == null ? "" : "（工作表“" + f.sheet() + "”）";
  }

  private static String quoted(String s) {
    return "“" + (s == null ? "" : s) + "”";
  }

  private static String nz(String s, String otherwise) {
    return s == null || s.isBlank() ? otherwise : s;
  }

  private static String wrap(String before, String s, String after) {
    return s == null ? null : before + s + after;
  }

  /** "（文件中的工作表：名册、积分明细）" from a comma-separated list in the message; empty when absent. */
  private static String listed(Found f, String regex, String label) {
    String list = f.detail(regex);
    if (list == null) {
      return "";
    }
    List<String> items = new ArrayList<>();
    for (String s : list.split(",\\s*")) {
      items.add(s.strip().replace("'", "").replace("\"", "").replace(" (hidden)", "（隐藏）"));
    }
    return "（" + label + (label.endsWith("如") || label.endsWith("即") ? "" : "：") + String.join("、", items) + "）";
  }

  /** "-5、-3" from "-5, -3". */
  private static String chineseList(String list) {
    return list == null ? null : String.join("、", list.split(",\\s*"));
  }

  /**
   * What the scheme allows as 分值 of the row's item, in Chinese: its fixed values ("-5、-3之一",
   * "-5"), else a positive or negative number. The message says it in English ("expected one of
   * -5, -3", "expected one of a positive number"): only a list of numbers is taken from it.
   */
  private static String expectedPoints(Found f) {
    String expected = f.detail("\\(expected (?:one of )?([^)]+)\\)");
    if (expected != null && NUMBERS.matcher(expected.strip()).matches()) {
      String list = chineseList(expected.strip());
      return list.contains("、") ? list + "之一" : list;
    }
    String m = f.message() == null ? "" : f.message();
    if (m.contains("positive")) {
      return "正数（加分）";
    }
    return m.contains("negative") ? "负数（扣分）" : "积分方案规定的分值";
  }

  private static String branches(String list, Names n) {
    if (list == null) {
      return "两个党支部";
    }
    List<String> out = new ArrayList<>();
    for (String code : list.split(",\\s*")) {
      out.add(n.branch(code.strip()));
    }
    return String.join("和", out);
  }

  /** {@code 2025年第二季度}. */
  static String periodLabel(String period) {
    return period.substring(0, 4) + "年第" + "一二三四".charAt(period.charAt(5) - '1') + "季度";
  }

  private static String quarterRange(Found f) {
    LocalDate start = LocalDate.of(f.year(), f.quarter() * 3 - 2, 1);
    LocalDate end = start.plusMonths(3).minusDays(1);
    return start.getYear() + "年" + start.getMonthValue() + "月" + start.getDayOfMonth() + "日至"
        + end.getMonthValue() + "月" + end.getDayOfMonth() + "日";
  }
}
