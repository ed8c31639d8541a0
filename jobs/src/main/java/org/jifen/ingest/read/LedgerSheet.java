package org.jifen.ingest.read;

/** The sheets of a branch ledger workbook (DOMAIN §4). */
public enum LedgerSheet {
  COVER("封面"),
  ROSTER("名册"),
  ENTRIES("积分明细"),
  EVALUATION("民主评议"),
  ACTIONS("组织处置");

  private final String label;

  LedgerSheet(String label) {
    this.label = label;
  }

  /** The Chinese sheet name used in workbooks, CSV file names and bronze. */
  public String label() {
    return label;
  }
}
