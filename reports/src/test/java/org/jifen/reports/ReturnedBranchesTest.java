package org.jifen.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 point 7: a branch whose files were all rejected whole is 报送被退回, not 未报送. The
 * {@link MartFixture}'s one branch without a 2025Q2 ledger (QS02B03, 光明科技企业联合党支部) is made
 * 'returned' in the mart, as silver submissions now says for a branch with a rejected file.
 */
class ReturnedBranchesTest {
  static final Instant T = Instant.parse("2025-10-15T02:30:00Z");

  @TempDir
  static Path tmp;
  static List<ReportPack> packs;

  @BeforeAll
  static void build() throws Exception {
    Path mart = MartFixture.build(tmp.resolve("returned.duckdb"), false);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + mart.toAbsolutePath());
         Statement st = c.createStatement()) {
      st.execute("UPDATE submissions SET status = 'returned' WHERE period = '2025Q2' AND branch_code = 'QS02B03'");
      st.execute("CREATE OR REPLACE VIEW v_submission_gaps AS SELECT period, branch_code, branch_name, committee_code,"
          + " domain, status, first_received_at, deadline, hours_late FROM submissions"
          + " WHERE status IN ('late', 'missing', 'returned')");
    }
    packs = ReportPacks.render(mart, "2025Q2", List.of("QS", "QS02"), tmp.resolve("out"),
        PackOptions.of("t").withGeneratedAt(T));
  }

  static ReportPack pack(String unit) {
    return packs.stream().filter(p -> p.unitCode().equals(unit)).findFirst().orElseThrow();
  }

  static String text(ReportPack p) throws Exception {
    try (XWPFDocument doc = ReportPacksTest.document(p)) {
      return String.join("\n", doc.getParagraphs().stream().map(XWPFParagraph::getText).toList());
    }
  }

  @Test
  void theNarrativeSaysReturnedNotMissing() throws Exception {
    String all = text(pack("QS"));
    assertTrue(all.contains("本季度应报送积分台账的党支部7个，按时报送5个，逾期报送1个，报送被退回1个，报送率85.7%。"), all);
    assertTrue(all.contains("报送被退回（所报文件均被整份退回）的是光明科技企业联合党支部，其党员未计入本季度统计。"), all);
    assertFalse(all.contains("未报送的是"), all);
    // The committee's pack: the branch has no figures because its ledger was returned.
    assertTrue(text(pack("QS02")).contains("光明科技企业联合党支部本期报送的台账被退回"), text(pack("QS02")));
  }

  @Test
  void theChartsMarkTheBranchReturned() {
    String name = MartFixture.org("QS02B03").name();
    for (String chart : List.of(PackCharts.GRADES_BY_SUBORDINATE, PackCharts.PARTICIPATION)) {
      assertEquals(Map.of(name, "报送被退回"), pack("QS02").chart(chart).marks(), chart);
    }
  }

  @Test
  void theWorkbookSaysReturned() throws Exception {
    try (Workbook wb = ReportPacksTest.workbook(pack("QS"))) {
      List<String> gaps = new ArrayList<>();
      Sheet s = wb.getSheet(StatisticsWorkbook.SHEET_GAPS);
      for (Row r : s) {
        if (r.getCell(3) != null && r.getCell(1) != null) {
          gaps.add(r.getCell(1).getStringCellValue() + " " + r.getCell(3).getStringCellValue());
        }
      }
      assertTrue(gaps.contains("光明科技企业联合党支部 报送被退回"), gaps.toString());
      Sheet o = wb.getSheet(StatisticsWorkbook.SHEET_OVERVIEW);
      Map<String, Double> figures = new java.util.LinkedHashMap<>();
      for (Row r : o) {
        if (r.getCell(0) != null && r.getCell(1) != null
            && r.getCell(1).getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC) {
          figures.put(r.getCell(0).getStringCellValue(), r.getCell(1).getNumericCellValue());
        }
      }
      assertEquals(0.0, figures.get("未报送"), figures.toString());
      assertEquals(1.0, figures.get("报送被退回"), figures.toString());
    }
  }
}
