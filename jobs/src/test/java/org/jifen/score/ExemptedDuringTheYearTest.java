package org.jifen.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jifen.scheme.Schemes;
import org.junit.jupiter.api.Test;

/**
 * Annual results of members exempted during the year (issue 8, DOMAIN §8): the year is computed
 * from the quarters in which the member was in points management, whatever the last quarter;
 * branch, standing and category come from the last quarter on a roster. Plain {@link MemberScoring},
 * no Spark; the same members go through the jobs in {@code org.jifen.stats.ExemptedDuringTheYearJobTest}.
 */
class ExemptedDuringTheYearTest {
  private static final int Y = 2025;

  /** Roster rows of one member: {@code branches[i]} is the branch of quarter i+1, inPm per quarter. */
  private static List<MemberScoring.RosterRow> roster(String[] branches, boolean... inPm) {
    List<MemberScoring.RosterRow> out = new ArrayList<>();
    for (int q = 1; q <= 4; q++) {
      out.add(new MemberScoring.RosterRow(Fixture.period(Y, q), Y, q, branches[q - 1], Fixture.FULL,
          q == 4 ? "离退休" : "在职", inPm[q - 1]));
    }
    return out;
  }

  private static String[] branch(String b) {
    return new String[] {b, b, b, b};
  }

  private static MemberScoring.Entry e(int quarter, String item, String points) {
    return new MemberScoring.Entry(quarter, item, points == null ? null : new BigDecimal(points));
  }

  private static MemberScoring.YearResult year(String scheme, List<MemberScoring.RosterRow> roster,
      List<MemberScoring.Entry> entries, MemberScoring.Evaluation eval) {
    return new MemberScoring(Schemes.load(scheme)).year(Y, roster, entries, eval == null ? List.of() : List.of(eval))
        .orElseThrow(() -> new AssertionError("no annual result"));
  }

  private static void assertGraded(MemberScoring.YearResult y, String score, String grade, int quarters) {
    assertEquals(MemberScoring.GRADED, y.status(), y::toString);
    assertEquals(new BigDecimal(score), y.score(), y::toString);
    assertEquals(grade, y.grade(), y::toString);
    assertEquals(quarters, y.quartersCounted(), y::toString);
  }

  // ---- district-100 ------------------------------------------------------------------------

  /** Q1 92, Q2 77 (DOMAIN's worked example), Q3 85.5; Q4 exempt with an A5 +3 that does not count. */
  static final List<MemberScoring.Entry> D100_EXEMPT_Q4 = List.of(
      e(1, "A6", "5"), e(1, "A7", "5"), e(1, "A9", "2"),                       // Q1 80 + 5 + 5 + 2 = 92
      e(2, "B2", "-5"), e(2, "B2", "-3"), e(2, "B4", "-5"), e(2, "A5", "3"),  // Q2 base 67 + bonus 10 = 77
      e(2, "A7", "5"), e(2, "A9", "2"), e(2, "A9", "2"),
      e(3, "A8", "5"), e(3, "A9", "0.5"),                                     // Q3 80 + 5 + 0.5 = 85.5
      e(4, "A5", "3"));                                                       // Q4 exempt: not counted

  @Test
  void district100ExemptedInQ4IsTheMeanOfQ1ToQ3() {
    MemberScoring.YearResult y = year("district-100", roster(branch("B1"), true, true, true, false), D100_EXEMPT_Q4, null);
    // (92 + 77 + 85.5) / 3 = 254.5 / 3 = 84.8333… → 84.8 良好 (≥ 80)
    assertGraded(y, "84.8", "良好", 3);
    assertEquals("B1", y.branchCode());
    assertEquals("离退休", y.category(), "category of the last quarter on a roster, exempt or not");
    assertEquals(Fixture.FULL, y.standing());
  }

  @Test
  void district100ExemptedInQ2AndBackInQ3IsTheMeanOfQ1Q3Q4() {
    List<MemberScoring.Entry> entries = List.of(
        e(1, "A6", "5"), e(1, "A7", "5"), e(1, "A9", "2"),                     // Q1 92
        e(2, "V10", null),                                                     // Q2 exempt: the veto does not count
        e(3, "B2", "-5"), e(3, "B2", "-3"), e(3, "B4", "-5"), e(3, "A5", "3"), // Q3 base 67 + bonus 10 = 77
        e(3, "A7", "5"), e(3, "A9", "2"), e(3, "A9", "2"));                    // Q4 no entries: 80
    MemberScoring.YearResult y = year("district-100", roster(branch("B2"), true, false, true, true), entries, null);
    // (92 + 77 + 80) / 3 = 249 / 3 = 83.0 良好
    assertGraded(y, "83.0", "良好", 3);
    assertFalse(y.veto(), "a veto in the exempt quarter does not zero the year");
  }

  @Test
  void theAnnualBranchIsTheLastRosterEvenWhenExemptThere() {
    // In points management in B1 for Q1–Q3, moved to B2 in Q4 and exempted there: the year's
    // place is B2 (last quarter on a roster), its score the mean of the B1 quarters.
    String[] moved = {"B1", "B1", "B1", "B2"};
    MemberScoring.YearResult y = year("district-100", roster(moved, true, true, true, false), D100_EXEMPT_Q4, null);
    assertGraded(y, "84.8", "良好", 3);
    assertEquals("B2", y.branchCode());
  }

  @Test
  void neverInPointsManagementHasNoAnnualResult() {
    var none = new MemberScoring(Schemes.load("district-100"))
        .year(Y, roster(branch("B1"), false, false, false, false), List.of(e(1, "A5", "3")), List.of());
    assertTrue(none.isEmpty());
  }

  @Test
  void theExemptQuarterItselfStaysExempt() {
    List<MemberScoring.QuarterResult> qs = new MemberScoring(Schemes.load("district-100"))
        .quarters(roster(branch("B1"), true, true, true, false), D100_EXEMPT_Q4);
    assertEquals(List.of("92.0", "77.0", "85.5"), qs.subList(0, 3).stream().map(q -> q.score().toPlainString()).toList());
    MemberScoring.QuarterResult q4 = qs.get(3);
    assertEquals(MemberScoring.EXEMPT, q4.status());
    assertNull(q4.score());
    assertNull(q4.grade());
  }

  // ---- vanguard-8-2 ------------------------------------------------------------------------

  @Test
  void vanguardExemptedInQ4IsScoredOnQ1ToQ3EntriesAndTheEvaluation() {
    List<MemberScoring.Entry> entries = List.of(e(1, "D01", "-5"), e(2, "R01", "4"), e(4, "P01", "-20"));
    MemberScoring.YearResult y = year("vanguard-8-2", roster(branch("B1"), true, true, true, false), entries,
        new MemberScoring.Evaluation(null, new BigDecimal("95")));
    // daily 100 − 5 = 95; 0.8 × 95 + 0.2 × 95 + min(10, 4) + 0 (Q4's P01 −20 is in the exempt quarter)
    // = 76 + 19 + 4 = 99.0 → 优秀 band before the branch's quota (SQL)
    assertGraded(y, "99.0", "优秀", 3);
    assertEquals(new BigDecimal("5"), y.tieBreakTotal(), "D deductions of the counted quarters");
    Map<String, BigDecimal> c = y.components();
    assertEquals(0, new BigDecimal("95").compareTo(c.get("daily")));
    assertEquals(0, new BigDecimal("95").compareTo(c.get("evaluation")));
    assertEquals(0, new BigDecimal("4").compareTo(c.get("rewards")));
    assertEquals(0, BigDecimal.ZERO.compareTo(c.get("penalties")));
  }

  @Test
  void vanguardExemptedInQ2AndBackInQ3() {
    List<MemberScoring.Entry> entries = List.of(e(1, "D01", "-10"), e(2, "D02", "-30"), e(3, "R01", "3"));
    MemberScoring.YearResult y = year("vanguard-8-2", roster(branch("B1"), true, false, true, true), entries,
        new MemberScoring.Evaluation("合格", null));
    // daily 100 − 10 = 90 (Q2's D02 −30 is in the exempt quarter); evaluation 合格 = 80
    // 0.8 × 90 + 0.2 × 80 + 3 = 72 + 16 + 3 = 91.0 → 优秀 band before the quota
    assertGraded(y, "91.0", "优秀", 3);
    assertEquals(new BigDecimal("10"), y.tieBreakTotal());
  }

  @Test
  void vanguardExemptedInQ4WithoutEvaluationIsIncomplete() {
    MemberScoring.YearResult y = year("vanguard-8-2", roster(branch("B1"), true, true, true, false), List.of(), null);
    assertEquals(MemberScoring.INCOMPLETE, y.status(), "未评定: nothing is assumed for the missing evaluation");
    assertNull(y.score());
    assertNull(y.grade());
    assertEquals(3, y.quartersCounted());
  }

  // ---- branch-80-20 ------------------------------------------------------------------------

  @Test
  void branch8020ExemptedInQ4() {
    List<MemberScoring.Entry> entries = List.of(e(1, "N01", "-1"), e(3, "N02", "-2"), e(4, "N03", "-5"));
    MemberScoring.YearResult y = year("branch-80-20", roster(branch("B1"), true, true, true, false), entries,
        new MemberScoring.Evaluation("合格", null));
    // daily max(0, 80 − 1 − 2) = 77 (Q4's N03 −5 is in the exempt quarter) + 合格 15 = 92.0 优秀 (≥ 90)
    assertGraded(y, "92.0", "优秀", 3);
  }

  @Test
  void branch8020ExemptedInQ2AndBackInQ3() {
    List<MemberScoring.Entry> entries = List.of(e(1, "N03", "-5"), e(2, "N04", "-20"), e(4, "N01", "-1"));
    MemberScoring.YearResult y = year("branch-80-20", roster(branch("B2"), true, false, true, true), entries,
        new MemberScoring.Evaluation("基本合格", null));
    // daily 80 − 5 − 1 = 74 (Q2's N04 −20 is in the exempt quarter) + 基本合格 10 = 84.0 合格 (≥ 70)
    assertGraded(y, "84.0", "合格", 3);
  }
}
