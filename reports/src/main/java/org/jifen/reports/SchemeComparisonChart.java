package org.jifen.reports;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The grade distribution of the unit under the scheme in force and under the draft, side by side
 * per grade (grouped bars, counts on the bars), drawn with the CJK font.
 */
public final class SchemeComparisonChart {
  /** Series keys. */
  public static final String CURRENT = "现行方案";
  public static final String DRAFT = "草案";

  private static final int WIDTH = 640;
  private static final int HEIGHT = 380;
  private static final int SCALE = 3;

  private SchemeComparisonChart() {}

  /** The chart's data: grades as columns, {@link #CURRENT} and {@link #DRAFT} as rows. */
  public static DefaultCategoryDataset dataset(SchemeComparison c) {
    DefaultCategoryDataset ds = new DefaultCategoryDataset();
    SchemeComparison.UnitRow t = c.totalRow();
    for (String g : c.grades()) {
      ds.addValue(t.currentGrades().getOrDefault(g, 0L), CURRENT, g);
      ds.addValue(t.draftGrades().getOrDefault(g, 0L), DRAFT, g);
    }
    return ds;
  }

  /** The chart as PNG bytes (print resolution). */
  public static byte[] png(SchemeComparison c) {
    DefaultCategoryDataset ds = dataset(c);
    JFreeChart chart = ChartFactory.createBarChart(c.unitName() + " " + c.period() + " 年度等次分布：现行方案与草案对比",
        null, "人数", ds, PlotOrientation.VERTICAL, true, false, false);
    StandardChartTheme theme = CjkFonts.chartTheme();
    theme.setBarPainter(new StandardBarPainter());
    theme.setShadowVisible(false);
    theme.setChartBackgroundPaint(Color.WHITE);
    theme.setPlotBackgroundPaint(Color.WHITE);
    theme.setRangeGridlinePaint(new Color(0xCC, 0xCC, 0xCC));
    theme.apply(chart);
    if (!c.period().matches("\\d{4}")) {
      chart.setTitle(new TextTitle(c.unitName() + " " + c.period() + " 季度等次分布：现行方案与草案对比",
          CjkFonts.font(Font.BOLD, 16f)));
    }
    TextTitle sub = new TextTitle("现行方案 " + c.current().id() + " ／ 草案 " + c.draft().id() + "（已评定等次的党员人数）",
        CjkFonts.font(Font.PLAIN, 11.5f));
    sub.setPaint(Color.DARK_GRAY);
    sub.setPadding(new RectangleInsets(2, 0, 6, 0));
    chart.addSubtitle(sub);
    chart.getLegend().setPosition(RectangleEdge.BOTTOM);
    chart.getLegend().setItemFont(CjkFonts.font(Font.PLAIN, 11.5f));
    chart.setPadding(new RectangleInsets(6, 6, 6, 12));
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setOutlineVisible(false);
    plot.getDomainAxis().setTickLabelFont(CjkFonts.font(Font.PLAIN, 12f));
    plot.getRangeAxis().setLabelFont(CjkFonts.font(Font.PLAIN, 12f));
    NumberAxis axis = (NumberAxis) plot.getRangeAxis();
    axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    axis.setUpperMargin(0.12);
    BarRenderer r = (BarRenderer) plot.getRenderer();
    r.setSeriesPaint(0, new Color(0x7F, 0x8C, 0x8D));
    r.setSeriesPaint(1, GradeColors.PRIMARY);
    r.setItemMargin(0.05);
    r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator());
    r.setDefaultItemLabelsVisible(true);
    r.setDefaultItemLabelFont(CjkFonts.font(Font.PLAIN, 10.5f));
    r.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER));
    return Png.draw(chart, WIDTH, HEIGHT, SCALE);
  }

  /** Writes the chart to {@code file} (written aside, then renamed). */
  public static void write(SchemeComparison c, Path file) throws IOException {
    byte[] png = png(c);
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".part");
    try {
      Files.write(tmp, png);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
