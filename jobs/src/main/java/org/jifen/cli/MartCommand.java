package org.jifen.cli;

import org.jifen.spark.WarehouseLease;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jifen.mart.MartBuilder;
import org.jifen.spark.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jifen mart}: the analysts' DuckDB file from the warehouse (docs/mart.md). */
@Command(name = "mart", mixinStandardHelpOptions = true,
    description = {"Build the analysts' DuckDB mart from the gold tables and scores (contract: docs/mart.md).",
        "Members appear only under a pseudonymous member_key (HMAC with <warehouse>/config/mart-secret). "
            + "The file is replaced atomically: open readers keep the previous, complete mart."})
public final class MartCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin WriterOptions writer;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Mart file (local path). Default: <warehouse>/" + MartBuilder.FILE_DEFAULT + ".")
  Path out;

  @Option(names = "--with-names",
      description = "Also build " + MartBuilder.RESTRICTED_FILE + " beside the mart (owner-only): names for the report "
          + "packs and authorised staff. A restricted file already there is always rebuilt with the mart.")
  boolean withNames;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter pw = spec.commandLine().getOut();
    try (WarehouseLease lease = writer.lease(common, "mart")) {
      Path target = out != null ? out : MartBuilder.defaultOut(common.warehouse());
      // A restricted file left from an earlier build is kept in step, never left behind with older figures.
      boolean names = withNames || java.nio.file.Files.exists(target.resolveSibling(MartBuilder.RESTRICTED_FILE));
      // Spark starts only for a warehouse DuckDB cannot read directly (HDFS, S3, deletion vectors).
      Progress progress = Progress.forConsole(System.err);
      MartBuilder.Result r = MartBuilder.build(common.sparkWhenNeeded(progress), common.warehouse(),
          new MartBuilder.Options(out, names), progress);
      print(pw, r);
      lease.succeeded();
      return ExitCodes.OK;
    }
  }

  /** Prints what was built; shared with {@code demo}. */
  static void print(PrintWriter out, MartBuilder.Result r) {
    TextTable t = new TextTable("table", "rows");
    r.rows().forEach((k, v) -> t.row(k, v));
    t.print(out);
    out.printf("Mart: %s (%.1f MiB, DuckDB storage %s, built in %.1f s)%n", r.mart().toAbsolutePath(),
        r.bytes() / 1048576.0, r.storageVersion(), r.took().toMillis() / 1000.0);
    if (r.restricted() != null) {
      out.println("Restricted mart with names (authorised staff only): " + r.restricted().toAbsolutePath());
    }
    for (String w : r.warnings()) {
      out.println("warning: " + w);
    }
    out.println("Query it: jifen sql \"SELECT * FROM v_district_overview ORDER BY period\"  or  duckdb -readonly "
        + r.mart());
    out.flush();
  }
}
