package org.jifen.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.jifen.ingest.IngestJob;
import org.jifen.mart.MartBuilder;
import org.jifen.reports.ReportPack;
import org.jifen.score.ScoreSummary;
import org.jifen.spark.Progress;
import org.jifen.spark.Warehouse;
import org.jifen.stats.AggregateJob;

/**
 * What the department runs each quarter, as one pipeline: ingest → score → aggregate → mart →
 * report packs. Every stage is idempotent, so re-running after a fix resumes cleanly; a failing
 * stage stops the run with its message.
 */
final class QuarterlyRun {
  /**
   * The run's inputs.
   *
   * @param period a quarter ({@code 2025Q2}) or a year ({@code 2025}: its quarters and the annual results)
   * @param pseudonymous packs without names; by default they name the members on their lists
   */
  record Inputs(String orgs, String inbox, String period, String received, String scheme, boolean rescore,
      String filler, boolean pseudonymous) {}

  private QuarterlyRun() {}

  static int run(PrintWriter out, SparkSession spark, CommonOptions common, Inputs in) throws Exception {
    Warehouse wh = common.warehouse();
    boolean annual = in.period().matches("\\d{4}");

    IngestJob.Result ingest = IngestCommand.ingest(spark, common, in.orgs(), in.inbox(), in.period(), in.received(),
        null, in.scheme(), false, progress(spark));
    IngestSummary.print(out, ingest);

    List<String> quarters = new ArrayList<>(new TreeSet<>(wh.read(spark, Warehouse.SILVER, "submissions")
        .select("period").distinct().as(Encoders.STRING()).collectAsList()));
    quarters.removeIf(q -> !(annual ? q.startsWith(in.period()) : q.equals(in.period())));
    if (quarters.isEmpty()) {
      throw new IllegalArgumentException("No ledger of " + in.period() + " is in the warehouse: the inbox has no "
          + (annual ? "quarter folder of " + in.period() : "folder " + in.period()));
    }
    IngestSummary.printSubmissions(out, spark, wh, quarters, IngestSummary.DETAIL_MAX);

    List<ScoreSummary> scores = ScoreStage.run(spark, wh, quarters, annual, in.scheme(), in.rescore(), progress(spark));
    ScoreStage.print(out, scores);

    List<String> periods = new ArrayList<>(scores.stream().map(ScoreSummary::period).toList());
    AggregateJob.Result agg = new AggregateJob(spark, wh).run(annual ? in.period() : quarters.get(0),
        new AggregateJob.Options(org.jifen.stats.AttentionThresholds.DEFAULTS, in.filler()), progress(spark));
    out.println();
    AggregateCommand.print(out, agg);

    // Names for the packs; a restricted file already there is rebuilt too, so it never lags the mart.
    boolean names = !in.pseudonymous()
        || Files.exists(MartBuilder.defaultOut(wh).resolveSibling(MartBuilder.RESTRICTED_FILE));
    MartBuilder.Result mart = MartBuilder.build(spark, wh, new MartBuilder.Options(null, names), progress(spark));
    out.printf("%nMart: %s (%,d bytes, DuckDB storage %s)%n", mart.mart(), mart.bytes(), mart.storageVersion());
    if (mart.restricted() != null) {
      out.println("Restricted mart with names (authorised staff only): " + mart.restricted());
    }
    printOverview(out, mart.mart());

    // Packs: the quarter; for a year, its latest quarter and the annual pack.
    List<String> packPeriods = new ArrayList<>();
    packPeriods.add(quarters.get(quarters.size() - 1));
    if (annual && periods.contains(in.period())) {
      packPeriods.add(in.period());
    }
    Path reports = reportsRoot(wh);
    Path martFile = in.pseudonymous() ? mart.mart() : mart.restricted();
    List<ReportPack> packs = new ArrayList<>();
    Progress packProgress = progress(spark);
    packProgress.step("Rendering the report packs of " + String.join(", ", packPeriods));
    for (String p : packPeriods) {
      packs.addAll(ReportStage.render(martFile, p, List.of(), false, reports, Map.of()));
    }
    packProgress.close();
    ReportCommand.printPacks(out, packs);

    long late = 0;
    long missing = 0;
    long returned = 0;
    for (var r : wh.read(spark, Warehouse.SILVER, "submissions").filter(
        org.apache.spark.sql.functions.col("period").isin(quarters.toArray())).groupBy("status").count()
        .collectAsList()) {
      if ("late".equals(r.getString(0))) {
        late = r.getLong(1);
      } else if ("missing".equals(r.getString(0))) {
        missing = r.getLong(1);
      } else if ("returned".equals(r.getString(0))) {
        returned = r.getLong(1);
      }
    }
    long rejected = ingest.files().stream().filter(f -> "rejected".equals(f.outcome())).count();
    long duplicates = ingest.files().stream().filter(f -> "duplicate".equals(f.outcome())).count();
    long accepted = ingest.files().size() - rejected - duplicates;
    out.printf("%nSummary of %s: files accepted %d, rejected %d, already ingested (duplicates) %d (this batch); "
        + "branch-quarters late %d, missing %d, returned (every file rejected) %d; %d report pack(s) under %s%n",
        in.period(), accepted, rejected, duplicates, late, missing, returned, packs.size(), reports);
    out.flush();
    return ingest.hasDataErrors() ? ExitCodes.DATA_ERRORS : ExitCodes.OK;
  }

  /** The district overview, read back from the mart as an analyst would. */
  static void printOverview(PrintWriter out, Path mart) throws java.sql.SQLException {
    java.util.Properties ro = new java.util.Properties();
    ro.setProperty("duckdb.read_only", "true");
    TextTable t = new TextTable("period", "党员总数", "参与积分管理", "参与率", "报送率", "已评定", "平均分", "中位数",
        "等次分布");
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + mart.toAbsolutePath(), ro);
        java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT period, members_total, "
            + "members_participating, participation_rate, submission_rate, members_graded, score_mean, score_median, "
            + "array_to_string(list_transform(list_zip(grade_names, grade_counts), x -> x[1] || ' ' || x[2]), ' / ') "
            + "FROM v_district_overview ORDER BY period")) {
      while (rs.next()) {
        t.row(rs.getString(1), rs.getLong(2), rs.getLong(3), percent(rs.getBigDecimal(4)), percent(rs.getBigDecimal(5)),
            rs.getLong(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getString(9));
      }
    }
    out.println("\nDistrict overview (from the mart: SELECT … FROM v_district_overview)");
    t.print(out);
  }

  private static String percent(java.math.BigDecimal rate) {
    return rate == null ? "" : String.format("%.1f%%", rate.doubleValue() * 100);
  }

  static Path reportsRoot(Warehouse wh) {
    Path root = MartBuilder.localPath(wh.file("reports"));
    if (root == null) {
      throw new IllegalArgumentException("Report packs are written to a local folder; the warehouse " + wh.root()
          + " is not local");
    }
    return root;
  }

  private static Progress progress(SparkSession spark) {
    return Progress.forConsole(System.err).follow(spark);
  }
}
