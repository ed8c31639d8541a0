package org.jifen.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.jfree.data.category.CategoryDataset;
import org.jifen.reports.MartFixture.Agg;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packs rendered from a hand-built mart ({@link MartFixture}), read back and compared with the mart. */
class ReportPacksTest {
  static final Instant T1 = Instant.parse("2025-10-15T02:30:00Z");
  static final Instant T2 = Instant.parse("2025-10-16T09:45:00Z");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path tmp;
  static Path mart;
  static Path restrictedMart;
  static List<ReportPack> quarter;
  static List<ReportPack> year;
  static List<ReportPack> named;

  @BeforeAll
  static void render() throws Exception {
    mart = MartFixture.build(tmp.resolve("jifen.duckdb"), false);
    restrictedMart = MartFixture.build(tmp.resolve("jifen-restricted.duckdb"), true);
    PackOptions o = new PackOptions(T1, "0.1.0-test", Map.of("delta_versions", Map.of("gold/org_period_stats", 7),
        "inputs", List.of(Map.of("file", "orgs.xlsx", "sha256", "ab12"))), null);
    quarter = ReportPacks.render(mart, "2025Q2", List.of(), tmp.resolve("out"), o);
    year = ReportPacks.render(mart, "2025", List.of("QS"), tmp.resolve("out"), o);
    named = ReportPacks.render(restrictedMart, "2025Q2", List.of("QS02"), tmp.resolve("named"), o);
  }

  static ReportPack pack(List<ReportPack> packs, String unit) {
    return packs.stream().filter(p -> p.unitCode().equals(unit)).findFirst().orElseThrow();
  }

  // ---- layout of the output -------------------------------------------------------------------

  @Test
  void defaultUnitsAreTheDistrictAndEveryCommittee() {
    assertEquals(List.of("QS", "QS01", "QS02"), quarter.stream().map(ReportPack::unitCode).toList());
    for (ReportPack p : quarter) {
      assertEquals(tmp.resolve("out").resolve("2025Q2").resolve(p.unitCode()), p.directory());
      assertEquals(List.of("charts/domain-comparison.png", "charts/grades-by-subordinate.png",
          "charts/participation-by-subordinate.png", "charts/score-histogram.png", "charts/trend-grade-shares.png",
          "charts/trend-mean-score.png", "manifest.json", "report.docx", "statistics-table.xlsx"), p.files());
      for (String f : p.files()) {
        assertTrue(Files.isRegularFile(p.directory().resolve(f)), f);
        assertTrue(f.chars().allMatch(c -> c < 128), "ASCII file name: " + f);
      }
    }
    assertTrue(Files.isDirectory(tmp.resolve("out").resolve("2025").resolve("QS")));
  }

  @Test
  void aUnitCanBeAskedForByCodeIncludingAGeneralBranch() throws Exception {
    List<ReportPack> p = ReportPacks.render(mart, "2025Q2", List.of("QS01Z01"), tmp.resolve("zongzhi"),
        PackOptions.of("t").withGeneratedAt(T1));
    assertEquals("区教育局党总支", p.get(0).unitName());
    try (Workbook wb = workbook(p.get(0))) {
      Sheet s = wb.getSheet("统计表一");
      assertEquals("区教育局党总支党员积分管理情况统计表(一)", text(s, 0, 0));
      assertEquals("青山第一中学党支部", text(s, 4, 0));
      assertEquals("青山实验小学党支部", text(s, 5, 0));
      assertEquals("合计", text(s, 6, 0));
    }
  }

  @Test
  void badArgumentsFailWithMessagesNamingThem() {
    Path out = tmp.resolve("bad");
    PackOptions o = PackOptions.of("t");
    assertEquals("Period must be a quarter like 2025Q2 or a year like 2025, got: 2025H1",
        assertThrows(IllegalArgumentException.class, () -> ReportPacks.render(mart, "2025H1", List.of(), out, o))
            .getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ReportPacks.render(mart, "2024Q4", List.of(), out, o))
        .getMessage().startsWith("Period 2024Q4 is not in the mart"));
    assertEquals("Unit XX is not in the mart's org tree (dim_org)",
        assertThrows(IllegalArgumentException.class, () -> ReportPacks.render(mart, "2025Q2", List.of("XX"), out, o))
            .getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ReportPacks.render(mart, "2025Q2", List.of("QS01B01"), out, o)).getMessage()
        .contains("is not a reporting unit"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ReportPacks.render(mart, "2025Q2", List.of("QS02B04"), out, o)).getMessage().contains("dissolved"));
    assertFalse(Files.exists(out.resolve("2025Q2")), "nothing written when the units are invalid");
  }

  // ---- statistics-table.xlsx ------------------------------------------------------------------

  @Test
  void statisticsTableHasTheFormsLayoutAndFigures() throws Exception {
    try (Workbook wb = workbook(pack(quarter, "QS"))) {
      assertEquals("统计表一", wb.getSheetName(0));
      Sheet s = wb.getSheet("统计表一");
      assertEquals("青山区委党员积分管理情况统计表(一)", text(s, 0, 0));
      assertEquals("单位：青山区委", text(s, 1, 0));
      assertEquals("党组织负责人：", text(s, 1, 4), "the normal mart has no leaders");
      assertEquals("填表人：区委组织部 李华", text(s, 1, 8));
      // Headers break only where a "\n" puts it, between words.
      List<String> head1 = List.of("所属基层党组织名称", "党员总数", "未参加积分管理\n党员数", "参与积分管理\n党员数",
          "第一季度（人）", "", "", "", "第二季度（人）", "", "", "", "党组织管理情况", "", "");
      List<String> head2 = List.of("", "", "", "", "优秀", "良好", "合格", "不合格", "优秀", "良好", "合格", "不合格",
          "受告诫提醒\n党员数", "受帮教整改\n党员数", "受组织处理\n党员数");
      for (int c = 0; c < 15; c++) {
        assertEquals(head1.get(c), text(s, 2, c), "header row 1 col " + c);
        assertEquals(head2.get(c), text(s, 3, c), "header row 2 col " + c);
      }
      List<String> merged = s.getMergedRegions().stream().map(CellRangeAddress::formatAsString).sorted().toList();
      for (String m : List.of("A1:O1", "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:H3", "I3:L3", "M3:O3")) {
        assertTrue(merged.contains(m), "merged " + m + " in " + merged);
      }
      // Rows: 区直机关工委, 青山街道党工委, 合计 — members as of Q2, grades Q1 then Q2, actions over the half.
      Agg q201 = MartFixture.agg("2025Q2", MartFixture.activeBranchesUnder("QS01"));
      Agg q101 = MartFixture.agg("2025Q1", MartFixture.activeBranchesUnder("QS01"));
      assertEquals("区直机关工委", text(s, 4, 0));
      assertEquals(834, num(s, 4, 1));
      assertEquals(q201.total(), num(s, 4, 1));
      assertEquals(q201.exempt(), num(s, 4, 2));
      assertEquals(q201.participating(), num(s, 4, 3));
      assertEquals(q101.grades()[0], num(s, 4, 4));
      assertEquals(q201.grades()[3], num(s, 4, 11));
      assertEquals(q101.actions()[0] + q201.actions()[0], num(s, 4, 12));
      assertEquals("青山街道党工委", text(s, 5, 0));
      assertEquals("合计", text(s, 6, 0));
      assertEquals(1234, num(s, 6, 1));
      for (int c = 1; c < 15; c++) {
        assertEquals(num(s, 4, c) + num(s, 5, c), num(s, 6, c), "合计 = sum of the rows, column " + c);
      }
      assertTrue(text(s, 8, 0).startsWith("注：党员总数、未参加和参与积分管理党员数截至2025年第二季度"), text(s, 8, 0));

      PrintSetup ps = s.getPrintSetup();
      assertTrue(ps.getLandscape());
      assertEquals(PrintSetup.A4_PAPERSIZE, ps.getPaperSize());
      assertEquals(1, ps.getFitWidth());
      assertEquals(0, ps.getFitHeight());
      assertTrue(s.getFitToPage());
      assertEquals(new CellRangeAddress(2, 3, -1, -1), s.getRepeatingRows());
      assertTrue(s.getColumnWidth(0) > s.getColumnWidth(1));
      assertEquals("宋体", wb.getFontAt(s.getRow(4).getCell(0).getCellStyle().getFontIndex()).getFontName());
      assertEquals("黑体", wb.getFontAt(s.getRow(0).getCell(0).getCellStyle().getFontIndex()).getFontName());

      for (String name : List.of("单位概况", "等次分布", "支部排名", "重点名单", "报送情况", "需关注支部")) {
        Sheet x = wb.getSheet(name);
        assertNotNull(x, name);
        assertTrue(x.getPrintSetup().getLandscape(), name);
        assertEquals(PrintSetup.A4_PAPERSIZE, x.getPrintSetup().getPaperSize(), name);
      }
    }
  }

  @Test
  void annualPackHasBothTablesOnTwoSheets() throws Exception {
    try (Workbook wb = workbook(pack(year, "QS"))) {
      assertEquals("统计表一", wb.getSheetName(0));
      assertEquals("统计表二", wb.getSheetName(1));
      assertEquals("青山区委党员积分管理情况统计表(二)", text(wb.getSheet("统计表二"), 0, 0));
      assertEquals("第三季度（人）", text(wb.getSheet("统计表二"), 2, 4));
      assertEquals("第四季度（人）", text(wb.getSheet("统计表二"), 2, 8));
      Agg q4 = MartFixture.agg("2025Q4", MartFixture.activeBranchesUnder("QS"));
      assertEquals(q4.total(), num(wb.getSheet("统计表二"), 6, 1));
      Sheet watch = wb.getSheet("重点名单");
      assertTrue(rows(watch).stream().anyMatch(r -> r.contains("不合格党员处置")));
    }
  }

  @Test
  void otherSheetsCarryOverviewDistributionRankingAndLists() throws Exception {
    Agg q2 = MartFixture.agg("2025Q2", MartFixture.activeBranchesUnder("QS"));
    try (Workbook wb = workbook(pack(quarter, "QS"))) {
      Sheet o = wb.getSheet("单位概况");
      Map<String, Double> kv = rows(o).stream().filter(r -> r.size() > 1 && r.get(1).matches("[0-9.E-]+"))
          .collect(Collectors.toMap(r -> r.get(0), r -> parse(r.get(1)), (a, b) -> a));
      assertEquals(1234.0, kv.get("党员总数（名）"));
      assertEquals(1178.0, kv.get("参与积分管理党员数（名）"));
      assertEquals(0.9546, kv.get("参与率"), 1e-9);
      assertEquals(q2.mean().doubleValue(), kv.get("平均分"), 1e-9);
      assertEquals(6.0 / 7, kv.get("报送率"), 1e-4);

      Sheet g = wb.getSheet("等次分布");
      List<List<String>> gr = rows(g);
      List<String> total = gr.stream().filter(r -> r.get(0).equals("合计")).findFirst().orElseThrow();
      assertEquals("1234.0", total.get(1));
      assertEquals(String.valueOf((double) q2.grades()[0]), total.get(7));

      Sheet r = wb.getSheet("支部排名");
      List<List<String>> rr = rows(r);
      int h = indexOf(rr, "区内\n排名");
      assertEquals("1.0", rr.get(h + 1).get(0));
      assertEquals("青山实验小学党支部", rr.get(h + 1).get(2), "highest mean of Q2");
      assertTrue(rr.stream().anyMatch(x -> x.size() > 2 && x.get(2).equals("光明科技企业联合党支部") && x.get(0).isEmpty()),
          "a branch without graded members is listed unranked");

      Sheet w = wb.getSheet("重点名单");
      List<List<String>> wr = rows(w);
      assertTrue(wr.get(3).get(0).contains("以代号") && wr.get(3).get(0).contains("重新生成含姓名的报告包"),
          "says names need an authorised pack");
      int wh = indexOf(wr, "名单");
      assertEquals(StatisticsWorkbook.CODE_HEADER, wr.get(wh).get(2));
      assertEquals(MartFixture.memberKey("QS010001"), wr.get(wh + 1).get(2));
      assertFalse(wr.stream().flatMap(List::stream).anyMatch(x -> x.contains("张明")), "no names in the normal mart");
      assertEquals(7, wr.size() - wh - 1, "all Q2 entries under the district");
    }
  }

  @Test
  void restrictedMartPutsNamesAndTheLeaderIn() throws Exception {
    ReportPack p = named.get(0);
    assertTrue(p.restricted());
    try (Workbook wb = workbook(p)) {
      assertEquals("党组织负责人：赵敏", text(wb.getSheet("统计表一"), 1, 4));
      List<List<String>> wr = rows(wb.getSheet("重点名单"));
      int wh = indexOf(wr, "名单");
      assertEquals(List.of("名单", "所属党支部", "姓名", "党员编号"), wr.get(wh).subList(0, 4));
      List<String> names = wr.subList(wh + 1, wr.size()).stream().map(r -> r.get(2)).toList();
      assertTrue(names.contains("林静"), names.toString());
      assertTrue(names.contains("'" + MartFixture.INJECTED_NAME), "a name starting with @ is neutralised: " + names);
      assertTrue(wr.get(3).get(0).contains("仅限授权人员使用"), wr.get(3).get(0));
    }
  }

  @Test
  void formulaInjectionIsNeutralisedInEveryCell() throws Exception {
    try (Workbook wb = workbook(pack(quarter, "QS02"))) {
      Sheet s = wb.getSheet("统计表一");
      assertEquals("'" + MartFixture.INJECTED_BRANCH, text(s, 4, 0));
      assertEquals(CellType.STRING, s.getRow(4).getCell(0).getCellType());
      assertEquals("填表人：" + MartFixture.INJECTED_FILLER, text(s, 1, 8), "not at the cell's start: harmless");
      for (Sheet x : wb) {
        for (Row r : x) {
          for (Cell c : r) {
            assertTrue(c.getCellType() != CellType.FORMULA, "no formula cells");
            if (c.getCellType() == CellType.STRING && !c.getStringCellValue().isEmpty()) {
              assertFalse(SafeText.dangerous(c.getStringCellValue().charAt(0)),
                  x.getSheetName() + "!" + c.getAddress() + ": " + c.getStringCellValue());
            }
          }
        }
      }
    }
    try (XWPFDocument doc = document(pack(quarter, "QS02"))) {
      for (XWPFTable t : doc.getTables()) {
        for (XWPFTableRow r : t.getRows()) {
          r.getTableCells().forEach(c -> {
            String v = c.getText();
            assertTrue(v.isEmpty() || !SafeText.dangerous(v.charAt(0)), "docx cell " + v);
          });
        }
      }
    }
    assertEquals("'=1+2", SafeText.cell("=1+2"));
    assertEquals("'+86", SafeText.cell("+86"));
    assertEquals("'-5", SafeText.cell("-5"));
    assertEquals("'@SUM(A1)", SafeText.cell("@SUM(A1)"));
    assertEquals("'\tx", SafeText.cell("\tx"));
    assertEquals("党支部", SafeText.cell("党支部"));
    assertEquals("'=x", SafeText.cell(SafeText.cell("=x")), "idempotent");
  }

  // ---- report.docx ----------------------------------------------------------------------------

  @Test
  void reportNarrativeIsBuiltFromTheFigures() throws Exception {
    Agg q2 = MartFixture.agg("2025Q2", MartFixture.activeBranchesUnder("QS"));
    Agg q1 = MartFixture.agg("2025Q1", MartFixture.activeBranchesUnder("QS"));
    try (XWPFDocument doc = document(pack(quarter, "QS"))) {
      List<String> paras = doc.getParagraphs().stream().map(XWPFParagraph::getText).toList();
      String all = String.join("\n", paras);
      assertEquals("青山区委党员积分管理情况统计分析报告", paras.get(0));
      assertEquals("（2025年第二季度）", paras.get(1));
      assertTrue(all.contains("2025年第二季度，青山区委共有党员1,234名（其中预备党员30名），参与积分管理党员1,178名，"
          + "参与率95.5%。"), all);
      assertTrue(all.contains("本季度应报送积分台账的党支部7个，按时报送5个，逾期报送1个，未报送1个，报送率85.7%。"));
      assertTrue(all.contains("未报送的是光明科技企业联合党支部，其党员未计入本季度统计。逾期报送的是幸福社区党支部（逾期30.5小时）。"
          + "请所属党(工)委督促按时报送。详见表5。"), all);
      assertTrue(all.contains("已评定等次党员1,178名，平均分" + q2.mean().toPlainString() + "分"), all);
      String share = BigDecimal.valueOf(q2.grades()[0] * 100.0 / q2.graded()).setScale(1, java.math.RoundingMode.HALF_UP)
          .toPlainString();
      assertTrue(all.contains("优秀" + Zh.persons(q2.grades()[0]) + "（占" + share + "%）"), all);
      BigDecimal meanChange = q2.mean().subtract(q1.mean());
      assertTrue(all.contains("与上季度相比，平均分" + (meanChange.signum() > 0 ? "上升" : "下降")
          + meanChange.abs().toPlainString() + "分，参与率降低0.3个百分点"), all);
      assertTrue(all.contains("本期2个党支部出现需关注的信号2项，涉及优秀占比畸高（1个）、全员无扣分（1个）。"
          + "具体是" + MartFixture.INJECTED_BRANCH + "（190名党员均无扣分，全区有扣分的占41.0%）、"
          + "青山实验小学党支部（优秀占80.0%，全区32.0%）。"), all);
      assertFalse(all.contains("区委办公室党支部（优秀"), "unflagged signals are not mentioned");
      assertTrue(all.contains("本期列入重点名单的党员：优秀候选4名、不合格1名、落后提醒1名、预备党员1名"), all);
      assertTrue(all.contains("附录：指标说明"));
      assertFalse(all.contains("null"), "no placeholder or null in the text");
      assertFalse(all.contains("{"), "no placeholder in the text");

      // Tables: the subordinates table's rows and totals.
      XWPFTable t = doc.getTables().get(0);
      assertEquals(List.of("下属党组织", "党员\n总数", "参与积分\n管理", "参与率", "平均分", "优秀", "良好", "合格", "不合格"),
          cells(t.getRow(0)));
      assertEquals("区直机关工委", t.getRow(1).getCell(0).getText());
      assertEquals("834", t.getRow(1).getCell(1).getText());
      assertEquals(List.of("合计", "1,234", "1,178", "95.5%", q2.mean().toPlainString(),
          Zh.count(q2.grades()[0]), Zh.count(q2.grades()[1]), Zh.count(q2.grades()[2]), Zh.count(q2.grades()[3])),
          cells(t.getRow(3)));

      assertEquals(6, doc.getAllPictures().size(), "the six charts are embedded");
      var sect = doc.getDocument().getBody().getSectPr();
      assertEquals("11906", sect.getPgSz().getW().toString(), "A4 width");
      assertEquals("16838", sect.getPgSz().getH().toString(), "A4 height");
      assertTrue(doc.getStyles().styleExist("Heading1"));
      XWPFParagraph heading = doc.getParagraphs().stream().filter(p -> p.getText().equals("一、总体情况")).findFirst()
          .orElseThrow();
      assertEquals("Heading1", heading.getStyle());
      XWPFRun run = heading.getRuns().get(0);
      assertEquals("黑体", run.getCTR().getRPr().getRFontsArray(0).getEastAsia());
      XWPFRun bodyRun = doc.getParagraphs().get(doc.getParagraphs().indexOf(heading) + 1).getRuns().get(0);
      assertEquals("宋体", bodyRun.getCTR().getRPr().getRFontsArray(0).getEastAsia());
    }
  }

  @Test
  void annualReportSaysWhatTheYearHas() throws Exception {
    try (XWPFDocument doc = document(pack(year, "QS"))) {
      String all = doc.getParagraphs().stream().map(XWPFParagraph::getText).collect(Collectors.joining("\n"));
      assertTrue(all.contains("2025年度，青山区委共有党员"), all);
      assertTrue(all.contains("全年应报送积分台账28份，按时报送25份，逾期报送2份，未报送1份，报送率96.4%。"), all);
      assertTrue(all.contains("未报送的1份台账涉及1个党支部，即光明科技企业联合党支部，其党员未计入当季统计。"), all);
      assertTrue(all.contains("逾期报送的是幸福社区党支部（逾期30.5小时）、区委办公室党支部（逾期12.5小时）。"), all);
      assertTrue(all.contains("上年（2024年度）无可比数据。"), all);
      assertTrue(all.contains("不合格党员处置1名"), all);
      assertTrue(all.contains("、青山实验小学党支部（第二季度优秀占80.0%，全区32.0%）"), all);
    }
  }

  @Test
  void firstQuarterPackShowsTheHalfAsFarAsKnownAndSaysWhatIsNotComparable() throws Exception {
    List<ReportPack> q1 = ReportPacks.render(mart, "2025Q1", List.of("QS"), tmp.resolve("q1"),
        PackOptions.of("t").withGeneratedAt(T1));
    try (XWPFDocument doc = document(q1.get(0))) {
      String all = doc.getParagraphs().stream().map(XWPFParagraph::getText).collect(Collectors.joining("\n"));
      assertTrue(all.contains("上季度无可比数据。"), all);
      assertTrue(all.contains("逾期报送的是区委办公室党支部（逾期12.5小时）。"), all);
      assertTrue(all.contains("目前只有2025年第一季度一个季度的数据"), all);
    }
    try (Workbook wb = workbook(q1.get(0))) {
      assertEquals("统计表一", wb.getSheetName(0));
      assertEquals(1, wb.getNumberOfSheets() - 6, "one statistics table for a quarter");
    }
  }

  // ---- charts ---------------------------------------------------------------------------------

  @Test
  void chartDatasetsMatchTheMart() throws Exception {
    ReportPack p = pack(quarter, "QS");
    try (Connection c = readOnly(mart)) {
      CategoryDataset grades = (CategoryDataset) p.chart(PackCharts.GRADES_BY_SUBORDINATE).dataset();
      assertEquals(List.of("区直机关工委", "青山街道党工委"), grades.getColumnKeys());
      assertEquals(MartFixture.GRADES, grades.getRowKeys());
      for (String node : List.of("QS01", "QS02")) {
        List<Long> counts = longs(c, "SELECT grade_counts FROM org_period_stats WHERE period = '2025Q2'"
            + " AND node_code = ? AND cut_type = 'org'", node);
        String name = MartFixture.org(node).name();
        for (int i = 0; i < 4; i++) {
          assertEquals(counts.get(i).doubleValue(), grades.getValue(MartFixture.GRADES.get(i), name).doubleValue());
        }
      }
      CategoryDataset hist = (CategoryDataset) p.chart(PackCharts.SCORE_HISTOGRAM).dataset();
      List<Long> bins = longs(c, "SELECT score_histogram FROM org_period_stats WHERE period = '2025Q2'"
          + " AND node_code = ? AND cut_type = 'org'", "QS");
      assertEquals(21, hist.getColumnCount());
      for (int i = 0; i < 21; i++) {
        assertEquals(bins.get(i).doubleValue(), hist.getValue(0, i).doubleValue(), "bin " + (i + 1));
      }
      assertEquals("90–94.9", hist.getColumnKey(18));
      assertEquals("≥100", hist.getColumnKey(20));

      CategoryDataset part = (CategoryDataset) p.chart(PackCharts.PARTICIPATION).dataset();
      for (String node : List.of("QS01", "QS02")) {
        BigDecimal rate = decimal(c, "SELECT participation_rate FROM org_period_stats WHERE period = '2025Q2'"
            + " AND node_code = ? AND cut_type = 'org'", node);
        assertEquals(rate.doubleValue() * 100, part.getValue(0, part.getColumnIndex(MartFixture.org(node).name()))
            .doubleValue(), 1e-9);
      }

      CategoryDataset trend = (CategoryDataset) p.chart(PackCharts.TREND_MEAN).dataset();
      assertEquals(List.of("2025年一季度", "2025年二季度"), trend.getColumnKeys(), "quarters up to the pack's");
      assertEquals(decimal(c, "SELECT score_mean FROM org_period_stats WHERE period = '2025Q1' AND node_code = ?"
          + " AND cut_type = 'org'", "QS").doubleValue(), trend.getValue(0, 0).doubleValue(), 1e-9);

      CategoryDataset shares = (CategoryDataset) p.chart(PackCharts.TREND_SHARES).dataset();
      List<BigDecimal> s2 = decimals(c, "SELECT grade_shares FROM org_period_stats WHERE period = '2025Q2'"
          + " AND node_code = ? AND cut_type = 'org'", "QS");
      for (int i = 0; i < 4; i++) {
        assertEquals(s2.get(i).doubleValue() * 100, shares.getValue(MartFixture.GRADES.get(i), "2025年二季度")
            .doubleValue(), 1e-9);
      }

      CategoryDataset dom = (CategoryDataset) p.chart(PackCharts.DOMAINS).dataset();
      assertEquals(List.of("机关", "社区", "学校"), dom.getColumnKeys(), "Q2 has no 两新 members (QS02B03 missing)");
      for (Object d : dom.getColumnKeys()) {
        List<BigDecimal> ds = decimals(c, "SELECT grade_shares FROM org_period_stats WHERE period = '2025Q2'"
            + " AND node_code = 'QS' AND cut_type = 'domain' AND cut_value = ?", d.toString());
        assertEquals(ds.get(0).doubleValue() * 100, dom.getValue("优秀", (Comparable<?>) d).doubleValue(), 1e-9);
      }
    }
    for (PackChart ch : p.charts()) {
      assertTrue(ch.widthPx() >= 1600, ch.file() + " is print resolution");
      java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(p.directory().resolve("charts").resolve(ch.file())
          .toFile());
      assertEquals(ch.widthPx(), img.getWidth());
      assertEquals(ch.heightPx(), img.getHeight());
    }
  }

  // ---- manifest.json --------------------------------------------------------------------------

  @Test
  void manifestStatesTheSourcesAndIsIdenticalApartFromGenerationTime() throws Exception {
    PackOptions o2 = new PackOptions(T2, "0.1.0-test", Map.of("inputs", List.of(Map.of("sha256", "ab12", "file",
        "orgs.xlsx")), "delta_versions", Map.of("gold/org_period_stats", 7)), null);
    List<ReportPack> again = ReportPacks.render(mart, "2025Q2", List.of(), tmp.resolve("again"), o2);
    for (ReportPack p : quarter) {
      String a = Files.readString(p.directory().resolve("manifest.json"));
      String b = Files.readString(pack(again, p.unitCode()).directory().resolve("manifest.json"));
      assertFalse(a.equals(b));
      assertEquals(a.replaceAll("\"generated_at\" : \"[^\"]+\"", ""), b.replaceAll("\"generated_at\" : \"[^\"]+\"", ""));
      JsonNode m = JSON.readTree(a);
      assertEquals("2025-10-15T10:30:00+08:00", m.get("generated_at").asText());
      assertEquals(ReportPacks.sha256(mart), m.at("/mart/sha256").asText());
      assertEquals("jifen.duckdb", m.at("/mart/file").asText());
      assertEquals("7", m.at("/mart/sources/0/delta_version").asText());
      assertEquals("gold/org_period_stats", m.at("/mart/sources/0/table").asText());
      assertEquals(4, m.at("/mart/sources").size());
      assertEquals("v1.2.0", m.at("/mart/build/storage_version").asText());
      assertEquals(MartFixture.SCHEME, m.at("/scheme/id").asText());
      assertEquals(MartFixture.SCHEME_HASH, m.at("/scheme/hash").asText());
      assertEquals(7, m.at("/facts/delta_versions/gold~1org_period_stats").asInt());
      assertEquals("0.1.0-test", m.at("/jifen_version").asText());
      assertEquals(p.unitCode(), m.at("/unit/code").asText());
      assertEquals("2025Q2", m.at("/period/id").asText());
      assertEquals(p.files().size(), m.get("files").size());
      assertSorted(m);
    }
  }

  private static void assertSorted(JsonNode n) {
    if (n.isObject()) {
      List<String> keys = new ArrayList<>();
      n.fieldNames().forEachRemaining(keys::add);
      if (!(n instanceof ObjectNode o && o.has("file") && o.has("title"))) {
        assertEquals(keys.stream().sorted().toList(), keys, "keys sorted");
      }
      n.forEach(ReportPacksTest::assertSorted);
    } else if (n.isArray()) {
      n.forEach(ReportPacksTest::assertSorted);
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  static Workbook workbook(ReportPack p) throws Exception {
    try (InputStream in = Files.newInputStream(p.directory().resolve("statistics-table.xlsx"))) {
      return new XSSFWorkbook(in);
    }
  }

  static XWPFDocument document(ReportPack p) throws Exception {
    try (InputStream in = Files.newInputStream(p.directory().resolve("report.docx"))) {
      return new XWPFDocument(in);
    }
  }

  static String text(Sheet s, int row, int col) {
    Row r = s.getRow(row);
    Cell c = r == null ? null : r.getCell(col);
    return c == null ? "" : c.getCellType() == CellType.NUMERIC ? String.valueOf(c.getNumericCellValue())
        : c.getStringCellValue();
  }

  static long num(Sheet s, int row, int col) {
    return Math.round(s.getRow(row).getCell(col).getNumericCellValue());
  }

  static List<List<String>> rows(Sheet s) {
    List<List<String>> out = new ArrayList<>();
    for (int r = 0; r <= s.getLastRowNum(); r++) {
      List<String> row = new ArrayList<>();
      Row x = s.getRow(r);
      int last = x == null ? 0 : x.getLastCellNum();
      for (int c = 0; c < Math.max(last, 1); c++) {
        row.add(text(s, r, c));
      }
      out.add(row);
    }
    return out;
  }

  static int indexOf(List<List<String>> rows, String first) {
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).get(0).equals(first)) {
        return i;
      }
    }
    throw new AssertionError("No row starting with " + first);
  }

  static double parse(String s) {
    return Double.parseDouble(s);
  }

  static List<String> cells(XWPFTableRow r) {
    return r.getTableCells().stream().map(c -> c.getText()).toList();
  }

  static Connection readOnly(Path file) throws Exception {
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    return DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), p);
  }

  static Object one(Connection c, String sql, String arg) throws Exception {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        Object v = rs.getObject(1);
        return v instanceof Array a ? a.getArray() : v;
      }
    }
  }

  static List<Long> longs(Connection c, String sql, String arg) throws Exception {
    List<Long> out = new ArrayList<>();
    for (Object o : (Object[]) one(c, sql, arg)) {
      out.add(((Number) o).longValue());
    }
    return out;
  }

  static List<BigDecimal> decimals(Connection c, String sql, String arg) throws Exception {
    List<BigDecimal> out = new ArrayList<>();
    for (Object o : (Object[]) one(c, sql, arg)) {
      out.add((BigDecimal) o);
    }
    return out;
  }

  static BigDecimal decimal(Connection c, String sql, String arg) throws Exception {
    return (BigDecimal) one(c, sql, arg);
  }
}
