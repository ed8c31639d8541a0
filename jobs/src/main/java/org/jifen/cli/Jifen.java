package org.jifen.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the jifen command line. Usage: {@code jifen <command> [options]}. */
@Command(name = "jifen", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
    description = "Party-member points analytics warehouse (党员积分管理).",
    subcommands = {CommandLine.HelpCommand.class})
public final class Jifen implements Runnable {
  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Jifen()).execute(args));
  }
}
