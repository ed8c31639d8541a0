package org.jifen.stats;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of the branch attention signals ("favour points", DOMAIN §7). A signal fires when the
 * branch's figure is unlikely by chance for a branch of its size: its p-value, after the
 * Benjamini–Hochberg correction over the branches tested in the same period, is at most
 * {@code significance}. Each key sits next to its default; {@link #with(Map)} overrides by key,
 * e.g. {@code significance=0.05}.
 *
 * @param minMembers graded members a branch needs before any signal is tested on it
 * @param minEntries entries (with a 自评分, for the self-score signal) the entry signals need
 * @param significance the false discovery rate of each signal over a period's branches
 * @param boundaryWidth points above a grade's lower bound that count as "just made it"
 * @param lateDays the last days of the quarter that count as "registered at the end"
 * @param spreadResamples random branches of the same size drawn to test a branch's spread; the
 *     spread's p-value is never below 1 / (spreadResamples + 1)
 */
public record AttentionThresholds(int minMembers, int minEntries, BigDecimal significance, BigDecimal boundaryWidth,
    int lateDays, int spreadResamples) {

  public static final String MIN_MEMBERS = "min-members";
  public static final int MIN_MEMBERS_DEFAULT = 5;
  public static final String MIN_ENTRIES = "min-entries";
  public static final int MIN_ENTRIES_DEFAULT = 10;
  public static final String SIGNIFICANCE = "significance";
  public static final BigDecimal SIGNIFICANCE_DEFAULT = new BigDecimal("0.01");
  public static final String BOUNDARY_WIDTH = "boundary-width";
  public static final BigDecimal BOUNDARY_WIDTH_DEFAULT = new BigDecimal("2.0");
  public static final String LATE_DAYS = "late-days";
  public static final int LATE_DAYS_DEFAULT = 7;
  public static final String SPREAD_RESAMPLES = "spread-resamples";
  public static final int SPREAD_RESAMPLES_DEFAULT = 9999;
  /** More resamples than this would hold too many spreads per branch size in memory. */
  static final int SPREAD_RESAMPLES_MAX = 1_000_000;

  public static final AttentionThresholds DEFAULTS = new AttentionThresholds(MIN_MEMBERS_DEFAULT,
      MIN_ENTRIES_DEFAULT, SIGNIFICANCE_DEFAULT, BOUNDARY_WIDTH_DEFAULT, LATE_DAYS_DEFAULT, SPREAD_RESAMPLES_DEFAULT);

  public AttentionThresholds {
    positive(MIN_MEMBERS, BigDecimal.valueOf(minMembers));
    positive(MIN_ENTRIES, BigDecimal.valueOf(minEntries));
    positive(LATE_DAYS, BigDecimal.valueOf(lateDays));
    positive(BOUNDARY_WIDTH, boundaryWidth);
    if (significance == null || significance.signum() <= 0 || significance.compareTo(new BigDecimal("0.5")) > 0) {
      throw new IllegalArgumentException("Attention threshold " + SIGNIFICANCE
          + " must be above 0 and at most 0.5, got " + significance);
    }
    if (spreadResamples < 99 || spreadResamples > SPREAD_RESAMPLES_MAX) {
      throw new IllegalArgumentException("Attention threshold " + SPREAD_RESAMPLES + " must be between 99 and "
          + SPREAD_RESAMPLES_MAX + ", got " + spreadResamples);
    }
  }

  /** These thresholds with some overridden by key; unknown keys and bad values fail with the key named. */
  public AttentionThresholds with(Map<String, String> overrides) {
    Map<String, String> v = new LinkedHashMap<>(asMap());
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      if (!v.containsKey(e.getKey())) {
        throw new IllegalArgumentException("Unknown attention threshold '" + e.getKey() + "' (expected one of "
            + String.join(", ", v.keySet()) + ")");
      }
      v.put(e.getKey(), e.getValue().strip());
    }
    try {
      return new AttentionThresholds(Integer.parseInt(v.get(MIN_MEMBERS)), Integer.parseInt(v.get(MIN_ENTRIES)),
          new BigDecimal(v.get(SIGNIFICANCE)), new BigDecimal(v.get(BOUNDARY_WIDTH)),
          Integer.parseInt(v.get(LATE_DAYS)), Integer.parseInt(v.get(SPREAD_RESAMPLES)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Attention thresholds must be numbers: " + overrides, e);
    }
  }

  /** The thresholds by key, in declaration order. */
  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(MIN_MEMBERS, String.valueOf(minMembers));
    m.put(MIN_ENTRIES, String.valueOf(minEntries));
    m.put(SIGNIFICANCE, significance.toPlainString());
    m.put(BOUNDARY_WIDTH, boundaryWidth.toPlainString());
    m.put(LATE_DAYS, String.valueOf(lateDays));
    m.put(SPREAD_RESAMPLES, String.valueOf(spreadResamples));
    return m;
  }

  private static void positive(String key, BigDecimal v) {
    if (v == null || v.signum() <= 0) {
      throw new IllegalArgumentException("Attention threshold " + key + " must be positive, got " + v);
    }
  }
}
