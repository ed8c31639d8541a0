-- Spark SQL twin of sql/mart/quarantine_summary.sql, for warehouses DuckDB cannot read directly (HDFS, S3, deletion
-- vectors: MartBuilder.Engine). Change both together; MartEnginesTest checks they build the same mart.
-- mart.quarantine_summary: counts of quarantined rows and rejected files by period, file, sheet
-- and reason. Messages and raw values stay in the warehouse: they can hold member codes, names
-- and national IDs. Inputs: src_quarantine (quarantine rows).
with quarantine as (
  select * from src_quarantine
),

final as (
  select period, source_file, branch_code, sheet, reason_code, ledger_status, count(*) as items
  from quarantine
  group by period, source_file, branch_code, sheet, reason_code, ledger_status
)

select * from final
