package org.jifen.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jifen.mart.MartBuilder;
import org.jifen.reports.SafeText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jifen sql}: one query on the mart, read-only, printed as a table, CSV or JSON. */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = {"Run one SQL query on the DuckDB mart (read-only) and print the result.",
        "Tables and views: docs/mart.md. Example: jifen sql \"SELECT * FROM v_district_overview ORDER BY period\""})
public final class SqlCommand implements Callable<Integer> {
  /** Output formats. */
  public enum Format { table, csv, json }

  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "QUERY", description = "The SQL query (DuckDB dialect).")
  String query;

  @Option(names = "--mart", paramLabel = "FILE",
      description = "Mart file. Default: <warehouse>/" + MartBuilder.FILE_DEFAULT + ".")
  Path mart;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table, csv or json. Default: ${DEFAULT-VALUE}.")
  Format format;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path file = mart != null ? mart : MartBuilder.defaultOut(common.warehouse());
    if (!Files.isRegularFile(file)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "No mart at " + file + " (build it with jifen mart, or give --mart FILE)");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), analystOnly());
        Statement st = c.createStatement()) {
      boolean hasRows;
      try {
        hasRows = st.execute(query);
      } catch (SQLException e) {
        throw new IllegalArgumentException("the query failed: " + e.getMessage().strip(), e);
      }
      if (!hasRows) {
        out.println("(no result)");
        out.flush();
        return ExitCodes.OK;
      }
      try (ResultSet r = st.getResultSet()) {
        print(r, format, out);
      }
    }
    return ExitCodes.OK;
  }

  /**
   * Connection settings for an analyst's query and nothing else: the mart read-only, no access to
   * anything outside it (no file functions such as {@code read_text} or {@code read_parquet}, no
   * {@code COPY … TO}, no {@code ATTACH}, no installing or loading extensions), and the settings
   * locked so a query cannot switch them back.
   */
  static Properties analystOnly() {
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    p.setProperty("autoinstall_known_extensions", "false");
    p.setProperty("autoload_known_extensions", "false");
    p.setProperty("allow_community_extensions", "false");
    p.setProperty("enable_external_access", "false");
    p.setProperty("lock_configuration", "true");
    return p;
  }

  /** Prints a result set in the given format. */
  static void print(ResultSet r, Format format, PrintWriter out) throws Exception {
    ResultSetMetaData md = r.getMetaData();
    int n = md.getColumnCount();
    String[] names = new String[n];
    for (int i = 0; i < n; i++) {
      names[i] = md.getColumnLabel(i + 1);
    }
    switch (format) {
      case table -> {
        TextTable t = new TextTable(names);
        while (r.next()) {
          Object[] row = new Object[n];
          for (int i = 0; i < n; i++) {
            row[i] = text(r.getObject(i + 1));
          }
          t.row(row);
        }
        t.print(out);
        out.println("(" + t.size() + " row" + (t.size() == 1 ? "" : "s") + ")");
      }
      case csv -> {
        // Numbers as they are; every text (headers too) neutralised as in the xlsx outputs, so that
        // a value such as =1+1 is not run as a formula when the CSV is opened in a spreadsheet.
        String[] heads = Arrays.stream(names).map(SafeText::neutral).toArray(String[]::new);
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(heads).get())) {
          while (r.next()) {
            List<Object> row = new ArrayList<>();
            for (int i = 0; i < n; i++) {
              Object v = r.getObject(i + 1);
              row.add(v instanceof Number || v instanceof Boolean ? text(v) : SafeText.neutral(text(v)));
            }
            csv.printRecord(row);
          }
        }
      }
      case json -> {
        ObjectMapper m = new ObjectMapper();
        ArrayNode rows = m.createArrayNode();
        while (r.next()) {
          ObjectNode o = rows.addObject();
          for (int i = 0; i < n; i++) {
            Object v = r.getObject(i + 1);
            if (v == null) {
              o.putNull(names[i]);
            } else if (v instanceof BigDecimal b) {
              o.put(names[i], b);
            } else if (v instanceof Number || v instanceof Boolean) {
              o.putPOJO(names[i], v);
            } else {
              o.put(names[i], text(v));
            }
          }
        }
        out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(rows));
      }
      default -> throw new IllegalStateException(String.valueOf(format));
    }
    out.flush();
  }

  private static String text(Object v) throws SQLException {
    if (v == null) {
      return null;
    }
    if (v instanceof Array a) {
      Object[] items = (Object[]) a.getArray();
      return Arrays.toString(items);
    }
    if (v instanceof BigDecimal b) {
      return b.toPlainString();
    }
    return String.valueOf(v);
  }
}
