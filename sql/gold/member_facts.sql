-- Intermediate step of the scoring job (not persisted): every fact the scheme needs about a
-- member (roster rows, entries, the Q4 evaluation) as one row each, so that the job can group
-- them by member and score each member in one pass (one shuffle instead of one per rule).
with roster as (
  select member_code, 'roster' as fact, year, quarter, period, branch_code, standing, category,
         in_points_mgmt,
         cast(null as string) as item_code, cast(null as decimal(9, 2)) as points,
         cast(null as string) as eval_grade, cast(null as decimal(5, 1)) as eval_score
  from score_members
),

entries as (
  select member_code, 'entry' as fact, year, quarter, period, branch_code,
         cast(null as string) as standing, cast(null as string) as category,
         cast(null as boolean) as in_points_mgmt,
         item_code, points,
         cast(null as string) as eval_grade, cast(null as decimal(5, 1)) as eval_score
  from score_entries
),

evaluations as (
  select member_code, 'evaluation' as fact, year, quarter, period, branch_code,
         cast(null as string) as standing, cast(null as string) as category,
         cast(null as boolean) as in_points_mgmt,
         cast(null as string) as item_code, cast(null as decimal(9, 2)) as points,
         eval_grade, eval_score
  from score_evaluations
  where eval_grade is not null or eval_score is not null
),

final as (
  select * from roster
  union all
  select * from entries
  union all
  select * from evaluations
)

select * from final
