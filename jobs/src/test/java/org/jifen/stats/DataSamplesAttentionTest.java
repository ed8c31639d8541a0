package org.jifen.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.math3.special.Beta;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jifen.samples.SampleGenerator;
import org.jifen.samples.SampleGenerator.FavourKind;
import org.jifen.spark.Warehouse;
import org.jifen.testing.SampleWarehouse;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.Test;

/**
 * Branch attention on the bundled {@code data-samples/}: every planted favour-point branch is
 * flagged by the signal of its kind, and hardly any other branch is flagged at all.
 */
class DataSamplesAttentionTest {
  private static final Map<FavourKind, String> SIGNAL = Map.of(FavourKind.FULL_MARKS, "excellent_share",
      FavourKind.NEVER_DEDUCTS, "no_deductions", FavourKind.BUNCHED_AT_90, "boundary_bunching");
  private static final List<String> QUARTERS = List.of("2025Q1", "2025Q2", "2025Q3", "2025Q4");

  private static Map<String, FavourKind> planted() {
    return SampleGenerator.plantedFavourBranches(SampleGenerator.DEFAULT_SEED, SampleGenerator.Size.SMALL);
  }

  private static Dataset<Row> attention() throws Exception {
    return SampleWarehouse.aggregated().read(SharedSpark.get(), Warehouse.GOLD, "branch_attention");
  }

  @Test
  void theSampleReadmeNamesThePlantedBranches() throws Exception {
    Map<String, FavourKind> planted = planted();
    assertEquals(Set.of(FavourKind.values()), Set.copyOf(planted.values()), planted.toString());
    String readme = Files.readString(SampleWarehouse.samples().resolve("README.md"));
    for (Map.Entry<String, FavourKind> e : planted.entrySet()) {
      assertTrue(readme.lines().anyMatch(l -> l.startsWith("| `" + e.getKey() + "` ")
          && l.contains(e.getValue().label()) && l.contains("`" + SIGNAL.get(e.getValue()) + "`")), e.toString());
    }
  }

  @Test
  void everyPlantedBranchIsFlaggedByTheSignalOfItsKind() throws Exception {
    for (Map.Entry<String, FavourKind> e : planted().entrySet()) {
      String signal = SIGNAL.get(e.getValue());
      Map<String, Boolean> flagged = new TreeMap<>();
      for (Row r : attention().where("branch_code = '" + e.getKey() + "' and signal = '" + signal + "'")
          .collectAsList()) {
        flagged.put(r.getAs("period"), r.getAs("flagged"));
      }
      // Every branch of the sample has an accepted ledger in every quarter, and annual results.
      assertEquals(5, flagged.size(), e + " " + flagged);
      assertTrue(flagged.get("2025"), e + " on the year: " + flagged);
      if (e.getValue() != FavourKind.NEVER_DEDUCTS) {
        // Full marks and 90-line bunching show in every quarter too; a year without deductions
        // needs the whole year (a quarter without one is common: about one member in five has one).
        assertEquals(5, flagged.values().stream().filter(b -> b).count(), e + " " + flagged);
      }
    }
  }

  @Test
  void hardlyAnyOtherBranchIsFlagged() throws Exception {
    Set<String> planted = planted().keySet();
    List<Row> rows = attention().where("eligible").select("period", "branch_code", "flagged").collectAsList();
    Set<String> others = new TreeSet<>();
    Set<String> flaggedOthers = new TreeSet<>();
    for (Row r : rows) {
      String b = r.getString(1);
      if (planted.contains(b)) {
        continue;
      }
      String key = r.getString(0) + "/" + b;
      others.add(key);
      if (r.getBoolean(2)) {
        flaggedOthers.add(key);
      }
    }
    long quarters = others.stream().filter(k -> k.contains("Q")).count();
    long flaggedQuarters = flaggedOthers.stream().filter(k -> k.contains("Q")).count();
    assertTrue(quarters >= 4 * 25, "branch-quarters tested: " + quarters);
    assertTrue(flaggedQuarters * 20 <= quarters,
        "flagged " + flaggedQuarters + " of " + quarters + " other branch-quarters: " + flaggedOthers);
    long years = others.size() - quarters;
    long flaggedYears = flaggedOthers.size() - flaggedQuarters;
    assertTrue(flaggedYears * 20 <= years + 20, "flagged other branches on the year: " + flaggedOthers);
  }

  /** The full-marks branch's Q1 p-value, recounted from the scores: P(X ≥ k) = I_p(k, n - k + 1). */
  @Test
  void pValueOfTheFullMarksBranchMatchesAnIndependentCount() throws Exception {
    String branch = planted().entrySet().stream().filter(e -> e.getValue() == FavourKind.FULL_MARKS)
        .map(Map.Entry::getKey).findFirst().orElseThrow();
    SparkSession spark = SharedSpark.get();
    Warehouse wh = SampleWarehouse.aggregated();
    // Graded party members of 2025Q1 and the 优秀 among them, district-wide and in the branch.
    List<Row> counts = wh.read(spark, Warehouse.GOLD, "member_quarter_score")
        .where("period = '2025Q1' and status = 'graded' and standing in ('正式党员', '预备党员')")
        .selectExpr("branch_code = '" + branch + "' as mine", "grade = '优秀' as top").groupBy("mine", "top").count()
        .collectAsList();
    long n = 0;
    long k = 0;
    long all = 0;
    long top = 0;
    for (Row r : counts) {
      long c = r.getLong(2);
      all += c;
      top += r.getBoolean(1) ? c : 0;
      n += r.getBoolean(0) ? c : 0;
      k += r.getBoolean(0) && r.getBoolean(1) ? c : 0;
    }
    assertEquals(n, k, "everyone in the full-marks branch is 优秀");
    double expected = Beta.regularizedBeta((double) top / all, (int) k, (int) (n - k + 1));
    Row row = attention().where("period = '2025Q1' and branch_code = '" + branch + "' and signal = 'excellent_share'")
        .first();
    assertEquals(expected, (double) row.getAs("p_value"), expected * 1e-9, row.toString());
    assertEquals(n, (long) row.getAs("members_graded"));
    List<String> flagged = new ArrayList<>();
    attention().where("flagged and period = '2025Q1'").collectAsList()
        .forEach(r -> flagged.add(r.getAs("branch_code") + "/" + r.getAs("signal")));
    assertTrue(flagged.contains(branch + "/excellent_share"), flagged.toString());
  }
}
