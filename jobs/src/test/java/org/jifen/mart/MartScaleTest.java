package org.jifen.mart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Random;
import org.apache.spark.sql.SparkSession;
import org.jifen.spark.Progress;
import org.jifen.spark.Warehouse;
import org.jifen.stats.AggregateJob;
import org.jifen.stats.StatsFixtures;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.Test;

/**
 * Opt-in measurement ({@code -Djifen.scale=true}): a district of 10 committees × 30 branches ×
 * 30 members over four quarters (36,000 roster rows, 72,000 entries) aggregated and loaded into
 * the mart; prints the times and the mart's size.
 */
class MartScaleTest {
  @Test
  void aggregateAndMartAtDistrictScale() {
    assumeTrue(Boolean.getBoolean("jifen.scale"), "opt-in: -Djifen.scale=true");
    SparkSession spark = SharedSpark.get();
    long t0 = System.nanoTime();
    Warehouse wh = StatsFixtures.district(spark, 10, 30, 30, new Random(7));
    long t1 = System.nanoTime();
    AggregateJob.Result a = AggregateJob.run(spark, wh, null, Progress.plain(System.out));
    long t2 = System.nanoTime();
    MartBuilder.Result m = MartBuilder.build(spark, wh, new MartBuilder.Options(Path.of(wh.root(), "marts",
        "jifen.duckdb"), false), Progress.plain(System.out));
    long t3 = System.nanoTime();
    System.out.printf("scale: fixture %.1f s, aggregate %.1f s (%s), mart %.1f s, %d bytes, rows %s%n",
        (t1 - t0) / 1e9, (t2 - t1) / 1e9, a.rows(), (t3 - t2) / 1e9, m.bytes(), m.rows());
    assertEquals(36000L, m.rows().get("member_quarter"));
  }
}
