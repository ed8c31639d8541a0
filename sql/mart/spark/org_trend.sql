-- Spark SQL twin of sql/mart/org_trend.sql, for warehouses DuckDB cannot read directly (HDFS, S3, deletion
-- vectors: MartBuilder.Engine). Change both together; MartEnginesTest checks they build the same mart.
-- mart.org_trend: gold org_trend as computed by jifen aggregate (docs/mart.md). Inputs: src_org_trend.
with source as (
  select * from src_org_trend
),

final as (
  select * from source
)

select * from final
