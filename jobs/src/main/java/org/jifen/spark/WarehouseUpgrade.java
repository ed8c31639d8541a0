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
 */
public final class WarehouseUpgrade {
  public static final int LAYOUT = 2;
  static final String MARKER = "_jifen_layout";

  private WarehouseUpgrade() {}

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
