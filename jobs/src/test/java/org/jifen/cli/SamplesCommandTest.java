package org.jifen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SamplesCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = new CommandLine(new SamplesCommand());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void refusesANonEmptyDirectoryWithoutForce(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("keep.txt"), "mine");
    assertEquals(ExitCodes.USAGE, run("--out", dir.toString()));
    assertTrue(err.toString().contains("not empty"), err.toString());
    assertEquals(1, Files.list(dir).count());
  }

  @Test
  void generatesAndSummarisesWithForceKeepingForeignFiles(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("keep.txt"), "mine");
    Files.createDirectories(dir.resolve("inbox/old"));
    assertEquals(ExitCodes.OK, run("--out", dir.toString(), "--size", "small", "--force"));
    String text = out.toString();
    assertTrue(text.contains("branches:") && text.contains("members:") && text.contains("faulty files:"), text);
    assertTrue(Files.exists(dir.resolve("orgs.xlsx")));
    assertTrue(Files.exists(dir.resolve("faults.csv")));
    assertTrue(Files.exists(dir.resolve("inbox/received.csv")));
    assertTrue(Files.exists(dir.resolve("keep.txt")));
    assertTrue(Files.notExists(dir.resolve("inbox/old")), "stale generated output is replaced");
  }

  @Test
  void rejectsAnUnknownSize(@TempDir Path dir) {
    assertEquals(ExitCodes.USAGE, run("--out", dir.toString(), "--size", "huge"));
  }

  @Test
  void helpDescribesTheOptions() {
    assertEquals(ExitCodes.OK, run("--help"));
    assertTrue(out.toString().contains("--seed") && out.toString().contains("--force"), out.toString());
  }
}
