package org.jifen.mart;

import io.delta.kernel.Snapshot;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.actions.Protocol;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
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
import java.util.function.UnaryOperator;
import org.apache.hadoop.conf.Configuration;
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
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.jifen.spark.Warehouse;

/**
 * The warehouse tables as DuckDB views ({@code src_*}) over exactly the parquet files of each
 * pinned snapshot, never a folder glob (a Delta folder still holds removed files). Delta Kernel
 * reads the pins and file lists from the Delta log on the driver, without a Spark job. Delta keeps
 * partition values in its log, not in the files, so they are joined in from the log. Every column
 * is cast to the type of the table's Delta schema, in the schema's order, as Spark reads it.
 * Tables DuckDB cannot read this way (deletion vectors, column mapping, unknown reader features)
 * are reported by {@link #reason()}; the mart is then built by Spark ({@link SparkExport}).
 */
final class DuckDbSources {
  /**
   * Reader features that leave a table's live rows exactly the rows of its data files, columns
   * matched by name: DuckDB reads such a table correctly from its file list. (Deletion vectors are
   * accepted only when no live file carries one; timestamps without time zone and widened types
   * are covered by the casts to the schema's types.)
   */
  static final Set<String> READER_FEATURES_OK = Set.of("deletionVectors", "timestampNtz", "typeWidening",
      "typeWidening-preview", "v2Checkpoint", "vacuumProtocolCheck", "checkpointProtection");

  /** Name of the file column DuckDB adds to partitioned reads (no such table may have a column of that name). */
  private static final String FILE_COLUMN = "filename";

  private record DataFile(String path, Map<String, String> partitionValues) {}

  /** A pinned table: its Delta schema and partition columns, and its live files (none when it did not exist). */
  private record Table(MartSources.Pinned pinned, StructType schema, List<String> partitions, List<DataFile> files) {}

  private final List<Table> tables;
  private final List<String> warnings;
  private final String reason;

  private DuckDbSources(List<Table> tables, List<String> warnings, String reason) {
    this.tables = tables;
    this.warnings = warnings;
    this.reason = reason;
  }

  private static DuckDbSources cannot(String reason) {
    return new DuckDbSources(List.of(), List.of(), reason);
  }

  /**
   * Pins every source as {@link MartSources#pinWithSpark} does and lists its live files, or finds
   * why DuckDB cannot read one. The warehouse must be a local folder.
   */
  static DuckDbSources of(Warehouse wh, Configuration hadoopConf, Instant asOf) {
    Engine engine = DefaultEngine.create(hadoopConf);
    List<Table> tables = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (MartSources.Source s : MartSources.ALL) {
      String path = wh.path(s.layer(), s.table());
      Snapshot snapshot;
      try {
        snapshot = pin(engine, path, asOf);
      } catch (KernelException e) {
        return cannot(s.name() + ": " + e.getMessage());
      }
      if (snapshot == null) {
        MartSources.Pinned p = MartSources.pinned(s, path, -1, 0, warnings);
        tables.add(new Table(p, s.emptySchema(), List.of(), List.of()));
        continue;
      }
      MartSources.Pinned p = MartSources.pinned(s, path, snapshot.getVersion(), snapshot.getTimestamp(engine),
          warnings);
      String why = unsupported(snapshot);
      if (why != null) {
        return cannot(s.name() + " " + why);
      }
      StructType schema = (StructType) DataType.fromJson(snapshot.getMetadata().getSchemaString());
      for (StructField f : schema.fields()) {
        if (type(f.dataType()) == null) {
          return cannot(s.name() + " has a column of a type the mart does not map to DuckDB: " + f.name() + " "
              + f.dataType().sql());
        }
        if (f.name().equalsIgnoreCase(FILE_COLUMN) && !snapshot.getPartitionColumnNames().isEmpty()) {
          return cannot(s.name() + " has a column named " + FILE_COLUMN);
        }
      }
      List<DataFile> files = new ArrayList<>();
      try (CloseableIterator<FilteredColumnarBatch> batches = snapshot.getScanBuilder().build().getScanFiles(engine)) {
        while (batches.hasNext()) {
          try (CloseableIterator<Row> rows = batches.next().getRows()) {
            while (rows.hasNext()) {
              Row r = rows.next();
              if (InternalScanFileUtils.getDeletionVectorDescriptorFromRow(r) != null) {
                return cannot(s.name() + " has deletion vectors (rows deleted inside its files)");
              }
              URI uri = new org.apache.hadoop.fs.Path(InternalScanFileUtils.getAddFileStatus(r).getPath()).toUri();
              if (uri.getScheme() != null && !"file".equals(uri.getScheme())) {
                return cannot(s.name() + " has files outside the local file system (" + uri + ")");
              }
              if (uri.getPath().matches(".*[*?\\[\\]{}].*")) {
                // DuckDB expands these as a glob even in a file list.
                return cannot(s.name() + " has a file path with glob characters: " + uri.getPath());
              }
              files.add(new DataFile(uri.getPath(), InternalScanFileUtils.getPartitionValues(r)));
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list the files of " + path + ": " + e.getMessage(), e);
      }
      files.sort(Comparator.comparing(DataFile::path));
      tables.add(new Table(p, schema, snapshot.getPartitionColumnNames(), files));
    }
    return new DuckDbSources(tables, warnings, null);
  }

  /**
   * The snapshot to read: the latest, or the last commit at or before {@code asOf}; null when the
   * table did not exist (yet).
   */
  private static Snapshot pin(Engine engine, String path, Instant asOf) {
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
    // version 0 in the log, the KernelException sends the build to Spark.)
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

  /** The pinned sources, for {@code mart_info}. */
  List<MartSources.Pinned> pinned() {
    return tables.stream().map(Table::pinned).toList();
  }

  /** Warnings of the pinning (a table that does not exist yet). */
  List<String> warnings() {
    return warnings;
  }

  /** Why DuckDB cannot read the warehouse directly, or null when it can. */
  String reason() {
    return reason;
  }

  /** Creates the {@code src_*} views in the connection's current database. */
  void createViews(Statement st) throws SQLException {
    if (reason != null) {
      throw new IllegalStateException("DuckDB cannot read the warehouse directly: " + reason);
    }
    for (Table t : tables) {
      st.execute("CREATE OR REPLACE VIEW " + t.pinned().source().view() + " AS " + select(st, t));
    }
  }

  private static String select(Statement st, Table t) throws SQLException {
    StructType schema = t.schema();
    List<String> exprs = new ArrayList<>();
    if (t.files().isEmpty()) {
      for (StructField f : schema.fields()) {
        exprs.add("CAST(NULL AS " + type(f.dataType()) + ") AS " + ident(f.name()));
      }
      return "SELECT " + String.join(", ", exprs) + " WHERE false";
    }
    List<String> partitions = t.partitions();
    // File paths come from the Delta log; DuckDB cannot bind a table function's file list.
    String read = "read_parquet([" + String.join(", ", t.files().stream().map(f -> "'" + literal(f.path()) + "'")
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
      for (DataFile df : t.files()) {
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

  /**
   * Loads {@code member_keys (member_code, member_key)} into the connection's current database:
   * the HMAC of every distinct non-null member_code of {@code views}, computed here because DuckDB
   * has no HMAC. The table lives in the in-memory build database only, never in a mart file.
   */
  static int createMemberKeys(Connection c, MartSecret secret, List<String> views) throws SQLException {
    List<String> codes = new ArrayList<>();
    try (Statement st = c.createStatement()) {
      st.execute("CREATE OR REPLACE TABLE member_keys (member_code VARCHAR, member_key VARCHAR)");
      String union = String.join(" UNION ", views.stream().map(v -> "SELECT member_code FROM " + v).toList());
      try (ResultSet r = st.executeQuery("SELECT member_code FROM (" + union + ") WHERE member_code IS NOT NULL")) {
        while (r.next()) {
          codes.add(r.getString(1));
        }
      }
    }
    UnaryOperator<String> keyer = secret.keyer();
    try (DuckDBAppender a = c.unwrap(DuckDBConnection.class).createAppender("memory", "main", "member_keys")) {
      for (String code : codes) {
        a.beginRow().append(code).append(keyer.apply(code)).endRow();
      }
    }
    return codes.size();
  }

  /** The DuckDB type Spark's parquet files of this type read as; null for a type the mart does not map. */
  static String type(DataType t) {
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

  static String ident(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  static String literal(String s) {
    return s.replace("'", "''");
  }
}
