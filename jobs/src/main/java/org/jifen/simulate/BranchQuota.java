package org.jifen.simulate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jifen.scheme.Quota;
import org.jifen.score.MemberScoring;

/**
 * The quota step of the annual results for a simulation, on the driver: the rule of
 * {@code sql/gold/member_year_score.sql} (quota_ranked … graded), which the scoring job runs in
 * Spark. Per branch at most ⌊percent × N / 100⌋ members keep the quota grade, N = graded members
 * with an annual score; the quota grade's band is ranked by score desc, then the smaller
 * tie-break total (two decimals, as gold stores it), then member code; the rest get the demotion
 * grade. SimulateTest checks it against the scoring job's own results.
 */
final class BranchQuota {
  private BranchQuota() {}

  /** A member's annual result before the quota ({@code result().grade()} is the grade before it). */
  record Member(String memberCode, MemberScoring.YearResult result) {}

  /** A member's grade after the quota. */
  record Graded(Member member, String grade, boolean quotaLimited) {}

  private static final Comparator<Member> BAND_ORDER = Comparator
      .comparing((Member m) -> m.result().score(), Comparator.nullsLast(Comparator.<BigDecimal>reverseOrder()))
      .thenComparing(m -> tieBreak(m.result()))
      .thenComparing(Member::memberCode);

  /** The members' grades after {@code quota} (null: no quota, every grade stands), in the given order. */
  static List<Graded> apply(Quota quota, List<Member> members) {
    Map<Member, Graded> out = new LinkedHashMap<>();
    members.forEach(m -> out.put(m, new Graded(m, m.result().grade(), false)));
    if (quota == null) {
      return List.copyOf(out.values());
    }
    Map<String, List<Member>> branches = new LinkedHashMap<>();
    members.forEach(m -> branches.computeIfAbsent(m.result().branchCode(), k -> new ArrayList<>()).add(m));
    for (List<Member> branch : branches.values()) {
      long n = branch.stream().filter(m -> graded(m) && m.result().score() != null).count();
      int size = quota.percent().multiply(BigDecimal.valueOf(n)).divide(BigDecimal.valueOf(100))
          .setScale(0, RoundingMode.FLOOR).intValueExact();
      List<Member> band = branch.stream().filter(m -> graded(m) && quota.grade().equals(m.result().grade()))
          .sorted(BAND_ORDER).toList();
      for (int i = size; i < band.size(); i++) {
        out.put(band.get(i), new Graded(band.get(i), quota.demoteTo(), true));
      }
    }
    return List.copyOf(out.values());
  }

  private static boolean graded(Member m) {
    return MemberScoring.GRADED.equals(m.result().status());
  }

  private static BigDecimal tieBreak(MemberScoring.YearResult y) {
    return y.tieBreakTotal().setScale(2, RoundingMode.HALF_UP);
  }
}
