package org.jifen.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jifen.reports.PackData.Flag;
import org.jifen.reports.PackData.Gap;
import org.jifen.reports.PackData.Ranking;
import org.jifen.reports.PackData.Stats;
import org.jifen.reports.PackData.Sub;
import org.jifen.reports.PackData.Trend;
import org.jifen.reports.PackData.WatchEntry;

/**
 * The sentences of the analysis report, built from the figures (never placeholders). Leaders read
 * the prose, so every section states its finding and its size in two or three sentences, names at
 * most {@value #MAX_NAMED} cases (the most serious, with their figure) and points to the table or
 * figure that holds the rest; a list longer than {@value #MAX_LIST} items is never written into a
 * sentence. A sentence whose figures are missing is left out or says plainly that they are not
 * available.
 */
final class Narrative {
  /** Cases (branches) a section names: the most serious ones. */
  static final int MAX_NAMED = 3;
  /** The longest list a sentence may hold; longer lists stay in the tables. */
  static final int MAX_LIST = 5;

  private Narrative() {}

  /** The labels of the report's tables and figures by key ({@code 表3}, {@code 图2}); null when absent. */
  interface Refs {
    String of(String key);

    /** No exhibits: sentences without pointers. */
    Refs NONE = key -> null;
  }

  /** Keys of the report's tables ({@link PackCharts} file names are the figures' keys). */
  static final String T_SUBORDINATES = "table:subordinates";
  static final String T_RANKING = "table:ranking";
  static final String T_TREND = "table:trend";
  static final String T_DOMAINS = "table:domains";
  static final String T_GAPS = "table:gaps";
  static final String T_FLAGS = "table:flags";
  static final String T_WATCH = "table:watch";

  /** {@code 详见表1、图1}: the exhibits that exist, or "" when none does. */
  static String see(Refs refs, String... keys) {
    List<String> labels = new ArrayList<>();
    for (String k : keys) {
      String l = refs.of(k);
      if (l != null) {
        labels.add(l);
      }
    }
    return labels.isEmpty() ? "" : "详见" + Zh.enumerate(labels);
  }

  /** "详见表1、图1。" after a paragraph's last sentence, or nothing. */
  private static String seeSentence(Refs refs, String... keys) {
    String s = see(refs, keys);
    return s.isEmpty() ? "" : s + "。";
  }

  // ---- 主要问题 (page 1) ---------------------------------------------------------------------------

  /** The mark of a branch with a fired attention signal in tables and lists; {@link #MARK_LEGEND} explains it. */
  static final String MARK = "※";

  /** What {@link #MARK} means, for the note under a table or list that uses it. */
  static final String MARK_LEGEND =
      "※为本期积分评定出现需关注信号（可能存在“人情分”或走过场）的党支部，其排名和名单宜待核实后使用";

  /** The branch's name with {@link #MARK} when it has a fired signal in the pack's period. */
  static String marked(PackData d, String branchCode, String name) {
    return d.flagged(branchCode) ? name + MARK : name;
  }

  /** "；该支部出现需关注信号，见表6" after a flagged branch's figure in a sentence, or "". */
  static String flagNote(PackData d, String branchCode, Refs refs) {
    if (!d.flagged(branchCode)) {
      return "";
    }
    String table = refs.of(T_FLAGS);
    return "；该支部出现需关注信号" + (table == null ? "" : "，见" + table);
  }

  /**
   * The short 主要问题 block of page 1: the problems a leader must know before reading on, each
   * one numbered sentence with its size and where the rest is. Today: attention signals (with the
   * flagged branches at the top of the ranking and among the 优秀候选), 不合格 members and why,
   * ledgers not submitted or late. A further problem is one more {@code add} line here.
   */
  static List<String> keyProblems(PackData d, Refs refs) {
    List<String> out = new ArrayList<>();
    add(out, attentionProblem(d, refs));
    add(out, failProblem(d));
    add(out, submissionProblem(d, refs));
    if (out.isEmpty()) {
      return List.of("本期未发现需要特别关注的问题。");
    }
    List<String> numbered = new ArrayList<>();
    for (int i = 0; i < out.size(); i++) {
      numbered.add((i + 1) + "．" + out.get(i));
    }
    return numbered;
  }

  private static void add(List<String> out, String sentence) {
    if (sentence != null && !sentence.isEmpty()) {
      out.add(sentence);
    }
  }

  /** Flagged branches, those of them at the top of the ranking, and the 优秀候选 they account for. */
  static String attentionProblem(PackData d, Refs refs) {
    Map<String, List<String>> flagged = d.flaggedBranches();
    if (flagged.isEmpty()) {
      return null;
    }
    String see = see(refs, T_FLAGS);
    StringBuilder b = new StringBuilder().append(flagged.size()).append("个党支部的积分评定出现异常信号，可能存在“人情分”")
        .append(see.isEmpty() ? "" : "（" + see + "）");
    List<Ranking> top = d.rankings().stream()
        .filter(r -> r.rank() != null && r.rank() <= MAX_NAMED && flagged.containsKey(r.branchCode()))
        .limit(MAX_NAMED).toList();
    List<String> clauses = new ArrayList<>();
    if (top.size() == 1) {
      clauses.add(top.get(0).branchName() + "平均分排名第" + top.get(0).rank());
    } else if (top.size() > 1) {
      clauses.add(Zh.enumerate(top.stream().map(Ranking::branchName).toList()) + "平均分分列第"
          + Zh.enumerate(top.stream().map(r -> String.valueOf(r.rank())).toList()) + "名");
    }
    long excellent = d.watch().stream().filter(w -> "excellent".equals(w.list())).count();
    long fromFlagged = d.watch().stream()
        .filter(w -> "excellent".equals(w.list()) && flagged.containsKey(w.branchCode())).count();
    if (fromFlagged > 0) {
      clauses.add("优秀候选" + Zh.persons(excellent) + "中有" + Zh.persons(fromFlagged)
          + (flagged.size() == 1 ? "来自该党支部" : "来自这些党支部"));
    }
    if (!clauses.isEmpty()) {
      b.append("；其中").append(String.join("，", clauses));
    }
    return b.append("，表中以").append(MARK).append("标注，宜核实后使用。").toString();
  }

  /** 不合格 members and how many of them by veto, hard fail or zeroing (from the list's reasons). */
  static String failProblem(PackData d) {
    List<WatchEntry> fail = d.watch().stream().filter(w -> "fail".equals(w.list())).toList();
    if (fail.isEmpty()) {
      return null;
    }
    Map<String, Long> why = new LinkedHashMap<>();
    for (String kind : List.of("一票否决", "硬性不合格", "得分归零")) {
      long n = fail.stream().filter(w -> w.reason() != null && w.reason().contains(kind)).count();
      if (n > 0) {
        why.put(kind, n);
      }
    }
    StringBuilder b = new StringBuilder("不合格党员").append(Zh.persons(fail.size()));
    if (!why.isEmpty()) {
      List<String> parts = new ArrayList<>();
      why.forEach((k, n) -> parts.add(k + Zh.persons(n)));
      b.append("，其中").append(Zh.enumerate(parts));
    }
    return b.append("，逐人原因见统计表“").append(StatisticsWorkbook.SHEET_WATCH).append("”工作表。").toString();
  }

  /** Ledgers not submitted (their members are not counted) and late. */
  static String submissionProblem(PackData d, Refs refs) {
    Stats s = d.overview();
    long late = nz(s.ledgersLate());
    // as section 四 counts them: a ledger whose files were all rejected is 报送被退回, not 未报送
    long returned = d.gaps().stream().filter(g -> "returned".equals(g.status())).count();
    long missing = nz(s.ledgersMissing()) - returned;
    if (missing <= 0 && returned == 0 && late == 0) {
      return null;
    }
    boolean year = d.period().isYear();
    List<String> parts = new ArrayList<>();
    if (missing > 0) {
      parts.add(year ? "未报送台账" + missing + "份" : missing + "个党支部未报送台账");
    }
    if (returned > 0) {
      parts.add(year ? "报送被退回" + returned + "份" : returned + "个党支部报送被退回");
    }
    if (late > 0) {
      parts.add(year ? "逾期报送" + late + "份" : late + "个逾期报送");
    }
    String see = see(refs, T_GAPS);
    return (year ? "全年" : "本季度") + String.join("、", parts) + (see.isEmpty() ? "" : "（" + see + "）") + "。";
  }

  // ---- 一、总体情况 ------------------------------------------------------------------------------

  /** The overview: members and grades, then the changes against earlier periods. */
  static List<String> overview(PackData d) {
    List<String> out = new ArrayList<>();
    String first = members(d) + grades(d);
    String changes = String.join("", changes(d));
    // "上年无可比数据。" is no paragraph of its own.
    if (changes.length() <= 30) {
      out.add(first + changes);
    } else {
      out.add(first);
      out.add(changes);
    }
    return out;
  }

  static String members(PackData d) {
    Stats s = d.overview();
    String head = d.period().label() + "，" + d.unit().name();
    if (s.membersTotal() == 0) {
      return head + "尚无已报送积分台账的党员数据。";
    }
    // The exempt members are the difference; the tables and the appendix give them.
    StringBuilder b = new StringBuilder(head).append("共有党员").append(Zh.persons(s.membersTotal()));
    if (s.membersProbationary() > 0) {
      b.append("（其中预备党员").append(Zh.persons(s.membersProbationary())).append("）");
    }
    return b.append("，参与积分管理党员").append(Zh.persons(s.membersParticipating()))
        .append("，参与率").append(Zh.pct(s.participationRate())).append("。").toString();
  }

  static String grades(PackData d) {
    Stats s = d.overview();
    StringBuilder b = new StringBuilder();
    if (s.membersGraded() > 0) {
      b.append("已评定等次党员").append(Zh.persons(s.membersGraded())).append("，平均分").append(Zh.mean(s.scoreMean()))
          .append("，中位数").append(Zh.mean(s.scoreMedian()));
      List<String> names = d.gradeNames();
      List<String> shown = names.size() <= MAX_LIST ? names
          : List.of(names.get(0), names.get(names.size() - 1));
      List<String> parts = new ArrayList<>();
      for (String g : shown) {
        parts.add(g + Zh.persons(s.gradeCount(g)) + "（占" + Zh.pct(s.gradeShare(g)) + "）");
      }
      if (!parts.isEmpty()) {
        b.append("，其中").append(String.join("、", parts));
      }
      b.append("。");
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
    // The periods compared are in the trend table; the sentence only says "the previous quarter".
    if (!d.period().isYear() && t.prevPeriod() != null) {
      out.add(change("上季度", t.scoreMeanChangeQoq(), t.participationRateChangeQoq(), t.gradeNames(),
          t.gradeSharesChangeQoq()) + likeForLike("两个季度", t.scoreMeanChangeQoq(), t.scoreMeanChangeQoqLfl(),
          t.leftOutQoq(), branchNames(d)));
    }
    if (t.lastYearPeriod() != null) {
      String against = d.period().isYear() ? "上年（" + Zh.periodLabel(t.lastYearPeriod()) + "）" : "上年同期";
      boolean any = t.scoreMeanChangeYoy() != null || t.participationRateChangeYoy() != null
          || t.gradeSharesChangeYoy() != null;
      if (any || d.period().isYear()) {
        out.add(change(against, t.scoreMeanChangeYoy(), t.participationRateChangeYoy(), t.gradeNames(),
            t.gradeSharesChangeYoy()) + likeForLike("两个时期", t.scoreMeanChangeYoy(), t.scoreMeanChangeYoyLfl(),
            t.leftOutYoy(), branchNames(d)));
      }
    }
    return out;
  }

  /**
   * The like-for-like mean change when the plain one includes branches graded in one period only:
   * names them and gives the change over the branches graded in both; empty when nothing is left out.
   */
  static String likeForLike(String both, BigDecimal plain, BigDecimal lfl, List<String> leftOut,
      Map<String, String> names) {
    if (plain == null || lfl == null || leftOut == null || leftOut.isEmpty()) {
      return "";
    }
    List<String> shown = leftOut.stream().map(c -> names.getOrDefault(c, c)).toList();
    String who = shown.size() <= 3 ? String.join("、", shown)
        : String.join("、", shown.subList(0, 3)) + "等" + shown.size() + "个党支部";
    return "其中" + who + "仅一期有评定结果；只比较" + both + "均有评定结果的党支部，平均分" + Zh.meanChange(lfl) + "。";
  }

  /** Branch names by code, from the pack's rankings and submission gaps. */
  private static Map<String, String> branchNames(PackData d) {
    Map<String, String> names = new java.util.HashMap<>();
    d.rankings().forEach(r -> names.putIfAbsent(r.branchCode(), r.branchName()));
    d.gaps().forEach(g -> names.putIfAbsent(g.branchCode(), g.branchName()));
    return names;
  }

  /** Mean, participation and the shares of the top and bottom grades: the full table has the rest. */
  static String change(String against, BigDecimal mean, BigDecimal rate, List<String> grades, List<BigDecimal> shares) {
    List<String> parts = new ArrayList<>();
    if (mean != null) {
      parts.add("平均分" + Zh.meanChange(mean));
    }
    if (rate != null) {
      parts.add("参与率" + Zh.shareChange(rate));
    }
    if (shares != null && grades != null && !grades.isEmpty()) {
      int n = Math.min(grades.size(), shares.size());
      List<Integer> idx = n <= 1 ? List.of(0) : List.of(0, n - 1);
      for (int i : idx) {
        if (i < n && shares.get(i) != null) {
          parts.add(grades.get(i) + "占比" + Zh.shareChange(shares.get(i)));
        }
      }
    }
    if (parts.isEmpty()) {
      return against + "无可比数据。";
    }
    return "与" + against + "相比，" + String.join("，", parts) + "。";
  }

  // ---- 二、各下属党组织和党支部 ----------------------------------------------------------------------

  /** Highest and lowest mean and lowest participation among subordinates; the branch ranking's ends. */
  static List<String> subordinates(PackData d, Refs refs) {
    List<String> out = new ArrayList<>();
    String see = seeSentence(refs, T_SUBORDINATES, PackCharts.GRADES_BY_SUBORDINATE, PackCharts.PARTICIPATION);
    List<Sub> graded = d.subordinates().stream().filter(s -> s.stats().membersGraded() > 0
        && s.stats().scoreMean() != null).toList();
    if (graded.isEmpty()) {
      out.add("各下属党组织本期尚无已评定等次的党员。" + see);
    } else {
      Sub hi = graded.stream().max(Comparator.comparing((Sub s) -> s.stats().scoreMean())).orElseThrow();
      Sub lo = graded.stream().min(Comparator.comparing((Sub s) -> s.stats().scoreMean())).orElseThrow();
      StringBuilder b = new StringBuilder("从").append(d.subordinates().size()).append("个下属党组织看，");
      if (graded.size() == 1) {
        b.append("仅").append(hi.org().name()).append("有已评定等次的党员，平均分").append(Zh.mean(hi.stats().scoreMean()));
        String note = flagNote(d, hi.org().code(), refs);
        b.append(note.isEmpty() ? "" : "（" + note.substring(1) + "）");
      } else {
        b.append("平均分最高的是").append(hi.org().name()).append("（").append(Zh.mean(hi.stats().scoreMean()))
            .append(flagNote(d, hi.org().code(), refs)).append("），最低的是").append(lo.org().name()).append("（")
            .append(Zh.mean(lo.stats().scoreMean())).append(flagNote(d, lo.org().code(), refs)).append("）");
      }
      Sub lowRate = d.subordinates().stream().filter(s -> s.stats().participationRate() != null)
          .min(Comparator.comparing((Sub s) -> s.stats().participationRate())).orElse(null);
      if (lowRate != null && d.subordinates().size() > 1) {
        b.append("；参与率最低的是").append(lowRate.org().name()).append("（")
            .append(Zh.pct(lowRate.stats().participationRate())).append("）");
      }
      List<String> empty = d.subordinates().stream().filter(s -> s.stats().membersTotal() == 0)
          .map(s -> s.org().name()).toList();
      long notSubmitted = d.subordinates().stream().filter(s -> s.stats().membersTotal() == 0
          && PackCharts.submittedNothing(s.stats())).count();
      if (!empty.isEmpty()) {
        b.append("；");
        java.util.Set<String> returned = PackCharts.returnedOnly(d);
        boolean allReturned = d.subordinates().stream().filter(s -> s.stats().membersTotal() == 0)
            .allMatch(s -> returned.contains(s.org().code()));
        String why = notSubmitted != empty.size() ? "本期无已报送的党员数据"
            : allReturned ? "本期报送的台账被退回" : "本期未报送台账";
        if (empty.size() <= 2) {
          b.append(Zh.enumerate(empty)).append(why);
        } else {
          b.append(empty.size()).append("个下属党组织").append(why);
        }
      }
      out.add(b.append("。").append(see).toString());
    }
    String ranking = ranking(d, refs);
    if (ranking != null) {
      out.add(ranking);
    }
    return out;
  }

  /** The branch ranking in one sentence: how many, the first and the last. */
  static String ranking(PackData d, Refs refs) {
    List<Ranking> ranked = d.rankings().stream().filter(r -> r.rank() != null).toList();
    if (ranked.isEmpty()) {
      return "本期没有可排名的党支部（党支部须有已评定等次的党员）。";
    }
    String scope = d.unit().depth() == 0 ? "全区" : "本单位";
    Ranking first = ranked.get(0);
    Ranking last = ranked.get(ranked.size() - 1);
    StringBuilder b = new StringBuilder(scope).append(ranked.size()).append("个党支部按平均分排名");
    if (ranked.size() == 1) {
      b.append("，仅").append(first.branchName()).append("（").append(Zh.mean(first.scoreMean()))
          .append(flagNote(d, first.branchCode(), refs)).append("）");
    } else {
      b.append("，第一名").append(first.branchName()).append("（").append(Zh.mean(first.scoreMean()))
          .append(flagNote(d, first.branchCode(), refs)).append("），末位").append(last.branchName()).append("（")
          .append(Zh.mean(last.scoreMean())).append(flagNote(d, last.branchCode(), refs)).append("）");
    }
    b.append("。");
    String table = refs.of(T_RANKING);
    if (table != null && ranked.size() > AnalysisReport.RANKING_FULL_MAX) {
      b.append("前5名和后5名见").append(table).append("，完整排名见统计表“").append(StatisticsWorkbook.SHEET_RANKING)
          .append("”。");
    } else if (table != null) {
      b.append("详见").append(table).append("。");
    }
    return b.toString();
  }

  // ---- 三、得分分布、变化趋势和领域 ---------------------------------------------------------------------

  /** The distribution and the quarters' trend in one paragraph, pointing to their exhibits once. */
  static String distributionAndTrend(PackData d, Refs refs) {
    return distribution(d, Refs.NONE) + trend(d, Refs.NONE)
        + seeSentence(refs, PackCharts.SCORE_HISTOGRAM, T_TREND, PackCharts.TREND_MEAN, PackCharts.TREND_SHARES);
  }

  /** Where the scores lie (histogram, quartiles). */
  static String distribution(PackData d, Refs refs) {
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
    long modeCount = h.isEmpty() || h.get(mode) == null ? 0 : h.get(mode);
    StringBuilder b = new StringBuilder("党员得分主要集中在").append(PackCharts.binLabel(mode + 1)).append("分段（")
        .append(Zh.persons(modeCount)).append("，占").append(Zh.pct(share(modeCount, s.membersGraded()))).append("）");
    if (s.scoreQ1() != null && s.scoreQ3() != null) {
      b.append("，半数党员得分在").append(Zh.mean(s.scoreQ1())).append("至").append(Zh.mean(s.scoreQ3())).append("之间");
    }
    b.append(below60 == 0 ? "；没有低于60分的党员。" : "；低于60分的党员" + Zh.persons(below60) + "。");
    return b.append(seeSentence(refs, PackCharts.SCORE_HISTOGRAM)).toString();
  }

  /** The quarters available, first to last. */
  static String trend(PackData d, Refs refs) {
    String see = seeSentence(refs, T_TREND, PackCharts.TREND_MEAN, PackCharts.TREND_SHARES);
    List<Stats> q = d.quarterSeries().stream().filter(s -> s.scoreMean() != null).toList();
    if (q.size() < 2) {
      return q.isEmpty() ? "暂无季度平均分数据。" : "目前只有" + Zh.periodLabel(q.get(0).period())
          + "一个季度的数据，变化趋势待后续季度入库后呈现。" + see;
    }
    Stats a = q.get(0);
    Stats z = q.get(q.size() - 1);
    String span = a.period().substring(0, 4).equals(z.period().substring(0, 4))
        ? a.period().substring(0, 4) + "年" + Zh.quarterName(quarterOf(a.period())).substring(1, 2)
            + (q.size() == 2 ? "、" : "至") + Zh.quarterName(quarterOf(z.period())).substring(1, 2) + "季度"
        : "从" + Zh.periodLabel(a.period()) + "到" + Zh.periodLabel(z.period()) + "的" + q.size() + "个季度中";
    StringBuilder b = new StringBuilder(span).append("，平均分由")
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
    return b.append("。").append(see).toString();
  }

  /** Domains with the highest and lowest mean. */
  static String domains(PackData d, Refs refs) {
    String see = seeSentence(refs, T_DOMAINS, PackCharts.DOMAINS);
    List<Stats> ds = d.domains().stream().filter(s -> s.scoreMean() != null).toList();
    if (ds.isEmpty()) {
      return "本期暂无分领域的积分数据。";
    }
    if (ds.size() == 1) {
      return "本期党员均在" + ds.get(0).cutValue() + "领域，平均分" + Zh.mean(ds.get(0).scoreMean()) + "。" + see;
    }
    Stats hi = ds.stream().max(Comparator.comparing(Stats::scoreMean)).orElseThrow();
    Stats lo = ds.stream().min(Comparator.comparing(Stats::scoreMean)).orElseThrow();
    return "分领域看，" + ds.size() + "个领域中平均分最高的是" + hi.cutValue() + "领域（" + Zh.mean(hi.scoreMean())
        + "），最低的是" + lo.cutValue() + "领域（" + Zh.mean(lo.scoreMean()) + "）。" + see;
  }

  // ---- 四、台账报送情况 -------------------------------------------------------------------------

  /**
   * Submissions: the counts, the branches that did not submit (those missing most quarters first)
   * and the latest ledgers (most hours late first), at most {@value #MAX_NAMED} of each by name.
   * When both would name more than {@value #MAX_LIST} branches in one paragraph they get one each.
   */
  static List<String> submissions(PackData d, Refs refs) {
    Stats s = d.overview();
    List<String> out = new ArrayList<>();
    if (s.ledgersExpected() == null || s.ledgersExpected() == 0) {
      out.add("本期无应报送的积分台账。");
      return out;
    }
    boolean year = d.period().isYear();
    // 报送被退回 (files received, all rejected whole) is counted in ledgers_missing but said apart.
    long returnedCount = d.gaps().stream().filter(g -> "returned".equals(g.status())).count();
    long missingOnly = nz(s.ledgersMissing()) - returnedCount;
    String unit = year ? "份" : "个";
    String notSubmitted = (missingOnly > 0 || returnedCount == 0 ? "，未报送" + Zh.count(missingOnly) + unit : "")
        + (returnedCount == 0 ? "" : "，报送被退回" + Zh.count(returnedCount) + unit);
    StringBuilder counts = new StringBuilder();
    if (year) {
      counts.append(d.period().quartersIngested() < 4 ? "已入库的" + d.period().quartersIngested() + "个季度" : "全年")
          .append("应报送积分台账")
          .append(Zh.count(s.ledgersExpected())).append("份，按时报送").append(Zh.count(nz(s.ledgersOnTime())))
          .append("份，逾期报送").append(Zh.count(nz(s.ledgersLate()))).append("份").append(notSubmitted).append("，报送率")
          .append(Zh.pct(s.submissionRate())).append("。");
    } else {
      counts.append("本季度应报送积分台账的党支部").append(Zh.count(s.ledgersExpected())).append("个，按时报送")
          .append(Zh.count(nz(s.ledgersOnTime()))).append("个，逾期报送").append(Zh.count(nz(s.ledgersLate())))
          .append("个").append(notSubmitted).append("，报送率")
          .append(Zh.pct(s.submissionRate())).append("。");
    }
    List<Gap> late = d.gaps().stream().filter(g -> "late".equals(g.status()))
        .sorted(Comparator.comparing(Gap::hoursLate, Comparator.nullsLast(Comparator.reverseOrder()))).toList();
    // Branches that did not submit, those that missed most quarters first (then in the department's order).
    Map<String, List<Gap>> missing = new LinkedHashMap<>();
    for (Gap g : d.gaps()) {
      if ("missing".equals(g.status())) {
        missing.computeIfAbsent(g.branchCode(), k -> new ArrayList<>()).add(g);
      }
    }
    List<List<Gap>> missingByBranch = new ArrayList<>(missing.values());
    missingByBranch.sort(Comparator.comparingInt((List<Gap> l) -> -l.size()));
    Map<String, List<Gap>> returned = new LinkedHashMap<>();
    for (Gap g : d.gaps()) {
      if ("returned".equals(g.status())) {
        returned.computeIfAbsent(g.branchCode(), k -> new ArrayList<>()).add(g);
      }
    }
    String returnedText = "";
    if (!returned.isEmpty()) {
      List<String> names = new ArrayList<>();
      for (List<Gap> l : returned.values().stream().limit(MAX_NAMED).toList()) {
        names.add(l.get(0).branchName() + (year ? "（" + quarterList(l) + "）" : ""));
      }
      returnedText = "报送被退回（所报文件均被整份退回）的是" + Zh.enumerate(names)
          + (returned.size() > MAX_NAMED ? "等" + returned.size() + "个党支部" : "")
          + (year ? "，其党员未计入当季统计。" : "，其党员未计入本季度统计。");
    }
    String see = seeSentence(refs, T_GAPS);
    if (late.isEmpty() && missing.isEmpty() && returned.isEmpty()) {
      out.add(counts.append("各党支部均按时报送。").toString());
      return out;
    }
    String missingText = null;
    int missingNamed = 0;
    if (!missing.isEmpty()) {
      long ledgers = missingByBranch.stream().mapToLong(List::size).sum();
      StringBuilder b = new StringBuilder();
      List<String> names = new ArrayList<>();
      for (List<Gap> l : missingByBranch.subList(0, Math.min(MAX_NAMED, missingByBranch.size()))) {
        // The quarters are in the table; a branch that missed more than one is said so.
        names.add(l.get(0).branchName() + (year && l.size() > 1 ? "（" + quarterList(l) + "）" : ""));
      }
      missingNamed = names.size();
      if (year) {
        b.append("未报送的").append(ledgers).append("份台账涉及").append(missing.size()).append("个党支部，");
        boolean uneven = missingByBranch.get(0).size() > missingByBranch.get(missingByBranch.size() - 1).size();
        if (missing.size() == 1) {
          b.append("即").append(names.get(0));
        } else if (missing.size() <= MAX_NAMED) {
          b.append("分别是").append(Zh.enumerate(names));
        } else if (uneven) {
          b.append("缺报最多的是").append(Zh.enumerate(names));
        } else {
          b.append("包括").append(Zh.enumerate(names)).append("等");
        }
        b.append("，其党员未计入当季统计");
      } else {
        b.append(missing.size() <= MAX_NAMED ? "未报送的是" + Zh.enumerate(names)
            : "未报送的" + missing.size() + "个党支部中有" + Zh.enumerate(names) + "等");
        b.append("，其党员未计入本季度统计");
      }
      missingText = b.append("。").toString();
    }
    String lateText = null;
    int lateNamed = 0;
    if (!late.isEmpty()) {
      List<String> names = new ArrayList<>();
      for (Gap g : late.subList(0, Math.min(MAX_NAMED, late.size()))) {
        names.add(g.branchName() + (g.hoursLate() == null ? "" : "（逾期" + Zh.num(g.hoursLate(), 1) + "小时）"));
      }
      lateNamed = names.size();
      lateText = (late.size() <= MAX_NAMED ? "逾期报送的是" : "逾期最久的是") + Zh.enumerate(names) + "。";
    }
    String urge = "请所属党(工)委督促按时报送。" + see;
    if (missingNamed + lateNamed <= MAX_LIST) {
      out.add(counts + (missingText == null ? "" : missingText) + returnedText + (lateText == null ? "" : lateText)
          + urge);
    } else {
      out.add(counts + (missingText == null ? "" : missingText) + returnedText);
      out.add((lateText == null ? "" : lateText) + urge);
    }
    return out;
  }

  /** 第二、三季度 (or 全年) for the quarters of a branch's gaps. */
  private static String quarterList(List<Gap> gaps) {
    if (gaps.size() == 4) {
      return "全年";
    }
    return "第" + String.join("、", gaps.stream().map(g -> Zh.quarterName(quarterOf(g.period())).substring(1, 2))
        .toList()) + "季度";
  }

  // ---- 五、需关注的党支部 -----------------------------------------------------------------------

  /**
   * Attention signals: how many branches, which signals, the {@value #MAX_NAMED} most serious
   * branches by name with their figure ({@link #MOST_SERIOUS}), and the table.
   */
  static String attention(PackData d, Refs refs) {
    List<Flag> flags = d.flags();
    if (flags.isEmpty()) {
      return "数据监测从优秀占比、扣分情况、得分离散程度、等次线附近聚集、自评分与评定分一致、季末集中登记等方面测算各党支部的"
          + "积分评定，本期未发现出现异常信号的党支部。";
    }
    long branches = flags.stream().map(Flag::branchCode).distinct().count();
    // Branches per signal, most frequent first.
    Map<String, java.util.Set<String>> bySignal = new LinkedHashMap<>();
    for (Flag f : flags) {
      bySignal.computeIfAbsent(f.signalLabel(), k -> new java.util.LinkedHashSet<>()).add(f.branchCode());
    }
    List<Map.Entry<String, java.util.Set<String>>> signals = new ArrayList<>(bySignal.entrySet());
    // Equally frequent signals in the order docs/mart.md lists them.
    Map<String, Integer> canonical = new LinkedHashMap<>();
    for (Flag f : flags) {
      canonical.putIfAbsent(f.signalLabel(), signalRank(f.signal()));
    }
    signals.sort(Comparator.comparingInt((Map.Entry<String, java.util.Set<String>> e) -> -e.getValue().size())
        .thenComparingInt(e -> canonical.get(e.getKey())));
    List<String> signalParts = new ArrayList<>();
    for (var e : signals.subList(0, Math.min(MAX_NAMED, signals.size()))) {
      signalParts.add(e.getKey() + "（" + e.getValue().size() + "个）");
    }
    // One item per branch and signal, as the table has one row each; a year's quarters are counted apart.
    long items = flags.stream().map(f -> f.branchCode() + "|" + f.signal()).distinct().count();
    StringBuilder b = new StringBuilder(d.period().isYear() ? "全年" : "本期")
        .append(branches).append("个党支部出现需关注的信号").append(items).append("项");
    if (flags.size() > items) {
      b.append("（各季度和全年共出现").append(flags.size()).append("次）");
    }
    b.append("，");
    if (signals.size() == 1) {
      b.append("均为").append(signals.get(0).getKey());
    } else if (signals.size() <= MAX_NAMED) {
      b.append("涉及").append(Zh.enumerate(signalParts));
    } else {
      b.append("主要是").append(Zh.enumerate(signalParts)).append("等").append(signals.size()).append("类");
    }
    b.append("。");
    List<Flag> serious = mostSerious(flags, MAX_NAMED);
    List<String> cases = new ArrayList<>();
    for (Flag f : serious) {
      String q = d.period().isYear() ? when(f) : "";
      cases.add(f.branchName() + "（" + q + figure(d, f) + chance(f) + "）");
    }
    b.append(branches <= MAX_NAMED ? "具体是" : "最突出的是").append(Zh.enumerate(cases)).append("。");
    b.append("建议所属党(工)委逐一核实，防止“人情分”和评定走过场。").append(seeSentence(refs, T_FLAGS));
    return b.toString();
  }

  /** The signals in the order docs/mart.md lists them; unknown ones after. */
  static final List<String> SIGNAL_ORDER = List.of("excellent_share", "no_deductions", "low_spread",
      "boundary_bunching", "self_score_equal", "late_registration");

  static int signalRank(String signal) {
    int i = SIGNAL_ORDER.indexOf(signal);
    return i < 0 ? SIGNAL_ORDER.size() : i;
  }

  /**
   * Most serious first: the smallest p-value when the mart has one (flags without it after those
   * with it), then how far the measured value passes the threshold ({@link #excess(Flag)}), then
   * the larger branch, then quarter and branch code.
   */
  static final Comparator<Flag> MOST_SERIOUS = Comparator
      .comparing(Flag::pValue, Comparator.nullsLast(Comparator.naturalOrder()))
      .thenComparing(Narrative::excess, Comparator.reverseOrder())
      .thenComparing(Flag::membersGraded, Comparator.reverseOrder())
      .thenComparing(Flag::period)
      .thenComparing(Flag::branchCode);

  /** The most serious flag of each of the {@code n} most serious branches. */
  static List<Flag> mostSerious(List<Flag> flags, int n) {
    List<Flag> sorted = flags.stream().sorted(MOST_SERIOUS).toList();
    Map<String, Flag> firstPerBranch = new LinkedHashMap<>();
    for (Flag f : sorted) {
      if (firstPerBranch.size() >= n) {
        break;
      }
      firstPerBranch.putIfAbsent(f.branchCode(), f);
    }
    return List.copyOf(firstPerBranch.values());
  }

  /**
   * How far a fired signal passes its threshold, comparable across signals: shares above the
   * threshold in share points; for the spread (which fires at or below its threshold) the part of
   * the threshold it falls short by; for "nobody has a deduction" (threshold 0) the district's share
   * of members with one.
   */
  static BigDecimal excess(Flag f) {
    if (f.value() == null || f.threshold() == null) {
      return BigDecimal.ZERO;
    }
    return switch (f.signal()) {
      case "low_spread" -> f.threshold().signum() == 0 ? BigDecimal.ZERO
          : f.threshold().subtract(f.value()).divide(f.threshold(), 4, RoundingMode.HALF_UP);
      case "no_deductions" -> f.baseline() == null ? BigDecimal.ZERO : f.baseline().subtract(f.value());
      default -> f.value().subtract(f.threshold());
    };
  }

  /** "，偶然出现的概率不足千分之一" when the mart has a p-value (the wording of {@link Zh#chance}). */
  static String chance(Flag f) {
    String c = Zh.chance(f.pValue());
    return c == null ? "" : "，偶然出现的概率" + c;
  }

  /** The measured figure of a fired signal against the district, short enough for a sentence. */
  static String figure(PackData d, Flag f) {
    String top = d.gradeNames().isEmpty() ? "最高等次" : d.gradeNames().get(0);
    if (f.value() == null) {
      return f.detail() == null ? "" : f.detail();
    }
    return switch (f.signal()) {
      case "excellent_share" -> top + "占" + Zh.pct(f.value()) + "，全区" + Zh.pct(f.baseline());
      case "no_deductions" -> (f.value().signum() == 0 ? f.membersGraded() + "名党员均无扣分"
          : f.membersGraded() + "名党员中有扣分的仅占" + Zh.pct(f.value())) + "，全区有扣分的占" + Zh.pct(f.baseline());
      case "low_spread" -> "得分标准差" + Zh.num(f.value(), 2) + "分，同规模随机支部中位数" + Zh.num(f.baseline(), 2) + "分";
      case "boundary_bunching" -> "刚过等次线的占" + Zh.pct(f.value()) + "，全区" + Zh.pct(f.baseline());
      case "self_score_equal" -> "自评分与评定分相同的占" + Zh.pct(f.value());
      case "late_registration" -> "季末集中登记的占" + Zh.pct(f.value());
      default -> f.detail() != null ? f.detail() : f.value().toPlainString();
    };
  }

  /** What the signal measured, in words (the table's explanation). */
  static String signalPhrase(PackData d, Flag f) {
    String top = d.gradeNames().isEmpty() ? "最高等次" : d.gradeNames().get(0);
    if (f.value() == null) {
      return f.detail() == null ? "" : f.detail();
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
      default -> f.detail() != null ? f.detail() : f.value().toPlainString();
    };
  }

  // ---- 六、重点名单 -----------------------------------------------------------------------------

  static String watchLists(PackData d, Refs refs) {
    Map<String, Long> counts = watchCounts(d);
    if (counts.isEmpty()) {
      return "本期各重点名单均无党员。";
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      parts.add(e.getKey() + Zh.persons(e.getValue()));
    }
    String see = see(refs, T_WATCH);
    return "本期列入重点名单的党员：" + Zh.enumerate(parts) + "（" + (see.isEmpty() ? "" : see + "；")
        + (d.restricted() ? "含姓名的名单" : "名单") + "见统计表“" + StatisticsWorkbook.SHEET_WATCH
        + "”工作表" + (d.restricted() ? "" : "，党员以代号显示") + "）。";
  }

  /** Members per watch list label, in the lists' order. */
  static Map<String, Long> watchCounts(PackData d) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (WatchEntry w : d.watch()) {
      counts.merge(w.listLabel(), 1L, Long::sum);
    }
    return counts;
  }

  private static BigDecimal share(long part, long whole) {
    return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
  }

  private static long nz(Long v) {
    return v == null ? 0 : v;
  }

  /**
   * The periods a branch's signal fired in, as the year's flag table lists them: its quarters
   * ({@code 第二季度}, {@code 第一、三季度}, {@code 第一至四季度}) and {@code 全年} for the year's own
   * figures, on a line of its own; every period {@link #when(Flag)} can name for one of them.
   */
  static String periods(List<Flag> flags) {
    List<Integer> q = flags.stream().filter(f -> f.period().contains("Q")).map(f -> quarterOf(f.period()))
        .distinct().sorted().toList();
    List<String> parts = new ArrayList<>();
    if (!q.isEmpty()) {
      boolean run = q.size() > 2 && q.get(q.size() - 1) - q.get(0) == q.size() - 1;
      parts.add(run ? "第" + quarterDigit(q.get(0)) + "至" + quarterDigit(q.get(q.size() - 1)) + "季度"
          : "第" + String.join("、", q.stream().map(Narrative::quarterDigit).toList()) + "季度");
    }
    if (flags.stream().anyMatch(f -> !f.period().contains("Q"))) {
      parts.add("全年");
    }
    return String.join("\n", parts);
  }

  private static String quarterDigit(int quarter) {
    return Zh.quarterName(quarter).substring(1, 2);
  }

  /** 第一季度 … 第四季度 for a quarter's flag, 全年 for a flag of the year's own figures. */
  static String when(Flag f) {
    return f.period().contains("Q") ? Zh.quarterName(quarterOf(f.period())) : "全年";
  }

  static int quarterOf(String period) {
    return Integer.parseInt(period.substring(period.indexOf('Q') + 1));
  }
}
