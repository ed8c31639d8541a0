package org.jifen.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.jifen.ingest.IngestJob;
import org.jifen.ingest.ReceivedTimes;
import org.jifen.ingest.SchemeRules;
import org.jifen.scheme.Scheme;
import org.jifen.scheme.Schemes;
import org.jifen.spark.Progress;
import org.jifen.spark.Warehouse;

/**
 * The bundled {@code data-samples/} ingested once per test run into a temporary warehouse, shared
 * by every end-to-end test (later stages add their tables to it).
 */
public final class SampleWarehouse {
  private static Warehouse warehouse;
  private static IngestJob.Result ingest;

  private SampleWarehouse() {}

  /** The repository's {@code data-samples/} folder. */
  public static Path samples() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("data-samples").resolve("inbox"))) {
        return p.resolve("data-samples");
      }
    }
    throw new IllegalStateException("data-samples/ not found above " + Path.of("").toAbsolutePath());
  }

  /** The warehouse holding the ingested samples (ingests on first use). */
  public static synchronized Warehouse get() throws Exception {
    if (warehouse == null) {
      SparkSession spark = SharedSpark.get();
      Path dir = Files.createTempDirectory("jifen-sample-warehouse");
      Warehouse wh = new Warehouse(dir.toString());
      Path s = samples();
      Scheme scheme = Schemes.load(Schemes.DEFAULT_ID);
      IngestJob.Options o = new IngestJob.Options(s.resolve("orgs.xlsx").toString(), s.resolve("inbox").toString(),
          null, ReceivedTimes.parse(s.resolve("inbox/received.csv").toString(),
              spark.sparkContext().hadoopConfiguration()),
          org.jifen.config.DistrictConfig.DEADLINE_DAYS_DEFAULT,
          year -> new SchemeRules(year, scheme.id(), scheme.itemRules(), scheme.evaluationGrades()));
      ingest = new IngestJob(spark, wh).run(o, Progress.none());
      warehouse = wh;
    }
    return warehouse;
  }

  private static boolean aggregated;

  /** The sample warehouse with 2025's quarters and year scored and aggregated (done once). */
  public static synchronized Warehouse aggregated() throws Exception {
    Warehouse wh = get();
    if (!aggregated) {
      SparkSession spark = SharedSpark.get();
      for (String p : java.util.List.of("2025Q1", "2025Q2", "2025Q3", "2025Q4", "2025")) {
        org.jifen.score.ScoringJob.run(spark, wh, p, org.jifen.score.ScoreOptions.defaults());
      }
      org.jifen.stats.AggregateJob.run(spark, wh, "2025", Progress.none());
      aggregated = true;
    }
    return wh;
  }

  /** The result of the one ingest run. */
  public static synchronized IngestJob.Result ingestResult() throws Exception {
    get();
    return ingest;
  }
}
