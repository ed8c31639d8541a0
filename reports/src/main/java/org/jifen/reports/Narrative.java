package org.jifen.reports;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jifen.reports.PackData.Flag;
import org.jifen.reports.PackData.Gap;
import org.jifen.reports.PackData.Stats;
import org.jifen.reports.PackData.Sub;
import org.jifen.reports.PackData.Trend;
import org.jifen.reports.PackData.WatchEntry;

/**
 * The sentences of the analysis report, built from the figures (never placeholders): a sentence
 * whose figures are missing is left out or says plainly that the figure is not available.
 */
final class Narrative {
  private Narrative() {}

  /** The overview: members, submissions, grades, changes, attention, watch lists. */
  static List<String> overview(PackData d) {
    List<String> out = new ArrayList<>();
    out.add(members(d));
    String sub = submissions(d);
    if (sub != null) {
      out.add(sub);
    }
    out.add(grades(d));
    out.addAll(changes(d));
    out.add(attention(d));
    out.add(watchLists(d));
    return out;
  }

  static String members(PackData d) {
    Stats s = d.overview();
    String head = d.period().label() + "，" + d.unit().name();
    if (s.membersTotal() == 0) {
      return head + "尚无已报送积分台账的党员数据。";
    }
    StringBuilder b = new StringBuilder(head).append("共有党员").append(Zh.persons(s.membersTotal()));
    if (s.membersProbationary() > 0) {
      b.append("（其中预备党员").append(Zh.persons(s.membersProbationary())).append("）");
    }
    b.append("，参与积分管理党员").append(Zh.persons(s.membersParticipating()))
        .append("，参与率").append(Zh.pct(s.participationRate()));
    if (s.membersExempt() > 0) {
      b.append("；经批准未参加积分管理党员").append(Zh.persons(s.membersExempt()));
    }
    b.append("。");
    if (d.period().isYear()) {
      b.append("年度人数按党员全年最后一个季度所在党支部统计。");
    }
    return b.toString();
  }

  static String submissions(PackData d) {
    Stats s = d.overview();
    if (s.ledgersExpected() == null || s.ledgersExpected() == 0) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    if (d.period().isYear()) {
      b.append("全年已入库").append(d.period().quartersIngested()).append("个季度，应报送积分台账")
          .append(Zh.count(s.ledgersExpected())).append("份，按时报送").append(Zh.count(nz(s.ledgersOnTime())))
          .append("份，逾期报送").append(Zh.count(nz(s.ledgersLate()))).append("份，未报送")
          .append(Zh.count(nz(s.ledgersMissing()))).append("份，报送率").append(Zh.pct(s.submissionRate())).append("。");
    } else {
      b.append("本季度应报送积分台账的党支部").append(Zh.count(s.ledgersExpected())).append("个，按时报送")
          .append(Zh.count(nz(s.ledgersOnTime()))).append("个，逾期报送").append(Zh.count(nz(s.ledgersLate())))
          .append("个，未报送").append(Zh.count(nz(s.ledgersMissing()))).append("个，报送率")
          .append(Zh.pct(s.submissionRate())).append("。");
    }
    List<String> late = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (Gap g : d.gaps()) {
      String who = (d.period().isYear() ? Zh.quarterName(quarterOf(g.period())) : "") + g.branchName();
      if ("late".equals(g.status())) {
        late.add(who + (g.hoursLate() == null ? "" : "（逾期" + Zh.num(g.hoursLate(), 1) + "小时）"));
      } else if ("missing".equals(g.status())) {
        missing.add(who);
      }
    }
    if (!late.isEmpty()) {
      b.append("逾期报送的有：").append(Zh.enumerate(late)).append("。");
    }
    if (!missing.isEmpty()) {
      b.append("未报送的有：").append(Zh.enumerate(missing)).append("，其党员未计入当季统计，请督促尽快报送。");
    }
    if (late.isEmpty() && missing.isEmpty()) {
      b.append("各党支部均按时报送。");
    }
    return b.toString();
  }

  static String grades(PackData d) {
    Stats s = d.overview();
    StringBuilder b = new StringBuilder();
    if (s.membersGraded() > 0) {
      b.append("已评定等次党员").append(Zh.persons(s.membersGraded())).append("，平均分").append(Zh.mean(s.scoreMean()))
          .append("，中位数").append(Zh.mean(s.scoreMedian()))
          .append("，最高").append(Zh.score(s.scoreMax())).append("，最低").append(Zh.score(s.scoreMin())).append("。");
      List<String> parts = new ArrayList<>();
      for (String g : d.gradeNames()) {
        parts.add(g + Zh.persons(s.gradeCount(g)) + "（占" + Zh.pct(s.gradeShare(g)) + "）");
      }
      b.append("其中").append(String.join("，", parts)).append("。");
    } else if (d.period().isYear()) {
      b.append("年度积分结果须待全年四个季度台账全部入库后产生，目前已入库").append(d.period().quartersIngested())
          .append("个季度，本报告暂无年度等次。");
    } else {
      b.append("本期尚无已评定等次的党员。");
    }
    if (d.period().isYear() && s.membersIncomplete() > 0) {
      b.append("另有").append(Zh.persons(s.membersIncomplete())).append("因缺少民主评议结果暂未评定年度等次。");
    }
    return b.toString();
  }

  /** Changes against the previous quarter and the same period a year before (org_trend). */
  static List<String> changes(PackData d) {
    List<String> out = new ArrayList<>();
    Trend t = d.trend();
    if (t == null) {
      return out;
    }
    if (!d.period().isYear() && t.prevPeriod() != null) {
      out.add(change("上季度（" + Zh.periodLabel(t.prevPeriod()) + "）", t.scoreMeanChangeQoq(),
          t.participationRateChangeQoq(), t.gradeNames(), t.gradeSharesChangeQoq()));
    }
    if (t.lastYearPeriod() != null) {
      String against = d.period().isYear() ? "上年（" + Zh.periodLabel(t.lastYearPeriod()) + "）"
          : "上年同期（" + Zh.periodLabel(t.lastYearPeriod()) + "）";
      boolean any = t.scoreMeanChangeYoy() != null || t.participationRateChangeYoy() != null
          || t.gradeSharesChangeYoy() != null;
      if (any || d.period().isYear()) {
        out.add(change(against, t.scoreMeanChangeYoy(), t.participationRateChangeYoy(), t.gradeNames(),
            t.gradeSharesChangeYoy()));
      }
    }
    return out;
  }

  static String change(String against, BigDecimal mean, BigDecimal rate, List<String> grades, List<BigDecimal> shares) {
    List<String> parts = new ArrayList<>();
    if (mean != null) {
      parts.add("平均分" + Zh.meanChange(mean));
    }
    if (rate != null) {
      parts.add("参与率" + Zh.shareChange(rate));
    }
    if (shares != null && grades != null) {
      for (int i = 0; i < Math.min(grades.size(), shares.size()); i++) {
        if (shares.get(i) != null) {
          parts.add(grades.get(i) + "占比" + Zh.shareChange(shares.get(i)));
        }
      }
    }
    if (parts.isEmpty()) {
      return against + "无可比数据。";
    }
    return "与" + against + "相比，" + String.join("，", parts) + "。";
  }

  static String attention(PackData d) {
    if (d.flags().isEmpty()) {
      return "经数据监测，本期未发现积分评定存在异常信号的党支部。";
    }
    Map<String, List<Flag>> byBranch = new LinkedHashMap<>();
    for (Flag f : d.flags()) {
      byBranch.computeIfAbsent(f.branchCode(), k -> new ArrayList<>()).add(f);
    }
    List<String> items = new ArrayList<>();
    for (List<Flag> fs : byBranch.values()) {
      List<String> why = new ArrayList<>();
      for (Flag f : fs) {
        String q = !d.period().isYear() ? "" : f.period().contains("Q") ? Zh.quarterName(quarterOf(f.period())) : "全年";
        why.add(q + f.signalLabel() + "：" + signalPhrase(d, f));
      }
      items.add(fs.get(0).branchName() + "（" + String.join("；", why) + "）");
    }
    return "经数据监测，" + byBranch.size() + "个党支部的积分评定出现需关注的信号：" + String.join("；", items)
        + "。建议所属党(工)委逐一核实，防止“人情分”和评定走过场。";
  }

  /** What the signal measured, in words. */
  static String signalPhrase(PackData d, Flag f) {
    String top = d.gradeNames().isEmpty() ? "最高等次" : d.gradeNames().get(0);
    String v = f.value() == null ? null : f.value().toPlainString();
    if (f.value() == null) {
      return f.detail();
    }
    return switch (f.signal()) {
      case "excellent_share" -> top + "占比" + Zh.pct(f.value()) + "，全区为" + Zh.pct(f.baseline());
      case "no_deductions" -> (f.value().signum() == 0 ? f.membersGraded() + "名已评定党员均无扣分记录"
          : f.membersGraded() + "名已评定党员中有扣分记录的仅占" + Zh.pct(f.value()))
          + "，全区有扣分记录的党员占" + Zh.pct(f.baseline());
      case "low_spread" -> "得分标准差仅" + Zh.num(f.value(), 2) + "分，从全区随机抽取同样人数时标准差的中位数为"
          + Zh.num(f.baseline(), 2) + "分";
      case "boundary_bunching" -> "刚过等次分数线的党员占" + Zh.pct(f.value()) + "，全区为" + Zh.pct(f.baseline());
      case "self_score_equal" -> "自评分与评定分值相同的明细占" + Zh.pct(f.value());
      case "late_registration" -> "在季度最后几天集中登记的明细占" + Zh.pct(f.value());
      default -> f.detail() != null ? f.detail() : v;
    };
  }

  static String watchLists(PackData d) {
    Map<String, Long> counts = watchCounts(d);
    if (counts.isEmpty()) {
      return "本期各重点名单均无党员。";
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      parts.add(e.getKey() + Zh.persons(e.getValue()));
    }
    return "本期列入重点名单的党员：" + Zh.enumerate(parts) + "（名单见统计表“" + StatisticsWorkbook.SHEET_WATCH
        + "”工作表" + (d.restricted() ? "" : "，以匿名标识显示") + "）。";
  }

  /** Members per watch list label, in the lists' order. */
  static Map<String, Long> watchCounts(PackData d) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (WatchEntry w : d.watch()) {
      counts.merge(w.listLabel(), 1L, Long::sum);
    }
    return counts;
  }

  /** Highest and lowest mean and lowest participation among subordinates. */
  static String subordinates(PackData d) {
    List<Sub> graded = d.subordinates().stream().filter(s -> s.stats().membersGraded() > 0
        && s.stats().scoreMean() != null).toList();
    if (graded.isEmpty()) {
      return "各下属党组织本期尚无已评定等次的党员。";
    }
    Sub hi = graded.stream().max(Comparator.comparing((Sub s) -> s.stats().scoreMean())).orElseThrow();
    Sub lo = graded.stream().min(Comparator.comparing((Sub s) -> s.stats().scoreMean())).orElseThrow();
    StringBuilder b = new StringBuilder("从各下属党组织看，");
    if (graded.size() == 1) {
      b.append("仅").append(hi.org().name()).append("有已评定等次的党员，平均分").append(Zh.mean(hi.stats().scoreMean()));
    } else {
      b.append("平均分最高的是").append(hi.org().name()).append("（").append(Zh.mean(hi.stats().scoreMean()))
          .append("），最低的是").append(lo.org().name()).append("（").append(Zh.mean(lo.stats().scoreMean())).append("）");
    }
    Sub lowRate = d.subordinates().stream().filter(s -> s.stats().participationRate() != null)
        .min(Comparator.comparing((Sub s) -> s.stats().participationRate())).orElse(null);
    if (lowRate != null && d.subordinates().size() > 1) {
      b.append("；参与率最低的是").append(lowRate.org().name()).append("（")
          .append(Zh.pct(lowRate.stats().participationRate())).append("）");
    }
    List<String> empty = d.subordinates().stream().filter(s -> s.stats().membersTotal() == 0)
        .map(s -> s.org().name()).toList();
    if (!empty.isEmpty()) {
      b.append("；").append(Zh.enumerate(empty)).append("本期无已报送的党员数据");
    }
    return b.append("。").toString();
  }

  /** Where the scores lie (histogram, quartiles). */
  static String distribution(PackData d) {
    Stats s = d.overview();
    if (s.membersGraded() == 0) {
      return "本期尚无已评定等次党员的得分分布。";
    }
    List<Long> h = s.histogram();
    int mode = 0;
    long below60 = 0;
    for (int i = 0; i < h.size(); i++) {
      long n = h.get(i) == null ? 0 : h.get(i);
      if (n > (h.get(mode) == null ? 0 : h.get(mode))) {
        mode = i;
      }
      if (i < 12) {
        below60 += n;
      }
    }
    long modeCount = h.get(mode) == null ? 0 : h.get(mode);
    StringBuilder b = new StringBuilder("党员得分主要集中在").append(PackCharts.binLabel(mode + 1)).append("分段（")
        .append(Zh.persons(modeCount)).append("，占").append(Zh.pct(share(modeCount, s.membersGraded()))).append("）");
    if (s.scoreQ1() != null && s.scoreQ3() != null) {
      b.append("，半数党员得分在").append(Zh.mean(s.scoreQ1())).append("至").append(Zh.mean(s.scoreQ3())).append("之间");
    }
    b.append("；低于60分的党员").append(Zh.persons(below60)).append("。");
    return b.toString();
  }

  /** The quarters available, first to last. */
  static String trend(PackData d) {
    List<Stats> q = d.quarterSeries().stream().filter(s -> s.scoreMean() != null).toList();
    if (q.size() < 2) {
      return q.isEmpty() ? "暂无季度平均分数据。" : "目前只有" + Zh.periodLabel(q.get(0).period())
          + "一个季度的数据，变化趋势待后续季度入库后呈现。";
    }
    Stats a = q.get(0);
    Stats z = q.get(q.size() - 1);
    StringBuilder b = new StringBuilder("从").append(Zh.periodLabel(a.period())).append("到")
        .append(Zh.periodLabel(z.period())).append("的").append(q.size()).append("个季度中，平均分由")
        .append(Zh.mean(a.scoreMean())).append("变为").append(Zh.mean(z.scoreMean())).append("（")
        .append(Zh.meanChange(z.scoreMean().subtract(a.scoreMean()))).append("）");
    if (!d.gradeNames().isEmpty()) {
      String top = d.gradeNames().get(0);
      BigDecimal ta = a.gradeShare(top);
      BigDecimal tz = z.gradeShare(top);
      if (ta != null && tz != null && Objects.equals(a.gradeNames(), z.gradeNames())) {
        b.append("，").append(top).append("占比由").append(Zh.pct(ta)).append("变为").append(Zh.pct(tz));
      }
    }
    return b.append("。").toString();
  }

  /** Domains with the highest and lowest mean. */
  static String domains(PackData d) {
    List<Stats> ds = d.domains().stream().filter(s -> s.scoreMean() != null).toList();
    if (ds.isEmpty()) {
      return "本期暂无分领域的积分数据。";
    }
    if (ds.size() == 1) {
      return "本期党员均在" + ds.get(0).cutValue() + "领域，平均分" + Zh.mean(ds.get(0).scoreMean()) + "。";
    }
    Stats hi = ds.stream().max(Comparator.comparing(Stats::scoreMean)).orElseThrow();
    Stats lo = ds.stream().min(Comparator.comparing(Stats::scoreMean)).orElseThrow();
    return "分领域看，" + ds.size() + "个领域中平均分最高的是" + hi.cutValue() + "领域（" + Zh.mean(hi.scoreMean())
        + "），最低的是" + lo.cutValue() + "领域（" + Zh.mean(lo.scoreMean()) + "）。";
  }

  private static BigDecimal share(long part, long whole) {
    return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, java.math.RoundingMode.HALF_UP);
  }

  private static long nz(Long v) {
    return v == null ? 0 : v;
  }

  static int quarterOf(String period) {
    return Integer.parseInt(period.substring(period.indexOf('Q') + 1));
  }
}
