package org.jifen.cli;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.jifen.ingest.IngestJob;
import org.jifen.ingest.SchemeRules;
import org.jifen.scheme.Scheme;
import org.jifen.scheme.Schemes;
import org.jifen.spark.Warehouse;

/** The district's configuration as the jobs need it: which scheme applies to a year, the deadline. */
final class District {
  private final String override;
  private final Map<Integer, Scheme> cache = new HashMap<>();

  private District(String override) {
    this.override = override;
  }

  static District open(SparkSession spark, Warehouse wh, String schemeOverride) {
    return new District(schemeOverride);
  }

  int deadlineDays() {
    return IngestJob.DEADLINE_DAYS_DEFAULT;
  }

  Scheme scheme(int year) {
    return cache.computeIfAbsent(year, y -> Schemes.load(override != null ? override : Schemes.DEFAULT_ID));
  }

  SchemeRules rules(int year) {
    Scheme s = scheme(year);
    return new SchemeRules(year, s.id(), s.itemRules(), s.evaluationGrades());
  }
}
