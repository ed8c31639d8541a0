package org.jifen.mart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.jifen.spark.SqlFiles;

/**
 * The mart tables computed by Spark ({@code sql/mart/spark/<table>.sql} over the pinned versions)
 * and written as one plain parquet file each into a local staging folder, for DuckDB to load.
 * This is the path for warehouses DuckDB cannot read directly (hdfs://, s3a://, tables with
 * deletion vectors or column mapping); {@code sql/mart/<table>.sql} is the same transformation in
 * DuckDB SQL and both give the same mart (MartEnginesTest).
 */
final class SparkExport {
  /** Folder of the Spark dialect of the mart's SQL ({@code sql/mart/spark/<table>.sql}). */
  static final String SQL_LAYER = "mart/spark";

  private SparkExport() {}

  /**
   * Writes every table of {@code tables} under {@code staging} and returns, per table, the DuckDB
   * query that reads it back.
   */
  static Map<String, String> export(SparkSession spark, List<MartSources.Pinned> pinned, MartSecret secret,
      List<String> tables, Path staging) throws IOException {
    for (MartSources.Pinned p : pinned) {
      Dataset<Row> df = p.exists()
          // Read exactly the version pinned, even if a job commits meanwhile.
          ? spark.read().format("delta").option("versionAsOf", p.version()).load(p.path())
          : spark.createDataFrame(List.of(), p.source().emptySchema());
      df.createOrReplaceTempView(p.source().view());
    }
    byte[] key = secret.key();
    spark.udf().register("member_key", (UDF1<String, String>) code -> MartSecret.memberKey(key, code),
        DataTypes.StringType);
    Map<String, String> queries = new LinkedHashMap<>();
    for (String t : tables) {
      Dataset<Row> df = SqlFiles.run(spark, SQL_LAYER, t, Map.of());
      Path folder = staging.resolve(t);
      // A Hadoop path, not the URI text: Hadoop would not decode %20 and write beside the folder.
      df.coalesce(1).write().mode(SaveMode.ErrorIfExists).parquet(new org.apache.hadoop.fs.Path(folder.toUri())
          .toString());
      // File paths are our own staging files; DuckDB cannot bind a table function's file list.
      queries.put(t, "SELECT * FROM read_parquet([" + String.join(", ", parquetFiles(folder).stream()
          .map(f -> "'" + DuckDbSources.literal(f.toString()) + "'").toList()) + "])");
    }
    return queries;
  }

  private static List<Path> parquetFiles(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      List<Path> files = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
      if (files.isEmpty()) {
        throw new IllegalStateException("Spark wrote no parquet file into " + folder);
      }
      return files;
    }
  }
}
