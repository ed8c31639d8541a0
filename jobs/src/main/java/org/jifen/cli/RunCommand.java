package org.jifen.cli;

import org.jifen.spark.WarehouseLease;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code jifen run}: the quarterly (or annual) run in one command.
 *
 * <p>Usage: {@code jifen run --orgs FILE --inbox DIR --period 2025Q4|2025 [--pseudonymous]}.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"What the department runs each quarter: ingest → score → aggregate → mart → report packs for "
        + "the district and every committee.",
        "With a year (--period 2025) after Q4: every quarter of the year, the annual results and the annual packs.",
        "Re-running after a fix resumes cleanly: every stage is idempotent."})
public final class RunCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin WriterOptions writer;

  @Option(names = "--orgs", required = true, paramLabel = "FILE", description = "The org tree (xlsx or CSV).")
  String orgs;

  @Option(names = "--inbox", required = true, paramLabel = "DIR", description = "Inbox folder with period subfolders.")
  String inbox;

  @Option(names = "--period", required = true, paramLabel = "YYYYQn|YYYY", description = "Quarter or year.")
  String period;

  @Option(names = "--received", paramLabel = "TIME|CSV", description = "Received times (see jifen ingest --help).")
  String received;

  @Option(names = "--scheme", paramLabel = "ID|FILE", description = "Scheme instead of the district config's.")
  String scheme;

  @Option(names = "--rescore", description = "Replace scores made under another scheme version.")
  boolean rescore;

  @Option(names = "--filler", paramLabel = "NAME", description = "填表人 on the statistics tables.")
  String filler;

  @Option(names = "--pseudonymous", description = "Report packs without names (members on the lists as member_key); "
      + "by default the packs name them from the owner-only restricted mart built alongside the mart.")
  boolean pseudonymous;

  /** Before names became the default; accepted so existing scripts keep working. */
  @Option(names = "--with-names", hidden = true, description = "Deprecated, ignored: packs name members by default.")
  boolean withNames;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!period.matches("\\d{4}(Q[1-4])?")) {
      throw new ParameterException(spec.commandLine(), "--period: '" + period + "' is neither a quarter nor a year");
    }
    if (withNames && pseudonymous) {
      throw new ParameterException(spec.commandLine(), "--with-names and --pseudonymous contradict each other "
          + "(--with-names is deprecated: packs name members unless --pseudonymous is given)");
    }
    if (withNames) {
      spec.commandLine().getErr().println("jifen run: --with-names is deprecated and ignored: packs name members by "
          + "default (--pseudonymous for packs without names)");
    }
    try (WarehouseLease lease = writer.lease(common, "run")) {
      int code = QuarterlyRun.run(spec.commandLine().getOut(), common.spark(), common,
          new QuarterlyRun.Inputs(orgs, inbox, period, received, scheme, rescore, filler, pseudonymous));
      lease.succeeded();
      return code;
    }
  }
}
