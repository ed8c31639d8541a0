package org.jifen.cli;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.jifen.config.DistrictConfig;
import org.jifen.ingest.SchemeRules;
import org.jifen.scheme.Scheme;
import org.jifen.scheme.Schemes;
import org.jifen.spark.Warehouse;

/**
 * The district's configuration as the jobs need it: which scheme applies to a year and the
 * submission deadline. Reads {@code <warehouse>/config/district.yaml}, writing the defaults on
 * first use; {@code --scheme} overrides the file for one run.
 */
final class District {
  private final DistrictConfig config;
  private final String override;
  private final Map<Integer, Scheme> cache = new HashMap<>();

  private District(DistrictConfig config, String override) {
    this.config = config;
    this.override = override;
  }

  static District open(SparkSession spark, Warehouse wh, String schemeOverride) {
    return new District(DistrictConfig.loadOrCreate(spark.sparkContext().hadoopConfiguration(), wh), schemeOverride);
  }

  org.jifen.ingest.TextLimits textLimits() {
    return config.textLimits();
  }

  int deadlineDays() {
    return config.deadlineDays();
  }

  Scheme scheme(int year) {
    return cache.computeIfAbsent(year, y -> Schemes.load(override != null ? override : config.schemeFor(y)));
  }

  SchemeRules rules(int year) {
    Scheme s = scheme(year);
    return new SchemeRules(year, s.id(), s.itemRules(), s.evaluationGrades());
  }
}
