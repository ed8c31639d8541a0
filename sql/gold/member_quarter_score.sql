-- gold.member_quarter_score: one row per member and quarter on an accepted roster.
-- Input score_quarter_rows: the scheme's per-member arithmetic (MemberScoring) with score and
-- grade; this step ranks the graded members of each branch.
with scored as (
  select * from score_quarter_rows
),

-- 分类排名 among the graded members of the branch: score desc, ties share a rank.
-- percentile: share of the branch's graded members scoring at most this member's score.
ranked as (
  select *,
         case when status = 'graded' then
           rank() over (partition by period, branch_code, status order by score desc)
         end as rank_in_branch,
         case when status = 'graded' then
           cume_dist() over (partition by period, branch_code, status order by score asc)
         end as percentile
  from scored
),

final as (
  select period, year, quarter, member_code, branch_code, standing, category, in_points_mgmt,
         status, components, veto, hard_fail, zeroed, score, grade,
         cast(rank_in_branch as int) as rank_in_branch, cast(percentile as double) as percentile,
         :scheme_id as scheme_id, :scheme_hash as scheme_hash, :scored_at as scored_at
  from ranked
)

select * from final
