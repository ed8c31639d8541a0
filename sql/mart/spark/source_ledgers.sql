-- Spark SQL twin of sql/mart/source_ledgers.sql, for warehouses DuckDB cannot read directly (HDFS, S3, deletion
-- vectors: MartBuilder.Engine). Change both together; MartEnginesTest checks they build the same mart.
-- mart.source_ledgers: one row per accepted ledger file (current or superseded) with its SHA-256,
-- so report packs can state the input files they were built from. No member data.
-- Inputs: src_ledgers.
with ledgers as (
  select * from src_ledgers
),

final as (
  select
    period, year, quarter, branch_code, source_file, ledger_id as file_sha256, file_format, version,
    received_at, status
  from ledgers
)

select * from final
