-- gold.branch_attention: "favour points" (人情分) and paper compliance (DOMAIN §7). One row per
-- period (each quarter, and the year once it has annual results) x branch x signal.
-- A signal is a statement about evidence: it fires only when the branch's figure is unlikely by
-- chance for a branch of its size, given the district's figure of the same period. Shares are
-- tested with the exact binomial tail P(X >= k | n, p) (P(X <= k) for deductions, which are
-- suspicious when too few); the spread with a resampled p-value (random branches of the same
-- size drawn from the period's scores). p-values are corrected with Benjamini–Hochberg over the
-- branches tested for the same signal in the same period; flagged when the adjusted p-value is at
-- most agg_params.significance. docs/mart.md explains every column.
-- Inputs: agg_periods, stg_member_periods, agg_entries, agg_grades, agg_orgs, agg_params;
-- functions rate4 (StatsFunctions), binom_*, bh_adjust, resampled_* (AttentionFunctions).
with params as (
  select * from agg_params
),

-- A year is tested only once it has annual results: its member signals read the annual scores.
scored_years as (
  select distinct period from stg_member_periods where period_kind = 'year' and status is not null
),

periods as (
  select p.period, p.period_kind, p.year, p.quarter
  from agg_periods p
  left join scored_years s on s.period = p.period
  where p.period_kind = 'quarter' or s.period is not null
),

roster as (
  select m.*
  from stg_member_periods m
  join periods p on p.period = m.period
),

graded as (
  select * from roster where graded
),

branches as (
  select distinct r.period, r.period_kind, r.year, r.quarter, r.branch_code, r.committee_code from roster r
),

top_grades as (
  select year, min_by(grade, grade_no) as top_grade from agg_grades group by year
),

-- The branch's ledgers of the period (all four quarters for a year); "late" is measured against
-- the end of the entry's own quarter.
entries as (
  select
    b.period, e.branch_code, e.member_code, e.points, e.self_score,
    e.entry_date >= date_sub(last_day(make_date(e.year, e.quarter * 3, 1)), p.late_days - 1) as late
  from agg_entries e
  join branches b
    on b.branch_code = e.branch_code and b.year = e.year and (b.period_kind = 'year' or b.quarter = e.quarter)
  cross join params p
),

-- Members with a deduction in the period, in whichever branch's ledger it was registered.
deducted as (
  select distinct p.period, e.member_code
  from agg_entries e
  join periods p on p.year = e.year and (p.period_kind = 'year' or p.quarter = e.quarter)
  where e.points < 0
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
    count_if(e.late) as late
  from entries e
  group by e.period, e.branch_code
),

measures as (
  select
    b.period, b.period_kind, b.year, b.quarter, b.branch_code, b.committee_code,
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

-- District baselines: shares pooled over every branch of the period (the branch itself included,
-- which only makes a test more cautious).
district as (
  select
    period,
    sum(top_grade) / nullif(sum(members_graded), 0) as top_p,
    sum(with_deduction) / nullif(sum(members_graded), 0) as deduction_p,
    sum(bunched) / nullif(sum(members_graded), 0) as bunched_p,
    sum(self_equal) / nullif(sum(self_scored), 0) as self_equal_p,
    sum(late) / nullif(sum(entries), 0) as late_p
  from measures
  group by period
),

-- The null distribution of the spread: for each branch size tested, the spreads of
-- spread_resamples random branches of that size, each member's score drawn (with replacement)
-- from all graded scores of the period. Seeded by period and size, so reruns give the same values.
score_counts as (
  select period, cast(score as double) as score, count(*) as members
  from graded
  group by period, score
),

score_histogram as (
  select period, array_sort(collect_list(named_struct('score', score, 'members', members))) as hist
  from score_counts
  group by period
),

spread_sizes as (
  select distinct x.period, x.members_graded
  from measures x
  where x.members_graded > 0
),

spread_null as (
  select
    s.period, s.members_graded,
    resampled_spreads(transform(h.hist, v -> v.score), transform(h.hist, v -> v.members),
                      cast(s.members_graded as int), p.spread_resamples,
                      concat(s.period, '/', s.members_graded)) as spreads
  from spread_sizes s
  join score_histogram h on h.period = s.period
  cross join params p
),

-- Only the smallest spreads are kept for the threshold: a p-value at most the significance level
-- needs no more than significance * (draws + 1) of them.
spread_lowest as (
  select
    n.period, n.members_graded, size(n.spreads) as draws,
    slice(n.spreads, 1, cast(least(size(n.spreads), ceil(p.significance * (size(n.spreads) + 1))) as int))
      as lowest_spreads
  from spread_null n
  cross join params p
),

measured as (
  select
    x.*, d.top_p, d.deduction_p, d.bunched_p, d.self_equal_p, d.late_p,
    resampled_p(n.spreads, x.spread) as spread_p,
    element_at(n.spreads, cast((size(n.spreads) + 1) / 2 as int)) as spread_median,
    x.members_graded >= p.min_members as big_enough,
    x.self_scored >= p.min_entries as enough_self_scored,
    x.entries >= p.min_entries as enough_entries
  from measures x
  join district d on d.period = x.period
  left join spread_null n on n.period = x.period and n.members_graded = x.members_graded
  cross join params p
),

-- One row per signal: k of n (members or entries) against the district share p, with the
-- direction of the test; for the spread the measured value and its resampled p-value.
signals as (
  select
    m.period, m.period_kind, m.year, m.quarter, m.branch_code, m.committee_code, m.members_graded, m.entries,
    m.spread_p, m.spread_median, s.*
  from measured m
  lateral view inline(array(
    named_struct('signal', 'excellent_share', 'signal_label', '优秀占比畸高', 'direction', 'upper',
      'k', m.top_grade, 'n', m.members_graded, 'base_p', m.top_p, 'spread', cast(null as double),
      'eligible', m.big_enough),
    named_struct('signal', 'no_deductions', 'signal_label', '扣分过少', 'direction', 'lower',
      'k', m.with_deduction, 'n', m.members_graded, 'base_p', m.deduction_p, 'spread', cast(null as double),
      'eligible', m.big_enough),
    named_struct('signal', 'low_spread', 'signal_label', '分数过于集中', 'direction', 'spread',
      'k', cast(null as bigint), 'n', m.members_graded, 'base_p', cast(null as double), 'spread', m.spread,
      'eligible', m.big_enough),
    named_struct('signal', 'boundary_bunching', 'signal_label', '扎堆等次线', 'direction', 'upper',
      'k', m.bunched, 'n', m.members_graded, 'base_p', m.bunched_p, 'spread', cast(null as double),
      'eligible', m.big_enough),
    named_struct('signal', 'self_score_equal', 'signal_label', '自评分等于评定分', 'direction', 'upper',
      'k', m.self_equal, 'n', m.self_scored, 'base_p', m.self_equal_p, 'spread', cast(null as double),
      'eligible', m.big_enough and m.enough_self_scored),
    named_struct('signal', 'late_registration', 'signal_label', '集中在季末登记', 'direction', 'upper',
      'k', m.late, 'n', m.entries, 'base_p', m.late_p, 'spread', cast(null as double),
      'eligible', m.big_enough and m.enough_entries)
  )) s
),

tested as (
  select
    s.*,
    case
      when s.n = 0 then null
      when s.direction = 'upper' then binom_upper(s.k, s.n, s.base_p)
      when s.direction = 'lower' then binom_lower(s.k, s.n, s.base_p)
      else s.spread_p
    end as p_value
  from signals s
),

-- Benjamini–Hochberg within each period and signal, over the eligible branches with a p-value.
families as (
  select period, signal, collect_list(named_struct('branch_code', branch_code, 'p_value', p_value)) as tests
  from tested
  where eligible and p_value is not null
  group by period, signal
),

adjusted as (
  select f.period, f.signal, f.m, a.branch_code, a.p_value, a.p_adjusted
  from (
    select period, signal, tests, size(tests) as m, bh_adjust(transform(tests, t -> t.p_value)) as adj
    from families
  ) f
  lateral view inline(transform(f.tests, (t, i) -> named_struct(
    'branch_code', t.branch_code, 'p_value', t.p_value, 'p_adjusted', f.adj[i]))) a
),

-- The largest p-value that passed (a p-value fires exactly when it is at most this), or α / m
-- when none did: what the threshold column translates into the signal's own unit.
cutoffs as (
  select
    a.period, a.signal, max(a.m) as m,
    coalesce(max(case when a.p_adjusted <= p.significance then a.p_value end), max(p.significance) / max(a.m))
      as p_cutoff
  from adjusted a
  cross join params p
  group by a.period, a.signal
),

decided as (
  select
    t.*,
    a.p_adjusted,
    c.m as tests,
    c.p_cutoff,
    t.eligible and coalesce(a.p_adjusted <= p.significance, false) as fired,
    case
      when not t.eligible or t.n = 0 then null
      when t.direction = 'upper' then rate4(binom_upper_critical(t.n, t.base_p, c.p_cutoff), t.n)
      when t.direction = 'lower' then rate4(binom_lower_critical(t.n, t.base_p, c.p_cutoff), t.n)
      else cast(round(resampled_below(l.lowest_spreads, l.draws, c.p_cutoff), 4) as decimal(10, 4))
    end as threshold_value,
    p.significance, p.boundary_width, p.late_days
  from tested t
  left join adjusted a on a.period = t.period and a.signal = t.signal and a.branch_code = t.branch_code
  left join cutoffs c on c.period = t.period and c.signal = t.signal
  left join spread_lowest l on t.direction = 'spread' and l.period = t.period and l.members_graded = t.n
  cross join params p
),

-- Plain Chinese: what was measured, against what, and how likely it is by chance.
worded as (
  select
    d.*,
    case
      when d.p_value is null then null
      when d.p_value < 0.000001 then '不足百万分之一'
      when d.p_value < 0.0001 then '不足万分之一'
      when d.p_value < 0.01 then format_string('约为%.4f', d.p_value)
      else format_string('约为%.2f', d.p_value)
    end as p_text,
    format_string('%.1f%%', d.base_p * 100) as base_text,
    case when d.period_kind = 'year' then '全年' else '本季度' end as period_text
  from decided d
),

final as (
  select
    w.period, w.year, w.quarter, w.branch_code, o.org_name as branch_name, w.committee_code,
    w.signal, w.signal_label, w.members_graded, w.entries, w.eligible,
    cast(case when w.direction = 'spread' then round(w.spread, 4) else rate4(w.k, w.n) end as decimal(10, 4))
      as value,
    cast(case
      when w.direction = 'spread' then round(w.spread_median, 4)
      else round(w.base_p, 4)
    end as decimal(10, 4)) as baseline,
    cast(w.threshold_value as decimal(10, 4)) as threshold,
    w.p_value,
    w.p_adjusted,
    w.fired as flagged,
    concat(
      case
        when w.n = 0 or w.p_value is null then
          case when w.direction = 'spread' or w.signal in ('excellent_share', 'no_deductions', 'boundary_bunching')
            then '没有已评定党员，无法测算' else '没有可测算的积分明细' end
        when w.signal = 'excellent_share' then format_string('%d名已评定党员中%d人获%s（全区基线%s），偶然出现的概率%s',
          w.n, w.k, coalesce(g.top_grade, '最高等次'), w.base_text, w.p_text)
        when w.signal = 'no_deductions' and w.k = 0 then format_string(
          '%d名已评定党员%s无人被扣分（全区有扣分的党员占%s），偶然出现的概率%s',
          w.n, w.period_text, w.base_text, w.p_text)
        when w.signal = 'no_deductions' then format_string(
          '%d名已评定党员中%s有%d人被扣分（全区有扣分的党员占%s），偶然少到这种程度的概率%s',
          w.n, w.period_text, w.k, w.base_text, w.p_text)
        when w.signal = 'low_spread' then format_string(
          '%d名已评定党员得分标准差%.2f分；从全区党员得分中随机抽取%d人，标准差这么小的概率%s（随机抽取时标准差中位数为%.2f分）',
          w.n, w.spread, w.n, w.p_text, w.spread_median)
        when w.signal = 'boundary_bunching' then format_string(
          '%d名已评定党员中%d人的得分刚过等次分数线（高出不足%s分，全区基线%s），偶然出现的概率%s',
          w.n, w.k, cast(cast(w.boundary_width as double) as string), w.base_text, w.p_text)
        when w.signal = 'self_score_equal' then format_string(
          '%d条有自评分的积分明细中%d条自评分与评定分值相同（全区基线%s），偶然出现的概率%s',
          w.n, w.k, w.base_text, w.p_text)
        else format_string('%d条积分明细中%d条在季度最后%d天登记（全区基线%s），偶然出现的概率%s',
          w.n, w.k, w.late_days, w.base_text, w.p_text)
      end,
      case
        when w.fired then format_string('；按本期参与检验的%d个党支部做多重比较校正后仍显著（显著性水平%s）',
          w.tests, cast(w.significance as string))
        when not w.eligible and w.n > 0 then '；人数或明细条数不足，不作判定'
        else ''
      end) as detail,
    p.computed_at
  from worded w
  join agg_orgs o on o.org_code = w.branch_code
  left join top_grades g on g.year = w.year
  cross join params p
)

select * from final
