-- gold.org_trend: one row per period x node x cut (the keys of org_period_stats) with changes of
-- mean score, participation rate and grade shares quarter over quarter (against the previous
-- quarter, Q1 against Q4 of the year before) and year over year (a quarter against the same
-- quarter a year before, a year against the year before). A change is current minus earlier,
-- null where the earlier period has no figure; grade shares only compare under the same grades.
-- Inputs: agg_periods (periods to write), agg_all_stats (every period of gold.org_period_stats).
with periods as (
  select * from agg_periods
),

stats as (
  select * from agg_all_stats
),

current as (
  select
    s.*,
    case when s.period_kind = 'quarter' then
      case when s.quarter = 1 then concat(s.year - 1, 'Q4') else concat(s.year, 'Q', s.quarter - 1) end
    end as prev_period,
    case when s.period_kind = 'quarter' then concat(s.year - 1, 'Q', s.quarter) else cast(s.year - 1 as string) end
      as last_year_period
  from stats s
  join periods p on p.period = s.period
),

final as (
  select
    c.period, c.period_kind, c.year, c.quarter, c.node_code, c.node_name, c.node_level, c.cut_type, c.cut_value,
    c.score_mean, c.participation_rate, c.grade_names, c.grade_shares,
    c.prev_period,
    q.score_mean as score_mean_prev,
    c.score_mean - q.score_mean as score_mean_change_qoq,
    q.participation_rate as participation_rate_prev,
    c.participation_rate - q.participation_rate as participation_rate_change_qoq,
    q.grade_shares as grade_shares_prev,
    case when c.grade_names = q.grade_names
      then zip_with(c.grade_shares, q.grade_shares, (a, b) -> a - b) end as grade_shares_change_qoq,
    c.last_year_period,
    y.score_mean as score_mean_last_year,
    c.score_mean - y.score_mean as score_mean_change_yoy,
    y.participation_rate as participation_rate_last_year,
    c.participation_rate - y.participation_rate as participation_rate_change_yoy,
    y.grade_shares as grade_shares_last_year,
    case when c.grade_names = y.grade_names
      then zip_with(c.grade_shares, y.grade_shares, (a, b) -> a - b) end as grade_shares_change_yoy,
    c.computed_at
  from current c
  left join stats q
    on q.period = c.prev_period and q.node_code = c.node_code and q.cut_type = c.cut_type and q.cut_value = c.cut_value
  left join stats y
    on y.period = c.last_year_period and y.node_code = c.node_code and y.cut_type = c.cut_type
   and y.cut_value = c.cut_value
)

select * from final
