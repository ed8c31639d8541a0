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
  static final int MAX_CELL = 32_767;

  /**
   * The text as it may go into a cell; null stays null. Text longer than a cell holds is cut and
   * ends with "…", so one absurd value never stops a pack.
   */
  public static String cell(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String safe = dangerous(text.charAt(0)) ? QUOTE + text : text;
    if (safe.length() > MAX_CELL) {
      int cut = MAX_CELL - 1;
      if (Character.isHighSurrogate(safe.charAt(cut - 1))) {
        cut--;
      }
      safe = safe.substring(0, cut) + "…";
    }
    return safe;
  }

  /** True when a cell starting with {@code c} could be read as a formula. */
  static boolean dangerous(char c) {
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'
        || c == '＝' || c == '＋' || c == '－' || c == '＠';
  }
}
