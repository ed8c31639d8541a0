package org.jifen.read;

import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.jifen.spark.Sessions;
import org.jifen.spark.Warehouse;

/** {@link WarehouseSql} in an in-memory DuckDB over the pinned snapshots' parquet files. */
final class DuckDbWarehouseSql implements WarehouseSql {
  /** DuckDB's memory for a read: the files are read in streams, the results are small. */
  private static final String MEMORY_LIMIT = "1GB";
  private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):([A-Za-z_][A-Za-z0-9_]*)");

  private final Connection connection;
  private final Configuration conf = new Configuration();
  private final Map<String, DeltaSnapshots.Pinned> pins;
  private final Map<String, List<String>> columns = new LinkedHashMap<>();
  private final String reason;

  private DuckDbWarehouseSql(Connection connection, Map<String, DeltaSnapshots.Pinned> pins, String reason) {
    this.connection = connection;
    this.pins = pins;
    this.reason = reason;
  }

  /** Pins the tables and creates the views; {@link #reason()} says why not when DuckDB cannot read one. */
  static DuckDbWarehouseSql open(Warehouse wh, Instant asOf, List<WarehouseSql.Table> tables) {
    if (Warehouse.localPath(wh.root()) == null) {
      return new DuckDbWarehouseSql(null, Map.of(), "the warehouse is not a local folder (" + wh.root() + ")");
    }
    Engine engine = DefaultEngine.create(new Configuration());
    Map<String, DeltaSnapshots.Pinned> pins = new LinkedHashMap<>();
    for (WarehouseSql.Table t : tables) {
      DeltaSnapshots.Pinned p = DeltaSnapshots.pin(engine, wh.path(t.layer(), t.table()), asOf);
      if (p.reason() != null) {
        return new DuckDbWarehouseSql(null, Map.of(), t.layer() + "/" + t.table() + " " + p.reason());
      }
      pins.put(t.view(), p);
    }
    try {
      Connection c = DriverManager.getConnection("jdbc:duckdb:");
      DuckDbWarehouseSql sql = new DuckDbWarehouseSql(c, pins, null);
      try (Statement st = c.createStatement()) {
        st.execute("SET autoinstall_known_extensions = false");
        st.execute("SET autoload_known_extensions = false");
        st.execute("SET memory_limit = '" + MEMORY_LIMIT + "'");
        // Dates of instants in the district's time zone, as the Spark session reads them.
        st.execute("SET TimeZone = '" + Sessions.TIME_ZONE + "'");
        for (WarehouseSql.Table t : tables) {
          DeltaSnapshots.Pinned p = pins.get(t.view());
          StructType schema = p.exists() ? p.schema() : t.emptySchema();
          if (schema == null) {
            continue;
          }
          st.execute("CREATE VIEW " + DeltaSnapshots.ident(t.view()) + " AS "
              + DeltaSnapshots.select(st, schema, p.partitions(), p.files()));
          List<String> names = new ArrayList<>();
          for (StructField f : schema.fields()) {
            names.add(f.name());
          }
          sql.columns.put(t.view(), List.copyOf(names));
        }
      } catch (SQLException | RuntimeException e) {
        sql.close();
        throw e;
      }
      return sql;
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB could not open the warehouse tables: " + e.getMessage(), e);
    }
  }

  String reason() {
    return reason;
  }

  @Override
  public List<String> columns(String view) {
    return columns.getOrDefault(view, List.of());
  }

  @Override
  public List<Rec> rows(String sql, Map<String, ?> args) {
    String bound = bind(sql, args);
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(bound)) {
      ResultSetMetaData md = rs.getMetaData();
      int n = md.getColumnCount();
      Map<String, Integer> index = new HashMap<>();
      for (int i = 1; i <= n; i++) {
        index.putIfAbsent(md.getColumnLabel(i), i - 1);
      }
      List<Rec> out = new ArrayList<>();
      while (rs.next()) {
        Object[] values = new Object[n];
        for (int i = 1; i <= n; i++) {
          values[i - 1] = Rec.normalize(rs.getObject(i));
        }
        out.add(new Rec(index, values));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("Query failed (DuckDB): " + e.getMessage(), e);
    }
  }

  /** Replaces each {@code :name} outside string literals and comments by the literal of its value. */
  static String bind(String sql, Map<String, ?> args) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < sql.length()) {
      char ch = sql.charAt(i);
      if (ch == '\'') {
        int end = i + 1;
        while (end < sql.length()) {
          if (sql.charAt(end) == '\'' && (end + 1 >= sql.length() || sql.charAt(end + 1) != '\'')) {
            break;
          }
          end += sql.charAt(end) == '\'' ? 2 : 1;
        }
        out.append(sql, i, Math.min(end + 1, sql.length()));
        i = end + 1;
      } else if (ch == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        end = end < 0 ? sql.length() : end;
        out.append(sql, i, end);
        i = end;
      } else if (ch == ':' ) {
        Matcher m = PARAMETER.matcher(sql);
        if (m.find(i) && m.start() == i) {
          String name = m.group(1);
          if (!args.containsKey(name)) {
            throw new IllegalArgumentException("Query parameter :" + name + " is not bound");
          }
          out.append(literal(args.get(name)));
          i = m.end();
        } else {
          out.append(ch);
          i++;
        }
      } else {
        out.append(ch);
        i++;
      }
    }
    return out.toString();
  }

  private static String literal(Object v) {
    if (v == null) {
      return "NULL";
    } else if (v instanceof String s) {
      return "'" + DeltaSnapshots.literal(s) + "'";
    } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Short) {
      return v.toString();
    } else if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
      return "CAST('" + v + "' AS " + (v instanceof BigDecimal ? "DECIMAL(38, 10)" : "DOUBLE") + ")";
    } else if (v instanceof LocalDate d) {
      return "DATE '" + d + "'";
    } else if (v instanceof Instant t) {
      return "CAST('" + t + "' AS TIMESTAMPTZ)";
    } else if (v instanceof java.sql.Date d) {
      return "DATE '" + d.toLocalDate() + "'";
    }
    throw new IllegalArgumentException("Cannot bind a " + v.getClass().getSimpleName() + " as a query parameter");
  }

  @Override
  public Configuration hadoopConf() {
    return conf;
  }

  @Override
  public String engine() {
    return "duckdb";
  }

  @Override
  public long version(String view) {
    DeltaSnapshots.Pinned p = pins.get(view);
    return p == null ? -1 : p.version();
  }

  @Override
  public Set<String> views() {
    return pins.keySet();
  }

  @Override
  public void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // nothing was written
      }
    }
  }
}
