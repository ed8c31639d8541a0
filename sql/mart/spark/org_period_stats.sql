-- Spark SQL twin of sql/mart/org_period_stats.sql, for warehouses DuckDB cannot read directly (HDFS, S3, deletion
-- vectors: MartBuilder.Engine). Change both together; MartEnginesTest checks they build the same mart.
-- mart.org_period_stats: gold org_period_stats as computed by jifen aggregate (docs/mart.md). Inputs: src_org_period_stats.
with source as (
  select * from src_org_period_stats
),

final as (
  select * from source
)

select * from final
