-- mart.org_trend: gold org_trend as computed by jifen aggregate (docs/mart.md). Inputs: src_org_trend.
-- DuckDB SQL, run over the pinned Delta files; sql/mart/spark/org_trend.sql is its Spark twin: change both.
with source as (
  select * from src_org_trend
),

final as (
  select * from source
)

select * from final
