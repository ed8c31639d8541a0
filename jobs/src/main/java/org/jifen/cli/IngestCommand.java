package org.jifen.cli;

import org.jifen.spark.WarehouseLease;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.jifen.ingest.IngestJob;
import org.jifen.ingest.ReceivedTimes;
import org.jifen.spark.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jifen ingest}: branch ledgers from an inbox into bronze, silver and quarantine. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {"Ingest the branches' ledger exports (xlsx, CSV folder, zip) of an inbox into the warehouse.",
        "The inbox holds one folder per period named like 2025Q1. Re-running is safe: files already "
            + "ingested (same SHA-256) change nothing; a re-export with a higher 版本 replaces the earlier one."})
public final class IngestCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin WriterOptions writer;

  @Option(names = "--orgs", required = true, paramLabel = "FILE", description = "The org tree (xlsx or CSV).")
  String orgs;

  @Option(names = "--inbox", required = true, paramLabel = "DIR", description = "Inbox folder with period subfolders.")
  String inbox;

  @Option(names = "--period", paramLabel = "YYYYQn", description = "Only this period, e.g. 2025Q2.")
  String period;

  @Option(names = "--received", paramLabel = "TIME|CSV",
      description = "Received time of every file (ISO, UTC+8 when no offset), or a CSV period,file,received_at. "
          + "Default: each file's modification time.")
  String received;

  @Option(names = "--deadline-days", paramLabel = "N",
      description = "Days after quarter end a ledger is due (DOMAIN §8). Default: the district config, else 10.")
  Integer deadlineDays;

  @Option(names = "--scheme", paramLabel = "ID|FILE",
      description = "Validate entries against this scheme instead of the one the district config names.")
  String scheme;

  @Option(names = "--follow-links",
      description = "Follow symbolic links in the inbox (by default a link is rejected, never read: it may point "
          + "anywhere on the host).")
  boolean followLinks;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (period != null && !period.matches("\\d{4}Q[1-4]")) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--period: '" + period + "' is not a quarter like 2025Q2");
    }
    try (WarehouseLease lease = writer.lease(common, "ingest")) {
      SparkSession spark = common.spark();
      IngestJob.Result r = ingest(spark, common, orgs, inbox, period, received, deadlineDays, scheme, followLinks,
          Progress.forConsole(System.err).follow(spark));
      IngestSummary.print(out, r);
      IngestSummary.printSubmissions(out, spark, common.warehouse(), r.periods(), IngestSummary.DETAIL_MAX);
      lease.succeeded();
      return r.hasDataErrors() ? ExitCodes.DATA_ERRORS : ExitCodes.OK;
    }
  }

  /** Runs the ingest job with the district's configuration; shared by {@code demo} and {@code run}. */
  static IngestJob.Result ingest(SparkSession spark, CommonOptions common, String orgs, String inbox, String period,
      String received, Integer deadlineDays, String scheme, boolean followLinks, Progress progress)
      throws Exception {
    District district = District.open(spark, common.warehouse(), scheme);
    IngestJob.Options o = new IngestJob.Options(orgs, inbox, period,
        ReceivedTimes.parse(received, spark.sparkContext().hadoopConfiguration()),
        deadlineDays != null ? deadlineDays : district.deadlineDays(), district::rules, followLinks,
        district.textLimits());
    return new IngestJob(spark, common.warehouse()).run(o, progress);
  }
}
