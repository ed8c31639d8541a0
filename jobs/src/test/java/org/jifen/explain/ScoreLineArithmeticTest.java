package org.jifen.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jifen.scheme.Schemes;
import org.jifen.score.MemberScoring;
import org.jifen.score.MemberScoring.LineKind;
import org.junit.jupiter.api.Test;

/**
 * {@link MemberScoring#explainQuarter} on the worked examples of DOMAIN §5 and on the cases the
 * samples lack (floors, scaled formulas, component caps, the clamp): the lines' contributions add
 * up to the published score exactly, and each line is what the rule did. Pure Java.
 */
class ScoreLineArithmeticTest {
  private static MemberScoring.ExplainedQuarter explain(String scheme, String... entries) {
    List<MemberScoring.Entry> list = new ArrayList<>();
    for (String e : entries) {
      String[] p = e.split(" ");
      list.add(new MemberScoring.Entry(2, p[0], p.length > 1 ? new BigDecimal(p[1]) : null));
    }
    MemberScoring.RosterRow r = new MemberScoring.RosterRow("2025Q2", 2025, 2, "B", "正式党员", "在职", true);
    return new MemberScoring(Schemes.load(scheme)).explainQuarter(r, list);
  }

  private static BigDecimal sum(MemberScoring.ExplainedQuarter x) {
    return x.lines().stream().map(MemberScoring.Line::contribution).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static List<String> kinds(MemberScoring.ExplainedQuarter x) {
    return x.lines().stream().map(l -> l.kind() + (l.itemCode() == null ? "" : " " + l.itemCode()) + " "
        + l.contribution().stripTrailingZeros().toPlainString()).toList();
  }

  /** DOMAIN §5.1: B2 −5, B2 −3, B4 −5, A5 +3, A7 +5, A9 +2, A9 +2 → 67 + 10 = 77.0 合格 (A9 4 capped at 2). */
  @Test
  void district100WorkedExample() {
    MemberScoring.ExplainedQuarter x = explain("district-100", "B2 -5", "B2 -3", "B4 -5", "A5 3", "A7 5", "A9 2", "A9 2");
    assertEquals(new BigDecimal("77.0"), x.result().score());
    assertEquals("合格", x.result().grade());
    assertEquals(0, sum(x).compareTo(x.result().score()));
    assertEquals(List.of("START B1 20", "START B2 20", "ENTRY B2 -5", "ENTRY B2 -3", "START B3 20", "START B4 20",
        "ENTRY B4 -5", "ENTRY A5 3", "ENTRY A7 5", "ENTRY A9 2", "ENTRY A9 2", "ITEM_CAP A9 -2"), kinds(x));
  }

  /** A base item floors at 0: B1 −5 × 5 = −25 → 20 − 25 = −5, floored to 0 (5 added back). */
  @Test
  void aFloorAddsBackWhatWentBelowIt() {
    MemberScoring.ExplainedQuarter x = explain("district-100", "B1 -5", "B1 -5", "B1 -5", "B1 -5", "B1 -5");
    assertEquals(new BigDecimal("60.0"), x.result().score());
    assertEquals(0, sum(x).compareTo(x.result().score()));
    assertTrue(kinds(x).contains("FLOOR B1 5"), kinds(x).toString());
  }

  /** DOMAIN §5.3: −1, −1, −5 → 73 × 100/80 = 91.25 → 91.3 优秀; each point counts 1.25, the rounding 0.05. */
  @Test
  void aScaledFormulaScalesEveryLineAndTheRoundingClosesTheSum() {
    MemberScoring.ExplainedQuarter x = explain("branch-80-20", "N01 -1", "N01 -1", "N03 -5");
    assertEquals(new BigDecimal("91.3"), x.result().score());
    assertEquals(0, sum(x).compareTo(new BigDecimal("91.3")));
    assertEquals(List.of("START 100", "ENTRY N01 -1.25", "ENTRY N01 -1.25", "ENTRY N03 -6.25", "ROUNDING 0.05"),
        kinds(x));
  }

  /**
   * vanguard-8-2: rewards +6 +7 capped at 10 per quarter (the component cap cuts 3); a hard fail
   * (X01) is a line worth nothing in a quarter (it acts on the year); and the clamp to [0, 110]:
   * D01 −120 floors the daily part at 0, P01 −5 would make −5, clamped up to 0.
   */
  @Test
  void componentCapsHardFailsAndTheClamp() {
    MemberScoring.ExplainedQuarter x = explain("vanguard-8-2", "R01 6", "R02 7", "X01");
    assertEquals(new BigDecimal("110.0"), x.result().score());
    assertEquals(0, sum(x).compareTo(x.result().score()));
    assertTrue(kinds(x).contains("COMPONENT_CAP -3"), kinds(x).toString());
    assertTrue(kinds(x).contains("ENTRY X01 0"), kinds(x).toString());
    assertTrue(x.result().hardFail());

    MemberScoring.ExplainedQuarter y = explain("vanguard-8-2", "D01 -60", "D02 -60", "P01 -5");
    assertEquals(new BigDecimal("0.0"), y.result().score());
    assertEquals(0, sum(y).compareTo(BigDecimal.ZERO));
    assertEquals(List.of("START 100", "ENTRY D01 -60", "ENTRY D02 -60", "FLOOR 20", "ENTRY P01 -5", "CLAMP 5"), kinds(y));
  }

  /** The closing line says plainly when rows do not reproduce the figure. */
  @Test
  void aMismatchIsSaid() {
    FigureExplainer.Explanation x = new FigureExplainer.Explanation(
        new FigureExplainer.Query("2025Q2", "QS04", null, "合格", false), "u", "u", "合格", FigureExplainer.Kind.GRADE,
        "gold", "rule", List.of(), new BigDecimal(12), new BigDecimal(11), 11, null);
    assertFalse(x.matches());
    assertEquals("合计 11 = 发布数 12，不一致！", x.totalLine());
  }
}
