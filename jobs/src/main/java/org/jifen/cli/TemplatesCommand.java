package org.jifen.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jifen.config.DistrictConfig;
import org.jifen.loop.LedgerTemplate;
import org.jifen.loop.TemplateFiles;
import org.jifen.loop.TemplateInputs;
import org.jifen.read.WarehouseSql;
import org.jifen.scheme.Scheme;
import org.jifen.scheme.Schemes;
import org.jifen.score.Period;
import org.jifen.spark.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code jifen templates}: the ledger workbook every active 党支部 fills in for a quarter, its 名册
 * pre-filled from the branch's latest accepted roster. Reads the warehouse through {@link WarehouseSql}
 * (no Spark session on a local warehouse), never writes to it.
 *
 * <p>Usage: {@code jifen templates --period 2026Q1 [--unit CODE] --out DIR [--force]}.
 */
@Command(name = "templates", mixinStandardHelpOptions = true,
    description = {"Write the ledger workbook (支部党员积分台账) each active 党支部 fills in for a quarter, named "
        + "<branch>_<period>.xlsx as ingest expects it: 封面 filled, 名册 pre-filled from the branch's latest accepted "
        + "roster (members who moved to another branch left off, 预备党员 due to convert in the quarter marked with a "
        + "note, 身份证号 left for the branch to fill: the warehouse keeps no national IDs), empty 积分明细, 民主评议 "
        + "(Q4, schemes with an evaluation) and 组织处置 sheets, and a 填表说明 sheet (items of the scheme in force, "
        + "points and caps, rules, the deadline, how to name and send the file).",
        "Every coded column has a dropdown or a check (Excel data validation) and every header an input message; "
            + "header rows are protected without a password. The templates carry names (they go to the branch "
            + "itself): hand them to each branch only."})
public final class TemplatesCommand implements Callable<Integer> {
  /** Where branches send their ledger, unless --send-to says otherwise. */
  static final String SEND_TO_DEFAULT = "填好后报所属党（工）委，由党（工）委汇总后报区委组织部。";

  @Mixin CommonOptions common;

  @Option(names = "--period", required = true, paramLabel = "YYYYQn",
      description = "The quarter the branches fill in, e.g. 2026Q1.")
  String period;

  @Option(names = "--unit", paramLabel = "CODE",
      description = "Only the active 党支部 at or under this organization (组织编码). Default: the whole district.")
  String unit;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the workbooks into.")
  Path out;

  @Option(names = "--send-to", paramLabel = "TEXT", defaultValue = SEND_TO_DEFAULT,
      description = "How branches send the file, as the 填表说明 says it. Default: ${DEFAULT-VALUE}")
  String sendTo;

  @Option(names = "--force", description = "Replace workbooks of the same name already in --out.")
  boolean force;

  @Spec CommandSpec spec;

  /** A name as the terminal table shows it: at most 40 characters. */
  static String shortName(String name) {
    return name == null || name.length() <= 40 ? name : name.substring(0, 39) + "…";
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    Period p;
    try {
      p = Period.parse(period);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--period: " + e.getMessage());
    }
    if (p.annual()) {
      throw new ParameterException(spec.commandLine(), "--period: '" + period + "' is a year; templates are per quarter "
          + "(e.g. " + p.year() + "Q1)");
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new ParameterException(spec.commandLine(), "--out: " + out + " is a file, not a folder");
    }
    Warehouse wh = common.warehouse();
    XlsxWarmUp.start();
    DistrictConfig config;
    Scheme scheme;
    List<TemplateInputs.BranchRoster> branches;
    try (WarehouseSql sql = WarehouseSql.open(wh, common::spark, null, TemplateInputs.TABLES)) {
      config = DistrictConfig.read(sql.hadoopConf(), wh);
      if (config == null) {
        config = DistrictConfig.defaults();
      }
      scheme = Schemes.load(config.schemeFor(p.year()));
      branches = TemplateInputs.read(sql, wh, p.toString(), unit);
    }
    if (branches.isEmpty()) {
      spec.commandLine().getErr().println("jifen templates: no active 党支部" + (unit == null ? "" : " at or under " + unit)
          + " in the org tree: nothing written");
      return ExitCodes.USAGE;
    }
    List<Path> existing = new ArrayList<>();
    for (TemplateInputs.BranchRoster b : branches) {
      Path f = out.resolve(LedgerTemplate.fileName(b.branch().code(), p.toString()));
      if (Files.exists(f)) {
        existing.add(f);
      }
    }
    if (!existing.isEmpty() && !force) {
      throw new ParameterException(spec.commandLine(), "--out: " + existing.size() + " workbook(s) already there (e.g. "
          + existing.get(0).getFileName() + "); add --force to replace them");
    }
    org.jifen.reports.OwnerOnly.createDirectories(out);
    LedgerTemplate.Spec s = new LedgerTemplate.Spec(p.year(), p.quarter(), scheme, config.deadlineDays(),
        config.textLimits(), sendTo, Instant.now());
    // The pack rule: one branch's failure does not stop the others; failures are listed, exit 3.
    TemplateFiles.Result result = TemplateFiles.write(s, branches, out);
    TextTable t = new TextTable("branch", "name", "roster from", "members", "conversion notes", "file");
    for (TemplateFiles.Written w : result.written()) {
      TemplateInputs.BranchRoster b = w.branch();
      t.row(b.branch().code(), shortName(b.branch().name()), b.rosterPeriod() == null ? "(none: 名册 empty)"
          : b.rosterPeriod(), b.members().size(), w.conversionNotes(), w.file().getFileName());
    }
    stdout.println("Ledger templates for " + p + " under scheme " + scheme.id() + " (due " + s.deadline()
        + " 23:59:59 UTC+8) in " + out);
    t.print(stdout);
    stdout.println(result.written().size() + " workbook(s). They name the members: send each branch its own file only.");
    for (TemplateFiles.Written w : result.written()) {
      for (String cut : w.cut()) {
        stdout.println("  " + w.branch().branch().code() + ": " + cut + "; check the org tree and rosters");
      }
    }
    stdout.flush();
    if (!result.failures().isEmpty()) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("jifen templates: " + result.failures().size() + " of " + branches.size() + " template(s) could not "
          + "be written (the other " + result.written().size() + " were):");
      result.failures().forEach(f -> err.println("  " + f));
      err.flush();
      return ExitCodes.FAILURE;
    }
    return ExitCodes.OK;
  }
}
