package org.jifen.scheme;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints a scheme's rules in words, Chinese names beside codes, for {@code jifen schemes show}. */
public final class SchemeDescriber {
  private SchemeDescriber() {}

  public static String describe(Scheme s) {
    StringBuilder b = new StringBuilder();
    b.append("方案 Scheme: ").append(s.id()).append(" — ").append(s.name()).append('\n');
    b.append("来源 Source: ").append(s.source()).append("  (sha256 ").append(s.contentHash()).append(")\n");
    if (!s.description().isEmpty()) {
      b.append("说明 About: ").append(s.description()).append('\n');
    }
    b.append("参评身份 Graded standings: ").append(String.join("、", s.gradedStandings()))
        .append(" (others are scored for reference only, never graded)\n");

    b.append("\n项目 Items\n");
    for (List<Item> run : runs(s.items())) {
      Item i = run.get(0);
      String code = run.size() == 1 ? i.code() : i.code() + "–" + run.get(run.size() - 1).code();
      b.append(String.format("  %-9s %s — %s %s", code, i.name(), i.kind().chinese(), i.kind().yamlName()));
      if (i.kind().sign() == 0) {
        b.append(", no points (分值 left blank)");
      } else {
        b.append(i.kind().sign() > 0 ? ", 分值 positive" : ", 分值 negative");
        if (!i.fixedPoints().isEmpty()) {
          b.append(", only ").append(i.fixedPoints().stream().map(SchemeDescriber::num).collect(Collectors.joining(" or ")));
        }
        b.append(caps(i.capQuarter(), i.capYear(), "per item"));
      }
      b.append('\n');
    }

    b.append("\n构成 Components\n");
    for (Component c : s.components().values()) {
      b.append("  ").append(c.id()).append(' ').append(c.name()).append(": ");
      switch (c.type()) {
        case START -> {
          if (c.perItem()) {
            b.append("each of ").append(codes(c.items())).append(" starts at ").append(num(c.start()));
          } else {
            b.append("starts at ").append(num(c.start())).append(", adds the entries of ").append(codes(c.items()));
          }
          b.append(c.floor() == null ? "" : ", never below " + num(c.floor()));
        }
        case SUM -> {
          b.append("sum of ").append(codes(c.items()));
          b.append(caps(c.capQuarter(), c.capYear(), "in total"));
          b.append(c.floor() == null ? "" : ", never below " + num(c.floor()));
        }
        case EVALUATION -> {
          b.append("民主评议 (Q4): 评议得分 × ").append(num(c.scoreFactor())).append(" when given; otherwise 评议等次 ");
          b.append(c.gradePoints().entrySet().stream().map(e -> e.getKey() + " " + num(e.getValue()))
              .collect(Collectors.joining(", ")));
        }
        default -> throw new IllegalStateException();
      }
      b.append('\n');
    }

    if (!s.flags().isEmpty()) {
      b.append("\n否决与处理 Flags\n");
      for (FlagRule r : s.flags().values()) {
        List<String> codes = s.items().stream().filter(i -> i.kind().flag() == r.flag()).map(Item::code).toList();
        b.append("  ").append(r.flag().column()).append(' ').append(r.name()).append(" (").append(codes(codes)).append("): ");
        List<String> on = new ArrayList<>();
        if (r.actsOnQuarter()) {
          on.add("the quarter");
        }
        if (r.actsOnYear()) {
          on.add("the year");
        }
        b.append("acts on ").append(String.join(" and ", on)).append(": ");
        List<String> fx = new ArrayList<>();
        if (r.zeroScore()) {
          fx.add("score 0");
        }
        fx.add(r.failGrade() ? "grade " + s.lowestGrade() + " whatever the score" : "grade from the score");
        b.append(String.join(", ", fx));
        if (!r.actsOnQuarter()) {
          b.append("; quarter rows only carry the flag");
        }
        b.append('\n');
      }
    }

    b.append('\n');
    formula(b, "季度得分 Quarter score", s.quarterFormula(), s);
    formula(b, "年度得分 Annual score", s.annualFormula(), s);
    if (s.annualEvaluation().isPresent()) {
      b.append("  A member in points management without evaluation has no annual result (未评定).\n");
    }
    b.append("  Published scores are rounded half-up to one decimal, once; the grade follows the rounded score.\n");

    b.append("\n等次 Grades: ").append(s.bands().stream().map(g -> g.grade() + " ≥" + num(g.min()))
        .collect(Collectors.joining(", "))).append('\n');
    s.quota().ifPresent(q -> b.append("名额 Quota: ").append(q.grade()).append(" for at most ⌊").append(num(q.percent()))
        .append("% × graded members⌋ per branch and year, ranked by score, then smaller total of ")
        .append(q.tieBreakItems().isEmpty() ? "(none)" : codes(q.tieBreakItems()))
        .append(", then member code; the others get ").append(q.demoteTo()).append(" (quota-limited)\n"));
    Disposal d = s.disposal();
    List<String> dp = new ArrayList<>();
    if (!d.grades().isEmpty()) {
      dp.add("annual " + String.join("/", d.grades()));
    }
    if (d.consecutiveGrade() != null) {
      dp.add(d.consecutiveGrade() + " in " + d.consecutiveYears() + " consecutive years");
    }
    b.append("处置 Disposal list (不合格党员处置): ").append(String.join("; or ", dp)).append('\n');
    return b.toString();
  }

  /**
   * One row of a scheme's item table in Chinese, as the ledger template's 填表说明 shows it.
   *
   * @param codes the item code, or a range of codes defined together ({@code D01–D99})
   * @param kind the kind in Chinese ({@code 基础分扣分}, {@code 加分}, {@code 一票否决} …)
   * @param points what 分值 takes ({@code 只能填 -5 或 -3}, {@code 正数，由支部评定}, {@code 不填分值})
   * @param cap the item's cap in words, empty when it has none
   */
  public record ItemLine(String codes, String name, String kind, String points, String cap) {}

  /** The scheme's items in file order, ranges defined on one line collapsed, in Chinese. */
  public static List<ItemLine> itemLines(Scheme s) {
    List<ItemLine> lines = new ArrayList<>();
    for (List<Item> run : runs(s.items())) {
      Item i = run.get(0);
      String code = run.size() == 1 ? i.code() : i.code() + "–" + run.get(run.size() - 1).code();
      String points;
      if (i.kind().sign() == 0) {
        points = "不填分值";
      } else if (i.fixedPoints().size() == 1) {
        points = "只能填 " + num(i.fixedPoints().get(0)) + "（留空按 " + num(i.fixedPoints().get(0)) + " 计）";
      } else if (!i.fixedPoints().isEmpty()) {
        points = "只能填 " + i.fixedPoints().stream().map(SchemeDescriber::num).collect(Collectors.joining(" 或 "));
      } else {
        points = (i.kind().sign() > 0 ? "正数" : "负数") + "，由支部评定";
      }
      lines.add(new ItemLine(code, i.name(), i.kind().chinese(), points, capsZh(i.capQuarter(), i.capYear())));
    }
    return lines;
  }

  /**
   * The scheme's scoring rules in Chinese, one sentence per line: components, flags, the quarter
   * and annual scores, rounding, grades, quota and disposal.
   */
  public static List<String> rulesInChinese(Scheme s) {
    List<String> out = new ArrayList<>();
    for (Component c : s.components().values()) {
      String line = c.name() + "：";
      switch (c.type()) {
        case START -> {
          line += c.perItem()
              ? codes(c.items()) + " 每项起始 " + num(c.start()) + " 分，按登记的分值扣减"
              : "起始 " + num(c.start()) + " 分，加上 " + codes(c.items()) + " 登记的分值";
          line += c.floor() == null ? "" : (c.perItem() ? "，每项" : "，") + "最低 " + num(c.floor()) + " 分";
        }
        case SUM -> {
          line += codes(c.items()) + " 登记的分值合计";
          boolean itemCaps = c.items().stream().map(s::item).flatMap(java.util.Optional::stream)
              .anyMatch(i -> i.capQuarter() != null || i.capYear() != null);
          line += itemCaps ? "（各项先按其累计上限封顶）" : "";
          String cap = capsZh(c.capQuarter(), c.capYear());
          line += cap.isEmpty() ? "" : "，合计" + cap;
          line += c.floor() == null ? "" : "，最低 " + num(c.floor()) + " 分";
        }
        case EVALUATION -> line += "第四季度民主评议，填评议得分（0–100）的按评议得分"
            + (c.scoreFactor().compareTo(BigDecimal.ONE) == 0 ? "" : "×" + num(c.scoreFactor()))
            + "计；只填评议等次的按 " + c.gradePoints().entrySet().stream()
                .map(e -> e.getKey() + " " + num(e.getValue()) + " 分").collect(Collectors.joining("、")) + " 计";
        default -> throw new IllegalStateException();
      }
      out.add(line + "。");
    }
    for (FlagRule r : s.flags().values()) {
      List<String> codes = s.items().stream().filter(i -> i.kind().flag() == r.flag()).map(Item::code).toList();
      String on = r.actsOnQuarter() && r.actsOnYear() ? "当季和全年" : r.actsOnYear() ? "全年（季度得分不受影响，只作标记）" : "当季";
      out.add(r.name() + "（" + codes(codes) + "）：作用于" + on + "，" + (r.zeroScore() ? "得分为 0" : "得分照常计算")
          + (r.failGrade() ? "，等次为" + s.lowestGrade() : "，等次按得分确定") + "。");
    }
    out.add(formulaZh(s.quarterFormula(), s) + "。");
    out.add(formulaZh(s.annualFormula(), s) + "。");
    if (s.annualEvaluation().isPresent()) {
      out.add("参加积分管理但没有民主评议结果的党员不评定年度等次（未评定）。");
    }
    out.add("得分四舍五入保留一位小数，等次按保留后的得分确定。");
    List<GradeBand> bands = s.bands();
    List<String> grades = new ArrayList<>();
    for (int i = 0; i < bands.size(); i++) {
      GradeBand g = bands.get(i);
      grades.add(g.grade() + (g.min().signum() == 0 && i > 0 ? " 低于 " + num(bands.get(i - 1).min()) + " 分"
          : " " + num(g.min()) + " 分及以上"));
    }
    out.add("等次：" + String.join("，", grades) + "。");
    s.quota().ifPresent(q -> out.add("名额：" + q.grade() + "不超过本支部参评党员数的 " + num(q.percent())
        + "%（向下取整），按年度得分从高到低确定" + (q.tieBreakItems().isEmpty() ? ""
            : "，同分时 " + codes(q.tieBreakItems()) + " 扣分合计少者优先")
        + "，再按党员编号；超出名额的评为" + q.demoteTo() + "。"));
    Disposal d = s.disposal();
    List<String> dp = new ArrayList<>();
    if (!d.grades().isEmpty()) {
      dp.add("年度" + String.join("、", d.grades()));
    }
    if (d.consecutiveGrade() != null) {
      dp.add("连续 " + d.consecutiveYears() + " 年" + d.consecutiveGrade());
    }
    if (!dp.isEmpty()) {
      out.add("列入不合格党员处置名单：" + String.join("，或", dp) + "。");
    }
    return out;
  }

  private static String formulaZh(Formula f, Scheme s) {
    String sum;
    if (f.method() == Formula.Method.MEAN_OF_QUARTERS) {
      sum = "参加积分管理各季度得分的平均值";
    } else {
      List<String> terms = new ArrayList<>();
      for (Map.Entry<String, BigDecimal> t : f.weighted().entrySet()) {
        terms.add(componentName(s, t.getKey()) + "×" + num(t.getValue()));
      }
      f.add().forEach(a -> terms.add(componentName(s, a)));
      sum = String.join(" + ", terms);
      if (f.scaled()) {
        sum = "（" + sum + "）×" + num(f.scaleNumerator())
            + (f.scaleDenominator().compareTo(BigDecimal.ONE) == 0 ? "" : "/" + num(f.scaleDenominator()));
      }
    }
    return f.name() + " = " + sum + "，范围 " + num(f.min()) + "–" + num(f.max()) + " 分";
  }

  private static String componentName(Scheme s, String id) {
    Component c = s.components().get(id);
    return c == null ? id : c.name();
  }

  private static String capsZh(BigDecimal q, BigDecimal y) {
    List<String> c = new ArrayList<>();
    if (q != null) {
      c.add("每季度最多 " + num(q) + " 分");
    }
    if (y != null) {
      c.add("每年最多 " + num(y) + " 分");
    }
    return String.join("，", c);
  }

  private static void formula(StringBuilder b, String title, Formula f, Scheme s) {
    b.append(title).append(" (").append(f.name()).append("): ");
    if (f.method() == Formula.Method.MEAN_OF_QUARTERS) {
      b.append("mean of the exact quarter scores of the quarters in points management");
    } else {
      List<String> terms = new ArrayList<>();
      for (Map.Entry<String, BigDecimal> t : f.weighted().entrySet()) {
        terms.add(num(t.getValue()) + " × " + t.getKey());
      }
      terms.addAll(f.add());
      String sum = String.join(" + ", terms);
      if (f.scaled()) {
        sum = "(" + sum + ") × " + num(f.scaleNumerator())
            + (f.scaleDenominator().compareTo(BigDecimal.ONE) == 0 ? "" : "/" + num(f.scaleDenominator()));
      }
      b.append(sum);
    }
    b.append(", kept within ").append(num(f.min())).append("–").append(num(f.max())).append('\n');
  }

  private static String caps(BigDecimal q, BigDecimal y, String what) {
    List<String> c = new ArrayList<>();
    if (q != null) {
      c.add(num(q) + "/季度 quarter");
    }
    if (y != null) {
      c.add(num(y) + "/年度 year");
    }
    return c.isEmpty() ? "" : ", capped at " + String.join(" and ", c) + " " + what;
  }

  /** Codes with consecutive ranges collapsed: B1, B2, B3 → B1–B3. */
  static String codes(List<String> codes) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < codes.size()) {
      int j = i;
      while (j + 1 < codes.size() && next(codes.get(j), codes.get(j + 1))) {
        j++;
      }
      out.add(j - i >= 2 ? codes.get(i) + "–" + codes.get(j) : codes.get(i));
      if (j - i == 1) {
        out.add(codes.get(j));
      }
      i = j + 1;
    }
    return String.join(", ", out);
  }

  private static boolean next(String a, String b) {
    String pa = a.replaceAll("\\d+$", "");
    String pb = b.replaceAll("\\d+$", "");
    if (!pa.equals(pb) || pa.length() == a.length() || a.length() != b.length()) {
      return false;
    }
    return Integer.parseInt(b.substring(pb.length())) == Integer.parseInt(a.substring(pa.length())) + 1;
  }

  /** Items defined by one range line (same name, kind, points, caps, consecutive codes). */
  private static List<List<Item>> runs(List<Item> items) {
    List<List<Item>> out = new ArrayList<>();
    for (Item i : items) {
      List<Item> last = out.isEmpty() ? null : out.get(out.size() - 1);
      Item p = last == null ? null : last.get(last.size() - 1);
      if (p != null && p.line() == i.line() && p.name().equals(i.name()) && next(p.code(), i.code())) {
        last.add(i);
      } else {
        List<Item> run = new ArrayList<>();
        run.add(i);
        out.add(run);
      }
    }
    return out;
  }

  private static String num(BigDecimal d) {
    return d.stripTrailingZeros().toPlainString();
  }
}
