package org.jifen.mart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.jifen.spark.Progress;
import org.jifen.spark.Warehouse;
import org.jifen.stats.TestWarehouses;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.Test;

/**
 * A mart of a local warehouse, as of a time (jifen report --as-of) or now, is built without a
 * Spark session, score lines included ({@code member_score_lines}, explained on the driver), and
 * is the mart Spark computes from the same pins.
 */
class MartWithoutSparkTest {
  @Test
  void anAsOfMartOfALocalWarehouseNeedsNoSparkSessionAndIsTheMartSparkComputes() throws Exception {
    Warehouse wh = TestWarehouses.district();
    Instant asOf = Instant.now();
    Path dir = Files.createDirectories(Path.of(wh.root(), "marts", "without-spark"));
    MartBuilder.Result noSpark = MartBuilder.build(() -> {
      throw new AssertionError("no Spark session for a local warehouse");
    }, wh, new MartBuilder.Options(dir.resolve("jifen.duckdb"), true, asOf), Progress.none());
    assertEquals(MartBuilder.Engine.DUCKDB, noSpark.engine());
    assertTrue(noSpark.rows().get("member_score_lines") > 0, noSpark.rows().toString());

    SparkSession spark = SharedSpark.get();
    Path other = Files.createDirectories(Path.of(wh.root(), "marts", "with-spark"));
    MartBuilder.Result withSpark = MartBuilder.build(spark, wh, new MartBuilder.Options(other.resolve("jifen.duckdb"),
        true, asOf, MartBuilder.Engine.SPARK), Progress.none());
    assertEquals(List.of(), MartDiff.diff(withSpark.mart(), noSpark.mart(), new LinkedHashMap<>()));
    assertEquals(List.of(), MartDiff.diff(withSpark.restricted(), noSpark.restricted(), new LinkedHashMap<>()));
    assertEquals(withSpark.warnings(), noSpark.warnings());
    Map<String, Long> rows = noSpark.rows();
    assertEquals(withSpark.rows(), rows);
  }
}
