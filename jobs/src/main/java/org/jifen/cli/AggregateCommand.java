package org.jifen.cli;

import org.jifen.spark.WarehouseLease;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.jifen.spark.Progress;
import org.jifen.stats.AggregateJob;
import org.jifen.stats.AttentionThresholds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jifen aggregate}: the gold statistics tables from silver and the scores. */
@Command(name = "aggregate", mixinStandardHelpOptions = true,
    description = {"Compute the statistics (org_period_stats, stats_table 统计表, org_trend, branch_ranking, "
        + "watch_lists, branch_attention) for a quarter or a year, at every node of the org tree.",
        "Re-running replaces the same periods; a quarter also refreshes the periods that compare with it."})
public final class AggregateCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin WriterOptions writer;

  @Option(names = "--period", paramLabel = "YYYYQn|YYYY",
      description = "A quarter (2025Q2) or a year (2025). Default: every ingested period.")
  String period;

  @Option(names = "--filler", paramLabel = "NAME", description = "填表人 printed on the statistics tables.")
  String filler;

  @Option(names = "--attention", paramLabel = "NAME=VALUE",
      description = "Override a branch attention setting, e.g. significance=0.05 (a signal fires when its "
          + "Benjamini-Hochberg adjusted p-value over the period's branches is at most this). Names and defaults: "
          + "min-members=5, min-entries=10, significance=0.01, boundary-width=2.0, late-days=7, "
          + "spread-resamples=9999.")
  Map<String, String> attention = new LinkedHashMap<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (period != null && !period.matches("\\d{4}(Q[1-4])?")) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--period: '" + period + "' is neither a quarter like 2025Q2 nor a year like 2025");
    }
    AttentionThresholds thresholds;
    try {
      thresholds = AttentionThresholds.DEFAULTS.with(attention);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--attention: " + e.getMessage());
    }
    try (WarehouseLease lease = writer.lease(common, "aggregate")) {
      SparkSession spark = common.spark();
      AggregateJob.Result r = new AggregateJob(spark, common.warehouse()).run(period,
          new AggregateJob.Options(thresholds, filler), Progress.forConsole(System.err).follow(spark));
      print(out, r);
      lease.succeeded();
      return ExitCodes.OK;
    }
  }

  /** Prints what an aggregation wrote; shared with {@code demo}. */
  static void print(PrintWriter out, AggregateJob.Result r) {
    out.println("Aggregated " + String.join(", ", r.periods())
        + (r.halves().isEmpty() ? "" : "; statistics tables " + String.join(", ", r.halves())));
    TextTable t = new TextTable("gold table", "rows written");
    r.rows().forEach((k, v) -> t.row(k, v));
    t.print(out);
    out.println("Branch attention flags: " + r.flaggedBranches()
        + " (see gold/branch_attention or the mart's v_attention_flags)");
    for (String w : r.warnings()) {
      out.println("warning: " + w);
    }
    out.flush();
  }
}
