-- mart.source_ledgers: one row per accepted ledger file (current or superseded) with its SHA-256,
-- so report packs can state the input files they were built from. No member data.
-- Inputs: src_ledgers.
-- DuckDB SQL, run over the pinned Delta files; sql/mart/spark/source_ledgers.sql is its Spark twin: change both.
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
