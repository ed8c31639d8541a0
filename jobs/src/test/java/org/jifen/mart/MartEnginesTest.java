package org.jifen.mart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.jifen.spark.Progress;
import org.jifen.spark.Warehouse;
import org.jifen.stats.TestWarehouses;
import org.jifen.testing.SampleWarehouse;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.Test;

/**
 * DuckDB over the pinned Delta files ({@code sql/mart/*.sql}) and Spark's export
 * ({@code sql/mart/spark/*.sql}) build the same mart and restricted mart: every table and view,
 * column names and types, and rows.
 */
class MartEnginesTest {
  private static MartBuilder.Result build(Warehouse wh, String folder, MartBuilder.Options options) throws Exception {
    Path out = Files.createDirectories(Path.of(wh.root(), "marts", folder)).resolve("jifen.duckdb");
    return MartBuilder.build(SharedSpark.get(), wh, new MartBuilder.Options(out, options.withNames(),
        options.asOf(), options.engine()), Progress.none());
  }

  private static void assertSame(MartBuilder.Result duck, MartBuilder.Result spark) throws Exception {
    assertEquals(MartBuilder.Engine.DUCKDB, duck.engine());
    assertEquals(MartBuilder.Engine.SPARK, spark.engine());
    assertEquals(spark.rows(), duck.rows());
    Map<String, Long> rows = new LinkedHashMap<>();
    assertEquals(List.of(), MartDiff.diff(spark.mart(), duck.mart(), rows));
    // Every table and view was compared, and the comparison saw rows.
    assertEquals(MartBuilder.TABLES.size() + 1 + 8, rows.size(), rows.toString());
    assertTrue(rows.get("member_quarter") > 0 && rows.get("dim_org") > 0, rows.toString());
    if (spark.restricted() != null) {
      assertEquals(List.of(), MartDiff.diff(spark.restricted(), duck.restricted(), new LinkedHashMap<>()));
    }
  }

  @Test
  void duckDbAndSparkBuildTheSameMart() throws Exception {
    Warehouse wh = TestWarehouses.district();
    MartBuilder.Options names = new MartBuilder.Options(null, true);
    MartBuilder.Result duck = build(wh, "engine-duckdb", names.with(MartBuilder.Engine.AUTO));
    MartBuilder.Result spark = build(wh, "engine-spark", names.with(MartBuilder.Engine.SPARK));
    assertSame(duck, spark);
    assertEquals(spark.warnings(), duck.warnings());
  }

  /** The bundled samples (shared with the other end-to-end tests): a year of a real-sized district. */
  @Test
  void theSampleWarehouseGivesTheSameMartThroughBothEngines() throws Exception {
    Warehouse wh = SampleWarehouse.aggregated();
    MartBuilder.Options names = new MartBuilder.Options(null, true);
    MartBuilder.Result duck = build(wh, "engine-duckdb", names);
    assertSame(duck, build(wh, "engine-spark", names.with(MartBuilder.Engine.SPARK)));
    assertEquals(List.of(), duck.warnings());
    assertTrue(duck.rows().get("member_quarter") > 1000, duck.rows().toString());
  }

  @Test
  void asOfATimeBothEnginesReadTheSameVersions() throws Exception {
    Warehouse wh = TestWarehouses.district();
    MartBuilder.Options now = new MartBuilder.Options(null, false, Instant.now());
    assertSame(build(wh, "as-of-duckdb", now.with(MartBuilder.Engine.DUCKDB)),
        build(wh, "as-of-spark", now.with(MartBuilder.Engine.SPARK)));
  }

  /** A copy of the district's warehouse under a folder whose name has a space and Chinese characters. */
  private static Warehouse copyOfDistrict() throws Exception {
    Path root = Files.createTempDirectory("jifen mart 仓库");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try (Stream<Path> walk = Files.walk(root)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (java.io.IOException e) {
        // a temporary folder left behind is harmless
      }
    }));
    Path from = Path.of(TestWarehouses.district().root());
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.filter(p -> !p.startsWith(from.resolve("marts"))).toList()) {
        Path to = root.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return new Warehouse(root.toString());
  }

  /**
   * A DELETE rewrites files (the old ones stay in the folder, removed only in the log): DuckDB
   * reads the live rows. With deletion vectors a DELETE marks rows inside files instead, which the
   * files alone do not show: the automatic choice builds with Spark and says why; asking for
   * DuckDB fails with the reason.
   */
  @Test
  void deletedRowsAreReadAsDeltaReadsThem() throws Exception {
    Warehouse wh = copyOfDistrict();
    SparkSession spark = SharedSpark.get();
    spark.sql("DELETE FROM delta.`" + wh.path(Warehouse.SILVER, "submissions") + "` WHERE branch_code = 'B22'");
    MartBuilder.Options options = new MartBuilder.Options(null, true);
    MartBuilder.Result duck = build(wh, "rewritten-duckdb", options);
    assertSame(duck, build(wh, "rewritten-spark", options.with(MartBuilder.Engine.SPARK)));
    assertEquals(12L, duck.rows().get("submissions"));

    String scores = "delta.`" + wh.path(Warehouse.GOLD, "member_quarter_score") + "`";
    spark.sql("ALTER TABLE " + scores + " SET TBLPROPERTIES ('delta.enableDeletionVectors' = true)");
    spark.sql("DELETE FROM " + scores + " WHERE member_code = 'M12'");
    MartBuilder.Result r = build(wh, "dv", options);
    assertEquals(MartBuilder.Engine.SPARK, r.engine());
    assertTrue(r.warnings().stream().anyMatch(w -> w.equals("the mart was built with Spark (slower): "
        + "gold/member_quarter_score has deletion vectors (rows deleted inside its files)")), r.warnings().toString());
    assertEquals(duck.rows().get("member_quarter") - 2, r.rows().get("member_quarter"));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> build(wh, "dv-duckdb", options.with(MartBuilder.Engine.DUCKDB)));
    assertEquals("DuckDB cannot read the warehouse directly: gold/member_quarter_score has deletion vectors (rows "
        + "deleted inside its files)", e.getMessage());
  }
}
