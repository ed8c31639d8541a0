-- mart.branch_ranking: gold branch_ranking as computed by jifen aggregate (docs/mart.md). Inputs: src_branch_ranking.
-- DuckDB SQL, run over the pinned Delta files; sql/mart/spark/branch_ranking.sql is its Spark twin: change both.
with source as (
  select * from src_branch_ranking
),

final as (
  select * from source
)

select * from final
