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

    assertEquals(1, WarehouseUpgrade.run(spark, new Warehouse(root.toString())));
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

  private static int order(String c) {
    return List.of("period", "member_code", "id_hash", "id_status", "gender").indexOf(c);
  }
}
