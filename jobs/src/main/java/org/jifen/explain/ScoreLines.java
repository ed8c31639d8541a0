package org.jifen.explain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;
import org.jifen.mart.MartSecret;
import org.jifen.scheme.Component;
import org.jifen.scheme.Item;
import org.jifen.scheme.Scheme;
import org.jifen.score.MemberScoring;
import org.jifen.spark.SqlFiles;

/**
 * The lines of every scored member-quarter ({@link MemberScoring#explainQuarter}), the member under
 * the mart's pseudonymous {@code member_key} only: the source of the mart's
 * {@code member_score_lines}. The inputs are the rows of {@code sql/explain/score_line_inputs.sql}
 * (plain SQL: DuckDB over the pinned snapshots, or Spark for a warehouse DuckDB cannot read),
 * explained here on the driver as they stream by, one member-quarter at a time. Scores whose
 * scheme cannot be loaded here are left out ({@link Lines#skipped}); each line says whether its
 * member-quarter's lines add up to the published score ({@code lines_reproduce_score}).
 *
 * <p>Usage: {@code Lines l = new ScoreLines.Lines(schemes, key, sink); rows.forEach(l::add); l.finish();}.
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

  /**
   * The schemes the quarter scores were computed with ({@code year, scheme_id, scheme_hash}), in the
   * SQL both engines run over {@code src_member_quarter_score}.
   */
  public static final String SCHEMES_SQL =
      "select distinct year, scheme_id, scheme_hash from src_member_quarter_score";

  /**
   * {@code sql/explain/score_line_inputs.sql}: one row per scored member-quarter and entry, over
   * {@code src_member_quarter_score} and {@code src_entries}, in the order {@link Lines} needs.
   */
  public static String inputsSql() {
    return SqlFiles.text("explain", "score_line_inputs");
  }

  /** One row of {@link #inputsSql()}: a column's value by name (engine's types: dates as java.sql.Date or LocalDate). */
  @FunctionalInterface
  public interface Row {
    Object get(String column) throws Exception;
  }

  /** Receives the lines, one {@link #SCHEMA} row at a time. */
  @FunctionalInterface
  public interface Sink {
    void accept(Object[] line) throws Exception;
  }

  /** One entry of a member-quarter as the ledger lists it. */
  private record Entry(LocalDate entryDate, String sourceFile, String sheet, Integer rowNum, String itemCode,
      BigDecimal points) {}

  /**
   * Explains the member-quarters of the rows of {@link #inputsSql()} given in its order (a
   * member-quarter's rows next to each other, its entries as the ledger lists them).
   */
  public static final class Lines {
    private final Map<String, Scheme> schemes;
    private final byte[] key;
    private final Sink sink;
    private final TreeSet<String> skipped = new TreeSet<>();
    private Object[] scored;
    private final List<Entry> entries = new ArrayList<>();
    private long lines;

    /**
     * @param schemes scheme_id + "@" + scheme_hash → the scheme; scores of other schemes are skipped
     * @param key the mart secret's key ({@code member_key})
     */
    public Lines(Map<String, Scheme> schemes, byte[] key, Sink sink) {
      this.schemes = schemes;
      this.key = key;
      this.sink = sink;
    }

    /** The next input row. */
    public void add(Row r) throws Exception {
      Object[] s = {r.get("period"), r.get("year"), r.get("quarter"), r.get("member_code"), r.get("branch_code"),
          r.get("standing"), r.get("category"), r.get("in_points_mgmt"), r.get("score"), r.get("grade"),
          r.get("scheme_id"), r.get("scheme_hash")};
      if (scored == null || !Objects.equals(scored[0], s[0]) || !Objects.equals(scored[3], s[3])) {
        flush();
        scored = s;
      }
      if (Boolean.TRUE.equals(r.get("has_entry"))) {
        entries.add(new Entry(date(r.get("entry_date")), (String) r.get("source_file"), (String) r.get("sheet"),
            r.get("row_num") == null ? null : ((Number) r.get("row_num")).intValue(), (String) r.get("item_code"),
            (BigDecimal) r.get("points")));
      }
    }

    /** Explains the last member-quarter; returns the number of lines written. */
    public long finish() throws Exception {
      flush();
      return lines;
    }

    /** The schemes whose scores were left out ("id (sha256 hash)"), sorted. */
    public List<String> skipped() {
      return List.copyOf(skipped);
    }

    private void flush() throws Exception {
      if (scored == null) {
        return;
      }
      String schemeId = (String) scored[10];
      String schemeHash = (String) scored[11];
      Scheme s = schemes.get(schemeId + "@" + schemeHash);
      if (s == null) {
        if (schemeId != null) {
          skipped.add(schemeId + " (sha256 " + schemeHash + ")");
        }
      } else {
        explain(s);
      }
      scored = null;
      entries.clear();
    }

    private void explain(Scheme s) throws Exception {
      String period = (String) scored[0];
      int year = ((Number) scored[1]).intValue();
      int quarter = ((Number) scored[2]).intValue();
      String branch = (String) scored[4];
      List<MemberScoring.Entry> in = new ArrayList<>(entries.size());
      for (Entry e : entries) {
        in.add(new MemberScoring.Entry(quarter, e.itemCode(), e.points()));
      }
      MemberScoring.RosterRow roster = new MemberScoring.RosterRow(period, year, quarter, branch, (String) scored[5],
          (String) scored[6], Boolean.TRUE.equals(scored[7]));
      MemberScoring.ExplainedQuarter x = new MemberScoring(s).explainQuarter(roster, in);
      BigDecimal score = (BigDecimal) scored[8];
      BigDecimal sum = x.lines().stream().map(MemberScoring.Line::contribution).reduce(BigDecimal.ZERO, BigDecimal::add);
      boolean reproduces = score == null ? x.result().score() == null : sum.compareTo(score) == 0
          && x.result().score().compareTo(score) == 0;
      String memberKey = MartSecret.memberKey(key, (String) scored[3]);
      int n = 1;
      for (MemberScoring.Line l : x.lines()) {
        Entry e = l.entryIndex() >= 0 ? entries.get(l.entryIndex()) : null;
        Component c = l.component() == null ? null : s.components().get(l.component());
        Item item = l.itemCode() == null ? null : s.item(l.itemCode()).orElse(null);
        Object[] line = {memberKey, period, year, quarter, branch, s.id(), n++,
            l.kind().name().toLowerCase(Locale.ROOT), l.component(), c == null ? null : c.name(), l.itemCode(),
            item == null ? null : item.name(), l.value(), l.contribution(),
            l.itemCode() == null ? null : x.itemTotals().get(l.itemCode()), item == null ? null : item.capQuarter(),
            e == null ? null : e.entryDate(), e == null ? null : e.sourceFile(), e == null ? null : e.sheet(),
            e == null ? null : e.rowNum(), score, scored[9], reproduces};
        sink.accept(fit(line));
        lines++;
      }
    }
  }

  /** Decimals at their column's scale, half-up (as a decimal column of {@link #SCHEMA} stores them). */
  private static Object[] fit(Object[] line) {
    for (int i = 0; i < line.length; i++) {
      if (line[i] instanceof BigDecimal d && SCHEMA.fields()[i].dataType() instanceof DecimalType t) {
        line[i] = d.setScale(t.scale(), RoundingMode.HALF_UP);
      }
    }
    return line;
  }

  private static LocalDate date(Object v) {
    return v == null ? null : v instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) v;
  }
}
