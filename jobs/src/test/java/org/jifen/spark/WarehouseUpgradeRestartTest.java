package org.jifen.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 point 4: the layout upgrade that takes national IDs out of {@code silver/members} is
 * restartable. An upgrade that stops between its rewrite and its purge is finished by the next
 * writer (every ingest runs {@link WarehouseUpgrade#run} first), and a warehouse an earlier jifen
 * marked upgraded after such a stop loses the files that still hold the IDs.
 */
class WarehouseUpgradeRestartTest {
  private static final String ID_1 = "11010519491231002X";
  private static final String ID_2 = "110105198805120017";

  @TempDir Path dir;

  /** {@code silver/members} as a jifen before layout 3 wrote it: national IDs in {@code id_number}. */
  private static Path olderWarehouse(SparkSession spark, Path root) {
    StructType schema = new StructType().add("period", DataTypes.StringType).add("member_code", DataTypes.StringType)
        .add("id_number", DataTypes.StringType).add("gender", DataTypes.StringType);
    spark.createDataFrame(List.of(RowFactory.create("2025Q1", "M1", ID_1, "男"),
        RowFactory.create("2025Q2", "M2", ID_2, "女")), schema)
        .write().format("delta").partitionBy("period").save(root.resolve("silver/members").toString());
    return root.resolve("silver/members");
  }

  /** Files under the table (data and log) whose bytes hold one of the IDs' first 17 digits. */
  private static List<String> filesWithIdValues(Path table) throws Exception {
    List<String> found = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(table)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        if (bytes.contains(ID_1.substring(0, 17)) || bytes.contains(ID_2.substring(0, 17))) {
          found.add(table.relativize(f).toString());
        }
      }
    }
    return found;
  }

  /** Stops the upgrade right after its rewrite of silver/members is committed, as a crash would. */
  private static void crashAfterTheRewrite(SparkSession spark, Warehouse wh) {
    WarehouseUpgrade.afterRewrite = () -> {
      throw new IllegalStateException("simulated crash between the rewrite and the purge");
    };
    try {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> WarehouseUpgrade.run(spark, wh));
      assertEquals("simulated crash between the rewrite and the purge", e.getMessage());
    } finally {
      WarehouseUpgrade.afterRewrite = () -> { };
    }
  }

  @Test
  void anUpgradeStoppedBetweenTheRewriteAndThePurgeIsFinishedByTheNextWriter() throws Exception {
    SparkSession spark = SharedSpark.get();
    Path root = dir.resolve("wh");
    Path members = olderWarehouse(spark, root);
    Warehouse wh = new Warehouse(root.toString());
    FileSystem fs = FileSystem.getLocal(spark.sparkContext().hadoopConfiguration());

    crashAfterTheRewrite(spark, wh);
    // What the crash leaves: the IDs are gone from the table's current version, but the files it
    // replaced still hold them, and no layout was recorded.
    assertFalse(List.of(wh.read(spark, Warehouse.SILVER, "members").columns()).contains("id_number"));
    assertTrue(WarehouseUpgrade.filesWithIds(fs, new org.apache.hadoop.fs.Path(members.toString())) > 0);
    assertFalse(filesWithIdValues(members).isEmpty());
    assertFalse(Files.exists(root.resolve(WarehouseUpgrade.MARKER)));

    // The next writer's upgrade finishes the job before recording the layout.
    assertTrue(WarehouseUpgrade.run(spark, wh) > 0);
    assertEquals(0, WarehouseUpgrade.filesWithIds(fs, new org.apache.hadoop.fs.Path(members.toString())));
    assertEquals(List.of(), filesWithIdValues(members), "files under silver/members holding a national ID");
    assertEquals(String.valueOf(WarehouseUpgrade.LAYOUT),
        Files.readString(root.resolve(WarehouseUpgrade.MARKER)).strip());
    assertEquals(List.of("invalid", "valid"), wh.read(spark, Warehouse.SILVER, "members").orderBy("id_status")
        .select("id_status").as(Encoders.STRING()).collectAsList(), "the hashed rows are kept");
    assertEquals(0, WarehouseUpgrade.run(spark, wh), "runs once");
  }

  @Test
  void aWarehouseMarkedLayout4WithTheLeftoverFilesLosesThem() throws Exception {
    SparkSession spark = SharedSpark.get();
    Path root = dir.resolve("wh4");
    Path members = olderWarehouse(spark, root);
    Warehouse wh = new Warehouse(root.toString());
    crashAfterTheRewrite(spark, wh);
    // An earlier jifen's next upgrade found the column gone, skipped the purge and wrote layout 4.
    Files.writeString(root.resolve(WarehouseUpgrade.MARKER), "4\n");
    assertFalse(filesWithIdValues(members).isEmpty());

    assertEquals(1, WarehouseUpgrade.run(spark, wh), "silver/members purged");
    assertEquals(List.of(), filesWithIdValues(members), "files under silver/members holding a national ID");
    assertEquals("5", Files.readString(root.resolve(WarehouseUpgrade.MARKER)).strip());
    assertEquals(2L, wh.read(spark, Warehouse.SILVER, "members").count());
  }
}
