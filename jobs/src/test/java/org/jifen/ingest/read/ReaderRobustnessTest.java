package org.jifen.ingest.read;

import static org.jifen.ingest.read.Fixtures.book;
import static org.jifen.ingest.read.Fixtures.coverRows;
import static org.jifen.ingest.read.Fixtures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The reader never throws for bad content and is safe to call from many threads at once. */
class ReaderRobustnessTest {
  private static final Object[] ENTRY_ROWS = {
    row("党员编号", "项目编码", "分值", "日期"),
    row("DY000001", "A7", 2, java.time.LocalDate.of(2025, 1, 5)),
    row("DY000002", "B2", -5, "2025/2/1")
  };

  private static byte[] ledger() {
    return book()
        .sheet("封面", coverRows())
        .sheet("名册", row("党员编号", "姓名"), row("DY000001", "甲"), row("DY000002", "乙"))
        .sheet("积分明细", ENTRY_ROWS)
        .sharedStrings();
  }

  @Test
  void damagedWorkbooksGiveProblemsNotExceptions() {
    byte[] valid = ledger();
    ParsedLedger expected = Fixtures.readXlsx("ledger_undamaged.xlsx", valid);
    Random random = new Random(20250401);
    int problems = 0;
    for (int i = 0; i < 200; i++) {
      byte[] damaged = valid.clone();
      int flips = 1 + random.nextInt(8);
      for (int f = 0; f < flips; f++) {
        damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
      }
      if (random.nextInt(4) == 0) {
        damaged = java.util.Arrays.copyOf(damaged, random.nextInt(damaged.length));
      }
      ParsedLedger result = Fixtures.readXlsx("ledger_damaged_" + i + ".xlsx", damaged);
      assertNotNull(result.rows());
      if (result.problem() == null) {
        assertEquals(expected.rows(), result.rows(), "a damaged file read without problem must read right");
      } else {
        problems++;
        assertTrue(List.of(FileProblem.FILE_CORRUPT, FileProblem.FILE_EMPTY, FileProblem.NO_COVER,
            FileProblem.LAYOUT_UNRECOGNISED, FileProblem.FILE_ENCRYPTED, FileProblem.FILE_TOO_LARGE,
            FileProblem.AMBIGUOUS_SHEETS)
            .contains(result.problem().code()), result.problem().toString());
      }
    }
    assertTrue(problems > 100, "most damaged files must be reported, got " + problems);
  }

  /** The workbook with {@code xl/sharedStrings.xml} passed through {@code edit}. */
  private static byte[] withSharedStrings(byte[] xlsx, java.util.function.UnaryOperator<String> edit) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(xlsx));
        java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
      for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        byte[] bytes = in.readAllBytes();
        if (e.getName().equals("xl/sharedStrings.xml")) {
          bytes = edit.apply(new String(bytes, java.nio.charset.StandardCharsets.UTF_8))
              .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        zip.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
        zip.write(bytes);
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  /** External entities are never resolved, and entity expansion cannot blow up (XXE, billion laughs). */
  @Test
  void xmlEntitiesAreNeverExpanded(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path secret = dir.resolve("secret.txt");
    java.nio.file.Files.writeString(secret, "SECRET-XXE-42");
    String external = "<!DOCTYPE sst [<!ENTITY e SYSTEM \"" + secret.toUri() + "\">]>";
    StringBuilder laughs = new StringBuilder("<!DOCTYPE sst [<!ENTITY l0 \"lol\">");
    for (int i = 1; i <= 9; i++) {
      laughs.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
    }
    String billion = laughs.append("]>").toString();
    for (String doctype : List.of(external, billion)) {
      String entity = doctype == external ? "&e;" : "&l9;";
      String[] edited = new String[1];
      byte[] xlsx = withSharedStrings(ledger(), x -> edited[0] = x.replaceFirst("\\?>", "?>" + java.util.regex.Matcher
          .quoteReplacement(doctype)).replace(">甲<", ">" + entity + "<"));
      assertTrue(edited[0].contains(doctype) && edited[0].contains(">" + entity + "<"), edited[0]);
      ParsedLedger result = Fixtures.readXlsx("ledger_with_entities.xlsx", xlsx);
      assertNotNull(result.rows());
      String all = result.rows().toString() + result.problem();
      assertTrue(!all.contains("SECRET-XXE-42") && !all.contains("lollollol"), all.length() > 400
          ? all.substring(0, 400) : all);
    }
  }

  @Test
  void damagedCsvGivesProblemsNotExceptions() {
    Random random = new Random(7);
    byte[] valid = Fixtures.utf8("党员编号,项目编码,依据\nDY000001,A7,\"引号, 逗号\"\n");
    for (int i = 0; i < 300; i++) {
      byte[] damaged = valid.clone();
      damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
      ParsedLedger result = Fixtures.readFolder("ledger_damaged_csv_" + i, Map.of(
          "封面.csv", Fixtures.utf8("支部编码,QS09B01\n"), "积分明细.csv", damaged));
      assertNotNull(result.rows());
    }
  }

  @Test
  void concurrentReadsGiveTheSameRows() throws Exception {
    byte[] xlsx = ledger();
    ParsedLedger expected = Fixtures.readXlsx("ledger_concurrent.xlsx", xlsx);
    assertNull(expected.problem());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<ParsedLedger>> futures = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        futures.add(pool.submit(() -> Fixtures.readXlsx("ledger_concurrent.xlsx", xlsx)));
      }
      for (Future<ParsedLedger> f : futures) {
        assertEquals(expected, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
