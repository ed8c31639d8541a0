package org.jifen.score;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jifen.spark.Warehouse;

/**
 * The silver tables the scoring job reads (produced by ingestion). The schemas below are the
 * silver contract; scoring reads only some of the columns.
 */
public record SilverInputs(Dataset<Row> members, Dataset<Row> entries, Dataset<Row> evaluations,
    Dataset<Row> submissions) {

  public static final String MEMBERS = "members";
  public static final String ENTRIES = "entries";
  public static final String EVALUATIONS = "evaluations";
  public static final String ACTIONS = "actions";
  public static final String SUBMISSIONS = "submissions";

  private static StructType lineage(StructType t) {
    return t.add("ledger_id", DataTypes.StringType).add("source_file", DataTypes.StringType)
        .add("sheet", DataTypes.StringType).add("row_num", DataTypes.IntegerType);
  }

  private static StructType period() {
    return new StructType().add("period", DataTypes.StringType).add("year", DataTypes.IntegerType)
        .add("quarter", DataTypes.IntegerType).add("branch_code", DataTypes.StringType);
  }

  /** silver.members: member × quarter roster (accepted, current ledgers, conflicts removed). */
  public static final StructType MEMBERS_SCHEMA = lineage(period()
      .add("member_code", DataTypes.StringType).add("name", DataTypes.StringType)
      .add("id_hash", DataTypes.StringType).add("id_status", DataTypes.StringType).add("gender", DataTypes.StringType)
      .add("birth_date", DataTypes.DateType).add("join_date", DataTypes.DateType)
      .add("standing", DataTypes.StringType).add("category", DataTypes.StringType)
      .add("in_points_mgmt", DataTypes.BooleanType).add("exempt_reason", DataTypes.StringType)
      .add("party_group", DataTypes.StringType));

  /** silver.entries: one row per accepted 积分明细 row. */
  public static final StructType ENTRIES_SCHEMA = lineage(period()
      .add("member_code", DataTypes.StringType).add("entry_date", DataTypes.DateType)
      .add("item_code", DataTypes.StringType).add("points", DataTypes.createDecimalType(9, 2))
      .add("basis", DataTypes.StringType).add("registrar", DataTypes.StringType)
      .add("self_score", DataTypes.createDecimalType(9, 2)).add("group_score", DataTypes.createDecimalType(9, 2)));

  /** silver.evaluations: Q4 民主评议. */
  public static final StructType EVALUATIONS_SCHEMA = lineage(period()
      .add("member_code", DataTypes.StringType).add("eval_grade", DataTypes.StringType)
      .add("eval_score", DataTypes.createDecimalType(5, 1)));

  /** silver.actions: 组织处置. */
  public static final StructType ACTIONS_SCHEMA = lineage(period()
      .add("member_code", DataTypes.StringType).add("action_date", DataTypes.DateType)
      .add("action_type", DataTypes.StringType).add("note", DataTypes.StringType));

  /** silver.submissions: per active branch and quarter. */
  public static final StructType SUBMISSIONS_SCHEMA = period()
      .add("status", DataTypes.StringType).add("first_received_at", DataTypes.TimestampType)
      .add("deadline", DataTypes.TimestampType).add("ledger_id", DataTypes.StringType)
      .add("version", DataTypes.IntegerType);

  /** Reads the silver tables of a warehouse; a table not written yet reads as empty. */
  public static SilverInputs read(SparkSession spark, Warehouse wh) {
    return new SilverInputs(table(spark, wh, MEMBERS, MEMBERS_SCHEMA), table(spark, wh, ENTRIES, ENTRIES_SCHEMA),
        table(spark, wh, EVALUATIONS, EVALUATIONS_SCHEMA), table(spark, wh, SUBMISSIONS, SUBMISSIONS_SCHEMA));
  }

  private static Dataset<Row> table(SparkSession spark, Warehouse wh, String name, StructType schema) {
    return wh.exists(spark, Warehouse.SILVER, name)
        ? wh.read(spark, Warehouse.SILVER, name)
        : spark.createDataFrame(List.of(), schema);
  }

  /** The same inputs restricted to one year. */
  public SilverInputs year(int year) {
    return new SilverInputs(members.where(col("year").equalTo(lit(year))),
        entries.where(col("year").equalTo(lit(year))),
        evaluations.where(col("year").equalTo(lit(year))),
        submissions.where(col("year").equalTo(lit(year))));
  }

  /** The same inputs restricted to one quarter. */
  public SilverInputs quarter(int year, int quarter) {
    SilverInputs y = year(year);
    return new SilverInputs(y.members.where(col("quarter").equalTo(lit(quarter))),
        y.entries.where(col("quarter").equalTo(lit(quarter))),
        y.evaluations.where(col("quarter").equalTo(lit(quarter))),
        y.submissions.where(col("quarter").equalTo(lit(quarter))));
  }
}
