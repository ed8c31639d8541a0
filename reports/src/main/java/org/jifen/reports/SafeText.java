package org.jifen.reports;

/**
 * Neutralises text that a spreadsheet would run as a formula (OWASP "CSV injection"): a value
 * starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return gets a
 * leading apostrophe, so it stays visible as text in the cell and in any CSV exported from it.
 * Organization names and 填表人 come from branches and the org tree, so every text cell built
 * from mart data goes through {@link #cell(String)}.
 */
public final class SafeText {
  private SafeText() {}

  /** The prefix put before a dangerous value. */
  static final char QUOTE = '\'';

  /** The most characters an xlsx cell holds (Excel's limit; POI refuses more). */
  public static final int MAX_CELL = 32_767;

  /**
   * The text as it may go into a cell; null stays null. Text longer than a cell holds is cut and
   * ends with "…", so one absurd value never stops a pack.
   */
  public static String cell(String text) {
    return fit(neutral(text));
  }

  /**
   * The text with a leading apostrophe when a spreadsheet would run it as a formula
   * ({@link #formulaLike(String)}), else unchanged; null stays null. The one rule for every CSV
   * field and text cell jifen writes (CSV has no cell limit, so nothing is cut).
   */
  public static String neutral(String text) {
    return formulaLike(text) ? QUOTE + text : text;
  }

  /**
   * True when a spreadsheet would read the text as a formula: it starts with {@code =}, {@code +},
   * {@code -}, {@code @} (or their full-width forms), a tab or a carriage return.
   */
  public static boolean formulaLike(String text) {
    return text != null && !text.isEmpty() && dangerous(text.charAt(0));
  }

  /**
   * The text cut to what an xlsx cell holds ({@value #MAX_CELL} characters, the last one "…"),
   * never splitting a surrogate pair; null and shorter text unchanged.
   */
  public static String fit(String text) {
    if (text == null || text.length() <= MAX_CELL) {
      return text;
    }
    int cut = MAX_CELL - 1;
    if (Character.isHighSurrogate(text.charAt(cut - 1))) {
      cut--;
    }
    return text.substring(0, cut) + "…";
  }

  /** True when a cell starting with {@code c} could be read as a formula. */
  static boolean dangerous(char c) {
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'
        || c == '＝' || c == '＋' || c == '－' || c == '＠';
  }
}
