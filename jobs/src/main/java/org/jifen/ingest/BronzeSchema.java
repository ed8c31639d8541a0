package org.jifen.ingest;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createMapType;

import org.apache.spark.sql.types.StructType;

/** Row layouts of the inbox listing and of the parse tasks' output. */
final class BronzeSchema {
  private BronzeSchema() {}

  /** One row per export found in the inbox. */
  static final StructType INBOX = new StructType()
      .add("inbox_period", StringType, false)
      .add("source_file", StringType, false)
      .add("file_uri", StringType, false)
      .add("file_kind", StringType, false)
      .add("received_at", TimestampType, false);

  /** The inbox listing with each export's fingerprint. */
  static final StructType FINGERPRINTED = INBOX
      .add("file_sha256", StringType, true)
      .add("size_bytes", LongType, true)
      .add("problem_code", StringType, true)
      .add("problem_message", StringType, true);

  /**
   * Parse output: {@code record_type = 'file'} rows carry the file-level facts (one per export);
   * {@code record_type = 'row'} rows carry one sheet row each.
   */
  static final StructType PARSED = new StructType()
      .add("record_type", StringType, false)
      .add("inbox_period", StringType, false)
      .add("source_file", StringType, false)
      .add("file_uri", StringType, false)
      .add("file_sha256", StringType, false)
      .add("received_at", TimestampType, false)
      .add("file_format", StringType, true)
      .add("encoding", StringType, true)
      .add("size_bytes", LongType, true)
      .add("problem_code", StringType, true)
      .add("problem_message", StringType, true)
      .add("problem_sheet", StringType, true)
      .add("problem_row", IntegerType, true)
      .add("problem_column", StringType, true)
      .add("sheet", StringType, true)
      .add("row_num", IntegerType, true)
      .add("fields", createMapType(StringType, StringType), true);
}
