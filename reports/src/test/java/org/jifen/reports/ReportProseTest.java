package org.jifen.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.jfree.data.category.CategoryDataset;
import org.jifen.reports.MartFixture.OrgRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's prose is a summary a leader reads (issue 8): every section states its finding and
 * size, names at most three cases, points to the exhibit that holds the rest, and the exhibits hold
 * every item. Rendered from a "crowded" copy of {@link MartFixture} where every branch is flagged in
 * every quarter and most ledgers came in late, so a prose that lists everything would show.
 */
class ReportProseTest {
  static final Instant T = Instant.parse("2025-10-15T02:30:00Z");

  @TempDir
  static Path tmp;
  static Path crowded;
  static Path withP;

  /** Active branches of the fixture. */
  static final List<OrgRow> BRANCHES = MartFixture.ORGS.stream()
      .filter(o -> o.active() && o.level().equals("党支部")).toList();

  /** Signals added per branch and quarter, with value, baseline and threshold. */
  static final String[][] SIGNALS = {
      {"no_deductions", "全员无扣分", "0.0000", "0.4100", "0.0000"},
      {"self_score_equal", "自评分等于评定分", null, "0.6000", "0.9500"},
      {"late_registration", "集中在季末登记", null, "0.1200", "0.9000"},
      {"low_spread", "分数过于集中", null, "5.0000", "1.2500"},
  };

  @BeforeAll
  static void build() throws Exception {
    crowded = crowd(MartFixture.build(tmp.resolve("crowded.duckdb"), false), false);
    withP = crowd(MartFixture.build(tmp.resolve("with-p.duckdb"), false), true);
  }

  /**
   * Every active branch flagged for four signals in every quarter (the measured values differ per
   * branch, so the most serious ones are known), every submitted ledger of Q3 and Q4 late by a
   * different number of hours; with {@code pValues} a {@code p_value} column whose smallest values
   * belong to other branches than the largest excesses.
   */
  static Path crowd(Path mart, boolean pValues) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + mart.toAbsolutePath());
         Statement st = c.createStatement()) {
      if (pValues) {
        st.execute("ALTER TABLE branch_attention ADD COLUMN p_value DOUBLE");
      }
      for (String q : MartFixture.QUARTERS) {
        for (int b = 0; b < BRANCHES.size(); b++) {
          OrgRow o = BRANCHES.get(b);
          if (MartFixture.fact(q, o.code()).status().equals("missing")) {
            continue;
          }
          for (String[] s : SIGNALS) {
            // Branch b's values grow with b: the last branches pass the thresholds furthest.
            String value = switch (s[0]) {
              case "no_deductions" -> "0.0000";
              case "low_spread" -> String.format("%.4f", 1.2 - 0.15 * b);
              default -> String.format("%.4f", 0.91 + 0.0125 * b);
            };
            st.execute(String.format("INSERT INTO branch_attention (period, year, quarter, branch_code, branch_name,"
                + " committee_code, signal, signal_label, members_graded, entries, eligible, value, baseline, threshold,"
                + " flagged, detail, computed_at%s) VALUES ('%s', 2025, %s, '%s', %s, '%s', '%s', '%s', %d, 300, true,"
                + " %s, %s, %s, true, '测算说明', TIMESTAMPTZ '2025-10-12T07:00:00Z'%s)",
                pValues ? ", p_value" : "", q, q.substring(5), o.code(), "'" + o.name().replace("'", "''") + "'",
                MartFixture.committee(o.code()), s[0], s[1], 20 + b, value, s[3], s[4],
                // p-values: smallest for the first branches, the opposite of the excess order.
                pValues ? String.format(", %s", 0.0001 * (b + 1) * (1 + List.of(SIGNALS).indexOf(s))) : ""));
          }
        }
      }
      st.execute("UPDATE submissions SET status = 'late', hours_late = 10 + quarter * 10"
          + " + (hash(branch_code) % 50), first_received_at = deadline + INTERVAL 1 DAY"
          + " WHERE quarter >= 3 AND status = 'on_time'");
      st.execute("CHECKPOINT");
    }
    return mart;
  }

  static List<ReportPack> render(Path mart, String period, String unit, String out) throws Exception {
    return ReportPacks.render(mart, period, List.of(unit), tmp.resolve(out), PackOptions.of("t").withGeneratedAt(T));
  }

  /** The prose: body paragraphs before the exhibits heading. */
  static List<String> prose(XWPFDocument doc) {
    List<String> out = new ArrayList<>();
    for (IBodyElement e : doc.getBodyElements()) {
      if (e instanceof XWPFParagraph p) {
        if (p.getText().equals(AnalysisReport.EXHIBITS_HEADING)) {
          return out;
        }
        if ("BodyText".equals(p.getStyle())) {
          out.add(p.getText());
        }
      } else {
        throw new AssertionError("a table before the exhibits heading: the prose comes first");
      }
    }
    throw new AssertionError("no exhibits heading");
  }

  static Set<String> branchesNamed(String text) {
    Set<String> names = new LinkedHashSet<>();
    for (OrgRow o : BRANCHES) {
      if (text.contains(o.name())) {
        names.add(o.name());
      }
    }
    return names;
  }

  static XWPFTable table(XWPFDocument doc, String captionStart) {
    List<IBodyElement> all = doc.getBodyElements();
    for (int i = 0; i < all.size() - 1; i++) {
      if (all.get(i) instanceof XWPFParagraph p && p.getText().contains(captionStart) && all.get(i + 1) instanceof XWPFTable t) {
        return t;
      }
    }
    throw new AssertionError("no table captioned " + captionStart);
  }

  static String section(List<String> prose, String start) {
    return prose.stream().filter(p -> p.startsWith(start)).findFirst().orElseThrow(() -> new AssertionError(
        "no paragraph starting with " + start + " in " + prose));
  }

  @Test
  void noParagraphListsMoreThanFiveBranchesAndTheProseStaysShort() throws Exception {
    for (String period : List.of("2025Q4", "2025")) {
      for (String unit : List.of("QS", "QS02")) {
        try (XWPFDocument doc = ReportPacksTest.document(render(crowded, period, unit, "five").get(0))) {
          List<String> prose = prose(doc);
          for (String p : prose) {
            assertTrue(branchesNamed(p).size() <= Narrative.MAX_LIST, period + " " + unit + ": " + p);
          }
          int chars = prose.stream().mapToInt(String::length).sum();
          // About two pages at 14 pt: the whole prose, not a dump of every branch and quarter.
          assertTrue(chars <= 1500, period + " " + unit + " prose has " + chars + " characters: " + prose);
        }
      }
    }
  }

  @Test
  void attentionSectionNamesTheThreeMostSeriousCasesAndTheCounts() throws Exception {
    try (XWPFDocument doc = ReportPacksTest.document(render(crowded, "2025Q4", "QS", "attention").get(0))) {
      String p = section(prose(doc), "本期" + BRANCHES.size() + "个党支部");
      int flags = BRANCHES.size() * SIGNALS.length;
      assertTrue(p.contains("本期" + BRANCHES.size() + "个党支部出现需关注的信号" + flags + "项"), p);
      // Equally frequent signals in the order docs/mart.md lists them.
      assertTrue(p.contains("主要是全员无扣分（7个）、分数过于集中（7个）、自评分等于评定分（7个）等4类"), p);
      // Without p-values: how far past the threshold; the last branches of the fixture pass it furthest.
      List<String> expected = List.of(BRANCHES.get(6).name(), BRANCHES.get(5).name(), BRANCHES.get(4).name());
      assertEquals(new LinkedHashSet<>(expected), branchesNamed(p), p);
      assertTrue(p.indexOf(expected.get(0)) < p.indexOf(expected.get(1))
          && p.indexOf(expected.get(1)) < p.indexOf(expected.get(2)), "most serious first: " + p);
      assertTrue(p.contains("最突出的是" + expected.get(0) + "（得分标准差0.30分，同规模随机支部中位数5.00分）"), p);
      assertTrue(p.endsWith("详见表6。"), p);
    }
  }

  @Test
  void withPValuesTheSmallestAreTheMostSerious() throws Exception {
    try (XWPFDocument doc = ReportPacksTest.document(render(withP, "2025Q4", "QS", "p").get(0))) {
      String p = section(prose(doc), "本期" + BRANCHES.size() + "个党支部");
      List<String> expected = List.of(BRANCHES.get(0).name(), BRANCHES.get(1).name(), BRANCHES.get(2).name());
      assertEquals(new LinkedHashSet<>(expected), branchesNamed(p), p);
      assertTrue(p.contains("最突出的是" + expected.get(0) + "（20名党员均无扣分，全区有扣分的占41.0%，偶然出现的概率不足千分之一）"),
          p);
    }
  }

  @Test
  void everyFlagAndEveryGapIsInTheTables() throws Exception {
    try (XWPFDocument doc = ReportPacksTest.document(render(crowded, "2025Q4", "QS", "tables").get(0))) {
      XWPFTable flags = table(doc, "积分评定异常信号");
      assertEquals(1 + BRANCHES.size() * SIGNALS.length, flags.getRows().size(), "a row per branch and signal");
      for (OrgRow o : BRANCHES) {
        for (String[] s : SIGNALS) {
          assertTrue(flags.getRows().stream().anyMatch(r -> r.getCell(0).getText().equals(SafeText.cell(o.name()))
              && r.getCell(1).getText().equals(s[1])), o.name() + " " + s[1]);
        }
      }
      XWPFTable gaps = table(doc, "逾期和未报送台账的党支部");
      assertEquals(1 + BRANCHES.size(), gaps.getRows().size(), "every Q4 ledger was late");
    }
    // The year: a row per branch and signal naming every quarter it fired in.
    try (XWPFDocument doc = ReportPacksTest.document(render(crowded, "2025", "QS", "tables-year").get(0))) {
      XWPFTable flags = table(doc, "积分评定异常信号");
      Map<String, String> expectedQuarters = new java.util.HashMap<>();
      try (Connection c = ReportPacksTest.readOnly(crowded); var rs = c.createStatement().executeQuery(
          "SELECT branch_name, signal_label, list(DISTINCT quarter ORDER BY quarter) FROM v_attention_flags GROUP BY ALL")) {
        String[] names = {"一", "二", "三", "四"};
        while (rs.next()) {
          List<String> q = new ArrayList<>();
          for (Object x : (Object[]) rs.getArray(3).getArray()) {
            q.add(names[((Number) x).intValue() - 1]);
          }
          // Every quarter reads 第一至四季度 (the year's own figures would add a line 全年).
          expectedQuarters.put(rs.getString(1) + "|" + rs.getString(2),
              q.size() == 4 ? "第一至四季度" : "第" + String.join("、", q) + "季度");
        }
      }
      assertEquals(1 + expectedQuarters.size(), flags.getRows().size(), "a row per branch and signal");
      for (var r : flags.getRows().subList(1, flags.getRows().size())) {
        String key = r.getCell(0).getText().replaceFirst("^'", "") + "|" + r.getCell(1).getText();
        assertEquals(expectedQuarters.get(key), r.getCell(2).getText(), key);
      }
      XWPFTable gaps = table(doc, "逾期和未报送台账的党支部");
      long expected = 0;
      try (Connection c = ReportPacksTest.readOnly(crowded); var rs = c.createStatement().executeQuery(
          "SELECT count(*) FROM v_submission_gaps")) {
        rs.next();
        expected = rs.getLong(1);
      }
      assertEquals(1 + expected, gaps.getRows().size());
      List<String> prose = prose(doc);
      String submissions = String.join("", prose.stream().filter(p -> p.contains("台账") || p.contains("逾期")).toList());
      assertTrue(submissions.contains("逾期最久的是"), submissions);
    }
  }

  @Test
  void everyPointerNamesAnExhibitThatExistsAndExhibitsFollowTheProse() throws Exception {
    for (String period : List.of("2025Q2", "2025")) {
      try (XWPFDocument doc = ReportPacksTest.document(render(crowded, period, "QS", "refs").get(0))) {
        List<String> prose = prose(doc);
        Set<String> captions = new LinkedHashSet<>();
        boolean after = false;
        for (XWPFParagraph p : doc.getParagraphs()) {
          if (p.getText().equals(AnalysisReport.EXHIBITS_HEADING)) {
            after = true;
            assertTrue(p.isPageBreak(), "the exhibits start on a new page");
          }
          Matcher m = Pattern.compile("^([表图]\\d+)　").matcher(p.getText());
          if (m.find()) {
            assertTrue(after, "exhibit " + p.getText() + " after the prose");
            captions.add(m.group(1));
          }
        }
        Matcher ref = Pattern.compile("[表图]\\d+").matcher(String.join("\n", prose));
        int refs = 0;
        while (ref.find()) {
          refs++;
          assertTrue(captions.contains(ref.group()), ref.group() + " cited but not in " + captions);
        }
        assertTrue(refs >= 8, "sections point to their exhibits: " + prose);
        for (String x : List.of("表1", "图1", "表2", "图3", "表5", "表6", "表7")) {
          assertTrue(String.join("", prose).contains(x), x + " is cited");
        }
      }
    }
  }

  // ---- 未报送 in the per-subordinate charts ----------------------------------------------------

  @Test
  void aSubordinateThatSubmittedNothingIsMarkedInThePerSubordinateCharts() throws Exception {
    Path mart = MartFixture.build(tmp.resolve("marks.duckdb"), false);
    ReportPack q2 = render(mart, "2025Q2", "QS02", "marks").get(0);
    String missing = MartFixture.org("QS02B03").name();
    for (String chart : List.of(PackCharts.GRADES_BY_SUBORDINATE, PackCharts.PARTICIPATION)) {
      PackChart c = q2.chart(chart);
      assertEquals(Map.of(missing, "未报送"), c.marks(), chart);
      CategoryDataset ds = (CategoryDataset) c.dataset();
      assertTrue(ds.getColumnKeys().contains(missing), "the branch keeps its category: " + ds.getColumnKeys());
      for (int r = 0; r < ds.getRowCount(); r++) {
        Number v = ds.getValue(r, ds.getColumnIndex(missing));
        assertTrue(v == null || v.doubleValue() == 0, "no bar for " + missing);
      }
    }
    // The district's Q2: the committee submitted two ledgers of three, so no mark; the year: 3 of 4.
    assertTrue(render(mart, "2025Q2", "QS", "marks-qs").get(0).chart(PackCharts.GRADES_BY_SUBORDINATE).marks().isEmpty());
    assertTrue(render(mart, "2025", "QS02", "marks-year").get(0).chart(PackCharts.PARTICIPATION).marks().isEmpty());
    // The manifest lists the marks with their chart.
    String manifest = Files.readString(q2.directory().resolve("manifest.json"));
    assertTrue(manifest.contains("未报送"), manifest);
    // The prose says why the subordinate has no figures.
    try (XWPFDocument doc = ReportPacksTest.document(q2)) {
      assertTrue(String.join("", prose(doc)).contains(missing + "本期未报送台账"), String.join("\n", prose(doc)));
    }
  }

  // ---- names: a committee's pack lists only its own members -----------------------------------

  @Test
  void aCommitteesNamedPackListsOnlyItsOwnMembers() throws Exception {
    Path restricted = MartFixture.build(tmp.resolve("jifen-restricted.duckdb"), true);
    Map<String, List<String>> names = Map.of(
        "QS01", List.of("张明", "刘芳", "何军", "黄丽"),
        "QS02", List.of(MartFixture.INJECTED_NAME, "王刚", "林静"));
    for (String unit : List.of("QS01", "QS02")) {
      ReportPack p = render(restricted, "2025Q2", unit, "named-" + unit).get(0);
      assertTrue(p.restricted());
      try (Workbook wb = ReportPacksTest.workbook(p)) {
        Sheet s = wb.getSheet(StatisticsWorkbook.SHEET_WATCH);
        List<List<String>> rows = ReportPacksTest.rows(s);
        int h = ReportPacksTest.indexOf(rows, "名单");
        assertEquals(List.of("名单", "所属党支部", "姓名", "党员编号"), rows.get(h).subList(0, 4));
        List<String> listed = rows.subList(h + 1, rows.size()).stream().map(r -> r.get(2).replaceFirst("^'", ""))
            .toList();
        assertEquals(Set.copyOf(names.get(unit)), Set.copyOf(listed), unit);
        for (List<String> r : rows.subList(h + 1, rows.size())) {
          String branch = MartFixture.ORGS.stream().filter(o -> SafeText.cell(o.name()).equals(r.get(1))).findFirst()
              .orElseThrow().code();
          assertEquals(unit, MartFixture.committee(branch), r.toString());
          assertTrue(r.get(3).matches("QS\\d+"), "党员编号: " + r);
        }
        assertFalse(ReportPacksTest.rows(s).stream().flatMap(List::stream).anyMatch(c -> c.matches("[0-9a-f]{64}")),
            "no member_key where names are shown");
      }
    }
  }
}
