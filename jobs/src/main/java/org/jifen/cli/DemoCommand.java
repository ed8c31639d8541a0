package org.jifen.cli;

import org.jifen.spark.WarehouseLease;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jifen demo}: the bundled samples into a fresh local warehouse. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"jifen run --period 2025 on the bundled data-samples/, into a fresh warehouse: ingest, score, "
        + "aggregate, mart and the report packs of Q4 and the year.",
        "The warehouse folder is recreated only if it is missing or was made by a previous demo."})
public final class DemoCommand implements Callable<Integer> {
  /** Marker file that lets the demo recreate a warehouse folder it made itself. */
  static final String DEMO_MARKER = ".jifen-demo";
  /** The year the bundled samples cover. */
  static final String SAMPLE_YEAR = "2025";

  @Mixin CommonOptions common;
  @Mixin WriterOptions writer;

  @Option(names = "--samples", paramLabel = "DIR", defaultValue = "data-samples",
      description = "Sample folder with orgs.xlsx, inbox/ and inbox/received.csv. Default: ${DEFAULT-VALUE}.")
  Path samples;

  @Option(names = "--pseudonymous", description = "Report packs without names (as jifen run --pseudonymous).")
  boolean pseudonymous;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path wh = Path.of(common.warehouse);
    if (!Files.isDirectory(samples.resolve("inbox"))) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--samples: " + samples + " has no inbox/ folder (run from the repository root)");
    }
    refuseForeign(wh);
    try (WarehouseLease lease = writer.lease(common, "demo")) {
      freshWarehouse(wh);
      Path received = samples.resolve("inbox").resolve("received.csv");
      QuarterlyRun.run(out, common.spark(), common, new QuarterlyRun.Inputs(samples.resolve("orgs.xlsx").toString(),
          samples.resolve("inbox").toString(), SAMPLE_YEAR, Files.exists(received) ? received.toString() : null,
          null, false, null, pseudonymous)); // no 填表人: the form leaves it to be filled in by hand
      lease.succeeded();
    }
    out.println("\nWarehouse: " + wh.toAbsolutePath() + "  (jifen status --warehouse " + common.warehouse + ")");
    out.println("Try: ./jifen sql --warehouse " + common.warehouse + " \"SELECT * FROM v_district_overview ORDER BY period\"");
    return ExitCodes.OK;
  }

  private void refuseForeign(Path wh) {
    if (Files.exists(wh) && !Files.exists(wh.resolve(DEMO_MARKER))) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--warehouse: " + wh
          + " exists and was not made by jifen demo; refusing to replace it (pass another --warehouse)");
    }
  }

  /** Empties the demo warehouse, all but its lease (held by this run). */
  private void freshWarehouse(Path wh) throws IOException {
    if (Files.exists(wh)) {
      Path lease = wh.resolve(WarehouseLease.FOLDER);
      try (Stream<Path> walk = Files.walk(wh)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          if (!p.equals(wh) && !p.startsWith(lease)) {
            Files.delete(p);
          }
        }
      }
    }
    Files.createDirectories(wh);
    Files.writeString(wh.resolve(DEMO_MARKER), "made by jifen demo; the demo may delete and recreate this folder\n");
  }
}
