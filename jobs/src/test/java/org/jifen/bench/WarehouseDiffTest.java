package org.jifen.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WarehouseDiff on tiny hand-made warehouses: three Delta tables, one per compared layer. */
class WarehouseDiffTest {
  private static final StructType MEMBERS = new StructType()
      .add("period", DataTypes.StringType).add("member_code", DataTypes.StringType)
      .add("name", DataTypes.StringType).add("id_number", DataTypes.StringType);
  private static final StructType SCORES = new StructType()
      .add("period", DataTypes.StringType).add("member_code", DataTypes.StringType)
      .add("score", DataTypes.DoubleType)
      .add("components", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType))
      .add("scored_at", DataTypes.TimestampType);
  private static final StructType QUARANTINE = new StructType()
      .add("period", DataTypes.StringType).add("batch_id", DataTypes.StringType)
      .add("reason_code", DataTypes.StringType).add("quarantined_at", DataTypes.TimestampType);

  private static final Timestamp T1 = Timestamp.valueOf("2025-04-11 09:00:00");
  private static final Timestamp T2 = Timestamp.valueOf("2025-04-12 17:30:00");

  @TempDir
  static Path tmp;
  private static String a;

  @BeforeAll
  static void warehouseA() {
    a = tmp.resolve("a").toString();
    writeAll(a, scores(84.78, T1, false), "20250411T090000.000Z", T1, false);
  }

  @Test
  void identicalWarehousesAreTheSame() {
    // Written separately, rows in the opposite order and map entries inserted the other way round.
    String b = tmp.resolve("identical").toString();
    writeAll(b, scores(84.78, T1, true), "20250411T090000.000Z", T1, true);
    WarehouseDiff.Result r = WarehouseDiff.compare(SharedSpark.get(), a, b);
    assertEquals(List.of("gold/member_quarter_score", "quarantine/rows", "silver/members"),
        r.tables().stream().map(WarehouseDiff.TableDiff::table).toList());
    assertTrue(r.identical(), () -> lines(r));
    assertEquals("same  silver/members  2 rows", r.tables().get(2).line());
  }

  @Test
  void oneChangedFigureIsADifference() {
    String b = copyOfA("changed");
    // The smallest possible change of a double: figures must be identical, not close.
    write(b, "gold/member_quarter_score", SCORES, scores(Math.nextUp(84.78), T1, false));
    WarehouseDiff.Result r = WarehouseDiff.compare(SharedSpark.get(), a, b);
    assertFalse(r.identical());
    assertEquals(1, r.differing());
    WarehouseDiff.TableDiff t = r.tables().get(0);
    assertEquals("gold/member_quarter_score", t.table());
    assertEquals(1, t.onlyA());
    assertEquals(1, t.onlyB());
    assertTrue(t.line().startsWith("DIFF  gold/member_quarter_score  A-only 1, B-only 1"), t.line());
    assertEquals(2, t.examples().size());
    String examples = String.join("\n", t.examples());
    assertTrue(examples.contains("score=84.78,") && examples.contains("score=" + Math.nextUp(84.78) + ","), examples);
    // 党员编号 is personal data: masked in the printed rows.
    assertTrue(examples.contains("member_code=***") && !examples.contains("M001"), examples);
    assertFalse(examples.contains("scored_at"), examples);
  }

  @Test
  void volatileColumnsMayDiffer() {
    String b = tmp.resolve("volatile").toString();
    writeAll(b, scores(84.78, T2, false), "20250412T173000.000Z", T2, false);
    WarehouseDiff.Result r = WarehouseDiff.compare(SharedSpark.get(), a, b);
    assertTrue(r.identical(), () -> lines(r));
  }

  @Test
  void aMissingTableIsNotIdentical() throws IOException {
    String b = copyOfA("missing");
    deleteTree(Path.of(b, "quarantine", "rows"));
    WarehouseDiff.Result r = WarehouseDiff.compare(SharedSpark.get(), a, b);
    assertFalse(r.identical());
    assertEquals(List.of("same  gold/member_quarter_score  2 rows", "DIFF  quarantine/rows  only in A",
        "same  silver/members  2 rows"), r.tables().stream().map(WarehouseDiff.TableDiff::line).toList());
  }

  /** Two score rows; {@code flipped} inserts the map entries the other way round. */
  private static List<Row> scores(double m001, Timestamp scoredAt, boolean flipped) {
    return List.of(RowFactory.create("2025Q1", "M001", m001, components(60.0, m001 - 60.0, flipped), scoredAt),
        RowFactory.create("2025Q1", "M002", 91.5, components(60.0, 31.5, flipped), scoredAt));
  }

  private static Map<String, Double> components(double base, double bonus, boolean flipped) {
    Map<String, Double> m = new LinkedHashMap<>();
    if (flipped) {
      m.put("bonus", bonus);
      m.put("base", base);
    } else {
      m.put("base", base);
      m.put("bonus", bonus);
    }
    return m;
  }

  private static void writeAll(String root, List<Row> scores, String batchId, Timestamp at, boolean reversed) {
    List<Row> members = List.of(RowFactory.create("2025Q1", "M001", "张三", "110101199001011234"),
        RowFactory.create("2025Q1", "M002", "李四", "110101198505052345"));
    List<Row> quarantine = List.of(RowFactory.create("2025Q1", batchId, "BAD_DATE", at));
    write(root, "silver/members", MEMBERS, reversed ? reversed(members) : members);
    write(root, "gold/member_quarter_score", SCORES, reversed ? reversed(scores) : scores);
    write(root, "quarantine/rows", QUARANTINE, quarantine);
  }

  private static <T> List<T> reversed(List<T> l) {
    List<T> r = new ArrayList<>(l);
    Collections.reverse(r);
    return r;
  }

  private static void write(String root, String table, StructType schema, List<Row> rows) {
    SparkSession spark = SharedSpark.get();
    spark.createDataFrame(rows, schema).coalesce(1).write().format("delta").mode("overwrite")
        .save(root + "/" + table);
  }

  private static String copyOfA(String name) {
    Path target = tmp.resolve(name);
    try (Stream<Path> s = Files.walk(Path.of(a))) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = target.resolve(Path.of(a).relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target.toString();
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Collections.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static String lines(WarehouseDiff.Result r) {
    StringBuilder sb = new StringBuilder();
    r.tables().forEach(t -> {
      sb.append(t.line()).append('\n');
      t.examples().forEach(e -> sb.append("  ").append(e).append('\n'));
    });
    return sb.toString();
  }
}
