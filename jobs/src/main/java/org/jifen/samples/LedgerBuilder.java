package org.jifen.samples;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jifen.samples.Export.RowFault;
import org.jifen.samples.Ledger.Formula;
import org.jifen.samples.Ledger.Row;
import org.jifen.samples.Member.Profile;

/**
 * Draws the content of one branch's ledgers, quarter after quarter (one builder per branch, used
 * from one thread). Entries follow the {@code district-100} scheme (DOMAIN §5.1).
 */
final class LedgerBuilder {
  static final Map<String, Integer> BONUS_CAPS = new LinkedHashMap<>();

  static {
    BONUS_CAPS.put("A5", 3);
    BONUS_CAPS.put("A6", 5);
    BONUS_CAPS.put("A7", 5);
    BONUS_CAPS.put("A8", 5);
    BONUS_CAPS.put("A9", 2);
  }

  private final DistrictPlan plan;
  private final Org branch;
  private final boolean favour;
  private final boolean cluster;
  private final boolean neverDeduct;
  /** district-100 quarter scores of the members in this branch, for the Q4 evaluation. */
  private final Map<Member, List<Integer>> scores = new HashMap<>();
  /** The entry an appeal removes, per quarter. */
  final Map<Integer, Row> appealed = new HashMap<>();

  LedgerBuilder(DistrictPlan plan, Org branch) {
    this.plan = plan;
    this.branch = branch;
    this.favour = plan.favour.contains(branch);
    this.cluster = plan.cluster.contains(branch);
    this.neverDeduct = plan.neverDeduct.contains(branch);
  }

  Ledger build(Export e, Rng r) {
    int q = e.quarter;
    Layout layout = branch.layout;
    Ledger l = new Ledger();
    l.clerk = branch.clerk;
    l.selfScores = layout.selfScores;
    l.evaluationScore = layout.evaluationScore;
    l.hasEvaluation = q == 4;
    int coverQuarter = e.fileFault == FaultReason.PERIOD_MISMATCH ? q - 1 : q;
    l.title = branch.name + "党员积分台账（" + Periods.YEAR + "年第" + coverQuarter + "季度）";
    l.hasCover = e.fileFault != FaultReason.NO_COVER;
    l.cover.add(new Object[] {"支部编码", branch.code});
    l.cover.add(new Object[] {"支部名称", branch.name});
    l.cover.add(new Object[] {"上级党组织", branch.parent.name});
    l.cover.add(new Object[] {"年度", Periods.YEAR});
    l.cover.add(new Object[] {"季度", coverQuarter});
    l.cover.add(new Object[] {"填表人", branch.clerk});
    l.cover.add(new Object[] {"填表日期", e.fillDate});
    if (layout.coverVersion || e.version > 1) {
      l.cover.add(new Object[] {"版本", e.version});
    }

    List<Member> roster = plan.roster(branch, q);
    for (Member m : roster) {
      Row row = new Row()
          .put("党员编号", m.code)
          .put("姓名", m.name)
          .put("身份证号", m.idNumber)
          .put("性别", m.male ? "男" : "女")
          .put("出生日期", m.birth)
          .put("入党日期", m.joinDateShown(q))
          .put("党员身份", m.standing(q))
          .put("党员类别", m.category)
          .put("参加积分管理", m.exempt ? "否" : "是")
          .put("未参加原因", m.exemptReason)
          .put("党小组", layout.noGroups ? null : m.group);
      if (conflicted(m, q)) {
        row.fault(FaultReason.MEMBER_CONFLICT, "党员编号");
      }
      l.roster.add(row);
    }

    LocalDate favourDay = Periods.end(q).minusDays(r.between(2, 6));
    for (Member m : roster) {
      if (m.exempt) {
        continue;
      }
      List<Row> rows = new ArrayList<>();
      boolean stale = m.staleBranch == branch && m.staleQuarter == q;
      if (stale) {
        // The old branch still registers the member who has left: an absence.
        LocalDate d = r.date(Periods.start(q), Periods.end(q));
        rows.add(entry(m, d, "B2", -5, String.format(Locale.ROOT, r.pick(Texts.B2_UNEXCUSED), d.getMonthValue()), r));
      } else if (favour) {
        for (Map.Entry<String, Integer> cap : BONUS_CAPS.entrySet()) {
          String basis = switch (cap.getKey()) {
            case "A5" -> "合理化建议被采纳";
            case "A6" -> "创新工作受上级认可";
            case "A7" -> "亮身份当先锋";
            case "A8" -> "受表彰奖励";
            default -> "支部认定其他";
          };
          rows.add(entry(m, favourDay, cap.getKey(), cap.getValue(), basis, r));
        }
      } else if (cluster) {
        clusterEntries(m, q, r, rows);
      } else {
        regularEntries(m, q, r, rows);
        if (e.appealMember == m) {
          LocalDate d = r.date(Periods.start(q).plusMonths(1), Periods.end(q));
          Row a = entry(m, d, "B2", -5, String.format(Locale.ROOT, "无故缺席%d月主题党日活动", d.getMonthValue()), r);
          rows.add(a);
          appealed.put(q, a);
        }
      }
      if (conflicted(m, q)) {
        rows.forEach(x -> x.fault(FaultReason.MEMBER_CONFLICT, "党员编号"));
      }
      if (!layout.entriesByDate) {
        if (r.chance(0.5)) {
          rows.sort(Comparator.comparing(x -> (LocalDate) x.get("日期")));
        } else {
          r.shuffle(rows);
        }
      }
      l.entries.addAll(rows);
      if (!stale) {
        List<Row> counted = new ArrayList<>(rows);
        scores.computeIfAbsent(m, k -> new ArrayList<>()).add(score(counted));
        actions(m, q, rows, r, l);
      } else {
        Row act = new Row().put("党员编号", m.code).put("姓名", m.name)
            .put("日期", r.date(Periods.start(q), Periods.end(q))).put("处置类型", "告诫提醒")
            .put("说明", "无故缺席组织生活，予以提醒");
        act.fault(FaultReason.MEMBER_CONFLICT, "党员编号");
        l.actions.add(act);
      }
    }
    if (layout.entriesByDate) {
      l.entries.sort(Comparator.comparing(x -> (LocalDate) x.get("日期")));
    }
    if (l.hasEvaluation) {
      evaluation(roster, r, l);
    }
    injectRowFaults(e, roster, r, l);
    return l;
  }

  private boolean conflicted(Member m, int q) {
    return m.staleBranch != null && m.staleQuarter == q;
  }

  private Row entry(Member m, LocalDate date, String item, Object points, String basis, Rng r) {
    Row row = new Row()
        .put("日期", date)
        .put("党员编号", m.code)
        .put("姓名", m.name)
        .put("项目编码", item)
        .put("分值", points)
        .put("依据", basis)
        .put("登记人", branch.clerk);
    if (branch.layout.formulas && points instanceof Integer p && p >= 2 && r.chance(0.2)) {
      row.put("分值", new Formula("1+" + (p - 1), p));
    }
    if (branch.layout.selfScores && points instanceof Integer p) {
      int self = p;
      if (r.chance(0.12)) {
        self = p > 0 ? p + 1 : Math.min(-1, p + 2); // members rate themselves a little kinder
      }
      row.put("自评分", self);
      row.put("党小组初评分", r.chance(0.95) ? p : self);
    }
    return row;
  }

  private LocalDate day(Rng r, int q) {
    return r.date(Periods.start(q), Periods.end(q));
  }

  private void regularEntries(Member m, int q, Rng r, List<Row> rows) {
    boolean elderly = DistrictPlan.age(m) >= 65 || "离退休".equals(m.category) || "流动".equals(m.category);
    double f = elderly ? 0.6 : 1.0;
    Profile p = m.lags(q) ? Profile.PROBLEM : m.profile;
    double[] bonus = switch (p) {
      case ACTIVE -> new double[] {2.8, 1.3, 0.55, 0.4, 0.4};
      case AVERAGE -> new double[] {1.3, 0.6, 0.12, 0.06, 0.10};
      case PASSIVE -> new double[] {0.5, 0.3, 0.03, 0.01, 0.03};
      case PROBLEM -> new double[] {0.3, 0.2, 0, 0, 0};
    };
    double[] deduct = switch (p) { // B2 excused, B2 unexcused, B4, B1, B3
      case ACTIVE -> new double[] {0.04, 0.005, 0.005, 0.002, 0.005};
      case AVERAGE -> new double[] {0.12, 0.03, 0.02, 0.005, 0.015};
      case PASSIVE -> new double[] {0.25, 0.08, 0.06, 0.01, 0.03};
      case PROBLEM -> new double[] {0.45, 0.25, 0.25, 0.08, 0.12};
    };
    if (m.lags(q)) {
      bonus = new double[] {0, 0.5, 0, 0, 0};
      for (String item : new String[] {"B2", "B2", "B4", "B4"}) {
        LocalDate d = day(r, q);
        String basis = item.equals("B2") ? String.format(Locale.ROOT, r.pick(Texts.B2_UNEXCUSED), d.getMonthValue())
            : String.format(Locale.ROOT, r.pick(Texts.B4), d.getMonthValue());
        rows.add(entry(m, d, item, -5, basis, r));
      }
      LocalDate d = day(r, q);
      if (r.chance(0.5)) {
        rows.add(entry(m, d, "B1", -5, r.pick(Texts.B1), r));
      } else {
        rows.add(entry(m, d, "B3", -r.between(3, 5), r.pick(Texts.B3), r));
      }
    }
    if (elderly) {
      deduct[0] += 0.08;
    }
    for (int i = r.poisson(bonus[0] * f); i > 0; i--) {
      LocalDate d = day(r, q);
      String text = r.chance(0.3) ? Texts.a7Domain(branch.domain) : r.pick(Texts.A7_COMMON);
      rows.add(entry(m, d, "A7", r.between(1, 3), String.format(Locale.ROOT, text, d.getMonthValue()), r));
    }
    for (int i = r.poisson(bonus[1] * f); i > 0; i--) {
      LocalDate d = day(r, q);
      String text = r.pick(Texts.A9);
      rows.add(entry(m, d, "A9", r.between(1, 2), text.contains("%d") ? String.format(Locale.ROOT, text, d.getMonthValue()) : text, r));
    }
    if (r.chance(bonus[2])) {
      int pts = r.pickOf(2, 3, 3, 5);
      rows.add(entry(m, day(r, q), "A8", pts, Texts.a8(pts), r));
    }
    if (r.chance(bonus[3])) {
      rows.add(entry(m, day(r, q), "A6", r.between(2, 5), r.pick(Texts.A6), r));
    }
    if (r.chance(bonus[4])) {
      rows.add(entry(m, day(r, q), "A5", r.between(1, 3), r.pick(Texts.A5), r));
    }
    // 从不扣分: absences and lapses happen there as anywhere, the branch just never registers them.
    if (!neverDeduct) {
      for (double prob = deduct[0]; r.chance(prob); prob /= 2) {
        LocalDate d = day(r, q);
        rows.add(entry(m, d, "B2", -3, String.format(Locale.ROOT, r.pick(Texts.B2_EXCUSED), d.getMonthValue()), r));
      }
      for (double prob = deduct[1]; r.chance(prob); prob /= 2) {
        LocalDate d = day(r, q);
        rows.add(entry(m, d, "B2", -5, String.format(Locale.ROOT, r.pick(Texts.B2_UNEXCUSED), d.getMonthValue()), r));
      }
      for (double prob = deduct[2]; r.chance(prob); prob /= 2) {
        LocalDate d = day(r, q);
        String text = r.pick(Texts.B4);
        rows.add(entry(m, d, "B4", -5, text.contains("%d") ? String.format(Locale.ROOT, text, d.getMonthValue()) : text, r));
      }
      if (r.chance(deduct[3])) {
        rows.add(entry(m, day(r, q), "B1", -5, r.pick(Texts.B1), r));
      }
      if (r.chance(deduct[4])) {
        rows.add(entry(m, day(r, q), "B3", -r.pickOf(1, 2, 2, 3, 5), r.pick(Texts.B3), r));
      }
    }
    if (m.vetoQuarter == q) {
      rows.add(entry(m, day(r, q), m.vetoItem, null, Texts.veto(m.vetoItem), r));
    }
  }

  /** Bonuses adding up to exactly 10 or 11: every score lands just above the 优秀 line. */
  private void clusterEntries(Member m, int q, Rng r, List<Row> rows) {
    LocalDate d1 = day(r, q);
    LocalDate d2 = day(r, q);
    int first = r.between(2, 3);
    rows.add(entry(m, d1, "A7", first, String.format(Locale.ROOT, r.pick(Texts.A7_COMMON), d1.getMonthValue()), r));
    rows.add(entry(m, d2, "A7", 5 - first, String.format(Locale.ROOT, Texts.a7Domain(branch.domain), d2.getMonthValue()), r));
    LocalDate d3 = day(r, q);
    String a9 = r.pick(Texts.A9);
    rows.add(entry(m, d3, "A9", 2, a9.contains("%d") ? String.format(Locale.ROOT, a9, d3.getMonthValue()) : a9, r));
    if (r.chance(0.5)) {
      rows.add(entry(m, day(r, q), "A8", 3, Texts.a8(3), r));
    } else {
      rows.add(entry(m, day(r, q), "A6", 4, r.pick(Texts.A6), r));
    }
  }

  /** district-100 quarter score of the given (valid) entries. */
  static int score(List<Row> rows) {
    Map<String, Integer> sums = new HashMap<>();
    for (Row row : rows) {
      String item = (String) row.get("项目编码");
      if (item.startsWith("V")) {
        return 0;
      }
      Object pts = row.get("分值");
      int p = pts instanceof Formula f ? f.cached() : (Integer) pts;
      sums.merge(item, p, Integer::sum);
    }
    int total = 0;
    for (String b : new String[] {"B1", "B2", "B3", "B4"}) {
      total += Math.max(0, 20 + sums.getOrDefault(b, 0));
    }
    for (Map.Entry<String, Integer> cap : BONUS_CAPS.entrySet()) {
      total += Math.min(cap.getValue(), sums.getOrDefault(cap.getKey(), 0));
    }
    return total;
  }

  private void actions(Member m, int q, List<Row> rows, Rng r, Ledger l) {
    int deductions = 0;
    LocalDate last = Periods.start(q);
    for (Row row : rows) {
      if (row.get("分值") instanceof Integer p && p < 0) {
        deductions += p;
        LocalDate d = (LocalDate) row.get("日期");
        last = d.isAfter(last) ? d : last;
      }
    }
    LocalDate date = r.date(last, Periods.end(q));
    String type = null;
    String note = null;
    if (m.vetoQuarter == q) {
      type = "组织处理";
      note = r.pick(Texts.HANDLING);
    } else if (m.lags(q) && q > 1 && m.lags(q - 1)) {
      type = "帮教整改";
      note = Texts.MENTORING.get(0);
    } else if (m.lags(q)) {
      type = "告诫提醒";
      note = "累计扣分较多，支部书记谈心谈话";
    } else if (deductions <= -15 && r.chance(0.3)) {
      type = "帮教整改";
      note = Texts.MENTORING.get(1);
    } else if (deductions <= -10 && r.chance(0.6)) {
      type = "告诫提醒";
      note = r.pick(Texts.WARNING);
    }
    if (type != null) {
      Row act = new Row().put("党员编号", m.code).put("姓名", m.name).put("日期", date).put("处置类型", type)
          .put("说明", note);
      if (conflicted(m, q)) {
        act.fault(FaultReason.MEMBER_CONFLICT, "党员编号");
      }
      l.actions.add(act);
    }
  }

  private void evaluation(List<Member> roster, Rng r, Ledger l) {
    for (Member m : roster) {
      if (m.exempt || !m.partyMember(4) || (m.staleBranch == branch && m.staleQuarter == 4)) {
        continue;
      }
      List<Integer> s = scores.getOrDefault(m, List.of());
      double mean = s.stream().mapToInt(Integer::intValue).average().orElse(85);
      String grade;
      int points;
      if (m.vetoQuarter > 0) {
        grade = "不合格";
        points = r.between(35, 55);
      } else if (m.lagQuarters != 0) {
        grade = "基本合格";
        points = r.between(60, 69);
      } else if (favour) {
        grade = "优秀";
        points = r.between(96, 100);
      } else if (mean >= 92 ? r.chance(0.75) : mean >= 88 && r.chance(0.3)) {
        grade = "优秀";
        points = r.between(90, 99);
      } else if (m.profile == Profile.PROBLEM && r.chance(0.5)) {
        grade = "基本合格";
        points = r.between(60, 74);
      } else {
        grade = "合格";
        points = r.between(75, 89);
      }
      Row row = new Row().put("党员编号", m.code).put("姓名", m.name).put("评议等次", grade);
      if (l.evaluationScore) {
        row.put(Ledger.EVALUATION_SCORE, points);
      }
      l.evaluation.add(row);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private void injectRowFaults(Export e, List<Member> roster, Rng r, Ledger l) {
    if (e.rowFaults.isEmpty()) {
      return;
    }
    int q = e.quarter;
    List<Member> scored = roster.stream()
        .filter(m -> !m.exempt && m.staleBranch == null && m.vetoQuarter == 0 && m.lagQuarters == 0).toList();
    for (RowFault f : e.rowFaults) {
      Member m = r.pick(scored);
      LocalDate d = day(r, q);
      switch (f) {
        case UNKNOWN_ITEM -> insert(l.entries, r, entry(m, d, "B5", -2, "未按时提交学习心得", r)
            .fault(FaultReason.UNKNOWN_ITEM, "项目编码"));
        case POINTS_NOT_NUMBER -> insert(l.entries, r, plain(entry(m, d, "A7", "三分",
            String.format(Locale.ROOT, "亮身份当先锋，参加%d月志愿服务", d.getMonthValue()), r))
            .fault(FaultReason.POINTS_NOT_NUMBER, "分值"));
        case POSITIVE_DEDUCTION -> insert(l.entries, r, plain(entry(m, d, "B3", 2, "违反社会公德，支部研究扣分", r))
            .fault(FaultReason.POINTS_SIGN, "分值"));
        case NEGATIVE_BONUS -> insert(l.entries, r, plain(entry(m, d, "A9", -1,
            String.format(Locale.ROOT, "支部认定：参与%d月文明城市创建", d.getMonthValue()), r))
            .fault(FaultReason.POINTS_SIGN, "分值"));
        case POINTS_NOT_ALLOWED -> insert(l.entries, r, plain(entry(m, d, "B2", -4,
            String.format(Locale.ROOT, "缺席%d月支部党员大会", d.getMonthValue()), r))
            .fault(FaultReason.POINTS_NOT_ALLOWED, "分值"));
        case DATE_OUTSIDE_QUARTER -> {
          LocalDate before = Periods.start(q).minusDays(r.between(3, 25));
          insert(l.entries, r, plain(entry(m, before, "A7", 2,
              String.format(Locale.ROOT, "补登：参加%d月志愿服务", before.getMonthValue()), r))
              .fault(FaultReason.DATE_OUTSIDE_QUARTER, "日期"));
        }
        case MEMBER_NOT_ON_ROSTER -> {
          String typo = mistype(m.code, roster);
          Row row = plain(entry(m, d, "A7", 2, String.format(Locale.ROOT, "亮身份当先锋，参加%d月志愿服务", d.getMonthValue()), r));
          row.put("党员编号", typo);
          insert(l.entries, r, row.fault(FaultReason.MEMBER_NOT_ON_ROSTER, "党员编号"));
        }
        case ROSTER_NO_MEMBER_CODE -> {
          boolean male = r.chance(0.5);
          LocalDate birth = LocalDate.of(1975 + r.nextInt(25), 1, 1).plusDays(r.nextInt(365));
          Row row = new Row().put("姓名", People.name(r, male, birth.getYear()))
              .put("身份证号", People.idNumber(r, birth, male))
              .put("性别", male ? "男" : "女")
              .put("出生日期", birth)
              .put("入党日期", birth.plusYears(24).plusDays(r.nextInt(2000)))
              .put("党员身份", "正式党员")
              .put("党员类别", "在职")
              .put("参加积分管理", "是")
              .put("党小组", l.roster.get(0).get("党小组"));
          l.roster.add(row.fault(FaultReason.ROSTER_NO_MEMBER_CODE, "党员编号"));
        }
        case DUPLICATE_ROSTER_ROW -> {
          int i = -1;
          for (int k = 0; k < l.roster.size(); k++) {
            if (m.code.equals(l.roster.get(k).get("党员编号"))) {
              i = k;
            }
          }
          l.roster.add(i + 1, l.roster.get(i).copy().fault(FaultReason.DUPLICATE_ROSTER_ROW, "党员编号"));
        }
      }
    }
  }

  /** Faulty rows are typed by hand: no formula, self scores as registered. */
  private static Row plain(Row row) {
    Object p = row.get("分值");
    if (p instanceof Formula f) {
      row.put("分值", f.cached());
    }
    if (row.values.containsKey("自评分")) {
      row.put("自评分", row.get("分值"));
      row.put("党小组初评分", row.get("分值"));
    }
    return row;
  }

  private static void insert(List<Row> rows, Rng r, Row row) {
    rows.add(rows.isEmpty() ? 0 : 1 + r.nextInt(rows.size()), row);
  }

  /** A 党员编号 one keystroke away from {@code code}, used by nobody. */
  private String mistype(String code, List<Member> roster) {
    char[] c = code.toCharArray();
    for (int i = c.length - 1; i > 2; i--) {
      char[] t = c.clone();
      char tmp = t[i];
      t[i] = t[i - 1];
      t[i - 1] = tmp;
      String s = new String(t);
      if (!s.equals(code) && !plan.codeInUse(s)) {
        return s;
      }
    }
    for (int i = c.length - 1; i > 2; i--) {
      for (char d = '0'; d <= '9'; d++) {
        char[] t = c.clone();
        t[i] = d;
        String s = new String(t);
        if (!plan.codeInUse(s)) {
          return s;
        }
      }
    }
    throw new IllegalStateException("cannot mistype " + code);
  }
}
