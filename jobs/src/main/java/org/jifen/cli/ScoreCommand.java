package org.jifen.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.jifen.scheme.SchemeException;
import org.jifen.score.Period;
import org.jifen.score.ScoreOptions;
import org.jifen.score.ScoreSummary;
import org.jifen.score.ScoringException;
import org.jifen.score.ScoringJob;
import org.jifen.spark.Sessions;
import org.jifen.spark.Warehouse;
import picocli.CommandLine.Command;
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

  @Option(names = "--warehouse", defaultValue = Warehouse.ROOT_DEFAULT, paramLabel = "PATH",
      description = "warehouse root (local folder, hdfs://, s3a://); default: ${DEFAULT-VALUE}")
  String warehouse;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master; default: spark-submit's or local[*]")
  String master;

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
    try {
      SparkSession spark = Sessions.getOrCreate(master);
      ScoreSummary s = ScoringJob.run(spark, new Warehouse(warehouse), period,
          ScoreOptions.defaults().withScheme(scheme).withRescore(rescore));
      out.print(s.toText());
      out.flush();
      return s.incomplete() > 0 ? ExitCodes.DATA_ERRORS : ExitCodes.OK;
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
