package org.jifen.ingest;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/**
 * Cell-text parsers the conform SQL uses: {@code ledger_date(text)} and {@code ledger_number(text)}.
 * Both return null for anything they cannot read exactly; the SQL turns that into a located
 * quarantine reason.
 */
public final class ConformFunctions {
  /** Decimal type of points and scores in silver. */
  public static final int POINTS_PRECISION = 10;
  public static final int POINTS_SCALE = 2;

  private static final Pattern DATE = Pattern.compile(
      "(\\d{4})\\s*(?:[-/.]|年)\\s*(\\d{1,2})\\s*(?:[-/.]|月)\\s*(\\d{1,2})\\s*日?(?:[ T].*)?");
  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");

  private ConformFunctions() {}

  /** Registers the functions on the session (idempotent). */
  public static void register(SparkSession spark) {
    if (spark.catalog().functionExists("ledger_date")) {
      return;
    }
    spark.udf().register("ledger_date", (UDF1<String, Date>) ConformFunctions::parseDateSql, DataTypes.DateType);
    spark.udf().register("ledger_number", (UDF1<String, BigDecimal>) ConformFunctions::parseNumber,
        DataTypes.createDecimalType(POINTS_PRECISION, POINTS_SCALE));
  }

  private static Date parseDateSql(String text) {
    LocalDate d = parseDate(text);
    return d == null ? null : Date.valueOf(d);
  }

  /** A ledger date in any DOMAIN §4 form ({@code 2025-03-05}, {@code 2025/3/5}, {@code 2025年3月5日}), or null. */
  public static LocalDate parseDate(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = DATE.matcher(text.strip());
    if (!m.matches()) {
      return null;
    }
    try {
      return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    } catch (DateTimeException e) {
      return null;
    }
  }

  /**
   * A signed decimal with at most two decimals; full-width digits and signs and the Unicode minus
   * are accepted. Null for blank text, words ("三分"), or more decimals than silver keeps.
   */
  public static BigDecimal parseNumber(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder(text.length());
    for (char c : text.strip().toCharArray()) {
      if (c >= '０' && c <= '９') {
        sb.append((char) ('0' + (c - '０')));
      } else if (c == '－' || c == '−' || c == '—') {
        sb.append('-');
      } else if (c == '＋') {
        sb.append('+');
      } else if (c == '．') {
        sb.append('.');
      } else {
        sb.append(c);
      }
    }
    String s = sb.toString();
    if (!NUMBER.matcher(s).matches()) {
      return null;
    }
    BigDecimal v = new BigDecimal(s.startsWith("+") ? s.substring(1) : s).stripTrailingZeros();
    if (v.scale() > POINTS_SCALE || v.precision() - v.scale() > POINTS_PRECISION - POINTS_SCALE) {
      return null;
    }
    return v.setScale(POINTS_SCALE);
  }
}
