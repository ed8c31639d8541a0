package org.jifen.read;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.jifen.spark.Warehouse;

/**
 * Read-only SQL over the warehouse's committed tables, for the everyday commands (status, explain,
 * history, templates, receipts, simulate): each table is pinned once when opened and registered as
 * a view. On a local warehouse DuckDB reads the pinned Delta snapshots' parquet files directly
 * ({@link DeltaSnapshots}, no Spark session: a command answers in about a second); a warehouse on
 * HDFS/S3, or a table DuckDB cannot read from its file list, is read by Spark with the same SQL.
 * Queries are therefore written in the SQL both engines share (no engine-specific functions;
 * lists and string aggregation are done by the caller), with named {@code :parameters}.
 */
public interface WarehouseSql extends AutoCloseable {
  /** System property choosing the engine: {@code auto} (default), {@code duckdb} or {@code spark}. */
  String ENGINE_PROPERTY = "jifen.read.engine";

  /**
   * A warehouse table to read as the view {@code view}.
   *
   * @param emptySchema the columns it reads as while it does not exist yet; null: it is then left
   *     out ({@link #exists} is false)
   */
  record Table(String view, String layer, String table, StructType emptySchema) {
    public Table(String view, String layer, String table) {
      this(view, layer, table, null);
    }
  }

  /**
   * Pins the tables (latest, or the last commit at or before {@code asOf}) and opens the engine
   * that can read them: DuckDB when the warehouse is local and every table is readable from its
   * file list, else Spark (whose session {@code spark} supplies only then).
   */
  static WarehouseSql open(Warehouse wh, Supplier<SparkSession> spark, Instant asOf, List<Table> tables) {
    String engine = System.getProperty(ENGINE_PROPERTY, "auto").toLowerCase(Locale.ROOT);
    if (!engine.equals("spark")) {
      DuckDbWarehouseSql d = DuckDbWarehouseSql.open(wh, asOf, tables);
      if (d.reason() == null) {
        return d;
      }
      if (engine.equals("duckdb")) {
        throw new IllegalStateException("DuckDB cannot read the warehouse directly: " + d.reason());
      }
    }
    return SparkWarehouseSql.open(wh, spark.get(), asOf, tables);
  }

  /** Opens with one table list, at the latest commits. */
  static WarehouseSql open(Warehouse wh, Supplier<SparkSession> spark, Table... tables) {
    return open(wh, spark, null, List.of(tables));
  }

  /** True when the view's table existed at the pin (or reads as empty by its {@code emptySchema}). */
  default boolean exists(String view) {
    return !columns(view).isEmpty();
  }

  /** The columns of a view, in order (empty when it does not exist). */
  List<String> columns(String view);

  /** True when the view exists and has the column (tables written by older versions may lack one). */
  default boolean hasColumn(String view, String column) {
    return columns(view).contains(column);
  }

  /**
   * Runs a query; {@code :name} parameters are bound from {@code args} (strings, numbers, booleans,
   * dates, instants, null).
   */
  List<Rec> rows(String sql, Map<String, ?> args);

  default List<Rec> rows(String sql) {
    return rows(sql, Map.of());
  }

  /** The first row, or null. */
  default Rec first(String sql, Map<String, ?> args) {
    List<Rec> r = rows(sql, args);
    return r.isEmpty() ? null : r.get(0);
  }

  /** Runs {@code sql/<layer>/<name>.sql}. */
  default List<Rec> file(String layer, String name, Map<String, ?> args) {
    return rows(org.jifen.spark.SqlFiles.text(layer, name), args);
  }

  /**
   * The Hadoop configuration to read other warehouse files with (the district config, schemes,
   * the mart secret): the Spark session's when Spark reads, else a default one (local files).
   */
  org.apache.hadoop.conf.Configuration hadoopConf();

  /** "duckdb" or "spark". */
  String engine();

  /** The pinned Delta version of a view's table, or -1 when it did not exist. */
  long version(String view);

  /** Names of the views, for messages. */
  Set<String> views();

  @Override
  void close();
}
