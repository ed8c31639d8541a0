package org.jifen.stats;

import static org.apache.spark.sql.functions.col;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jifen.scheme.FlagRule;
import org.jifen.scheme.GradeBand;
import org.jifen.scheme.Item;
import org.jifen.scheme.Scheme;
import org.jifen.scheme.SchemeException;
import org.jifen.scheme.Schemes;
import org.jifen.score.SilverInputs;
import org.jifen.spark.DeltaTables;
import org.jifen.spark.Parallel;
import org.jifen.spark.Progress;
import org.jifen.spark.SqlFiles;
import org.jifen.spark.Warehouse;

/**
 * Computes the gold statistics tables from silver and the score tables, per period, each table
 * replaced for the periods it covers in one atomic Delta commit (so a rerun gives the same rows):
 * {@code org_period_stats}, {@code stats_table}, {@code org_trend}, {@code branch_ranking},
 * {@code watch_lists}, {@code branch_attention}.
 *
 * <p>Usage: {@code jifen aggregate [--period 2025Q2|2025]}. A quarter also recomputes what depends
 * on it: the other quarter of its half (for 统计表), the next quarter and the same quarter next
 * year (trends, lagging lists) and its year when annual scores exist. A year recomputes itself,
 * its quarters and the next year (trends). No period: everything ingested.
 */
public final class AggregateJob {
  /** The gold tables in the order each lane writes them; lanes run side by side. */
  static final List<List<String>> LANES = List.of(
      List.of("org_period_stats", "org_trend", "branch_ranking", "watch_lists"),
      List.of("branch_attention", "stats_table"));
  /** Gold tables written: the lanes' tables, lane by lane. */
  public static final List<String> TABLES = LANES.stream().flatMap(List::stream).toList();

  private static final StructType PERIODS_SCHEMA = new StructType()
      .add("period", DataTypes.StringType, false).add("period_kind", DataTypes.StringType, false)
      .add("year", DataTypes.IntegerType, false).add("quarter", DataTypes.IntegerType, true);
  private static final StructType HALVES_SCHEMA = new StructType()
      .add("period", DataTypes.StringType, false).add("year", DataTypes.IntegerType, false)
      .add("half", DataTypes.IntegerType, false);
  private static final StructType GRADES_SCHEMA = new StructType()
      .add("year", DataTypes.IntegerType, false).add("scheme_id", DataTypes.StringType, false)
      .add("scheme_hash", DataTypes.StringType, true).add("grade", DataTypes.StringType, false)
      .add("grade_no", DataTypes.IntegerType, false).add("grade_count", DataTypes.IntegerType, false)
      .add("band_min", DataTypes.createDecimalType(10, 4), true);
  private static final StructType FLAG_ITEMS_SCHEMA = new StructType()
      .add("year", DataTypes.IntegerType, false).add("item_code", DataTypes.StringType, false)
      .add("item_name", DataTypes.StringType, true).add("flag", DataTypes.StringType, false)
      .add("flag_name", DataTypes.StringType, false).add("acts_on_quarter", DataTypes.BooleanType, false)
      .add("acts_on_year", DataTypes.BooleanType, false);
  private static final org.apache.spark.sql.types.DecimalType PARAM = DataTypes.createDecimalType(10, 4);
  private static final StructType PARAMS_SCHEMA = new StructType()
      .add("computed_at", DataTypes.TimestampType, false).add("filler", DataTypes.StringType, true)
      .add("min_members", DataTypes.IntegerType, false).add("min_entries", DataTypes.IntegerType, false)
      .add("significance", DataTypes.DoubleType, false).add("boundary_width", PARAM, false)
      .add("late_days", DataTypes.IntegerType, false).add("spread_resamples", DataTypes.IntegerType, false);

  /**
   * How to aggregate.
   *
   * @param attention thresholds of the branch attention signals
   * @param filler 填表人 printed on the statistics tables (DOMAIN §8), or null
   */
  public record Options(AttentionThresholds attention, String filler) {
    public static final Options DEFAULTS = new Options(AttentionThresholds.DEFAULTS, null);
  }

  /**
   * What a run wrote.
   *
   * @param periods quarters and years recomputed
   * @param halves half-years of the statistics tables recomputed
   * @param rows rows written per table (for the periods recomputed)
   * @param flaggedBranches branch attention rows that fired
   * @param warnings what the run could not do fully (e.g. a period without scores)
   */
  public record Result(List<String> periods, List<String> halves, Map<String, Long> rows, long flaggedBranches,
      List<String> warnings) {}

  private final SparkSession spark;
  private final Warehouse wh;

  public AggregateJob(SparkSession spark, Warehouse wh) {
    this.spark = spark;
    this.wh = wh;
  }

  /** Aggregates {@code period} ('2025Q2', '2025', or null for everything ingested) with default options. */
  public static Result run(SparkSession spark, Warehouse wh, String period, Progress progress) {
    return new AggregateJob(spark, wh).run(period, Options.DEFAULTS, progress);
  }

  /** Aggregates {@code period} ('2025Q2', '2025', or null for everything ingested). */
  public Result run(String period, Options options, Progress progress) {
    if (period != null && !Periods.isQuarter(period) && !Periods.isYear(period)) {
      throw new IllegalArgumentException("Period '" + period + "' is neither a quarter (2025Q2) nor a year (2025)");
    }
    for (String t : List.of("orgs", SilverInputs.MEMBERS, SilverInputs.SUBMISSIONS)) {
      if (!wh.exists(spark, Warehouse.SILVER, t)) {
        throw new IllegalStateException("The warehouse at " + wh.root() + " has no silver/" + t
            + " yet: run jifen ingest first");
      }
    }
    progress.step("Planning periods");
    TreeSet<String> ingested = new TreeSet<>(read(Warehouse.SILVER, SilverInputs.SUBMISSIONS, null)
        .select("period").distinct().as(Encoders.STRING()).collectAsList());
    Dataset<Row> yearScores = read(Warehouse.GOLD, ScoreTables.YEAR, ScoreTables.YEAR_SCHEMA);
    Set<Integer> scoredYears = new TreeSet<>(yearScores.select("year").distinct().as(Encoders.INT()).collectAsList());
    Plan plan = plan(period, ingested, scoredYears);

    List<String> warnings = new ArrayList<>();
    Timestamp computedAt = Timestamp.from(Instant.now());
    progress.step("Preparing inputs for " + String.join(", ", plan.periods));
    Set<Integer> years = new TreeSet<>();
    plan.periods.forEach(p -> years.add(Periods.year(p)));
    years.add(years.stream().min(Integer::compare).orElseThrow() - 1); // previous quarter of a Q1
    Dataset<Row> quarterScores = read(Warehouse.GOLD, ScoreTables.QUARTER, ScoreTables.QUARTER_SCHEMA)
        .filter(col("year").isin(years.toArray()));
    registerInputs(years, quarterScores, yearScores.filter(col("year").isin(years.toArray())));
    registerGrades(quarterScores, yearScores, years, warnings);
    registerPlan(plan, options, computedAt);
    Set<String> scoredQuarters = new TreeSet<>(quarterScores.select("period").distinct().as(Encoders.STRING())
        .collectAsList());
    for (String p : plan.periods) {
      if (Periods.isQuarter(p) && !scoredQuarters.contains(p)) {
        warnings.add(p + " has no rows in gold/" + ScoreTables.QUARTER
            + ": member counts are complete, grades and scores are empty (run the scoring job first)");
      }
    }
    StatsFunctions.register(spark);
    AttentionFunctions.register(spark);
    List<Dataset<Row>> cached = new ArrayList<>();
    for (String stage : List.of("stg_org_nodes", "stg_member_periods")) {
      Dataset<Row> df = SqlFiles.run(spark, "staging", stage, Map.of()).localCheckpoint(true);
      df.createOrReplaceTempView(stage);
      cached.add(df);
    }

    // Two lanes of independent tables written side by side (org_trend and branch_ranking read
    // org_period_stats back, so they follow it in its lane); each table is one commit.
    progress.step("Writing gold tables");
    List<Parallel.Task<Map<String, long[]>>> lanes = new ArrayList<>();
    for (List<String> lane : LANES) {
      lanes.add(() -> {
        Map<String, long[]> written = new LinkedHashMap<>();
        for (String table : lane) {
          boolean halves = table.equals("stats_table");
          if (halves && plan.halves.isEmpty()) {
            continue;
          }
          if (table.equals("org_trend")) {
            // Trends and rankings compare with periods outside this run: read back the whole table.
            wh.read(spark, Warehouse.GOLD, "org_period_stats").createOrReplaceTempView("agg_all_stats");
          }
          Dataset<Row> df = SqlFiles.run(spark, "gold", table, Map.of()).localCheckpoint(true);
          long n = df.count();
          long f = table.equals("branch_attention") ? df.filter(col("flagged")).count() : 0;
          DeltaTables.replacePeriods(df, wh.path(Warehouse.GOLD, table), halves ? plan.halves : plan.periods);
          df.unpersist();
          written.put(table, new long[] {n, f});
        }
        return written;
      });
    }
    Map<String, long[]> written = new LinkedHashMap<>();
    Parallel.run(spark, lanes).forEach(written::putAll);
    Map<String, Long> rows = new LinkedHashMap<>();
    long flagged = 0;
    for (String table : TABLES) {
      if (written.containsKey(table)) {
        rows.put(table, written.get(table)[0]);
        flagged += written.get(table)[1];
      }
    }
    cached.forEach(Dataset::unpersist);
    progress.close();
    return new Result(List.copyOf(plan.periods), List.copyOf(plan.halves), rows, flagged, warnings);
  }

  /** The periods and half-years one run recomputes. */
  record Plan(TreeSet<String> periods, TreeSet<String> halves) {}

  static Plan plan(String period, Set<String> ingested, Set<Integer> scoredYears) {
    if (ingested.isEmpty()) {
      throw new IllegalStateException("No period has been ingested yet: run jifen ingest first");
    }
    TreeSet<String> targets = new TreeSet<>();
    if (period == null) {
      targets.addAll(ingested);
    } else if (Periods.isQuarter(period)) {
      if (!ingested.contains(period)) {
        throw new IllegalArgumentException("Period " + period + " has not been ingested (ingested: "
            + String.join(", ", new TreeSet<>(ingested)) + ")");
      }
      targets.add(period);
    } else {
      for (int q = 1; q <= 4; q++) {
        if (ingested.contains(Periods.quarter(Periods.year(period), q))) {
          targets.add(Periods.quarter(Periods.year(period), q));
        }
      }
      if (targets.isEmpty()) {
        throw new IllegalArgumentException("No quarter of " + period + " has been ingested (ingested: "
            + String.join(", ", new TreeSet<>(ingested)) + ")");
      }
    }
    TreeSet<String> periods = new TreeSet<>(targets);
    TreeSet<String> halves = new TreeSet<>();
    for (String q : targets) {
      halves.add(Periods.half(q));
      int y = Periods.year(q);
      for (String dependent : List.of(Periods.halfSibling(q), Periods.next(q), Periods.quarter(y + 1, Periods.quarter(q)))) {
        if (ingested.contains(dependent)) {
          periods.add(dependent);
        }
      }
      // A year is aggregated when asked for, or with its quarters once it has annual results.
      if (period == null || Periods.isYear(period) || scoredYears.contains(y)) {
        periods.add(String.valueOf(y));
      }
    }
    // The next year's trends compare with this year.
    for (String p : List.copyOf(periods)) {
      if (Periods.isYear(p)) {
        int next = Integer.parseInt(p) + 1;
        if (ingested.stream().anyMatch(q -> Periods.year(q) == next)) {
          periods.add(String.valueOf(next));
        }
      }
    }
    return new Plan(periods, halves);
  }

  private Dataset<Row> read(String layer, String table, StructType emptySchema) {
    if (wh.exists(spark, layer, table)) {
      return wh.read(spark, layer, table);
    }
    if (emptySchema == null) {
      throw new IllegalStateException("Missing table " + wh.path(layer, table));
    }
    return spark.createDataFrame(List.of(), emptySchema);
  }

  private void registerInputs(Set<Integer> years, Dataset<Row> quarterScores, Dataset<Row> yearScores) {
    Object[] ys = years.toArray();
    wh.read(spark, Warehouse.SILVER, "orgs").createOrReplaceTempView("agg_orgs");
    read(Warehouse.SILVER, SilverInputs.MEMBERS, SilverInputs.MEMBERS_SCHEMA).filter(col("year").isin(ys))
        .createOrReplaceTempView("agg_members");
    read(Warehouse.SILVER, SilverInputs.ENTRIES, SilverInputs.ENTRIES_SCHEMA).filter(col("year").isin(ys))
        .createOrReplaceTempView("agg_entries");
    read(Warehouse.SILVER, SilverInputs.ACTIONS, SilverInputs.ACTIONS_SCHEMA).filter(col("year").isin(ys))
        .createOrReplaceTempView("agg_actions");
    read(Warehouse.SILVER, SilverInputs.SUBMISSIONS, SilverInputs.SUBMISSIONS_SCHEMA).filter(col("year").isin(ys))
        .createOrReplaceTempView("agg_submissions");
    quarterScores.createOrReplaceTempView("agg_quarter_scores");
    yearScores.createOrReplaceTempView("agg_year_scores");
  }

  /**
   * {@code agg_grades}: the grades of each year's scheme in the scheme's order with their lower
   * bounds; {@code agg_flag_items}: the scheme's items that raise a flag (一票否决, hard fail,
   * zeroing) with the flag's name and the windows it acts on, so lists can say why a member
   * failed. The scheme is the one named by the year's score rows; one scheme per year.
   */
  private void registerGrades(Dataset<Row> quarterScores, Dataset<Row> yearScores, Set<Integer> years,
      List<String> warnings) {
    Dataset<Row> used = quarterScores.select("year", "scheme_id", "scheme_hash")
        .union(yearScores.select("year", "scheme_id", "scheme_hash"))
        .filter(col("year").isin(years.toArray()).and(col("scheme_id").isNotNull())).distinct();
    Map<Integer, Row> byYear = new TreeMap<>();
    for (Row r : used.collectAsList()) {
      Row prev = byYear.putIfAbsent(r.getInt(0), r);
      if (prev != null && !prev.getString(1).equals(r.getString(1))) {
        throw new IllegalStateException("The scores of " + r.getInt(0) + " come from two schemes ("
            + prev.getString(1) + ", " + r.getString(1) + "): rescore the year with one scheme first");
      }
    }
    List<Row> rows = new ArrayList<>();
    List<Row> flagItems = new ArrayList<>();
    for (Row r : byYear.values()) {
      int year = r.getInt(0);
      String id = r.getString(1);
      List<GradeBand> bands;
      try {
        Scheme s = Schemes.load(id);
        bands = s.bands();
        for (Item item : s.items()) {
          FlagRule rule = item.kind().flag() == null ? null : s.flags().get(item.kind().flag());
          if (rule != null) {
            flagItems.add(RowFactory.create(year, item.code(), item.name(), rule.flag().column(), rule.name(),
                rule.actsOnQuarter(), rule.actsOnYear()));
          }
        }
        if (r.getString(2) != null && !r.getString(2).equals(s.contentHash())) {
          warnings.add("The scores of " + year + " were computed with another version of scheme " + id
              + " than the one installed; grade names and bounds are taken from the installed one");
        }
      } catch (SchemeException e) {
        throw new IllegalStateException("The scores of " + year + " name scheme '" + id
            + "', which cannot be loaded here: " + e.getMessage(), e);
      }
      for (int i = 0; i < bands.size(); i++) {
        BigDecimal min = bands.get(i).min();
        rows.add(RowFactory.create(year, id, r.getString(2), bands.get(i).grade(), i + 1, bands.size(),
            min == null ? null : min.setScale(4, java.math.RoundingMode.HALF_UP)));
      }
    }
    spark.createDataFrame(rows, GRADES_SCHEMA).createOrReplaceTempView("agg_grades");
    spark.createDataFrame(flagItems, FLAG_ITEMS_SCHEMA).createOrReplaceTempView("agg_flag_items");
  }

  private void registerPlan(Plan plan, Options o, Timestamp computedAt) {
    List<Row> periods = new ArrayList<>();
    for (String p : plan.periods) {
      periods.add(Periods.isQuarter(p)
          ? RowFactory.create(p, "quarter", Periods.year(p), Periods.quarter(p))
          : RowFactory.create(p, "year", Periods.year(p), null));
    }
    spark.createDataFrame(periods, PERIODS_SCHEMA).createOrReplaceTempView("agg_periods");
    List<Row> halves = new ArrayList<>();
    for (String h : plan.halves) {
      halves.add(RowFactory.create(h, Periods.year(h), h.charAt(5) - '0'));
    }
    spark.createDataFrame(halves, HALVES_SCHEMA).createOrReplaceTempView("agg_halves");
    AttentionThresholds a = o.attention();
    spark.createDataFrame(List.of(RowFactory.create(computedAt, o.filler(), a.minMembers(), a.minEntries(),
        a.significance().doubleValue(), p(a.boundaryWidth()), a.lateDays(), a.spreadResamples())), PARAMS_SCHEMA)
        .createOrReplaceTempView("agg_params");
  }

  private static BigDecimal p(BigDecimal v) {
    return v.setScale(4, java.math.RoundingMode.HALF_UP);
  }
}
