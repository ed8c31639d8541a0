package org.jifen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jifen.testing.SampleWarehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code jifen templates} on the sample warehouse: files, output, refusals. */
class TemplatesCommandTest {
  @TempDir Path tmp;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Jifen.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return new Run(cl.execute(args), out.toString(), err.toString());
  }

  @Test
  void writesOneWorkbookPerActiveBranchOfTheUnit() throws Exception {
    String wh = SampleWarehouse.get().root();
    Path out = tmp.resolve("templates");
    String[] args = {"templates", "--warehouse", wh, "--master", "local[2]", "--period", "2026Q1", "--unit", "QS03",
        "--out", out.toString()};
    Run r = run(args);
    assertEquals(ExitCodes.OK, r.code(), r.err());
    // QS03's active branches: QS03B04 is dissolved.
    List<String> names;
    try (Stream<Path> s = Files.list(out)) {
      names = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertEquals(List.of("QS03B01_2026Q1.xlsx", "QS03B02_2026Q1.xlsx", "QS03B03_2026Q1.xlsx", "QS03B05_2026Q1.xlsx",
        "QS03B06_2026Q1.xlsx", "QS03Z1B01_2026Q1.xlsx", "QS03Z1B02_2026Q1.xlsx"), names);
    assertTrue(r.out().contains("Ledger templates for 2026Q1 under scheme district-100 (due 2026-04-10 23:59:59 UTC+8)"),
        r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("QS03B03") && l.contains("2025Q3") && l.contains("14")),
        r.out());
    assertTrue(r.out().contains("7 workbook(s)"), r.out());
    assertTrue(!r.out().contains("DY") , "no member codes or names on the terminal");

    Run again = run(args);
    assertEquals(ExitCodes.USAGE, again.code());
    assertTrue(again.err().contains("7 workbook(s) already there (e.g. QS03B01_2026Q1.xlsx); add --force"), again.err());
    String[] forced = java.util.Arrays.copyOf(args, args.length + 1);
    forced[args.length] = "--force";
    assertEquals(ExitCodes.OK, run(forced).code());
  }

  /** Issue 19 point 6, the pack rule: one branch's template failing stops no other; exit 3; nothing left behind. */
  @Test
  void oneTemplateThatCannotBeWrittenIsListedAndTheOthersAreWritten() throws Exception {
    String wh = SampleWarehouse.get().root();
    Path out = tmp.resolve("templates");
    Files.createDirectories(out.resolve("QS03B02_2026Q1.xlsx").resolve("x"));
    Run r = run("templates", "--warehouse", wh, "--master", "local[2]", "--period", "2026Q1", "--unit", "QS03",
        "--out", out.toString(), "--force");
    assertEquals(ExitCodes.FAILURE, r.code(), r.err());
    assertTrue(r.err().contains("jifen templates: 1 of 7 template(s) could not be written (the other 6 were):"),
        r.err());
    assertTrue(r.err().contains("  QS03B02: "), r.err());
    assertTrue(r.out().contains("6 workbook(s)"), r.out());
    List<String> names;
    try (Stream<Path> s = Files.list(out)) {
      names = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertEquals(List.of("QS03B01_2026Q1.xlsx", "QS03B02_2026Q1.xlsx", "QS03B03_2026Q1.xlsx", "QS03B05_2026Q1.xlsx",
        "QS03B06_2026Q1.xlsx", "QS03Z1B01_2026Q1.xlsx", "QS03Z1B02_2026Q1.xlsx"), names, "no .tmp file left");
    assertTrue(Files.isDirectory(out.resolve("QS03B02_2026Q1.xlsx")));
  }

  @Test
  void refusesAYearAnUnknownUnitAndAFileForAFolder() throws Exception {
    String wh = SampleWarehouse.get().root();
    Run year = run("templates", "--warehouse", wh, "--period", "2026", "--out", tmp.toString());
    assertEquals(ExitCodes.USAGE, year.code());
    assertTrue(year.err().contains("'2026' is a year; templates are per quarter (e.g. 2026Q1)"), year.err());
    Run unit = run("templates", "--warehouse", wh, "--master", "local[2]", "--period", "2026Q1", "--unit", "QS99",
        "--out", tmp.toString());
    assertEquals(ExitCodes.USAGE, unit.code());
    assertTrue(unit.err().contains("'QS99' is not an organization code of the org tree"), unit.err());
    Path file = Files.writeString(tmp.resolve("file.txt"), "x");
    Run notDir = run("templates", "--warehouse", wh, "--period", "2026Q1", "--out", file.toString());
    assertEquals(ExitCodes.USAGE, notDir.code());
    assertTrue(notDir.err().contains("is a file, not a folder"), notDir.err());
  }
}
