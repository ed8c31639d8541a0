package org.jifen.score;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.jifen.cli.ExitCodes;
import org.jifen.cli.ScoreCommand;
import org.jifen.config.DistrictConfig;
import org.jifen.scheme.Schemes;
import org.jifen.spark.Warehouse;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The job end to end on a small Delta warehouse: tables, replaceWhere, rescoring guard, disposal across years, CLI. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScoringJobTest {
  @TempDir
  static Path dir;
  private static Warehouse wh;
  private static SparkSession spark;

  @BeforeAll
  static void silver() {
    spark = SharedSpark.get();
    wh = new Warehouse(dir.resolve("wh").toString());
    Fixture f = new Fixture();
    for (int y : new int[] {2024, 2025}) {
      f.memberAllYear("K1", "B1", y).entry("K1", y, 1, "P01", "-20").evaluation("K1", y, "不合格", null);
      for (int i = 2; i <= 8; i++) {
        f.memberAllYear("K" + i, "B1", y).evaluation("K" + i, y, "合格", null);
      }
      f.submitted(y, 1, 2, 3, 4);
    }
    f.member("K1", "B1", 2026, 1, Fixture.FULL, true).submitted(2026, 1);
    f.writeSilver(spark, wh);
    DistrictConfig.defaults().withScheme(2024, "vanguard-8-2").withScheme(2025, "vanguard-8-2")
        .withFormFiller("张三").write(spark.sparkContext().hadoopConfiguration(), wh);
  }

  private static List<Row> gold(String table, String where) {
    return wh.read(spark, Warehouse.GOLD, table).where(where).collectAsList();
  }

  private static ScoreOptions at(String instant) {
    return ScoreOptions.defaults().withScoredAt(Instant.parse(instant));
  }

  @Test
  @Order(1)
  void quarterTableHasTheContractSchema() {
    ScoreSummary s = ScoringJob.run(spark, wh, "2025Q2", at("2025-07-11T00:00:00Z"));
    assertEquals(8, s.rowsWritten());
    assertEquals("vanguard-8-2", s.schemeId());
    assertEquals(Map.of("graded", 8L), s.statusCounts());
    assertEquals(List.of("优秀", "合格", "基本合格", "不合格"), List.copyOf(s.gradeCounts().keySet()));
    String schema = wh.read(spark, Warehouse.GOLD, ScoringJob.QUARTER_TABLE).schema().fields().length + ": "
        + java.util.Arrays.stream(wh.read(spark, Warehouse.GOLD, ScoringJob.QUARTER_TABLE).schema().fields())
            .map(fl -> fl.name() + " " + fl.dataType().simpleString()).collect(Collectors.joining(", "));
    assertEquals("20: period string, year int, quarter int, member_code string, branch_code string, standing string, "
        + "category string, in_points_mgmt boolean, status string, components map<string,decimal(10,2)>, "
        + "veto boolean, hard_fail boolean, zeroed boolean, score decimal(5,1), grade string, rank_in_branch int, "
        + "percentile double, scheme_id string, scheme_hash string, scored_at timestamp", schema);
  }

  @Test
  @Order(2)
  void rescoringTheSamePeriodReplacesOnlyThatPeriod() {
    ScoringJob.run(spark, wh, "2025Q3", at("2025-10-11T00:00:00Z"));
    ScoringJob.run(spark, wh, "2025Q2", at("2025-07-12T00:00:00Z"));
    List<Row> q2 = gold(ScoringJob.QUARTER_TABLE, "period = '2025Q2'");
    assertEquals(8, q2.size(), "replaced, not appended");
    assertTrue(q2.stream().allMatch(r -> r.getAs("scored_at").equals(java.sql.Timestamp.from(Instant.parse("2025-07-12T00:00:00Z")))));
    List<Row> q3 = gold(ScoringJob.QUARTER_TABLE, "period = '2025Q3'");
    assertEquals(8, q3.size());
    assertTrue(q3.stream().allMatch(r -> r.getAs("scored_at").equals(java.sql.Timestamp.from(Instant.parse("2025-10-11T00:00:00Z")))));
  }

  @Test
  @Order(3)
  void anotherSchemeIsRefusedUnlessRescoreIsAsked() {
    ScoringException e = assertThrows(ScoringException.class,
        () -> ScoringJob.run(spark, wh, "2025Q2", ScoreOptions.defaults().withScheme("branch-80-20")));
    assertTrue(e.getMessage().contains("2025Q2 was scored with scheme vanguard-8-2"), e.getMessage());
    assertTrue(e.getMessage().contains("--rescore"), e.getMessage());
    assertEquals("vanguard-8-2", gold(ScoringJob.QUARTER_TABLE, "period = '2025Q2'").get(0).getAs("scheme_id"));

    ScoringJob.run(spark, wh, "2025Q2", ScoreOptions.defaults().withScheme("branch-80-20").withRescore(true));
    assertTrue(gold(ScoringJob.QUARTER_TABLE, "period = '2025Q2'").stream()
        .allMatch(r -> r.getAs("scheme_id").equals("branch-80-20")
            && r.getAs("scheme_hash").equals(Schemes.load("branch-80-20").contentHash())));
    assertTrue(gold(ScoringJob.QUARTER_TABLE, "period = '2025Q3'").stream()
        .allMatch(r -> r.getAs("scheme_id").equals("vanguard-8-2")));
  }

  @Test
  @Order(4)
  void disposalUsesThePreviousYearInTheWarehouse() {
    ScoreSummary y24 = ScoringJob.run(spark, wh, "2024", ScoreOptions.defaults());
    assertEquals(8, y24.rowsWritten());
    assertEquals(0, y24.disposal(), "基本合格 in one year only");
    ScoreSummary y25 = ScoringJob.run(spark, wh, "2025", ScoreOptions.defaults());
    assertEquals(1, y25.disposal());
    Row k1 = gold(ScoringJob.YEAR_TABLE, "year = 2025 and member_code = 'K1'").get(0);
    assertEquals("基本合格", k1.getAs("grade"));
    assertTrue(k1.<Boolean>getAs("disposal"));
    assertEquals(16, gold(ScoringJob.YEAR_TABLE, "true").size(), "two years side by side");
    List<String> cols = java.util.Arrays.stream(wh.read(spark, Warehouse.GOLD, ScoringJob.YEAR_TABLE).schema().fields())
        .map(StructField::name).toList();
    assertEquals(List.of("year", "member_code", "branch_code", "standing", "category", "status", "quarters_counted",
        "components", "veto", "hard_fail", "zeroed", "quota_limited", "score", "grade", "disposal", "rank_in_branch",
        "percentile", "scheme_id", "scheme_hash", "scored_at", "pre_grade", "tie_break_total", "quota_n", "quota_size",
        "quota_rank"), cols);
    // 8 graded members in B1: ⌊15% × 8⌋ = 1 keeps 优秀 (the others score 96.0 too)
    assertEquals(1L, wh.read(spark, Warehouse.GOLD, ScoringJob.YEAR_TABLE)
        .where(col("year").equalTo(2025).and(col("grade").equalTo("优秀"))).count());
    assertEquals(6, y25.quotaLimited());
  }

  @Test
  @Order(5)
  void annualResultsNeedFourQuarters() {
    ScoringException e = assertThrows(ScoringException.class, () -> ScoringJob.run(spark, wh, "2026", null));
    assertTrue(e.getMessage().contains("2026Q2, 2026Q3, 2026Q4"), e.getMessage());
    ScoringException q = assertThrows(ScoringException.class, () -> ScoringJob.run(spark, wh, "2026Q2", null));
    assertTrue(q.getMessage().contains("2026Q2 has not been ingested"), q.getMessage());
  }

  @Test
  @Order(6)
  void commandLineExitCodes() {
    Result missing = cli("--period", "2026");
    assertEquals(ExitCodes.USAGE, missing.code);
    assertTrue(missing.err.contains("need all four quarters"), missing.err);
    assertEquals(ExitCodes.USAGE, cli("--period", "2025Q5").code);
    Result ok = cli("--period", "2025Q1");
    assertEquals(ExitCodes.OK, ok.code, ok.err);
    assertTrue(ok.out.contains("8 rows written to gold/member_quarter_score"), ok.out);
  }

  private record Result(int code, String out, String err) {}

  private static Result cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new ScoreCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 2];
    all[0] = "--warehouse";
    all[1] = wh.root();
    System.arraycopy(args, 0, all, 2, args.length);
    int code = cl.execute(all);
    return new Result(code, out.toString(), err.toString());
  }
}
