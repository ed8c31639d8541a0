package org.jifen.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Locations of the warehouse's Delta tables. The root is any Hadoop-supported URI (a local
 * folder, {@code hdfs://…}, {@code s3a://…}); every table lives at {@code <root>/<layer>/<name>}.
 */
public final class Warehouse {
  /** Default warehouse root, relative to the working directory. */
  public static final String ROOT_DEFAULT = "warehouse";

  public static final String BRONZE = "bronze";
  public static final String SILVER = "silver";
  public static final String GOLD = "gold";
  public static final String QUARANTINE = "quarantine";
  public static final String META = "meta";

  private final String root;

  public Warehouse(String root) {
    this.root = stripSlash(root == null ? ROOT_DEFAULT : root);
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") && s.length() > 1 ? s.substring(0, s.length() - 1) : s;
  }

  public String root() {
    return root;
  }

  /** Path of a Delta table, e.g. {@code path(SILVER, "entries")}. */
  public String path(String layer, String table) {
    return root + "/" + layer + "/" + table;
  }

  /** Path of a file or folder under the root that is not a Delta table (config, marts, reports). */
  public String file(String relative) {
    return root + "/" + relative;
  }

  /**
   * The local folder of a location (a plain path or a {@code file:} URI); null for any other Hadoop
   * URI ({@code hdfs://}, {@code s3a://}).
   */
  public static java.nio.file.Path localPath(String location) {
    if (location.startsWith("file:")) {
      // A location is a Hadoop path string, not an escaped URI: "file:/数据 #1/wh" is taken as written
      // (URI.create would refuse the space, or read "#1/wh" as a fragment).
      return java.nio.file.Path.of(new org.apache.hadoop.fs.Path(location).toUri().getPath());
    }
    if (location.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
      return null;
    }
    return java.nio.file.Path.of(location);
  }

  /** True when the Delta table exists. */
  public boolean exists(SparkSession spark, String layer, String table) {
    return io.delta.tables.DeltaTable.isDeltaTable(spark, path(layer, table));
  }

  /** Reads the current snapshot of a Delta table. */
  public Dataset<Row> read(SparkSession spark, String layer, String table) {
    return spark.read().format("delta").load(path(layer, table));
  }
}
