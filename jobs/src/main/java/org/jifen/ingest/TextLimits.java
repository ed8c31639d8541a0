package org.jifen.ingest;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The longest text ingest accepts per ledger column (DOMAIN §4 columns and cover labels): a longer
 * value is taken as a paste error or a hostile file and its row quarantined ({@code VALUE_TOO_LONG},
 * with the column and the length found), or the whole file rejected when it is on the cover.
 * Extra columns are ignored by ingest and so are not checked.
 *
 * @param defaultMax the limit of every known column not named in {@code perColumn}
 * @param perColumn limits of single columns, by their Chinese header label
 */
public record TextLimits(int defaultMax, Map<String, Integer> perColumn) {
  /** Names, codes, dates, numbers: 1,000 characters. */
  public static final int DEFAULT_MAX = 1_000;
  /** Free text (依据 of an entry, 说明 of an action): 10,000 characters. */
  public static final int FREE_TEXT_MAX = 10_000;
  /** The largest limit that may be configured (a cell of xlsx holds at most 32,767 characters). */
  public static final int CEILING = 1_000_000;

  /** Every column and cover label of a ledger (DOMAIN §4) that ingest reads. */
  public static final Set<String> COLUMNS = Set.copyOf(List.of(
      "支部编码", "支部名称", "上级党组织", "年度", "季度", "填表人", "填表日期", "版本",
      "党员编号", "姓名", "身份证号", "性别", "出生日期", "入党日期", "党员身份", "党员类别", "参加积分管理", "未参加原因",
      "党小组", "日期", "项目编码", "分值", "依据", "登记人", "自评分", "党小组初评分", "评议等次", "评议得分", "处置类型",
      "说明"));

  /** The defaults: 1,000 characters, 10,000 for 依据 and 说明 (after {@link #COLUMNS}, which it needs). */
  public static final TextLimits DEFAULTS = new TextLimits(DEFAULT_MAX, Map.of("依据", FREE_TEXT_MAX, "说明", FREE_TEXT_MAX));

  public TextLimits {
    perColumn = Map.copyOf(new TreeMap<>(perColumn));
    check("default", defaultMax);
    for (Map.Entry<String, Integer> e : perColumn.entrySet()) {
      if (!COLUMNS.contains(e.getKey())) {
        throw new IllegalArgumentException("text_limits: `" + e.getKey() + "` is not a ledger column (expected one of "
            + String.join(", ", new java.util.TreeSet<>(COLUMNS)) + ", or `default`)");
      }
      check(e.getKey(), e.getValue());
    }
  }

  private static void check(String column, int max) {
    if (max < 1 || max > CEILING) {
      throw new IllegalArgumentException("text_limits: " + column + " must be 1-" + CEILING + " characters, got " + max);
    }
  }

  /** The limit of a known column. */
  public int maxFor(String column) {
    return perColumn.getOrDefault(column, defaultMax);
  }

  /** The same limits with one column's changed ({@code default} changes the default). */
  public TextLimits with(String column, int max) {
    if (column.equals("default")) {
      return new TextLimits(max, perColumn);
    }
    Map<String, Integer> m = new TreeMap<>(perColumn);
    m.put(column, max);
    return new TextLimits(defaultMax, m);
  }

  /**
   * A Spark SQL expression over a bronze row's {@code fields} map: null when every known column is
   * within its limit, else {@code struct(column, chars, max)} of the first (in the row's column
   * order) that is not.
   */
  String overLimitSql() {
    String limits = COLUMNS.stream().sorted()
        .map(c -> "'" + c + "', " + maxFor(c)).collect(Collectors.joining(", "));
    return "try_element_at(filter(transform(map_entries(fields), e -> named_struct('column', e.key, "
        + "'chars', char_length(e.value), 'max', try_element_at(map(" + limits + "), e.key))), "
        + "x -> x.chars > x.max), 1)";
  }
}
