-- mart.branch_attention: gold branch_attention as computed by jifen aggregate (docs/mart.md). Inputs: src_branch_attention.
-- DuckDB SQL, run over the pinned Delta files; sql/mart/spark/branch_attention.sql is its Spark twin: change both.
with source as (
  select * from src_branch_attention
),

final as (
  select * from source
)

select * from final
