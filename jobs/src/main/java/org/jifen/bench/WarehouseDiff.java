package org.jifen.bench;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.jifen.spark.Sessions;
import org.jifen.spark.Warehouse;

/**
 * Compares two warehouses table by table: every Delta table under {@code silver/},
 * {@code quarantine/} and {@code gold/} of A and B must exist in both, with the same columns
 * (names and types) and the same rows as a multiset ({@code exceptAll} both ways), once the
 * {@link #VOLATILE_COLUMNS} are dropped. Values compare exactly: doubles and decimals are not
 * rounded (Spark's set operations only equate {@code -0.0} with {@code 0.0} and NaN with NaN).
 * Map columns are compared as their entries sorted by key (Spark cannot compare maps).
 *
 * <p>Usage: {@code java … org.jifen.bench.WarehouseDiff <warehouseA> <warehouseB>}; prints one line
 * per table, exits 0 only when both warehouses hold the same tables with the same rows, 1 when
 * they differ, 2 on a usage error.
 */
public final class WarehouseDiff {
  /** The layers compared: what the jobs compute (bronze is raw input, meta a log of the run). */
  public static final List<String> LAYERS = List.of(Warehouse.SILVER, Warehouse.QUARANTINE, Warehouse.GOLD);

  /**
   * Columns that legitimately differ between two runs on the same input, dropped before rows are
   * compared (from the schemas of silver, quarantine and gold):
   * {@code batch_id} (silver/ledgers, quarantine/rows: the ingest batch, named after its start time),
   * {@code quarantined_at} (quarantine/rows), {@code scored_at} (gold/member_quarter_score,
   * member_year_score) and {@code computed_at} (the other gold tables). bronze's
   * {@code ingested_at} and meta's {@code logged_at} are outside the compared layers.
   */
  public static final Set<String> VOLATILE_COLUMNS = Set.of("batch_id", "quarantined_at", "scored_at", "computed_at");

  /**
   * Columns that may carry personal data (names, national IDs, 党员编号, birth dates, and the
   * free texts and quarantine messages that can quote them): masked in the example rows printed.
   */
  public static final Set<String> PERSONAL_COLUMNS = Set.of("name", "id_number", "id_hash", "birth_date", "member_code",
      "leader", "unit_leader", "registrar", "filler", "basis", "note", "raw_value", "message");

  /** How many differing rows are printed per table. */
  public static final int EXAMPLES = 5;

  private static final String MASK = "***";

  private WarehouseDiff() {}

  /** The comparison of one table ({@code layer/name}); counts are -1 when not computed. */
  public record TableDiff(String table, boolean inA, boolean inB, String schemaProblem,
      long rowsA, long rowsB, long onlyA, long onlyB, List<String> examples) {

    public boolean same() {
      return inA && inB && schemaProblem == null && onlyA == 0 && onlyB == 0;
    }

    /** The report line: {@code same  gold/x  12 rows} or {@code DIFF  gold/x  …}. */
    public String line() {
      if (!inA || !inB) {
        return "DIFF  " + table + "  only in " + (inA ? "A" : "B");
      }
      if (schemaProblem != null) {
        return "DIFF  " + table + "  columns differ: " + schemaProblem;
      }
      if (same()) {
        return "same  " + table + "  " + rowsA + " rows";
      }
      return "DIFF  " + table + "  A-only " + onlyA + ", B-only " + onlyB + "  (A " + rowsA + " rows, B " + rowsB + ")";
    }
  }

  /** Every table of both warehouses, in name order. */
  public record Result(List<TableDiff> tables) {
    /** True when both warehouses hold the same tables and every table is the same. */
    public boolean identical() {
      return tables.stream().allMatch(TableDiff::same);
    }

    public long differing() {
      return tables.stream().filter(t -> !t.same()).count();
    }
  }

  /** Compares every table of the compared layers of warehouses {@code a} and {@code b}. */
  public static Result compare(SparkSession spark, String a, String b) {
    Warehouse wa = new Warehouse(a);
    Warehouse wb = new Warehouse(b);
    Set<String> ta = tables(spark, wa);
    Set<String> tb = tables(spark, wb);
    Set<String> all = new TreeSet<>(ta);
    all.addAll(tb);
    List<TableDiff> out = new ArrayList<>();
    for (String t : all) {
      if (!ta.contains(t) || !tb.contains(t)) {
        out.add(new TableDiff(t, ta.contains(t), tb.contains(t), null, -1, -1, -1, -1, List.of()));
      } else {
        String[] lt = t.split("/", 2);
        out.add(compareTable(spark, t, wa.path(lt[0], lt[1]), wb.path(lt[0], lt[1])));
      }
    }
    return new Result(out);
  }

  /** The Delta tables of the compared layers, as {@code layer/name}, in name order. */
  public static Set<String> tables(SparkSession spark, Warehouse w) {
    Set<String> out = new TreeSet<>();
    try {
      for (String layer : LAYERS) {
        Path dir = new Path(w.root() + "/" + layer);
        FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(dir)) {
          continue;
        }
        for (FileStatus s : fs.listStatus(dir)) {
          if (s.isDirectory() && fs.exists(new Path(s.getPath(), "_delta_log"))) {
            out.add(layer + "/" + s.getPath().getName());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the tables of " + w.root(), e);
    }
    return out;
  }

  /** Compares one table's current snapshots at {@code pathA} and {@code pathB}. */
  public static TableDiff compareTable(SparkSession spark, String table, String pathA, String pathB) {
    Dataset<Row> a = spark.read().format("delta").load(pathA);
    Dataset<Row> b = spark.read().format("delta").load(pathB);
    Map<String, String> ca = columns(a.schema());
    Map<String, String> cb = columns(b.schema());
    if (!ca.equals(cb)) {
      return new TableDiff(table, true, true, schemaDifference(ca, cb), -1, -1, -1, -1, List.of());
    }
    // A's column order on both sides; volatile columns dropped; maps made comparable.
    List<String> kept = Arrays.stream(a.columns()).filter(c -> !VOLATILE_COLUMNS.contains(c)).toList();
    Dataset<Row> na = comparable(a, kept);
    Dataset<Row> nb = comparable(b, kept);
    // Row counts of the snapshots (Delta answers them from its log); then both exceptAll's in one job.
    long rowsA = a.count();
    long rowsB = b.count();
    Dataset<Row> onlyA = na.exceptAll(nb);
    Dataset<Row> onlyB = nb.exceptAll(na);
    long nOnlyA = 0;
    long nOnlyB = 0;
    for (Row r : onlyA.select(lit("A").as("side")).unionAll(onlyB.select(lit("B").as("side")))
        .groupBy("side").count().collectAsList()) {
      if (r.getString(0).equals("A")) {
        nOnlyA = r.getLong(1);
      } else {
        nOnlyB = r.getLong(1);
      }
    }
    List<String> examples = new ArrayList<>();
    if (nOnlyA + nOnlyB > 0) {
      List<Row> ra = onlyA.limit(EXAMPLES).collectAsList();
      List<Row> rb = onlyB.limit(EXAMPLES).collectAsList();
      String[] names = na.columns();
      for (int i = 0; i < EXAMPLES && examples.size() < EXAMPLES; i++) {
        if (i < ra.size()) {
          examples.add("A-only: " + describe(ra.get(i), names));
        }
        if (i < rb.size() && examples.size() < EXAMPLES) {
          examples.add("B-only: " + describe(rb.get(i), names));
        }
      }
    }
    return new TableDiff(table, true, true, null, rowsA, rowsB, nOnlyA, nOnlyB, List.copyOf(examples));
  }

  /** Column name → type, in name order (nullability is not compared). */
  private static Map<String, String> columns(StructType schema) {
    Map<String, String> m = new TreeMap<>();
    for (StructField f : schema.fields()) {
      m.put(f.name(), f.dataType().simpleString());
    }
    return m;
  }

  private static String schemaDifference(Map<String, String> ca, Map<String, String> cb) {
    List<String> d = new ArrayList<>();
    Function<Map.Entry<String, String>, String> show = e -> e.getKey() + " " + e.getValue();
    ca.entrySet().stream().filter(e -> !e.getValue().equals(cb.get(e.getKey()))).forEach(e -> d.add("A " + show.apply(e)));
    cb.entrySet().stream().filter(e -> !e.getValue().equals(ca.get(e.getKey()))).forEach(e -> d.add("B " + show.apply(e)));
    return String.join(", ", d);
  }

  private static Dataset<Row> comparable(Dataset<Row> df, List<String> columns) {
    Column[] cols = new Column[columns.size()];
    for (int i = 0; i < cols.length; i++) {
      String c = columns.get(i);
      cols[i] = comparable(col("`" + c + "`"), df.schema().apply(c).dataType()).as(c);
    }
    return df.select(cols);
  }

  /** The value as a comparable one: maps become their entries sorted by key, recursively. */
  private static Column comparable(Column c, DataType t) {
    if (t instanceof MapType m) {
      Column entries = map_entries(c);
      if (hasMap(m.keyType()) || hasMap(m.valueType())) {
        entries = transform(entries, e -> struct(comparable(e.getField("key"), m.keyType()).as("key"),
            comparable(e.getField("value"), m.valueType()).as("value")));
      }
      return array_sort(entries);
    }
    if (t instanceof ArrayType a && hasMap(a.elementType())) {
      return transform(c, x -> comparable(x, a.elementType()));
    }
    if (t instanceof StructType s && hasMap(s)) {
      Column[] fields = Arrays.stream(s.fields())
          .map(f -> comparable(c.getField(f.name()), f.dataType()).as(f.name())).toArray(Column[]::new);
      return struct(fields);
    }
    return c;
  }

  private static boolean hasMap(DataType t) {
    if (t instanceof MapType) {
      return true;
    }
    if (t instanceof ArrayType a) {
      return hasMap(a.elementType());
    }
    if (t instanceof StructType s) {
      return Arrays.stream(s.fields()).anyMatch(f -> hasMap(f.dataType()));
    }
    return false;
  }

  /** One row as {@code col=value, …}, personal columns masked. */
  static String describe(Row r, String[] names) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      Object v = r.get(i);
      sb.append(names[i]).append('=').append(v != null && PERSONAL_COLUMNS.contains(names[i]) ? MASK : v);
    }
    return sb.toString();
  }

  /** Prints the report of {@code r} to {@code out}: one line per table, examples indented, a total. */
  public static void print(Result r, PrintStream out) {
    for (TableDiff t : r.tables()) {
      out.println(t.line());
      t.examples().forEach(e -> out.println("      " + e));
    }
    out.println(r.identical()
        ? "identical: " + r.tables().size() + " tables (volatile columns ignored: " + new TreeSet<>(VOLATILE_COLUMNS) + ")"
        : "NOT identical: " + r.differing() + " of " + r.tables().size() + " tables differ");
  }

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("Usage: WarehouseDiff <warehouseA> <warehouseB>");
      System.exit(2);
    }
    SparkSession spark = Sessions.getOrCreate(null);
    Result r;
    try {
      System.out.println("A = " + args[0]);
      System.out.println("B = " + args[1]);
      r = compare(spark, args[0], args[1]);
    } finally {
      spark.stop();
    }
    print(r, System.out);
    System.exit(r.identical() ? 0 : 1);
  }
}
