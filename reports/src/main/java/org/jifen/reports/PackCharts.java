package org.jifen.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.ExtendedCategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.CategoryItemLabelGenerator;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jifen.reports.PackData.Stats;
import org.jifen.reports.PackData.Sub;

/**
 * The charts of a pack: datasets built from {@link PackData} (so they can be compared with the
 * mart) and drawn with the CJK font at print resolution ({@value #SCALE}× a
 * {@value #WIDTH}-point-wide canvas).
 */
final class PackCharts {
  /** Canvas width in points: about the width the report prints the chart at, so labels print at their size. */
  static final int WIDTH = 640;
  static final int SCALE = 3;

  static final String GRADES_BY_SUBORDINATE = "grades-by-subordinate.png";
  static final String SCORE_HISTOGRAM = "score-histogram.png";
  static final String PARTICIPATION = "participation-by-subordinate.png";
  static final String TREND_MEAN = "trend-mean-score.png";
  static final String TREND_SHARES = "trend-grade-shares.png";
  static final String DOMAINS = "domain-comparison.png";

  /** Series key of single-series datasets. */
  static final String MEMBERS = "人数";
  static final String RATE = "参与率（%）";
  static final String MEAN = "平均分";

  /** The mark at a subordinate none of whose expected ledgers came in, drawn where its bar would be. */
  static final String NOT_SUBMITTED = "未报送";
  /** The mark of a branch whose files were all rejected whole (submissions status 'returned'). */
  static final String RETURNED = "报送被退回";
  private static final Color MARK_COLOUR = new Color(0xC0, 0x00, 0x00);

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private PackCharts() {}

  /** A chart with its dataset and the image drawn from it. */
  record Drawn(PackChart chart, byte[] png) {}

  static List<Drawn> draw(PackData d) {
    String subtitle = d.unit().name() + " · " + d.period().label();
    List<Drawn> out = new ArrayList<>();
    out.add(gradesBySubordinate(d, subtitle));
    out.add(histogram(d, subtitle));
    out.add(participation(d, subtitle));
    out.add(trendMean(d, subtitle));
    out.add(trendShares(d, subtitle));
    out.add(domains(d, subtitle));
    return out;
  }

  /** Display names of subordinates, unique (a duplicate name gets its code). */
  static Map<String, String> subordinateLabels(List<Sub> subs) {
    Map<String, String> labels = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (Sub s : subs) {
      String name = s.org().name();
      labels.put(s.org().code(), seen.add(name) ? name : name + "（" + s.org().code() + "）");
    }
    return labels;
  }

  /**
   * {@value #NOT_SUBMITTED} per subordinate label for every subordinate that was expected to submit
   * ledgers in the period and submitted none (a branch that missed the quarter, a 党总支 or committee
   * none of whose branches submitted, a branch that missed the whole year), so the chart shows why
   * its bar is empty.
   */
  static Map<String, String> notSubmittedMarks(PackData d) {
    Map<String, String> labels = subordinateLabels(d.subordinates());
    Map<String, String> marks = new LinkedHashMap<>();
    java.util.Set<String> returned = returnedOnly(d);
    for (Sub s : d.subordinates()) {
      if (submittedNothing(s.stats())) {
        marks.put(labels.get(s.org().code()), returned.contains(s.org().code()) ? RETURNED : NOT_SUBMITTED);
      }
    }
    return marks;
  }

  /** Branches whose every unsubmitted ledger of the period was returned (files rejected whole), none missing. */
  static java.util.Set<String> returnedOnly(PackData d) {
    java.util.Set<String> returned = new java.util.HashSet<>();
    java.util.Set<String> missing = new java.util.HashSet<>();
    for (PackData.Gap g : d.gaps()) {
      if ("returned".equals(g.status())) {
        returned.add(g.branchCode());
      } else if ("missing".equals(g.status())) {
        missing.add(g.branchCode());
      }
    }
    returned.removeAll(missing);
    return returned;
  }

  /** True when the node was expected to submit ledgers in the period and every one is missing. */
  static boolean submittedNothing(Stats st) {
    return st.ledgersExpected() != null && st.ledgersExpected() > 0 && st.ledgersMissing() != null
        && st.ledgersMissing().equals(st.ledgersExpected());
  }

  /** Draws each mark at its category, starting at the value axis' origin. */
  private static void drawMarks(CategoryPlot plot, Map<String, String> marks) {
    for (Map.Entry<String, String> m : marks.entrySet()) {
      org.jfree.chart.annotations.CategoryTextAnnotation a =
          new org.jfree.chart.annotations.CategoryTextAnnotation("  " + m.getValue(), m.getKey(), 0.0);
      a.setFont(CjkFonts.font(Font.BOLD, 11f));
      a.setPaint(MARK_COLOUR);
      a.setTextAnchor(TextAnchor.CENTER_LEFT);
      a.setCategoryAnchor(org.jfree.chart.axis.CategoryAnchor.MIDDLE);
      plot.addAnnotation(a);
    }
  }

  // ---- datasets -------------------------------------------------------------------------------

  static DefaultCategoryDataset gradesBySubordinateData(PackData d) {
    DefaultCategoryDataset ds = new DefaultCategoryDataset();
    Map<String, String> labels = subordinateLabels(d.subordinates());
    for (Sub s : d.subordinates()) {
      for (String g : d.gradeNames()) {
        ds.addValue(s.stats().gradeCount(g), g, labels.get(s.org().code()));
      }
    }
    return ds;
  }

  static DefaultCategoryDataset histogramData(PackData d) {
    DefaultCategoryDataset ds = new DefaultCategoryDataset();
    List<Long> h = d.overview().histogram();
    for (int bin = 1; bin <= 21; bin++) {
      long n = h.size() >= bin && h.get(bin - 1) != null ? h.get(bin - 1) : 0L;
      ds.addValue(n, MEMBERS, binLabel(bin));
    }
    return ds;
  }

  /** The label of a histogram bin as in {@code v_score_histogram}: {@code 90–94.9}, {@code ≥100}. */
  static String binLabel(int bin) {
    return bin == 21 ? "≥100" : ((bin - 1) * 5) + "–" + (bin * 5 - 1) + ".9";
  }

  static DefaultCategoryDataset participationData(PackData d) {
    DefaultCategoryDataset ds = new DefaultCategoryDataset();
    Map<String, String> labels = subordinateLabels(d.subordinates());
    for (Sub s : d.subordinates()) {
      BigDecimal r = s.stats().participationRate();
      ds.addValue(r == null ? null : r.multiply(HUNDRED), RATE, labels.get(s.org().code()));
    }
    return ds;
  }

  static DefaultCategoryDataset trendMeanData(PackData d) {
    DefaultCategoryDataset ds = new DefaultCategoryDataset();
    for (Stats s : d.quarterSeries()) {
      ds.addValue(s.scoreMean(), MEAN, Zh.shortQuarter(s.period()));
    }
    return ds;
  }

  static DefaultCategoryDataset trendSharesData(PackData d) {
    DefaultCategoryDataset ds = new DefaultCategoryDataset();
    for (Stats s : d.quarterSeries()) {
      for (String g : d.gradeNames()) {
        BigDecimal share = s.gradeShare(g);
        ds.addValue(share == null ? null : share.multiply(HUNDRED), g, Zh.shortQuarter(s.period()));
      }
    }
    return ds;
  }

  static DefaultCategoryDataset domainData(PackData d) {
    DefaultCategoryDataset ds = new DefaultCategoryDataset();
    for (Stats s : d.domains()) {
      for (String g : d.gradeNames()) {
        BigDecimal share = s.gradeShare(g);
        ds.addValue(share == null ? null : share.multiply(HUNDRED), g, s.cutValue());
      }
    }
    return ds;
  }

  // ---- charts ---------------------------------------------------------------------------------

  private static Drawn gradesBySubordinate(PackData d, String subtitle) {
    DefaultCategoryDataset ds = gradesBySubordinateData(d);
    String title = "各下属党组织党员积分等次分布";
    JFreeChart chart = ChartFactory.createStackedBarChart(title, null, "人数", ds, PlotOrientation.HORIZONTAL,
        true, false, false);
    style(chart, subtitle);
    CategoryPlot plot = chart.getCategoryPlot();
    gradeColours(plot.getRenderer(), ds);
    integerAxis(plot);
    horizontal(plot);
    BarRenderer r = (BarRenderer) plot.getRenderer();
    r.setDefaultItemLabelGenerator(new SegmentLabels(0.07));
    r.setDefaultItemLabelsVisible(true);
    r.setDefaultItemLabelFont(CjkFonts.font(Font.PLAIN, 10.5f));
    r.setDefaultItemLabelPaint(Color.WHITE);
    Map<String, String> marks = notSubmittedMarks(d);
    drawMarks(plot, marks);
    return render(chart, GRADES_BY_SUBORDINATE, title, ds, barChartHeight(ds.getColumnCount()), marks);
  }

  private static Drawn histogram(PackData d, String subtitle) {
    DefaultCategoryDataset ds = histogramData(d);
    String title = "党员积分分布（每5分一段）";
    JFreeChart chart = ChartFactory.createBarChart(title, "得分", "人数", ds, PlotOrientation.VERTICAL,
        false, false, false);
    style(chart, subtitle);
    CategoryPlot plot = chart.getCategoryPlot();
    integerAxis(plot);
    plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    plot.getDomainAxis().setCategoryMargin(0.12);
    BarRenderer r = (BarRenderer) plot.getRenderer();
    r.setSeriesPaint(0, GradeColors.PRIMARY);
    r.setDefaultItemLabelGenerator(new NonZeroLabels("#,##0"));
    r.setDefaultItemLabelsVisible(true);
    r.setDefaultItemLabelFont(CjkFonts.font(Font.PLAIN, 10.5f));
    return render(chart, SCORE_HISTOGRAM, title, ds, 380);
  }

  private static Drawn participation(PackData d, String subtitle) {
    DefaultCategoryDataset ds = participationData(d);
    String title = "各下属党组织积分管理参与率";
    JFreeChart chart = ChartFactory.createBarChart(title, null, "参与率（%）", ds, PlotOrientation.HORIZONTAL,
        false, false, false);
    style(chart, subtitle);
    CategoryPlot plot = chart.getCategoryPlot();
    NumberAxis axis = (NumberAxis) plot.getRangeAxis();
    axis.setRange(0, 105);
    axis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(10));
    horizontal(plot);
    BarRenderer r = (BarRenderer) plot.getRenderer();
    r.setSeriesPaint(0, GradeColors.PRIMARY);
    r.setDefaultItemLabelGenerator(new NonZeroLabels("0.0'%'"));
    r.setDefaultItemLabelsVisible(true);
    r.setDefaultItemLabelFont(CjkFonts.font(Font.PLAIN, 10.5f));
    // Inside the bar's end (rates near 100% leave no room after it); outside when the bar is too short.
    r.setDefaultItemLabelPaint(Color.WHITE);
    r.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.INSIDE3, TextAnchor.CENTER_RIGHT));
    r.setPositiveItemLabelPositionFallback(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
    Map<String, String> marks = notSubmittedMarks(d);
    drawMarks(plot, marks);
    return render(chart, PARTICIPATION, title, ds, barChartHeight(ds.getColumnCount()), marks);
  }

  private static Drawn trendMean(PackData d, String subtitle) {
    DefaultCategoryDataset ds = trendMeanData(d);
    String title = "平均分变化趋势（按季度）";
    JFreeChart chart = ChartFactory.createLineChart(title, null, "平均分", ds, PlotOrientation.VERTICAL,
        false, false, false);
    style(chart, subtitle);
    CategoryPlot plot = chart.getCategoryPlot();
    NumberAxis axis = (NumberAxis) plot.getRangeAxis();
    axis.setAutoRangeIncludesZero(false);
    axis.setAutoRangeMinimumSize(4.0);
    axis.setUpperMargin(0.15);
    axis.setLowerMargin(0.15);
    LineAndShapeRenderer r = (LineAndShapeRenderer) plot.getRenderer();
    r.setSeriesPaint(0, GradeColors.LINE);
    r.setSeriesStroke(0, new BasicStroke(2.5f));
    r.setSeriesShape(0, new Ellipse2D.Double(-4, -4, 8, 8));
    r.setDefaultShapesVisible(true);
    r.setDefaultItemLabelGenerator(new NonZeroLabels("0.00"));
    r.setDefaultItemLabelsVisible(true);
    r.setDefaultItemLabelFont(CjkFonts.font(Font.PLAIN, 11f));
    r.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER));
    return render(chart, TREND_MEAN, title, ds, 340);
  }

  private static Drawn trendShares(PackData d, String subtitle) {
    DefaultCategoryDataset ds = trendSharesData(d);
    String title = "各等次占比变化（按季度）";
    JFreeChart chart = ChartFactory.createStackedBarChart(title, null, "占比（%）", ds, PlotOrientation.VERTICAL,
        true, false, false);
    style(chart, subtitle);
    CategoryPlot plot = chart.getCategoryPlot();
    gradeColours(plot.getRenderer(), ds);
    percentAxis(plot);
    BarRenderer r = (BarRenderer) plot.getRenderer();
    r.setMaximumBarWidth(0.14);
    r.setDefaultItemLabelGenerator(new SegmentLabels(0.05, "0.0"));
    r.setDefaultItemLabelsVisible(true);
    r.setDefaultItemLabelFont(CjkFonts.font(Font.PLAIN, 10.5f));
    r.setDefaultItemLabelPaint(Color.WHITE);
    return render(chart, TREND_SHARES, title, ds, 380);
  }

  private static Drawn domains(PackData d, String subtitle) {
    DefaultCategoryDataset ds = domainData(d);
    String title = "分领域党员积分等次占比";
    ExtendedCategoryAxis axis = new ExtendedCategoryAxis(null);
    for (Stats s : d.domains()) {
      axis.addSubLabel(s.cutValue(), "均分 " + Zh.num(s.scoreMean(), 2) + " · " + Zh.count(s.membersTotal()) + "名");
    }
    JFreeChart chart = ChartFactory.createStackedBarChart(title, null, "占比（%）", ds, PlotOrientation.VERTICAL,
        true, false, false);
    chart.getCategoryPlot().setDomainAxis(axis);
    style(chart, subtitle);
    CategoryPlot plot = chart.getCategoryPlot();
    axis.setSubLabelFont(CjkFonts.font(Font.PLAIN, 10.5f));
    gradeColours(plot.getRenderer(), ds);
    percentAxis(plot);
    BarRenderer r = (BarRenderer) plot.getRenderer();
    r.setMaximumBarWidth(0.14);
    r.setDefaultItemLabelGenerator(new SegmentLabels(0.05, "0.0"));
    r.setDefaultItemLabelsVisible(true);
    r.setDefaultItemLabelFont(CjkFonts.font(Font.PLAIN, 10.5f));
    r.setDefaultItemLabelPaint(Color.WHITE);
    return render(chart, DOMAINS, title, ds, 380);
  }

  // ---- styling --------------------------------------------------------------------------------

  private static int barChartHeight(int categories) {
    return Math.max(280, 130 + 42 * categories);
  }

  /** Bars across: categories down the left, the value axis along the bottom. */
  private static void horizontal(CategoryPlot plot) {
    plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_RIGHT);
    plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(0.3f);
    plot.getDomainAxis().setCategoryMargin(0.35);
    plot.getDomainAxis().setLowerMargin(0.04);
    plot.getDomainAxis().setUpperMargin(0.04);
  }

  private static void style(JFreeChart chart, String subtitle) {
    StandardChartTheme theme = CjkFonts.chartTheme();
    theme.setBarPainter(new StandardBarPainter());
    theme.setShadowVisible(false);
    theme.setChartBackgroundPaint(Color.WHITE);
    theme.setPlotBackgroundPaint(Color.WHITE);
    theme.setRangeGridlinePaint(new Color(0xCC, 0xCC, 0xCC));
    theme.setDomainGridlinePaint(new Color(0xCC, 0xCC, 0xCC));
    theme.setAxisLabelPaint(Color.DARK_GRAY);
    theme.setTickLabelPaint(Color.DARK_GRAY);
    theme.apply(chart);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    chart.setPadding(new RectangleInsets(6, 6, 6, 12));
    TextTitle sub = new TextTitle(subtitle, CjkFonts.font(Font.PLAIN, 11.5f));
    sub.setPaint(Color.DARK_GRAY);
    sub.setPadding(new RectangleInsets(2, 0, 6, 0));
    chart.addSubtitle(sub);
    LegendTitle legend = chart.getLegend();
    if (legend != null) {
      legend.setPosition(RectangleEdge.BOTTOM);
      legend.setFrame(new org.jfree.chart.block.BlockBorder(Color.WHITE));
      legend.setItemFont(CjkFonts.font(Font.PLAIN, 11.5f));
    }
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setOutlineVisible(false);
    plot.setRangeGridlinesVisible(true);
    plot.setNoDataMessage("暂无数据");
    plot.setNoDataMessageFont(CjkFonts.font(Font.PLAIN, 14f));
    CategoryAxis domain = plot.getDomainAxis();
    domain.setTickLabelFont(CjkFonts.font(Font.PLAIN, 11.5f));
    domain.setMaximumCategoryLabelLines(2);
    plot.getRangeAxis().setTickLabelFont(CjkFonts.font(Font.PLAIN, 11f));
    plot.getRangeAxis().setLabelFont(CjkFonts.font(Font.PLAIN, 12f));
    domain.setLabelFont(CjkFonts.font(Font.PLAIN, 12f));
  }

  private static void gradeColours(org.jfree.chart.renderer.category.CategoryItemRenderer r, CategoryDataset ds) {
    for (int i = 0; i < ds.getRowCount(); i++) {
      r.setSeriesPaint(i, GradeColors.of(ds.getRowKey(i).toString(), i));
    }
  }

  private static void integerAxis(CategoryPlot plot) {
    NumberAxis axis = (NumberAxis) plot.getRangeAxis();
    axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    axis.setUpperMargin(0.08);
  }

  private static void percentAxis(CategoryPlot plot) {
    NumberAxis axis = (NumberAxis) plot.getRangeAxis();
    axis.setRange(0, 100.5);
    axis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(10));
  }

  private static Drawn render(JFreeChart chart, String file, String title, CategoryDataset ds, int height) {
    return render(chart, file, title, ds, height, Map.of());
  }

  private static Drawn render(JFreeChart chart, String file, String title, CategoryDataset ds, int height,
      Map<String, String> marks) {
    return new Drawn(new PackChart(file, title, ds, WIDTH * SCALE, height * SCALE, marks),
        Png.draw(chart, WIDTH, height, SCALE));
  }

  private static DecimalFormat format(String pattern) {
    return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
  }

  /** Labels only bars that are not zero. */
  private static final class NonZeroLabels extends StandardCategoryItemLabelGenerator {
    private static final long serialVersionUID = 1L;
    private final String pattern;

    NonZeroLabels(String pattern) {
      super("{2}", format(pattern));
      this.pattern = pattern;
    }

    @Override
    public String generateLabel(CategoryDataset dataset, int row, int column) {
      Number v = dataset.getValue(row, column);
      if (v == null || v.doubleValue() == 0) {
        return null;
      }
      return format(pattern).format(v);
    }
  }

  /** Labels a stacked segment when it is at least {@code min} of its bar, so labels never overlap. */
  private static final class SegmentLabels implements CategoryItemLabelGenerator {
    private final double min;
    private final String pattern;

    SegmentLabels(double min) {
      this(min, "#,##0");
    }

    SegmentLabels(double min, String pattern) {
      this.min = min;
      this.pattern = pattern;
    }

    @Override
    public String generateLabel(CategoryDataset dataset, int row, int column) {
      Number v = dataset.getValue(row, column);
      if (v == null || v.doubleValue() == 0) {
        return null;
      }
      double total = 0;
      for (int r = 0; r < dataset.getRowCount(); r++) {
        Number x = dataset.getValue(r, column);
        total += x == null ? 0 : x.doubleValue();
      }
      if (total <= 0 || v.doubleValue() / total < min) {
        return null;
      }
      return format(pattern).format(v);
    }

    @Override
    public String generateRowLabel(CategoryDataset dataset, int row) {
      return dataset.getRowKey(row).toString();
    }

    @Override
    public String generateColumnLabel(CategoryDataset dataset, int column) {
      return dataset.getColumnKey(column).toString();
    }
  }
}
