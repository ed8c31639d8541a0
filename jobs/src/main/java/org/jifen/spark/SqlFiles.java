package org.jifen.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Loads the SQL text of a transformation by its classpath name {@code sql/<layer>/<table>.sql}. */
public final class SqlFiles {
  private SqlFiles() {}

  /** The SQL text of {@code sql/<layer>/<name>.sql}. */
  public static String text(String layer, String name) {
    String resource = "/sql/" + layer + "/" + name + ".sql";
    try (InputStream in = SqlFiles.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("SQL file not on the classpath: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs {@code sql/<layer>/<name>.sql} with bound named parameters; arguments the text does not
   * use are left out (Spark rejects unused ones).
   */
  public static Dataset<Row> run(SparkSession spark, String layer, String name, Map<String, Object> args) {
    return sql(spark, text(layer, name), args);
  }

  /**
   * Runs SQL text with bound named parameters; arguments the text does not use are left out
   * (Spark rejects unused ones).
   */
  public static Dataset<Row> sql(SparkSession spark, String sql, Map<String, ?> args) {
    Map<String, Object> used = new java.util.LinkedHashMap<>();
    args.forEach((k, v) -> {
      if (java.util.regex.Pattern.compile(":" + k + "\\b").matcher(sql).find()) {
        used.put(k, v);
      }
    });
    return used.isEmpty() ? spark.sql(sql) : spark.sql(sql, used);
  }

  /** Runs the SQL file and registers its result as a temporary view named after the file. */
  public static Dataset<Row> view(SparkSession spark, String layer, String name, Map<String, Object> args) {
    Dataset<Row> df = run(spark, layer, name, args);
    df.createOrReplaceTempView(name);
    return df;
  }
}
