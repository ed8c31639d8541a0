package org.jifen.score;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scoring period: a quarter ({@code 2025Q2}) or a year ({@code 2025}).
 *
 * @param quarter 1–4, or null for the year
 */
public record Period(int year, Integer quarter) {
  private static final Pattern FORMAT = Pattern.compile("(\\d{4})(?:[Qq]([1-4]))?");

  public Period {
    if (year < 1900 || year > 2999) {
      throw new IllegalArgumentException("year " + year + " is out of range");
    }
    if (quarter != null && (quarter < 1 || quarter > 4)) {
      throw new IllegalArgumentException("quarter " + quarter + " is not 1-4");
    }
  }

  /** Parses {@code 2025Q2} or {@code 2025}; anything else is rejected with a message naming it. */
  public static Period parse(String text) {
    Matcher m = FORMAT.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("period '" + text + "' is neither a quarter like 2025Q2 nor a year like 2025");
    }
    return new Period(Integer.parseInt(m.group(1)), m.group(2) == null ? null : Integer.parseInt(m.group(2)));
  }

  public boolean annual() {
    return quarter == null;
  }

  /** {@code 2025Q2} or {@code 2025}, as stored in the {@code period} column. */
  @Override
  public String toString() {
    return annual() ? Integer.toString(year) : year + "Q" + quarter;
  }
}
