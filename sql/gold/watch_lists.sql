-- gold.watch_lists: one row per period x list x member (DOMAIN §6 lists). Party members only.
--   excellent     优秀候选       graded with the scheme's top grade (a year: after the quota)
--   fail          不合格         graded with the lowest grade
--   lagging       落后提醒       quarters: below 60 or in the lowest grade this quarter and the previous one
--   probationary  预备党员       every 预备党员, with score and grade, for the conversion review
--   disposal      不合格党员处置  years: gold.member_year_score.disposal
-- Inputs: stg_member_periods, agg_quarter_scores (the previous quarter), agg_grades, agg_orgs,
-- agg_params.
with members as (
  select * from stg_member_periods where is_party_member
),

orgs as (
  select * from agg_orgs
),

lowest as (
  select year, max_by(grade, grade_no) as grade from agg_grades group by year
),

with_prev as (
  select
    m.*,
    case when m.period_kind = 'quarter' then
      case when m.quarter = 1 then concat(m.year - 1, 'Q4') else concat(m.year, 'Q', m.quarter - 1) end
    end as prev_quarter
  from members m
),

previous as (
  select s.period, s.member_code, s.score, s.grade, s.score < 60 or s.grade = l.grade as lagged
  from agg_quarter_scores s
  left join lowest l on l.year = s.year
  where s.status = 'graded' and s.standing in ('正式党员', '预备党员')
),

excellent as (
  select m.*, 'excellent' as list, '优秀候选' as list_label,
         cast(null as string) as prev_period, cast(null as decimal(5, 1)) as prev_score,
         cast(null as string) as prev_grade,
         format_string('%s %s（本支部第 %d 名）', m.grade, cast(m.score as string), m.rank_in_branch) as reason
  from with_prev m
  where m.graded and m.grade_no = 1
),

failed as (
  select m.*, 'fail' as list, '不合格' as list_label,
         cast(null as string) as prev_period, cast(null as decimal(5, 1)) as prev_score,
         cast(null as string) as prev_grade,
         format_string('%s %s', m.grade, cast(m.score as string)) as reason
  from with_prev m
  where m.graded and m.grade_no = m.grade_count
),

lagging as (
  select m.*, 'lagging' as list, '落后提醒' as list_label,
         p.period as prev_period, p.score as prev_score, p.grade as prev_grade,
         format_string('连续两个季度低于60分或为最低等次：%s %s %s，%s %s %s',
                       p.period, cast(p.score as string), p.grade, m.period, cast(m.score as string), m.grade) as reason
  from with_prev m
  join previous p on p.period = m.prev_quarter and p.member_code = m.member_code
  where m.period_kind = 'quarter' and m.graded and (m.score < 60 or m.grade_no = m.grade_count) and p.lagged
),

probationary as (
  select m.*, 'probationary' as list, '预备党员' as list_label,
         cast(null as string) as prev_period, cast(null as decimal(5, 1)) as prev_score,
         cast(null as string) as prev_grade,
         case when m.graded then format_string('预备党员：%s %s', cast(m.score as string), m.grade)
              else format_string('预备党员：未评定（%s）', coalesce(m.status, '无积分记录')) end as reason
  from with_prev m
  where m.standing = '预备党员'
),

disposal as (
  select m.*, 'disposal' as list, '不合格党员处置' as list_label,
         cast(null as string) as prev_period, cast(null as decimal(5, 1)) as prev_score,
         cast(null as string) as prev_grade,
         format_string('年度 %s %s，列入不合格党员处置', cast(m.score as string), m.grade) as reason
  from with_prev m
  where m.period_kind = 'year' and m.disposal
),

listed as (
  select * from excellent
  union all select * from failed
  union all select * from lagging
  union all select * from probationary
  union all select * from disposal
),

final as (
  select
    l.period, l.period_kind, l.year, l.quarter, l.list, l.list_label, l.member_code,
    l.branch_code, b.org_name as branch_name, l.committee_code, l.standing, l.category, l.status,
    l.score, l.grade, l.rank_in_branch, l.prev_period, l.prev_score, l.prev_grade, l.reason,
    p.computed_at
  from listed l
  join orgs b on b.org_code = l.branch_code
  cross join agg_params p
)

select * from final
