package org.jifen.read;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaHistoryManager;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.jifen.spark.Warehouse;
import scala.Option;

/**
 * {@link WarehouseSql} through Spark: for a warehouse on HDFS/S3 or a table DuckDB cannot read from
 * its file list. The views live in a session of their own ({@link SparkSession#newSession()}), so
 * two readers in one driver never see each other's views.
 */
final class SparkWarehouseSql implements WarehouseSql {
  private final SparkSession session;
  private final Map<String, List<String>> columns = new LinkedHashMap<>();
  private final Map<String, Long> versions = new LinkedHashMap<>();

  private SparkWarehouseSql(SparkSession session) {
    this.session = session;
  }

  static SparkWarehouseSql open(Warehouse wh, SparkSession spark, Instant asOf, List<WarehouseSql.Table> tables) {
    SparkWarehouseSql sql = new SparkWarehouseSql(spark.newSession());
    for (WarehouseSql.Table t : tables) {
      String path = wh.path(t.layer(), t.table());
      long version = pin(spark, path, asOf);
      sql.versions.put(t.view(), version);
      Dataset<Row> df;
      if (version >= 0) {
        df = sql.session.read().format("delta").option("versionAsOf", version).load(path);
      } else if (t.emptySchema() != null) {
        df = sql.session.createDataFrame(List.of(), t.emptySchema());
      } else {
        continue;
      }
      df.createOrReplaceTempView(t.view());
      sql.columns.put(t.view(), List.of(df.columns()));
    }
    return sql;
  }

  /** The version to read: the latest, or the last commit at or before {@code asOf}; -1 when none. */
  private static long pin(SparkSession spark, String path, Instant asOf) {
    DeltaLog log = DeltaLog.forTable(spark, path);
    Snapshot latest = log.update(log.update$default$1(), log.update$default$2(), log.update$default$3());
    if (latest.version() < 0 || asOf == null) {
      return latest.version();
    }
    DeltaHistoryManager.Commit c = log.history().getActiveCommitAtTime(java.sql.Timestamp.from(asOf), Option.empty(),
        true, true, true);
    return c.timestamp() <= asOf.toEpochMilli() ? c.version() : -1;
  }

  @Override
  public List<String> columns(String view) {
    return columns.getOrDefault(view, List.of());
  }

  @Override
  public List<Rec> rows(String sql, Map<String, ?> args) {
    // Spark binds java.sql dates and timestamps; Rec's LocalDate and Instant are converted.
    Map<String, Object> bound = new LinkedHashMap<>();
    args.forEach((k, v) -> bound.put(k, v instanceof java.time.LocalDate d ? java.sql.Date.valueOf(d)
        : v instanceof Instant i ? java.sql.Timestamp.from(i) : v));
    Dataset<Row> df = org.jifen.spark.SqlFiles.sql(session, sql, bound);
    String[] names = df.columns();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < names.length; i++) {
      index.putIfAbsent(names[i], i);
    }
    List<Rec> out = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      Object[] values = new Object[names.length];
      for (int i = 0; i < names.length; i++) {
        values[i] = Rec.normalize(r.get(i));
      }
      out.add(new Rec(index, values));
    }
    return out;
  }

  @Override
  public org.apache.hadoop.conf.Configuration hadoopConf() {
    return session.sparkContext().hadoopConfiguration();
  }

  @Override
  public String engine() {
    return "spark";
  }

  @Override
  public long version(String view) {
    return versions.getOrDefault(view, -1L);
  }

  @Override
  public Set<String> views() {
    return versions.keySet();
  }

  @Override
  public void close() {
    // the views go with the session object; the SparkContext stays for the caller
  }
}
