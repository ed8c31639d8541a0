-- mart.org_trend: gold org_trend as computed by jifen aggregate (docs/mart.md). Inputs: src_org_trend.
with source as (
  select * from src_org_trend
),

final as (
  select * from source
)

select * from final
