-- gold.org_trend: one row per period x node x cut (the keys of org_period_stats) with changes of
-- mean score, participation rate and grade shares quarter over quarter (against the previous
-- quarter, Q1 against Q4 of the year before) and year over year (a quarter against the same
-- quarter a year before, a year against the year before). A change is current minus earlier,
-- null where the earlier period has no figure; grade shares only compare under the same grades.
-- Like for like (*_lfl): a branch that has graded members in only one of the two periods (it did
-- not submit the other, or was not there yet) moves the plain mean by its own level, not by any
-- change. The like-for-like means count only the branches with graded members in both periods,
-- added up from their exact score sums; lfl_left_out_* names the branches of the row's figure
-- (graded members of its cut in either period) that the comparison leaves out.
-- Inputs: agg_periods (periods to write), agg_all_stats (every period of gold.org_period_stats),
-- stg_org_nodes; function mean2 (StatsFunctions).
with periods as (
  select * from agg_periods
),

stats as (
  select * from agg_all_stats
),

nodes as (
  select * from stg_org_nodes where org_level = '党支部'
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

-- The branches under each node, with their figures of every cut and period.
branch_rows as (
  select s.period, n.node_code, s.node_code as branch_code, s.cut_type, s.cut_value, s.members_graded, s.score_sum
  from stats s
  join nodes n on n.org_code = s.node_code
  where s.node_level = '党支部'
),

graded_branches as (
  select period, node_code as branch_code from stats
  where node_level = '党支部' and cut_type = 'org' and members_graded > 0
),

-- Both comparisons of every current row as (current period, earlier period) pairs.
comparisons as (
  select period, node_code, cut_type, cut_value, 'qoq' as kind, prev_period as earlier from current
  union all
  select period, node_code, cut_type, cut_value, 'yoy' as kind, last_year_period as earlier from current
),

-- The branch rows of a comparison's cut, in the current and the earlier period, and whether the
-- branch has graded members in both periods.
comparison_branches as (
  select
    c.period, c.node_code, c.cut_type, c.cut_value, c.kind, b.branch_code,
    sum(case when b.period = c.period then b.members_graded end) as graded_now,
    sum(case when b.period = c.period then b.score_sum end) as sum_now,
    sum(case when b.period = c.earlier then b.members_graded end) as graded_then,
    sum(case when b.period = c.earlier then b.score_sum end) as sum_then,
    max(gn.branch_code) is not null and max(ge.branch_code) is not null as in_both
  from comparisons c
  join branch_rows b
    on b.node_code = c.node_code and b.cut_type = c.cut_type and b.cut_value = c.cut_value
   and b.period in (c.period, c.earlier)
  left join graded_branches gn on gn.period = c.period and gn.branch_code = b.branch_code
  left join graded_branches ge on ge.period = c.earlier and ge.branch_code = b.branch_code
  group by c.period, c.node_code, c.cut_type, c.cut_value, c.kind, b.branch_code
),

like_for_like as (
  select
    period, node_code, cut_type, cut_value, kind,
    mean2(sum(case when in_both then sum_now end), sum(case when in_both then graded_now end)) as mean_now,
    mean2(sum(case when in_both then sum_then end), sum(case when in_both then graded_then end)) as mean_then,
    array_sort(collect_list(case when not in_both
                                  and (coalesce(graded_now, 0) > 0 or coalesce(graded_then, 0) > 0)
                                 then branch_code end)) as left_out
  from comparison_branches
  group by period, node_code, cut_type, cut_value, kind
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
    case when q.score_mean is not null then lq.mean_now end as score_mean_lfl_qoq,
    case when q.score_mean is not null then lq.mean_then end as score_mean_prev_lfl,
    case when q.score_mean is not null then lq.mean_now - lq.mean_then end as score_mean_change_qoq_lfl,
    case when q.score_mean is not null then coalesce(lq.left_out, cast(array() as array<string>)) end
      as lfl_left_out_qoq,
    case when q.score_mean is not null then cast(coalesce(size(lq.left_out), 0) as int) end
      as lfl_left_out_qoq_count,
    c.last_year_period,
    y.score_mean as score_mean_last_year,
    c.score_mean - y.score_mean as score_mean_change_yoy,
    y.participation_rate as participation_rate_last_year,
    c.participation_rate - y.participation_rate as participation_rate_change_yoy,
    y.grade_shares as grade_shares_last_year,
    case when c.grade_names = y.grade_names
      then zip_with(c.grade_shares, y.grade_shares, (a, b) -> a - b) end as grade_shares_change_yoy,
    case when y.score_mean is not null then ly.mean_now end as score_mean_lfl_yoy,
    case when y.score_mean is not null then ly.mean_then end as score_mean_last_year_lfl,
    case when y.score_mean is not null then ly.mean_now - ly.mean_then end as score_mean_change_yoy_lfl,
    case when y.score_mean is not null then coalesce(ly.left_out, cast(array() as array<string>)) end
      as lfl_left_out_yoy,
    case when y.score_mean is not null then cast(coalesce(size(ly.left_out), 0) as int) end
      as lfl_left_out_yoy_count,
    c.computed_at
  from current c
  left join stats q
    on q.period = c.prev_period and q.node_code = c.node_code and q.cut_type = c.cut_type and q.cut_value = c.cut_value
  left join stats y
    on y.period = c.last_year_period and y.node_code = c.node_code and y.cut_type = c.cut_type
   and y.cut_value = c.cut_value
  left join like_for_like lq
    on lq.period = c.period and lq.node_code = c.node_code and lq.cut_type = c.cut_type
   and lq.cut_value = c.cut_value and lq.kind = 'qoq'
  left join like_for_like ly
    on ly.period = c.period and ly.node_code = c.node_code and ly.cut_type = c.cut_type
   and ly.cut_value = c.cut_value and ly.kind = 'yoy'
)

select * from final
