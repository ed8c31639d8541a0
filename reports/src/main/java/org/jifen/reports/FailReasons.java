package org.jifen.reports;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jifen.reports.Mart.Rec;
import org.jifen.reports.PackData.Period;
import org.jifen.reports.PackData.WatchEntry;

/**
 * Why a member is on the 不合格 (or 不合格党员处置) list, in Chinese for leaders: a veto (一票否决)
 * and its item, a hard fail (硬性不合格) or a zeroing (得分归零) and its item, or a low score. The
 * mart's {@code watch_lists.reason} is used when it already says why; a bare reason ("不合格 0.0",
 * older marts) is replaced by one derived from {@code member_quarter} / {@code member_year} (the
 * veto, hard-fail and zeroing flags) and {@code member_score_lines} (the flag items' entries, with
 * the quarter they were registered in). Without those relations the bare reason stays.
 */
final class FailReasons {
  private FailReasons() {}

  /** The lists whose reason says why the member failed. */
  static final List<String> LISTS = List.of("fail", "disposal");

  /** A reason that gives only the grade and the score: "不合格 0.0", "年度 0.0 不合格，列入不合格党员处置". */
  private static final Pattern BARE =
      Pattern.compile("(年度 )?([^ ]+ )?-?[0-9.]+( [^ ，]+)?(，列入不合格党员处置)?");

  /** True when the mart's reason does not say why (null, or only grade and score). */
  static boolean bare(String reason) {
    return reason == null || reason.isBlank() || BARE.matcher(reason.strip()).matches();
  }

  /** One entry of a flag item (veto, hard fail, zeroing) of the member, in the quarter it was registered. */
  record FlagItem(String period, String code, String name) {}

  /** What the scoring recorded for the member in the period: its flags and their items. */
  record Facts(boolean veto, boolean hardFail, boolean zeroed, List<FlagItem> items) {}

  /**
   * The reason for a member of the lowest grade: the flag that decided it (veto first, then hard
   * fail, then zeroing) with its items ("一票否决：V12 被立案审查或处于处分期（第二季度）"), or the
   * score ("得分52.0分，处于不合格等次分数段"). {@code year} adds the quarter of each item.
   */
  static String reason(Facts f, BigDecimal score, String grade, boolean year) {
    String items = f == null ? "" : items(f.items(), year);
    if (f != null && f.veto()) {
      return "一票否决" + (items.isEmpty() ? "" : "：" + items);
    }
    if (f != null && f.hardFail()) {
      return "硬性不合格" + (items.isEmpty() ? "" : "：" + items) + (score == null ? "" : "，得分" + Zh.score(score));
    }
    if (f != null && f.zeroed()) {
      return (year ? "年度得分归零" : "得分归零") + (items.isEmpty() ? "" : "：" + items);
    }
    String g = grade == null ? "最低" : grade;
    return (year ? "年度得分" : "得分") + Zh.score(score) + "，处于" + g + "等次分数段";
  }

  /** "V12 被立案审查或处于处分期（第二季度）；V13 …", each item once with its quarters. */
  static String items(List<FlagItem> items, boolean year) {
    Map<String, List<String>> quarters = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    for (FlagItem i : items) {
      String key = i.code() == null ? "" : i.code();
      names.putIfAbsent(key, i.name());
      List<String> q = quarters.computeIfAbsent(key, k -> new ArrayList<>());
      if (i.period() != null && i.period().contains("Q")) {
        String n = Zh.quarterName(Narrative.quarterOf(i.period())).substring(1, 2);
        if (!q.contains(n)) {
          q.add(n);
        }
      }
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : quarters.entrySet()) {
      String name = names.get(e.getKey());
      String label = (e.getKey() + (name == null || name.isBlank() ? "" : " " + name)).strip();
      if (year && !e.getValue().isEmpty()) {
        label += "（第" + String.join("、", e.getValue()) + "季度）";
      }
      parts.add(label);
    }
    return String.join("；", parts);
  }

  /**
   * The watch entries with the reason of every 不合格 / 不合格党员处置 member of the lowest grade
   * said: the mart's when it says why, else derived from the member facts of the mart.
   */
  static List<WatchEntry> fill(Mart mart, Period period, List<WatchEntry> watch, String lowestGrade) {
    List<WatchEntry> todo = watch.stream().filter(w -> needs(w, lowestGrade)).toList();
    if (todo.isEmpty()) {
      return watch;
    }
    Map<String, Facts> facts = facts(mart, period, todo.stream().map(WatchEntry::memberKey).distinct().toList());
    if (facts == null) {
      return watch;
    }
    List<WatchEntry> out = new ArrayList<>(watch.size());
    for (WatchEntry w : watch) {
      if (!needs(w, lowestGrade)) {
        out.add(w);
        continue;
      }
      String why = reason(facts.get(w.memberKey()), w.score(), w.grade(), period.isYear());
      if ("disposal".equals(w.list())) {
        why += "，列入不合格党员处置";
      }
      out.add(new WatchEntry(w.list(), w.listLabel(), w.memberKey(), w.memberCode(), w.name(), w.branchCode(),
          w.branchName(), w.standing(), w.category(), w.score(), w.grade(), w.rankInBranch(), w.prevPeriod(),
          w.prevScore(), w.prevGrade(), why));
    }
    return out;
  }

  private static boolean flag(Rec r, String column) {
    return r.has(column) && Boolean.TRUE.equals(r.b(column));
  }

  private static boolean needs(WatchEntry w, String lowestGrade) {
    return LISTS.contains(w.list()) && w.memberKey() != null && bare(w.reason())
        && (lowestGrade == null || lowestGrade.equals(w.grade()));
  }

  /** Flags and flag items per member key, or null when the mart lacks the member tables. */
  private static Map<String, Facts> facts(Mart mart, Period period, List<String> keys) {
    String table = period.isYear() ? "member_year" : "member_quarter";
    if (!mart.hasRelation(table) || !mart.hasColumn(table, "veto")) {
      return null;
    }
    String in = String.join(", ", java.util.Collections.nCopies(keys.size(), "?"));
    List<Object> args = new ArrayList<>();
    args.add(period.period());
    args.addAll(keys);
    Map<String, List<FlagItem>> items = new LinkedHashMap<>();
    if (mart.hasRelation("member_score_lines")) {
      List<Object> lineArgs = new ArrayList<>();
      lineArgs.add(period.isYear() ? period.year() + "Q" : period.period());
      lineArgs.addAll(keys);
      String when = period.isYear() ? "starts_with(period, ?)" : "period = ?";
      for (Rec r : mart.query("SELECT member_key, period, item_code, item_name FROM member_score_lines"
          + " WHERE line_kind = 'entry' AND component IS NULL AND " + when + " AND member_key IN (" + in + ")"
          + " ORDER BY member_key, period, line_no", lineArgs.toArray())) {
        items.computeIfAbsent(r.s("member_key"), k -> new ArrayList<>())
            .add(new FlagItem(r.s("period"), r.s("item_code"), r.s("item_name")));
      }
    }
    Map<String, Facts> out = new LinkedHashMap<>();
    for (Rec r : mart.query("SELECT * FROM " + table + " WHERE period = ? AND member_key IN (" + in + ")",
        args.toArray())) {
      out.put(r.s("member_key"), new Facts(flag(r, "veto"), flag(r, "hard_fail"), flag(r, "zeroed"),
          items.getOrDefault(r.s("member_key"), List.of())));
    }
    return out;
  }
}
