package org.jifen.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session stays in the district's time zone (UTC+8) while Delta's extra checksum verification
 * for non-UTC sessions is off: a received time just before midnight in Beijing is still that day,
 * through a Delta commit and back, in Spark and in the DuckDB reader.
 */
class SessionTimeZoneTest {
  @Test
  void receivedTimesReadAsUtcPlus8AndTheNonUtcCommitCheckIsOff(@TempDir Path tmp) {
    SparkSession spark = SharedSpark.get();
    assertEquals("Asia/Shanghai", spark.conf().get("spark.sql.session.timeZone"));
    assertEquals("false", spark.conf().get(Sessions.CRC_VERIFY_NON_UTC_KEY));

    // 2025-04-10T23:30+08:00 is 15:30 UTC: the 10th in Beijing, whatever the JVM's zone.
    Instant received = Instant.parse("2025-04-10T15:30:00Z");
    Warehouse wh = new Warehouse(tmp.resolve("wh").toString());
    spark.createDataFrame(List.of(RowFactory.create("2025Q1", Timestamp.from(received))),
            new StructType().add("period", DataTypes.StringType).add("received_at", DataTypes.TimestampType))
        .write().format("delta").save(wh.path(Warehouse.META, "t"));
    spark.createDataFrame(List.of(RowFactory.create("2025Q2", Timestamp.from(received.plusSeconds(3600)))),
            new StructType().add("period", DataTypes.StringType).add("received_at", DataTypes.TimestampType))
        .write().format("delta").mode("append").save(wh.path(Warehouse.META, "t"));

    Row r = wh.read(spark, Warehouse.META, "t").selectExpr("cast(received_at as date) as day",
        "date_format(received_at, 'yyyy-MM-dd HH:mm') as local").orderBy("local").first();
    assertEquals("2025-04-10", r.get(0).toString());
    assertEquals("2025-04-10 23:30", r.getString(1));

    try (var sql = org.jifen.read.WarehouseSql.open(wh, SharedSpark::get,
        new org.jifen.read.WarehouseSql.Table("t", Warehouse.META, "t"))) {
      assertEquals("duckdb", sql.engine());
      List<org.jifen.read.Rec> rows = sql.rows("select cast(received_at as date) as day, received_at from t "
          + "order by received_at");
      assertEquals(java.time.LocalDate.of(2025, 4, 10), rows.get(0).date("day"));
      assertEquals(java.time.LocalDate.of(2025, 4, 11), rows.get(1).date("day"), "00:30 on the 11th in Beijing");
      assertEquals(received, rows.get(0).instant("received_at"));
    }
  }
}
