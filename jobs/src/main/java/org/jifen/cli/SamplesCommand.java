package org.jifen.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jifen.samples.SampleGenerator;
import org.jifen.samples.SampleGenerator.Size;
import org.jifen.samples.SampleGenerator.Summary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Writes a synthetic district (org tree, a year of branch ledger exports, received times, the
 * list of deliberate faults). Usage: {@code jifen samples --out data-samples --seed 20250101 --size small --force}.
 */
@Command(name = "samples", mixinStandardHelpOptions = true,
    description = "Generate a synthetic district: orgs.xlsx, a year of branch ledger exports in inbox/, "
        + "inbox/received.csv, faults.csv (every deliberate fault) and README.md.")
public final class SamplesCommand implements Callable<Integer> {
  /** Sizes as typed on the command line. */
  enum SizeOption { small, district, city }

  @Spec
  CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "20250101",
      description = "Random seed; the same seed gives the same files (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--size", paramLabel = "SIZE", defaultValue = "small",
      description = "small (~30 branches), district (~300 branches, ~12,000 members) or city (~6,000 branches, "
          + "~300,000 members); default: ${DEFAULT-VALUE}.")
  SizeOption size;

  @Option(names = "--force", description = "Write into a non-empty directory, replacing earlier generated output "
      + "(orgs.xlsx, inbox/, faults.csv, README.md).")
  boolean force;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (Files.exists(out()) && !Files.isDirectory(out())) {
      err.println("samples: --out " + out() + " is a file, not a directory");
      return ExitCodes.USAGE;
    }
    if (!force && !isEmpty(out())) {
      err.println("samples: --out " + out() + " is not empty; add --force to replace generated output there");
      return ExitCodes.USAGE;
    }
    Size s = Size.valueOf(size.name().toUpperCase(Locale.ROOT));
    Summary summary;
    if (s == Size.SMALL) {
      summary = SampleGenerator.generate(out(), seed, s);
    } else {
      try (ProgressBar bar = new ProgressBarBuilder().setTaskName("branches").setStyle(ProgressBarStyle.ASCII)
          .setInitialMax(1).continuousUpdate().build()) {
        summary = SampleGenerator.generate(out(), seed, s, (done, total) -> {
          bar.maxHint(total);
          bar.stepTo(done);
        });
      }
    }
    out.printf("Generated %s district (seed %d) in %s%n", size, seed, out());
    out.printf("  orgs:          %,d%n", summary.orgs());
    out.printf("  branches:      %,d active%n", summary.branches());
    out.printf("  members:       %,d%n", summary.members());
    out.printf("  files:         %,d exports (%,d late, %,d branch-quarters missing)%n", summary.files(),
        summary.lateExports(), summary.missingExports());
    out.printf("  entries:       %,d%n", summary.entries());
    out.printf("  faulty files:  %,d (%,d faults listed in faults.csv)%n", summary.faultyFiles(),
        summary.faults().size());
    out.flush();
    return ExitCodes.OK;
  }

  private Path out() {
    return out;
  }

  private static boolean isEmpty(Path dir) {
    if (!Files.exists(dir)) {
      return true;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
