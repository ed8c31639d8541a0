package org.jifen.stats;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jifen.spark.Warehouse;
import org.jifen.testing.SampleWarehouse;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The statistics tables of the bundled sample (统计表二, 2025Q3 + 2025Q4) for the district and two
 * committees, against an independent computation written here from silver facts and the member
 * scores: plain Java over collected rows, following DOMAIN §6/§8, not the gold SQL.
 */
class DataSamplesStatisticsTest {
  static final Set<String> PARTY = Set.of("正式党员", "预备党员");
  static final List<String> GRADES = List.of("优秀", "良好", "合格", "不合格");

  static SparkSession spark;
  static Warehouse wh;
  static Map<String, Row> orgs = new HashMap<>();

  @BeforeAll
  static void scoreAndAggregate() throws Exception {
    spark = SharedSpark.get();
    wh = SampleWarehouse.aggregated();
    for (Row r : wh.read(spark, Warehouse.SILVER, "orgs").collectAsList()) {
      orgs.put(r.getAs("org_code"), r);
    }
  }

  /** Active direct subordinates of a unit, in org-tree order. */
  private static List<String> subordinates(String unit) {
    return orgs.values().stream()
        .filter(o -> unit.equals(o.getAs("parent_code")) && o.<Boolean>getAs("active"))
        .sorted((a, b) -> Integer.compare(a.<Integer>getAs("row_num"), b.<Integer>getAs("row_num")))
        .map(o -> o.<String>getAs("org_code")).toList();
  }

  /** True when the branch is the org or one of its descendants. */
  private static boolean under(String branch, String org) {
    Row b = orgs.get(branch);
    return b != null && List.of(b.<String>getAs("path").split("/")).contains(org);
  }

  /** Expected row of 统计表二 for one subordinate: [total, exempt, participating, Q3 grades…, Q4 grades…, 3 actions]. */
  private static List<Long> expected(String org) {
    // Member counts as of Q4, branch by branch: a branch without a Q4 ledger is counted from its Q3
    // roster, without the members on a Q4 roster (issue 19: QS03B03's Q4 file was encrypted).
    List<Row> q4 = new ArrayList<>(wh.read(spark, Warehouse.SILVER, "members").filter(col("period").equalTo("2025Q4"))
        .collectAsList());
    Set<String> submittedQ4 = new HashSet<>();
    for (Row s : wh.read(spark, Warehouse.SILVER, "submissions").filter(col("period").equalTo("2025Q4")
        .and(col("status").isin("on_time", "late"))).collectAsList()) {
      submittedQ4.add(s.getAs("branch_code"));
    }
    Set<String> onQ4 = new HashSet<>();
    q4.forEach(m -> onQ4.add(m.getAs("member_code")));
    for (Row m : wh.read(spark, Warehouse.SILVER, "members").filter(col("period").equalTo("2025Q3")).collectAsList()) {
      if (!submittedQ4.contains(m.<String>getAs("branch_code")) && !onQ4.contains(m.<String>getAs("member_code"))) {
        q4.add(m);
      }
    }
    long total = 0;
    long exempt = 0;
    for (Row m : q4) {
      if (PARTY.contains(m.<String>getAs("standing")) && under(m.getAs("branch_code"), org)) {
        total++;
        if (!m.<Boolean>getAs("in_points_mgmt")) {
          exempt++;
        }
      }
    }
    List<Long> row = new ArrayList<>(List.of(total, exempt, total - exempt));
    for (String q : List.of("2025Q3", "2025Q4")) {
      Map<String, Long> byGrade = new LinkedHashMap<>();
      GRADES.forEach(g -> byGrade.put(g, 0L));
      for (Row s : wh.read(spark, Warehouse.GOLD, "member_quarter_score").filter(col("period").equalTo(q))
          .collectAsList()) {
        if (s.getAs("grade") != null && PARTY.contains(s.<String>getAs("standing"))
            && under(s.getAs("branch_code"), org)) {
          byGrade.merge(s.getAs("grade"), 1L, Long::sum);
        }
      }
      row.addAll(byGrade.values());
    }
    Map<String, String> standing = new HashMap<>();
    for (Row m : wh.read(spark, Warehouse.SILVER, "members").filter(col("period").isin("2025Q3", "2025Q4"))
        .collectAsList()) {
      standing.put(m.getAs("period") + "/" + m.getAs("member_code"), m.getAs("standing"));
    }
    for (String type : List.of("告诫提醒", "帮教整改", "组织处理")) {
      Set<String> members = new HashSet<>();
      for (Row a : wh.read(spark, Warehouse.SILVER, "actions").filter(col("period").isin("2025Q3", "2025Q4")
          .and(col("action_type").equalTo(type))).collectAsList()) {
        if (PARTY.contains(standing.get(a.getAs("period") + "/" + a.getAs("member_code")))
            && under(a.getAs("branch_code"), org)) {
          members.add(a.getAs("member_code"));
        }
      }
      row.add((long) members.size());
    }
    return row;
  }

  private static List<Long> actual(Row r) {
    List<Long> row = new ArrayList<>(List.of(((Number) r.getAs("members_total")).longValue(),
        ((Number) r.getAs("members_exempt")).longValue(), ((Number) r.getAs("members_participating")).longValue()));
    for (String c : List.of("first_grade_counts", "second_grade_counts")) {
      for (Object v : r.getList(r.fieldIndex(c))) {
        row.add(((Number) v).longValue());
      }
    }
    for (String c : List.of("action_remind_members", "action_rectify_members", "action_handle_members")) {
      row.add(((Number) r.getAs(c)).longValue());
    }
    return row;
  }

  private static void assertTableOfUnit(String unit) {
    List<Row> rows = wh.read(spark, Warehouse.GOLD, "stats_table")
        .filter(col("period").equalTo("2025H2").and(col("unit_code").equalTo(unit))).orderBy("row_no").collectAsList();
    List<String> subs = subordinates(unit);
    assertEquals(subs.size() + 1, rows.size(), unit + ": one row per active subordinate plus 合计");
    assertEquals(GRADES, rows.get(0).getList(rows.get(0).fieldIndex("grade_names")));
    long[] sums = new long[expected(subs.get(0)).size()];
    for (int i = 0; i < subs.size(); i++) {
      Row r = rows.get(i);
      assertEquals(subs.get(i), r.getAs("org_code"), unit + " row " + (i + 1));
      List<Long> exp = expected(subs.get(i));
      assertEquals(exp, actual(r), unit + " / " + subs.get(i));
      for (int k = 0; k < exp.size(); k++) {
        sums[k] += exp.get(k);
      }
    }
    Row total = rows.get(rows.size() - 1);
    assertEquals("合计", total.getAs("org_name"));
    List<Long> expectedTotal = new ArrayList<>();
    for (long s : sums) {
      expectedTotal.add(s);
    }
    assertEquals(expectedTotal, actual(total), unit + " 合计 = column sums");
  }

  @Test
  void districtTableTwoEqualsTheIndependentComputation() {
    assertTableOfUnit("QS");
  }

  @Test
  void committeeTablesEqualTheIndependentComputation() {
    assertTableOfUnit("QS01");
    assertTableOfUnit("QS02");
  }

  @Test
  void gradeSharesOfEveryDistrictPeriodSumToOne() {
    List<Row> rows = wh.read(spark, Warehouse.GOLD, "org_period_stats")
        .filter(col("node_code").equalTo("QS").and(col("cut_type").equalTo("org"))).collectAsList();
    assertEquals(5, rows.size(), "four quarters and the year");
    for (Row r : rows) {
      BigDecimal sum = BigDecimal.ZERO;
      for (Object s : r.getList(r.fieldIndex("grade_shares"))) {
        sum = sum.add((BigDecimal) s);
      }
      assertTrue(sum.subtract(BigDecimal.ONE).abs().compareTo(new BigDecimal("0.0003")) <= 0,
          r.getAs("period") + ": shares sum to " + sum);
      assertTrue(((Number) r.getAs("members_graded")).longValue() > 0);
    }
  }
}
