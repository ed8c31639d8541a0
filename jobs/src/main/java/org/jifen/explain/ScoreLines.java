package org.jifen.explain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jifen.mart.MartSecret;
import org.jifen.scheme.Component;
import org.jifen.scheme.Item;
import org.jifen.scheme.Scheme;
import org.jifen.score.MemberScoring;
import org.jifen.spark.SqlFiles;

/**
 * The lines of every scored member-quarter ({@link MemberScoring#explainQuarter}) as a Spark table,
 * the member under the mart's pseudonymous {@code member_key} only: the source of the mart's
 * {@code member_score_lines}. Scores whose scheme cannot be loaded here are left out (counted in
 * {@link Result#skipped}); each line says whether its member-quarter's lines add up to the
 * published score ({@code lines_reproduce_score}).
 *
 * <p>Usage: {@code ScoreLines.compute(spark, quarterScores, entries, schemes, key)}.
 */
public final class ScoreLines {
  private ScoreLines() {}

  /** Columns of the lines table (mart {@code member_score_lines}, docs/mart.md). */
  public static final StructType SCHEMA = new StructType()
      .add("member_key", DataTypes.StringType).add("period", DataTypes.StringType)
      .add("year", DataTypes.IntegerType).add("quarter", DataTypes.IntegerType)
      .add("branch_code", DataTypes.StringType).add("scheme_id", DataTypes.StringType)
      .add("line_no", DataTypes.IntegerType).add("line_kind", DataTypes.StringType)
      .add("component", DataTypes.StringType).add("component_name", DataTypes.StringType)
      .add("item_code", DataTypes.StringType).add("item_name", DataTypes.StringType)
      .add("value", DataTypes.createDecimalType(12, 4)).add("contribution", DataTypes.createDecimalType(12, 4))
      .add("item_total", DataTypes.createDecimalType(12, 2)).add("item_cap", DataTypes.createDecimalType(12, 2))
      .add("entry_date", DataTypes.DateType).add("source_file", DataTypes.StringType)
      .add("sheet", DataTypes.StringType).add("row_num", DataTypes.IntegerType)
      .add("score", DataTypes.createDecimalType(5, 1)).add("grade", DataTypes.StringType)
      .add("lines_reproduce_score", DataTypes.BooleanType);

  /** The lines, and what could not be explained. */
  public record Result(Dataset<Row> lines, List<String> skipped) {}

  /**
   * The lines of every member-quarter of {@code quarterScores} (gold member_quarter_score) from its
   * entries (silver entries), one Spark pass grouped by member and quarter.
   *
   * @param schemes scheme_id + "@" + scheme_hash → the scheme; scores of other schemes are skipped
   */
  public static Result compute(SparkSession spark, Dataset<Row> quarterScores, Dataset<Row> entries,
      Map<String, Scheme> schemes, byte[] key) {
    List<String> skipped = new ArrayList<>();
    for (Row r : quarterScores.select("scheme_id", "scheme_hash").distinct().collectAsList()) {
      if (r.getString(0) != null && !schemes.containsKey(r.getString(0) + "@" + r.getString(1))) {
        skipped.add(r.getString(0) + " (sha256 " + r.getString(1) + ")");
      }
    }
    quarterScores.createOrReplaceTempView("lines_scores");
    entries.createOrReplaceTempView("lines_entries");
    Dataset<Row> grouped = SqlFiles.run(spark, "explain", "score_line_inputs", Map.of());
    Map<String, Scheme> bySchemes = new HashMap<>(schemes);
    FlatMapFunction<Row, Row> explain = r -> lines(r, bySchemes, key).iterator();
    return new Result(grouped.flatMap(explain, Encoders.row(SCHEMA)), skipped);
  }

  private static List<Row> lines(Row r, Map<String, Scheme> schemes, byte[] key) {
    Scheme s = schemes.get(r.getAs("scheme_id") + "@" + r.getAs("scheme_hash"));
    if (s == null) {
      return List.of();
    }
    int quarter = r.getAs("quarter");
    List<Row> raw = r.getList(r.fieldIndex("entries"));
    List<MemberScoring.Entry> entries = new ArrayList<>();
    if (raw != null) {
      for (Row e : raw) {
        entries.add(new MemberScoring.Entry(quarter, e.getAs("item_code"), e.getAs("points")));
      }
    }
    MemberScoring.RosterRow roster = new MemberScoring.RosterRow(r.getAs("period"), r.getAs("year"), quarter,
        r.getAs("branch_code"), r.getAs("standing"), r.getAs("category"), Boolean.TRUE.equals(r.getAs("in_points_mgmt")));
    MemberScoring.ExplainedQuarter x = new MemberScoring(s).explainQuarter(roster, entries);
    BigDecimal score = r.getAs("score");
    BigDecimal sum = x.lines().stream().map(MemberScoring.Line::contribution).reduce(BigDecimal.ZERO, BigDecimal::add);
    boolean reproduces = score == null ? x.result().score() == null : sum.compareTo(score) == 0
        && x.result().score().compareTo(score) == 0;
    String memberKey = MartSecret.memberKey(key, r.<String>getAs("member_code"));
    List<Row> out = new ArrayList<>();
    int n = 1;
    for (MemberScoring.Line l : x.lines()) {
      Row e = l.entryIndex() >= 0 ? raw.get(l.entryIndex()) : null;
      Component c = l.component() == null ? null : s.components().get(l.component());
      Item item = l.itemCode() == null ? null : s.item(l.itemCode()).orElse(null);
      out.add(RowFactory.create(memberKey, r.getAs("period"), r.getAs("year"), quarter, r.getAs("branch_code"), s.id(),
          n++, l.kind().name().toLowerCase(java.util.Locale.ROOT), l.component(), c == null ? null : c.name(),
          l.itemCode(), item == null ? null : item.name(), scale4(l.value()), scale4(l.contribution()),
          l.itemCode() == null ? null : x.itemTotals().get(l.itemCode()), item == null ? null : item.capQuarter(),
          e == null ? null : e.getAs("entry_date"), e == null ? null : e.getAs("source_file"),
          e == null ? null : e.getAs("sheet"), e == null ? null : e.getAs("row_num"), score, r.getAs("grade"),
          reproduces));
    }
    return out;
  }

  private static BigDecimal scale4(BigDecimal v) {
    return v == null ? null : v.setScale(4, java.math.RoundingMode.HALF_UP);
  }
}
