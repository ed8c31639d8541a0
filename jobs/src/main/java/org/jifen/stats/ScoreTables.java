package org.jifen.stats;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The scoring job's output tables as the statistics read them ({@code gold/member_quarter_score},
 * {@code gold/member_year_score}): the columns used here, with their contract types. A table not
 * written yet reads as empty with these columns.
 */
public final class ScoreTables {
  public static final String QUARTER = "member_quarter_score";
  public static final String YEAR = "member_year_score";

  private static final org.apache.spark.sql.types.DataType COMPONENTS =
      DataTypes.createMapType(DataTypes.StringType, DataTypes.createDecimalType(10, 2));

  public static final StructType QUARTER_SCHEMA = new StructType()
      .add("period", DataTypes.StringType).add("year", DataTypes.IntegerType).add("quarter", DataTypes.IntegerType)
      .add("member_code", DataTypes.StringType).add("branch_code", DataTypes.StringType)
      .add("standing", DataTypes.StringType).add("category", DataTypes.StringType)
      .add("in_points_mgmt", DataTypes.BooleanType).add("status", DataTypes.StringType)
      .add("components", COMPONENTS).add("veto", DataTypes.BooleanType).add("hard_fail", DataTypes.BooleanType)
      .add("zeroed", DataTypes.BooleanType).add("score", DataTypes.createDecimalType(5, 1))
      .add("grade", DataTypes.StringType).add("rank_in_branch", DataTypes.IntegerType)
      .add("percentile", DataTypes.DoubleType).add("scheme_id", DataTypes.StringType)
      .add("scheme_hash", DataTypes.StringType).add("scored_at", DataTypes.TimestampType);

  public static final StructType YEAR_SCHEMA = new StructType()
      .add("year", DataTypes.IntegerType).add("member_code", DataTypes.StringType)
      .add("branch_code", DataTypes.StringType).add("standing", DataTypes.StringType)
      .add("category", DataTypes.StringType).add("status", DataTypes.StringType)
      .add("quarters_counted", DataTypes.IntegerType).add("components", COMPONENTS)
      .add("veto", DataTypes.BooleanType).add("hard_fail", DataTypes.BooleanType)
      .add("zeroed", DataTypes.BooleanType).add("quota_limited", DataTypes.BooleanType)
      .add("score", DataTypes.createDecimalType(5, 1)).add("grade", DataTypes.StringType)
      .add("disposal", DataTypes.BooleanType).add("rank_in_branch", DataTypes.IntegerType)
      .add("percentile", DataTypes.DoubleType).add("scheme_id", DataTypes.StringType)
      .add("scheme_hash", DataTypes.StringType).add("scored_at", DataTypes.TimestampType);

  private ScoreTables() {}
}
