package org.jifen.samples;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The four quarters of the generated year and their deadlines (DOMAIN §8). */
final class Periods {
  static final int YEAR = 2025;
  static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
  /** Days after quarter end by which a ledger is due (at 23:59:59 UTC+8). */
  static final int DEADLINE_DAYS = 10;

  private Periods() {}

  static String name(int quarter) {
    return YEAR + "Q" + quarter;
  }

  static LocalDate start(int quarter) {
    return LocalDate.of(YEAR, 3 * quarter - 2, 1);
  }

  static LocalDate end(int quarter) {
    return start(quarter).plusMonths(3).minusDays(1);
  }

  static OffsetDateTime deadline(int quarter) {
    return end(quarter).plusDays(DEADLINE_DAYS).atTime(23, 59, 59).atOffset(CHINA);
  }
}
