-- gold.watch_lists: one row per period x list x member (DOMAIN §6 lists). Party members only.
--   excellent     优秀候选       graded with the scheme's top grade (a year: after the quota)
--   fail          不合格         graded with the lowest grade
--   lagging       落后提醒       quarters: below 60 or in the lowest grade this quarter and the previous one
--   probationary  预备党员       every 预备党员, with score and grade, for the conversion review
--   disposal      不合格党员处置  years: gold.member_year_score.disposal
-- A 不合格 row says why (fail_cause, fail_items, reason): the flag that failed the member in the
-- period (一票否决 in district-100 quarters and years, hard fail X01/X02 and zeroing Z01/Z02 in
-- years) with its items, else a score below the lowest passing grade's bound.
-- Inputs: stg_member_periods, agg_quarter_scores (the previous quarter), agg_grades, agg_orgs,
-- agg_entries, agg_flag_items, agg_params.
with members as (
  select * from stg_member_periods where is_party_member
),

orgs as (
  select * from agg_orgs
),

lowest as (
  select year, max_by(grade, grade_no) as grade from agg_grades group by year
),

-- Entries of flag items, with the flag they raise and the windows it acts on.
flag_entries as (
  select e.year, e.quarter, e.period, e.member_code, e.item_code, i.item_name, i.flag, i.flag_name,
         i.acts_on_quarter, i.acts_on_year
  from agg_entries e
  join agg_flag_items i on i.year = e.year and i.item_code = e.item_code
),

-- The lowest passing grade's lower bound, as printed (60, 60.5).
pass_bounds as (
  select year, max_by(grade, grade_no) as grade,
         regexp_replace(regexp_replace(cast(max_by(band_min, grade_no) as string), '0+$', ''), '\\.$', '') as bound
  from agg_grades
  where grade_no < grade_count
  group by year
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
         format_string('%s %s（本支部第 %d 名）', m.grade, cast(m.score as string), m.rank_in_branch) as reason,
         cast(null as string) as fail_cause, cast(null as array<string>) as fail_items
  from with_prev m
  where m.graded and m.grade_no = 1
),

failed_members as (
  select * from with_prev where graded and grade_no = grade_count
),

-- Flags acting on the member's period: a quarter's own entries, a year's entries of any quarter.
failed_flags as (
  select
    m.period, m.member_code, f.flag, f.flag_name,
    array_sort(collect_set(f.item_code)) as items,
    array_join(array_sort(collect_set(
      concat(case when m.period_kind = 'year' then concat(element_at(array('第一季度', '第二季度', '第三季度', '第四季度'),
                                                                       f.quarter), ' ') else '' end,
             f.item_code, ' ', coalesce(f.item_name, '')))), '、') as item_text
  from failed_members m
  join flag_entries f
    on f.member_code = m.member_code
   and ((m.period_kind = 'quarter' and f.period = m.period and f.acts_on_quarter)
     or (m.period_kind = 'year' and f.year = m.year and f.acts_on_year))
  group by m.period, m.period_kind, m.member_code, f.flag, f.flag_name
),

-- One cause per member: 一票否决 before zeroing before hard fail, else the score.
fail_causes as (
  select period, member_code,
         max_by(named_struct('flag', flag, 'flag_name', flag_name, 'items', items, 'item_text', item_text),
                case flag when 'veto' then 3 when 'zeroed' then 2 else 1 end) as cause
  from failed_flags
  group by period, member_code
),

failed as (
  select m.*, 'fail' as list, '不合格' as list_label,
         cast(null as string) as prev_period, cast(null as decimal(5, 1)) as prev_score,
         cast(null as string) as prev_grade,
         case when c.cause is not null
              then format_string('%s：%s；%s得分%s', c.cause.flag_name, c.cause.item_text,
                                 case when m.period_kind = 'year' then '年度' else '本季度' end, cast(m.score as string))
              else format_string('%s得分%s，低于%s等次的最低分%s分',
                                 case when m.period_kind = 'year' then '年度' else '本季度' end, cast(m.score as string),
                                 b.grade, b.bound) end as reason,
         coalesce(c.cause.flag, 'score') as fail_cause,
         coalesce(c.cause.items, cast(array() as array<string>)) as fail_items
  from failed_members m
  left join fail_causes c on c.period = m.period and c.member_code = m.member_code
  left join pass_bounds b on b.year = m.year
),

lagging as (
  select m.*, 'lagging' as list, '落后提醒' as list_label,
         p.period as prev_period, p.score as prev_score, p.grade as prev_grade,
         format_string('连续两个季度低于60分或为最低等次：%s %s %s，%s %s %s',
                       p.period, cast(p.score as string), p.grade, m.period, cast(m.score as string), m.grade) as reason,
         cast(null as string) as fail_cause, cast(null as array<string>) as fail_items
  from with_prev m
  join previous p on p.period = m.prev_quarter and p.member_code = m.member_code
  where m.period_kind = 'quarter' and m.graded and (m.score < 60 or m.grade_no = m.grade_count) and p.lagged
),

probationary as (
  select m.*, 'probationary' as list, '预备党员' as list_label,
         cast(null as string) as prev_period, cast(null as decimal(5, 1)) as prev_score,
         cast(null as string) as prev_grade,
         case when m.graded then format_string('预备党员：%s %s', cast(m.score as string), m.grade)
              else format_string('预备党员：未评定（%s）', coalesce(m.status, '无积分记录')) end as reason,
         cast(null as string) as fail_cause, cast(null as array<string>) as fail_items
  from with_prev m
  where m.standing = '预备党员'
),

disposal as (
  select m.*, 'disposal' as list, '不合格党员处置' as list_label,
         cast(null as string) as prev_period, cast(null as decimal(5, 1)) as prev_score,
         cast(null as string) as prev_grade,
         format_string('年度 %s %s，列入不合格党员处置', cast(m.score as string), m.grade) as reason,
         cast(null as string) as fail_cause, cast(null as array<string>) as fail_items
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
    l.fail_cause, l.fail_items, p.computed_at
  from listed l
  join orgs b on b.org_code = l.branch_code
  cross join agg_params p
)

select * from final
