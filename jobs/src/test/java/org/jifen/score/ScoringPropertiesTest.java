package org.jifen.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jifen.scheme.Formula;
import org.jifen.scheme.Item;
import org.jifen.scheme.Scheme;
import org.jifen.scheme.Schemes;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Properties over generated members (seeded): scores stay within the scheme's range; adding a
 * deduction never raises a score; adding a bonus never lowers it; the Spark path agrees with
 * {@link MemberScoring} on every member. One quarter run and one annual run per scheme.
 */
class ScoringPropertiesTest {
  private static final int MEMBERS = 60;
  private static final int YEAR = 2025;

  /** A generated member: roster quarters (with in_points_mgmt), entries, evaluation. */
  private record Gen(String code, String branch, boolean[] inPm, List<MemberScoring.Entry> entries,
      MemberScoring.Evaluation eval) {
    Gen with(String suffix, MemberScoring.Entry extra) {
      List<MemberScoring.Entry> e = new ArrayList<>(entries);
      e.add(extra);
      return new Gen(code + suffix, branch, inPm, e, eval);
    }

    List<MemberScoring.RosterRow> roster() {
      List<MemberScoring.RosterRow> r = new ArrayList<>();
      for (int q = 1; q <= 4; q++) {
        r.add(new MemberScoring.RosterRow(Fixture.period(YEAR, q), YEAR, q, branch, Fixture.FULL, "在职", inPm[q - 1]));
      }
      return r;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"district-100", "vanguard-8-2", "branch-80-20",
      "src/test/resources/fixtures/schemes/fourth_scheme_recombined.yaml"})
  void propertiesHold(String schemeRef) {
    Scheme scheme = Schemes.load(schemeRef);
    Random rnd = new Random(20250101L ^ scheme.id().hashCode());
    List<Item> minus = scheme.items().stream().filter(i -> i.kind().sign() < 0).toList();
    List<Item> plus = scheme.items().stream().filter(i -> i.kind().sign() > 0).toList();
    List<Item> flags = scheme.items().stream().filter(i -> i.kind().sign() == 0).toList();
    List<String> evalGrades = new ArrayList<>(scheme.evaluationGrades());

    List<Gen> all = new ArrayList<>();
    List<String[]> deductionPairs = new ArrayList<>();
    List<String[]> bonusPairs = new ArrayList<>();
    for (int m = 0; m < MEMBERS; m++) {
      boolean[] inPm = new boolean[4];
      for (int q = 0; q < 4; q++) {
        inPm[q] = rnd.nextInt(10) > 0;
      }
      List<MemberScoring.Entry> entries = new ArrayList<>();
      int n = rnd.nextInt(8);
      for (int k = 0; k < n; k++) {
        int q = 1 + rnd.nextInt(4);
        if (!plus.isEmpty() && rnd.nextBoolean()) {
          entries.add(new MemberScoring.Entry(q, pick(plus, rnd).code(), bonus(rnd)));
        } else {
          Item it = pick(minus, rnd);
          entries.add(new MemberScoring.Entry(q, it.code(), deduction(it, rnd)));
        }
      }
      if (!flags.isEmpty() && rnd.nextInt(12) == 0) {
        entries.add(new MemberScoring.Entry(1 + rnd.nextInt(4), pick(flags, rnd).code(), null));
      }
      MemberScoring.Evaluation eval = null;
      if (!evalGrades.isEmpty() && rnd.nextInt(8) > 0) {
        eval = rnd.nextBoolean()
            ? new MemberScoring.Evaluation(evalGrades.get(rnd.nextInt(evalGrades.size())), null)
            : new MemberScoring.Evaluation(null, BigDecimal.valueOf(rnd.nextInt(1001), 1));
      }
      Gen g = new Gen(String.format("G%03d", m), "P" + (m % 3), inPm, entries, eval);
      all.add(g);
      Item d = pick(minus, rnd);
      int qd = 1 + rnd.nextInt(4);
      all.add(g.with("-d", new MemberScoring.Entry(qd, d.code(), deduction(d, rnd))));
      deductionPairs.add(new String[] {g.code(), g.code() + "-d", Fixture.period(YEAR, qd)});
      if (!plus.isEmpty()) {
        int qb = 1 + rnd.nextInt(4);
        all.add(g.with("-b", new MemberScoring.Entry(qb, pick(plus, rnd).code(), bonus(rnd))));
        bonusPairs.add(new String[] {g.code(), g.code() + "-b", Fixture.period(YEAR, qb)});
      }
    }

    Fixture f = new Fixture();
    for (Gen g : all) {
      for (int q = 1; q <= 4; q++) {
        f.member(g.code(), g.branch(), YEAR, q, Fixture.FULL, g.inPm()[q - 1]);
      }
      for (MemberScoring.Entry e : g.entries()) {
        f.entry(g.code(), YEAR, e.quarter(), e.itemCode(), e.points() == null ? null : e.points().toPlainString());
      }
      if (g.eval() != null) {
        f.evaluation(g.code(), YEAR, g.eval().grade(), g.eval().score() == null ? null : g.eval().score().toPlainString());
      }
    }
    SparkSession spark = SharedSpark.get();
    Scorer s = new Scorer(spark, scheme, Instant.now());
    SilverInputs in = f.inputs(spark);
    Map<String, Row> quarters = Fixture.byKey(s.quarterScores(in.year(YEAR)).collectAsList(), true);
    Map<String, Row> years = Fixture.byKey(s.yearScores(in, YEAR, null).collectAsList(), false);

    // within the scheme's range
    within(quarters, scheme.quarterFormula());
    within(years, scheme.annualFormula());

    // a deduction never raises, a bonus never lowers (quarter of the added entry, and the year)
    for (String[] p : deductionPairs) {
      notAbove(quarters.get(p[1] + "@" + p[2]), quarters.get(p[0] + "@" + p[2]));
      notAbove(years.get(p[1]), years.get(p[0]));
    }
    for (String[] p : bonusPairs) {
      notAbove(quarters.get(p[0] + "@" + p[2]), quarters.get(p[1] + "@" + p[2]));
      notAbove(years.get(p[0]), years.get(p[1]));
    }

    // Spark agrees with the plain-Java arithmetic, member by member
    MemberScoring oracle = new MemberScoring(scheme);
    int checked = 0;
    for (Gen g : all) {
      for (MemberScoring.QuarterResult q : oracle.quarters(g.roster(), g.entries())) {
        assertEquals(q.score(), quarters.get(g.code() + "@" + q.roster().period()).getAs("score"), g.code());
      }
      var y = oracle.year(YEAR, g.roster(), g.entries(), g.eval() == null ? List.of() : List.of(g.eval()));
      assertEquals(y.isPresent(), years.containsKey(g.code()), g.code());
      if (y.isPresent()) {
        assertEquals(y.get().score(), years.get(g.code()).getAs("score"), g.code());
        assertEquals(y.get().status(), years.get(g.code()).getAs("status"), g.code());
        checked++;
      }
    }
    assertTrue(checked > MEMBERS, "most generated members have an annual result");
  }

  private static void within(Map<String, Row> rows, Formula f) {
    for (Row r : rows.values()) {
      BigDecimal score = r.getAs("score");
      if (score != null) {
        assertTrue(score.compareTo(f.min()) >= 0 && score.compareTo(f.max()) <= 0, r::toString);
      }
    }
  }

  /** lower ≤ higher when both have a score. */
  private static void notAbove(Row lower, Row higher) {
    BigDecimal a = lower == null ? null : lower.getAs("score");
    BigDecimal b = higher == null ? null : higher.getAs("score");
    if (a != null && b != null) {
      assertTrue(a.compareTo(b) <= 0, () -> lower + " should not score above " + higher);
    }
  }

  private static <T> T pick(List<T> l, Random rnd) {
    return l.get(rnd.nextInt(l.size()));
  }

  private static BigDecimal deduction(Item it, Random rnd) {
    if (!it.fixedPoints().isEmpty()) {
      return pick(it.fixedPoints(), rnd);
    }
    return BigDecimal.valueOf(-(1 + rnd.nextInt(300)), 1);
  }

  private static BigDecimal bonus(Random rnd) {
    return BigDecimal.valueOf(1 + rnd.nextInt(40), 1);
  }
}
