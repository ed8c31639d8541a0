package org.jifen.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import scala.Option;

/**
 * Brings a warehouse made by an older jifen up to the present layout, once, under the writer's
 * lease. The layout version is the file {@code <root>/_jifen_layout}; when it is current, the
 * upgrade reads that file and nothing else.
 *
 * <p>Layout 2: no Delta column statistics. Every existing table gets
 * {@code delta.dataSkippingNumIndexedCols = 0} (what {@link Sessions} sets for new tables) and
 * checkpoints without statistics ({@code delta.checkpoint.writeStatsAsJson} and
 * {@code delta.checkpoint.writeStatsAsStruct} false), so no later commit or checkpoint carries
 * min/max values of names or national IDs.
 *
 * <p>Layout 3: national IDs stop at bronze. {@code silver/members} loses {@code id_number} for
 * {@code id_hash} (salted) and {@code id_status}; the table is rewritten in one commit and the files
 * that held the IDs are removed at once ({@code VACUUM … RETAIN 0 HOURS}, under the writer's lease).
 *
 * <p>Layout 4: the statistics written before layout 2 leave the log. Layout 2 stopped new ones,
 * but the commits, checkpoints and checksum files written before kept theirs (min/max of names and
 * national IDs in {@code add.stats}, {@code stats_parsed} and the {@code allFiles} of a
 * {@code .crc}) until Delta's 30-day log retention. Every table of every layer whose log holds
 * min/max values gets a checkpoint without statistics at its current version (after a
 * metadata-only commit setting layout 2's properties when they are missing or the current commit
 * has statistics), and every log file of an earlier version is then deleted: commits,
 * checkpoints, Delta's checksums ({@code N.crc}), Hadoop's ({@code .N.json.crc}) and temporary
 * files, plus the {@code .crc} of the checkpoint's own version (its {@code allFiles} carry the
 * statistics of the snapshot it was computed from). What remains is what Delta reads the table
 * from: the new checkpoint, {@code _last_checkpoint} and the commit of that version; the cached
 * {@code DeltaLog} is dropped so that later commits start from the checkpoint. Delta's own cleanup
 * ({@code delta.logRetentionDuration}, {@code delta.enableExpiredLogCleanup}) cannot do this: it
 * keeps every file newer than the retention, rounded down to a day. Tables whose log holds no
 * min/max values are not touched. <b>Time travel (and {@code jifen report --as-of}) to a version
 * before the upgrade is no longer possible</b> for a scrubbed table, by design: those versions
 * existed only in the deleted files. A reader that listed the log just before the deletion can
 * fail once with a missing file; the upgrade itself runs under the writer's lease.
 *
 * <p>Layout 5: no file of {@code silver/members} holds national IDs any more. An upgrade to layout
 * 3 that stopped between its rewrite and its purge (a crash, a kill) left the replaced files with
 * {@code id_number} behind, and the next upgrade, finding the column gone, skipped the purge and
 * recorded layout 4. Every data file of the table is checked (its parquet footer) and, when one
 * still has the column, the table is vacuumed at once. Layout 3 purges the same way, so an
 * interrupted upgrade is finished by the next writer; the layout file is written only after every
 * step succeeded.
 */
public final class WarehouseUpgrade {
  public static final int LAYOUT = 5;
  static final String MARKER = "_jifen_layout";
  private static final String LOG = "_delta_log";
  private static final String LAST_CHECKPOINT = "_last_checkpoint";
  /** Layout 2's table properties. */
  private static final Map<String, String> NO_STATISTICS = new LinkedHashMap<>(Map.of(
      Sessions.NO_STATS_PROPERTY, "0", "delta.checkpoint.writeStatsAsJson", "false",
      "delta.checkpoint.writeStatsAsStruct", "false"));
  /** Min/max statistics of at least one column, in JSON with its escapes removed. */
  private static final Pattern STATISTICS = Pattern.compile("\"(min|max)Values\":\\{\"");
  /** A log file's version: 20 digits, after the dot of a hidden (checksum, temporary) file. */
  private static final Pattern VERSIONED = Pattern.compile("^\\.?([0-9]{20})\\.");
  private static final ObjectMapper JSON = new ObjectMapper();

  private WarehouseUpgrade() {}

  /** Test seam: runs after layout 3's rewrite of {@code silver/members} is committed, before the purge. */
  static Runnable afterRewrite = () -> { };

  /**
   * Layouts 3 and 5 for {@code silver/members}: rewrites it with {@code id_hash} and {@code id_status}
   * for {@code id_number} when its schema still has the IDs (layout 3), then removes every data file
   * that still holds the {@code id_number} column (the files the rewrite replaced, or those an
   * upgrade interrupted between its rewrite and its purge left behind). Returns 1 when the table
   * was changed.
   */
  private static int hashNationalIds(SparkSession spark, Warehouse wh, FileSystem fs, int layout) throws IOException {
    String table = wh.path(Warehouse.SILVER, "members");
    if (!fs.exists(new Path(table, "_delta_log"))) {
      return 0;
    }
    org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> df = wh.read(spark, Warehouse.SILVER, "members");
    boolean rewritten = false;
    if (java.util.Arrays.asList(df.columns()).contains(ID_COLUMN)) {
      if (layout >= 3) {
        return 0; // a later layout with the column (not jifen's own table): nothing to purge
      }
      rewriteWithHashes(spark, wh, table, df);
      rewritten = true;
      afterRewrite.run();
    }
    // Also when the rewrite was committed by an earlier upgrade that stopped before its purge: the
    // files it replaced still hold the IDs, and no later upgrade would look at them again.
    int left = filesWithIds(fs, new Path(table));
    if (left > 0) {
      vacuumNow(spark, table);
      int after = filesWithIds(fs, new Path(table));
      if (after > 0) {
        throw new IllegalStateException(table + ": " + after + " data file(s) still hold the " + ID_COLUMN
            + " column after VACUUM; the layout is not raised");
      }
    }
    return rewritten || left > 0 ? 1 : 0;
  }

  /** The column of national IDs in {@code silver/members} before layout 3. */
  static final String ID_COLUMN = "id_number";

  private static void rewriteWithHashes(SparkSession spark, Warehouse wh, String table,
      org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> df) {
    org.jifen.ingest.NationalIds.register(spark, org.jifen.mart.MartSecret.loadOrCreate(
        wh.file(org.jifen.mart.MartSecret.FILE), spark.sparkContext().hadoopConfiguration()));
    List<org.apache.spark.sql.Column> cols = new java.util.ArrayList<>();
    for (String c : df.columns()) {
      if (c.equals(ID_COLUMN)) {
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
    hashed.unpersist();
  }

  /** Removes every file the table's current version does not use, at once (under the writer's lease). */
  private static void vacuumNow(SparkSession spark, String table) {
    String check = "spark.databricks.delta.retentionDurationCheck.enabled";
    String before = spark.conf().get(check, "true");
    spark.conf().set(check, "false");
    try {
      spark.sql("VACUUM delta.`" + table.replace("`", "``") + "` RETAIN 0 HOURS");
    } finally {
      spark.conf().set(check, before);
    }
  }

  /** Data files (parquet, outside the log) of a table whose schema has the {@link #ID_COLUMN} column. */
  static int filesWithIds(FileSystem fs, Path table) throws IOException {
    int n = 0;
    org.apache.hadoop.fs.RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> files = fs.listFiles(table, true);
    while (files.hasNext()) {
      Path f = files.next().getPath();
      String name = f.getName();
      if (!name.endsWith(".parquet") || name.startsWith(".") || f.toString().contains("/" + LOG + "/")) {
        continue;
      }
      try (org.apache.parquet.hadoop.ParquetFileReader r = org.apache.parquet.hadoop.ParquetFileReader.open(
          org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(f, fs.getConf()))) {
        if (r.getFooter().getFileMetaData().getSchema().containsField(ID_COLUMN)) {
          n++;
        }
      }
    }
    return n;
  }

  /** Upgrades the warehouse when its layout is older than {@link #LAYOUT}; returns the table changes made. */
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
      if (layout >= LAYOUT) {
        return 0;
      }
      int changed = 0;
      if (layout < 2) {
        for (Path t : tables(fs, root)) {
          setNoStatisticsProperties(spark, t);
          changed++;
        }
      }
      if (layout < 5) {
        changed += hashNationalIds(spark, wh, fs, layout);
      }
      // Last: the checkpoint is of each table's final version, and the commits the steps above
      // wrote from the old state (a RemoveFile can carry the statistics of the file it removes)
      // go with the rest.
      if (layout < 4) {
        for (Path t : tables(fs, root)) {
          if (scrubStatistics(spark, fs, t)) {
            changed++;
          }
        }
      }
      try (OutputStream out = fs.create(marker, true)) {
        out.write((LAYOUT + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return changed;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot upgrade the warehouse at " + wh.root() + ": " + e.getMessage(), e);
    }
  }

  /** The Delta tables of every layer ({@code <root>/<layer>/<table>/_delta_log}). */
  private static List<Path> tables(FileSystem fs, Path root) throws IOException {
    List<Path> tables = new ArrayList<>();
    for (String layer : List.of(Warehouse.BRONZE, Warehouse.SILVER, Warehouse.QUARANTINE, Warehouse.GOLD,
        Warehouse.META)) {
      Path dir = new Path(root, layer);
      if (!fs.exists(dir)) {
        continue;
      }
      for (FileStatus t : fs.listStatus(dir)) {
        if (t.isDirectory() && fs.exists(new Path(t.getPath(), LOG))) {
          tables.add(t.getPath());
        }
      }
    }
    return tables;
  }

  /** Layout 2's table properties: no column statistics in commits or checkpoints. One metadata-only commit. */
  private static void setNoStatisticsProperties(SparkSession spark, Path table) {
    StringBuilder props = new StringBuilder();
    for (Map.Entry<String, String> p : NO_STATISTICS.entrySet()) {
      props.append(props.length() == 0 ? "" : ", ").append('\'').append(p.getKey()).append("' = '")
          .append(p.getValue()).append('\'');
    }
    spark.sql("ALTER TABLE delta.`" + table.toString().replace("`", "``") + "` SET TBLPROPERTIES (" + props + ")");
  }

  /**
   * Layout 4 for one table: when its log holds min/max values, a checkpoint without statistics at
   * the current version, then every log file of an earlier version and the checkpoint version's
   * {@code .crc} are deleted. Returns whether the table was scrubbed.
   */
  static boolean scrubStatistics(SparkSession spark, FileSystem fs, Path table) throws IOException {
    Path log = new Path(table, LOG);
    if (!holdsStatistics(spark, fs, fs.listStatus(log))) {
      return false;
    }
    DeltaLog delta = DeltaLog.forTable(spark, table);
    Snapshot snapshot = latest(delta);
    // The checkpoint's version must be a commit without statistics that Delta writes checkpoints of
    // without statistics: a metadata-only commit setting layout 2's properties (again) when the
    // current one is not (it may remove files and copy their statistics) or the properties differ.
    Map<String, String> properties = scala.jdk.javaapi.CollectionConverters.asJava(
        snapshot.metadata().configuration());
    boolean propertiesSet = NO_STATISTICS.entrySet().stream()
        .allMatch(p -> p.getValue().equals(properties.get(p.getKey())));
    Path commit = new Path(log, String.format("%020d.json", snapshot.version()));
    Snapshot current = snapshot;
    if (!propertiesSet || !fs.exists(commit)
        || holdsStatistics(spark, fs, new FileStatus[] {fs.getFileStatus(commit)})) {
      setNoStatisticsProperties(spark, table);
      current = latest(delta);
    }
    long version = current.version();
    delta.checkpoint(current, Option.empty());

    // Delta logs a failed checkpoint and goes on: check that it is there, complete and clean
    // before deleting what it replaces.
    Path last = new Path(log, LAST_CHECKPOINT);
    JsonNode info;
    try (InputStream in = fs.open(last)) {
      info = JSON.readTree(in);
    }
    List<FileStatus> checkpoint = new ArrayList<>();
    for (FileStatus f : fs.listStatus(log)) {
      if (f.isFile() && f.getPath().getName().matches(String.format("%020d", version) + "\\.checkpoint\\..*parquet")) {
        checkpoint.add(f);
      }
    }
    int parts = info.path("parts").asInt(1);
    if (info.path("version").asLong(-1) != version || checkpoint.size() != parts) {
      throw new IllegalStateException(table + ": Delta wrote no complete checkpoint at version " + version
          + " (_last_checkpoint: " + info + "); no log file was deleted");
    }
    if (info.has("v2Checkpoint")) {
      // jifen writes classic checkpoints; a V2 one keeps its actions in _sidecars, not checked here
      throw new IllegalStateException(table + ": V2 checkpoints are not supported; no log file was deleted");
    }
    if (holdsStatistics(spark, fs, checkpoint.toArray(new FileStatus[0]))) {
      throw new IllegalStateException(table + ": the checkpoint at version " + version
          + " still holds column statistics; no log file was deleted");
    }

    for (FileStatus f : fs.listStatus(log)) {
      long v = version(f.getPath().getName());
      boolean checksum = f.getPath().getName().replaceFirst("^\\.", "").startsWith(String.format("%020d.crc", version));
      if (f.isFile() && v >= 0 && (v < version || (v == version && checksum))) {
        // false when already gone (Hadoop's local file system deletes a file's .crc with it)
        if (!fs.delete(f.getPath(), false) && fs.exists(f.getPath())) {
          throw new IOException("cannot delete " + f.getPath());
        }
      }
    }
    // The cached DeltaLog's state was read from the deleted files and still holds their statistics
    // (a later commit would copy them into its remove actions and .crc): read the checkpoint instead.
    DeltaLog.invalidateCache(spark, table);
    long reread = latest(DeltaLog.forTable(spark, table)).version();
    if (reread != version) {
      throw new IllegalStateException(table + ": reads as version " + reread + " after the scrub, not " + version);
    }
    return true;
  }

  private static Snapshot latest(DeltaLog delta) {
    return delta.update(delta.update$default$1(), delta.update$default$2(), delta.update$default$3());
  }

  /**
   * The version a log file belongs to: the 20 digits Delta names commits, checkpoints and checksums
   * with ({@code N.json}, {@code N.checkpoint….parquet}, {@code N.crc}, {@code N.M.compacted.json}),
   * also behind the dot of Hadoop's checksum files and Delta's temporary files ({@code .N.json.crc},
   * {@code .N.json.<uuid>.tmp}); -1 for any other file ({@code _last_checkpoint}).
   */
  static long version(String name) {
    java.util.regex.Matcher m = VERSIONED.matcher(name);
    return m.lookingAt() ? Long.parseLong(m.group(1)) : -1;
  }

  /**
   * True when one of the files (commits, checksums, checkpoints) holds min/max column statistics:
   * {@code "minValues":{"…} or {@code "maxValues":{"…} in the JSON (escaped in {@code add.stats});
   * checkpoints are read as rows, their {@code add.stats} and {@code add.stats_parsed} included.
   * Statistics of no column ({@code "minValues":{}}, what tables without statistics get) are none.
   */
  static boolean holdsStatistics(SparkSession spark, FileSystem fs, FileStatus[] files) throws IOException {
    for (FileStatus f : files) {
      String name = f.getPath().getName();
      if (!f.isFile() || name.startsWith(".") || version(name) < 0) {
        continue;
      }
      if (name.endsWith(".parquet")) {
        // one file at a time: checkpoints of different versions can have different schemas
        Dataset<Row> rows = spark.read().parquet(f.getPath().toString());
        if (!rows.select(to_json(struct(col("*"))).as("a"))
            .filter(regexp_replace(col("a"), "\\\\", "").rlike(STATISTICS.pattern())).isEmpty()) {
          return true;
        }
      } else if (name.endsWith(".json") || name.endsWith(".crc")) {
        try (BufferedReader in = new BufferedReader(
            new InputStreamReader(fs.open(f.getPath()), StandardCharsets.UTF_8))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (STATISTICS.matcher(line.replace("\\", "")).find()) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }
}
