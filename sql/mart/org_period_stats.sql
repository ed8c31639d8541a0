-- mart.org_period_stats: gold org_period_stats as computed by jifen aggregate (docs/mart.md). Inputs: src_org_period_stats.
-- DuckDB SQL, run over the pinned Delta files; sql/mart/spark/org_period_stats.sql is its Spark twin: change both.
with source as (
  select * from src_org_period_stats
),

final as (
  select * from source
)

select * from final
