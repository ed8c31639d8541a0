-- Spark SQL twin of sql/mart/stats_table.sql, for warehouses DuckDB cannot read directly (HDFS, S3, deletion
-- vectors: MartBuilder.Engine). Change both together; MartEnginesTest checks they build the same mart.
-- mart.stats_table: gold stats_table as computed by jifen aggregate (docs/mart.md). Inputs: src_stats_table.
with source as (
  select * from src_stats_table
),

final as (
  select * from source
)

select * from final
