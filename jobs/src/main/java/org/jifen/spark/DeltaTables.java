package org.jifen.spark;

import java.util.Collection;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * The write patterns of the warehouse: every write is one atomic Delta commit. Appends and period
 * replacements merge the schema, so a table made by an older jifen gains the columns added since
 * (its older rows read null there); a changed column type still fails.
 */
public final class DeltaTables {
  private DeltaTables() {}

  /**
   * Replaces the rows of the given periods (column {@code period}) with {@code df} in one commit;
   * other periods are untouched. Creates the table, partitioned by period, when missing.
   */
  public static void replacePeriods(Dataset<Row> df, String path, Collection<String> periods) {
    replaceWhere(df, path, "period", periods);
  }

  /** Replaces the rows whose {@code column} is one of {@code values} in one commit. */
  public static void replaceWhere(Dataset<Row> df, String path, String column, Collection<?> values) {
    String in = values.stream().map(DeltaTables::literal).collect(Collectors.joining(", "));
    df.write().format("delta").mode(SaveMode.Overwrite)
        .option("replaceWhere", column + " in (" + in + ")")
        .option("mergeSchema", "true")
        .partitionBy(column)
        .save(path);
  }

  /** Appends in one commit; a repeated (appId, version) pair is skipped by Delta (idempotent retry). */
  public static void append(Dataset<Row> df, String path, String appId, long version, String... partitionBy) {
    df.write().format("delta").mode(SaveMode.Append)
        .option("mergeSchema", "true")
        .option("txnAppId", appId)
        .option("txnVersion", version)
        .partitionBy(partitionBy)
        .save(path);
  }

  /** Replaces the whole table in one commit. */
  public static void overwrite(Dataset<Row> df, String path) {
    df.write().format("delta").mode(SaveMode.Overwrite).option("overwriteSchema", "true").save(path);
  }

  private static String literal(Object v) {
    if (v instanceof Number) {
      return v.toString();
    }
    String s = String.valueOf(v);
    if (!s.matches("[A-Za-z0-9_\\-]+")) {
      throw new IllegalArgumentException("Refusing unsafe partition value in replaceWhere: " + s);
    }
    return "'" + s + "'";
  }
}
