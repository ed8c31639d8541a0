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
import org.jifen.spark.WarehouseLease;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code jifen report}: report packs (Word, Excel, charts, manifest) from the mart. Packs name the
 * members on their watch lists (姓名, 党员编号) from the restricted mart, built when missing or out of
 * step with the mart; {@code --pseudonymous} renders them from the analysts' mart without names.
 *
 * <p>Usage: {@code jifen report --period 2025Q4 [--unit QS01] [--as-of TIME] [--pseudonymous]}.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Render the report packs of a quarter (2025Q2) or a year (2025) from the DuckDB mart into "
        + "<warehouse>/reports/<period>/<unit-code>/ (statistics-table.xlsx, report.docx, charts/*.png, manifest.json).",
        "Packs are for leaders: their watch lists (重点名单) give 姓名 and 党员编号 (never the 身份证号), read from the "
            + "owner-only restricted mart " + MartBuilder.RESTRICTED_FILE + ", which is built (with the mart) when it is "
            + "missing or from another build than jifen.duckdb. --pseudonymous renders packs without names from "
            + "jifen.duckdb.",
        "The marts are built under the warehouse's writer lease: while another jifen command writes to the "
            + "warehouse, report exits with 'warehouse busy' (exit code 2) unless --wait is given.",
        "With --as-of, the pack is rebuilt from the warehouse as it stood at that time (Delta time travel), "
            + "under <warehouse>/reports/as-of-<time>/; a time still to come gives the warehouse as it stands."})
public final class ReportCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  /** {@code --wait}: the marts are built under the writer's lease. */
  @Mixin WriterOptions writer;

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

  @Option(names = "--pseudonymous",
      description = "Packs without names: rendered from jifen.duckdb, members on the lists shown as member_key.")
  boolean pseudonymous;

  /** Before names became the default; accepted so existing scripts keep working. */
  @Option(names = "--restricted", hidden = true, description = "Deprecated, ignored: packs name members by default.")
  boolean restricted;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (!period.matches("\\d{4}(Q[1-4])?")) {
      throw new ParameterException(spec.commandLine(), "--period: '" + period + "' is neither a quarter nor a year");
    }
    if (restricted && pseudonymous) {
      throw new ParameterException(spec.commandLine(), "--restricted and --pseudonymous contradict each other "
          + "(--restricted is deprecated: packs name members unless --pseudonymous is given)");
    }
    if (restricted) {
      spec.commandLine().getErr().println("jifen report: --restricted is deprecated and ignored: packs name members "
          + "by default (--pseudonymous for packs without names)");
    }
    boolean names = !pseudonymous;
    Warehouse wh = common.warehouse();
    Path reports = QuarterlyRun.reportsRoot(wh);
    Path mart = MartBuilder.defaultOut(wh);
    Instant at = null;
    if (asOf != null) {
      at = parseTime(asOf);
      String tag = "as-of-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").format(at.atOffset(ZoneOffset.ofHours(8)));
      // One mart per requested time: packs rebuilt for the same time read the very same file.
      mart = mart.resolveSibling(tag).resolve(mart.getFileName());
      reports = reports.resolve(tag);
    }
    if (stale(mart, names, at)) {
      // The marts are written under the writer's lease, like every other build of them: a report
      // never pins the warehouse while a writer is half-way through its commits, and never replaces
      // marts that a writer publishes while it builds (issue 19: a slower report used to put its
      // older mart over a run's newer one).
      try (WarehouseLease lease = writer.lease(common, "report")) {
        // A writer this report waited for may have built them in step meanwhile.
        if (stale(mart, names, at)) {
          if (names && asOf == null) {
            spec.commandLine().getErr().println("jifen report: building the marts with names ("
                + MartBuilder.RESTRICTED_FILE + " is missing or from another build than " + mart.getFileName() + ")");
          }
          // Spark starts only for a warehouse DuckDB cannot read directly (HDFS, S3, deletion vectors).
          Progress progress = Progress.forConsole(System.err);
          MartBuilder.build(common.sparkWhenNeeded(progress), wh, new MartBuilder.Options(mart, names, at), progress);
        }
        lease.succeeded();
      }
    }
    Path source = names ? mart.resolveSibling(MartBuilder.RESTRICTED_FILE) : mart;
    if (!Files.exists(source)) {
      throw new IllegalArgumentException("No mart at " + source + ": run jifen mart (or jifen run) first");
    }
    List<ReportPack> packs = ReportStage.render(source, period, units, allUnits, reports,
        asOf == null ? Map.of() : Map.of("as_of", asOf));
    printPacks(out, packs);
    return ExitCodes.OK;
  }

  /**
   * True when the mart to render from must be built: the restricted file is missing or from
   * another build (with names); for {@code --as-of}, also when the mart for that time is missing
   * or pinned the warehouse at or before that time, so that a commit made since (and before that
   * time) would be missing from it: a time still to come is always rebuilt, and gives the
   * warehouse as it stands.
   */
  static boolean stale(Path mart, boolean names, Instant at) {
    if (names && !MartBuilder.restrictedInStep(mart)) {
      return true;
    }
    if (at == null) {
      return false;
    }
    Instant pinned = Files.exists(mart) ? MartBuilder.pinnedAt(mart) : null;
    return pinned == null || !pinned.isAfter(at);
  }

  /** The earliest and latest {@code --as-of} times: four-digit years, as the folder name spells them. */
  static final Instant AS_OF_MIN = Instant.parse("1970-01-01T00:00:00Z");
  static final Instant AS_OF_MAX = Instant.parse("9999-12-31T15:59:59Z");

  static Instant parseTime(String s) {
    Long millis;
    try {
      millis = org.jifen.ingest.ReceivedTimes.parseTimestamp(s);
    } catch (ArithmeticException e) {
      millis = Long.MAX_VALUE; // beyond what epoch milliseconds hold: far out of range
    }
    if (millis == null) {
      throw new IllegalArgumentException("--as-of: '" + s + "' is not a time like 2025-07-15T18:00:00+08:00");
    }
    Instant t = Instant.ofEpochMilli(millis);
    if (t.isBefore(AS_OF_MIN) || t.isAfter(AS_OF_MAX)) {
      throw new IllegalArgumentException("--as-of: '" + s + "' is out of range (expected a time from "
          + "1970-01-01 to 9999-12-31, like 2025-07-15T18:00:00+08:00)");
    }
    return t;
  }

  /** Lists the packs written. */
  static void printPacks(PrintWriter out, List<ReportPack> packs) {
    out.println("\nReport packs");
    TextTable t = new TextTable("period", "unit", "name", "folder", "files");
    for (ReportPack p : packs) {
      t.row(p.period(), p.unitCode(), p.unitName(), p.directory(), p.files().size());
    }
    t.print(out);
    if (packs.stream().anyMatch(ReportPack::restricted)) {
      out.println("The packs name the members on their lists (姓名, 党员编号): for leaders and authorised staff only.");
    } else if (!packs.isEmpty()) {
      out.println("The packs are pseudonymous: members on their lists appear as member_key.");
    }
  }
}
