package org.jifen.mart;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.hadoop.conf.Configuration;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.jifen.read.DeltaSnapshots;
import org.jifen.spark.Warehouse;

/**
 * The warehouse tables as DuckDB views ({@code src_*}) over exactly the parquet files of each
 * pinned snapshot ({@link DeltaSnapshots}: Delta Kernel reads the pins and file lists from the
 * Delta log on the driver, without a Spark job). Tables DuckDB cannot read this way are reported by
 * {@link #reason()}; the mart is then built by Spark ({@link SparkExport}).
 */
final class DuckDbSources {
  /** A pinned table as a mart source. */
  private record Table(MartSources.Pinned pinned, DeltaSnapshots.Pinned snapshot) {}

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
      DeltaSnapshots.Pinned snap = DeltaSnapshots.pin(engine, path, asOf);
      if (snap.reason() != null) {
        return cannot(s.name() + (snap.version() < 0 ? ": " : " ") + snap.reason());
      }
      MartSources.Pinned p = MartSources.pinned(s, path, snap.version(), snap.commitMillis(), warnings);
      tables.add(new Table(p, snap));
    }
    return new DuckDbSources(tables, warnings, null);
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
      DeltaSnapshots.Pinned snap = t.snapshot();
      var schema = snap.exists() ? snap.schema() : t.pinned().source().emptySchema();
      st.execute("CREATE OR REPLACE VIEW " + t.pinned().source().view() + " AS "
          + DeltaSnapshots.select(st, schema, snap.partitions(), snap.files()));
    }
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

  static String literal(String s) {
    return DeltaSnapshots.literal(s);
  }
}
