package org.jifen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Exit codes and help of the command line, without running Spark. */
class CliTest {
  @TempDir Path tmp;

  private static int run(StringWriter err, String... args) {
    CommandLine cl = Jifen.commandLine();
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(new StringWriter(), true));
    return cl.execute(args);
  }

  @Test
  void everyCommandHasHelp() {
    CommandLine cl = Jifen.commandLine();
    for (String sub : cl.getSubcommands().keySet()) {
      StringWriter out = new StringWriter();
      CommandLine c = Jifen.commandLine();
      c.setOut(new PrintWriter(out, true));
      assertEquals(ExitCodes.OK, c.execute(sub, "--help"), sub);
      assertTrue(out.toString().contains("Usage: jifen " + sub), sub + ": " + out);
    }
  }

  @Test
  void usageErrorsExitWith2AndSayWhy() {
    StringWriter err = new StringWriter();
    assertEquals(ExitCodes.USAGE, run(err, "ingest", "--inbox", "x"));
    assertTrue(err.toString().contains("Missing required option: '--orgs=FILE'"), err.toString());
    err = new StringWriter();
    assertEquals(ExitCodes.USAGE, run(err, "ingest", "--orgs", "o.xlsx", "--inbox", "x", "--period", "2025Q5"));
    assertTrue(err.toString().contains("is not a quarter like 2025Q2"), err.toString());
    err = new StringWriter();
    assertEquals(ExitCodes.USAGE, run(err, "no-such-command"));
  }
}
