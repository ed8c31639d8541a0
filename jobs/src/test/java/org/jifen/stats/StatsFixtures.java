package org.jifen.stats;

import java.util.Random;
import org.apache.spark.sql.SparkSession;
import org.jifen.spark.Warehouse;

/** Larger generated warehouses for measurements (public for the mart package's tests). */
public final class StatsFixtures {
  private static final String[] DOMAINS = {"机关", "社区", "学校", "两新", "农村", "国企"};
  private static final String[] CATEGORIES = {"在职", "离退休", "流动", "农村", "社区", "学生"};

  private StatsFixtures() {}

  /** A district of committees × branches × members, four quarters of 2025, random scores and entries. */
  public static Warehouse district(SparkSession spark, int committees, int branches, int members, Random rnd) {
    StatsFixture f = new StatsFixture().org("D", "区委", null, "区委", "机关", "有效");
    for (int c = 1; c <= committees; c++) {
      String cc = String.format("C%02d", c);
      f.org(cc, "党委" + cc, "D", "党委", DOMAINS[c % DOMAINS.length], "有效");
      for (int b = 1; b <= branches; b++) {
        String bc = String.format("%sB%02d", cc, b);
        String domain = DOMAINS[(c + b) % DOMAINS.length];
        f.org(bc, "支部" + bc, cc, "党支部", domain, "有效");
        for (int q = 1; q <= 4; q++) {
          String period = "2025Q" + q;
          f.submission(period, bc, rnd.nextInt(10) == 0 ? "late" : "on_time");
          for (int m = 1; m <= members; m++) {
            String code = String.format("%sM%02d", bc, m);
            boolean inPm = rnd.nextInt(20) != 0;
            String standing = rnd.nextInt(10) == 0 ? StatsFixture.PROBATIONARY : StatsFixture.FULL;
            String score = inPm ? String.valueOf(Math.min(100, 55 + rnd.nextInt(450) / 10.0)) : null;
            f.member(period, bc, code, standing, CATEGORIES[rnd.nextInt(CATEGORIES.length)], inPm, score);
            String month = String.format("2025-%02d-%02d", q * 3 - 2 + rnd.nextInt(3), 1 + rnd.nextInt(28));
            f.entry(period, bc, code, month, "B2", "-3", rnd.nextBoolean() ? "-3" : null);
            f.entry(period, bc, code, month, "A9", "1", "1");
          }
        }
      }
    }
    return f.write(spark, TestWarehouses.tempDir("jifen-stats-scale"));
  }
}
