package org.jifen.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jifen.spark.Progress;
import org.jifen.spark.Warehouse;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 point 7: the 不合格 list says why. One district-100 branch B1: in 2025Q1 M1 has a veto
 * V12 (score 0) and M2 scores 55; in 2025Q2 M1 scores 50 (Q1's veto does not act on Q2) and M3
 * has vetoes V10 and V15 (score 0). Annual rows: M1 and M3 0 (a veto in any quarter zeroes the
 * year), M2 72.5.
 */
class WatchListReasonsTest {
  private static Warehouse wh;

  @BeforeAll
  static void build() {
    SparkSession spark = SharedSpark.get();
    StatsFixture f = new StatsFixture()
        .org("D", "某区委", null, "区委", "机关", "有效")
        .org("C", "某党委", "D", "党委", "机关", "有效")
        .org("B1", "某支部", "C", "党支部", "机关", "有效");
    f.member("2025Q1", "B1", "M1", StatsFixture.FULL, "在职", true, "0")
        .member("2025Q1", "B1", "M2", StatsFixture.FULL, "在职", true, "55")
        .member("2025Q1", "B1", "M3", StatsFixture.FULL, "在职", true, "85")
        .entry("2025Q1", "B1", "M1", "2025-02-10", "V12", null, null)
        .entry("2025Q1", "B1", "M2", "2025-02-11", "B2", "-5", null);
    f.member("2025Q2", "B1", "M1", StatsFixture.FULL, "在职", true, "50")
        .member("2025Q2", "B1", "M2", StatsFixture.FULL, "在职", true, "90")
        .member("2025Q2", "B1", "M3", StatsFixture.FULL, "在职", true, "0")
        .entry("2025Q2", "B1", "M3", "2025-05-10", "V15", null, null)
        .entry("2025Q2", "B1", "M3", "2025-05-12", "V10", null, null);
    f.submission("2025Q1", "B1", "on_time").submission("2025Q2", "B1", "on_time");
    f.yearScore(2025, "B1", "M1", "0", true).yearScore(2025, "B1", "M2", "72.5", false)
        .yearScore(2025, "B1", "M3", "0", true);
    wh = f.write(spark, TestWarehouses.tempDir("jifen-stats-fail-reasons"));
    new AggregateJob(spark, wh).run(null, TestWarehouses.OPTIONS, Progress.none());
  }

  private static Map<String, Row> failed(String period) {
    Map<String, Row> m = new TreeMap<>();
    for (Row r : wh.read(SharedSpark.get(), Warehouse.GOLD, "watch_lists")
        .where("list = 'fail' and period = '" + period + "'").collectAsList()) {
      m.put(r.getAs("member_code"), r);
    }
    return m;
  }

  private static void assertReason(Row r, String cause, List<String> items, String reason) {
    assertEquals(cause, r.getAs("fail_cause"), r::toString);
    assertEquals(items, r.getList(r.fieldIndex("fail_items")), r::toString);
    assertEquals(reason, r.getAs("reason"), r::toString);
  }

  @Test
  void quarterFailsSayTheVetoItemOrTheGradeLine() {
    Map<String, Row> q1 = failed("2025Q1");
    assertEquals(List.of("M1", "M2"), List.copyOf(q1.keySet()));
    assertReason(q1.get("M1"), "veto", List.of("V12"), "一票否决：V12 被立案审查或处于处分期；本季度得分0.0");
    // A deduction item is not a cause: the score is.
    assertReason(q1.get("M2"), "score", List.of(), "本季度得分55.0，低于合格等次的最低分60分");
    Map<String, Row> q2 = failed("2025Q2");
    assertEquals(List.of("M1", "M3"), List.copyOf(q2.keySet()));
    // Q1's veto does not act on Q2.
    assertReason(q2.get("M1"), "score", List.of(), "本季度得分50.0，低于合格等次的最低分60分");
    assertReason(q2.get("M3"), "veto", List.of("V10", "V15"),
        "一票否决：V10 拒不执行党组织决定、V15 经常无故缺席；本季度得分0.0");
  }

  @Test
  void yearFailsNameTheQuarterOfTheVeto() {
    Map<String, Row> y = failed("2025");
    assertEquals(List.of("M1", "M3"), List.copyOf(y.keySet()));
    assertReason(y.get("M1"), "veto", List.of("V12"), "一票否决：第一季度 V12 被立案审查或处于处分期；年度得分0.0");
    assertReason(y.get("M3"), "veto", List.of("V10", "V15"),
        "一票否决：第二季度 V10 拒不执行党组织决定、第二季度 V15 经常无故缺席；年度得分0.0");
  }

  @Test
  void otherListsHaveNoFailCause() {
    Row excellent = wh.read(SharedSpark.get(), Warehouse.GOLD, "watch_lists")
        .where("list = 'excellent' and period = '2025Q2'").collectAsList().get(0);
    assertEquals("M2", excellent.getAs("member_code"));
    assertNull(excellent.getAs("fail_cause"));
    assertNull(excellent.getAs("fail_items"));
  }
}
