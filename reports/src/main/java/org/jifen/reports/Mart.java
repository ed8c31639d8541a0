package org.jifen.reports;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A read-only JDBC session on the DuckDB mart. Queries bind their parameters and return rows as
 * {@link Rec}s whose values are normalised (lists become {@link List}s, timestamps {@link Instant}s),
 * so the readers do not depend on whether a count arrived as INTEGER or BIGINT.
 */
final class Mart implements AutoCloseable {
  private final Connection connection;

  private Mart(Connection connection) {
    this.connection = connection;
  }

  /** Opens the mart read-only; fails fast when the file is missing. */
  static Mart open(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("Mart file not found: " + file);
    }
    Properties props = new Properties();
    props.setProperty("duckdb.read_only", "true");
    try {
      Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), props);
      try (Statement st = c.createStatement()) {
        // Nothing may try to download an extension (machines without network).
        st.execute("SET autoinstall_known_extensions = false");
      }
      return new Mart(c);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot open the mart " + file + " read-only: " + e.getMessage(), e);
    }
  }

  /** All rows of a query with bound parameters. */
  List<Rec> query(String sql, Object... args) {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        String[] names = new String[n];
        String[] types = new String[n];
        for (int i = 0; i < n; i++) {
          names[i] = md.getColumnLabel(i + 1);
          types[i] = md.getColumnTypeName(i + 1);
        }
        List<Rec> rows = new ArrayList<>();
        while (rs.next()) {
          Map<String, Object> m = new LinkedHashMap<>();
          for (int i = 0; i < n; i++) {
            m.put(names[i], value(rs, i + 1, types[i]));
          }
          rows.add(new Rec(m));
        }
        return rows;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Mart query failed (" + e.getMessage() + "): " + sql.strip(), e);
    }
  }

  /** The only row of a query, if any. */
  Optional<Rec> one(String sql, Object... args) {
    List<Rec> rows = query(sql, args);
    if (rows.size() > 1) {
      throw new IllegalStateException("Expected at most one row, got " + rows.size() + ": " + sql.strip());
    }
    return rows.stream().findFirst();
  }

  /** True when the mart has a table or view of that name. */
  boolean hasRelation(String name) {
    return !query("SELECT 1 FROM information_schema.tables WHERE table_name = ?", name).isEmpty();
  }

  /** True when the relation has that column (restricted-only columns such as {@code unit_leader}). */
  boolean hasColumn(String relation, String column) {
    return !query("SELECT 1 FROM information_schema.columns WHERE table_name = ? AND column_name = ?",
        relation, column).isEmpty();
  }

  private static Object value(ResultSet rs, int i, String type) throws SQLException {
    if (type != null && type.equals("TIMESTAMP")) {
      // A plain TIMESTAMP from Spark's parquet holds UTC wall-clock time.
      LocalDateTime t = rs.getObject(i, LocalDateTime.class);
      return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
    return normalise(rs.getObject(i));
  }

  private static Object normalise(Object v) throws SQLException {
    if (v instanceof Array a) {
      Object[] items = (Object[]) a.getArray();
      List<Object> out = new ArrayList<>(items.length);
      for (Object o : items) {
        out.add(normalise(o));
      }
      return out;
    }
    if (v instanceof OffsetDateTime t) {
      return t.toInstant();
    }
    if (v instanceof Timestamp t) {
      return t.toInstant();
    }
    return v;
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot close the mart: " + e.getMessage(), e);
    }
  }

  /** One result row by column name, with typed accessors that accept any numeric type. */
  record Rec(Map<String, Object> values) {
    Object get(String col) {
      if (!values.containsKey(col)) {
        throw new IllegalArgumentException("No column " + col + " in " + values.keySet());
      }
      return values.get(col);
    }

    /** True when the row has the column (optional columns of newer marts). */
    boolean has(String col) {
      return values.containsKey(col);
    }

    String s(String col) {
      Object v = get(col);
      return v == null ? null : v.toString();
    }

    Long l(String col) {
      Object v = get(col);
      return v == null ? null : ((Number) v).longValue();
    }

    long l0(String col) {
      Long v = l(col);
      return v == null ? 0L : v;
    }

    Integer i(String col) {
      Object v = get(col);
      return v == null ? null : ((Number) v).intValue();
    }

    BigDecimal d(String col) {
      return decimal(get(col));
    }

    Boolean b(String col) {
      Object v = get(col);
      if (v == null) {
        return null;
      }
      return v instanceof Boolean x ? x : Boolean.parseBoolean(v.toString());
    }

    Instant t(String col) {
      return (Instant) get(col);
    }

    List<String> strings(String col) {
      List<?> v = (List<?>) get(col);
      return v == null ? null : v.stream().map(o -> o == null ? null : o.toString()).toList();
    }

    List<Long> longs(String col) {
      List<?> v = (List<?>) get(col);
      return v == null ? null
          : Arrays.asList(v.stream().map(o -> o == null ? null : ((Number) o).longValue()).toArray(Long[]::new));
    }

    List<BigDecimal> decimals(String col) {
      List<?> v = (List<?>) get(col);
      return v == null ? null : Arrays.asList(v.stream().map(Rec::decimal).toArray(BigDecimal[]::new));
    }

    private static BigDecimal decimal(Object v) {
      if (v == null) {
        return null;
      }
      if (v instanceof BigDecimal b) {
        return b;
      }
      if (v instanceof Double || v instanceof Float) {
        return BigDecimal.valueOf(((Number) v).doubleValue());
      }
      if (v instanceof Number n) {
        return BigDecimal.valueOf(n.longValue());
      }
      return new BigDecimal(v.toString());
    }
  }
}
