-- gold.branch_attention: "favour points" (人情分) and paper compliance (DOMAIN §7). One row per
-- quarter x branch that submitted x signal, with the branch's measured value, the district
-- baseline and the threshold; flagged only when the signal fired on a branch large enough to
-- measure (eligible), so no flag is raised without a measured reason.
-- Thresholds come from agg_params (AttentionThresholds); the values used are in each row.
-- Inputs: agg_periods, stg_member_periods, agg_entries, agg_grades, agg_orgs, agg_params.
with params as (
  select * from agg_params
),

quarters as (
  select period, year, quarter, last_day(make_date(year, quarter * 3, 1)) as quarter_end
  from agg_periods
  where period_kind = 'quarter'
),

roster as (
  select m.*
  from stg_member_periods m
  join quarters q on q.period = m.period
),

graded as (
  select * from roster where graded
),

branches as (
  select distinct r.period, r.year, r.quarter, r.branch_code, r.committee_code from roster r
),

entries as (
  select e.*, q.quarter_end
  from agg_entries e
  join quarters q on q.period = e.period
  join branches b on b.period = e.period and b.branch_code = e.branch_code
),

deducted as (
  select period, member_code from entries where points < 0 group by period, member_code
),

-- Scores in [b, b + width) above a grade's lower bound b > 0: "just made the grade".
bunched as (
  select distinct g.period, g.member_code
  from graded g
  join agg_grades b on b.year = g.year and b.band_min > 0
  cross join params p
  where g.score >= b.band_min and g.score < b.band_min + p.boundary_width
),

member_measures as (
  select
    g.period, g.branch_code,
    count(*) as members_graded,
    count_if(g.grade_no = 1) as top_grade,
    count(d.member_code) as with_deduction,
    count(bn.member_code) as bunched,
    stddev_pop(g.score) as spread
  from graded g
  left join deducted d on d.period = g.period and d.member_code = g.member_code
  left join bunched bn on bn.period = g.period and bn.member_code = g.member_code
  group by g.period, g.branch_code
),

entry_measures as (
  select
    e.period, e.branch_code,
    count(*) as entries,
    count_if(e.self_score is not null and e.points is not null) as self_scored,
    count_if(e.self_score = e.points) as self_equal,
    count_if(e.entry_date >= date_sub(e.quarter_end, p.late_days - 1)) as late
  from entries e
  cross join params p
  group by e.period, e.branch_code
),

measures as (
  select
    b.period, b.year, b.quarter, b.branch_code, b.committee_code,
    coalesce(m.members_graded, 0L) as members_graded,
    coalesce(m.top_grade, 0L) as top_grade,
    coalesce(m.with_deduction, 0L) as with_deduction,
    coalesce(m.bunched, 0L) as bunched,
    m.spread,
    coalesce(e.entries, 0L) as entries,
    coalesce(e.self_scored, 0L) as self_scored,
    coalesce(e.self_equal, 0L) as self_equal,
    coalesce(e.late, 0L) as late
  from branches b
  left join member_measures m on m.period = b.period and m.branch_code = b.branch_code
  left join entry_measures e on e.period = b.period and e.branch_code = b.branch_code
),

-- District baselines: pooled shares over every branch; for the spread, the median of the
-- eligible branches' spreads (a pooled spread would include the differences between branches).
district as (
  select
    x.period,
    rate4(sum(x.top_grade), sum(x.members_graded)) as top_share,
    rate4(sum(x.with_deduction), sum(x.members_graded)) as deduction_share,
    rate4(sum(x.bunched), sum(x.members_graded)) as bunched_share,
    rate4(sum(x.self_equal), sum(x.self_scored)) as self_equal_share,
    rate4(sum(x.late), sum(x.entries)) as late_share,
    cast(round(percentile(case when x.members_graded >= p.min_members then x.spread end, 0.5), 4) as decimal(10, 4))
      as spread_median
  from measures x
  cross join params p
  group by x.period
),

measured as (
  select
    x.*,
    x.members_graded >= p.min_members as big_enough,
    cast(rate4(x.top_grade, x.members_graded) as decimal(10, 4)) as top_share,
    cast(rate4(x.with_deduction, x.members_graded) as decimal(10, 4)) as deduction_share,
    cast(round(x.spread, 4) as decimal(10, 4)) as spread_value,
    cast(rate4(x.bunched, x.members_graded) as decimal(10, 4)) as bunched_share,
    cast(rate4(x.self_equal, x.self_scored) as decimal(10, 4)) as self_equal_share,
    cast(rate4(x.late, x.entries) as decimal(10, 4)) as late_share,
    cast(d.top_share as decimal(10, 4)) as d_top_share,
    cast(d.deduction_share as decimal(10, 4)) as d_deduction_share,
    d.spread_median as d_spread,
    cast(d.bunched_share as decimal(10, 4)) as d_bunched_share,
    cast(d.self_equal_share as decimal(10, 4)) as d_self_equal_share,
    cast(d.late_share as decimal(10, 4)) as d_late_share,
    p.min_members, p.min_entries, p.late_days,
    cast(d.top_share + p.excellent_share_margin as decimal(10, 4)) as t_top_share,
    cast(0 as decimal(10, 4)) as t_deduction_share,
    cast(round(d.spread_median * p.spread_ratio, 4) as decimal(10, 4)) as t_spread,
    cast(d.bunched_share + p.boundary_margin as decimal(10, 4)) as t_bunched_share,
    cast(p.self_score_equal_share as decimal(10, 4)) as t_self_equal_share,
    cast(p.late_share as decimal(10, 4)) as t_late_share
  from measures x
  join district d on d.period = x.period
  cross join params p
),

signals as (
  select *
  from measured m
  lateral view inline(array(
    named_struct(
      'signal', 'excellent_share', 'signal_label', '优秀占比畸高',
      'value', m.top_share, 'baseline', m.d_top_share, 'threshold', m.t_top_share,
      'eligible', m.big_enough,
      'fired', m.top_share >= m.t_top_share,
      'detail', format_string('优秀占比 %s，全区 %s，阈值 %s（全区 + 差距阈值）',
                              m.top_share, m.d_top_share, m.t_top_share)),
    named_struct(
      'signal', 'no_deductions', 'signal_label', '全员无扣分',
      'value', m.deduction_share, 'baseline', m.d_deduction_share, 'threshold', m.t_deduction_share,
      'eligible', m.big_enough,
      'fired', m.deduction_share <= m.t_deduction_share and m.d_deduction_share > m.t_deduction_share,
      'detail', format_string('有扣分党员占比 %s（%d 人中 %d 人），全区 %s',
                              m.deduction_share, m.members_graded, m.with_deduction, m.d_deduction_share)),
    named_struct(
      'signal', 'low_spread', 'signal_label', '分数过于集中',
      'value', m.spread_value, 'baseline', m.d_spread, 'threshold', m.t_spread,
      'eligible', m.big_enough,
      'fired', m.d_spread > 0 and m.spread_value <= m.t_spread,
      'detail', format_string('得分标准差 %s，全区各支部中位数 %s，阈值 %s',
                              m.spread_value, m.d_spread, m.t_spread)),
    named_struct(
      'signal', 'boundary_bunching', 'signal_label', '扎堆等次线',
      'value', m.bunched_share, 'baseline', m.d_bunched_share, 'threshold', m.t_bunched_share,
      'eligible', m.big_enough,
      'fired', m.bunched_share >= m.t_bunched_share,
      'detail', format_string('刚过等次线的党员占比 %s，全区 %s，阈值 %s',
                              m.bunched_share, m.d_bunched_share, m.t_bunched_share)),
    named_struct(
      'signal', 'self_score_equal', 'signal_label', '自评分等于评定分',
      'value', m.self_equal_share, 'baseline', m.d_self_equal_share, 'threshold', m.t_self_equal_share,
      'eligible', m.big_enough and m.self_scored >= m.min_entries,
      'fired', m.self_equal_share >= m.t_self_equal_share,
      'detail', format_string('自评分与分值相同的明细占比 %s（%d 条中 %d 条），全区 %s，阈值 %s',
                              m.self_equal_share, m.self_scored, m.self_equal, m.d_self_equal_share,
                              m.t_self_equal_share)),
    named_struct(
      'signal', 'late_registration', 'signal_label', '集中在季末登记',
      'value', m.late_share, 'baseline', m.d_late_share, 'threshold', m.t_late_share,
      'eligible', m.big_enough and m.entries >= m.min_entries,
      'fired', m.late_share >= m.t_late_share,
      'detail', format_string('季末最后 %d 天登记的明细占比 %s（%d 条中 %d 条），全区 %s，阈值 %s',
                              m.late_days, m.late_share, m.entries, m.late, m.d_late_share, m.t_late_share))
  )) s
),

final as (
  select
    s.period, s.year, s.quarter, s.branch_code, o.org_name as branch_name, s.committee_code,
    s.signal, s.signal_label, s.members_graded, s.entries, s.eligible,
    s.value, s.baseline, s.threshold,
    coalesce(s.eligible and s.fired, false) as flagged,
    s.detail,
    p.computed_at
  from signals s
  join agg_orgs o on o.org_code = s.branch_code
  cross join params p
)

select * from final
