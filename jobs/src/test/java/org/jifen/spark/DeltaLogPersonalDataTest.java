package org.jifen.spark;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jifen.testing.SampleWarehouse;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delta's log must not carry names or national IDs as column statistics (issue: personal data). */
class DeltaLogPersonalDataTest {
  @TempDir Path dir;

  private static List<Path> logFiles(Path root) throws Exception {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.getParent() != null && p.getParent().getFileName().toString().equals("_delta_log")
          && Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")).toList(); // not Hadoop's .crc
    }
  }

  @Test
  void theSampleWarehouseLogsHoldNoNameOrNationalId() throws Exception {
    Warehouse wh = SampleWarehouse.aggregated();
    SparkSession spark = SharedSpark.get();
    Set<String> personal = new TreeSet<>();
    for (Row r : wh.read(spark, Warehouse.BRONZE, "ledger_rows").filter(col("sheet").equalTo("名册"))
        .selectExpr("fields['姓名']", "fields['身份证号']").collectAsList()) {
      for (int i = 0; i < 2; i++) {
        String v = r.getString(i);
        if (v != null && v.strip().length() >= 2) {
          personal.add(v.strip());
        }
      }
    }
    assertTrue(personal.size() > 300, "names and IDs of the sample's rosters: " + personal.size());
    List<Path> logs = logFiles(Path.of(wh.root()));
    assertTrue(logs.size() > 20, "log files: " + logs.size());
    List<String> found = new ArrayList<>();
    for (Path f : logs) {
      String text = f.toString().endsWith(".parquet")
          ? String.join("\n", spark.read().parquet(f.toString()).selectExpr("to_json(add) AS a")
              .filter(col("a").isNotNull()).as(Encoders.STRING()).collectAsList())
          : Files.readString(f, StandardCharsets.UTF_8);
      for (String p : personal) {
        if (text.contains(p)) {
          found.add(f.getParent().getParent().getFileName() + "/" + f.getFileName());
          break;
        }
      }
      assertFalse(text.contains("\"minValues\":{\""), "column statistics in " + f);
    }
    assertEquals(List.of(), found, "log files with a member's name or national ID");
  }

  @Test
  void anOlderWarehouseStopsWritingColumnStatisticsAfterTheUpgrade() throws Exception {
    SparkSession spark = SharedSpark.get();
    Path root = dir.resolve("old");
    String table = root.resolve("silver/members").toString();
    StructType schema = new StructType().add("period", DataTypes.StringType).add("name", DataTypes.StringType);
    // A table as an older jifen made it: with column statistics.
    spark.createDataFrame(List.of(RowFactory.create("2025Q1", "张三丰")), schema).write().format("delta")
        .option("delta.dataSkippingNumIndexedCols", "32").save(table);
    assertTrue(Files.readString(root.resolve("silver/members/_delta_log/00000000000000000000.json"))
        .contains("张三丰"), "the old layout wrote min/max of names");

    assertEquals(2, WarehouseUpgrade.run(spark, new Warehouse(root.toString())), "properties + log scrubbed");
    assertEquals(0, WarehouseUpgrade.run(spark, new Warehouse(root.toString())), "runs once");
    spark.createDataFrame(List.of(RowFactory.create("2025Q2", "李四光")), schema).write().format("delta")
        .mode("append").save(table);
    String after = Files.readString(root.resolve("silver/members/_delta_log/00000000000000000002.json"));
    assertTrue(after.contains("\"add\""), after);
    assertFalse(after.contains("李四光"), after);
  }

  @Test
  void anOlderWarehousesSilverNationalIdsAreReplacedByTheirHashAndTheFilesRemoved() throws Exception {
    SparkSession spark = SharedSpark.get();
    Path root = dir.resolve("old-ids");
    String table = root.resolve("silver/members").toString();
    StructType schema = new StructType().add("period", DataTypes.StringType).add("member_code", DataTypes.StringType)
        .add("id_number", DataTypes.StringType).add("gender", DataTypes.StringType);
    spark.createDataFrame(List.of(RowFactory.create("2025Q1", "M1", "11010519491231002X", "男"),
        RowFactory.create("2025Q2", "M1", "110105194912310021", "男")), schema)
        .write().format("delta").partitionBy("period").save(table);

    assertEquals(2, WarehouseUpgrade.run(spark, new Warehouse(root.toString())), "stats property + IDs");
    org.apache.spark.sql.Dataset<Row> after = new Warehouse(root.toString()).read(spark, Warehouse.SILVER, "members");
    assertEquals(List.of("period", "member_code", "id_hash", "id_status", "gender"),
        List.of(after.columns()).stream().sorted((a, b) -> order(a) - order(b)).toList());
    assertEquals(List.of("invalid", "valid"), after.orderBy("id_status").select("id_status")
        .as(Encoders.STRING()).collectAsList());
    List<String> found = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root.resolve("silver/members"))) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        if (bytes.contains("11010519491231002") ) {
          found.add(f.toString());
        }
      }
    }
    assertEquals(List.of(), found, "files still holding a national ID after the upgrade");
  }

  private static final StructType MEMBERS = new StructType().add("period", DataTypes.StringType)
      .add("member_code", DataTypes.StringType).add("name", DataTypes.StringType)
      .add("id_number", DataTypes.StringType);

  /** Members with names and national IDs, one per commit. */
  private static final List<Row> PEOPLE = List.of(
      RowFactory.create("2024Q1", "M1", "张三丰", "11010519491231002X"),
      RowFactory.create("2024Q2", "M2", "李四光", "110105198805120017"),
      RowFactory.create("2024Q3", "M3", "王五常", "320102197003150032"),
      RowFactory.create("2024Q4", "M4", "赵六顺", "440103199912240045"),
      RowFactory.create("2025Q1", "M5", "钱七宝", "510104200002290058"));

  /**
   * A table as a jifen before layout 2 made it: column statistics in every commit, checkpoints
   * (every second commit) with them as JSON and as structs, one commit per member, then a
   * replacement of the first period, whose remove action copies the statistics.
   */
  private static void olderTable(SparkSession spark, String table) {
    for (int i = 0; i < PEOPLE.size(); i++) {
      org.apache.spark.sql.DataFrameWriter<Row> w = spark.createDataFrame(List.of(PEOPLE.get(i)), MEMBERS)
          .write().format("delta").partitionBy("period");
      if (i == 0) {
        w = w.option("delta.dataSkippingNumIndexedCols", "32").option("delta.checkpointInterval", "2")
            .option("delta.checkpoint.writeStatsAsStruct", "true");
      }
      w.mode("append").save(table);
    }
    DeltaTables.replacePeriods(spark.createDataFrame(List.of(
        RowFactory.create("2024Q1", "M1", "张三丰", "11010519491231002X"),
        RowFactory.create("2024Q1", "M6", "孙八斗", "330106198107070061")), MEMBERS), table, List.of("2024Q1"));
  }

  private static Set<String> personal() {
    Set<String> p = new TreeSet<>(List.of("孙八斗", "330106198107070061", "吴十全", "11010519491231011X"));
    for (Row r : PEOPLE) {
      p.add(r.getString(2));
      p.add(r.getString(3));
    }
    return p;
  }

  /** Every file of a table's log: checkpoints as their rows in JSON, other files as text. */
  private static java.util.Map<String, String> logTexts(SparkSession spark, Path table) throws Exception {
    java.util.Map<String, String> texts = new java.util.TreeMap<>();
    try (Stream<Path> files = Files.list(table.resolve("_delta_log"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = f.getFileName().toString();
        texts.put(name, name.endsWith(".parquet") && !name.startsWith(".")
            ? String.join("\n", spark.read().parquet(f.toString()).selectExpr("to_json(struct(*)) AS a")
                .as(Encoders.STRING()).collectAsList())
            : new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
      }
    }
    return texts;
  }

  /** The log files holding a name, a national ID or min/max statistics. */
  private static List<String> personalData(SparkSession spark, Path table) throws Exception {
    List<String> found = new ArrayList<>();
    logTexts(spark, table).forEach((name, text) -> {
      String plain = text.replace("\\", "");
      if (personal().stream().anyMatch(text::contains) || plain.contains("\"minValues\":{\"")
          || plain.contains("\"maxValues\":{\"")) {
        found.add(name);
      }
    });
    return found;
  }

  private static List<String> rows(SparkSession spark, String table) {
    return spark.read().format("delta").load(table).selectExpr("concat_ws('|', period, member_code, name, id_number)")
        .as(Encoders.STRING()).collectAsList().stream().sorted().toList();
  }

  private static long lastCheckpoint(Path table) throws Exception {
    String json = Files.readString(table.resolve("_delta_log/_last_checkpoint"));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"version\":(\\d+)").matcher(json);
    assertTrue(m.find(), json);
    return Long.parseLong(m.group(1));
  }

  /** Names, sizes and modification times of a table's log files. */
  private static List<String> listing(Path table) throws Exception {
    try (Stream<Path> files = Files.list(table.resolve("_delta_log"))) {
      List<String> l = new ArrayList<>();
      for (Path f : files.sorted().toList()) {
        l.add(f.getFileName() + " " + Files.size(f) + " " + Files.getLastModifiedTime(f).toMillis());
      }
      return l;
    }
  }

  @Test
  void anOlderWarehousesLogLosesItsColumnStatisticsOnTheUpgrade() throws Exception {
    SparkSession spark = SharedSpark.get();
    Path root = dir.resolve("old-log");
    Path members = root.resolve("quarantine/rows"); // not silver/members, which layout 3 rewrites
    String table = members.toString();
    olderTable(spark, table);
    List<String> before = rows(spark, table);
    assertEquals(6, before.size());
    java.util.Map<String, String> old = logTexts(spark, members);
    assertTrue(old.keySet().stream().anyMatch(n -> n.matches("\\d{20}\\.checkpoint\\.parquet")
        && personal().stream().anyMatch(old.get(n)::contains)), "old checkpoints with names: " + old.keySet());
    assertTrue(old.entrySet().stream().anyMatch(e -> e.getKey().endsWith(".crc") && !e.getKey().startsWith(".")
        && e.getValue().contains("张三丰")), "old .crc files with names: " + old.keySet());

    // no marker: layout 1
    assertEquals(2, WarehouseUpgrade.run(spark, new Warehouse(root.toString())), "properties + log scrubbed");

    assertEquals(List.of(), personalData(spark, members), "log files with personal data after the upgrade");
    long checkpoint = lastCheckpoint(members);
    List<String> left = new ArrayList<>(logTexts(spark, members).keySet());
    assertTrue(left.contains(String.format("%020d.checkpoint.parquet", checkpoint)), left.toString());
    assertTrue(left.contains(String.format("%020d.json", checkpoint)), left.toString());
    for (String f : left) {
      assertTrue(f.startsWith("_last_checkpoint") || f.startsWith("._last_checkpoint")
          || WarehouseUpgrade.version(f) >= checkpoint, "left from before the checkpoint: " + f);
      assertFalse(f.matches("\\.?" + String.format("%020d", checkpoint) + "\\.crc.*"), "checksum: " + f);
    }
    assertEquals(before, rows(spark, table), "the same rows");

    List<String> scrubbed = listing(members);
    assertEquals(0, WarehouseUpgrade.run(spark, new Warehouse(root.toString())), "runs once");
    FileSystem fs = new org.apache.hadoop.fs.Path(table).getFileSystem(spark.sparkContext().hadoopConfiguration());
    assertFalse(WarehouseUpgrade.scrubStatistics(spark, fs, new org.apache.hadoop.fs.Path(table)),
        "a clean log is not touched");
    assertEquals(scrubbed, listing(members), "nothing changed by the second run");

    spark.createDataFrame(List.of(RowFactory.create("2025Q2", "M7", "周九龄", "110105197707070070")), MEMBERS)
        .write().format("delta").mode("append").save(table);
    assertEquals(7, rows(spark, table).size());
    assertTrue(rows(spark, table).containsAll(before));
    assertEquals(List.of(), personalData(spark, members), "log files with personal data after a later append");
    assertFalse(String.join("\n", logTexts(spark, members).values()).contains("周九龄"), "the new name");
  }

  @Test
  void aLayout3WarehouseWithStatisticsInItsOldCommitsIsScrubbedAndCleanTablesAreNotTouched() throws Exception {
    SparkSession spark = SharedSpark.get();
    Path root = dir.resolve("layout3");
    Path members = root.resolve("gold/member_quarter_score");
    String table = members.toString();
    olderTable(spark, table); // versions 0-5, checkpoints 2 and 4
    spark.createDataFrame(List.of(RowFactory.create("2025Q1", "M8", "吴十全", "11010519491231011X")), MEMBERS)
        .write().format("delta").mode("append").save(table); // 6, a checkpoint with statistics
    // what layout 2 did to it (7), then a later commit without statistics (8)
    spark.sql("ALTER TABLE delta.`" + table + "` SET TBLPROPERTIES ('delta.dataSkippingNumIndexedCols' = '0', "
        + "'delta.checkpoint.writeStatsAsJson' = 'false', 'delta.checkpoint.writeStatsAsStruct' = 'false')");
    DeltaTables.replacePeriods(spark.createDataFrame(List.of(PEOPLE.get(1)), MEMBERS), table, List.of("2024Q2"));
    // a table layout 2 did not change (say, copied from an older warehouse): its current commit has
    // statistics and the properties are not set
    Path lists = root.resolve("gold/watch_lists");
    olderTable(spark, lists.toString());
    Path orgs = root.resolve("silver/orgs");
    spark.createDataFrame(List.of(RowFactory.create("2025Q1", "B1", "第一支部", "-")), MEMBERS).write()
        .format("delta").save(orgs.toString());
    Files.writeString(root.resolve(WarehouseUpgrade.MARKER), "3\n");
    List<String> before = rows(spark, table);
    List<String> cleanBefore = listing(orgs);
    assertTrue(personalData(spark, members).contains("00000000000000000006.checkpoint.parquet"),
        "statistics in the old checkpoint: " + personalData(spark, members));
    assertTrue(personalData(spark, lists).contains("00000000000000000005.json"), "and in the current commit");

    List<String> listsBefore = rows(spark, lists.toString());

    assertEquals(2, WarehouseUpgrade.run(spark, new Warehouse(root.toString())), "two tables scrubbed");

    assertEquals(List.of(), personalData(spark, members), "log files with personal data after the upgrade");
    assertEquals(List.of(), personalData(spark, lists), "log files with personal data after the upgrade");
    assertEquals(before, rows(spark, table));
    assertEquals(listsBefore, rows(spark, lists.toString()));
    assertEquals(List.of("false", "0"), spark.sql("DESCRIBE DETAIL delta.`" + lists + "`")
        .selectExpr("properties['delta.checkpoint.writeStatsAsJson']", "properties['delta.dataSkippingNumIndexedCols']")
        .as(Encoders.tuple(Encoders.STRING(), Encoders.STRING())).collectAsList().stream()
        .flatMap(t -> Stream.of(t._1(), t._2())).toList(), "the properties of layout 2, set by the scrub");
    assertEquals(6, lastCheckpoint(lists), "checkpoint of a new commit without statistics");
    assertEquals(cleanBefore, listing(orgs), "a table without statistics is not touched");
    assertEquals(String.valueOf(WarehouseUpgrade.LAYOUT), Files.readString(root.resolve(WarehouseUpgrade.MARKER))
        .strip());
  }

  private static int order(String c) {
    return List.of("period", "member_code", "id_hash", "id_status", "gender").indexOf(c);
  }
}
