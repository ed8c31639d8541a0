-- mart.watch_lists: gold watch_lists with the member under member_key only.
-- Inputs: src_watch_lists, member_keys (member_code → member_key, hashed by MartBuilder).
-- DuckDB SQL, run over the pinned Delta files; sql/mart/spark/watch_lists.sql is its Spark twin: change both.
with lists as (
  select * from src_watch_lists
),

keys as (
  select * from member_keys
),

final as (
  select
    l.period, l.period_kind, l.year, l.quarter, l.list, l.list_label, k.member_key,
    l.branch_code, l.branch_name, l.committee_code, l.standing, l.category, l.status, l.score, l.grade,
    l.rank_in_branch, l.prev_period, l.prev_score, l.prev_grade, l.reason,
    l.fail_cause, l.fail_items, l.computed_at
  from lists l
  left join keys k on k.member_code = l.member_code
)

select * from final
