package org.jifen.stats;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thresholds of the branch attention signals ("favour points", DOMAIN §7). Each key sits next to
 * its default; {@link #with(Map)} overrides by key, e.g. {@code excellent-share-margin=0.25}.
 *
 * @param minMembers graded members a branch needs before any signal may flag it
 * @param minEntries entries (with a 自评分, for the self-score signal) the entry signals need
 * @param excellentShareMargin how far above the district's top-grade share fires
 * @param spreadRatio spread at or below this fraction of the branches' median spread fires
 * @param boundaryWidth points above a grade's lower bound that count as "just made it"
 * @param boundaryMargin how far above the district's share of such scores fires
 * @param selfScoreEqualShare share of entries with 自评分 = 分值 that fires
 * @param lateDays the last days of the quarter that count as "registered at the end"
 * @param lateShare share of entries registered in those days that fires
 */
public record AttentionThresholds(int minMembers, int minEntries, BigDecimal excellentShareMargin,
    BigDecimal spreadRatio, BigDecimal boundaryWidth, BigDecimal boundaryMargin, BigDecimal selfScoreEqualShare,
    int lateDays, BigDecimal lateShare) {

  public static final String MIN_MEMBERS = "min-members";
  public static final int MIN_MEMBERS_DEFAULT = 5;
  public static final String MIN_ENTRIES = "min-entries";
  public static final int MIN_ENTRIES_DEFAULT = 10;
  public static final String EXCELLENT_SHARE_MARGIN = "excellent-share-margin";
  public static final BigDecimal EXCELLENT_SHARE_MARGIN_DEFAULT = new BigDecimal("0.30");
  public static final String SPREAD_RATIO = "spread-ratio";
  public static final BigDecimal SPREAD_RATIO_DEFAULT = new BigDecimal("0.25");
  public static final String BOUNDARY_WIDTH = "boundary-width";
  public static final BigDecimal BOUNDARY_WIDTH_DEFAULT = new BigDecimal("2.0");
  public static final String BOUNDARY_MARGIN = "boundary-margin";
  public static final BigDecimal BOUNDARY_MARGIN_DEFAULT = new BigDecimal("0.30");
  public static final String SELF_SCORE_EQUAL_SHARE = "self-score-equal-share";
  public static final BigDecimal SELF_SCORE_EQUAL_SHARE_DEFAULT = new BigDecimal("0.95");
  public static final String LATE_DAYS = "late-days";
  public static final int LATE_DAYS_DEFAULT = 7;
  public static final String LATE_SHARE = "late-share";
  public static final BigDecimal LATE_SHARE_DEFAULT = new BigDecimal("0.90");

  public static final AttentionThresholds DEFAULTS = new AttentionThresholds(MIN_MEMBERS_DEFAULT,
      MIN_ENTRIES_DEFAULT, EXCELLENT_SHARE_MARGIN_DEFAULT, SPREAD_RATIO_DEFAULT, BOUNDARY_WIDTH_DEFAULT,
      BOUNDARY_MARGIN_DEFAULT, SELF_SCORE_EQUAL_SHARE_DEFAULT, LATE_DAYS_DEFAULT, LATE_SHARE_DEFAULT);

  public AttentionThresholds {
    positive(MIN_MEMBERS, BigDecimal.valueOf(minMembers));
    positive(MIN_ENTRIES, BigDecimal.valueOf(minEntries));
    positive(LATE_DAYS, BigDecimal.valueOf(lateDays));
    share(EXCELLENT_SHARE_MARGIN, excellentShareMargin);
    share(SPREAD_RATIO, spreadRatio);
    positive(BOUNDARY_WIDTH, boundaryWidth);
    share(BOUNDARY_MARGIN, boundaryMargin);
    share(SELF_SCORE_EQUAL_SHARE, selfScoreEqualShare);
    share(LATE_SHARE, lateShare);
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
          new BigDecimal(v.get(EXCELLENT_SHARE_MARGIN)), new BigDecimal(v.get(SPREAD_RATIO)),
          new BigDecimal(v.get(BOUNDARY_WIDTH)), new BigDecimal(v.get(BOUNDARY_MARGIN)),
          new BigDecimal(v.get(SELF_SCORE_EQUAL_SHARE)), Integer.parseInt(v.get(LATE_DAYS)),
          new BigDecimal(v.get(LATE_SHARE)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Attention thresholds must be numbers: " + overrides, e);
    }
  }

  /** The thresholds by key, in declaration order. */
  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(MIN_MEMBERS, String.valueOf(minMembers));
    m.put(MIN_ENTRIES, String.valueOf(minEntries));
    m.put(EXCELLENT_SHARE_MARGIN, excellentShareMargin.toPlainString());
    m.put(SPREAD_RATIO, spreadRatio.toPlainString());
    m.put(BOUNDARY_WIDTH, boundaryWidth.toPlainString());
    m.put(BOUNDARY_MARGIN, boundaryMargin.toPlainString());
    m.put(SELF_SCORE_EQUAL_SHARE, selfScoreEqualShare.toPlainString());
    m.put(LATE_DAYS, String.valueOf(lateDays));
    m.put(LATE_SHARE, lateShare.toPlainString());
    return m;
  }

  private static void positive(String key, BigDecimal v) {
    if (v == null || v.signum() <= 0) {
      throw new IllegalArgumentException("Attention threshold " + key + " must be positive, got " + v);
    }
  }

  private static void share(String key, BigDecimal v) {
    if (v == null || v.signum() < 0 || v.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException("Attention threshold " + key + " must be between 0 and 1, got " + v);
    }
  }
}
