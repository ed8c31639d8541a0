package org.jifen.score;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.jifen.config.DistrictConfig;
import org.jifen.scheme.Scheme;
import org.jifen.scheme.Schemes;
import org.jifen.spark.Warehouse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores a quarter or a year from the silver tables into gold (DOMAIN §5, §8) and replaces that
 * period only, in one Delta commit. Usage: {@code jifen score --period 2025Q2} or
 * {@code --period 2025}; from code {@code ScoringJob.run(spark, warehouse, "2025Q2", ScoreOptions.defaults())}.
 */
public final class ScoringJob {
  public static final String QUARTER_TABLE = "member_quarter_score";
  public static final String YEAR_TABLE = "member_year_score";

  private static final Logger LOG = LoggerFactory.getLogger(ScoringJob.class);

  private ScoringJob() {}

  /**
   * Scores {@code period} ({@code 2025Q2} or {@code 2025}) and writes its rows.
   *
   * @throws IllegalArgumentException for a malformed period
   * @throws org.jifen.scheme.SchemeException when the scheme cannot be loaded
   * @throws ScoringException when the period is not ingested, or already scored under another
   *     scheme hash without {@code rescore}; nothing is written then
   */
  public static ScoreSummary run(SparkSession spark, Warehouse wh, String period, ScoreOptions options) {
    long t0 = System.nanoTime();
    Period p = Period.parse(period);
    ScoreOptions opts = options == null ? ScoreOptions.defaults() : options;
    String schemeRef = opts.scheme() != null ? opts.scheme()
        : DistrictConfig.loadOrCreate(spark.sparkContext().hadoopConfiguration(), wh).schemeFor(p.year());
    Scheme scheme = Schemes.load(schemeRef);
    SilverInputs silver = SilverInputs.read(spark, wh);
    checkIngested(silver, p);

    String table = p.annual() ? YEAR_TABLE : QUARTER_TABLE;
    Column inPeriod = p.annual() ? col("year").equalTo(lit(p.year())) : col("period").equalTo(lit(p.toString()));
    // The period is validated by Period.parse, so this predicate holds only digits and 'Q'.
    String replaceWhere = p.annual() ? "year = " + p.year() : "period = '" + p + "'";
    boolean exists = wh.exists(spark, Warehouse.GOLD, table);
    if (exists) {
      checkSameScheme(wh.read(spark, Warehouse.GOLD, table).where(inPeriod), p, scheme, opts.rescore());
    }

    Instant at = opts.scoredAt() != null ? opts.scoredAt() : Instant.now();
    Scorer scorer = new Scorer(spark, scheme, at);
    Dataset<Row> rows;
    if (p.annual()) {
      Dataset<Row> previous = null;
      int years = scheme.disposal().consecutiveYears();
      if (years > 1 && wh.exists(spark, Warehouse.GOLD, YEAR_TABLE)) {
        previous = wh.read(spark, Warehouse.GOLD, YEAR_TABLE)
            .where(col("year").geq(lit(p.year() - years + 1)).and(col("year").lt(lit(p.year()))));
      }
      rows = scorer.yearScores(silver, p.year(), previous);
    } else {
      rows = scorer.quarterScores(silver.quarter(p.year(), p.quarter()));
    }

    rows = rows.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      // mergeSchema: a table written by an older jifen gains the columns added since (the quota's
      // inputs on member_year_score); its other periods read null there until they are rescored.
      var writer = rows.write().format("delta").mode(SaveMode.Overwrite).option("mergeSchema", "true");
      if (exists) {
        writer = writer.option("replaceWhere", replaceWhere);
      } else {
        writer = writer.partitionBy("year");
      }
      writer.save(wh.path(Warehouse.GOLD, table));
      ScoreSummary s = summarize(rows, p, table, scheme, Duration.ofNanos(System.nanoTime() - t0));
      LOG.info("{}", s.toText().lines().findFirst().orElse(""));
      return s;
    } finally {
      rows.unpersist();
    }
  }

  /** Annual results need all four quarters ingested; a quarter needs itself. */
  private static void checkIngested(SilverInputs silver, Period p) {
    Column year = col("year").equalTo(lit(p.year()));
    // submissions is small (one row per branch and quarter); the roster is read only if it falls short
    TreeSet<Integer> quarters = quarters(silver.submissions().where(year));
    if (p.annual() ? quarters.size() < 4 : !quarters.contains(p.quarter())) {
      quarters.addAll(quarters(silver.members().where(year)));
    }
    if (p.annual()) {
      if (quarters.size() < 4) {
        List<String> missing = new ArrayList<>();
        for (int q = 1; q <= 4; q++) {
          if (!quarters.contains(q)) {
            missing.add(p.year() + "Q" + q);
          }
        }
        throw new ScoringException("annual results for " + p.year() + " need all four quarters ingested; silver has no "
            + "submissions or roster rows for " + String.join(", ", missing) + ". Ingest them first.");
      }
    } else if (!quarters.contains(p.quarter())) {
      throw new ScoringException(p + " has not been ingested: silver has no submissions or roster rows for it. "
          + "Ingest " + p + " first.");
    }
  }

  private static TreeSet<Integer> quarters(Dataset<Row> rows) {
    TreeSet<Integer> out = new TreeSet<>();
    for (Row r : rows.select("quarter").distinct().collectAsList()) {
      out.add(r.getInt(0));
    }
    return out;
  }

  /** Refuses to replace scores made under another scheme (or another version of it) unless asked to. */
  private static void checkSameScheme(Dataset<Row> existing, Period p, Scheme scheme, boolean rescore) {
    List<Row> made = existing.select("scheme_id", "scheme_hash").distinct().collectAsList();
    for (Row r : made) {
      if (!scheme.contentHash().equals(r.getString(1))) {
        String msg = p + " was scored with scheme " + r.getString(0) + " (sha256 " + r.getString(1).substring(0, 12)
            + "…); the scheme now in force is " + scheme.id() + " (sha256 " + scheme.contentHash().substring(0, 12)
            + "…). Rescoring replaces the published results of " + p + ": pass --rescore to do it.";
        if (!rescore) {
          throw new ScoringException(msg);
        }
        LOG.warn("{} Rescoring as asked.", msg);
        return;
      }
    }
  }

  private static ScoreSummary summarize(Dataset<Row> rows, Period p, String table, Scheme scheme, Duration d) {
    Map<String, Long> grades = new LinkedHashMap<>();
    scheme.gradeOrder().forEach(g -> grades.put(g, 0L));
    Map<String, Long> statuses = new LinkedHashMap<>();
    long total = 0;
    long quota = 0;
    long disposal = 0;
    boolean annual = table.equals(YEAR_TABLE);
    Dataset<Row> counts = annual
        ? rows.groupBy("status", "grade", "quota_limited", "disposal").count()
        : rows.groupBy("status", "grade").count();
    for (Row r : counts.collectAsList()) {
      long n = r.getLong(r.size() - 1);
      total += n;
      statuses.merge(r.getString(0), n, Long::sum);
      if (!r.isNullAt(1)) {
        grades.merge(r.getString(1), n, Long::sum);
      }
      if (annual) {
        quota += r.getBoolean(2) ? n : 0;
        disposal += r.getBoolean(3) ? n : 0;
      }
    }
    return new ScoreSummary(p.toString(), table, scheme.id(), scheme.contentHash(), total, grades, statuses,
        quota, disposal, d);
  }
}
