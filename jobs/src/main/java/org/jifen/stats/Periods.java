package org.jifen.stats;

import java.util.regex.Pattern;

/** Period keys: quarters {@code 2025Q2}, half-years {@code 2025H1} (统计表一/二), years {@code 2025}. */
final class Periods {
  static final Pattern QUARTER = Pattern.compile("(\\d{4})Q([1-4])");
  static final Pattern YEAR = Pattern.compile("\\d{4}");

  private Periods() {}

  static boolean isQuarter(String p) {
    return QUARTER.matcher(p).matches();
  }

  static boolean isYear(String p) {
    return YEAR.matcher(p).matches();
  }

  static int year(String p) {
    return Integer.parseInt(p.substring(0, 4));
  }

  static int quarter(String p) {
    return p.charAt(5) - '0';
  }

  static String quarter(int year, int quarter) {
    return year + "Q" + quarter;
  }

  /** The quarter after {@code q} (2025Q4 → 2026Q1). */
  static String next(String q) {
    return quarter(q) == 4 ? quarter(year(q) + 1, 1) : quarter(year(q), quarter(q) + 1);
  }

  /** The other quarter of the same half-year. */
  static String halfSibling(String q) {
    int n = quarter(q);
    return quarter(year(q), n % 2 == 1 ? n + 1 : n - 1);
  }

  /** The half-year of a quarter: {@code 2025H1} for Q1 and Q2. */
  static String half(String q) {
    return year(q) + "H" + (quarter(q) <= 2 ? 1 : 2);
  }
}
