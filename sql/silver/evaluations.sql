-- Grain: one row per accepted 民主评议 row of a current ledger.
-- Superseded versions and rows of members in a roster conflict stay out (they are on record in
-- bronze and, for conflicts, in quarantine).
with staged as (
  select * from stg_evaluations where reject_code is null and is_current
),

conflicts as (
  select distinct period, member_code from stg_conflicts
),

final as (
  select
    period, year, quarter, branch_code, member_code, eval_grade, eval_score, ledger_id, source_file, sheet, row_num
  from staged s
  left anti join conflicts c on c.period = s.period and c.member_code = s.member_code
)

select * from final
