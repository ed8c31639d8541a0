package org.jifen.score;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jifen.scheme.Component;
import org.jifen.scheme.Flag;
import org.jifen.scheme.FlagRule;
import org.jifen.scheme.Formula;
import org.jifen.scheme.GradeBand;
import org.jifen.scheme.Item;
import org.jifen.scheme.Scheme;
import org.jifen.scheme.Window;

/**
 * The scheme's arithmetic for one member and one year, in exact decimals (DOMAIN §5, §8):
 * components per window, flags and their effects, the formula, one half-up rounding, the grade
 * band. Branch-level steps (rank, quota, disposal) are SQL. Pure Java, so that it runs inside a
 * Spark task per member group and in plain unit tests alike.
 */
public final class MemberScoring implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Exact quotients (means over 3 quarters, scales like 100/70) keep 34 digits before the one rounding. */
  private static final MathContext EXACT = MathContext.DECIMAL128;

  /** Status values of score rows; {@code exempt} occurs on quarter rows only (see {@link #year}). */
  public static final String GRADED = "graded";
  public static final String EXEMPT = "exempt";
  public static final String ACTIVIST = "activist";
  public static final String INCOMPLETE = "incomplete";

  /** One roster row of the member (silver.members). */
  public record RosterRow(String period, int year, int quarter, String branchCode, String standing,
      String category, boolean inPointsMgmt) implements Serializable {}

  /** One entry (silver.entries); points null for no-points items. */
  public record Entry(int quarter, String itemCode, BigDecimal points) implements Serializable {}

  /** One 民主评议 row; grade and score may be null. */
  public record Evaluation(String grade, BigDecimal score) implements Serializable {}

  /** A quarter result before branch ranking. */
  public record QuarterResult(RosterRow roster, String status, Map<String, BigDecimal> components,
      boolean veto, boolean hardFail, boolean zeroed, BigDecimal scoreExact, BigDecimal score,
      String grade) {}

  /** An annual result before quota, disposal and branch ranking. */
  public record YearResult(int year, String branchCode, String standing, String category, String status,
      int quartersCounted, Map<String, BigDecimal> components, boolean veto, boolean hardFail,
      boolean zeroed, BigDecimal scoreExact, BigDecimal score, String grade, BigDecimal tieBreakTotal) {}

  private final Scheme scheme;
  private final Map<String, Item> items;
  private final Set<String> graded;
  private final Set<String> tieBreak;

  public MemberScoring(Scheme scheme) {
    this.scheme = scheme;
    this.items = new HashMap<>();
    scheme.items().forEach(i -> items.put(i.code(), i));
    this.graded = new HashSet<>(scheme.gradedStandings());
    this.tieBreak = new HashSet<>(scheme.quota().map(q -> q.tieBreakItems()).orElse(List.of()));
  }

  /** One result per roster row (the member's quarters), entries matched by quarter. */
  public List<QuarterResult> quarters(List<RosterRow> roster, List<Entry> entries) {
    List<QuarterResult> out = new ArrayList<>(roster.size());
    for (RosterRow r : roster) {
      out.add(quarter(r, entriesOf(entries, Set.of(r.quarter()))));
    }
    return out;
  }

  private QuarterResult quarter(RosterRow r, List<Entry> entries) {
    Map<String, BigDecimal> comps = components(Window.QUARTER, entries, null);
    Set<Flag> flags = flags(entries);
    Effects fx = effects(flags, Window.QUARTER);
    String status = !r.inPointsMgmt() ? EXEMPT : graded.contains(r.standing()) ? GRADED : ACTIVIST;
    BigDecimal exact = null;
    if (r.inPointsMgmt()) {
      exact = fx.zero ? BigDecimal.ZERO : apply(scheme.quarterFormula(), linear(scheme.quarterFormula(), comps));
    }
    BigDecimal score = round(exact);
    String grade = GRADED.equals(status) ? (fx.fail ? scheme.lowestGrade() : band(score)) : null;
    return new QuarterResult(r, status, comps, flags.contains(Flag.VETO), flags.contains(Flag.HARD_FAIL),
        flags.contains(Flag.ZEROED), exact, score, grade);
  }

  /**
   * The annual result, or empty when the member was never in points management in the year.
   * It is computed from the quarters in which the member was in points management, whether or
   * not that includes the last one (a member exempted in Q4 keeps the result of Q1–Q3); branch,
   * standing and category are those of the member's last quarter on a roster (DOMAIN §8).
   */
  public Optional<YearResult> year(int year, List<RosterRow> roster, List<Entry> entries, List<Evaluation> evaluations) {
    List<RosterRow> counted = roster.stream().filter(RosterRow::inPointsMgmt).toList();
    if (counted.isEmpty()) {
      return Optional.empty();
    }
    RosterRow last = roster.stream().max(Comparator.comparingInt(RosterRow::quarter)).orElseThrow();
    Set<Integer> countedQuarters = new HashSet<>();
    counted.forEach(r -> countedQuarters.add(r.quarter()));
    List<Entry> yearEntries = entriesOf(entries, countedQuarters);
    Set<Flag> flags = flags(yearEntries);
    Effects fx = effects(flags, Window.YEAR);
    Formula f = scheme.annualFormula();

    Map<String, BigDecimal> comps;
    BigDecimal raw;
    boolean complete;
    if (f.method() == Formula.Method.MEAN_OF_QUARTERS) {
      // The mean of the exact quarter scores: rounding happens once, on the annual score.
      List<QuarterResult> qs = new ArrayList<>();
      for (RosterRow r : counted) {
        qs.add(quarter(r, entriesOf(entries, Set.of(r.quarter()))));
      }
      BigDecimal n = BigDecimal.valueOf(qs.size());
      raw = qs.stream().map(QuarterResult::scoreExact).reduce(BigDecimal.ZERO, BigDecimal::add).divide(n, EXACT);
      comps = new LinkedHashMap<>();
      for (String c : qs.get(0).components().keySet()) {
        comps.put(c, qs.stream().map(q -> q.components().get(c)).reduce(BigDecimal.ZERO, BigDecimal::add).divide(n, EXACT));
      }
      complete = true;
    } else {
      comps = components(Window.YEAR, yearEntries, pickEvaluation(evaluations));
      complete = comps.keySet().containsAll(f.terms().keySet());
      raw = complete ? apply(f, linear(f, comps)) : null;
    }
    // Being exempted later in the year (abroad, 70+, illness) does not undo the quarters worked:
    // the year is graded on those quarters, only the placement comes from the last roster.
    String status;
    if (!graded.contains(last.standing())) {
      status = ACTIVIST;
    } else if (!complete && !fx.zero && !fx.fail) {
      // nothing is assumed for a missing evaluation, unless a flag decides the outcome anyway
      status = INCOMPLETE;
    } else {
      status = GRADED;
    }
    BigDecimal exact = fx.zero ? BigDecimal.ZERO : complete ? clamp(f, raw) : null;
    BigDecimal score = round(exact);
    String grade = GRADED.equals(status) ? (fx.fail ? scheme.lowestGrade() : band(score)) : null;
    BigDecimal tie = yearEntries.stream().filter(e -> tieBreak.contains(e.itemCode()) && e.points() != null)
        .map(Entry::points).reduce(BigDecimal.ZERO, BigDecimal::add).abs();
    return Optional.of(new YearResult(year, last.branchCode(), last.standing(), last.category(), status,
        counted.size(), comps, flags.contains(Flag.VETO), flags.contains(Flag.HARD_FAIL),
        flags.contains(Flag.ZEROED), exact, score, grade, tie));
  }

  // ---- explanation (jifen explain, mart member_score_lines) -----------------------------------

  /** What one line of an explained score is. */
  public enum LineKind {
    /** A component's (or, per item, an item's) starting points. */
    START,
    /** One entry of the member (its points as registered). */
    ENTRY,
    /** What an item's cap cut from the item's total in the window (negative for bonuses). */
    ITEM_CAP,
    /** What a component's cap cut from its total. */
    COMPONENT_CAP,
    /** What a floor added back (a START item or component cannot go below its floor). */
    FLOOR,
    /** What the formula's clamp to [min, max] changed. */
    CLAMP,
    /** What a flag (veto, zeroing) took away: the score becomes 0. */
    FLAG,
    /** The half-up rounding to one decimal (and the rounding of contributions of scaled formulas). */
    ROUNDING
  }

  /**
   * One line of an explained score.
   *
   * @param component the component id, null for lines of the whole score (clamp, flag, rounding)
   *     and for entries of items no component counts (flag items)
   * @param itemCode the item, or null
   * @param entryIndex index of the entry in the list given to {@link #explainQuarter}, or -1
   * @param value the line in the component's own points (what the ledger and the scheme say)
   * @param contribution what the line adds to the score: value × formula weight × scale; the
   *     contributions of an explained score add up to the published score exactly
   */
  public record Line(LineKind kind, String component, String itemCode, int entryIndex, BigDecimal value,
      BigDecimal contribution) {}

  /** A quarter result and the lines that make it: Σ contribution = score when the score is not null. */
  public record ExplainedQuarter(QuarterResult result, List<Line> lines, Map<String, BigDecimal> itemTotals) {}

  /**
   * The quarter result of {@link #quarters} with its working: every component's start, each entry,
   * what caps cut and floors added back, the clamp, a zeroing flag and the rounding, as lines whose
   * contributions add up to the published score. It follows {@link #components} step by step and
   * checks that each component's lines give the component's value.
   */
  public ExplainedQuarter explainQuarter(RosterRow r, List<Entry> entries) {
    List<Entry> own = entriesOf(entries, Set.of(r.quarter()));
    QuarterResult result = quarter(r, own);
    Window w = Window.QUARTER;
    Formula f = scheme.quarterFormula();
    Map<String, BigDecimal> weights = f.terms();
    Map<String, BigDecimal> totals = itemTotals(own);
    Map<String, List<Integer>> byItem = new LinkedHashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).quarter() == r.quarter()) {
        byItem.computeIfAbsent(entries.get(i).itemCode(), k -> new ArrayList<>()).add(i);
      }
    }
    List<Line> lines = new ArrayList<>();
    Set<String> counted = new HashSet<>();
    for (Component c : scheme.components().values()) {
      if (c.type() == Component.Type.EVALUATION) {
        continue;
      }
      BigDecimal weight = weights.getOrDefault(c.id(), BigDecimal.ZERO);
      List<Line> comp = new ArrayList<>();
      BigDecimal sum = BigDecimal.ZERO;
      if (c.type() == Component.Type.START && !c.perItem()) {
        comp.add(line(LineKind.START, c.id(), null, -1, c.start(), weight, f));
        sum = c.start();
      }
      for (String code : c.items()) {
        counted.add(code);
        BigDecimal itemSum = BigDecimal.ZERO;
        if (c.type() == Component.Type.START && c.perItem()) {
          comp.add(line(LineKind.START, c.id(), code, -1, c.start(), weight, f));
          itemSum = c.start();
        }
        for (int i : byItem.getOrDefault(code, List.of())) {
          BigDecimal p = entries.get(i).points() == null ? BigDecimal.ZERO : entries.get(i).points();
          comp.add(line(LineKind.ENTRY, c.id(), code, i, p, weight, f));
        }
        BigDecimal total = totals.get(code);
        BigDecimal capped = capped(code, total, w);
        if (total != null && capped.compareTo(total) != 0) {
          comp.add(line(LineKind.ITEM_CAP, c.id(), code, -1, capped.subtract(total), weight, f));
        }
        itemSum = itemSum.add(capped);
        if (c.type() == Component.Type.START && c.perItem()) {
          BigDecimal floored = floor(c.floor(), itemSum);
          if (floored.compareTo(itemSum) != 0) {
            comp.add(line(LineKind.FLOOR, c.id(), code, -1, floored.subtract(itemSum), weight, f));
          }
          itemSum = floored;
        }
        sum = sum.add(itemSum);
      }
      if (c.type() == Component.Type.SUM) {
        BigDecimal cap = c.cap(w);
        if (cap != null && sum.compareTo(cap) > 0) {
          comp.add(line(LineKind.COMPONENT_CAP, c.id(), null, -1, cap.subtract(sum), weight, f));
          sum = cap;
        }
      }
      if (!(c.type() == Component.Type.START && c.perItem())) {
        BigDecimal floored = floor(c.floor(), sum);
        if (floored.compareTo(sum) != 0) {
          comp.add(line(LineKind.FLOOR, c.id(), null, -1, floored.subtract(sum), weight, f));
          sum = floored;
        }
      }
      BigDecimal expected = result.components().get(c.id());
      if (expected == null || expected.compareTo(sum) != 0) {
        throw new IllegalStateException("Explaining component " + c.id() + " gave " + sum + ", scoring gave " + expected);
      }
      lines.addAll(comp);
    }
    // Entries of items no component counts (veto, hard-fail, zeroing items): shown, worth nothing.
    for (Map.Entry<String, List<Integer>> e : byItem.entrySet()) {
      if (!counted.contains(e.getKey())) {
        for (int i : e.getValue()) {
          BigDecimal p = entries.get(i).points() == null ? BigDecimal.ZERO : entries.get(i).points();
          lines.add(new Line(LineKind.ENTRY, null, e.getKey(), i, p, BigDecimal.ZERO));
        }
      }
    }
    if (result.scoreExact() == null) {
      return new ExplainedQuarter(result, lines, totals);
    }
    BigDecimal sum = lines.stream().map(Line::contribution).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal linear = apply(f, linear(f, result.components()));
    BigDecimal unclamped = scaled(f, linear(f, result.components()));
    if (unclamped.compareTo(linear) != 0) {
      lines.add(new Line(LineKind.CLAMP, null, null, -1, linear.subtract(unclamped), linear.subtract(unclamped)));
      sum = sum.add(linear.subtract(unclamped));
    }
    if (effects(flags(own), w).zero) {
      lines.add(new Line(LineKind.FLAG, null, null, -1, linear.negate(), sum.negate()));
      sum = BigDecimal.ZERO;
    }
    BigDecimal rounding = result.score().subtract(sum);
    if (rounding.signum() != 0) {
      lines.add(new Line(LineKind.ROUNDING, null, null, -1, rounding, rounding));
    }
    return new ExplainedQuarter(result, lines, totals);
  }

  /** A line whose contribution is value × weight × scale, to 4 decimals (the rounding line absorbs the rest). */
  private static Line line(LineKind kind, String component, String item, int entry, BigDecimal value,
      BigDecimal weight, Formula f) {
    BigDecimal c = scaled(f, value.multiply(weight));
    if (c.scale() > 4) {
      c = c.setScale(4, RoundingMode.HALF_UP);
    }
    return new Line(kind, component, item, entry, value, c);
  }

  // ---- building blocks ------------------------------------------------------------------------

  /** Component values of the window; the evaluation component only when an evaluation is known. */
  Map<String, BigDecimal> components(Window w, List<Entry> entries, Evaluation eval) {
    Map<String, BigDecimal> totals = itemTotals(entries);
    Map<String, BigDecimal> out = new LinkedHashMap<>();
    for (Component c : scheme.components().values()) {
      switch (c.type()) {
        case START -> {
          BigDecimal v;
          if (c.perItem()) {
            v = BigDecimal.ZERO;
            for (String code : c.items()) {
              v = v.add(floor(c.floor(), c.start().add(capped(code, totals.get(code), w))));
            }
          } else {
            BigDecimal sum = BigDecimal.ZERO;
            for (String code : c.items()) {
              sum = sum.add(capped(code, totals.get(code), w));
            }
            v = floor(c.floor(), c.start().add(sum));
          }
          out.put(c.id(), v);
        }
        case SUM -> {
          BigDecimal sum = BigDecimal.ZERO;
          for (String code : c.items()) {
            sum = sum.add(capped(code, totals.get(code), w));
          }
          BigDecimal cap = c.cap(w);
          if (cap != null && sum.compareTo(cap) > 0) {
            sum = cap;
          }
          out.put(c.id(), floor(c.floor(), sum));
        }
        case EVALUATION -> {
          if (w == Window.YEAR && eval != null) {
            // 评议得分 wins over 评议等次
            BigDecimal v = eval.score() != null ? eval.score().multiply(c.scoreFactor())
                : eval.grade() != null ? c.gradePoints().get(eval.grade()) : null;
            if (v != null) {
              out.put(c.id(), v);
            }
          }
        }
        default -> throw new IllegalStateException(c.type().toString());
      }
    }
    return out;
  }

  /** Σ points per item code of {@code entries}; entries without points (flag items) are left out. */
  public static Map<String, BigDecimal> itemTotals(List<Entry> entries) {
    Map<String, BigDecimal> totals = new HashMap<>();
    for (Entry e : entries) {
      if (e.points() != null) {
        totals.merge(e.itemCode(), e.points(), BigDecimal::add);
      }
    }
    return totals;
  }

  /**
   * The item's total bounded by its cap in the window (caps bound the absolute total); the item
   * must be one of the scheme's.
   */
  public BigDecimal capped(String code, BigDecimal total, Window w) {
    if (total == null) {
      return BigDecimal.ZERO;
    }
    Item it = items.get(code);
    BigDecimal cap = w == Window.QUARTER ? it.capQuarter() : it.capYear();
    if (cap == null) {
      return total;
    }
    return it.kind().sign() > 0 ? total.min(cap) : total.max(cap.negate());
  }

  private static BigDecimal floor(BigDecimal floor, BigDecimal v) {
    return floor == null ? v : v.max(floor);
  }

  private static BigDecimal linear(Formula f, Map<String, BigDecimal> comps) {
    BigDecimal sum = BigDecimal.ZERO;
    for (Map.Entry<String, BigDecimal> t : f.terms().entrySet()) {
      sum = sum.add(comps.get(t.getKey()).multiply(t.getValue()));
    }
    return sum;
  }

  private static BigDecimal apply(Formula f, BigDecimal linear) {
    return clamp(f, scaled(f, linear));
  }

  /** {@code v} × the formula's scale (e.g. 100/80), exact. */
  private static BigDecimal scaled(Formula f, BigDecimal v) {
    BigDecimal out = v.multiply(f.scaleNumerator());
    return f.scaleDenominator().compareTo(BigDecimal.ONE) == 0 ? out : out.divide(f.scaleDenominator(), EXACT);
  }

  private static BigDecimal clamp(Formula f, BigDecimal v) {
    return v.max(f.min()).min(f.max());
  }

  /** Published scores: half-up to one decimal, once. */
  static BigDecimal round(BigDecimal exact) {
    return exact == null ? null : exact.setScale(1, RoundingMode.HALF_UP);
  }

  /** The grade of a published score: the first band, highest first, with score ≥ min. */
  String band(BigDecimal score) {
    if (score == null) {
      return null;
    }
    for (GradeBand b : scheme.bands()) {
      if (score.compareTo(b.min()) >= 0) {
        return b.grade();
      }
    }
    return scheme.lowestGrade();
  }

  private Set<Flag> flags(List<Entry> entries) {
    Set<Flag> out = EnumSet.noneOf(Flag.class);
    for (Entry e : entries) {
      Item it = items.get(e.itemCode());
      if (it != null && it.kind().flag() != null) {
        out.add(it.kind().flag());
      }
    }
    return out;
  }

  private record Effects(boolean zero, boolean fail) {}

  private Effects effects(Set<Flag> flags, Window w) {
    boolean zero = false;
    boolean fail = false;
    for (Flag f : flags) {
      FlagRule r = scheme.flags().get(f);
      if (r != null && r.actsOn(w)) {
        zero |= r.zeroScore();
        fail |= r.failGrade();
      }
    }
    return new Effects(zero, fail);
  }

  private static List<Entry> entriesOf(List<Entry> entries, Set<Integer> quarters) {
    return entries.stream().filter(e -> quarters.contains(e.quarter())).toList();
  }

  /** The evaluation to use when a member has several rows: one with 评议得分 first, else one with a grade. */
  private static Evaluation pickEvaluation(List<Evaluation> evaluations) {
    Evaluation withGrade = null;
    for (Evaluation e : evaluations) {
      if (e.score() != null) {
        return e;
      }
      if (e.grade() != null && withGrade == null) {
        withGrade = e;
      }
    }
    return withGrade;
  }
}
