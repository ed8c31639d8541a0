package org.jifen.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers and periods written the way a Chinese organization department writes them in a report:
 * {@code 95.3%}, {@code 1,234名}, {@code 86.12分}, {@code 2.1个百分点}, {@code 2025年第二季度}.
 * Rates arrive from the mart rounded to four decimals and are shown as percentages with one
 * decimal (DOMAIN §8 "Numbers"); rounding is half-up on the exact decimal.
 */
public final class Zh {
  private Zh() {}

  static final String NONE = "—";
  private static final String[] QUARTER_NAMES = {"一", "二", "三", "四"};
  private static final Pattern QUARTER = Pattern.compile("(\\d{4})Q([1-4])");
  private static final Pattern HALF = Pattern.compile("(\\d{4})H([12])");
  private static final Pattern YEAR = Pattern.compile("\\d{4}");
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  /** {@code 1,234}. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** {@code 1,234名}. */
  static String persons(long n) {
    return count(n) + "名";
  }

  /** A rate or share (0.9533) as {@code 95.3%}; {@code —} when null. */
  static String pct(BigDecimal rate) {
    if (rate == null) {
      return NONE;
    }
    return rate.multiply(HUNDRED).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
  }

  /** A rate as a percentage number with one decimal (95.3), for charts. */
  static BigDecimal pctValue(BigDecimal rate) {
    return rate == null ? null : rate.multiply(HUNDRED).setScale(1, RoundingMode.HALF_UP);
  }

  /** A change of a rate in percentage points, absolute value, one decimal: {@code 2.1}. */
  static String points(BigDecimal change) {
    return change.abs().multiply(HUNDRED).setScale(1, RoundingMode.HALF_UP).toPlainString();
  }

  /** A mean, median or quartile (two decimals): {@code 86.12分}; {@code —} when null. */
  static String mean(BigDecimal v) {
    return v == null ? NONE : v.setScale(2, RoundingMode.HALF_UP).toPlainString() + "分";
  }

  /** A published score (one decimal): {@code 86.1分}; {@code —} when null. */
  static String score(BigDecimal v) {
    return v == null ? NONE : v.setScale(1, RoundingMode.HALF_UP).toPlainString() + "分";
  }

  /** A plain decimal with the given scale, no unit; {@code —} when null. */
  static String num(BigDecimal v, int scale) {
    return v == null ? NONE : v.setScale(scale, RoundingMode.HALF_UP).toPlainString();
  }

  /** "上升1.23分" / "下降0.50分" / "持平" for a change of a mean score. */
  static String meanChange(BigDecimal change) {
    int sign = change.signum();
    if (sign == 0) {
      return "持平";
    }
    return (sign > 0 ? "上升" : "下降") + change.abs().setScale(2, RoundingMode.HALF_UP).toPlainString() + "分";
  }

  /** "提高2.1个百分点" / "降低0.5个百分点" / "持平" for a change of a rate or share. */
  static String shareChange(BigDecimal change) {
    if (change.multiply(HUNDRED).setScale(1, RoundingMode.HALF_UP).signum() == 0) {
      return "持平";
    }
    return (change.signum() > 0 ? "提高" : "降低") + points(change) + "个百分点";
  }

  /** The label of a period id: {@code 2025年第二季度}, {@code 2025年上半年}, {@code 2025年度}. */
  public static String periodLabel(String period) {
    Matcher q = QUARTER.matcher(period);
    if (q.matches()) {
      return q.group(1) + "年第" + QUARTER_NAMES[Integer.parseInt(q.group(2)) - 1] + "季度";
    }
    Matcher h = HALF.matcher(period);
    if (h.matches()) {
      return h.group(1) + "年" + ("1".equals(h.group(2)) ? "上半年" : "下半年");
    }
    if (YEAR.matcher(period).matches()) {
      return period + "年度";
    }
    return period;
  }

  /** A short label for chart axes: {@code 2025年一季度}. */
  static String shortQuarter(String period) {
    Matcher q = QUARTER.matcher(period);
    if (q.matches()) {
      return q.group(1) + "年" + QUARTER_NAMES[Integer.parseInt(q.group(2)) - 1] + "季度";
    }
    return periodLabel(period);
  }

  /** {@code 第一季度} for quarter 1. */
  static String quarterName(int quarter) {
    return "第" + QUARTER_NAMES[quarter - 1] + "季度";
  }

  /** A date and time in the report's zone: {@code 2025年7月15日 10:30}. */
  static String dateTime(Instant t, ZoneId zone) {
    return t == null ? NONE : DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm", Locale.ROOT).format(t.atZone(zone));
  }

  /** A date and time without the year, for tables whose rows name the quarter: {@code 7月15日 10:30}. */
  static String monthDayTime(Instant t, ZoneId zone) {
    return t == null ? NONE : DateTimeFormatter.ofPattern("M月d日 HH:mm", Locale.ROOT).format(t.atZone(zone));
  }

  /** A date in the report's zone: {@code 2025年7月15日}. */
  static String date(Instant t, ZoneId zone) {
    return t == null ? NONE : DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.ROOT).format(t.atZone(zone));
  }

  private static final BigDecimal ONE_IN_A_MILLION = new BigDecimal("0.000001");
  private static final BigDecimal ONE_IN_TEN_THOUSAND = new BigDecimal("0.0001");
  private static final BigDecimal ONE_IN_A_THOUSAND = new BigDecimal("0.001");

  /**
   * How likely a signal is by chance, in the one wording every leader document uses (the Word
   * report's prose and table and the workbook's 需关注支部 sheet): {@code 不足百万分之一},
   * {@code 不足万分之一}, {@code 不足千分之一}, or {@code 约0.4%}; null when there is no p-value.
   */
  static String chance(BigDecimal p) {
    if (p == null) {
      return null;
    }
    if (p.compareTo(ONE_IN_A_MILLION) < 0) {
      return "不足百万分之一";
    }
    if (p.compareTo(ONE_IN_TEN_THOUSAND) < 0) {
      return "不足万分之一";
    }
    if (p.compareTo(ONE_IN_A_THOUSAND) < 0) {
      return "不足千分之一";
    }
    return "约" + pct(p);
  }

  /** Items joined with the Chinese enumeration comma: {@code 甲、乙、丙}. */
  static String enumerate(List<String> items) {
    return String.join("、", items);
  }
}
