package org.jifen.reports;

import org.jfree.data.general.Dataset;

/**
 * One chart of a pack: its file under {@code charts/}, its Chinese title, and the dataset it was
 * drawn from (a {@link org.jfree.data.category.CategoryDataset} whose row keys are series, e.g.
 * grades, and column keys categories, e.g. subordinate organizations), so callers and tests can
 * compare what is drawn with the mart.
 *
 * @param file file name, ASCII, e.g. {@code grades-by-subordinate.png}
 * @param title the chart's title as printed
 * @param dataset the values drawn
 * @param widthPx width of the PNG in pixels
 * @param heightPx height of the PNG in pixels
 * @param marks text drawn at a category instead of its bar (column key → text), e.g. {@code 未报送} at a
 *     subordinate none of whose ledgers came in; empty when none
 */
public record PackChart(String file, String title, Dataset dataset, int widthPx, int heightPx,
    java.util.Map<String, String> marks) {

  public PackChart {
    marks = marks == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(marks));
  }

  /** A chart without marks. */
  public PackChart(String file, String title, Dataset dataset, int widthPx, int heightPx) {
    this(file, title, dataset, widthPx, heightPx, java.util.Map.of());
  }
}
