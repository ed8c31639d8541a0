package org.jifen.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jifen.mart.MartBuilder;
import org.jifen.reports.ReportPack;
import org.jifen.spark.Progress;
import org.jifen.spark.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code jifen report}: report packs (Word, Excel, charts, manifest) from the mart. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Render the report packs of a quarter (2025Q2) or a year (2025) from the DuckDB mart into "
        + "<warehouse>/reports/<period>/<unit-code>/ (statistics-table.xlsx, report.docx, charts/*.png, manifest.json).",
        "With --as-of, the pack is rebuilt from the warehouse as it stood at that time (Delta time travel), "
            + "under <warehouse>/reports/as-of-<time>/."})
public final class ReportCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--period", required = true, paramLabel = "YYYYQn|YYYY", description = "Quarter or year.")
  String period;

  @Option(names = "--unit", paramLabel = "CODE", description = "Reporting unit (组织编码); repeatable. "
      + "Default: the district and every committee.")
  List<String> units = new ArrayList<>();

  @Option(names = "--all-units", description = "Every reporting unit (every active organization with subordinates).")
  boolean allUnits;

  @Option(names = "--as-of", paramLabel = "TIME",
      description = "Rebuild from the warehouse as of this time (ISO-8601; UTC+8 when no offset is given).")
  String asOf;

  @Option(names = "--restricted", description = "Use the restricted mart (jifen-restricted.duckdb): names in the lists.")
  boolean restricted;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (!period.matches("\\d{4}(Q[1-4])?")) {
      throw new ParameterException(spec.commandLine(), "--period: '" + period + "' is neither a quarter nor a year");
    }
    Warehouse wh = common.warehouse();
    Path reports = QuarterlyRun.reportsRoot(wh);
    Path mart = MartBuilder.defaultOut(wh);
    if (asOf != null) {
      Instant at = parseTime(asOf);
      String tag = "as-of-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").format(at.atOffset(ZoneOffset.ofHours(8)));
      // One mart per requested time: packs rebuilt for the same time read the very same file.
      mart = mart.resolveSibling(tag).resolve(mart.getFileName());
      if (!Files.exists(mart) || restricted && !Files.exists(mart.resolveSibling(MartBuilder.RESTRICTED_FILE))) {
        var spark = common.spark();
        MartBuilder.build(spark, wh, new MartBuilder.Options(mart, restricted, at),
            Progress.forConsole(System.err).follow(spark));
      }
      reports = reports.resolve(tag);
    }
    if (restricted) {
      mart = mart.resolveSibling(MartBuilder.RESTRICTED_FILE);
    }
    if (!Files.exists(mart)) {
      throw new IllegalArgumentException("No mart at " + mart + ": run jifen mart"
          + (restricted ? " --with-names" : "") + " (or jifen run) first");
    }
    List<ReportPack> packs = ReportStage.render(mart, period, units, allUnits, reports,
        asOf == null ? Map.of() : Map.of("as_of", asOf));
    printPacks(out, packs);
    return ExitCodes.OK;
  }

  static Instant parseTime(String s) {
    Long millis = org.jifen.ingest.ReceivedTimes.parseTimestamp(s);
    if (millis == null) {
      throw new IllegalArgumentException("--as-of: '" + s + "' is not a time like 2025-07-15T18:00:00+08:00");
    }
    return Instant.ofEpochMilli(millis);
  }

  /** Lists the packs written. */
  static void printPacks(PrintWriter out, List<ReportPack> packs) {
    out.println("\nReport packs");
    TextTable t = new TextTable("period", "unit", "name", "folder", "files");
    for (ReportPack p : packs) {
      t.row(p.period(), p.unitCode(), p.unitName(), p.directory(), p.files().size());
    }
    t.print(out);
  }
}
