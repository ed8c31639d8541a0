-- Spark SQL twin of sql/mart/branch_attention.sql, for warehouses DuckDB cannot read directly (HDFS, S3, deletion
-- vectors: MartBuilder.Engine). Change both together; MartEnginesTest checks they build the same mart.
-- mart.branch_attention: gold branch_attention as computed by jifen aggregate (docs/mart.md). Inputs: src_branch_attention.
with source as (
  select * from src_branch_attention
),

final as (
  select * from source
)

select * from final
