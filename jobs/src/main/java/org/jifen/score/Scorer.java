package org.jifen.score;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jifen.scheme.Disposal;
import org.jifen.scheme.Quota;
import org.jifen.scheme.Scheme;

/**
 * Computes score rows from silver inputs under one scheme, lazily (nothing is collected or
 * written): members' facts ({@code sql/gold/member_facts.sql}) are grouped by member and scored
 * by {@link MemberScoring} in one pass, then {@code sql/gold/member_quarter_score.sql} /
 * {@code member_year_score.sql} rank, apply the quota and the disposal rule per branch.
 * Registers {@code score_*} temp views in the given session: one scoring at a time per session.
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
   * Rows of gold.member_quarter_score for every member-quarter of {@code in} (restrict the
   * inputs with {@link SilverInputs#quarter} or {@link SilverInputs#year}).
   */
  public Dataset<Row> quarterScores(SilverInputs in) {
    scored(in, false, 0).createOrReplaceTempView("score_quarter_rows");
    return org.jifen.spark.SqlFiles.run(spark, "gold", "member_quarter_score", params());
  }

  /**
   * Rows of gold.member_year_score for {@code year}.
   *
   * @param previousYears earlier annual rows ({@link #PREVIOUS_YEARS_SCHEMA}), or null for none
   */
  public Dataset<Row> yearScores(SilverInputs in, int year, Dataset<Row> previousYears) {
    scored(in.year(year), true, year).createOrReplaceTempView("score_year_rows");
    (previousYears != null ? previousYears.select("year", "member_code", "grade")
        : spark.createDataFrame(List.of(), PREVIOUS_YEARS_SCHEMA)).createOrReplaceTempView("score_previous_years");
    spark.createDataFrame(scheme.disposal().grades().stream().map(g -> RowFactory.create(g)).toList(),
        new StructType().add("grade", DataTypes.StringType)).createOrReplaceTempView("score_disposal_grades");
    Map<String, Object> p = params();
    p.put("year", year);
    return org.jifen.spark.SqlFiles.run(spark, "gold", "member_year_score", p);
  }

  private Dataset<Row> scored(SilverInputs in, boolean annual, int year) {
    in.members().createOrReplaceTempView("score_members");
    in.entries().createOrReplaceTempView("score_entries");
    in.evaluations().createOrReplaceTempView("score_evaluations");
    Dataset<Row> facts = org.jifen.spark.SqlFiles.run(spark, "gold", "member_facts", Map.of());
    return facts
        .groupByKey((MapFunction<Row, String>) r -> r.getAs("member_code"), Encoders.STRING())
        .flatMapGroups(new MemberScorer(scheme, annual, year),
            Encoders.row(annual ? MemberScorer.YEAR_ROWS : MemberScorer.QUARTER_ROWS));
  }

  private Map<String, Object> params() {
    Map<String, Object> p = new HashMap<>();
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
