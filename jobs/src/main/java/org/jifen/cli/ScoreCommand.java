package org.jifen.cli;

import org.jifen.spark.WarehouseLease;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.jifen.scheme.SchemeException;
import org.jifen.score.Period;
import org.jifen.score.ScoreOptions;
import org.jifen.score.ScoreSummary;
import org.jifen.score.ScoringException;
import org.jifen.score.ScoringJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jifen score --period 2025Q2|2025}: scores a quarter or a year into gold. */
@Command(name = "score", mixinStandardHelpOptions = true,
    description = {"Score members for a quarter (2025Q2) or a year (2025) from the silver tables into",
        "gold/member_quarter_score or gold/member_year_score, replacing that period only."})
public final class ScoreCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--period", required = true, paramLabel = "PERIOD", description = "quarter like 2025Q2, or year like 2025")
  String period;

  @Mixin CommonOptions common;
  @Mixin WriterOptions writer;

  @Option(names = "--scheme", paramLabel = "ID|FILE",
      description = "scheme to use instead of the one config/district.yaml sets for the year")
  String scheme;

  @Option(names = "--rescore", description = "replace scores made under another scheme or scheme version")
  boolean rescore;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Period.parse(period);
    } catch (IllegalArgumentException e) {
      err.println("jifen score: " + e.getMessage());
      err.flush();
      return ExitCodes.USAGE;
    }
    try (WarehouseLease lease = writer.lease(common, "score")) {
      SparkSession spark = common.spark();
      ScoreSummary s = ScoringJob.run(spark, common.warehouse(), period,
          ScoreOptions.defaults().withScheme(scheme).withRescore(rescore));
      out.print(s.toText());
      out.flush();
      lease.succeeded();
      return s.incomplete() > 0 ? ExitCodes.DATA_ERRORS : ExitCodes.OK;
    } catch (WarehouseLease.BusyException e) {
      throw e;
    } catch (SchemeException | ScoringException e) {
      err.println("jifen score: " + e.getMessage());
      err.flush();
      return ExitCodes.USAGE;
    } catch (RuntimeException e) {
      err.println("jifen score: failed: " + e);
      err.flush();
      return ExitCodes.FAILURE;
    }
  }
}
