package org.jifen.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.jifen.scheme.Scheme;
import org.jifen.scheme.SchemeDescriber;
import org.jifen.scheme.SchemeException;
import org.jifen.scheme.Schemes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jifen schemes validate FILE…} and {@code jifen schemes show ID|FILE}. */
@Command(name = "schemes", mixinStandardHelpOptions = true,
    description = "Check and explain scoring schemes (计分方案). Built in: district-100, vanguard-8-2, branch-80-20.",
    subcommands = {SchemesCommand.Validate.class, SchemesCommand.Show.class})
public final class SchemesCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Loads a scheme file or built-in id; when it is invalid, prints the located problem to {@code err}
   * (what {@code jifen schemes validate} prints) and returns null.
   */
  static Scheme loadOrReport(String ref, PrintWriter err) {
    try {
      return Schemes.load(ref);
    } catch (SchemeException e) {
      err.println(e.getMessage());
      err.flush();
      return null;
    }
  }

  /** Loads each file and reports it valid or prints the located problem. */
  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = "Check scheme files; each problem names the file, the line and the fix.")
  static final class Validate implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "scheme file(s) or built-in id(s)")
    List<String> files;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      int rc = ExitCodes.OK;
      for (String f : files) {
        Scheme s = loadOrReport(f, err);
        if (s != null) {
          out.printf("OK %s: scheme %s, %d item codes, grades %s, sha256 %s%n", f, s.id(), s.items().size(),
              String.join("/", s.gradeOrder()), s.contentHash());
        } else {
          rc = ExitCodes.USAGE;
        }
      }
      out.flush();
      err.flush();
      return rc;
    }
  }

  /** Prints a scheme's rules in words. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "Print a scheme's rules in words.")
  static final class Show implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID|FILE", description = "built-in scheme id or scheme file")
    String scheme;

    @Override
    public Integer call() {
      try {
        spec.commandLine().getOut().print(SchemeDescriber.describe(Schemes.load(scheme)));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
      } catch (SchemeException e) {
        spec.commandLine().getErr().println(e.getMessage());
        spec.commandLine().getErr().flush();
        return ExitCodes.USAGE;
      }
    }
  }
}
