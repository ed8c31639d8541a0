package org.jifen.history;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import org.jifen.ingest.ConformFunctions;

/**
 * What changed in one member's 积分明细 rows between two versions of a ledger, entry by entry
 * (date, item code, points, 依据): equal rows pair off first, then rows that agree on date and item
 * are taken as the same entry changed (the points, the 依据, or both), and what is left was added
 * or removed. Rows are compared as the branch wrote them, read the way ingestion reads them.
 */
public final class EntryDiff {
  private EntryDiff() {}

  /** Kinds of change, in Chinese as the appeal file shows them. */
  public static final String ADDED = "新增";
  public static final String REMOVED = "删除";
  public static final String POINTS = "分值变更";
  public static final String BASIS = "依据变更";
  public static final String POINTS_AND_BASIS = "分值和依据变更";

  /**
   * One entry row as written in a version.
   *
   * @param date ISO date, or the text as written when it is not a date
   * @param points the 分值 normalised ({@code -5}, {@code 2.5}), the text as written when it is not
   *     a number, null when blank
   */
  public record Row(String date, String itemCode, String points, String basis) {
    /** A row from the raw cell texts of a bronze 积分明细 row. */
    public static Row fromCells(String date, String itemCode, String points, String basis) {
      return new Row(normalDate(date), blankToNull(itemCode == null ? null : itemCode.strip().toUpperCase(
          java.util.Locale.ROOT)), normalPoints(points), blankToNull(basis));
    }
  }

  /** One difference; {@code before} is null for an added row, {@code after} for a removed one. */
  public record Change(String kind, Row before, Row after) {
    /** The row the change is about (the later one, or the removed one). */
    public Row row() {
      return after != null ? after : before;
    }
  }

  /** The changes from {@code before} to {@code after}, by date, item and kind. */
  public static List<Change> diff(List<Row> before, List<Row> after) {
    List<Row> b = new ArrayList<>(before);
    List<Row> a = new ArrayList<>(after);
    pair(b, a, Objects::equals, null, new ArrayList<>());
    List<Change> out = new ArrayList<>();
    pair(b, a, (x, y) -> same(x, y) && Objects.equals(x.basis(), y.basis()), POINTS, out);
    pair(b, a, (x, y) -> same(x, y) && Objects.equals(x.points(), y.points()), BASIS, out);
    pair(b, a, EntryDiff::same, POINTS_AND_BASIS, out);
    b.forEach(x -> out.add(new Change(REMOVED, x, null)));
    a.forEach(y -> out.add(new Change(ADDED, null, y)));
    out.sort(Comparator.comparing((Change c) -> nz(c.row().date())).thenComparing(c -> nz(c.row().itemCode()))
        .thenComparing(Change::kind));
    return out;
  }

  /** "新增1条、删除1条" style summary; empty when nothing changed. */
  public static String summary(List<Change> changes) {
    List<String> parts = new ArrayList<>();
    for (String kind : List.of(ADDED, REMOVED, POINTS, BASIS, POINTS_AND_BASIS)) {
      long n = changes.stream().filter(c -> c.kind().equals(kind)).count();
      if (n > 0) {
        parts.add(kind + n + "条");
      }
    }
    return String.join("、", parts);
  }

  /** Same entry: the same date and item. */
  private static boolean same(Row x, Row y) {
    return Objects.equals(x.date(), y.date()) && Objects.equals(x.itemCode(), y.itemCode());
  }

  /** Pairs rows of {@code b} and {@code a} that match, first come first paired; records them as {@code kind}. */
  private static void pair(List<Row> b, List<Row> a, BiPredicate<Row, Row> match, String kind, List<Change> out) {
    for (int i = 0; i < b.size(); ) {
      int j = 0;
      while (j < a.size() && !match.test(b.get(i), a.get(j))) {
        j++;
      }
      if (j < a.size()) {
        if (kind != null) {
          out.add(new Change(kind, b.get(i), a.get(j)));
        }
        b.remove(i);
        a.remove(j);
      } else {
        i++;
      }
    }
  }

  private static String normalDate(String text) {
    LocalDate d = ConformFunctions.parseDate(text);
    return d != null ? d.toString() : blankToNull(text);
  }

  private static String normalPoints(String text) {
    BigDecimal n = ConformFunctions.parseNumber(text);
    if (n != null) {
      return n.signum() == 0 ? "0" : n.stripTrailingZeros().toPlainString();
    }
    return blankToNull(text);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
