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
