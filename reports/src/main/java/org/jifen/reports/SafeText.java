package org.jifen.reports;

/**
 * Neutralises text that a spreadsheet would run as a formula (OWASP "CSV injection"): a value
 * starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return gets a
 * leading apostrophe, so it stays visible as text in the cell and in any CSV exported from it.
 * Organization names and 填表人 come from branches and the org tree, so every text cell built
 * from mart data goes through {@link #cell(String)}.
 */
final class SafeText {
  private SafeText() {}

  /** The prefix put before a dangerous value. */
  static final char QUOTE = '\'';

  /** The text as it may go into a cell; null stays null. */
  static String cell(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    return dangerous(text.charAt(0)) ? QUOTE + text : text;
  }

  /** True when a cell starting with {@code c} could be read as a formula. */
  static boolean dangerous(char c) {
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'
        || c == '＝' || c == '＋' || c == '－' || c == '＠';
  }
}
