-- Spark SQL twin of sql/mart/watch_lists.sql, for warehouses DuckDB cannot read directly (HDFS, S3, deletion
-- vectors: MartBuilder.Engine). Change both together; MartEnginesTest checks they build the same mart.
-- mart.watch_lists: gold watch_lists with the member under member_key only.
-- Inputs: src_watch_lists; function member_key.
with lists as (
  select * from src_watch_lists
),

final as (
  select
    period, period_kind, year, quarter, list, list_label, member_key(member_code) as member_key,
    branch_code, branch_name, committee_code, standing, category, status, score, grade, rank_in_branch,
    prev_period, prev_score, prev_grade, reason, fail_cause, fail_items, computed_at
  from lists
)

select * from final
