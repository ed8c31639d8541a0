package org.jifen.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.math.BigDecimal;
import java.util.Map;
import org.apache.spark.sql.Row;

/** Assertions shared by the per-scheme rule tests: a row per case, expected values as text. */
final class RuleCases {
  private RuleCases() {}

  /** Asserts score / grade / status of a row; "-" means null, "*" means not checked. */
  static void check(Map<String, Row> rows, String key, String score, String grade, String status) {
    Row r = rows.get(key);
    assertNotNull(r, () -> "no row for " + key + "; rows: " + rows.keySet());
    if (!score.equals("*")) {
      assertEquals(score.equals("-") ? null : new BigDecimal(score), r.getAs("score"), () -> key + ": " + r);
    }
    if (!grade.equals("*")) {
      assertEquals(grade.equals("-") ? null : grade, r.getAs("grade"), () -> key + ": " + r);
    }
    if (!status.equals("*")) {
      assertEquals(status, r.getAs("status"), () -> key + ": " + r);
    }
  }

  static Map<String, BigDecimal> components(Row r) {
    return r.getJavaMap(r.fieldIndex("components"));
  }
}
