package org.jifen.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFooter;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What leaders read must not contradict itself (issue 19, point 7), read back from the rendered
 * Word report and workbook of {@link MartFixture} with what the issue found in the demo added: a
 * branch flagged for 人情分 that ranks first and has 优秀候选, p-values as small as 4.4e-8, a
 * signal that fired in two quarters and in the year's own figures, long signal details, and
 * 不合格 members whose reason the mart gives only as "不合格 0.0".
 */
class LeaderPacksTest {
  static final Instant T = Instant.parse("2025-10-15T02:30:00Z");

  /** The branch of the fixture with the highest Q2 mean, flagged for 优秀占比畸高 in Q1, Q2 and the year. */
  static final String TOP = "青山实验小学党支部";

  /** The mart's wording of a long detail (the demo's), which the workbook printed as it came. */
  static final String LONG_DETAIL = "250名已评定党员中200人获优秀（全区基线32.0%），偶然出现的概率不足百万分之一；"
      + "按本期参与检验的7个党支部做多重比较校正后仍显著（显著性水平0.05）";

  @TempDir
  static Path tmp;
  static Path normal;
  static Path restricted;

  @BeforeAll
  static void build() throws Exception {
    normal = leaderCase(MartFixture.build(tmp.resolve("jifen.duckdb"), false), false);
    restricted = leaderCase(MartFixture.build(tmp.resolve("jifen-restricted.duckdb"), true), true);
  }

  /**
   * The fixture with the cases: p-values (4.4e-8 for the first-ranked branch's Q2 signal,
   * 2e-5 for 全员无扣分), the first-ranked branch also flagged in the year's own figures, long details,
   * two more 不合格 members in Q2 (one with a low score, one whose reason the mart already says),
   * and the member facts a 不合格 reason is derived from (a V12 veto in Q2).
   */
  static Path leaderCase(Path mart, boolean named) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + mart.toAbsolutePath());
         Statement st = c.createStatement()) {
      st.execute("ALTER TABLE branch_attention ADD COLUMN p_value DOUBLE");
      st.execute("UPDATE branch_attention SET p_value = 0.3");
      st.execute("UPDATE branch_attention SET p_value = 4.4e-8, detail = '" + LONG_DETAIL + "'"
          + " WHERE period = '2025Q2' AND branch_code = 'QS01Z01B02'");
      st.execute("UPDATE branch_attention SET p_value = 9.8e-7, detail = '" + LONG_DETAIL + "'"
          + " WHERE period = '2025Q1' AND branch_code = 'QS01Z01B02'");
      st.execute("UPDATE branch_attention SET p_value = 2e-5, detail = '190名已评定党员本季度无人被扣分（全区有扣分的党员占41.0%），"
          + "偶然出现的概率约为0.0000；按本期参与检验的7个党支部做多重比较校正后仍显著（显著性水平0.05）'"
          + " WHERE period = '2025Q2' AND branch_code = 'QS02B01'");
      st.execute("INSERT INTO branch_attention SELECT '2025', 2025, NULL, branch_code, branch_name, committee_code, signal,"
          + " signal_label, 1000, 3500, true, 0.7900, 0.3150, 0.6150, true, '" + LONG_DETAIL + "', computed_at, 2e-7"
          + " FROM branch_attention WHERE period = '2025Q2' AND branch_code = 'QS01Z01B02'");

      String veto = MartFixture.memberKey("QS020201");
      String low = MartFixture.memberKey("QS010003");
      String said = MartFixture.memberKey("QS010004");
      for (String[] m : new String[][] {{low, "QS010003", "赵六", "45.0", "不合格 45.0"},
          {said, "QS010004", "孙八", "0.0", "一票否决：V11 违规上访"}}) {
        st.execute("INSERT INTO watch_lists VALUES ('2025Q2', 'quarter', 2025, 2, 'fail', '不合格', '" + m[0] + "',"
            + " 'QS01B01', '区委办公室党支部', 'QS01', '正式党员', '在职', 'graded', " + m[3] + ", '不合格', 150, NULL, NULL,"
            + " NULL, '" + m[4] + "', TIMESTAMPTZ '2025-10-12T07:00:00Z')");
        if (named) {
          st.execute("INSERT INTO member_identity VALUES ('" + m[0] + "', '" + m[1] + "', '" + m[2] + "')");
        }
      }
      st.execute("CREATE TABLE member_quarter (member_key VARCHAR, period VARCHAR, year INTEGER, quarter INTEGER,"
          + " branch_code VARCHAR, veto BOOLEAN, hard_fail BOOLEAN, zeroed BOOLEAN, score DECIMAL(5,1), grade VARCHAR)");
      st.execute("INSERT INTO member_quarter VALUES ('" + veto + "', '2025Q2', 2025, 2, 'QS02B02', true, false, false, 0.0, '不合格'),"
          + " ('" + low + "', '2025Q2', 2025, 2, 'QS01B01', false, false, false, 45.0, '不合格')");
      st.execute("CREATE TABLE member_year (member_key VARCHAR, year INTEGER, period VARCHAR, branch_code VARCHAR,"
          + " veto BOOLEAN, hard_fail BOOLEAN, zeroed BOOLEAN, score DECIMAL(5,1), grade VARCHAR, disposal BOOLEAN)");
      st.execute("INSERT INTO member_year VALUES ('" + veto + "', 2025, '2025', 'QS02B02', true, false, false, 0.0,"
          + " '不合格', true)");
      st.execute("CREATE TABLE member_score_lines (member_key VARCHAR, period VARCHAR, year INTEGER, quarter INTEGER,"
          + " branch_code VARCHAR, line_no INTEGER, line_kind VARCHAR, component VARCHAR, item_code VARCHAR,"
          + " item_name VARCHAR, value DECIMAL(9,4), contribution DECIMAL(9,4))");
      st.execute("INSERT INTO member_score_lines VALUES"
          + " ('" + veto + "', '2025Q2', 2025, 2, 'QS02B02', 1, 'start', 'base', 'B2', '执行纪律合格', 20, 20),"
          + " ('" + veto + "', '2025Q2', 2025, 2, 'QS02B02', 2, 'entry', 'base', 'B2', '执行纪律合格', -5, -5),"
          + " ('" + veto + "', '2025Q2', 2025, 2, 'QS02B02', 3, 'entry', NULL, 'V12', '被立案审查或处于处分期', 0, 0),"
          + " ('" + veto + "', '2025Q2', 2025, 2, 'QS02B02', 4, 'flag', NULL, NULL, NULL, -95, -95)");
      st.execute("CHECKPOINT");
    }
    return mart;
  }

  static ReportPack render(Path mart, String period, String unit) throws Exception {
    return ReportPacks.render(mart, period, List.of(unit), tmp.resolve("out-" + mart.getFileName() + "-" + period),
        PackOptions.of("t").withGeneratedAt(T)).get(0);
  }

  // ---- 1. page 1 states the main problems; flagged branches are marked wherever they appear ----------

  @Test
  void pageOneNamesTheMainProblemsAndFlaggedBranchesAreMarkedWhereverTheyAppear() throws Exception {
    ReportPack p = render(restricted, "2025Q2", "QS");
    try (XWPFDocument doc = ReportPacksTest.document(p)) {
      List<String> keyPoints = new ArrayList<>();
      for (XWPFParagraph x : doc.getParagraphs()) {
        if (x.getText().startsWith("一、")) {
          break; // 主要问题 comes before the first numbered section, on page 1
        }
        if ("KeyPoint".equals(x.getStyle())) {
          keyPoints.add(x.getText());
        }
      }
      assertEquals(3, keyPoints.size(), keyPoints.toString());
      assertEquals("1．2个党支部的积分评定出现异常信号，可能存在“人情分”（详见表6）；其中" + TOP + "平均分排名第1，"
          + "优秀候选4名中有2名来自这些党支部，表中以※标注，宜核实后使用。", keyPoints.get(0));
      assertEquals("2．不合格党员3名，其中一票否决2名，逐人原因见统计表“重点名单”工作表。", keyPoints.get(1));
      assertEquals("3．本季度1个党支部未报送台账、1个逾期报送（详见表5）。", keyPoints.get(2));

      String prose = String.join("\n", ReportProseTest.prose(doc));
      assertTrue(prose.contains("第一名" + TOP + "（93.10分；该支部出现需关注信号，见表6）"), prose);

      XWPFTable ranking = ReportProseTest.table(doc, "党支部平均分排名");
      assertEquals(TOP + Narrative.MARK, ranking.getRow(1).getCell(1).getText());
      assertEquals("区委办公室党支部", cellOf(ranking, "区委办公室党支部"), "an unflagged branch is not marked");
      assertTrue(allText(doc).contains("注：" + Narrative.MARK_LEGEND + "，信号详见表6。"));
    }
    try (Workbook wb = ReportPacksTest.workbook(p)) {
      List<List<String>> rk = ReportPacksTest.rows(wb.getSheet(StatisticsWorkbook.SHEET_RANKING));
      int h = header(rk, "党支部");
      int signals = rk.get(h).indexOf("需关注信号");
      assertEquals("优秀占比畸高", row(rk, 2, TOP).get(signals));
      assertEquals("", row(rk, 2, "区委办公室党支部").get(signals), "flagged only where a signal fired");

      List<List<String>> wl = ReportPacksTest.rows(wb.getSheet(StatisticsWorkbook.SHEET_WATCH));
      int note = wl.get(header(wl, "名单")).indexOf("说明");
      assertEquals("优秀 99.0（本支部第 1 名）；" + StatisticsWorkbook.WATCH_MARK, row(wl, 2, "黄丽").get(note));
      assertEquals("优秀 98.0（本支部第 1 名）", row(wl, 2, "张明").get(note));
      assertTrue(wl.stream().anyMatch(r -> r.get(0).contains(Narrative.MARK) && r.get(0).contains("优秀候选")),
          "the sheet says what the mark means");
    }
  }

  // ---- 2. one probability wording; counts and periods that agree with the table -------------------------

  @Test
  void theWordReportAndTheWorkbookGiveOneProbabilityWording() throws Exception {
    ReportPack p = render(normal, "2025Q2", "QS");
    Map<String, String> word = new LinkedHashMap<>();
    try (XWPFDocument doc = ReportPacksTest.document(p)) {
      XWPFTable flags = ReportProseTest.table(doc, "积分评定异常信号");
      for (XWPFTableRow r : flags.getRows().subList(1, flags.getRows().size())) {
        word.put(r.getCell(0).getText().replaceFirst("^'", "") + "|" + r.getCell(1).getText(), chance(r.getCell(2).getText()));
      }
      String prose = String.join("\n", ReportProseTest.prose(doc));
      assertTrue(prose.contains(TOP + "（优秀占80.0%，全区32.0%，偶然出现的概率不足百万分之一）"), prose);
    }
    assertEquals("不足百万分之一", word.get(TOP + "|优秀占比畸高"), "p = 4.4e-8");
    assertEquals("不足万分之一", word.get(MartFixture.INJECTED_BRANCH + "|全员无扣分"), "p = 2e-5");
    Map<String, String> xlsx = new LinkedHashMap<>();
    try (Workbook wb = ReportPacksTest.workbook(p)) {
      List<List<String>> rows = ReportPacksTest.rows(wb.getSheet(StatisticsWorkbook.SHEET_FLAGS));
      int h = header(rows, "党支部");
      int note = rows.get(h).indexOf("说明");
      for (List<String> r : rows.subList(h + 1, rows.size())) {
        xlsx.put(r.get(1).replaceFirst("^'", "") + "|" + r.get(2), chance(r.get(note)));
      }
    }
    assertEquals(word, xlsx, "the same phrase for the same p-value in both documents");
  }

  @Test
  void theYearsSignalCountAndPeriodsAgreeWithItsTable() throws Exception {
    try (XWPFDocument doc = ReportPacksTest.document(render(normal, "2025", "QS"))) {
      XWPFTable flags = ReportProseTest.table(doc, "积分评定异常信号");
      int rows = flags.getRows().size() - 1;
      assertEquals(2, rows, "a row per branch and signal");
      String prose = ReportProseTest.section(ReportProseTest.prose(doc), "全年2个党支部");
      assertTrue(prose.startsWith("全年2个党支部出现需关注的信号" + rows + "项（各季度和全年共出现4次）"), prose);
      for (XWPFTableRow r : flags.getRows().subList(1, flags.getRows().size())) {
        String periods = r.getCell(2).getText();
        String detail = r.getCell(3).getText();
        Matcher m = Pattern.compile("^(第[一二三四]季度|全年)：").matcher(detail);
        assertTrue(m.find(), "the detail names its period: " + detail);
        String when = m.group(1);
        assertTrue(when.equals("全年") ? periods.endsWith("全年")
            : periods.contains(when.substring(1, 2)) || periods.matches("第.至.季度.*"),
            "the detail's period (" + when + ") is among the row's: " + periods);
      }
      XWPFTableRow top = flags.getRows().stream().filter(r -> r.getCell(0).getText().equals(TOP)).findFirst().orElseThrow();
      assertEquals("第一、二季度\n全年", top.getCell(2).getText());
      assertTrue(top.getCell(3).getText().startsWith("第二季度：优秀占比80.0%"), "the most serious (p = 4.4e-8) is Q2's");
    }
  }

  // ---- 3. titles and headers break between words; wrapped text has room -----------------------------

  /** A committee's pack (a long title) and the district's year (the widest tables). */
  static List<ReportPack> layoutPacks() throws Exception {
    return List.of(render(normal, "2025Q2", "QS02"), render(normal, "2025", "QS"));
  }

  @Test
  void theTitleBreaksBetweenWords() throws Exception {
    for (ReportPack p : layoutPacks()) {
      try (XWPFDocument doc = ReportPacksTest.document(p)) {
        XWPFParagraph title = doc.getParagraphs().stream().filter(x -> "Title".equals(x.getStyle())).findFirst()
            .orElseThrow();
        List<String> lines = new ArrayList<>();
        for (XWPFRun r : title.getRuns()) {
          double pt = r.getFontSizeAsDouble();
          String line = r.text().replace("\n", "");
          // A title line wider than the text area would wrap where the renderer likes (统计分/析报告).
          assertTrue(twips(line, pt) <= AnalysisReport.TEXT_W, "title line fits: " + line + " at " + pt);
          lines.add(line);
        }
        assertEquals(AnalysisReport.title(p.unitName()), String.join("", lines));
      }
    }
    try (XWPFDocument doc = ReportPacksTest.document(render(normal, "2025Q2", "QS02"))) {
      XWPFParagraph title = doc.getParagraphs().stream().filter(x -> "Title".equals(x.getStyle())).findFirst()
          .orElseThrow();
      assertEquals("青山街道党工委\n党员积分管理情况统计分析报告", title.getText(), "broken after the unit's name");
    }
  }

  @Test
  void tableHeadersAndShortValuesFitTheirColumns() throws Exception {
    for (ReportPack p : layoutPacks()) {
      try (XWPFDocument doc = ReportPacksTest.document(p)) {
        for (XWPFTable t : doc.getTables()) {
          List<BigInteger> grid = t.getCTTbl().getTblGrid().getGridColList().stream().map(g -> (BigInteger) g.getW()).toList();
          for (XWPFTableRow r : t.getRows()) {
            for (int c = 0; c < r.getTableCells().size(); c++) {
              String v = r.getCell(c).getText();
              boolean header = r == t.getRow(0);
              if (!header && (v.contains("\n") || width(v) > 16)) {
                continue; // long text and names wrap, as prose does
              }
              for (String line : v.split(header ? "\n" : " ")) {
                // 优秀占比 in a column too narrow reads 优秀占/比.
                assertTrue(twips(line, 9) + 160 <= grid.get(c).intValue(), p.unitCode() + " " + p.period()
                    + ": '" + line + "' needs " + (twips(line, 9) + 160) + " twips, its column has " + grid.get(c));
              }
            }
          }
        }
      }
      try (Workbook wb = ReportPacksTest.workbook(p)) {
        for (Sheet s : wb) {
          for (Row r : s) {
            for (Cell c : r) {
              boolean header = c.getCellType() == CellType.STRING
                  && c.getCellStyle().getFillPattern() == FillPatternType.SOLID_FOREGROUND;
              if (!header || mergedWidth(s, c) != s.getColumnWidth(c.getColumnIndex()) / 256) {
                continue; // a header over several columns has their width
              }
              int chars = mergedWidth(s, c);
              for (String line : c.getStringCellValue().split("\n")) {
                assertTrue(XlsxFormat.displayWidth(line) + 2 <= chars, s.getSheetName() + " header '" + line
                    + "' in a column " + chars + " wide");
              }
            }
          }
        }
      }
    }
  }

  @Test
  void wrappedTextInTheWorkbookHasTheRowHeightItNeeds() throws Exception {
    for (ReportPack p : layoutPacks()) {
      try (Workbook wb = ReportPacksTest.workbook(p)) {
        for (Sheet s : wb) {
          for (Row r : s) {
            for (Cell c : r) {
              if (c.getCellType() != CellType.STRING || c.getStringCellValue().isEmpty()
                  || !c.getCellStyle().getWrapText()) {
                continue;
              }
              String v = c.getStringCellValue();
              int lines = XlsxFormat.wrappedLines(v, mergedWidth(s, c));
              // A row lower than its text: the 需关注支部 sheet's 说明 ran over the rows below.
              float height = mergedHeight(s, c);
              assertTrue(height >= lines * 12, s.getSheetName() + " row " + (r.getRowNum() + 1)
                  + " is " + height + " pt for " + lines + " lines: " + v);
            }
          }
        }
      }
    }
  }

  // ---- 4. no internal names --------------------------------------------------------------------------

  static final Pattern INTERNAL = Pattern.compile(
      "member_key|duckdb|数据集市|数据管理员|jifen|district-100|\\b[a-z]+_[a-z_]+\\b|\\bv_[a-z]", Pattern.CASE_INSENSITIVE);

  @Test
  void leaderDocumentsShowNoInternalNames() throws Exception {
    for (ReportPack p : List.of(render(normal, "2025Q2", "QS"), render(restricted, "2025", "QS"),
        render(restricted, "2025Q2", "QS02"))) {
      List<String> texts = new ArrayList<>();
      try (XWPFDocument doc = ReportPacksTest.document(p)) {
        texts.add(allText(doc));
      }
      try (Workbook wb = ReportPacksTest.workbook(p)) {
        for (Sheet s : wb) {
          texts.add(s.getSheetName());
          for (Row r : s) {
            for (Cell c : r) {
              if (c.getCellType() == CellType.STRING) {
                texts.add(c.getStringCellValue());
              }
            }
          }
          texts.add(s.getFooter().getCenter());
        }
      }
      for (String t : texts) {
        Matcher m = INTERNAL.matcher(t);
        assertFalse(m.find(), p.unitCode() + " " + p.period() + ": '" + (m.hitEnd() ? "" : m.group()) + "' in: " + t);
      }
    }
    // The pseudonymous pack calls the key 代号.
    try (Workbook wb = ReportPacksTest.workbook(render(normal, "2025Q2", "QS"))) {
      List<List<String>> wl = ReportPacksTest.rows(wb.getSheet(StatisticsWorkbook.SHEET_WATCH));
      assertEquals("代号", wl.get(header(wl, "名单")).get(2));
    }
  }

  // ---- 5. the 不合格 list says why ------------------------------------------------------------------

  @Test
  void theFailListSaysWhy() throws Exception {
    try (Workbook wb = ReportPacksTest.workbook(render(restricted, "2025Q2", "QS"))) {
      List<List<String>> wl = ReportPacksTest.rows(wb.getSheet(StatisticsWorkbook.SHEET_WATCH));
      int note = wl.get(header(wl, "名单")).indexOf("说明");
      assertEquals("一票否决：V12 被立案审查或处于处分期", row(wl, 2, "王刚").get(note), "derived from the member facts");
      assertEquals("得分45.0分，处于不合格等次分数段", row(wl, 2, "赵六").get(note), "a low score");
      assertEquals("一票否决：V11 违规上访", row(wl, 2, "孙八").get(note), "the mart's reason when it says why");
    }
    try (Workbook wb = ReportPacksTest.workbook(render(restricted, "2025", "QS"))) {
      List<List<String>> wl = ReportPacksTest.rows(wb.getSheet(StatisticsWorkbook.SHEET_WATCH));
      int note = wl.get(header(wl, "名单")).indexOf("说明");
      assertEquals("一票否决：V12 被立案审查或处于处分期（第二季度），列入不合格党员处置", row(wl, 2, "王刚").get(note));
    }
    // A mart without the member facts: the pack is written and keeps the mart's reason.
    Path plain = MartFixture.build(tmp.resolve("plain-restricted.duckdb"), true);
    try (Workbook wb = ReportPacksTest.workbook(render(plain, "2025Q2", "QS"))) {
      List<List<String>> wl = ReportPacksTest.rows(wb.getSheet(StatisticsWorkbook.SHEET_WATCH));
      int note = wl.get(header(wl, "名单")).indexOf("说明");
      assertEquals("不合格 0.0", row(wl, 2, "王刚").get(note));
    }
  }

  // ---- helpers ------------------------------------------------------------------------------------

  /** The probability phrase of a text: 不足百万分之一, 约为0.0040, 约1.2%; null when none. */
  static String chance(String text) {
    Matcher m = Pattern.compile("的概率([^，。；）]+)").matcher(text);
    return m.find() ? m.group(1) : null;
  }

  /** Width in twips of a line at {@code points}: a CJK character one em, others half. */
  static int twips(String line, double points) {
    return (int) Math.ceil(XlsxFormat.displayWidth(line) * points * 10);
  }

  static int width(String s) {
    return XlsxFormat.displayWidth(s);
  }

  /** Characters of the cell's column, or of its merged region's columns. */
  static int mergedWidth(Sheet s, Cell c) {
    for (CellRangeAddress a : s.getMergedRegions()) {
      if (a.isInRange(c)) {
        int w = 0;
        for (int col = a.getFirstColumn(); col <= a.getLastColumn(); col++) {
          w += s.getColumnWidth(col) / 256;
        }
        return w;
      }
    }
    return s.getColumnWidth(c.getColumnIndex()) / 256;
  }

  /** Points of the cell's row, or of its merged region's rows. */
  static float mergedHeight(Sheet s, Cell c) {
    for (CellRangeAddress a : s.getMergedRegions()) {
      if (a.isInRange(c)) {
        float h = 0;
        for (int row = a.getFirstRow(); row <= a.getLastRow(); row++) {
          h += s.getRow(row) == null ? s.getDefaultRowHeightInPoints() : s.getRow(row).getHeightInPoints();
        }
        return h;
      }
    }
    return c.getRow().getHeightInPoints();
  }

  static String allText(XWPFDocument doc) {
    StringBuilder b = new StringBuilder();
    for (IBodyElement e : doc.getBodyElements()) {
      if (e instanceof XWPFParagraph p) {
        b.append(p.getText()).append('\n');
      } else if (e instanceof XWPFTable t) {
        for (XWPFTableRow r : t.getRows()) {
          for (XWPFTableCell c : r.getTableCells()) {
            b.append(c.getText()).append('\t');
          }
          b.append('\n');
        }
      }
    }
    for (XWPFFooter f : doc.getFooterList()) {
      b.append(f.getText());
    }
    b.append(doc.getProperties().getCoreProperties().getTitle());
    return b.toString();
  }

  static String cellOf(XWPFTable t, String start) {
    for (XWPFTableRow r : t.getRows()) {
      for (XWPFTableCell c : r.getTableCells()) {
        if (c.getText().startsWith(start)) {
          return c.getText();
        }
      }
    }
    throw new AssertionError("no cell " + start);
  }

  static int header(List<List<String>> rows, String cell) {
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).contains(cell)) {
        return i;
      }
    }
    throw new AssertionError("no header with " + cell);
  }

  static List<String> row(List<List<String>> rows, int col, String value) {
    List<String> r = rows.stream().filter(x -> x.size() > col && x.get(col).replaceFirst("^'", "").equals(value))
        .findFirst().orElse(null);
    assertNotNull(r, "no row with " + value);
    return r;
  }
}
