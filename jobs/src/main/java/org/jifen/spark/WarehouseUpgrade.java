package org.jifen.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Brings a warehouse made by an older jifen up to the present layout, once, under the writer's
 * lease. The layout version is the file {@code <root>/_jifen_layout}.
 *
 * <p>Layout 2: no Delta column statistics. Every existing table gets
 * {@code delta.dataSkippingNumIndexedCols = 0} (what {@link Sessions} sets for new tables) and
 * checkpoints without statistics, so no later commit or checkpoint carries min/max values of names
 * or national IDs. Log entries written before the upgrade keep theirs until Delta's log retention
 * ({@code delta.logRetentionDuration}, 30 days) removes them.
 *
 * <p>Layout 3: national IDs stop at bronze. {@code silver/members} loses {@code id_number} for
 * {@code id_hash} (salted) and {@code id_status}; the table is rewritten in one commit and the files
 * that held the IDs are removed at once ({@code VACUUM … RETAIN 0 HOURS}, under the writer's lease).
 */
public final class WarehouseUpgrade {
  public static final int LAYOUT = 3;
  static final String MARKER = "_jifen_layout";

  private WarehouseUpgrade() {}

  private static int hashNationalIds(SparkSession spark, Warehouse wh, FileSystem fs) throws IOException {
    String table = wh.path(Warehouse.SILVER, "members");
    if (!fs.exists(new Path(table, "_delta_log"))) {
      return 0;
    }
    org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> df = wh.read(spark, Warehouse.SILVER, "members");
    if (!java.util.Arrays.asList(df.columns()).contains("id_number")) {
      return 0;
    }
    org.jifen.ingest.NationalIds.register(spark, org.jifen.mart.MartSecret.loadOrCreate(
        wh.file(org.jifen.mart.MartSecret.FILE), spark.sparkContext().hadoopConfiguration()));
    List<org.apache.spark.sql.Column> cols = new java.util.ArrayList<>();
    for (String c : df.columns()) {
      if (c.equals("id_number")) {
        cols.add(org.apache.spark.sql.functions.call_function("id_hash", df.col(c)).as("id_hash"));
        cols.add(org.apache.spark.sql.functions.call_function("id_status", df.col(c)).as("id_status"));
      } else {
        cols.add(df.col(c));
      }
    }
    org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> hashed = df.select(cols.toArray(
        new org.apache.spark.sql.Column[0])).localCheckpoint(true);
    hashed.write().format("delta").mode(org.apache.spark.sql.SaveMode.Overwrite).option("overwriteSchema", "true")
        .partitionBy("period").save(table);
    String check = "spark.databricks.delta.retentionDurationCheck.enabled";
    String before = spark.conf().get(check, "true");
    spark.conf().set(check, "false");
    try {
      spark.sql("VACUUM delta.`" + table.replace("`", "``") + "` RETAIN 0 HOURS");
    } finally {
      spark.conf().set(check, before);
    }
    hashed.unpersist();
    return 1;
  }

  /** Upgrades the warehouse when its layout is older than {@link #LAYOUT}; returns the tables changed. */
  public static int run(SparkSession spark, Warehouse wh) {
    try {
      Path root = new Path(wh.root());
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      Path marker = new Path(root, MARKER);
      if (!fs.exists(root)) {
        return 0;
      }
      int layout = 1;
      if (fs.exists(marker)) {
        try (InputStream in = fs.open(marker)) {
          layout = Integer.parseInt(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
        }
      }
      int changed = 0;
      if (layout < 2) {
        for (String layer : List.of(Warehouse.BRONZE, Warehouse.SILVER, Warehouse.QUARANTINE, Warehouse.GOLD,
            Warehouse.META)) {
          Path dir = new Path(root, layer);
          if (!fs.exists(dir)) {
            continue;
          }
          for (FileStatus t : fs.listStatus(dir)) {
            if (t.isDirectory() && fs.exists(new Path(t.getPath(), "_delta_log"))) {
              spark.sql("ALTER TABLE delta.`" + t.getPath().toString().replace("`", "``") + "` SET TBLPROPERTIES ("
                  + "'" + Sessions.NO_STATS_PROPERTY + "' = '0', 'delta.checkpoint.writeStatsAsJson' = 'false', "
                  + "'delta.checkpoint.writeStatsAsStruct' = 'false')");
              changed++;
            }
          }
        }
      }
      if (layout < 3) {
        changed += hashNationalIds(spark, wh, fs);
      }
      if (layout < LAYOUT) {
        try (OutputStream out = fs.create(marker, true)) {
          out.write((LAYOUT + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
      return changed;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot upgrade the warehouse at " + wh.root() + ": " + e.getMessage(), e);
    }
  }
}
