package org.jifen.score;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jifen.scheme.Disposal;
import org.jifen.scheme.Formula;
import org.jifen.scheme.Quota;
import org.jifen.scheme.Scheme;
import org.jifen.scheme.Window;

/**
 * Computes score rows from silver inputs under one scheme, lazily (nothing is collected or
 * written): the SQL files {@code sql/gold/member_components.sql},
 * {@code member_quarter_score.sql} and {@code member_year_score.sql} driven by the scheme's
 * rule tables. Registers {@code score_*} temp views in the given session: one scoring at a time
 * per session.
 */
public final class Scorer {
  /** Rows of earlier annual results used by the consecutive-years disposal rule. */
  public static final StructType PREVIOUS_YEARS_SCHEMA = new StructType()
      .add("year", DataTypes.IntegerType).add("member_code", DataTypes.StringType)
      .add("grade", DataTypes.StringType);

  private final SparkSession spark;
  private final Scheme scheme;
  private final Instant scoredAt;

  public Scorer(SparkSession spark, Scheme scheme, Instant scoredAt) {
    this.spark = spark;
    this.scheme = scheme;
    this.scoredAt = scoredAt;
  }

  public Scheme scheme() {
    return scheme;
  }

  /**
   * Quarter rows (the gold.member_quarter_score columns plus {@code score_exact}) for every
   * member-quarter in {@code in}; restrict the inputs with {@link SilverInputs#quarter}.
   */
  public Dataset<Row> quarterScores(SilverInputs in) {
    RuleTables.register(spark, scheme);
    registerInputs(in);
    return quarterScoresOfRegisteredInputs();
  }

  private Dataset<Row> quarterScoresOfRegisteredInputs() {
    Map<String, Object> p = params();
    p.put("scope", Window.QUARTER.key());
    SqlFiles.run(spark, "gold/member_components", p).createOrReplaceTempView("score_quarter_components");
    return SqlFiles.run(spark, "gold/member_quarter_score", p);
  }

  /**
   * Annual rows (the gold.member_year_score columns) of {@code year}.
   *
   * @param previousYears earlier annual rows ({@link #PREVIOUS_YEARS_SCHEMA}), or null for none
   */
  public Dataset<Row> yearScores(SilverInputs in, int year, Dataset<Row> previousYears) {
    RuleTables.register(spark, scheme);
    registerInputs(in.year(year));
    quarterScoresOfRegisteredInputs().createOrReplaceTempView("score_quarter_scores");
    Map<String, Object> p = params();
    p.put("scope", Window.YEAR.key());
    SqlFiles.run(spark, "gold/member_components", p).createOrReplaceTempView("score_year_components");
    (previousYears != null ? previousYears.select("year", "member_code", "grade")
        : spark.createDataFrame(List.of(), PREVIOUS_YEARS_SCHEMA)).createOrReplaceTempView("score_previous_years");
    p.put("year", year);
    return SqlFiles.run(spark, "gold/member_year_score", p);
  }

  private void registerInputs(SilverInputs in) {
    in.members().createOrReplaceTempView("score_members");
    in.entries().createOrReplaceTempView("score_entries");
    in.evaluations().createOrReplaceTempView("score_evaluations");
  }

  private Map<String, Object> params() {
    Map<String, Object> p = new HashMap<>();
    Formula annual = scheme.annualFormula();
    p.put("method", annual.method().name().toLowerCase(java.util.Locale.ROOT));
    p.put("year_terms", annual.terms().size());
    p.put("lowest_grade", scheme.lowestGrade());
    Quota q = scheme.quota().orElse(null);
    p.put("has_quota", q != null);
    p.put("quota_grade", q == null ? "" : q.grade());
    p.put("quota_percent", q == null ? java.math.BigDecimal.ZERO : q.percent());
    p.put("quota_demote_to", q == null ? "" : q.demoteTo());
    Disposal d = scheme.disposal();
    p.put("consecutive_grade", d.consecutiveGrade() == null ? "" : d.consecutiveGrade());
    p.put("consecutive_years", d.consecutiveYears());
    p.put("scheme_id", scheme.id());
    p.put("scheme_hash", scheme.contentHash());
    p.put("scored_at", scoredAt);
    return p;
  }
}
