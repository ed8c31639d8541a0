package org.jifen.score;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jifen.spark.Sessions;

/** Runs the named SQL files under {@code sql/} (classpath) with bound parameters. */
final class SqlFiles {
  private SqlFiles() {}

  /** The text of {@code sql/<name>.sql}, e.g. {@code gold/member_quarter_score}. */
  static String text(String name) {
    String resource = "sql/" + name + ".sql";
    try (InputStream in = SqlFiles.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("SQL file " + resource + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code sql/<name>.sql}, binding those of {@code params} the text uses as {@code :name}. */
  static Dataset<Row> run(SparkSession spark, String name, Map<String, Object> params) {
    String sql = text(name);
    Map<String, Object> used = new LinkedHashMap<>();
    params.forEach((k, v) -> {
      if (Pattern.compile(":" + k + "\\b").matcher(sql).find()) {
        used.put(k, v);
      }
    });
    spark.conf().set(Sessions.PARAMETER_SUBSTITUTION_KEY, "true");
    return spark.sql(sql, used);
  }
}
