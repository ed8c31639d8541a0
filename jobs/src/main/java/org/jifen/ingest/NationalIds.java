package org.jifen.ingest;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;
import org.jifen.mart.MartSecret;

/**
 * National IDs (身份证号) stop at bronze: silver keeps a salted hash, to find one ID on two member
 * codes, and whether the ID was given and valid (GB 11643-1999 check digit).
 */
public final class NationalIds {
  /** {@link #status} values. */
  public static final String VALID = "valid";
  public static final String INVALID = "invalid";
  public static final String MISSING = "missing";

  /** The roster column of national IDs. */
  public static final String COLUMN = "身份证号";
  /** A value the staging SQL cut off for its length: its first characters, "… (N characters)". */
  private static final Pattern TOO_LONG = Pattern.compile("(?s)^.*?… \\((\\d+) characters\\)$");

  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK = "10X98765432";

  private NationalIds() {}

  /**
   * {@code valid} for 17 digits and the right check character (digit or X, ISO 7064 MOD 11-2),
   * {@code missing} for blank, {@code invalid} otherwise (wrong length, characters or check).
   */
  public static String status(String id) {
    if (id == null || id.isBlank()) {
      return MISSING;
    }
    String s = id.strip().toUpperCase(Locale.ROOT);
    if (!s.matches("\\d{17}[0-9X]")) {
      return INVALID;
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (s.charAt(i) - '0') * WEIGHTS[i];
    }
    return s.charAt(17) == CHECK.charAt(sum % 11) ? VALID : INVALID;
  }

  /**
   * A national ID as jifen shows and keeps it beyond bronze (receipts, {@code quarantine/rows}):
   * its last four characters behind asterisks (at most 14); a value cut off for being too long
   * ({@code "…… (1001 characters)"}) by its length only ({@code "… (1001 characters)"}). Masking a
   * masked value changes nothing.
   */
  public static String mask(String raw) {
    if (raw == null) {
      return null;
    }
    Matcher cut = TOO_LONG.matcher(raw);
    if (cut.matches()) {
      return "… (" + cut.group(1) + " characters)";
    }
    String s = raw.strip();
    return s.length() <= 4 ? s : "*".repeat(Math.min(14, s.length() - 4)) + s.substring(s.length() - 4);
  }

  /** {@code raw} masked ({@link #mask}) when it is a cell of the {@value #COLUMN} column, else as it is. */
  public static String maskIn(String column, String raw) {
    return COLUMN.equals(column) ? mask(raw) : raw;
  }

  /**
   * Registers {@code id_hash(id)} (with this warehouse's key), {@code id_status(id)} and
   * {@code masked_value(column, value)} ({@link #maskIn}) for the silver and quarantine SQL.
   */
  public static void register(SparkSession spark, MartSecret secret) {
    spark.udf().register("id_hash", secret.idHasher(), DataTypes.StringType);
    spark.udf().register("id_status", (UDF1<String, String>) NationalIds::status, DataTypes.StringType);
    spark.udf().register("masked_value", (UDF2<String, String, String>) NationalIds::maskIn, DataTypes.StringType);
  }
}
