package org.jifen.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jifen.config.DistrictConfig;
import org.jifen.read.WarehouseSql;
import org.jifen.reports.PackOptions;
import org.jifen.reports.SchemeComparison;
import org.jifen.reports.SchemeComparisonChart;
import org.jifen.reports.SchemeComparisonWorkbook;
import org.jifen.scheme.Scheme;
import org.jifen.score.Period;
import org.jifen.simulate.Simulation;
import org.jifen.spark.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code jifen simulate}: a draft scheme's effect on a period's data, before it is adopted.
 *
 * <p>Usage: {@code jifen simulate --scheme draft.yaml --period 2025 [--unit CODE] [--out DIR]}.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Score a period's data under a draft scheme (计分方案草案) and compare it with the scheme in force: "
        + "grade distribution per unit, mean and median, members changing grade in each direction and why (the items "
        + "whose capped points differ, the quota), quota effects, and the items of the data the draft does not define "
        + "(listed; their points do not count under the draft).",
        "The draft is validated first (the messages of jifen schemes validate). Read-only: nothing is written to the "
            + "warehouse, and it does not wait for or block a writer.",
        "--out DIR also writes simulate-<draft>-<period>.xlsx (Chinese, with the chart) and the chart as a PNG."})
public final class SimulateCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--scheme", required = true, paramLabel = "FILE", description = "The draft scheme file (or a built-in id).")
  String scheme;

  @Option(names = "--period", required = true, paramLabel = "PERIOD", description = "A year (2025) or a quarter (2025Q4).")
  String period;

  @Option(names = "--unit", paramLabel = "CODE",
      description = "Compare this organization and its direct subordinates. Default: the district (root of the org tree).")
  String unit;

  @Option(names = "--out", paramLabel = "DIR", description = "Write the workbook and the chart into this folder.")
  Path out;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // Validation first, before the warehouse is read.
    Scheme draft = SchemesCommand.loadOrReport(scheme, err);
    if (draft == null) {
      err.println("jifen simulate: the draft scheme " + scheme + " is not valid; nothing was simulated.");
      err.flush();
      return ExitCodes.USAGE;
    }
    Period p;
    try {
      p = Period.parse(period);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--period: " + e.getMessage());
    }
    if (out != null && Files.isRegularFile(out)) {
      throw new ParameterException(spec.commandLine(), "--out: " + out + " is a file, not a folder");
    }
    Warehouse wh = common.warehouse();
    SchemeComparison c;
    // DuckDB reads a local warehouse (no Spark session); Spark only for one DuckDB cannot read.
    try (WarehouseSql sql = WarehouseSql.open(wh, common::spark, null, Simulation.TABLES)) {
      DistrictConfig config = DistrictConfig.read(sql.hadoopConf(), wh);
      String inForce = (config != null ? config : DistrictConfig.defaults()).schemeFor(p.year());
      Scheme current = SchemesCommand.loadOrReport(inForce, err);
      if (current == null) {
        return ExitCodes.USAGE;
      }
      try {
        c = Simulation.run(sql, wh, draft, scheme, current, p, unit);
      } catch (IllegalArgumentException e) {
        err.println("jifen simulate: " + e.getMessage());
        err.flush();
        return ExitCodes.USAGE;
      }
    }
    print(o, c);
    if (out != null) {
      String base = "simulate-" + fileSafe(draft.id()) + "-" + p;
      Path xlsx = out.resolve(base + ".xlsx");
      Path png = out.resolve(base + ".png");
      byte[] chart = SchemeComparisonChart.png(c);
      SchemeComparisonChart.write(c, png);
      SchemeComparisonWorkbook.write(c, chart, PackOptions.of(BuildInfo.version()), xlsx);
      o.println("\nWrote " + xlsx.toAbsolutePath() + " (sheets " + String.join(", ", SchemeComparisonWorkbook.SHEET_SUMMARY,
          SchemeComparisonWorkbook.SHEET_MOVES, SchemeComparisonWorkbook.SHEET_REASONS,
          SchemeComparisonWorkbook.SHEET_UNKNOWN, SchemeComparisonWorkbook.SHEET_QUOTA,
          SchemeComparisonWorkbook.SHEET_MEMBERS) + ") and " + png.toAbsolutePath());
    }
    o.flush();
    return ExitCodes.OK;
  }

  private static String fileSafe(String id) {
    return id.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** The terminal summary. */
  static void print(PrintWriter out, SchemeComparison c) {
    out.println("Simulation of " + c.draft().id() + " (" + c.draft().source() + ") against the scheme in force "
        + c.current().id() + ", " + c.period() + ", unit " + c.unitCode() + " " + c.unitName());
    out.println("Scheme in force: " + c.currentSource() + ". Nothing was written to the warehouse.");
    out.println("\nGrade distribution (graded party members)");
    List<String> heads = new ArrayList<>(List.of("党组织", "方案", "评定人数"));
    heads.addAll(c.grades());
    heads.addAll(List.of("平均分", "中位数", "受名额限制", "上升", "下降"));
    TextTable t = new TextTable(heads.toArray(String[]::new));
    for (SchemeComparison.UnitRow u : c.units()) {
      for (int k = 0; k < 2; k++) {
        boolean cur = k == 0;
        List<Object> row = new ArrayList<>();
        row.add(cur ? (u.total() ? "合计 " : "") + u.code() + " " + u.name() : "");
        row.add(cur ? "现行方案" : "草案");
        row.add(cur ? u.currentGraded() : u.draftGraded());
        for (String g : c.grades()) {
          row.add((cur ? u.currentGrades() : u.draftGrades()).getOrDefault(g, 0L));
        }
        row.add(plain(cur ? u.currentMean() : u.draftMean()));
        row.add(plain(cur ? u.currentMedian() : u.draftMedian()));
        row.add(cur ? u.currentQuotaLimited() : u.draftQuotaLimited());
        row.add(cur ? String.valueOf(u.up()) : "");
        row.add(cur ? String.valueOf(u.down()) : "");
        t.row(row.toArray());
      }
    }
    t.print(out);

    out.println("\nGrade changes: " + c.up() + " up, " + c.down() + " down, " + c.unchanged() + " unchanged");
    TextTable m = new TextTable("现行方案等次", "草案等次", "人数");
    for (SchemeComparison.Move mv : c.matrix()) {
      if (!mv.from().equals(mv.to())) {
        m.row(mv.from(), mv.to(), mv.members());
      }
    }
    m.printOrNone(out);

    out.println("\nReasons (members whose grade changed, by item whose capped points differ)");
    TextTable r = new TextTable("原因", "名称", "变化内容", "人数", "上升", "下降");
    for (SchemeComparison.Reason x : c.reasons()) {
      r.row(x.code(), x.name() == null ? "" : x.name(), x.detail(), x.members(), x.up(), x.down());
    }
    r.printOrNone(out);

    out.println("\nQuota: in force " + c.current().quota() + "; draft " + c.draft().quota());
    SchemeComparison.UnitRow total = c.totalRow();
    out.println("  members demoted by the quota: in force " + total.currentQuotaLimited() + ", draft "
        + total.draftQuotaLimited());

    out.println("\nItems of the data the draft does not define (their points do not count under the draft)");
    TextTable u = new TextTable("项目", "名称", "明细条数", "党员人数", "分值合计");
    for (SchemeComparison.UnknownItem x : c.unknownItems()) {
      u.row(x.code(), x.name() == null ? "" : x.name(), x.entries(), x.members(), plain(x.points()));
    }
    u.printOrNone(out);
    if (!c.notes().isEmpty()) {
      out.println("\nNotes");
      c.notes().forEach(n -> out.println("  - " + n));
    }
    out.flush();
  }

  private static String plain(BigDecimal v) {
    return v == null ? "" : v.toPlainString();
  }
}
