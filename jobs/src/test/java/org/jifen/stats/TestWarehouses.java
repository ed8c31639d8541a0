package org.jifen.stats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.jifen.spark.Progress;
import org.jifen.spark.Warehouse;
import org.jifen.testing.SharedSpark;

/**
 * The test warehouses, built and aggregated once per test run and shared by the statistics and
 * mart tests (Spark jobs are the slow part).
 */
public final class TestWarehouses {
  /** The options of the district's aggregation (填表人 张填表). */
  static final AggregateJob.Options OPTIONS = new AggregateJob.Options(AttentionThresholds.DEFAULTS, "张填表");

  private static Warehouse district;
  private static AggregateJob.Result districtResult;
  private static Warehouse attention;

  private TestWarehouses() {}

  /**
   * The hand-worked district: 区委 D → 党委 C1 (B11; 党总支 G1 with B12, B13; dissolved B14) and
   * 工委 C2 (B21; B22 never submits: its 2025Q2 file was rejected, 'returned'). 2025Q1 and Q2
   * complete, Q3 only B11, Q4 not ingested.
   * Figures are worked out in {@link AggregateJobTest}.
   */
  public static synchronized Warehouse district() {
    if (district == null) {
      SparkSession spark = SharedSpark.get();
      StatsFixture f = new StatsFixture()
          .org("D", "某区委", null, "区委", "机关", "有效")
          .org("C1", "第一党委", "D", "党委", "机关", "有效")
          .org("B11", "第一支部", "C1", "党支部", "机关", "有效")
          .org("G1", "联合党总支", "C1", "党总支", "机关", "有效")
          .org("B12", "第二支部", "G1", "党支部", "机关", "有效")
          .org("B13", "社区支部", "G1", "党支部", "社区", "有效")
          .org("B14", "撤销支部", "C1", "党支部", "机关", "撤销")
          .org("C2", "第二工委", "D", "工委", "社区", "有效")
          .org("B21", "社区一支部", "C2", "党支部", "社区", "有效")
          .org("B22", "学校支部", "C2", "党支部", "学校", "有效");
      // 2025Q1
      f.member("2025Q1", "B11", "M01", StatsFixture.FULL, "在职", true, "88")
          .member("2025Q1", "B11", "M02", StatsFixture.FULL, "离退休", true, "81")
          .member("2025Q1", "B11", "M03", StatsFixture.PROBATIONARY, "在职", true, "70")
          .member("2025Q1", "B11", "M04", StatsFixture.FULL, "离退休", false, null)
          .member("2025Q1", "B12", "M05", StatsFixture.FULL, "在职", true, "91")
          .member("2025Q1", "B12", "M06", StatsFixture.FULL, "在职", true, "50")
          .member("2025Q1", "B12", "M10", StatsFixture.FULL, "社区", true, "80")
          .member("2025Q1", "B12", "A01", StatsFixture.ACTIVIST, "在职", true, "88")
          .member("2025Q1", "B13", "M07", StatsFixture.FULL, "在职", true, "80")
          .member("2025Q1", "B13", "M08", StatsFixture.FULL, "在职", true, "65")
          .member("2025Q1", "B21", "M09", StatsFixture.FULL, "社区", true, "90")
          .member("2025Q1", "B21", "M11", StatsFixture.PROBATIONARY, "社区", true, "59")
          .member("2025Q1", "B14", "M12", StatsFixture.FULL, "在职", true, "85");
      // 2025Q2: M10 moved from B12 to B21; B13 and B22 missing; B21 late.
      f.member("2025Q2", "B11", "M01", StatsFixture.FULL, "在职", true, "92")
          .member("2025Q2", "B11", "M02", StatsFixture.FULL, "离退休", true, "85")
          .member("2025Q2", "B11", "M03", StatsFixture.PROBATIONARY, "在职", true, "78")
          .member("2025Q2", "B11", "M04", StatsFixture.FULL, "离退休", false, null)
          .member("2025Q2", "B12", "M05", StatsFixture.FULL, "在职", true, "95")
          .member("2025Q2", "B12", "M06", StatsFixture.FULL, "在职", true, "55")
          .member("2025Q2", "B12", "A01", StatsFixture.ACTIVIST, "在职", true, "88")
          .member("2025Q2", "B21", "M09", StatsFixture.FULL, "社区", true, "90")
          .member("2025Q2", "B21", "M10", StatsFixture.FULL, "社区", true, "80")
          .member("2025Q2", "B21", "M11", StatsFixture.PROBATIONARY, "社区", true, "58")
          .member("2025Q2", "B14", "M12", StatsFixture.FULL, "在职", true, "85");
      // 2025Q3: only B11 submitted.
      f.member("2025Q3", "B11", "M01", StatsFixture.FULL, "在职", true, "90")
          .member("2025Q3", "B11", "M02", StatsFixture.FULL, "离退休", true, "80")
          .member("2025Q3", "B11", "M03", StatsFixture.PROBATIONARY, "在职", true, "60")
          .member("2025Q3", "B11", "M04", StatsFixture.FULL, "离退休", false, null);
      for (String b : new String[] {"B11", "B12", "B13", "B21", "B22"}) {
        f.submission("2025Q1", b, b.equals("B22") ? "missing" : b.equals("B12") ? "late" : "on_time");
        f.submission("2025Q2", b, switch (b) {
          case "B13" -> "missing";
          case "B22" -> "returned";
          case "B21" -> "late";
          default -> "on_time";
        });
        f.submission("2025Q3", b, b.equals("B11") ? "on_time" : "missing");
      }
      f.action("2025Q1", "B12", "M06", "告诫提醒").action("2025Q1", "B12", "M10", "组织处理")
          .action("2025Q2", "B12", "M06", "告诫提醒").action("2025Q2", "B21", "M11", "帮教整改")
          .action("2025Q2", "B21", "M11", "告诫提醒").action("2025Q2", "B12", "A01", "告诫提醒")
          .action("2025Q2", "B14", "M12", "组织处理");
      f.entry("2025Q2", "B11", "M01", "2025-05-10", "A5", "2", "2")
          .entry("2025Q2", "B12", "M06", "2025-05-11", "B2", "-5", "-3");
      f.quarantined("2025Q2", "B12", "M99", "MEMBER_NOT_ON_ROSTER");
      // B22's only file of 2025Q2 was encrypted: no cover, its branch is in the file name.
      f.rejectedFile("2025Q2", "2025Q2/B22_2025Q2.xlsx", null, "FILE_ENCRYPTED");
      district = f.write(spark, tempDir("jifen-stats-district"));
      districtResult = new AggregateJob(spark, district).run(null,
          OPTIONS, Progress.none());
    }
    return district;
  }

  public static synchronized AggregateJob.Result districtResult() {
    district();
    return districtResult;
  }

  /**
   * One quarter (2025Q1) of 20-member branches: four normal ones N1–N4, one built to fire each
   * attention signal (SEX excellent share, SND no deductions, SSP low spread, SBB boundary
   * bunching, SSE self score = 分值, SLR late registration) and a tiny branch STY below the
   * minimum size. Figures are worked out in {@link BranchAttentionTest}.
   */
  public static synchronized Warehouse attention() {
    if (attention == null) {
      SparkSession spark = SharedSpark.get();
      StatsFixture f = new StatsFixture()
          .org("D", "某区委", null, "区委", "机关", "有效")
          .org("C", "党委", "D", "党委", "机关", "有效");
      // Three 优秀 (95 93 90.5), two just above a grade line (90.5 81).
      String normal = "95,93,90.5,88,87,86,85,84,83,81,79,78,77,76,75,72,70,66,62.5,55";
      String[][] branches = {
          {"N1", normal}, {"N2", normal}, {"N3", normal}, {"N4", normal},
          // 15 优秀, none within 2 points of a line.
          {"SEX", "99,98,97,96,95,94,93,92.5,92,99,98,97,96,95,94,85,84,83,78,77"},
          {"SND", normal},
          {"SSP", "85,85,85,85,85,85,85,85,85,85,85,85,85,85,85,85,85,85,85,85.5"},
          // All 20 within 2 points above 60, 80 or 90 (8 of them 优秀).
          {"SBB", "80,80.5,81,81.5,80,80.5,81,81.5,80,81,90,90.5,91,91.5,90,90.5,91,91.5,60,61"},
          {"SSE", normal},
          {"SLR", normal},
          {"STY", "100,100,100"}};
      for (String[] b : branches) {
        String code = b[0];
        f.org(code, "支部" + code, "C", "党支部", "机关", "有效").submission("2025Q1", code, "on_time");
        String[] s = b[1].split(",");
        for (int i = 0; i < s.length; i++) {
          String m = code + "-" + i;
          f.member("2025Q1", code, m, StatsFixture.FULL, "在职", true, s[i]);
          if (code.equals("STY")) {
            continue;
          }
          // Two entries per member: a deduction for 8 of 20 (none in SND), self scores equal to 分值
          // on half the entries (all in SSE), dated mid-quarter (all in the last week in SLR).
          boolean deduct = i < 8 && !code.equals("SND");
          String d1 = code.equals("SLR") ? "2025-03-28" : "2025-01-20";
          String d2 = code.equals("SLR") ? "2025-03-30" : "2025-02-15";
          f.entry("2025Q1", code, m, d1, deduct ? "B2" : "A5", deduct ? "-3" : "1", deduct ? "-3" : "1");
          f.entry("2025Q1", code, m, d2, "A9", "2", code.equals("SSE") ? "2" : "1");
        }
      }
      attention = f.write(spark, tempDir("jifen-stats-attention"));
      AggregateJob.run(spark, attention, "2025Q1", Progress.none());
    }
    return attention;
  }

  private static void deleteTree(Path root) {
    try (var walk = Files.walk(root)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
    } catch (IOException e) {
      // best effort: a temp folder left behind is harmless
    }
  }

  static Path tempDir(String prefix) {
    try {
      Path p = Files.createTempDirectory(prefix);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(p)));
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
