package org.jifen.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jifen.mart.MartSecret;
import org.jifen.spark.Warehouse;
import org.jifen.testing.SampleWarehouse;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.Test;

/** National IDs stop at bronze (issue: personal data). */
class NationalIdsTest {
  @Test
  void checkDigitsFollowGb11643() {
    assertEquals(NationalIds.VALID, NationalIds.status("11010519491231002X")); // the standard's example
    assertEquals(NationalIds.VALID, NationalIds.status(" 11010519491231002x "));
    assertEquals(NationalIds.INVALID, NationalIds.status("110105194912310021"), "wrong check digit");
    assertEquals(NationalIds.INVALID, NationalIds.status("11010519491231002"), "17 characters");
    assertEquals(NationalIds.INVALID, NationalIds.status("1101051949123100XX"));
    assertEquals(NationalIds.MISSING, NationalIds.status(" "));
    assertEquals(NationalIds.MISSING, NationalIds.status(null));
  }

  @Test
  void silverKeepsASaltedHashAndTheValidityNotTheId() throws Exception {
    Warehouse wh = SampleWarehouse.get();
    SparkSession spark = SharedSpark.get();
    List<String> columns = List.of(wh.read(spark, Warehouse.SILVER, "members").columns());
    assertFalse(columns.contains("id_number"), columns.toString());
    assertTrue(columns.containsAll(List.of("id_hash", "id_status")), columns.toString());

    MartSecret secret = MartSecret.loadOrCreate(wh.file(MartSecret.FILE), spark.sparkContext().hadoopConfiguration());
    Set<String> expected = new TreeSet<>();
    Set<String> ids = new TreeSet<>();
    for (Row b : wh.read(spark, Warehouse.BRONZE, "ledger_rows").filter("sheet = '名册'")
        .selectExpr("fields['身份证号']").collectAsList()) {
      if (b.getString(0) != null && !b.getString(0).isBlank()) {
        ids.add(b.getString(0).strip());
        expected.add(secret.idHash(b.getString(0)));
      }
    }
    assertTrue(ids.size() > 300, "IDs on the sample's rosters: " + ids.size());
    Set<String> hashes = new TreeSet<>(wh.read(spark, Warehouse.SILVER, "members").filter("id_hash is not null")
        .select("id_hash").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    assertTrue(hashes.stream().allMatch(h -> h.matches("[0-9a-f]{64}")));
    assertTrue(expected.containsAll(hashes), "every silver hash is the salted hash of a roster ID");
    assertFalse(hashes.stream().anyMatch(ids::contains));
    assertEquals(0, wh.read(spark, Warehouse.SILVER, "members").filter("id_status is null").count());
  }

  @Test
  void statusReportsInvalidAndSharedIds(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
    SparkSession spark = SharedSpark.get();
    StructType schema = new StructType().add("period", DataTypes.StringType).add("branch_code", DataTypes.StringType)
        .add("member_code", DataTypes.StringType).add("id_hash", DataTypes.StringType)
        .add("id_status", DataTypes.StringType);
    MartSecret s = MartSecret.of(new byte[32]);
    var members = spark.createDataFrame(List.of(
        RowFactory.create("2025Q1", "B01", "M1", s.idHash("11010519491231002X"), "valid"),
        RowFactory.create("2025Q1", "B02", "M2", s.idHash("11010519491231002X"), "valid"),
        RowFactory.create("2025Q1", "B02", "M3", s.idHash("110105194912310021"), "invalid"),
        RowFactory.create("2025Q1", "B02", "M4", null, "missing")), schema);
    Warehouse wh = new Warehouse(tmp.resolve("wh").toString());
    members.write().format("delta").save(wh.path(Warehouse.SILVER, "members"));
    StringWriter text = new StringWriter();
    // Through DuckDB (the default) and through Spark: the same findings.
    for (String engine : List.of("duckdb", "spark")) {
      System.setProperty(org.jifen.read.WarehouseSql.ENGINE_PROPERTY, engine);
      try (var sql = org.jifen.read.WarehouseSql.open(wh, SharedSpark::get,
          new org.jifen.read.WarehouseSql.Table("members", Warehouse.SILVER, "members"))) {
        assertEquals(engine, sql.engine());
        org.jifen.cli.StatusCommand.printIdFindings(new PrintWriter(text, true), sql, null);
      } finally {
        System.clearProperty(org.jifen.read.WarehouseSql.ENGINE_PROPERTY);
      }
    }
    String out = text.toString();
    String[] halves = out.split("(?=\nNational ID findings)");
    assertEquals(2, halves.length, out);
    assertEquals(halves[0].strip(), halves[1].strip());
    assertTrue(out.contains("check digit wrong (GB 11643)") && out.contains("one ID on two or more member codes"),
        out);
    assertTrue(out.matches("(?s).*2025Q1 +one ID on two or more member codes +B01, B02 +1.*"), out);
    assertFalse(out.contains("11010519491231002X"), out);
  }
}
