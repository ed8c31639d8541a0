package org.jifen.score;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jifen.scheme.Scheme;

/**
 * Spark side of {@link MemberScoring}: turns one member's fact rows (sql/gold/member_facts.sql)
 * into quarter rows or one annual row.
 */
final class MemberScorer implements FlatMapGroupsFunction<String, Row, Row> {
  private static final long serialVersionUID = 1L;

  static final org.apache.spark.sql.types.DataType COMPONENTS_TYPE =
      DataTypes.createMapType(DataTypes.StringType, DataTypes.createDecimalType(10, 2), true);

  /** Per-member quarter rows: gold.member_quarter_score before ranking. */
  static final StructType QUARTER_ROWS = new StructType()
      .add("period", DataTypes.StringType).add("year", DataTypes.IntegerType)
      .add("quarter", DataTypes.IntegerType).add("member_code", DataTypes.StringType)
      .add("branch_code", DataTypes.StringType).add("standing", DataTypes.StringType)
      .add("category", DataTypes.StringType).add("in_points_mgmt", DataTypes.BooleanType)
      .add("status", DataTypes.StringType).add("components", COMPONENTS_TYPE)
      .add("veto", DataTypes.BooleanType).add("hard_fail", DataTypes.BooleanType)
      .add("zeroed", DataTypes.BooleanType).add("score", DataTypes.createDecimalType(5, 1))
      .add("grade", DataTypes.StringType);

  /** Per-member annual rows: gold.member_year_score before quota, disposal and ranking. */
  static final StructType YEAR_ROWS = new StructType()
      .add("year", DataTypes.IntegerType).add("member_code", DataTypes.StringType)
      .add("branch_code", DataTypes.StringType).add("standing", DataTypes.StringType)
      .add("category", DataTypes.StringType).add("status", DataTypes.StringType)
      .add("quarters_counted", DataTypes.IntegerType).add("components", COMPONENTS_TYPE)
      .add("veto", DataTypes.BooleanType).add("hard_fail", DataTypes.BooleanType)
      .add("zeroed", DataTypes.BooleanType).add("score", DataTypes.createDecimalType(5, 1))
      .add("pre_grade", DataTypes.StringType).add("tie_break_total", DataTypes.createDecimalType(12, 2));

  private final MemberScoring scoring;
  private final boolean annual;
  private final int year;

  /** Quarter rows for every roster row, or (annual) one row for {@code year}. */
  MemberScorer(Scheme scheme, boolean annual, int year) {
    this.scoring = new MemberScoring(scheme);
    this.annual = annual;
    this.year = year;
  }

  @Override
  public Iterator<Row> call(String memberCode, Iterator<Row> facts) {
    List<MemberScoring.RosterRow> roster = new ArrayList<>();
    List<MemberScoring.Entry> entries = new ArrayList<>();
    List<MemberScoring.Evaluation> evaluations = new ArrayList<>();
    while (facts.hasNext()) {
      Row r = facts.next();
      switch (r.<String>getAs("fact")) {
        case "roster" -> roster.add(new MemberScoring.RosterRow(r.getAs("period"), r.<Integer>getAs("year"),
            r.<Integer>getAs("quarter"), r.getAs("branch_code"), r.getAs("standing"), r.getAs("category"),
            Boolean.TRUE.equals(r.getAs("in_points_mgmt"))));
        case "entry" -> entries.add(new MemberScoring.Entry(r.<Integer>getAs("quarter"), r.getAs("item_code"),
            r.getAs("points")));
        case "evaluation" -> evaluations.add(new MemberScoring.Evaluation(r.getAs("eval_grade"), r.getAs("eval_score")));
        default -> throw new IllegalStateException("unknown fact " + r.getAs("fact"));
      }
    }
    List<Row> out = new ArrayList<>();
    if (annual) {
      scoring.year(year, roster, entries, evaluations).ifPresent(y -> out.add(RowFactory.create(
          y.year(), memberCode, y.branchCode(), y.standing(), y.category(), y.status(), y.quartersCounted(),
          map(y.components()), y.veto(), y.hardFail(), y.zeroed(), y.score(), y.grade(),
          y.tieBreakTotal().setScale(2, RoundingMode.HALF_UP))));
    } else {
      for (MemberScoring.QuarterResult q : scoring.quarters(roster, entries)) {
        MemberScoring.RosterRow r = q.roster();
        out.add(RowFactory.create(r.period(), r.year(), r.quarter(), memberCode, r.branchCode(), r.standing(),
            r.category(), r.inPointsMgmt(), q.status(), map(q.components()), q.veto(), q.hardFail(), q.zeroed(),
            q.score(), q.grade()));
      }
    }
    return out.iterator();
  }

  /** Components as shown in gold: two decimals, half-up (display only; scores use exact values). */
  private static scala.collection.Map<String, BigDecimal> map(Map<String, BigDecimal> components) {
    Map<String, BigDecimal> m = new LinkedHashMap<>();
    components.forEach((k, v) -> m.put(k, v.setScale(2, RoundingMode.HALF_UP)));
    return scala.jdk.javaapi.CollectionConverters.asScala(m);
  }
}
