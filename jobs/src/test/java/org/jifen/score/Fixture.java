package org.jifen.score;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/** Builds silver inputs in memory, many cases at once (one member code per case). Also used by org.jifen.simulate. */
public final class Fixture {
  public static final String FULL = "正式党员";
  public static final String PROBATIONARY = "预备党员";
  public static final String ACTIVIST = "入党积极分子";

  private final List<Row> members = new ArrayList<>();
  private final List<Row> entries = new ArrayList<>();
  private final List<Row> evaluations = new ArrayList<>();
  private final List<Row> submissions = new ArrayList<>();
  private final Map<String, String> branchOf = new HashMap<>();

  static String period(int year, int quarter) {
    return year + "Q" + quarter;
  }

  /** A member on the roster of {@code branch} in the given quarter. */
  public Fixture member(String code, String branch, int year, int quarter, String standing, boolean inPm) {
    members.add(RowFactory.create(period(year, quarter), year, quarter, branch, code, "姓名" + code, null, "missing",
        "男",
        null, null, standing, "在职", inPm, inPm ? null : "70周岁以上", null, "L-" + branch + "-" + year + quarter,
        "f.xlsx", "名册", members.size() + 2));
    branchOf.put(code + "@" + year + "Q" + quarter, branch);
    return this;
  }

  /** A full member in points management in the four quarters of the year. */
  public Fixture memberAllYear(String code, String branch, int year) {
    for (int q = 1; q <= 4; q++) {
      member(code, branch, year, q, FULL, true);
    }
    return this;
  }

  /** A member of the given standing in points management in the listed quarters. */
  public Fixture quarters(String code, String branch, int year, String standing, int... quarters) {
    for (int q : quarters) {
      member(code, branch, year, q, standing, true);
    }
    return this;
  }

  /** Entries of one item for a member already on a roster of that quarter; points may be null. */
  public Fixture entry(String code, int year, int quarter, String item, String... points) {
    String branch = branchOf.get(code + "@" + year + "Q" + quarter);
    if (branch == null) {
      throw new IllegalStateException(code + " is not on a roster in " + period(year, quarter));
    }
    for (String p : points.length == 0 ? new String[] {null} : points) {
      entries.add(RowFactory.create(period(year, quarter), year, quarter, branch, code,
          java.sql.Date.valueOf(java.time.LocalDate.of(year, quarter * 3, 1)), item,
          p == null ? null : new BigDecimal(p).setScale(2), "依据", "登记人", null, null,
          "L", "f.xlsx", "积分明细", entries.size() + 2));
    }
    return this;
  }

  /** A Q4 民主评议 row; grade and score may be null. */
  public Fixture evaluation(String code, int year, String grade, String score) {
    String branch = branchOf.getOrDefault(code + "@" + year + "Q4", "B?");
    evaluations.add(RowFactory.create(period(year, 4), year, 4, branch, code, grade,
        score == null ? null : new BigDecimal(score).setScale(1), "L", "f.xlsx", "民主评议", evaluations.size() + 2));
    return this;
  }

  /** Submission rows marking the quarters of the year as ingested. */
  public Fixture submitted(int year, int... quarters) {
    for (int q : quarters) {
      submissions.add(RowFactory.create(period(year, q), year, q, "B1", "on_time", null, null, "L", 1));
    }
    return this;
  }

  public SilverInputs inputs(SparkSession spark) {
    return new SilverInputs(spark.createDataFrame(members, SilverInputs.MEMBERS_SCHEMA),
        spark.createDataFrame(entries, SilverInputs.ENTRIES_SCHEMA),
        spark.createDataFrame(evaluations, SilverInputs.EVALUATIONS_SCHEMA),
        spark.createDataFrame(submissions, SilverInputs.SUBMISSIONS_SCHEMA));
  }

  /** Writes the inputs as the warehouse's silver Delta tables (replacing them). */
  public void writeSilver(SparkSession spark, org.jifen.spark.Warehouse wh) {
    SilverInputs in = inputs(spark);
    Map<String, org.apache.spark.sql.Dataset<Row>> tables = Map.of(SilverInputs.MEMBERS, in.members(),
        SilverInputs.ENTRIES, in.entries(), SilverInputs.EVALUATIONS, in.evaluations(),
        SilverInputs.SUBMISSIONS, in.submissions());
    tables.forEach((name, df) -> df.write().format("delta").mode("overwrite")
        .save(wh.path(org.jifen.spark.Warehouse.SILVER, name)));
  }

  /** Results keyed by member code (and period for quarter rows). */
  static Map<String, Row> byKey(List<Row> rows, boolean quarter) {
    Map<String, Row> m = new HashMap<>();
    for (Row r : rows) {
      String key = r.<String>getAs("member_code") + (quarter ? "@" + r.<String>getAs("period") : "");
      if (m.put(key, r) != null) {
        throw new IllegalStateException("two rows for " + key);
      }
    }
    return m;
  }
}
