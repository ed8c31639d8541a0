package org.jifen.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jifen.spark.Progress;
import org.jifen.spark.Warehouse;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.Test;

/**
 * The statistics of the hand-worked district in {@link TestWarehouses#district()} (district-100
 * grades 优秀 良好 合格 不合格). 2025Q2 party members: B11 M01 92 优秀, M02 85 良好, M03 78 合格
 * (预备), M04 exempt; B12 M05 95 优秀, M06 55 不合格 (A01 is an activist); B21 M09 90 优秀,
 * M10 80 良好 (moved from B12), M11 58 不合格 (预备); B13 missing, B22 returned (its file rejected);
 * B14 dissolved (M12).
 */
class AggregateJobTest {
  private static final List<String> GRADES = List.of("优秀", "良好", "合格", "不合格");

  private static SparkSession spark() {
    return SharedSpark.get();
  }

  private static List<Row> rows(String table, String where) {
    return new Warehouse(TestWarehouses.district().root()).read(spark(), Warehouse.GOLD, table).where(where)
        .collectAsList();
  }

  private static Row one(String table, String where) {
    List<Row> r = rows(table, where);
    assertEquals(1, r.size(), () -> table + " where " + where + ": " + r);
    return r.get(0);
  }

  private static Row stats(String period, String node, String cutType, String cutValue) {
    return one("org_period_stats", String.format("period = '%s' and node_code = '%s' and cut_type = '%s' "
        + "and cut_value = '%s'", period, node, cutType, cutValue));
  }

  private static long n(Row r, String col) {
    return ((Number) r.getAs(col)).longValue();
  }

  private static BigDecimal d(String v) {
    return new BigDecimal(v);
  }

  private static List<Long> longs(Row r, String col) {
    List<Object> l = r.getList(r.fieldIndex(col));
    return l == null ? null : l.stream().map(o -> ((Number) o).longValue()).collect(Collectors.toList());
  }

  @Test
  void plansDependentPeriods() {
    Set<String> ingested = Set.of("2024Q4", "2025Q1", "2025Q2", "2025Q3", "2026Q2");
    AggregateJob.Plan p = AggregateJob.plan("2025Q2", ingested, Set.of());
    assertEquals(List.of("2025Q1", "2025Q2", "2025Q3", "2026Q2"), new ArrayList<>(p.periods()));
    assertEquals(List.of("2025H1"), new ArrayList<>(p.halves()));
    p = AggregateJob.plan("2025", ingested, Set.of());
    assertEquals(List.of("2025", "2025Q1", "2025Q2", "2025Q3", "2026", "2026Q2"), new ArrayList<>(p.periods()));
    assertEquals(List.of("2025H1", "2025H2"), new ArrayList<>(p.halves()));
    // A scored year is refreshed with its quarters.
    p = AggregateJob.plan("2024Q4", ingested, Set.of(2024));
    assertEquals(List.of("2024", "2024Q4", "2025", "2025Q1"), new ArrayList<>(p.periods()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AggregateJob.plan("2025Q4", ingested, Set.of()));
    assertEquals("Period 2025Q4 has not been ingested (ingested: 2024Q4, 2025Q1, 2025Q2, 2025Q3, 2026Q2)",
        e.getMessage());
  }

  @Test
  void districtFiguresOfAQuarter() {
    Row r = stats("2025Q2", "D", "org", "全部");
    assertEquals("区委", r.getAs("node_level"));
    // 9 party members: the activist A01 and the dissolved branch's M12 are not counted.
    assertEquals(9, n(r, "members_total"));
    assertEquals(2, n(r, "members_probationary"));
    assertEquals(1, n(r, "members_exempt"));
    assertEquals(8, n(r, "members_participating"));
    assertEquals(n(r, "members_total"), n(r, "members_exempt") + n(r, "members_participating"));
    assertEquals(d("0.8889"), r.getAs("participation_rate"));
    // B11, B12 on time; B21 late; B13 and B22 not submitted, B22 returned (its only file rejected).
    assertEquals(5, n(r, "ledgers_expected"));
    assertEquals(2, n(r, "ledgers_on_time"));
    assertEquals(1, n(r, "ledgers_late"));
    assertEquals(2, n(r, "ledgers_missing"));
    assertEquals(1, n(r, "ledgers_returned"));
    assertEquals(3, n(r, "ledgers_submitted"));
    assertEquals(d("0.6000"), r.getAs("submission_rate"));
    assertEquals(8, n(r, "members_graded"));
    assertEquals(GRADES, r.getList(r.fieldIndex("grade_names")));
    assertEquals(List.of(3L, 2L, 1L, 2L), longs(r, "grade_counts"));
    List<BigDecimal> shares = r.getList(r.fieldIndex("grade_shares"));
    assertEquals(List.of(d("0.3750"), d("0.2500"), d("0.1250"), d("0.2500")), shares);
    assertEquals(0, BigDecimal.ONE.compareTo(shares.stream().reduce(BigDecimal.ZERO, BigDecimal::add)));
    // Scores 55 58 78 80 85 90 92 95: mean 79.125 rounds half-up to 79.13.
    assertEquals(d("79.13"), r.getAs("score_mean"));
    assertEquals(d("82.50"), r.getAs("score_median"));
    assertEquals(d("73.00"), r.getAs("score_q1"));
    assertEquals(d("90.50"), r.getAs("score_q3"));
    assertEquals(d("55.0"), r.getAs("score_min"));
    assertEquals(d("95.0"), r.getAs("score_max"));
    List<Long> hist = longs(r, "score_histogram");
    assertEquals(21, hist.size());
    Map<Integer, Long> nonZero = new TreeMap<>();
    for (int i = 0; i < hist.size(); i++) {
      if (hist.get(i) != 0) {
        nonZero.put(i, hist.get(i));
      }
    }
    assertEquals(Map.of(11, 2L, 15, 1L, 16, 1L, 17, 1L, 18, 2L, 19, 1L), nonZero);
    // M06 and M11 warned, M11 rectifying; the activist A01 and the dissolved branch's M12 not counted.
    assertEquals(2, n(r, "action_remind_members"));
    assertEquals(1, n(r, "action_rectify_members"));
    assertEquals(0, n(r, "action_handle_members"));
    assertEquals("district-100", r.getAs("scheme_id"));
  }

  @Test
  void nodesIncludeTheirDescendantsAndSumUp() {
    Row c1 = stats("2025Q2", "C1", "org", "全部");
    Row c2 = stats("2025Q2", "C2", "org", "全部");
    Row g1 = stats("2025Q2", "G1", "org", "全部");
    Row d = stats("2025Q2", "D", "org", "全部");
    assertEquals(6, n(c1, "members_total"));
    assertEquals(List.of(2L, 1L, 1L, 1L), longs(c1, "grade_counts"));
    assertEquals(2, n(g1, "members_total"));
    assertEquals(List.of(1L, 0L, 0L, 1L), longs(g1, "grade_counts"));
    assertEquals(3, n(c2, "members_total"));
    assertEquals(List.of(1L, 1L, 0L, 1L), longs(c2, "grade_counts"));
    for (String col : List.of("members_total", "members_exempt", "members_participating", "members_graded",
        "ledgers_expected", "ledgers_missing", "ledgers_returned")) {
      assertEquals(n(d, col), n(c1, col) + n(c2, col), col);
    }
    // The dissolved branch has no row at all; the branch whose file was rejected has zeros.
    assertTrue(rows("org_period_stats", "node_code = 'B14'").isEmpty());
    Row b22 = stats("2025Q2", "B22", "org", "全部");
    assertEquals(0, n(b22, "members_total"));
    assertEquals(1, n(b22, "ledgers_missing"));
    assertEquals(1, n(b22, "ledgers_returned"));
    assertEquals(0, n(b22, "ledgers_submitted"));
    assertNull(b22.getAs("score_mean"));
    assertEquals(List.of(0L, 0L, 0L, 0L), longs(b22, "grade_counts"));
  }

  @Test
  void domainAndCategoryCuts() {
    Row jg = stats("2025Q2", "D", "domain", "机关");
    Row sq = stats("2025Q2", "D", "domain", "社区");
    Row xx = stats("2025Q2", "D", "domain", "学校");
    assertEquals(6, n(jg, "members_total"));
    assertEquals(3, n(sq, "members_total"));
    assertEquals(0, n(xx, "members_total"));
    assertEquals(2, n(sq, "ledgers_expected"));
    assertEquals(1, n(sq, "ledgers_submitted"));
    assertEquals(1, n(xx, "ledgers_missing"));
    assertEquals(1, n(xx, "ledgers_returned"));
    assertEquals(4, n(stats("2025Q2", "D", "category", "在职"), "members_total"));
    assertEquals(2, n(stats("2025Q2", "D", "category", "离退休"), "members_total"));
    Row sqCat = stats("2025Q2", "D", "category", "社区");
    assertEquals(3, n(sqCat, "members_total"));
    assertNull(sqCat.getAs("ledgers_expected"));
    long sum = rows("org_period_stats", "period = '2025Q2' and node_code = 'D' and cut_type = 'category'").stream()
        .mapToLong(x -> n(x, "members_total")).sum();
    assertEquals(9, sum);
  }

  @Test
  void yearPlacesMembersByTheirLastQuarter() {
    Row y = stats("2025", "D", "org", "全部");
    // M01-M04 (Q3), M05 M06 (Q2), M07 M08 (Q1, B13), M09 M10 M11 (Q2): 11 party members.
    assertEquals(11, n(y, "members_total"));
    assertEquals(1, n(y, "members_exempt"));
    // No annual scores yet: nothing graded.
    assertEquals(0, n(y, "members_graded"));
    // Branch-quarters over the three ingested quarters.
    assertEquals(15, n(y, "ledgers_expected"));
    assertEquals(8, n(y, "ledgers_submitted"));
    assertEquals(4, n(stats("2025", "G1", "org", "全部"), "members_total"));
    // Distinct members over the year: M06 warned twice counts once.
    assertEquals(2, n(y, "action_remind_members"));
    assertEquals(1, n(y, "action_handle_members"));
  }

  private static Map<String, Row> statsTable(String period, String unit) {
    Map<String, Row> m = new TreeMap<>();
    for (Row r : rows("stats_table", "period = '" + period + "' and unit_code = '" + unit + "'")) {
      m.put(r.getInt(r.fieldIndex("row_no")) + ":" + r.getAs("org_name"), r);
    }
    return m;
  }

  private static void assertRow(Row r, long total, long exempt, long participating, List<Long> first,
      List<Long> second, long remind, long rectify, long handle) {
    assertEquals(total, n(r, "members_total"), r::toString);
    assertEquals(exempt, n(r, "members_exempt"), r::toString);
    assertEquals(participating, n(r, "members_participating"), r::toString);
    assertEquals(first, longs(r, "first_grade_counts"), r::toString);
    assertEquals(second, longs(r, "second_grade_counts"), r::toString);
    assertEquals(remind, n(r, "action_remind_members"), r::toString);
    assertEquals(rectify, n(r, "action_rectify_members"), r::toString);
    assertEquals(handle, n(r, "action_handle_members"), r::toString);
  }

  @Test
  void statsTableOfTheDistrict() {
    Map<String, Row> t = statsTable("2025H1", "D");
    assertEquals(List.of("1:第一党委", "2:第二工委", "3:合计"), new ArrayList<>(t.keySet()));
    Row c1 = t.get("1:第一党委");
    assertEquals("统计表一", c1.getAs("table_name"));
    assertEquals("2025Q2", c1.getAs("as_of_quarter"));
    assertEquals("张填表", c1.getAs("filler"));
    assertEquals("某区委", c1.getAs("unit_name"));
    assertEquals(GRADES, c1.getList(c1.fieldIndex("grade_names")));
    // Members as of Q2, except B13 (missed Q2: its Q1 roster M07 M08); Q1 grades under the Q1
    // branches (M10 still in B12); M10's Q1 组织处理 counts under B12, the activist and the
    // dissolved branch not at all.
    assertRow(c1, 8, 1, 7, List.of(1L, 4L, 2L, 1L), List.of(2L, 1L, 1L, 1L), 1, 0, 1);
    assertEquals(List.of("B13"), c1.getList(c1.fieldIndex("members_as_of_first_quarter")));
    Row c2 = t.get("2:第二工委");
    // B22 submitted neither quarter: nothing to count, nothing named.
    assertRow(c2, 3, 0, 3, List.of(1L, 0L, 0L, 1L), List.of(1L, 1L, 0L, 1L), 1, 1, 0);
    assertEquals(List.of(), c2.getList(c2.fieldIndex("members_as_of_first_quarter")));
    Row total = t.get("3:合计");
    assertEquals("total", total.getAs("row_type"));
    assertNull(total.getAs("org_code"));
    assertRow(total, 11, 1, 10, List.of(2L, 4L, 2L, 2L), List.of(3L, 2L, 1L, 2L), 2, 1, 1);
    assertEquals(List.of("B13"), total.getList(total.fieldIndex("members_as_of_first_quarter")));
    // 合计 is the district's Q2 members plus B13's two, counted from Q1.
    assertEquals(n(stats("2025Q2", "D", "org", "全部"), "members_total") + 2, n(total, "members_total"));
  }

  @Test
  void statsTableOfACommitteeAndAGeneralBranch() {
    // C1's rows: B11 and the 党总支 G1 aggregating B12 and B13; the dissolved B14 is absent.
    Map<String, Row> c1 = statsTable("2025H1", "C1");
    assertEquals(List.of("1:第一支部", "2:联合党总支", "3:合计"), new ArrayList<>(c1.keySet()));
    assertRow(c1.get("1:第一支部"), 4, 1, 3, List.of(0L, 2L, 1L, 0L), List.of(1L, 1L, 1L, 0L), 0, 0, 0);
    assertRow(c1.get("2:联合党总支"), 4, 0, 4, List.of(1L, 2L, 1L, 1L), List.of(1L, 0L, 0L, 1L), 1, 0, 1);
    assertRow(c1.get("3:合计"), 8, 1, 7, List.of(1L, 4L, 2L, 1L), List.of(2L, 1L, 1L, 1L), 1, 0, 1);
    Map<String, Row> g1 = statsTable("2025H1", "G1");
    assertEquals(List.of("1:第二支部", "2:社区支部", "3:合计"), new ArrayList<>(g1.keySet()));
    // B13 missed Q2: its members are counted from its Q1 roster (M07 80 良好, M08 65 合格), so 参与
    // equals its Q1 grade counts (issue 19: a row of 0 members with Q1 grades), and the row says so.
    Row b13 = g1.get("2:社区支部");
    assertRow(b13, 2, 0, 2, List.of(0L, 1L, 1L, 0L), List.of(0L, 0L, 0L, 0L), 0, 0, 0);
    assertEquals(List.of("B13"), b13.getList(b13.fieldIndex("members_as_of_first_quarter")));
    Row b12 = g1.get("1:第二支部");
    assertEquals(List.of(), b12.getList(b12.fieldIndex("members_as_of_first_quarter")));
    // Reporting units: the district, both committees and the 党总支; never a branch.
    Set<String> units = rows("stats_table", "period = '2025H1'").stream().map(r -> (String) r.getAs("unit_code"))
        .collect(Collectors.toSet());
    assertEquals(Set.of("D", "C1", "C2", "G1"), units);
  }

  @Test
  void statsTableAsFarAsTheHalfIsIn() {
    // 2025H2: only Q3 is in (B11), so counts are as of Q3 and the second quarter's grades are blank.
    Map<String, Row> t = statsTable("2025H2", "D");
    Row c1 = t.get("1:第一党委");
    assertEquals("统计表二", c1.getAs("table_name"));
    assertEquals("2025Q3", c1.getAs("as_of_quarter"));
    assertEquals(false, c1.getAs("second_quarter_in"));
    assertRow(c1, 4, 1, 3, List.of(1L, 1L, 1L, 0L), null, 0, 0, 0);
    assertRow(t.get("3:合计"), 4, 1, 3, List.of(1L, 1L, 1L, 0L), null, 0, 0, 0);
    // The whole table is as of Q3: no branch is singled out.
    assertEquals(List.of(), c1.getList(c1.fieldIndex("members_as_of_first_quarter")));
  }

  @Test
  void trendsRankingsAndLists() {
    Row tr = one("org_trend", "period = '2025Q2' and node_code = 'D' and cut_type = 'org'");
    assertEquals("2025Q1", tr.getAs("prev_period"));
    // Q1: 10 graded scores summing to 754 (mean 75.40), 10 of 11 participating (0.9091).
    assertEquals(d("75.40"), tr.getAs("score_mean_prev"));
    assertEquals(d("3.73"), tr.getAs("score_mean_change_qoq"));
    assertEquals(d("-0.0202"), tr.getAs("participation_rate_change_qoq"));
    assertEquals("2024Q2", tr.getAs("last_year_period"));
    assertNull(tr.getAs("score_mean_change_yoy"));
    List<BigDecimal> change = tr.getList(tr.fieldIndex("grade_shares_change_qoq"));
    // Q1 shares 0.2000 0.4000 0.2000 0.2000.
    assertEquals(List.of(d("0.1750"), d("-0.1500"), d("-0.0750"), d("0.0500")), change);

    // Like for like: B13 has graded members in Q1 (80, 65) but missed Q2, so it is left out of both
    // means: Q1 without B13 609/8 = 76.125 → 76.13, Q2 633/8 = 79.125 → 79.13, change 3.00 (not 3.73).
    assertEquals(d("76.13"), tr.getAs("score_mean_prev_lfl"));
    assertEquals(d("79.13"), tr.getAs("score_mean_lfl_qoq"));
    assertEquals(d("3.00"), tr.getAs("score_mean_change_qoq_lfl"));
    assertEquals(List.of("B13"), tr.getList(tr.fieldIndex("lfl_left_out_qoq")));
    assertEquals(1, (int) tr.getAs("lfl_left_out_qoq_count"));
    // No 2024Q2 to compare with: no like-for-like figures either.
    assertNull(tr.getAs("score_mean_change_yoy_lfl"));
    assertNull(tr.getAs("lfl_left_out_yoy"));
    // G1: B12 alone, Q1 221/3 = 73.67, Q2 150/2 = 75.00 (the plain Q1 mean with B13 is 366/5 = 73.20).
    Row g1 = one("org_trend", "period = '2025Q2' and node_code = 'G1' and cut_type = 'org'");
    assertEquals(d("1.80"), g1.getAs("score_mean_change_qoq"));
    assertEquals(d("1.33"), g1.getAs("score_mean_change_qoq_lfl"));
    assertEquals(List.of("B13"), g1.getList(g1.fieldIndex("lfl_left_out_qoq")));
    // C2: B21 in both quarters, B22 in neither (not left out): like for like is the plain change.
    Row c2 = one("org_trend", "period = '2025Q2' and node_code = 'C2' and cut_type = 'org'");
    assertEquals(d("1.50"), c2.getAs("score_mean_change_qoq"));
    assertEquals(d("1.50"), c2.getAs("score_mean_change_qoq_lfl"));
    assertEquals(List.of(), c2.getList(c2.fieldIndex("lfl_left_out_qoq")));
    // A domain cut compares the branches of that domain: 社区 is B13 and B21; Q1 294/4 = 73.50,
    // Q2 228/3 = 76.00; B21 alone Q1 149/2 = 74.50.
    Row sq = one("org_trend", "period = '2025Q2' and node_code = 'D' and cut_type = 'domain' and cut_value = '社区'");
    assertEquals(d("2.50"), sq.getAs("score_mean_change_qoq"));
    assertEquals(d("1.50"), sq.getAs("score_mean_change_qoq_lfl"));
    assertEquals(List.of("B13"), sq.getList(sq.fieldIndex("lfl_left_out_qoq")));

    Map<String, Row> rank = new TreeMap<>();
    rows("branch_ranking", "period = '2025Q2'").forEach(r -> rank.put(r.getAs("branch_code"), r));
    assertEquals(Set.of("B11", "B12", "B13", "B21", "B22"), rank.keySet());
    assertEquals(d("85.00"), rank.get("B11").getAs("score_mean"));
    assertEquals(1, (int) rank.get("B11").getAs("rank_in_district"));
    assertEquals(2, (int) rank.get("B21").getAs("rank_in_district"));
    assertEquals(3, (int) rank.get("B12").getAs("rank_in_district"));
    assertEquals(2, (int) rank.get("B12").getAs("rank_in_committee"));
    assertEquals(1, (int) rank.get("B21").getAs("rank_in_committee"));
    assertEquals(3, (int) rank.get("B11").getAs("branches_ranked_in_district"));
    assertNull(rank.get("B22").getAs("rank_in_district"));

    Map<String, Set<String>> lists = new TreeMap<>();
    for (Row r : rows("watch_lists", "period = '2025Q2'")) {
      lists.computeIfAbsent(r.getAs("list"), k -> new java.util.TreeSet<>()).add(r.getAs("member_code"));
    }
    assertEquals(Map.of("excellent", Set.of("M01", "M05", "M09"), "fail", Set.of("M06", "M11"),
        "lagging", Set.of("M06", "M11"), "probationary", Set.of("M03", "M11")), lists);
    Row lag = one("watch_lists", "period = '2025Q2' and list = 'lagging' and member_code = 'M11'");
    assertEquals(d("59.0"), lag.getAs("prev_score"));
    assertEquals("2025Q1", lag.getAs("prev_period"));
  }

  @Test
  void rerunReplacesThePeriodIdempotently() {
    TestWarehouses.district();
    Warehouse wh = TestWarehouses.district();
    long before = wh.read(spark(), Warehouse.GOLD, "org_period_stats").count();
    long statsBefore = wh.read(spark(), Warehouse.GOLD, "stats_table").count();
    AggregateJob.Result r = new AggregateJob(spark(), wh).run("2025Q2", TestWarehouses.OPTIONS, Progress.none());
    assertEquals(List.of("2025H1"), r.halves());
    assertEquals(before, wh.read(spark(), Warehouse.GOLD, "org_period_stats").count());
    assertEquals(statsBefore, wh.read(spark(), Warehouse.GOLD, "stats_table").count());
    assertEquals(9, n(stats("2025Q2", "D", "org", "全部"), "members_total"));
    assertTrue(TestWarehouses.districtResult().warnings().isEmpty(), () -> TestWarehouses.districtResult().warnings()
        .toString());
  }
}
