package org.jifen.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jifen.loop.Receipts;
import org.jifen.read.WarehouseSql;
import org.jifen.reports.PackOptions;
import org.jifen.spark.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code jifen receipts}: receipts (回执) to the branches after ingest, and the department's summary.
 * Reads the warehouse only (no lease; through {@link WarehouseSql}, no Spark session on a local warehouse);
 * prints file names and counts, never a member code or value.
 *
 * <p>Usage: {@code jifen receipts --period 2025Q2 [--unit CODE] --out DIR}.
 */
@Command(name = "receipts", mixinStandardHelpOptions = true,
    description = {"Write the receipts (回执) of a quarter to the branches, from what the warehouse holds after "
        + "ingest: one workbook per branch that sent any file, <out>/<period>/回执_<branch>_<period>.xlsx (the files "
        + "received with version, received time, on time or hours late and outcome; rows accepted per sheet; every "
        + "quarantined row and rejected file with its sheet, row, column, the value found and what to do, in "
        + "Chinese; how to send a corrected 版本), and the department's summary 回执汇总_<period>.xlsx (branches "
        + "submitted, late, missing; branches with problems by reason).",
        "A national ID (身份证号) found in a quarantined row is shown by its last four characters only. Receipts hold "
            + "the branch's own member codes and values: send each one to its branch only.",
        "Reads the warehouse only and never waits for a writer; report packs are not touched."})
public final class ReceiptsCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--period", required = true, paramLabel = "YYYYQn|YYYY",
      description = "Quarter (2025Q2), or a year for each of its ingested quarters.")
  String period;

  @Option(names = "--unit", paramLabel = "CODE",
      description = "Only the branches at or under this organization (a branch, general branch or committee); "
          + "the summary then covers them and is named 回执汇总_<CODE>_<period>.xlsx.")
  String unit;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder the receipts are written under.")
  Path outDir;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!period.matches("\\d{4}(Q[1-4])?")) {
      throw new ParameterException(spec.commandLine(), "--period: '" + period + "' is neither a quarter nor a year");
    }
    PrintWriter out = spec.commandLine().getOut();
    Warehouse wh = common.warehouse();
    org.jifen.spark.WarehouseLease.holder(null, wh.root()).ifPresent(h -> out.println("Being written now by "
        + h.describe() + ": the receipts show the last committed batch."));
    XlsxWarmUp.start();
    List<String> quarters = new ArrayList<>();
    TextTable t = new TextTable("period", "branch", "files", "rejected", "rows accepted", "problems", "receipt");
    List<Receipts.Result> results = new ArrayList<>();
    try (WarehouseSql sql = WarehouseSql.open(wh, common::spark, null, Receipts.TABLES)) {
      if (period.contains("Q")) {
        quarters.add(period);
      } else {
        for (String p : Receipts.periods(sql)) {
          if (p.startsWith(period)) {
            quarters.add(p);
          }
        }
        if (quarters.isEmpty()) {
          throw new IllegalArgumentException("No quarter of " + period + " has been ingested");
        }
      }
      PackOptions pack = PackOptions.of(BuildInfo.version()).withGeneratedAt(Instant.now());
      for (String q : quarters) {
        Receipts.Result r = Receipts.write(sql, wh, new Receipts.Options(q, unit, outDir, pack));
        results.add(r);
        for (Receipts.Written w : r.receipts()) {
          t.row(q, w.branchCode(), w.files(), w.filesRejected(), w.rowsAccepted(), w.problems(),
              w.file().getFileName());
        }
      }
    }
    out.println("\nReceipts (one per branch that sent a file; problems = quarantined rows and rejected files)");
    t.print(out);
    List<String> failures = new ArrayList<>();
    for (Receipts.Result r : results) {
      out.printf("%s: %d receipt(s) in %s; %d branch(es) expected, %d did not submit; summary %s%n", r.period(),
          r.receipts().size(), r.directory(), r.branchesExpected(), r.branchesMissing(),
          r.summary() == null ? "not written" : r.summary().getFileName());
      r.failures().forEach(x -> failures.add(r.period() + " " + x));
    }
    out.println("Each receipt holds its branch's member codes and values: send it to that branch only.");
    out.flush();
    if (!failures.isEmpty()) {
      // The pack rule: the others were written; the failures are listed and the run exits 3.
      PrintWriter err = spec.commandLine().getErr();
      err.println("jifen receipts: " + failures.size() + " file(s) could not be written (the others were):");
      failures.forEach(x -> err.println("  " + x));
      err.flush();
      return ExitCodes.FAILURE;
    }
    return ExitCodes.OK;
  }
}
