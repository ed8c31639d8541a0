package org.jifen.score;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jifen.scheme.Component;
import org.jifen.scheme.Flag;
import org.jifen.scheme.FlagRule;
import org.jifen.scheme.Formula;
import org.jifen.scheme.GradeBand;
import org.jifen.scheme.Item;
import org.jifen.scheme.Scheme;
import org.jifen.scheme.Window;

/**
 * The scheme as small tables ({@code score_scheme_*} temp views) that the generic scoring SQL
 * joins to: a new scheme changes these rows, never the SQL.
 */
final class RuleTables {
  private static final org.apache.spark.sql.types.DecimalType AMOUNT = DataTypes.createDecimalType(14, 6);
  private static final org.apache.spark.sql.types.DecimalType SHARE = DataTypes.createDecimalType(14, 6);

  private RuleTables() {}

  static void register(SparkSession spark, Scheme scheme) {
    Set<String> tieBreak = new HashSet<>(scheme.quota().map(q -> q.tieBreakItems()).orElse(List.of()));
    Map<String, String> componentOf = new java.util.HashMap<>();
    scheme.components().values().forEach(c -> c.items().forEach(i -> componentOf.put(i, c.id())));

    List<Row> items = new ArrayList<>();
    for (Item i : scheme.items()) {
      Flag f = i.kind().flag();
      items.add(RowFactory.create(i.code(), componentOf.get(i.code()), i.kind().sign(),
          f == null ? null : f.column(), amount(i.capQuarter()), amount(i.capYear()), tieBreak.contains(i.code())));
    }
    view(spark, "score_scheme_items", items, new StructType()
        .add("code", DataTypes.StringType, false)
        .add("component", DataTypes.StringType)
        .add("sign", DataTypes.IntegerType, false)
        .add("flag", DataTypes.StringType)
        .add("cap_quarter", AMOUNT)
        .add("cap_year", AMOUNT)
        .add("tie_break", DataTypes.BooleanType, false));

    List<Row> components = new ArrayList<>();
    List<Row> evalGrades = new ArrayList<>();
    for (Component c : scheme.components().values()) {
      components.add(RowFactory.create(c.id(), c.type().name().toLowerCase(java.util.Locale.ROOT), c.perItem(),
          amount(c.start()), amount(c.floor()), c.items().size(), amount(c.capQuarter()), amount(c.capYear()),
          share(c.scoreFactor())));
      c.gradePoints().forEach((g, p) -> evalGrades.add(RowFactory.create(c.id(), g, amount(p))));
    }
    view(spark, "score_scheme_components", components, new StructType()
        .add("component", DataTypes.StringType, false)
        .add("type", DataTypes.StringType, false)
        .add("per_item", DataTypes.BooleanType, false)
        .add("start", AMOUNT)
        .add("floor", AMOUNT)
        .add("n_items", DataTypes.IntegerType, false)
        .add("cap_quarter", AMOUNT)
        .add("cap_year", AMOUNT)
        .add("score_factor", SHARE));
    view(spark, "score_scheme_eval_grades", evalGrades, new StructType()
        .add("component", DataTypes.StringType, false)
        .add("grade", DataTypes.StringType, false)
        .add("points", AMOUNT));

    List<Row> terms = new ArrayList<>();
    List<Row> formulas = new ArrayList<>();
    for (Window w : Window.values()) {
      Formula f = scheme.formula(w);
      f.terms().forEach((c, weight) -> terms.add(RowFactory.create(w.key(), c, share(weight))));
      formulas.add(RowFactory.create(w.key(), f.method().name().toLowerCase(java.util.Locale.ROOT),
          amount(f.scaleNumerator()), amount(f.scaleDenominator()), amount(f.min()), amount(f.max())));
    }
    view(spark, "score_scheme_terms", terms, new StructType()
        .add("scope", DataTypes.StringType, false)
        .add("component", DataTypes.StringType, false)
        .add("weight", SHARE));
    view(spark, "score_scheme_formula", formulas, new StructType()
        .add("scope", DataTypes.StringType, false)
        .add("method", DataTypes.StringType, false)
        .add("scale_num", AMOUNT)
        .add("scale_den", AMOUNT)
        .add("min", AMOUNT)
        .add("max", AMOUNT));

    List<Row> flags = new ArrayList<>();
    for (FlagRule r : scheme.flags().values()) {
      for (Window w : Window.values()) {
        if (r.actsOn(w)) {
          flags.add(RowFactory.create(r.flag().column(), w.key(), r.zeroScore(), r.failGrade()));
        }
      }
    }
    view(spark, "score_scheme_flags", flags, new StructType()
        .add("flag", DataTypes.StringType, false)
        .add("scope", DataTypes.StringType, false)
        .add("zero_score", DataTypes.BooleanType, false)
        .add("fail_grade", DataTypes.BooleanType, false));

    List<Row> bands = new ArrayList<>();
    for (GradeBand b : scheme.bands()) {
      bands.add(RowFactory.create(b.grade(), amount(b.min())));
    }
    view(spark, "score_scheme_bands", bands, new StructType()
        .add("grade", DataTypes.StringType, false)
        .add("min", AMOUNT));

    view(spark, "score_scheme_standings",
        scheme.gradedStandings().stream().map(s -> RowFactory.create(s)).toList(),
        new StructType().add("standing", DataTypes.StringType, false));
    view(spark, "score_scheme_disposal_grades",
        scheme.disposal().grades().stream().map(s -> RowFactory.create(s)).toList(),
        new StructType().add("grade", DataTypes.StringType, false));
  }

  private static void view(SparkSession spark, String name, List<Row> rows, StructType schema) {
    spark.createDataFrame(rows, schema).createOrReplaceTempView(name);
  }

  private static BigDecimal amount(BigDecimal d) {
    return d == null ? null : d.setScale(6, java.math.RoundingMode.UNNECESSARY);
  }

  private static BigDecimal share(BigDecimal d) {
    return d == null ? null : d.setScale(6, java.math.RoundingMode.UNNECESSARY);
  }
}
