package org.jifen.read;

import io.delta.kernel.Snapshot;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.actions.Protocol;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Delta tables pinned and listed with Delta Kernel, on the driver and without a Spark job, and
 * read by DuckDB from exactly the parquet files of the pinned snapshot (never a folder glob: a
 * Delta folder still holds removed files). Delta keeps partition values in its log, not in the
 * files, so they are joined in from the log. Every column is cast to the type of the table's Delta
 * schema, in the schema's order, as Spark reads it. A table DuckDB cannot read this way (deletion
 * vectors, column mapping, unknown reader features, files outside the local file system) says why
 * in {@link Pinned#reason()}: the caller then reads it with Spark.
 */
public final class DeltaSnapshots {
  /**
   * Reader features that leave a table's live rows exactly the rows of its data files, columns
   * matched by name: DuckDB reads such a table correctly from its file list. (Deletion vectors are
   * accepted only when no live file carries one; timestamps without time zone and widened types
   * are covered by the casts to the schema's types.)
   */
  public static final Set<String> READER_FEATURES_OK = Set.of("deletionVectors", "timestampNtz", "typeWidening",
      "typeWidening-preview", "v2Checkpoint", "vacuumProtocolCheck", "checkpointProtection");

  /** Name of the file column DuckDB adds to partitioned reads (no such table may have a column of that name). */
  private static final String FILE_COLUMN = "filename";

  private DeltaSnapshots() {}

  /** A live data file of a snapshot and its partition values. */
  public record DataFile(String path, Map<String, String> partitionValues) {}

  /**
   * A table at its pinned version.
   *
   * @param path the table's location
   * @param version the pinned version, or -1 when the table did not exist (then schema and files are empty)
   * @param commitMillis the commit time of the pinned version (0 when it did not exist)
   * @param reason why DuckDB cannot read it from its file list, or null when it can
   */
  public record Pinned(String path, long version, long commitMillis, StructType schema, List<String> partitions,
      List<DataFile> files, String reason) {
    public boolean exists() {
      return version >= 0;
    }

    static Pinned missing(String path) {
      return new Pinned(path, -1, 0, new StructType(), List.of(), List.of(), null);
    }

    static Pinned cannot(String path, long version, long millis, String reason) {
      return new Pinned(path, version, millis, new StructType(), List.of(), List.of(), reason);
    }
  }

  /**
   * Pins the table at {@code path}: its latest snapshot, or the last commit at or before
   * {@code asOf} (Delta's {@code timestampAsOf}); lists its live files.
   */
  public static Pinned pin(Engine engine, String path, Instant asOf) {
    Snapshot snapshot;
    try {
      snapshot = snapshot(engine, path, asOf);
    } catch (KernelException e) {
      return Pinned.cannot(path, -1, 0, e.getMessage());
    }
    if (snapshot == null) {
      return Pinned.missing(path);
    }
    long version = snapshot.getVersion();
    long millis = snapshot.getTimestamp(engine);
    String why = unsupported(snapshot);
    if (why != null) {
      return Pinned.cannot(path, version, millis, why);
    }
    StructType schema = (StructType) DataType.fromJson(snapshot.getMetadata().getSchemaString());
    for (StructField f : schema.fields()) {
      if (type(f.dataType()) == null) {
        return Pinned.cannot(path, version, millis, "has a column of a type not mapped to DuckDB: " + f.name() + " "
            + f.dataType().sql());
      }
      if (f.name().equalsIgnoreCase(FILE_COLUMN) && !snapshot.getPartitionColumnNames().isEmpty()) {
        return Pinned.cannot(path, version, millis, "has a column named " + FILE_COLUMN);
      }
    }
    List<DataFile> files = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> batches = snapshot.getScanBuilder().build().getScanFiles(engine)) {
      while (batches.hasNext()) {
        try (CloseableIterator<Row> rows = batches.next().getRows()) {
          while (rows.hasNext()) {
            Row r = rows.next();
            if (InternalScanFileUtils.getDeletionVectorDescriptorFromRow(r) != null) {
              return Pinned.cannot(path, version, millis, "has deletion vectors (rows deleted inside its files)");
            }
            URI uri = new org.apache.hadoop.fs.Path(InternalScanFileUtils.getAddFileStatus(r).getPath()).toUri();
            if (uri.getScheme() != null && !"file".equals(uri.getScheme())) {
              return Pinned.cannot(path, version, millis, "has files outside the local file system (" + uri + ")");
            }
            if (uri.getPath().matches(".*[*?\\[\\]{}].*")) {
              // DuckDB expands these as a glob even in a file list.
              return Pinned.cannot(path, version, millis, "has a file path with glob characters: " + uri.getPath());
            }
            files.add(new DataFile(uri.getPath(), InternalScanFileUtils.getPartitionValues(r)));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the files of " + path + ": " + e.getMessage(), e);
    }
    files.sort(Comparator.comparing(DataFile::path));
    return new Pinned(path, version, millis, schema, snapshot.getPartitionColumnNames(), files, null);
  }

  /**
   * The snapshot to read: the latest, or the last commit at or before {@code asOf}; null when the
   * table did not exist (yet).
   */
  private static Snapshot snapshot(Engine engine, String path, Instant asOf) {
    io.delta.kernel.Table table = io.delta.kernel.Table.forPath(engine, path);
    Snapshot latest;
    try {
      latest = table.getLatestSnapshot(engine);
    } catch (TableNotFoundException e) {
      return null;
    }
    if (asOf == null || latest.getTimestamp(engine) <= asOf.toEpochMilli()) {
      return latest;
    }
    // Kernel refuses a time before the first commit: then the table did not exist yet. (Without
    // version 0 in the log, the KernelException sends the read to Spark.)
    if (asOf.toEpochMilli() < table.getSnapshotAsOfVersion(engine, 0).getTimestamp(engine)) {
      return null;
    }
    return table.getSnapshotAsOfTimestamp(engine, asOf.toEpochMilli());
  }

  /** Why DuckDB cannot read a snapshot's rows from its data files, or null. */
  private static String unsupported(Snapshot snapshot) {
    Protocol protocol = snapshot.getProtocol();
    if (protocol.getMinReaderVersion() == 2) {
      return "uses column mapping (reader version 2)";
    }
    if (protocol.getMinReaderVersion() > 3) {
      return "needs Delta reader version " + protocol.getMinReaderVersion();
    }
    Set<String> unknown = new TreeSet<>(protocol.getReaderFeatures());
    unknown.removeAll(READER_FEATURES_OK);
    if (!unknown.isEmpty()) {
      return "uses the Delta reader features " + unknown;
    }
    String mapping = snapshot.getMetadata().getConfiguration().get("delta.columnMapping.mode");
    if (mapping != null && !mapping.equals("none")) {
      return "uses column mapping";
    }
    return null;
  }

  /**
   * The DuckDB {@code SELECT} that reads a pinned table's rows as Spark reads them; with no files
   * (or a table that did not exist), an empty result of {@code schema}'s columns.
   */
  public static String select(Statement st, StructType schema, List<String> partitions, List<DataFile> files)
      throws SQLException {
    List<String> exprs = new ArrayList<>();
    if (files.isEmpty()) {
      for (StructField f : schema.fields()) {
        exprs.add("CAST(NULL AS " + type(f.dataType()) + ") AS " + ident(f.name()));
      }
      return "SELECT " + String.join(", ", exprs) + " WHERE false";
    }
    // File paths come from the Delta log; DuckDB cannot bind a table function's file list.
    String read = "read_parquet([" + String.join(", ", files.stream().map(f -> "'" + literal(f.path()) + "'")
        .toList()) + "], union_by_name = true" + (partitions.isEmpty() ? "" : ", filename = true") + ")";
    Set<String> inFiles = new HashSet<>();
    try (ResultSet r = st.executeQuery("DESCRIBE SELECT * FROM " + read)) {
      while (r.next()) {
        inFiles.add(r.getString(1).toLowerCase(Locale.ROOT));
      }
    }
    for (StructField f : schema.fields()) {
      String source = partitions.contains(f.name()) ? "p." + ident(f.name())
          : inFiles.contains(f.name().toLowerCase(Locale.ROOT)) ? "f." + ident(f.name())
          // a column added after these files were written: null, as Spark reads it
          : "NULL";
      exprs.add("CAST(" + source + " AS " + type(f.dataType()) + ") AS " + ident(f.name()));
    }
    String from = " FROM " + read + " AS f";
    if (!partitions.isEmpty()) {
      List<String> rows = new ArrayList<>();
      for (DataFile df : files) {
        List<String> values = new ArrayList<>();
        values.add("'" + literal(df.path()) + "'");
        for (String c : partitions) {
          String v = df.partitionValues().get(c);
          values.add(v == null ? "NULL" : "'" + literal(v) + "'");
        }
        rows.add("(" + String.join(", ", values) + ")");
      }
      List<String> names = new ArrayList<>();
      names.add("jifen_file");
      partitions.forEach(c -> names.add(ident(c)));
      from += " JOIN (VALUES " + String.join(", ", rows) + ") AS p(" + String.join(", ", names)
          + ") ON p.jifen_file = f." + FILE_COLUMN;
    }
    return "SELECT " + String.join(", ", exprs) + from;
  }

  /** The DuckDB type Spark's parquet files of this type read as; null for a type not mapped. */
  public static String type(DataType t) {
    if (t instanceof StringType) {
      return "VARCHAR";
    } else if (t instanceof BooleanType) {
      return "BOOLEAN";
    } else if (t instanceof ByteType) {
      return "TINYINT";
    } else if (t instanceof ShortType) {
      return "SMALLINT";
    } else if (t instanceof IntegerType) {
      return "INTEGER";
    } else if (t instanceof LongType) {
      return "BIGINT";
    } else if (t instanceof FloatType) {
      return "FLOAT";
    } else if (t instanceof DoubleType) {
      return "DOUBLE";
    } else if (t instanceof DecimalType d) {
      return "DECIMAL(" + d.precision() + ", " + d.scale() + ")";
    } else if (t instanceof DateType) {
      return "DATE";
    } else if (t instanceof TimestampType) {
      // Spark's timestamps are instants: parquet TIMESTAMP(isAdjustedToUTC) = DuckDB TIMESTAMPTZ.
      return "TIMESTAMPTZ";
    } else if (t instanceof TimestampNTZType) {
      return "TIMESTAMP";
    } else if (t instanceof BinaryType) {
      return "BLOB";
    } else if (t instanceof ArrayType a) {
      String e = type(a.elementType());
      return e == null ? null : e + "[]";
    } else if (t instanceof MapType m) {
      String k = type(m.keyType());
      String v = type(m.valueType());
      return k == null || v == null ? null : "MAP(" + k + ", " + v + ")";
    } else if (t instanceof StructType s) {
      Map<String, String> fields = new LinkedHashMap<>();
      for (StructField f : s.fields()) {
        String ft = type(f.dataType());
        if (ft == null) {
          return null;
        }
        fields.put(ident(f.name()), ft);
      }
      List<String> parts = new ArrayList<>();
      fields.forEach((n, ft) -> parts.add(n + " " + ft));
      return "STRUCT(" + String.join(", ", parts) + ")";
    }
    return null;
  }

  /** A DuckDB identifier, quoted. */
  public static String ident(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /** The text of a DuckDB string literal (without the quotes). */
  public static String literal(String s) {
    return s.replace("'", "''");
  }
}
