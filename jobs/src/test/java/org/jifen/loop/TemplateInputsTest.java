package org.jifen.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.jifen.ingest.OrgTree;
import org.jifen.read.WarehouseSql;
import org.jifen.score.SilverInputs;
import org.jifen.spark.Warehouse;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which branches get a template and whose roster each is pre-filled with, on a hand-made district:
 * 区委 D → 党委 C1 (B1, B2, dissolved B3, 党总支 G1 with B4) and 工委 C2 (B5, never submitted).
 * B1 submitted 2025Q3 and Q4; B2 only Q3 (M4 moved from B2 to B1 in Q4); B4 Q4; an already ingested
 * 2026Q1 of B1 lists M1 only. Every read runs through both engines of {@link WarehouseSql} (DuckDB
 * and Spark), which must agree.
 */
class TemplateInputsTest {
  @TempDir static Path dir;
  static Warehouse wh;

  @BeforeAll
  static void district() {
    SparkSession spark = SharedSpark.get();
    String[][] tree = {
        {"D", "某区委", null, "区委", "有效"}, {"C1", "第一党委", "D", "党委", "有效"},
        {"B1", "第一支部", "C1", "党支部", "有效"}, {"B2", "第二支部", "C1", "党支部", "有效"},
        {"B3", "撤销支部", "C1", "党支部", "撤销"}, {"G1", "联合党总支", "C1", "党总支", "有效"},
        {"B4", "第四支部", "G1", "党支部", "有效"}, {"C2", "第二工委", "D", "工委", "有效"},
        {"B5", "第五支部", "C2", "党支部", "有效"}};
    Map<String, String[]> byCode = new LinkedHashMap<>();
    for (String[] o : tree) {
      byCode.put(o[0], o);
    }
    List<Row> orgRows = new ArrayList<>();
    int n = 2;
    for (String[] o : tree) {
      List<String> chain = new ArrayList<>();
      boolean active = true;
      for (String[] a = o; a != null; a = a[2] == null ? null : byCode.get(a[2])) {
        chain.add(0, a[0]);
        active &= "有效".equals(a[4]);
      }
      orgRows.add(RowFactory.create(o[0], o[1], o[2], o[3], "机关", o[4], null, active, chain.size() - 1,
          String.join("/", chain), chain.size() >= 2 ? chain.get(1) : null, "tree", "orgs.xlsx", n++));
    }
    wh = new Warehouse(dir.resolve("warehouse").toString());
    spark.createDataFrame(orgRows, OrgTree.SCHEMA).write().format("delta").save(wh.path(Warehouse.SILVER, "orgs"));
    List<Row> rows = new ArrayList<>();
    // The roster order is the branch's own (row_num), not the code order.
    member(rows, "2025Q3", "B1", "M2", 2, "预备党员", "2024-10-01");
    member(rows, "2025Q3", "B1", "M1", 3, "正式党员", "1990-07-01");
    member(rows, "2025Q3", "B2", "M3", 2, "正式党员", "2001-07-01");
    member(rows, "2025Q3", "B2", "M4", 3, "正式党员", "2002-07-01");
    member(rows, "2025Q3", "B2", "M5", 4, "入党积极分子", null);
    member(rows, "2025Q4", "B1", "M2", 2, "预备党员", "2024-10-01");
    member(rows, "2025Q4", "B1", "M1", 3, "正式党员", "1990-07-01");
    member(rows, "2025Q4", "B1", "M4", 4, "正式党员", "2002-07-01");
    member(rows, "2025Q4", "B3", "M7", 2, "正式党员", "1980-07-01");
    member(rows, "2025Q4", "B4", "M6", 2, "正式党员", "1999-07-01");
    member(rows, "2026Q1", "B1", "M1", 2, "正式党员", "1990-07-01");
    spark.createDataFrame(rows, SilverInputs.MEMBERS_SCHEMA).write().format("delta")
        .save(wh.path(Warehouse.SILVER, "members"));
  }

  private static void member(List<Row> rows, String period, String branch, String code, int rowNum, String standing,
      String joined) {
    rows.add(RowFactory.create(period, Integer.parseInt(period.substring(0, 4)), period.charAt(5) - '0', branch, code,
        "姓名" + code, null, "missing", "男", Date.valueOf("1970-01-01"), joined == null ? null : Date.valueOf(joined),
        standing, "在职", true, null, null, "L-" + branch + period, branch + "_" + period + ".xlsx", "名册", rowNum));
  }

  /** The inputs read by DuckDB, checked to be the same as Spark's. */
  static List<TemplateInputs.BranchRoster> read(Warehouse wh, String period, String unit) {
    List<TemplateInputs.BranchRoster> duck = withEngine("duckdb", () -> TemplateInputs.read(wh, SharedSpark::get,
        period, unit));
    assertEquals(duck, withEngine("spark", () -> TemplateInputs.read(wh, SharedSpark::get, period, unit)),
        "DuckDB and Spark read the same templates");
    return duck;
  }

  static <T> T withEngine(String engine, Supplier<T> body) {
    System.setProperty(WarehouseSql.ENGINE_PROPERTY, engine);
    try {
      return body.get();
    } finally {
      System.clearProperty(WarehouseSql.ENGINE_PROPERTY);
    }
  }

  private static Map<String, String> rosters(String period, String unit) {
    Map<String, String> m = new LinkedHashMap<>();
    for (TemplateInputs.BranchRoster b : read(wh, period, unit)) {
      m.put(b.branch().code(), b.rosterPeriod() + " " + String.join(",", b.members().stream()
          .map(LedgerTemplate.Member::code).toList()));
    }
    return m;
  }

  @Test
  void eachActiveBranchGetsItsLatestRosterWithoutMembersWhoMovedOn() {
    // B1: Q4 in its own order; B2: Q3 without M4, who is on B1's Q4 roster; B3 dissolved; B5 never submitted.
    assertEquals(Map.of(
        "B1", "2025Q4 M2,M1,M4",
        "B2", "2025Q3 M3,M5",
        "B4", "2025Q4 M6",
        "B5", "null "), rosters("2026Q1", null));
    // For 2025Q4 only Q3 counts: M4 was still on B2's roster then.
    assertEquals(Map.of(
        "B1", "2025Q3 M2,M1",
        "B2", "2025Q3 M3,M4,M5",
        "B4", "null ",
        "B5", "null "), rosters("2025Q4", null));
    // Rosters of the template's own quarter or later are never used: 2026Q2 takes B1's 2026Q1.
    assertEquals("2026Q1 M1", rosters("2026Q2", null).get("B1"));
  }

  @Test
  void aUnitSelectsTheBranchesAtOrUnderIt() {
    assertEquals(List.of("B1", "B2", "B4"), List.copyOf(rosters("2026Q1", "C1").keySet()));
    assertEquals(List.of("B4"), List.copyOf(rosters("2026Q1", "G1").keySet()));
    assertEquals(List.of("B5"), List.copyOf(rosters("2026Q1", "B5").keySet()));
    assertTrue(rosters("2026Q1", "B3").isEmpty(), "a dissolved branch gets none");
    for (String engine : List.of("duckdb", "spark")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> withEngine(engine, () -> TemplateInputs.read(wh, SharedSpark::get, "2026Q1", "X9")));
      assertEquals("--unit: 'X9' is not an organization code of the org tree", e.getMessage());
    }
  }

  @Test
  void membersCarryTheirRosterData() {
    TemplateInputs.BranchRoster b1 = read(wh, "2026Q1", "B1").get(0);
    assertEquals(new LedgerTemplate.Branch("B1", "第一支部", "第一党委"), b1.branch());
    LedgerTemplate.Member m2 = b1.members().get(0);
    assertEquals(List.of("M2", "姓名M2", "预备党员", "2024-10-01", "missing"),
        List.of(m2.code(), m2.name(), m2.standing(), m2.joinDate().toString(), m2.idStatus()));
    assertNull(m2.exemptReason());
  }

  @Test
  void theSampleWarehouseReadsTheSameOnBothEngines() throws Exception {
    Warehouse sample = org.jifen.testing.SampleWarehouse.get();
    List<TemplateInputs.BranchRoster> q1 = read(sample, "2026Q1", null);
    assertTrue(q1.size() > 10 && q1.stream().allMatch(b -> b.rosterPeriod() != null && !b.members().isEmpty()),
        "every sample branch has a roster for 2026Q1");
    assertTrue(q1.stream().flatMap(b -> b.members().stream()).anyMatch(m -> m.birthDate() != null
        && m.joinDate() != null), "dates are read");
    List<TemplateInputs.BranchRoster> qs01 = read(sample, "2025Q3", "QS01");
    assertTrue(!qs01.isEmpty() && qs01.stream().allMatch(b -> b.branch().code().startsWith("QS01")), "QS01 only");
  }
}
