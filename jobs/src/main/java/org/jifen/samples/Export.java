package org.jifen.samples;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;

/** One planned export of a branch ledger: which file, when received, and what is wrong with it. */
final class Export {
  /** Row-level faults to inject into the ledger (several map to the same {@link FaultReason}). */
  enum RowFault {
    UNKNOWN_ITEM, MEMBER_NOT_ON_ROSTER, POINTS_NOT_NUMBER, DATE_OUTSIDE_QUARTER, ROSTER_NO_MEMBER_CODE,
    DUPLICATE_ROSTER_ROW, POSITIVE_DEDUCTION, NEGATIVE_BONUS, POINTS_NOT_ALLOWED
  }

  final Org branch;
  final int quarter;
  final int version;
  OffsetDateTime received;
  LocalDate fillDate;
  boolean late;
  /** A whole-file fault, or null. */
  FaultReason fileFault;
  final EnumSet<RowFault> rowFaults = EnumSet.noneOf(RowFault.class);
  /** The corrected re-export (版本 2) after an appeal, or null. */
  Export correction;
  /** For an appealed ledger: the member whose deduction the correction removes. */
  Member appealMember;

  Export(Org branch, int quarter, int version) {
    this.branch = branch;
    this.quarter = quarter;
    this.version = version;
  }

  String period() {
    return Periods.name(quarter);
  }

  /** File or folder name inside inbox/&lt;period&gt;/. */
  String fileName() {
    String base = branch.code + "_" + period() + (version > 1 ? "_v" + version : "");
    return switch (branch.layout.format) {
      case XLSX -> base + ".xlsx";
      case CSV_ZIP_UTF8_BOM -> base + ".zip";
      case CSV_FOLDER_GBK, CSV_FOLDER_UTF8 -> base;
    };
  }
}
