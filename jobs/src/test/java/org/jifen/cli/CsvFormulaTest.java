package org.jifen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.jifen.explain.FigureExplainer;
import org.jifen.explain.MemberExplainer;
import org.jifen.score.MemberScoring;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 point 5: a CSV jifen writes never holds a field a spreadsheet would run as a formula.
 * Names, 依据 and any other text starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a
 * carriage return get a leading apostrophe (as the xlsx outputs' SafeText does); numbers, negative
 * ones included, are written as they are.
 */
class CsvFormulaTest {
  /** Hostile texts and the field each must become in the CSV (quoted where RFC 4180 needs it). */
  static final List<List<String>> HOSTILE = List.of(
      List.of("=1+1", "'=1+1"),
      List.of("+SUM(1)", "'+SUM(1)"),
      List.of("@A1", "'@A1"),
      List.of("\t=1+1", "'\t=1+1"),
      List.of("-2+3", "'-2+3"),
      List.of("\r=1+1", "\"'\r=1+1\""),
      List.of("＝1+1", "'＝1+1"),
      List.of("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
      List.of("王=1", "王=1"));

  @Test
  void explainMemberCsvNeutralisesNamesAndBasisButNotNumbers() {
    for (List<String> h : HOSTILE) {
      MemberExplainer.Line line = new MemberExplainer.Line(MemberScoring.LineKind.ENTRY, "基本分", "B2", h.get(0),
          new BigDecimal("-5"), new BigDecimal("-5.0"), "2025-04-15", "2025Q2/QS01B01_2025Q2.xlsx", "积分明细", 7,
          h.get(0));
      MemberExplainer.Explanation x = new MemberExplainer.Explanation("DY1", "k".repeat(64), h.get(0), "2025Q2",
          "QS01B01", h.get(0), "正式党员", "graded", "f", "名册", 3, "district-100", null, List.of(line),
          new BigDecimal("95"), "优秀", new BigDecimal("95"), "优秀", List.of());
      String csv = ExplainCommand.csv(ExplainCommand.memberCsv(x));
      assertTrue(csv.startsWith("\uFEFFperiod,member_key,"), csv);
      String row = csv.substring(csv.indexOf("\r\n") + 2);
      String f = h.get(1);
      assertEquals("2025Q2," + "k".repeat(64) + ",DY1," + f + ",ENTRY,基本分,B2," + f
          + ",-5,-5.0,2025-04-15,2025Q2/QS01B01_2025Q2.xlsx,积分明细,7," + f + "\r\n", row, h.get(0));
    }
  }

  @Test
  void explainFigureCsvNeutralisesNamesAndBranchNames() {
    FigureExplainer.Query q = new FigureExplainer.Query("2025Q2", "QS01", null, "合格", true);
    FigureExplainer.Counted c = new FigureExplainer.Counted("QS01", "DY1", "k".repeat(64), "=1+1", "QS01B01",
        "+SUM(1)", "正式党员", "graded", new BigDecimal("-0.50"), "合格", "2025Q2", "@A1", "名册", 3, null, null);
    FigureExplainer.Explanation x = new FigureExplainer.Explanation(q, "-单位", "-单位", "合格",
        FigureExplainer.Kind.GRADE, "gold.org_period_stats", "rule", List.of(c), BigDecimal.ONE, BigDecimal.ONE, 1,
        new BigDecimal("-0.50"));
    String[] lines = ExplainCommand.csv(ExplainCommand.figureCsv(x)).split("\r\n");
    assertEquals("2025Q2,QS01,'-单位,合格,QS01," + "k".repeat(64) + ",DY1,'=1+1,QS01B01,'+SUM(1),正式党员,graded,"
        + "-0.50,合格,2025Q2,,,'@A1,名册,3", lines[1]);
  }

  @Test
  void sqlCsvNeutralisesTextsAndKeepsNumbers() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (name VARCHAR, basis VARCHAR, points DECIMAL(6,2), n INTEGER)");
      st.execute("INSERT INTO t VALUES ('=1+1', '+SUM(1)', -5.00, -3), ('@A1', chr(9) || '=1+1', 2.50, 1), "
          + "('-2+3', chr(13) || '=1', 0, 0), ('王五', '-', NULL, NULL)");
      StringWriter out = new StringWriter();
      try (ResultSet r = st.executeQuery("SELECT name, basis, points, n, '=x' AS \"=h\" FROM t ORDER BY rowid")) {
        SqlCommand.print(r, SqlCommand.Format.csv, new PrintWriter(out));
      }
      assertEquals("name,basis,points,n,'=h\r\n"
          + "'=1+1,'+SUM(1),-5.00,-3,'=x\r\n"
          + "'@A1,'\t=1+1,2.50,1,'=x\r\n"
          + "'-2+3,\"'\r=1\",0.00,0,'=x\r\n"
          + "王五,'-,,,'=x\r\n", out.toString());
    }
  }
}
