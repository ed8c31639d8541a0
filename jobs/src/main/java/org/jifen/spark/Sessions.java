package org.jifen.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the SparkSession every job uses: Delta enabled, local-mode tuning when no cluster master
 * is given, time zone pinned to the district's (UTC+8).
 */
public final class Sessions {
  /** Spark master used when neither {@code --master} nor spark-submit sets one. */
  public static final String MASTER_DEFAULT = "local[*]";
  /** Time zone of deadlines and received times (DOMAIN §8: UTC+8). */
  public static final String TIME_ZONE = "Asia/Shanghai";

  /**
   * Delta 4.4's SQL parser drops the parameters of {@code spark.sql(text, args)} on Spark 4.1+
   * (delta-io/delta#7640: it does not override {@code parsePlanWithParameters}), so every
   * parameterized query fails with UNBOUND_SQL_PARAMETER. Spark's legacy substitution binds them
   * after parsing and works with the Delta parser.
   */
  public static final String PARAMETER_SUBSTITUTION_KEY = "spark.sql.legacy.parameterSubstitution.constantsOnly";

  /**
   * Delta 4.x verifies the file list kept in each commit's checksum with an extra state
   * reconstruction job on every commit when the session time zone is not UTC (a guard against
   * time-zone-dependent partition values; jifen partitions by period strings only). Measured:
   * small appends 0.90 s in Asia/Shanghai against 0.33 s in UTC. jifen keeps the session in UTC+8
   * (deadlines, received times and their dates are the district's) and turns the extra job off.
   */
  public static final String CRC_VERIFY_NON_UTC_KEY =
      "spark.databricks.delta.allFilesInCrc.verificationMode.forceOnNonUTC.enabled";

  /** Whole-stage code generation; off for small local batches ({@link #tuneForBatch}). */
  public static final String WHOLE_STAGE_CODEGEN_KEY = "spark.sql.codegen.wholeStage";
  /** Expression code generation (CODEGEN_ONLY, FALLBACK, NO_CODEGEN); NO_CODEGEN for small local batches. */
  public static final String CODEGEN_FACTORY_KEY = "spark.sql.codegen.factoryMode";

  /** Batches of at most this many inbox files run without generated code in local mode. */
  public static final int SMALL_BATCH_FILES = 1000;

  private Sessions() {}

  /**
   * Chooses code generation for a batch of {@code files} inbox files. A quarterly run plans ~240
   * queries; generated code is compiled by Janino and then by the JIT for each of them, which on a
   * profiled small run was most of the process's CPU, while the rows are too few for compiled code
   * to pay back. A small batch in local mode therefore runs interpreted; a large one (a city's
   * quarter) and any cluster run keep Spark's code generation (docs/scaling.md). An explicit
   * {@code -Dspark.sql.codegen.*} or {@code --conf} always wins. Results are the same either way.
   */
  public static void tuneForBatch(SparkSession spark, int files) {
    if (!spark.sparkContext().isLocal()) {
      return;
    }
    SparkConf given = spark.sparkContext().getConf();
    boolean small = files <= SMALL_BATCH_FILES;
    if (!given.contains(WHOLE_STAGE_CODEGEN_KEY)) {
      spark.conf().set(WHOLE_STAGE_CODEGEN_KEY, String.valueOf(!small));
    }
    if (!given.contains(CODEGEN_FACTORY_KEY)) {
      spark.conf().set(CODEGEN_FACTORY_KEY, small ? "NO_CODEGEN" : "FALLBACK");
    }
  }

  /**
   * Returns the active session or creates one.
   *
   * @param master explicit master, or null to use spark-submit's or {@link #MASTER_DEFAULT}
   */
  /** Table property that limits Delta's column statistics to the first N columns (0: none). */
  public static final String NO_STATS_PROPERTY = "delta.dataSkippingNumIndexedCols";

  public static synchronized SparkSession getOrCreate(String master) {
    return getOrCreate(master, null);
  }

  /**
   * The session, with Spark's scratch space (shuffle and spill files, {@code spark.local.dir}) in
   * {@code localDir} when given and not set explicitly: jifen puts it inside a local warehouse
   * ({@link ScratchSpace}), so personal data in spill files stays under the warehouse's permissions.
   */
  public static synchronized SparkSession getOrCreate(String master, String localDir) {
    SparkConf conf = new SparkConf();
    String effective = master != null ? master : conf.get("spark.master", MASTER_DEFAULT);
    boolean local = effective.startsWith("local");
    SparkSession.Builder b = SparkSession.builder()
        .appName("jifen")
        .master(effective)
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.session.timeZone", TIME_ZONE)
        .config(CRC_VERIFY_NON_UTC_KEY, conf.get(CRC_VERIFY_NON_UTC_KEY, "false"))
        .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.databricks.delta.schema.autoMerge.enabled", "false")
        .config(PARAMETER_SUBSTITUTION_KEY, "true")
        // scoring plans carry ~20-column rows; the default (25 fields) makes Spark warn on every run
        .config("spark.sql.debug.maxToStringFields", "200")
        // Case mapping of ledger codes with the JVM, not ICU: ICU's case tables took ~7 s of CPU to
        // initialise in a profiled run, and the codes it upper-cases are ASCII.
        .config("spark.sql.icu.caseMappings.enabled", "false")
        // Files written through Hadoop (HDFS, S3A, local) readable by the owner only.
        .config("spark.hadoop.fs.permissions.umask-mode", "077")
        // No column statistics in the Delta log of any table jifen creates: min/max of names and
        // national IDs would otherwise sit in plain JSON (tables are partitioned by period, which is
        // all the pruning the jobs need). Older tables are changed by WarehouseUpgrade.
        .config("spark.databricks.delta.properties.defaults." + NO_STATS_PROPERTY.substring("delta.".length()), "0");
    if (local && localDir != null && !conf.contains("spark.local.dir")) {
      b = b.config("spark.local.dir", localDir);
    }
    if (local) {
      // Small local runs: few shuffle partitions and Delta snapshot partitions (TECH-NOTES).
      b = b.config("spark.sql.shuffle.partitions", conf.get("spark.sql.shuffle.partitions", "4"))
          .config("spark.databricks.delta.snapshotPartitions", "2")
          .config("spark.sql.adaptive.coalescePartitions.enabled", "true")
          .config("spark.driver.host", conf.get("spark.driver.host", "127.0.0.1"))
          .config("spark.driver.bindAddress", conf.get("spark.driver.bindAddress", "127.0.0.1"));
    }
    return b.getOrCreate();
  }
}
