package org.jifen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.jifen.mart.MartBuilder;
import org.jifen.spark.Warehouse;
import org.jifen.testing.SampleWarehouse;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Names where leaders need them, pseudonyms where analysts work (issue 8): {@code jifen report}
 * names the members on a pack's lists by default, from the owner-only restricted mart it builds
 * when needed; a committee's pack lists only its own members; the analysts' {@code jifen.duckdb}
 * holds no name, no 党员编号 and no national ID; {@code --pseudonymous} packs show member keys.
 */
class ReportNamesTest {
  private static final String UNIT = "QS03";

  private record Run(int code, String out, String err) {}

  private static Run report(Warehouse wh, String... args) {
    CommandLine cl = Jifen.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    String[] all = Stream.concat(Stream.of("report", "--warehouse", wh.root(), "--master", "local[2]"),
        Stream.of(args)).toArray(String[]::new);
    return new Run(cl.execute(all), out.toString(), err.toString());
  }

  private static List<List<String>> rows(Path xlsx, String sheet) throws Exception {
    try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(xlsx))) {
      Sheet s = wb.getSheet(sheet);
      DataFormatter f = new DataFormatter();
      List<List<String>> out = new ArrayList<>();
      for (Row r : s) {
        List<String> row = new ArrayList<>();
        for (int c = 0; c < r.getLastCellNum(); c++) {
          Cell x = r.getCell(c);
          row.add(x == null ? "" : f.formatCellValue(x));
        }
        out.add(row);
      }
      return out;
    }
  }

  private static List<String> allCells(Path xlsx) throws Exception {
    List<String> cells = new ArrayList<>();
    try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(xlsx))) {
      DataFormatter f = new DataFormatter();
      for (Sheet s : wb) {
        for (Row r : s) {
          r.forEach(c -> cells.add(f.formatCellValue(c)));
        }
      }
    }
    return cells;
  }

  private static Connection readOnly(Path file) throws Exception {
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    return DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), p);
  }

  /** The silver roster's identities: 党员编号 → name, and every national ID. */
  private static Map<String, String> names = new HashMap<>();
  private static Set<String> ids = new HashSet<>();

  private static void loadIdentities(Warehouse wh) {
    for (org.apache.spark.sql.Row m : wh.read(SharedSpark.get(), Warehouse.SILVER, "members").collectAsList()) {
      names.put(m.getAs("member_code"), m.getAs("name"));
    }
    // National IDs stop at bronze: take them from the rosters as read.
    for (org.apache.spark.sql.Row b : wh.read(SharedSpark.get(), Warehouse.BRONZE, "ledger_rows")
        .filter("sheet = '名册'").selectExpr("trim(fields['身份证号'])").collectAsList()) {
      String id = b.getString(0);
      if (id != null && !id.isBlank()) {
        ids.add(id);
      }
    }
  }

  @Test
  void packsNameTheUnitsOwnMembersAndTheAnalystsMartStaysPseudonymous() throws Exception {
    Warehouse wh = SampleWarehouse.aggregated();
    loadIdentities(wh);
    assertFalse(ids.isEmpty(), "the samples carry national IDs, so their absence below means something");
    Path marts = Path.of(wh.root(), "marts");
    Path restricted = marts.resolve(MartBuilder.RESTRICTED_FILE);
    Files.deleteIfExists(restricted);

    // Default: names. The restricted file is built because it is missing, owner-only.
    Run r = report(wh, "--period", "2025Q4", "--unit", UNIT);
    assertEquals(ExitCodes.OK, r.code(), r.err());
    assertTrue(r.out().contains("The packs name the members on their lists"), r.out());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(restricted)));
    assertTrue(MartBuilder.restrictedInStep(marts.resolve("jifen.duckdb")));
    try (Stream<Path> left = Files.list(marts)) {
      assertEquals(List.of(), left.map(x -> x.getFileName().toString()).filter(n -> n.startsWith(".")).toList(),
          "no staging left beside the marts");
    }

    Path pack = Path.of(wh.root(), "reports", "2025Q4", UNIT);
    List<List<String>> watch = rows(pack.resolve("statistics-table.xlsx"), "重点名单");
    int h = 0;
    while (!watch.get(h).get(0).equals("名单")) {
      h++;
    }
    assertEquals(List.of("名单", "所属党支部", "姓名", "党员编号"), watch.get(h).subList(0, 4));
    List<List<String>> listed = watch.subList(h + 1, watch.size());
    assertFalse(listed.isEmpty());
    Set<String> unitBranches = new HashSet<>();
    try (Connection c = readOnly(restricted); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT org_name FROM dim_org WHERE committee_code = '" + UNIT + "'")) {
      while (rs.next()) {
        unitBranches.add(rs.getString(1));
      }
    }
    for (List<String> row : listed) {
      assertTrue(unitBranches.contains(row.get(1)), "only " + UNIT + "'s members: " + row);
      assertNotNull(names.get(row.get(3)), "a real 党员编号: " + row);
      assertEquals(names.get(row.get(3)), row.get(2), "the member's name: " + row);
    }
    // The workbook and the report hold no national ID and no member key where names are shown.
    List<String> cells = allCells(pack.resolve("statistics-table.xlsx"));
    String report;
    try (XWPFDocument doc = new XWPFDocument(Files.newInputStream(pack.resolve("report.docx")));
         XWPFWordExtractor x = new XWPFWordExtractor(doc)) {
      report = x.getText();
    }
    for (String id : ids) {
      assertFalse(cells.stream().anyMatch(c -> c.contains(id)), "national ID in the workbook");
      assertFalse(report.contains(id), "national ID in the report");
    }
    assertFalse(cells.stream().anyMatch(c -> c.matches("[0-9a-f]{64}")), "no member_key next to names");

    // The analysts' mart: no identity column, no 党员编号, name or national ID in any value.
    try (Connection c = readOnly(marts.resolve("jifen.duckdb")); Statement st = c.createStatement()) {
      List<String[]> columns = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("SELECT table_name, column_name FROM information_schema.columns")) {
        while (rs.next()) {
          columns.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
      for (String[] col : columns) {
        assertFalse(Set.of("name", "member_name", "member_code", "id_number", "leader", "unit_leader").contains(col[1]),
            col[0] + "." + col[1]);
        try (ResultSet rs = st.executeQuery("SELECT DISTINCT CAST(\"" + col[1] + "\" AS VARCHAR) FROM \"" + col[0] + "\"")) {
          while (rs.next()) {
            String v = rs.getString(1);
            if (v == null) {
              continue;
            }
            assertFalse(names.containsKey(v) || names.containsValue(v), col[0] + "." + col[1] + " holds " + v);
            for (String id : ids) {
              assertFalse(v.contains(id), col[0] + "." + col[1] + " holds a national ID");
            }
          }
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT value FROM mart_info WHERE item = 'restricted'")) {
        assertTrue(rs.next());
        assertEquals("false", rs.getString(1));
      }
    }

    // --pseudonymous: the same pack without names.
    Run p = report(wh, "--period", "2025Q4", "--unit", UNIT, "--pseudonymous");
    assertEquals(ExitCodes.OK, p.code(), p.err());
    List<List<String>> anon = rows(pack.resolve("statistics-table.xlsx"), "重点名单");
    assertEquals("代号", anon.get(h).get(2)); // the member_key, under a name meant for leaders
    assertEquals(listed.size(), anon.size() - h - 1);
    List<String> anonCells = allCells(pack.resolve("statistics-table.xlsx"));
    for (List<String> row : listed) {
      assertFalse(anonCells.contains(row.get(2)) || anonCells.contains(row.get(3)), "no name or 党员编号: " + row);
    }

    // The old option is accepted (names are the default), with a note; contradicting options are refused.
    Run old = report(wh, "--period", "2025Q4", "--unit", UNIT, "--restricted");
    assertEquals(ExitCodes.OK, old.code(), old.err());
    assertTrue(old.err().contains("--restricted is deprecated"), old.err());
    assertEquals(ExitCodes.USAGE, report(wh, "--period", "2025Q4", "--restricted", "--pseudonymous").code());
  }
}
