package org.jifen.reports;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Everything one pack shows, read from the mart for one reporting unit and period. The writers
 * (workbook, document, charts, manifest) only format this; they never query the mart.
 */
record PackData(
    Period period,
    Org unit,
    boolean restricted,
    String unitLeader,
    Stats overview,
    Trend trend,
    List<Sub> subordinates,
    List<Stats> domains,
    List<Stats> quarterSeries,
    List<StatsTable> statsTables,
    List<Ranking> rankings,
    List<WatchEntry> watch,
    List<Gap> gaps,
    List<Flag> flags,
    List<String> gradeNames,
    MartFacts mart) {

  /**
   * The branches with a fired attention signal in the pack's period (a year's pack: in any of its
   * quarters or in the year's own figures), by branch code in the flags' order, each with its
   * signal labels (distinct, in the order first seen). Leader documents mark these branches wherever
   * they name them (ranking, 优秀候选, the first-place sentence).
   */
  Map<String, List<String>> flaggedBranches() {
    Map<String, List<String>> out = new java.util.LinkedHashMap<>();
    for (Flag f : flags) {
      List<String> labels = out.computeIfAbsent(f.branchCode(), k -> new java.util.ArrayList<>());
      if (!labels.contains(f.signalLabel())) {
        labels.add(f.signalLabel());
      }
    }
    return out;
  }

  /** True when the branch has a fired attention signal in the pack's period. */
  boolean flagged(String branchCode) {
    return branchCode != null && flags.stream().anyMatch(f -> branchCode.equals(f.branchCode()));
  }

  /** A period of the mart ({@code dim_period}). */
  record Period(String period, String kind, int year, Integer quarter, String label, int quartersIngested) {
    boolean isYear() {
      return "year".equals(kind);
    }
  }

  /** An organization of the tree ({@code dim_org}). */
  record Org(String code, String name, String level, String domain, String parentCode, String path,
      String committeeCode, String committeeName, int depth, int sortOrder) {}

  /** A subordinate organization of the unit with its figures for the period. */
  record Sub(Org org, Stats stats) {}

  /** One {@code org_period_stats} row. */
  record Stats(
      String period, String nodeCode, String nodeName, String cutType, String cutValue,
      long membersTotal, long membersProbationary, long membersExempt, long membersParticipating,
      BigDecimal participationRate,
      Long ledgersExpected, Long ledgersOnTime, Long ledgersLate, Long ledgersMissing, Long ledgersSubmitted,
      BigDecimal submissionRate,
      long membersGraded, long membersIncomplete,
      List<String> gradeNames, List<Long> gradeCounts, List<BigDecimal> gradeShares,
      BigDecimal scoreMean, BigDecimal scoreMedian, BigDecimal scoreQ1, BigDecimal scoreQ3,
      BigDecimal scoreMin, BigDecimal scoreMax,
      List<Long> histogram,
      long actionRemind, long actionRectify, long actionHandle,
      String schemeId) {

    /** A node with no row for the period: zeros, no grades. */
    static Stats empty(String period, String code, String name, List<String> gradeNames) {
      List<Long> zeros = Collections.nCopies(gradeNames.size(), 0L);
      return new Stats(period, code, name, "org", "全部", 0, 0, 0, 0, null, null, null, null, null, null, null,
          0, 0, gradeNames, zeros, Collections.nCopies(gradeNames.size(), null), null, null, null, null, null,
          null, Collections.nCopies(21, 0L), 0, 0, 0, null);
    }

    /** The count of a grade by name, 0 when the scheme has no such grade. */
    long gradeCount(String grade) {
      int i = gradeNames == null ? -1 : gradeNames.indexOf(grade);
      return i < 0 || gradeCounts.get(i) == null ? 0 : gradeCounts.get(i);
    }

    /** The share of a grade by name, null when the scheme has no such grade. */
    BigDecimal gradeShare(String grade) {
      int i = gradeNames == null ? -1 : gradeNames.indexOf(grade);
      return i < 0 ? null : gradeShares.get(i);
    }
  }

  /** The {@code org_trend} row of the unit for the period. */
  record Trend(
      String prevPeriod, BigDecimal scoreMeanPrev, BigDecimal scoreMeanChangeQoq,
      BigDecimal participationRatePrev, BigDecimal participationRateChangeQoq,
      List<BigDecimal> gradeSharesPrev, List<BigDecimal> gradeSharesChangeQoq,
      String lastYearPeriod, BigDecimal scoreMeanLastYear, BigDecimal scoreMeanChangeYoy,
      BigDecimal participationRateLastYear, BigDecimal participationRateChangeYoy,
      List<BigDecimal> gradeSharesLastYear, List<BigDecimal> gradeSharesChangeYoy,
      List<String> gradeNames,
      // Like for like: the mean change over the branches graded in both periods, and the branches
      // (codes) that the plain comparison includes but that were graded in one period only.
      BigDecimal scoreMeanChangeQoqLfl, List<String> leftOutQoq,
      BigDecimal scoreMeanChangeYoyLfl, List<String> leftOutYoy) {}

  /** One official statistics table (统计表一 or 二) of the unit. */
  record StatsTable(
      String period, int year, int half, String tableName, String firstQuarter, String secondQuarter,
      boolean firstQuarterIn, boolean secondQuarterIn, String asOfQuarter,
      String unitName, String filler, List<String> gradeNames, List<StatsRow> rows,
      // branches that did not submit the later quarter: their member counts are from the first quarter's roster
      List<String> membersAsOfFirstQuarter) {

    /** True when the mart has no row for this half (no quarter of it is in). */
    boolean isEmpty() {
      return rows.isEmpty();
    }
  }

  /** One row of a statistics table; {@code rowType} is {@code org} or {@code total}. */
  record StatsRow(
      int rowNo, String rowType, String orgCode, String orgName,
      long membersTotal, long membersExempt, long membersParticipating,
      List<Long> firstGradeCounts, List<Long> secondGradeCounts,
      long actionRemind, long actionRectify, long actionHandle) {}

  /** One {@code branch_ranking} row of a branch under the unit. */
  record Ranking(
      String branchCode, String branchName, String committeeName, String domain,
      long membersGraded, BigDecimal scoreMean, BigDecimal scoreMedian,
      BigDecimal topGradeShare, BigDecimal bottomGradeShare,
      Integer rank, Integer ranked) {}

  /** One member on a watch list; {@code memberCode} and {@code name} only from the restricted mart. */
  record WatchEntry(
      String list, String listLabel, String memberKey, String memberCode, String name,
      String branchCode, String branchName, String standing, String category,
      BigDecimal score, String grade, Integer rankInBranch,
      String prevPeriod, BigDecimal prevScore, String prevGrade, String reason) {}

  /** A late or missing ledger ({@code v_submission_gaps}). */
  record Gap(
      String period, String branchCode, String branchName, String committeeName, String status,
      Instant firstReceivedAt, Instant deadline, BigDecimal hoursLate) {}

  /**
   * A fired attention signal ({@code v_attention_flags}); {@code pValue} is null when the mart has no
   * {@code p_value} column (marts built before it was added).
   */
  record Flag(
      String period, String branchCode, String branchName, String signal, String signalLabel,
      long membersGraded, Long entries, BigDecimal value, BigDecimal baseline, BigDecimal threshold,
      String detail, BigDecimal pValue) {}

  /** What the mart says about itself ({@code mart_info}) and its checksum. */
  record MartFacts(
      String fileName, String sha256, long bytes,
      Map<String, String> build, List<Map<String, String>> sources, Map<String, String> schemes,
      String schemeId, String schemeHash) {}
}
