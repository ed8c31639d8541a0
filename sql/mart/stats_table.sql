-- mart.stats_table: gold stats_table as computed by jifen aggregate (docs/mart.md). Inputs: src_stats_table.
-- DuckDB SQL, run over the pinned Delta files; sql/mart/spark/stats_table.sql is its Spark twin: change both.
with source as (
  select * from src_stats_table
),

final as (
  select * from source
)

select * from final
