package org.jifen.mart;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares two mart files: the same tables and views, the same columns (names, types, order) and
 * the same rows (as multisets: {@code EXCEPT ALL} both ways). Only {@code mart_info.built_at}, {@code build_id} and {@code pinned_at} (when each build started) may
 * differ. Also runnable on two files: {@code MartDiff a.duckdb b.duckdb} (exit 1 when they differ).
 */
public final class MartDiff {
  /**
   * Columns of mart relations that differ between two warehouses built from the same input by
   * different runs (the times their gold rows were computed), with the {@code source} rows of
   * {@code mart_info} (Delta versions and commit times of the tables read).
   */
  public static final Set<String> RUN_COLUMNS = Set.of("scored_at", "computed_at");

  private MartDiff() {}

  /** The differences, empty when both files hold the same mart; {@code rows} receives rows per relation. */
  public static List<String> diff(Path a, Path b, Map<String, Long> rows) throws SQLException {
    return diff(a, b, rows, false);
  }

  /**
   * The differences between the marts of two warehouses that hold the same input but were written
   * by different runs: {@link #RUN_COLUMNS} and the Delta versions and times in {@code mart_info}
   * are left out.
   */
  public static List<String> diffAcrossRuns(Path a, Path b, Map<String, Long> rows) throws SQLException {
    return diff(a, b, rows, true);
  }

  private static List<String> diff(Path a, Path b, Map<String, Long> rows, boolean acrossRuns) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("SET autoinstall_known_extensions = false");
      st.execute("ATTACH '" + a.toAbsolutePath().toString().replace("'", "''") + "' AS a (READ_ONLY)");
      st.execute("ATTACH '" + b.toAbsolutePath().toString().replace("'", "''") + "' AS b (READ_ONLY)");
      Map<String, List<String>> ca = columns(st, "a");
      Map<String, List<String>> cb = columns(st, "b");
      if (!ca.keySet().equals(cb.keySet())) {
        out.add("relations differ: " + ca.keySet() + " vs " + cb.keySet());
      }
      for (String r : ca.keySet()) {
        if (!cb.containsKey(r)) {
          continue;
        }
        if (!Objects.equals(ca.get(r), cb.get(r))) {
          out.add(r + ": columns differ: " + ca.get(r) + " vs " + cb.get(r));
          continue;
        }
        String filter = r.equals("mart_info") ? " WHERE item NOT IN ('built_at', 'build_id', 'pinned_at')" : "";
        String select = "*";
        if (acrossRuns) {
          List<String> drop = ca.get(r).stream().map(col -> col.substring(0, col.indexOf(' ')))
              .filter(RUN_COLUMNS::contains).toList();
          select = r.equals("mart_info") ? "kind, item, CASE WHEN kind = 'source' THEN NULL ELSE value END, "
              + "CASE WHEN kind = 'source' THEN NULL ELSE detail END"
              : drop.isEmpty() ? "*" : "* EXCLUDE (" + String.join(", ", drop) + ")";
        }
        long onlyA = count(st, "SELECT count(*) FROM (SELECT " + select + " FROM a.main.\"" + r + "\"" + filter
            + " EXCEPT ALL SELECT " + select + " FROM b.main.\"" + r + "\"" + filter + ")");
        long onlyB = count(st, "SELECT count(*) FROM (SELECT " + select + " FROM b.main.\"" + r + "\"" + filter
            + " EXCEPT ALL SELECT " + select + " FROM a.main.\"" + r + "\"" + filter + ")");
        long n = count(st, "SELECT count(*) FROM a.main.\"" + r + "\"");
        rows.put(r, n);
        if (onlyA + onlyB > 0) {
          out.add(r + ": " + onlyA + " rows only in " + a + ", " + onlyB + " rows only in " + b + " (of " + n + ")");
        }
      }
    }
    return out;
  }

  /** Relation → its columns as "name type", in order (tables and views). */
  private static Map<String, List<String>> columns(Statement st, String db) throws SQLException {
    Map<String, List<String>> m = new LinkedHashMap<>();
    try (ResultSet r = st.executeQuery("SELECT table_name, column_name, data_type FROM information_schema.columns "
        + "WHERE table_catalog = '" + db + "' ORDER BY table_name, ordinal_position")) {
      while (r.next()) {
        m.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getString(2) + " " + r.getString(3));
      }
    }
    return m;
  }

  private static long count(Statement st, String sql) throws SQLException {
    try (ResultSet r = st.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  public static void main(String[] args) throws SQLException {
    Map<String, Long> rows = new LinkedHashMap<>();
    List<String> d = diff(Path.of(args[0]), Path.of(args[1]), rows);
    rows.forEach((k, v) -> System.out.printf("%-24s %8d rows%n", k, v));
    d.forEach(System.out::println);
    System.out.println(d.isEmpty() ? "same mart (apart from mart_info.built_at, build_id and pinned_at)" : d.size() + " differences");
    System.exit(d.isEmpty() ? 0 : 1);
  }
}
