package org.jifen.reports;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One member's points history for one year, as {@code jifen history} shows it for an appeal: every
 * quarter, every ledger version that carried the member and what changed between versions, the
 * member's current entries and the annual result with its quota and disposal decisions explained.
 * Every text is final (Chinese); {@link MemberHistoryWorkbook} and the terminal only lay it out. It
 * holds the member's name (restricted) and never a national ID.
 *
 * @param memberCode 党员编号
 * @param name 姓名 from the member's last roster of the year (restricted layer), or null
 * @param year the points year
 * @param schemeId the scheme the year was scored with, or null when nothing is scored
 * @param schemeName the scheme's Chinese name, or null when the scheme cannot be loaded
 * @param componentNames the scheme's component names in its order; {@link Quarter#components()} and
 *     {@link Annual#components()} follow it
 * @param quarters the four quarters of the year, in order, also those without a roster row
 * @param versions every accepted ledger version of the member's branches that carried the member,
 *     by period, branch and version
 * @param changes entry changes between consecutive versions of one ledger (this member's rows only)
 * @param entries the member's entries in the current ledgers (silver)
 * @param annual the annual result, or null when there is none
 * @param notes facts worth knowing that belong to no table (conflicts, quarantined rows, missing scores)
 */
public record MemberHistory(String memberCode, String name, int year, String schemeId, String schemeName,
    List<String> componentNames, List<Quarter> quarters, List<LedgerVersion> versions, List<EntryChange> changes,
    List<Entry> entries, Annual annual, List<String> notes) {
  public MemberHistory {
    Objects.requireNonNull(memberCode, "memberCode");
    componentNames = List.copyOf(componentNames);
    quarters = List.copyOf(quarters);
    versions = List.copyOf(versions);
    changes = List.copyOf(changes);
    entries = List.copyOf(entries);
    notes = List.copyOf(notes);
  }

  /**
   * One quarter.
   *
   * @param branchCode the branch whose current ledger lists the member, null when none does
   * @param participation 参加 / 未参加（reason）, null without a roster row
   * @param status the score row's status in Chinese (已评定, 未参加积分管理, 入党积极分子（仅供参考）), or null
   * @param rankInBranch 分类排名 among the branch's graded members that quarter (ties share a rank)
   * @param gradedInBranch graded members of the branch that quarter (the rank's denominator)
   * @param components component values in {@link MemberHistory#componentNames()} order, null where absent
   * @param flags the flags raised that quarter in Chinese (一票否决, …), or null
   * @param note why a quarter has no score (not on a roster, a roster conflict, not scored yet), or null
   */
  public record Quarter(String period, String branchCode, String branchName, String standing, String category,
      String participation, String status, BigDecimal score, String grade, Integer rankInBranch,
      Integer gradedInBranch, List<BigDecimal> components, String flags, String note) {
    public Quarter {
      components = components == null ? List.of() : java.util.Collections.unmodifiableList(
          new java.util.ArrayList<>(components));
    }
  }

  /**
   * One accepted version of a branch's ledger for a quarter.
   *
   * @param current whether it is the version in force (silver), else superseded and kept on record
   * @param onRoster whether the member is on this version's 名册
   * @param entries the member's 积分明细 rows in this version, as sent (quarantined rows included)
   * @param change what changed for the member against the previous version, in Chinese
   */
  public record LedgerVersion(String period, String branchCode, int version, String sourceFile, Instant receivedAt,
      boolean current, boolean onRoster, int entries, String change) {}

  /**
   * One difference in the member's entries between two consecutive versions of a ledger.
   *
   * @param kind 新增, 删除, 分值变更, 依据变更 or 分值和依据变更
   * @param date the entry's date (ISO, or the text as written when it is not a date)
   * @param pointsBefore the 分值 in the earlier version as written (normalised number), null when added
   * @param pointsAfter the 分值 in the later version, null when removed
   */
  public record EntryChange(String period, String branchCode, int fromVersion, int toVersion, String kind,
      String date, String itemCode, String itemName, String pointsBefore, String pointsAfter, String basisBefore,
      String basisAfter) {}

  /** One entry of the member in a current ledger (silver.entries). */
  public record Entry(String period, LocalDate date, String itemCode, String itemName, BigDecimal points,
      String basis, String sourceFile, int row) {}

  /**
   * The annual result.
   *
   * @param status the status in Chinese (已评定, 入党积极分子（仅供参考）, 未评定（缺少民主评议）)
   * @param preGrade the grade by the score alone, before the quota; null when not recorded
   * @param gradedInBranch graded members of the annual branch with a score (the rank's denominator)
   * @param quotaN N of the quota rule, null without a quota (or not recorded)
   * @param quotaSize how many keep the quota grade, ⌊percent × N / 100⌋
   * @param quotaRank the place among the branch's members in the quota grade's band, null outside it
   * @param tieBreakTotal the total of the scheme's tie-break items (e.g. D deductions, absolute)
   * @param explanation how the score, the grade, the quota and the disposal decision came about, one
   *     sentence per line, in Chinese
   */
  public record Annual(String branchCode, String branchName, String standing, String status, int quartersCounted,
      List<BigDecimal> components, BigDecimal score, String preGrade, String grade, Integer rankInBranch,
      Integer gradedInBranch, boolean quotaLimited, Integer quotaN, Integer quotaSize, Integer quotaRank,
      BigDecimal tieBreakTotal, boolean disposal, List<String> explanation) {
    public Annual {
      components = components == null ? List.of() : java.util.Collections.unmodifiableList(
          new java.util.ArrayList<>(components));
      explanation = List.copyOf(explanation);
    }
  }
}
