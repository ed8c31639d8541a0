-- mart.branch_ranking: gold branch_ranking as computed by jifen aggregate (docs/mart.md). Inputs: src_branch_ranking.
with source as (
  select * from src_branch_ranking
),

final as (
  select * from source
)

select * from final
