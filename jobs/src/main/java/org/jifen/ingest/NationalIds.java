package org.jifen.ingest;

import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
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

  /** Registers {@code id_hash(id)} (with this warehouse's key) and {@code id_status(id)} for the silver SQL. */
  public static void register(SparkSession spark, MartSecret secret) {
    spark.udf().register("id_hash", secret.idHasher(), DataTypes.StringType);
    spark.udf().register("id_status", (UDF1<String, String>) NationalIds::status, DataTypes.StringType);
  }
}
