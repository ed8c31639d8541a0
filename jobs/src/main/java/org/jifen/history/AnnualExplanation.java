package org.jifen.history;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jifen.scheme.Component;
import org.jifen.scheme.Flag;
import org.jifen.scheme.FlagRule;
import org.jifen.scheme.Formula;
import org.jifen.scheme.Quota;
import org.jifen.scheme.Scheme;

/**
 * The sentences (Chinese) that explain one annual result to an appealing member: how the score was
 * made, which grade it gives, the rank in the branch, the quota decision (the quota size, the place
 * in the quota grade's band and which rule of the ranking decided against the neighbour across the
 * line) and the disposal decision. Pure Java over the figures gold keeps, so that the working shown
 * is the one scoring did (DOMAIN §5, §8).
 */
public final class AnnualExplanation {
  private AnnualExplanation() {}

  private static final MathContext EXACT = MathContext.DECIMAL128;

  /** A member of the quota grade's band next to the quota line: place, score and tie-break total. */
  public record Neighbour(int quotaRank, BigDecimal score, BigDecimal tieBreakTotal) {}

  /** A quarter counted in the year: its components as gold shows them, its flags and published score. */
  public record CountedQuarter(String period, Map<String, BigDecimal> components, boolean zeroed, BigDecimal score) {}

  /** An earlier annual grade of the member. */
  public record EarlierYear(int year, String grade) {}

  /**
   * The annual row and its context.
   *
   * @param scheme the scheme the year was scored with, or null when it cannot be loaded (then only
   *     what gold records is told)
   * @param status gold status (graded, activist, incomplete)
   * @param preGrade the grade before the quota, null when gold does not record it (scored before it did)
   * @param quotaRecorded whether gold records the quota's inputs for the year
   * @param tiedWith other graded members of the branch with the same score
   * @param neighbour for a member in the band: the last kept member when limited, the first limited
   *     one when kept; null when there is none
   * @param counted the quarters the year covers (mean-of-quarters schemes)
   */
  public record Inputs(Scheme scheme, String branchLabel, String status, boolean veto, boolean hardFail,
      boolean zeroed, Map<String, BigDecimal> components, BigDecimal score, String preGrade, String grade,
      Integer rankInBranch, int gradedInBranch, int tiedWith, boolean quotaRecorded, boolean quotaLimited,
      Integer quotaN, Integer quotaSize, Integer quotaRank, BigDecimal tieBreakTotal, int bandSize,
      Neighbour neighbour, boolean disposal, List<EarlierYear> earlier, List<CountedQuarter> counted) {}

  /** The explanation, one sentence per element. */
  public static List<String> explain(Inputs in) {
    List<String> out = new ArrayList<>();
    if ("activist".equals(in.status())) {
      out.add("入党积极分子的得分仅供参考，不评定等次，不参加支部排名、名额和处置。" + scoreSentence(in));
      return out;
    }
    if ("incomplete".equals(in.status())) {
      out.add("缺少民主评议结果，年度得分和等次未评定（不作任何推定）；支部补报民主评议后重新评分即可得出结果。");
      return out;
    }
    out.add(scoreSentence(in));
    out.add(gradeSentence(in));
    if (in.rankInBranch() != null) {
      out.add("在年度所在党支部（" + in.branchLabel() + "）已评定等次的" + in.gradedInBranch() + "名党员中排第"
          + in.rankInBranch() + "名" + (in.tiedWith() > 0 ? "（与另外" + in.tiedWith() + "名党员同分并列，并列者名次相同）" : "")
          + "。");
    }
    out.add(quotaSentence(in));
    out.add(disposalSentence(in));
    return out;
  }

  // ---- score ----------------------------------------------------------------------------------

  private static String scoreSentence(Inputs in) {
    Scheme s = in.scheme();
    if (in.veto() || in.zeroed() || in.hardFail()) {
      List<String> f = new ArrayList<>();
      if (in.veto()) {
        f.add(flagName(s, Flag.VETO) + "：年度得分为0，等次为" + lowest(s));
      }
      if (in.zeroed()) {
        f.add(flagName(s, Flag.ZEROED) + "：年度得分为0");
      }
      if (in.hardFail()) {
        f.add(flagName(s, Flag.HARD_FAIL) + "：无论得分多少，年度等次为" + lowest(s)
            + (in.score() == null ? "" : "（得分照常计算为" + score(in.score()) + "分）"));
      }
      return "本年度有否决或直接定等次的事项，" + String.join("；", f) + "。";
    }
    if (in.score() == null) {
      return "年度得分未计算。";
    }
    if (s == null) {
      return "年度得分为" + score(in.score()) + "分（评分方案无法载入，计算过程从略）。";
    }
    Formula f = s.annualFormula();
    if (f.method() == Formula.Method.MEAN_OF_QUARTERS) {
      return meanSentence(in, s);
    }
    return formulaSentence(in, s, f);
  }

  /** Mean of the exact quarter scores, each recomputed from its components and checked against gold. */
  private static String meanSentence(Inputs in, Scheme s) {
    List<BigDecimal> exact = new ArrayList<>();
    for (CountedQuarter q : in.counted()) {
      BigDecimal e = q.zeroed() ? BigDecimal.ZERO : linear(s.quarterFormula(), q.components());
      if (e == null || q.score() == null || e.setScale(1, RoundingMode.HALF_UP).compareTo(q.score()) != 0) {
        exact = null;
        break;
      }
      exact.add(e);
    }
    int n = in.counted().size();
    String base = "年度得分为本年度参加积分管理的" + n + "个季度得分（未取舍的精确值）的平均数";
    if (exact == null || n == 0) {
      return base + "，为" + score(in.score()) + "分。";
    }
    BigDecimal mean = exact.stream().reduce(BigDecimal.ZERO, BigDecimal::add).divide(BigDecimal.valueOf(n), EXACT);
    if (mean.setScale(1, RoundingMode.HALF_UP).compareTo(in.score()) != 0) {
      return base + "，为" + score(in.score()) + "分。";
    }
    String sum = exact.stream().map(AnnualExplanation::exact).collect(Collectors.joining(" + "));
    return base + "：(" + sum + ") ÷ " + n + " = " + exact(mean) + "，四舍五入保留一位小数为" + score(in.score()) + "分。";
  }

  /** A linear annual formula with the member's components, checked against gold. */
  private static String formulaSentence(Inputs in, Scheme s, Formula f) {
    List<String> terms = new ArrayList<>();
    for (Map.Entry<String, BigDecimal> t : f.weighted().entrySet()) {
      terms.add(plain(t.getValue()) + "×" + componentName(s, t.getKey()) + "(" + value(in, t.getKey()) + ")");
    }
    for (String a : f.add()) {
      terms.add(componentName(s, a) + "(" + value(in, a) + ")");
    }
    String sum = String.join(" + ", terms);
    if (f.scaled()) {
      sum = "(" + sum + ")×" + plain(f.scaleNumerator())
          + (f.scaleDenominator().compareTo(BigDecimal.ONE) == 0 ? "" : "/" + plain(f.scaleDenominator()));
    }
    BigDecimal raw = unclamped(f, in.components());
    if (raw == null) {
      return "年度得分 = " + sum + "，为" + score(in.score()) + "分。";
    }
    BigDecimal kept = raw.max(f.min()).min(f.max());
    String clamp = kept.compareTo(raw) == 0 ? ""
        : "，超出" + plain(f.min()) + "–" + plain(f.max()) + "的范围，按" + exact(kept) + "计";
    if (kept.setScale(1, RoundingMode.HALF_UP).compareTo(in.score()) != 0) {
      return "年度得分 = " + sum + "，为" + score(in.score()) + "分。";
    }
    return "年度得分 = " + sum + " = " + exact(raw) + clamp + "，四舍五入保留一位小数为" + score(in.score()) + "分。";
  }

  private static String value(Inputs in, String component) {
    BigDecimal v = in.components().get(component);
    return v == null ? "—" : exact(v);
  }

  /** The formula's value clamped, or null when a component is missing. */
  private static BigDecimal linear(Formula f, Map<String, BigDecimal> comps) {
    BigDecimal v = unclamped(f, comps);
    return v == null ? null : v.max(f.min()).min(f.max());
  }

  private static BigDecimal unclamped(Formula f, Map<String, BigDecimal> comps) {
    if (comps == null) {
      return null;
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (Map.Entry<String, BigDecimal> t : f.terms().entrySet()) {
      BigDecimal c = comps.get(t.getKey());
      if (c == null) {
        return null;
      }
      sum = sum.add(c.multiply(t.getValue()));
    }
    sum = sum.multiply(f.scaleNumerator());
    return f.scaleDenominator().compareTo(BigDecimal.ONE) == 0 ? sum : sum.divide(f.scaleDenominator(), EXACT);
  }

  // ---- grade, quota, disposal -------------------------------------------------------------------

  private static String gradeSentence(Inputs in) {
    Scheme s = in.scheme();
    String bands = s == null ? "" : "（" + s.bands().stream()
        .map(b -> b.min().signum() == 0 ? "其余" + b.grade() : b.grade() + "≥" + plain(b.min()))
        .collect(Collectors.joining("、")) + "）";
    String by = in.preGrade() != null ? in.preGrade() : in.quotaLimited() ? null : in.grade();
    if (in.hardFail() || in.veto()) {
      return "等次为" + in.grade() + "（由上述事项决定，不看得分）。";
    }
    if (by == null) {
      return "按等次标准" + bands + "确定等次；最终等次为" + in.grade() + "。";
    }
    return "按等次标准" + bands + "，" + score(in.score()) + "分对应" + by + "。";
  }

  private static String quotaSentence(Inputs in) {
    Scheme s = in.scheme();
    Quota q = s == null ? null : s.quota().orElse(null);
    if (s != null && q == null) {
      return "本方案（" + s.id() + "）不设等次名额（比例）限制，年度等次按得分直接确定，名额不影响本人等次。";
    }
    if (!in.quotaRecorded()) {
      return in.quotaLimited()
          ? "本人受名额限制，等次由" + (q == null ? "名额等次" : q.grade()) + "调整为" + in.grade()
              + "；该年度评分时尚未记录名额计算明细，重新运行 jifen score --period 年度 后可查看名次和名额。"
          : "该年度评分时尚未记录名额计算明细（重新运行 jifen score --period 年度 后可查看）；本人未受名额限制。";
    }
    String grade = q == null ? "名额等次" : q.grade();
    String percent = q == null ? "" : plain(q.percent()) + "%×";
    String size = "本支部参与名额计算的党员" + in.quotaN() + "名（已评定且有年度得分的党员，直接评为不合格者也计入），"
        + grade + "名额为⌊" + percent + in.quotaN() + "⌋ = " + in.quotaSize() + "名";
    if (in.quotaRank() == null) {
      return size + "；本人按得分应得" + (in.preGrade() == null ? in.grade() : in.preGrade()) + "，不在" + grade
          + "分数段内，名额不影响本人等次。";
    }
    String tieItems = q == null || q.tieBreakItems().isEmpty() ? "扣分" : codes(q.tieBreakItems()) + "扣分";
    String order = "排序规则：得分从高到低；同分时" + tieItems + "合计少者在前；再相同按党员编号升序";
    String place = size + "。本人得分" + score(in.score()) + "分，" + tieItems + "合计" + plain(in.tieBreakTotal())
        + "，在本支部" + grade + "分数段的" + in.bandSize() + "名党员中排第" + in.quotaRank() + "名（" + order + "）";
    if (!in.quotaLimited()) {
      String why = in.neighbour() == null ? "；分数段人数未超过名额，全部保留" + grade
          : "。名额外第一名（第" + in.neighbour().quotaRank() + "名）得分" + score(in.neighbour().score()) + "分、"
              + tieItems + "合计" + plain(in.neighbour().tieBreakTotal()) + "，" + decided(in, in.neighbour(), true);
      return place + "，在名额之内，保留" + grade + why + "。";
    }
    if (in.quotaSize() == 0) {
      return place + "。本支部名额为0名，分数段内党员均不能保留" + grade + "，本人等次由" + grade + "调整为" + in.grade()
          + "（受名额限制），年度得分不变。";
    }
    String why = in.neighbour() == null ? ""
        : "。名额内最后一名（第" + in.neighbour().quotaRank() + "名）得分" + score(in.neighbour().score()) + "分、"
            + tieItems + "合计" + plain(in.neighbour().tieBreakTotal()) + "，" + decided(in, in.neighbour(), false);
    return place + "，超出名额" + in.quotaSize() + "名" + why + "。因此本人等次由" + grade + "调整为" + in.grade()
        + "（受名额限制），年度得分不变。";
  }

  /** Which rule of the ranking separated the member from the neighbour across the quota line. */
  private static String decided(Inputs in, Neighbour n, boolean kept) {
    int byScore = in.score().compareTo(n.score());
    if (byScore != 0) {
      return kept ? "本人得分更高，由得分决定" : "对方得分更高，由得分决定";
    }
    int byTie = in.tieBreakTotal().compareTo(n.tieBreakTotal());
    if (byTie != 0) {
      return "与本人同分，由扣分合计决定（" + (kept ? "本人扣分更少" : "对方扣分更少") + "）";
    }
    return "与本人同分且扣分合计相同，按党员编号决定（" + (kept ? "本人编号在前" : "对方编号在前") + "）";
  }

  private static String disposalSentence(Inputs in) {
    Scheme s = in.scheme();
    List<String> rule = new ArrayList<>();
    if (s != null) {
      if (!s.disposal().grades().isEmpty()) {
        rule.add("年度" + String.join("或", s.disposal().grades()));
      }
      if (s.disposal().consecutiveGrade() != null) {
        rule.add("连续" + s.disposal().consecutiveYears() + "年" + s.disposal().consecutiveGrade());
      }
    }
    String ruleText = rule.isEmpty() ? "" : "（处置条件：" + String.join("；或", rule) + "）";
    String earlier = in.earlier().isEmpty() ? "此前年度无年度结果"
        : in.earlier().stream().map(e -> e.year() + "年度" + (e.grade() == null ? "未评定" : e.grade()))
            .collect(Collectors.joining("、"));
    if (in.disposal()) {
      boolean byGrade = s == null || s.disposal().grades().contains(in.grade());
      return byGrade
          ? "年度等次为" + in.grade() + "，列入不合格党员处置名单" + ruleText + "。"
          : "本年度" + in.grade() + "，此前" + earlier + "，连续" + s.disposal().consecutiveYears() + "年"
              + s.disposal().consecutiveGrade() + "，列入不合格党员处置名单" + ruleText + "。";
    }
    String consecutive = s != null && s.disposal().consecutiveGrade() != null
        && s.disposal().consecutiveGrade().equals(in.grade())
        ? "本年度" + in.grade() + "，此前" + earlier + "，未达到连续" + s.disposal().consecutiveYears() + "年；" : "";
    return consecutive + "未列入不合格党员处置名单" + ruleText + "。";
  }

  // ---- names ------------------------------------------------------------------------------------

  private static String flagName(Scheme s, Flag f) {
    FlagRule r = s == null ? null : s.flags().get(f);
    return r != null && r.name() != null ? r.name() : f.chinese();
  }

  private static String lowest(Scheme s) {
    return s == null ? "最低等次" : s.lowestGrade();
  }

  static String componentName(Scheme s, String id) {
    Component c = s == null ? null : s.components().get(id);
    return c != null && c.name() != null ? c.name() : id;
  }

  /** D01, D02, …, D99 → D01–D99. */
  private static String codes(List<String> codes) {
    if (codes.size() <= 2) {
      return String.join("、", codes);
    }
    return codes.get(0) + "–" + codes.get(codes.size() - 1);
  }

  /** A published score: one decimal ({@code 86.1}); {@code —} for null. */
  static String score(BigDecimal v) {
    return v == null ? "—" : v.setScale(1, java.math.RoundingMode.HALF_UP).toPlainString();
  }

  /** An exact value: no trailing zeros beyond the first decimal ({@code 86.125}, {@code 85.0}); {@code —} for null. */
  static String exact(BigDecimal v) {
    if (v == null) {
      return "—";
    }
    BigDecimal s = v.stripTrailingZeros();
    return (s.scale() < 1 ? s.setScale(1) : s).toPlainString();
  }

  /** A decimal without trailing zeros ({@code 0.8}, {@code 96}); {@code —} for null. */
  static String plain(BigDecimal v) {
    if (v == null) {
      return "—";
    }
    BigDecimal s = v.stripTrailingZeros();
    return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
  }
}
