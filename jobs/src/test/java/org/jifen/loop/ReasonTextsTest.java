package org.jifen.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jifen.ingest.read.FileProblem;
import org.junit.jupiter.api.Test;

/**
 * Every reason code ingestion can produce has a Chinese text, and every text belongs to a code that
 * exists: the codes are collected from the sources that produce them (the conform SQL, FileProblem,
 * the parse tasks and file loader) and from docs/faulty-inputs.md.
 */
class ReasonTextsTest {
  private static final ReasonTexts.Names NAMES = new ReasonTexts.Names() {
    @Override
    public String item(int year, String code) {
      return "B2".equals(code) ? "B2（执行纪律合格）" : code;
    }

    @Override
    public String branch(String code) {
      return code + "（某党支部）";
    }
  };

  static Path repo() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("sql/staging")) && Files.isDirectory(p.resolve("jobs"))) {
        return p;
      }
    }
    throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
  }

  private static Set<String> matches(Path file, Pattern p) throws IOException {
    Set<String> out = new TreeSet<>();
    Matcher m = p.matcher(Files.readString(file, StandardCharsets.UTF_8));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** Codes the conform SQL writes: every quoted upper-case literal of sql/staging and sql/quarantine. */
  static Set<String> sqlCodes() throws IOException {
    Set<String> codes = new TreeSet<>();
    Pattern literal = Pattern.compile("'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'");
    for (String dir : List.of("sql/staging", "sql/quarantine")) {
      try (Stream<Path> files = Files.list(repo().resolve(dir))) {
        for (Path f : files.filter(x -> x.toString().endsWith(".sql")).toList()) {
          codes.addAll(matches(f, literal));
        }
      }
    }
    return codes;
  }

  /** Codes the readers and loaders give whole files: FileProblem's constants and the literal codes of ingest. */
  static Set<String> javaCodes() throws Exception {
    Set<String> codes = new TreeSet<>();
    for (Field f : FileProblem.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        codes.add((String) f.get(null));
      }
    }
    Path ingest = repo().resolve("jobs/src/main/java/org/jifen/ingest");
    // `code = … "X" …;`, new LoadException("X", …), new FileProblem("X", …)
    Pattern assigned = Pattern.compile("code = ([^;]*);");
    Pattern quoted = Pattern.compile("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\"");
    Pattern constructed = Pattern.compile("new (?:LoadException|FileProblem)\\(\"([A-Z_]+)\"");
    try (Stream<Path> files = Files.walk(ingest)) {
      for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
        codes.addAll(matches(f, constructed));
        Matcher m = assigned.matcher(Files.readString(f, StandardCharsets.UTF_8));
        while (m.find()) {
          Matcher q = quoted.matcher(m.group(1));
          while (q.find()) {
            codes.add(q.group(1));
          }
        }
      }
    }
    return codes;
  }

  @Test
  void everyCodeOfTheSourcesHasAChineseTextAndNoTextIsStale() throws Exception {
    Set<String> sources = new TreeSet<>(sqlCodes());
    sources.addAll(javaCodes());
    assertTrue(sources.size() >= 38, "codes found in the sources: " + sources);
    Set<String> missing = new TreeSet<>(sources);
    missing.removeAll(ReasonTexts.codes());
    assertEquals(Set.of(), missing, "codes without a Chinese text");
    Set<String> stale = new TreeSet<>(ReasonTexts.codes());
    stale.removeAll(sources);
    assertEquals(Set.of(), stale, "texts for codes no source produces");
  }

  @Test
  void everyCodeTheFaultyInputsDocNamesHasAText() throws Exception {
    Set<String> documented = matches(repo().resolve("docs/faulty-inputs.md"),
        Pattern.compile("`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`"));
    assertTrue(documented.size() >= 35, documented.toString());
    for (String code : documented) {
      assertTrue(ReasonTexts.known(code), code);
    }
  }

  @Test
  void everyTextIsPlainChineseAndSaysWhatHappenedToTheRowOrFile() {
    for (String code : ReasonTexts.codes()) {
      ReasonTexts.Found f = new ReasonTexts.Found(code, "2025Q2", "积分明细", 7, "分值", "X1",
          "2025Q2/QS01B02_2025Q2.xlsx, sheet 积分明细, row 7, column 分值: something (expected one of -5, -3)");
      String text = ReasonTexts.explain(f, NAMES);
      assertTrue(text.codePoints().filter(c -> c >= 0x4E00 && c <= 0x9FFF).count() >= 20, code + ": " + text);
      assertFalse(text.matches("(?s).*\\b(expected|is not|sheet|row|column)\\b.*"), code + " shows English: " + text);
      switch (ReasonTexts.scope(code)) {
        case FILE -> assertTrue(text.contains("整份台账未能接收") || text.contains("未予接收"), code + ": " + text);
        case ROW -> assertTrue(text.contains("本行未计入") || text.contains("暂不计入"), code + ": " + text);
        case WARNING -> assertTrue(text.contains("已按封面计入"), code + ": " + text);
      }
      assertFalse(ReasonTexts.title(code).isBlank());
    }
  }

  /** File formats and tools a branch knows by their English names; any other English word is a leak. */
  static final Set<String> ASCII_ALLOWED = Set.of("Excel", "WPS", "CSV", "UTF", "GBK", "xlsx", "xls", "zip", "csv");
  private static final Pattern ASCII_WORD = Pattern.compile("(?<![A-Za-z0-9])[A-Za-z]{2,}(?![A-Za-z0-9])");

  /** The English words of a text outside {@link #ASCII_ALLOWED} (item and branch codes mix in digits and pass). */
  static Set<String> englishWords(String text) {
    Set<String> words = new TreeSet<>();
    Matcher m = ASCII_WORD.matcher(text);
    while (m.find()) {
      if (!ASCII_ALLOWED.contains(m.group())) {
        words.add(m.group());
      }
    }
    return words;
  }

  /**
   * The messages ingest writes for a code under a scheme, as sql/staging and the readers format
   * them (every item of the scheme for the 分值 codes, the scheme's grades for 民主评议); values
   * found in the branch's file are Chinese or numbers here, so that any English word in the text is
   * the receipt's own.
   */
  static List<String> messages(String code, org.jifen.scheme.Scheme scheme) {
    String at = "2025Q2/QS01B02_2025Q2.xlsx, sheet 积分明细, row 7, column 分值: ";
    List<String> out = new java.util.ArrayList<>();
    switch (code) {
      case "POINTS_NOT_NUMBER", "POINTS_SIGN", "POINTS_NOT_ALLOWED" -> {
        for (org.jifen.scheme.ItemRule i : scheme.itemRules()) {
          if (i.sign() == 0) {
            continue;
          }
          String signWord = i.sign() > 0 ? "a positive number" : "a negative number";
          String fixed = i.fixedPoints().stream().map(p -> p.setScale(2).toPlainString())
              .collect(java.util.stream.Collectors.joining(", "));
          switch (code) {
            case "POINTS_NOT_NUMBER" -> {
              out.add(at + "分值 is blank; item " + i.code() + " needs its points (expected one of "
                  + (fixed.isEmpty() ? signWord : fixed) + ")");
              out.add(at + "分值 \"三分\" is not a number (expected " + signWord + ")");
            }
            case "POINTS_SIGN" -> out.add(at + "分值 3 has the wrong sign for item " + i.code() + " (expected "
                + (i.sign() > 0 ? "a positive bonus" : "a negative deduction") + ")");
            default -> {
              if (!fixed.isEmpty()) {
                out.add(at + "分值 -4 is not allowed for item " + i.code() + " (expected one of " + fixed + ")");
              }
            }
          }
        }
      }
      case "EVALUATION_GRADE_UNKNOWN" -> out.add(at + "评议等次 \"良\" is not a grade the scheme maps (expected one of "
          + String.join(", ", new TreeSet<>(scheme.evaluationGrades())) + ")");
      case "VALUE_TOO_LONG" -> {
        out.add(at + "依据 has 1100000 characters (expected at most 10000: a longer value is taken as a paste error "
            + "or a damaged file)");
        out.add("f, sheet 封面 row 3, column B: the value of 支部名称 has 5000 characters (expected at most 1000: a name "
            + "or code, not a pasted text)");
      }
      case "COVER_INCOMPLETE" -> {
        out.add("f: 封面 row 2, column B: 支部编码 is missing");
        out.add("封面 row 5, column B: 年度/季度 are \"二〇二五\"/\"二\" (expected a year like 2025 and a quarter 1-4)");
      }
      case "NO_COVER" -> out.add("x.xlsx: no sheet named 封面; found 名册, 积分明细");
      case "AMBIGUOUS_SHEETS" -> out.add("x.xlsx: 2 sheets could each be the 名册 sheet: '名册', '名册 ' (hidden); keep "
          + "exactly one sheet named 名册");
      case "ZIP_ENTRY_PATH" -> out.add("x.zip: entry '台账/名册.csv' is outside the folder");
      case "DUPLICATE_ROSTER_ROW" -> out.add(at + "党员编号 DY1 already appears on row 2 of this roster (expected each "
          + "member once)");
      case "MEMBER_CONFLICT" -> out.add(at + "党员编号 DY1 is on the rosters of branches QS01B04, QS03B01 in 2025Q2 "
          + "(expected one branch per member and quarter; the rows are held back until it is resolved)");
      case "FILE_NAME_BRANCH" -> out.add("2025Q2/QS01B02_2025Q2.xlsx: the file name names branch QS01B02 but the cover "
          + "(封面, 支部编码) says QS01B03; accepted as QS01B03 (the cover decides)");
      default -> out.add(at + "something is wrong with this value (expected something else)");
    }
    return out;
  }

  /**
   * Issue 19 point 6: no receipt text carries an English fragment of a message ("该项目的分值应为a
   * positive number之一"), for every reason code under each of the three reference schemes.
   */
  @Test
  void noReceiptTextCarriesEnglishForAnyCodeOfTheReferenceSchemes() {
    int texts = 0;
    for (String id : List.of("district-100", "branch-80-20", "vanguard-8-2")) {
      org.jifen.scheme.Scheme scheme = org.jifen.scheme.Schemes.load(id);
      for (String code : ReasonTexts.codes()) {
        for (String message : messages(code, scheme)) {
          for (String raw : java.util.Arrays.asList("", "三分", null)) {
            ReasonTexts.Found f = new ReasonTexts.Found(code, "2025Q2", "积分明细", 7, "分值", raw, message);
            String text = ReasonTexts.explain(f, NAMES) + ReasonTexts.title(code) + f.shown();
            assertEquals(Set.of(), englishWords(text), id + " " + code + ": " + text);
            texts++;
          }
        }
      }
    }
    assertTrue(texts > 300, "texts checked: " + texts);
    assertEquals("项目A5的分值未填写，本行未计入。该项目的分值应为正数（加分）。", ReasonTexts.explain(
        new ReasonTexts.Found("POINTS_NOT_NUMBER", "2025Q2", "积分明细", 7, "分值", "",
            "…: 分值 is blank; item A5 needs its points (expected one of a positive number)"), NAMES));
    assertEquals("项目B1的分值未填写，本行未计入。该项目的分值应为-5.00、-3.00之一。", ReasonTexts.explain(
        new ReasonTexts.Found("POINTS_NOT_NUMBER", "2025Q2", "积分明细", 7, "分值", "",
            "…: 分值 is blank; item B1 needs its points (expected one of -5.00, -3.00)"), NAMES));
  }

  /** Issue 19 point 6: a long value is shown by its start and its real length, never cut silently at a cell's limit. */
  @Test
  void aLongValueIsShownWithItsRealLength() {
    String big = "据".repeat(1_100_000);
    assertEquals("据".repeat(40) + "……（共1100000个字符）", ReasonTexts.shown("项目编码", big));
    assertEquals("据".repeat(200), ReasonTexts.shown("项目编码", "据".repeat(200)));
  }

  @Test
  void textsAreFilledWithTheColumnTheValueAndTheDetailsOfTheMessage() {
    assertEquals("项目编码“Z9”不是2025年度积分方案中的项目，本行未计入。请对照《说明》中的项目编码表填写。",
        ReasonTexts.explain(new ReasonTexts.Found("UNKNOWN_ITEM", "2025Q1", "积分明细", 39, "项目编码", "Z9",
            "2025Q1/QS01B02_2025Q1.xlsx, sheet 积分明细, row 39, column 项目编码: 项目编码 \"Z9\" is not an item of "
                + "the scheme in force for 2025"), NAMES));
    String allowed = ReasonTexts.explain(new ReasonTexts.Found("POINTS_NOT_ALLOWED", "2025Q3", "积分明细", 7, "分值",
        "-4", "f, sheet 积分明细, row 7, column 分值: 分值 -4 is not allowed for item B2 (expected one of -5, -3)"), NAMES);
    assertEquals("项目B2（执行纪律合格）的分值只能是-5、-3，此处填写为“-4”，本行未计入。请按积分方案规定的分值填写。", allowed);
    String sign = ReasonTexts.explain(new ReasonTexts.Found("POINTS_SIGN", "2025Q1", "积分明细", 40, "分值", "5",
        "…: 分值 5 has the wrong sign for item B2 (expected a negative deduction)"), NAMES);
    assertTrue(sign.startsWith("项目B2（执行纪律合格）是扣分项，分值应为负数，此处填写为“5”"), sign);
    String words = ReasonTexts.explain(new ReasonTexts.Found("POINTS_NOT_NUMBER", "2025Q1", "积分明细", 52, "分值", "三分",
        "…: 分值 \"三分\" is not a number (expected a positive number)"), NAMES);
    assertEquals("分值填写为“三分”，不是数字（如“三分”应写成“3”），本行未计入。该项目的分值应为正数（加分）。", words);
    String outside = ReasonTexts.explain(new ReasonTexts.Found("DATE_OUTSIDE_QUARTER", "2025Q2", "积分明细", 9, "日期",
        "2025年3月28日", "…"), NAMES);
    assertTrue(outside.startsWith("日期“2025年3月28日”不在本季度（2025年4月1日至6月30日）内"), outside);
    String conflict = ReasonTexts.explain(new ReasonTexts.Found("MEMBER_CONFLICT", "2025Q3", "名册", 10, "党员编号",
        "DY711434", "…: 党员编号 DY711434 is on the rosters of branches QS01B04, QS03B01 in 2025Q3 (expected one branch "
            + "per member and quarter; …)"), NAMES);
    assertTrue(conflict.contains("同时出现在QS01B04（某党支部）和QS03B01（某党支部）的名册中"), conflict);
    String duplicate = ReasonTexts.explain(new ReasonTexts.Found("DUPLICATE_ROSTER_ROW", "2025Q3", "名册", 3, "党员编号",
        "DY1", "…: 党员编号 DY1 already appears on row 2 of this roster (expected each member once)"), NAMES);
    assertTrue(duplicate.startsWith("党员编号“DY1”在名册中重复出现（第2行已有）"), duplicate);
    String period = ReasonTexts.explain(new ReasonTexts.Found("PERIOD_MISMATCH", "2025Q3", "封面", 5, "B", "2025/2",
        "…"), NAMES);
    assertTrue(period.contains("封面填写的年度/季度为“2025/2”，与本次报送的2025年第三季度不一致")
        && period.contains("把封面年度改为2025、季度改为3"), period);
    String ambiguous = ReasonTexts.explain(new ReasonTexts.Found("AMBIGUOUS_SHEETS", "2025Q1", "名册", null, null, null,
        "x.xlsx: 2 sheets could each be the 名册 sheet: '名册', '名册 ' (hidden); keep exactly one sheet named 名册 …"),
        NAMES);
    assertTrue(ambiguous.contains("“名册”（即名册、名册 （隐藏））"), ambiguous);
    String longCover = ReasonTexts.explain(new ReasonTexts.Found("VALUE_TOO_LONG", "2025Q1", "封面", 3, "B",
        "(5000 characters)", "f, sheet 封面 row 3, column B: the value of 支部名称 has 5000 characters (expected at most "
            + "1000: a name or code, not a pasted text)"), NAMES);
    assertTrue(longCover.startsWith("封面“支部名称”的内容有5000个字符，超过该栏允许的1000个字符") && longCover.contains("整份台账未能接收"),
        longCover);
  }

  @Test
  void aNationalIdIsShownByItsLastFourCharactersOnly() {
    // The one quarantine value that can hold a 身份证号: VALUE_TOO_LONG on the roster's 身份证号 column
    // (stg_roster: the first 40 characters and the length); any other value of that column is masked too.
    String id = "11010119900307851X";
    String shown = ReasonTexts.shown("身份证号", id);
    assertTrue(shown.endsWith("851X") && !shown.contains("1101011990"), shown);
    assertEquals(id.length(), shown.length());
    String cut = ReasonTexts.shown("身份证号", id + id + "1234… (1200 characters)");
    assertEquals("（共1200个字符，内容已隐去）", cut);
    String text = ReasonTexts.explain(new ReasonTexts.Found("VALUE_TOO_LONG", "2025Q1", "名册", 4, "身份证号",
        id + id + "1234… (1200 characters)", "f, sheet 名册, row 4, column 身份证号: 身份证号 has 1200 characters "
            + "(expected at most 1000: a longer value is taken as a paste error or a damaged file)"), NAMES);
    assertFalse(text.contains("1101"), text);
    assertEquals("某某某……（共2000个字符）", ReasonTexts.shown("依据", "某某某… (2000 characters)"));
    assertEquals("Z9", ReasonTexts.shown("项目编码", "Z9"));
  }
}
