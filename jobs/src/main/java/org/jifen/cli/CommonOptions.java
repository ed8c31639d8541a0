package org.jifen.cli;

import org.apache.spark.sql.SparkSession;
import org.jifen.spark.Sessions;
import org.jifen.spark.Warehouse;
import picocli.CommandLine.Option;

/** Options every warehouse command shares (a picocli mixin). */
public final class CommonOptions {
  @Option(names = "--warehouse", paramLabel = "URI", defaultValue = Warehouse.ROOT_DEFAULT,
      description = "Warehouse root: a folder or any Hadoop URI (hdfs://, s3a://). Default: ${DEFAULT-VALUE}.")
  String warehouse;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master. Default: the one spark-submit gives, else " + Sessions.MASTER_DEFAULT + ".")
  String master;

  @Option(names = "--verbose", description = "Show Spark's and Hadoop's own log output (INFO).")
  boolean verbose;

  /** The warehouse named by {@code --warehouse}. */
  public Warehouse warehouse() {
    return new Warehouse(warehouse);
  }

  /** Starts (or reuses) the SparkSession, with log noise silenced unless {@code --verbose}. */
  public SparkSession spark() {
    java.nio.file.Path scratch = org.jifen.spark.ScratchSpace.forThisProcess(
        org.jifen.mart.MartBuilder.localPath(warehouse().root()));
    SparkSession s = Sessions.getOrCreate(master, scratch == null ? null : scratch.toString());
    s.sparkContext().setLogLevel(verbose ? "INFO" : "WARN");
    return s;
  }

  /**
   * The session, started only when a reader or the mart build needs it (a warehouse DuckDB cannot
   * read directly: HDFS, S3, deletion vectors); its jobs then show on {@code progress}.
   */
  public java.util.function.Supplier<SparkSession> sparkWhenNeeded(org.jifen.spark.Progress progress) {
    return () -> {
      SparkSession s = spark();
      progress.follow(s);
      return s;
    };
  }
}
