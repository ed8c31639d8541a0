package org.jifen.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the jifen command line. Usage: {@code jifen <command> [options]}. */
@Command(name = "jifen", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
    description = "Party-member points analytics warehouse (党员积分管理).",
    subcommands = {
        IngestCommand.class,
        StatusCommand.class,
        SchemesCommand.class,
        ScoreCommand.class,
        AggregateCommand.class,
        MartCommand.class,
        SqlCommand.class,
        ReportCommand.class,
        TemplatesCommand.class,
        ReceiptsCommand.class,
        HistoryCommand.class,
        SimulateCommand.class,
        ExplainCommand.class,
        RunCommand.class,
        SamplesCommand.class,
        DemoCommand.class,
        CommandLine.HelpCommand.class})
public final class Jifen implements Runnable {
  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  /** The configured command line: named exit codes, located messages for failures. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Jifen());
    cl.setExitCodeExceptionMapper(Jifen::exitCodeOf);
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      int code = exitCodeOf(ex);
      cmd.getErr().println("jifen " + cmd.getCommandName() + ": " + (code == ExitCodes.USAGE ? "" : "failed: ")
          + ex.getMessage());
      if (code == ExitCodes.FAILURE && System.getenv("JIFEN_DEBUG") != null) {
        ex.printStackTrace(cmd.getErr());
      }
      return code;
    });
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine cmd = ex.getCommandLine();
      cmd.getErr().println(ex.getMessage());
      cmd.getErr().println("See 'jifen " + cmd.getCommandName() + " --help'.");
      return ExitCodes.USAGE;
    });
    return cl;
  }

  /** Usage and configuration problems exit with 2, everything else with 3. */
  static int exitCodeOf(Throwable ex) {
    if (ex instanceof CommandLine.ParameterException || ex instanceof IllegalArgumentException
        || ex instanceof org.jifen.spark.WarehouseLease.BusyException) {
      return ExitCodes.USAGE;
    }
    return ExitCodes.FAILURE;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
