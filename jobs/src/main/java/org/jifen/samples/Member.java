package org.jifen.samples;

import java.time.LocalDate;

/** A person on branch rosters during the year: stable identity plus where they are each quarter. */
final class Member {
  /** Behaviour used to draw the member's points entries. */
  enum Profile { ACTIVE, AVERAGE, PASSIVE, PROBLEM }

  final String code;
  final String name;
  final boolean male;
  final LocalDate birth;
  /** Null for an activist who has not joined during the year. */
  final LocalDate joinDate;
  final String idNumber;
  final String category;
  final boolean exempt;
  final String exemptReason;
  final String group;
  final Profile profile;
  /** Branch per quarter (index 0 = Q1); null when on no roster that quarter. */
  final Org[] branch = new Org[4];
  /** Quarter (1-4) with a veto entry, 0 for none. */
  int vetoQuarter;
  String vetoItem;
  /** Bit q-1 set when the member lags (heavy deductions) in quarter q. */
  int lagQuarters;
  /** A branch that wrongly keeps the member on its roster in {@link #staleQuarter} (a conflict). */
  Org staleBranch;
  int staleQuarter;

  Member(String code, String name, boolean male, LocalDate birth, LocalDate joinDate, String idNumber,
      String category, boolean exempt, String exemptReason, String group, Profile profile) {
    this.code = code;
    this.name = name;
    this.male = male;
    this.birth = birth;
    this.joinDate = joinDate;
    this.idNumber = idNumber;
    this.category = category;
    this.exempt = exempt;
    this.exemptReason = exemptReason;
    this.group = group;
    this.profile = profile;
  }

  /** 党员身份 at the end of the quarter. */
  String standing(int quarter) {
    LocalDate end = Periods.end(quarter);
    if (joinDate == null || joinDate.isAfter(end)) {
      return "入党积极分子";
    }
    return joinDate.isAfter(end.minusYears(1)) ? "预备党员" : "正式党员";
  }

  boolean partyMember(int quarter) {
    return !"入党积极分子".equals(standing(quarter));
  }

  /** 入党日期 as the roster shows it at the end of the quarter. */
  LocalDate joinDateShown(int quarter) {
    return joinDate == null || joinDate.isAfter(Periods.end(quarter)) ? null : joinDate;
  }

  boolean lags(int quarter) {
    return (lagQuarters & (1 << (quarter - 1))) != 0;
  }

  @Override
  public String toString() {
    return code + " " + name;
  }
}
