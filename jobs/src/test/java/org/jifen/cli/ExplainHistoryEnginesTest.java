package org.jifen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import org.jifen.explain.FigureExplainer;
import org.jifen.explain.MemberExplainer;
import org.jifen.history.MemberHistories;
import org.jifen.read.WarehouseSql;
import org.jifen.spark.Warehouse;
import org.jifen.testing.SampleWarehouse;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code jifen explain} (figures of every kind, members) and {@code jifen history} give the same
 * report and CSV whichever engine reads the warehouse: DuckDB (no Spark session) or Spark (the
 * fallback for remote warehouses), on the bundled samples.
 */
class ExplainHistoryEnginesTest {
  private static SparkSession spark;
  private static Warehouse wh;

  @BeforeAll
  static void warehouse() throws Exception {
    spark = SharedSpark.get();
    wh = SampleWarehouse.aggregated();
  }

  /** The texts an action prints, with DuckDB and then with Spark reading. */
  private static List<String> both(Function<String, String> run) {
    List<String> out = new ArrayList<>();
    for (String engine : List.of("duckdb", "spark")) {
      System.setProperty(WarehouseSql.ENGINE_PROPERTY, engine);
      try {
        out.add(run.apply(engine));
      } finally {
        System.clearProperty(WarehouseSql.ENGINE_PROPERTY);
      }
    }
    return out;
  }

  private static String figure(String period, String unit, String row, String figure, boolean names) {
    FigureExplainer.Explanation x = FigureExplainer.explain(wh, () -> spark,
        new FigureExplainer.Query(period, unit, row, figure, names));
    assertTrue(x.matches(), x.totalLine());
    StringWriter s = new StringWriter();
    ExplainCommand.print(new PrintWriter(s, true), x);
    return s + ExplainCommand.csv(ExplainCommand.figureCsv(x));
  }

  @Test
  void everyFigureKindIsTheSameThroughDuckDbAndSpark() {
    String[][] figures = {
        {"2025Q2", "QS04", null, "合格"}, {"2025Q2", "QS04", null, "党员总数"}, {"2025Q2", "QS04", null, "平均分"},
        {"2025", "QS04", "QS04B05", "参与积分管理党员数"}, {"2025", "QS", "QS04", "告诫提醒"},
        {"2025Q2", "QS04", "QS04B05", "委内排名"}, {"2025Q2", "QS", "QS04B05", "区内排名"},
        {"2025Q1", "QS", null, "预备党员数"}, {"2025", "QS", null, "未参加积分管理党员数"},
        {"2025H1", "QS", "QS04", "次季度_合格"}, {"2025H1", "QS", FigureExplainer.TOTAL_ROW, "党员总数"},
        {"2025H1", "QS", FigureExplainer.TOTAL_ROW, "受告诫提醒党员数"}};
    for (String[] f : figures) {
      List<String> out = both(e -> figure(f[0], f[1], f[2], f[3], f[3].equals("党员总数")));
      assertEquals(out.get(0), out.get(1), String.join(" ", java.util.Arrays.asList(f)));
      assertTrue(out.get(0).contains("一致"), out.get(0));
    }
  }

  @Test
  void membersScoresAreTheSameThroughDuckDbAndSpark() {
    for (String[] m : new String[][] {{"DY601695", "2025Q2"}, {"DY601695", "2025Q4"}, {"DY686878", "2025Q2"}}) {
      List<String> out = both(e -> {
        MemberExplainer.Explanation x = MemberExplainer.explain(wh, () -> spark, m[0], m[1], true);
        assertTrue(x.matches(), m[0]);
        StringWriter s = new StringWriter();
        ExplainCommand.print(new PrintWriter(s, true), x);
        return s + ExplainCommand.csv(ExplainCommand.memberCsv(x));
      });
      assertEquals(out.get(0), out.get(1), m[0] + " " + m[1]);
    }
  }

  @Test
  void historiesAreTheSameThroughDuckDbAndSpark() {
    // DY686878: two versions of 2025Q2 (a deduction removed on appeal); DY601695: 一票否决 in 2025Q2
    for (String member : List.of("DY686878", "DY601695")) {
      List<String> out = both(e -> {
        StringWriter s = new StringWriter();
        HistoryCommand.print(new PrintWriter(s, true), MemberHistories.read(wh, () -> spark, member, 2025));
        return s.toString();
      });
      assertEquals(out.get(0), out.get(1), member);
      assertTrue(out.get(0).contains("Annual result 2025"), out.get(0));
    }
  }
}
