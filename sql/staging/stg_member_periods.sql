-- Grain: one row per member (party member or activist) and period being aggregated, placed at
-- the active branch of that period, with the published score and grade.
-- Quarters: the quarter's roster (silver members holds only current, accepted, conflict-free
-- rows, so members of branches that did not submit are absent: no carrying forward).
-- Years: the member's last quarter of the year on an accepted roster decides branch, standing
-- and category (DOMAIN §8 Who counts); the grade is the annual result. A member is in points
-- management for the year when in it in at least one quarter of the year: exactly the members
-- the scoring job gives an annual result, so one exempted in Q4 still participates.
with periods as (
  select * from agg_periods
),

branches as (
  select org_code as branch_code, domain, committee_code
  from agg_orgs
  where active and level = '党支部'
),

grades as (
  select * from agg_grades
),

quarter_members as (
  select m.period, 'quarter' as period_kind, m.year, m.quarter, m.member_code, m.branch_code,
         m.standing, m.category, m.in_points_mgmt
  from agg_members m
  join periods p on p.period = m.period and p.period_kind = 'quarter'
),

year_members as (
  select p.period, 'year' as period_kind, m.year, cast(null as int) as quarter, m.member_code,
         max_by(m.branch_code, m.quarter) as branch_code,
         max_by(m.standing, m.quarter) as standing,
         max_by(m.category, m.quarter) as category,
         bool_or(m.in_points_mgmt) as in_points_mgmt
  from agg_members m
  join periods p on p.year = m.year and p.period_kind = 'year'
  group by p.period, m.year, m.member_code
),

quarter_scored as (
  select q.*, s.status, s.score, s.grade, s.rank_in_branch, s.scheme_id,
         cast(null as boolean) as disposal, cast(null as boolean) as quota_limited
  from quarter_members q
  left join agg_quarter_scores s on s.period = q.period and s.member_code = q.member_code
),

year_scored as (
  select y.*, s.status, s.score, s.grade, s.rank_in_branch, s.scheme_id, s.disposal, s.quota_limited
  from year_members y
  left join agg_year_scores s on s.year = y.year and s.member_code = y.member_code
),

placed as (
  select m.*, b.domain, b.committee_code
  from (select * from quarter_scored union all select * from year_scored) m
  join branches b on b.branch_code = m.branch_code
),

final as (
  select
    p.period, p.period_kind, p.year, p.quarter, p.member_code, p.branch_code, p.committee_code, p.domain,
    p.standing, p.category, p.in_points_mgmt,
    p.standing in ('正式党员', '预备党员') as is_party_member,
    p.status, p.score, p.grade, p.rank_in_branch, p.disposal, p.quota_limited,
    g.grade_no, g.grade_count,
    -- graded: a party member with a published score and grade; activists are never graded
    p.standing in ('正式党员', '预备党员') and p.status = 'graded' and p.score is not null and p.grade is not null
      as graded,
    p.standing in ('正式党员', '预备党员') and p.status = 'incomplete' as incomplete
  from placed p
  left join grades g on g.year = p.year and g.grade = p.grade
)

select * from final
