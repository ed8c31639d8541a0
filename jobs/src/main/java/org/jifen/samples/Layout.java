package org.jifen.samples;

/**
 * How one branch's tool writes its exports. It is chosen once per branch (the same template every
 * quarter), which is how real branches behave.
 */
final class Layout {
  /** Container of an export. */
  enum Format {
    XLSX, CSV_FOLDER_GBK, CSV_FOLDER_UTF8, CSV_ZIP_UTF8_BOM;

    boolean csv() {
      return this != XLSX;
    }
  }

  /** How dates are written. */
  enum DateMode { EXCEL, ISO, SLASH, CHINESE, MIXED }

  /** Title rows above the header: none, one merged title row, or title + 填表人 + blank row. */
  enum Title { NONE, SIMPLE, FULL }

  Format format = Format.XLSX;
  Title title = Title.NONE;
  DateMode dateMode = DateMode.EXCEL;
  /** Excel number format of date cells. */
  String dateFormat = "yyyy-mm-dd";
  /** Columns of 名册 and 积分明细 shuffled (branch-stable order). */
  boolean reordered;
  /** Leading 序号 column (a formula =ROW()-n in xlsx). */
  boolean sequenceColumn;
  /** Trailing 备注 column. */
  boolean remarkColumn;
  /** Headers with spaces inside, e.g. 姓  名. */
  boolean spacedHeaders;
  /** 分值, 年度, 季度, 评议得分 stored as text cells. */
  boolean numbersAsText;
  /** Some 分值 cells are formulas with a cached value. */
  boolean formulas;
  /** Optional 自评分 / 党小组初评分 columns. */
  boolean selfScores;
  /** 评议得分 column in 民主评议. */
  boolean evaluationScore;
  /** 版本 line on the cover. */
  boolean coverVersion;
  /** 积分明细 sorted by date instead of grouped by member. */
  boolean entriesByDate;
  /** Extra 填表说明 sheet (ignored by ingestion). */
  boolean instructionsSheet;
  /** Blank rows sprinkled between data rows. */
  boolean blankRows;
  /** CSVs inside the zip sit in a folder named after the export. */
  boolean zipFolder;
  /** Party groups left blank even though the branch has them. */
  boolean noGroups;
  /** Seed of the branch's column order. */
  long columnSeed;
}
