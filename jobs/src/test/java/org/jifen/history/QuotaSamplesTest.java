package org.jifen.history;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jifen.config.DistrictConfig;
import org.jifen.reports.MemberHistory;
import org.jifen.score.ScoreOptions;
import org.jifen.score.ScoreSummary;
import org.jifen.score.ScoringJob;
import org.jifen.spark.Warehouse;
import org.jifen.testing.SampleWarehouse;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A quota decision explained from the bundled data-samples: a copy of the sample warehouse whose
 * {@code config/district.yaml} puts 2025 under {@code docs/examples/district-100-quota.yaml}
 * (district-100 plus "at most ⌊20% × graded⌋ 优秀 per branch, the rest 良好, tie-break: smaller
 * B1–B4 deduction total, then 党员编号"), rescored with {@code jifen score --period 2025 --rescore}
 * as the README shows. The annual scores are those of district-100 (the quota changes grades, not
 * scores), worked from the quarter scores:
 * <ul>
 *   <li>QS02B01 江滨街道机关党支部, 5 graded: 91.3, DY212671 (92 + 92 + 93 + 86) / 4 = 90.75 → 90.8,
 *       87.5, 84.3, 82.5. Quota ⌊20% × 5⌋ = 1: DY125956 (91.3) keeps 优秀, DY212671 is 2nd of a band
 *       of 2 and loses on the score → 良好.</li>
 *   <li>QS03B06 区第二十小学党支部, 13 graded, all in the 优秀 band: four at 90.8 (DY471594, DY795082,
 *       DY816382, DY826999; e.g. DY816382 (91 + 91 + 90 + 91) / 4 = 90.75), four at 90.5, five at
 *       90.3, no B deductions. Quota ⌊20% × 13⌋ = ⌊2.6⌋ = 2: the four at 90.8 tie on the score and
 *       on the deduction total 0, so the 党员编号 decides: DY471594 and DY795082 keep 优秀,
 *       DY816382 (3rd) loses to DY795082 on the code.</li>
 *   <li>Quota-limited in the district: QS02B01 1, QS02B02 8 (9 at 100.0, quota ⌊1.8⌋ = 1),
 *       QS03B06 11, QS04B05 1 (16 graded, quota 3, 4 in the band: 91.3, 90.7, 90.7, 90.0) = 21.</li>
 * </ul>
 */
class QuotaSamplesTest {
  @TempDir static Path tmp;
  private static SparkSession spark;
  private static Warehouse wh;
  private static ScoreSummary rescored;

  @BeforeAll
  static void rescoreACopyUnderTheQuotaScheme() throws Exception {
    spark = SharedSpark.get();
    Warehouse samples = SampleWarehouse.aggregated();
    Path copy = tmp.resolve("wh");
    copyTree(Path.of(samples.root()), copy);
    wh = new Warehouse(copy.toString());
    // the officer's edit of config/district.yaml (README "A quota decision on the samples")
    Path scheme = SampleWarehouse.samples().getParent().resolve("docs/examples/district-100-quota.yaml");
    Path config = copy.resolve(DistrictConfig.PATH);
    String text = Files.readString(config);
    Files.writeString(config, text.replace("  default: \"district-100\"",
        "  default: \"district-100\"\n  2025: \"" + scheme + "\""));
    rescored = ScoringJob.run(spark, wh, "2025", ScoreOptions.defaults().withRescore(true));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path rel = from.relativize(p);
        if (rel.startsWith("marts") || rel.startsWith("packs")) {
          continue;
        }
        Path t = to.resolve(rel.toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else if (Files.isRegularFile(p)) {
          Files.copy(p, t);
        }
      }
    }
  }

  @Test
  void theRescoreAppliesTheQuotaOfTheConfiguredScheme() {
    assertEquals("district-100-quota", rescored.schemeId());
    assertEquals(21, rescored.quotaLimited());
    Row r = wh.read(spark, Warehouse.GOLD, ScoringJob.YEAR_TABLE)
        .where(col("year").equalTo(2025).and(col("member_code").equalTo("DY816382"))).first();
    assertEquals("优秀", r.getAs("pre_grade"));
    assertEquals("良好", r.getAs("grade"));
    assertEquals(13, r.<Integer>getAs("quota_n"));
    assertEquals(2, r.<Integer>getAs("quota_size"));
    assertEquals(3, r.<Integer>getAs("quota_rank"));
  }

  @Test
  void aMemberDemotedOnTheScore() {
    MemberHistory.Annual a = MemberHistories.read(wh, () -> spark, "DY212671", 2025).annual();
    assertEquals("QS02B01", a.branchCode());
    assertEquals(new BigDecimal("90.8"), a.score());
    assertEquals("优秀", a.preGrade());
    assertEquals("良好", a.grade());
    assertTrue(a.quotaLimited());
    assertEquals(5, a.quotaN());
    assertEquals(1, a.quotaSize());
    assertEquals(2, a.quotaRank());
    String e = String.join("\n", a.explanation());
    assertTrue(e.contains("(92.0 + 92.0 + 93.0 + 86.0) ÷ 4 = 90.75，四舍五入保留一位小数为90.8分"), e);
    assertTrue(e.contains("优秀名额为⌊20%×5⌋ = 1名"), e);
    assertTrue(e.contains("在本支部优秀分数段的2名党员中排第2名"), e);
    assertTrue(e.contains("名额内最后一名（第1名）得分91.3分、B1–B4扣分合计0，对方得分更高，由得分决定"), e);
    assertTrue(e.contains("本人等次由优秀调整为良好（受名额限制），年度得分不变"), e);
  }

  @Test
  void aTieOnScoreAndDeductionsDecidedByTheMemberCode() {
    MemberHistory.Annual lost = MemberHistories.read(wh, () -> spark, "DY816382", 2025).annual();
    assertEquals("QS03B06", lost.branchCode());
    assertEquals(new BigDecimal("90.8"), lost.score());
    assertEquals("良好", lost.grade());
    String e = String.join("\n", lost.explanation());
    assertTrue(e.contains("优秀名额为⌊20%×13⌋ = 2名"), e);
    assertTrue(e.contains("在本支部优秀分数段的13名党员中排第3名"), e);
    assertTrue(e.contains("名额内最后一名（第2名）得分90.8分、B1–B4扣分合计0，与本人同分且扣分合计相同，按党员编号决定（对方编号在前）"), e);

    MemberHistory.Annual kept = MemberHistories.read(wh, () -> spark, "DY795082", 2025).annual();
    assertEquals("优秀", kept.grade());
    assertFalse(kept.quotaLimited());
    assertEquals(2, kept.quotaRank());
    String k = String.join("\n", kept.explanation());
    assertTrue(k.contains("在名额之内，保留优秀。名额外第一名（第3名）得分90.8分、B1–B4扣分合计0，与本人同分且扣分合计相同，按党员编号决定（本人编号在前）"),
        k);
    assertEquals(List.of("DY471594", "DY795082"), wh.read(spark, Warehouse.GOLD, ScoringJob.YEAR_TABLE)
        .where(col("year").equalTo(2025).and(col("branch_code").equalTo("QS03B06")).and(col("grade").equalTo("优秀")))
        .orderBy("member_code").select("member_code").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
  }
}
