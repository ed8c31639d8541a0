-- Spark SQL twin of sql/mart/branch_ranking.sql, for warehouses DuckDB cannot read directly (HDFS, S3, deletion
-- vectors: MartBuilder.Engine). Change both together; MartEnginesTest checks they build the same mart.
-- mart.branch_ranking: gold branch_ranking as computed by jifen aggregate (docs/mart.md). Inputs: src_branch_ranking.
with source as (
  select * from src_branch_ranking
),

final as (
  select * from source
)

select * from final
