-- gold.member_year_score: one row per member in points management in at least one quarter of
-- the year. Input score_year_rows: the scheme's per-member arithmetic (MemberScoring) with the
-- grade before the quota; score_previous_years: earlier annual rows (consecutive-years
-- disposal); score_disposal_grades: grades that put a member on the disposal list.
with scored as (
  select * from score_year_rows
),

-- Quota: per branch at most floor(percent * N / 100) keep the quota grade, N = graded members
-- with an annual score (hard fails included, and members exempted later in the year, whose
-- result covers the quarters they worked); ranked by score desc, then the smaller total of
-- the tie-break items (D deductions), then member code asc. The rest get the demotion grade.
quota_ranked as (
  select *,
         count_if(status = 'graded' and score is not null) over (partition by branch_code) as quota_n,
         row_number() over (
           partition by branch_code, (status = 'graded' and pre_grade = :quota_grade)
           order by score desc, tie_break_total asc, member_code asc) as quota_rank
  from scored
),

quota_sized as (
  select *,
         :has_quota and status = 'graded' and pre_grade = :quota_grade as in_quota_band,
         case when :has_quota then cast(floor(:quota_percent * quota_n / 100) as int) end as quota_size
  from quota_ranked
),

quota_applied as (
  select *, coalesce(in_quota_band and quota_rank > quota_size, false) as quota_limited
  from quota_sized
),

graded as (
  select *, case when quota_limited then :quota_demote_to else pre_grade end as grade
  from quota_applied
),

-- Earlier years with the consecutive-disposal grade (e.g. 基本合格 two years running).
previous as (
  select member_code, count(distinct year) as years
  from score_previous_years
  where grade = :consecutive_grade and year >= :year - :consecutive_years + 1 and year < :year
  group by member_code
),

disposal as (
  select g.*,
         coalesce(g.status = 'graded' and (
             dg.grade is not null
             or (:consecutive_years > 0 and g.grade = :consecutive_grade
                 and coalesce(p.years, 0) = :consecutive_years - 1)), false) as disposal
  from graded g
  left join score_disposal_grades dg on dg.grade = g.grade
  left join previous p on p.member_code = g.member_code
),

-- 分类排名 and percentile among the graded members with a score, in the annual branch.
ranked as (
  select *,
         case when status = 'graded' and score is not null then
           rank() over (partition by branch_code, status = 'graded' and score is not null order by score desc)
         end as rank_in_branch,
         case when status = 'graded' and score is not null then
           cume_dist() over (partition by branch_code, status = 'graded' and score is not null order by score asc)
         end as percentile
  from disposal
),

-- The quota's inputs are kept so that a decision can be explained to the member (jifen history):
-- the grade before the quota, the tie-break total, N, the number allowed and the place in the
-- quota grade's band. Null where the scheme has no quota (quota_rank: outside the band). They come
-- last because Delta's schema merge appends them there in a table written before they existed.
final as (
  select year, member_code, branch_code, standing, category, status, quarters_counted, components,
         veto, hard_fail, zeroed, quota_limited, score, grade, disposal,
         cast(rank_in_branch as int) as rank_in_branch, cast(percentile as double) as percentile,
         :scheme_id as scheme_id, :scheme_hash as scheme_hash, :scored_at as scored_at,
         pre_grade,
         case when :has_quota then tie_break_total end as tie_break_total,
         case when :has_quota then cast(quota_n as int) end as quota_n,
         quota_size,
         case when in_quota_band then cast(quota_rank as int) end as quota_rank
  from ranked
)

select * from final
