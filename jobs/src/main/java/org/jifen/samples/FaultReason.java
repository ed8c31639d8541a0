package org.jifen.samples;

/**
 * Why ingestion must reject a generated file or quarantine a generated row (DOMAIN §8). The names
 * are the reason codes written to {@code faults.csv}.
 */
public enum FaultReason {
  /** Whole file: the xlsx is truncated and cannot be opened. */
  FILE_CORRUPT(true, "truncated xlsx: the zip container is cut off"),
  /** Whole file: an OLE2 (encrypted Office) container named .xlsx. */
  FILE_ENCRYPTED(true, "password-protected workbook: an OLE2 container, not an OOXML zip"),
  /** Whole file: the workbook has no 封面 sheet. */
  NO_COVER(true, "workbook without the 封面 sheet, so branch and period are unknown"),
  /** Whole file: 支部编码 on the cover is not in the org tree. */
  UNKNOWN_BRANCH(true, "branch code not in orgs.xlsx (a new branch not yet registered)"),
  /** Whole file: cover 年度/季度 differ from the period folder. */
  PERIOD_MISMATCH(true, "cover 季度 says the previous quarter (template not updated)"),
  /** Row: 项目编码 not in the scheme. */
  UNKNOWN_ITEM(false, "项目编码 that the district-100 scheme does not define"),
  /** Row: 党员编号 of an entry not on the same ledger's roster. */
  MEMBER_NOT_ON_ROSTER(false, "entry for a 党员编号 that is not on this ledger's 名册 (mistyped code)"),
  /** Row: 分值 is not a number. */
  POINTS_NOT_NUMBER(false, "分值 written in words (三分) instead of a number"),
  /** Row: entry date outside the ledger's quarter. */
  DATE_OUTSIDE_QUARTER(false, "entry dated in the previous quarter (registered late)"),
  /** Row: roster row without 党员编号. */
  ROSTER_NO_MEMBER_CODE(false, "名册 row of a transferred-in member whose 党员编号 is not yet assigned"),
  /** Row: a roster row repeated. */
  DUPLICATE_ROSTER_ROW(false, "名册 row pasted twice; the second copy is the duplicate"),
  /** Row: the sign of 分值 contradicts the item. */
  POINTS_SIGN(false, "分值 whose sign contradicts the item (positive deduction or negative bonus)"),
  /** Row: the scheme fixes the points of the item and 分值 is not one of them. */
  POINTS_NOT_ALLOWED(false, "B2 with 分值 -4, which is neither -5 (unexcused) nor -3 (excused)"),
  /** Row: the member is on two branches' rosters in the same quarter. */
  MEMBER_CONFLICT(false, "member moved branch but is still on the old branch's 名册 too");

  private final boolean wholeFile;
  private final String description;

  FaultReason(boolean wholeFile, String description) {
    this.wholeFile = wholeFile;
    this.description = description;
  }

  /** True when ingestion must reject the whole file, false when it quarantines one row. */
  public boolean wholeFile() {
    return wholeFile;
  }

  /** What the generated fault looks like, in English, for the sample README. */
  public String description() {
    return description;
  }
}
