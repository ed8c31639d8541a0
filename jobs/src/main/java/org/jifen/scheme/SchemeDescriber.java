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
