-- gold.org_period_stats: one row per period x active node of the org tree x cut.
-- A node's figures include all its descendants. Cuts: 'org' (the node as a whole, every active
-- node), 'domain' (members of the node's branches of one 领域) and 'category' (members of one
-- 党员类别). Only party members (正式, 预备) count; activists never do (DOMAIN §3, §8).
-- Inputs: stg_org_nodes, stg_member_periods, agg_periods, agg_submissions, agg_actions,
-- agg_members, agg_grades, agg_params; functions rate4, mean2, quantile2 (StatsFunctions).
with periods as (
  select * from agg_periods
),

nodes as (
  select * from stg_org_nodes
),

members as (
  select * from stg_member_periods where is_party_member
),

grades as (
  select * from agg_grades
),

node_info as (
  select distinct node_code, node_name, node_level, node_depth, node_path, committee_code from nodes
),

-- Every member counts at each node above its branch, once as a whole and once in its domain
-- and category cut.
member_cuts as (
  select m.*, n.node_code, c.cut_type, c.cut_value
  from members m
  join nodes n on n.org_code = m.branch_code
  lateral view inline(array(
    named_struct('cut_type', 'org', 'cut_value', '全部'),
    named_struct('cut_type', 'domain', 'cut_value', coalesce(m.domain, '未填写')),
    named_struct('cut_type', 'category', 'cut_value', coalesce(m.category, '未填写')))) c
),

keys as (
  select p.period, n.node_code, 'org' as cut_type, '全部' as cut_value
  from periods p
  cross join node_info n
  union
  select p.period, n.node_code, 'domain' as cut_type, coalesce(n.org_domain, '未填写') as cut_value
  from periods p
  cross join nodes n
  where n.org_level = '党支部'
  union
  select period, node_code, cut_type, cut_value from member_cuts where cut_type = 'category'
),

member_figures as (
  select
    period, node_code, cut_type, cut_value,
    count(*) as members_total,
    count_if(standing = '预备党员') as members_probationary,
    count_if(not in_points_mgmt) as members_exempt,
    count_if(in_points_mgmt) as members_participating,
    count_if(graded) as members_graded,
    count_if(incomplete) as members_incomplete,
    -- collect_list skips nulls: the published scores of graded members, sorted for quantiles
    array_sort(collect_list(case when graded then score end)) as scores,
    sum(case when graded then score end) as score_sum,
    min(case when graded then score end) as score_min,
    max(case when graded then score end) as score_max
  from member_cuts
  group by period, node_code, cut_type, cut_value
),

grade_counts as (
  select period, node_code, cut_type, cut_value, grade, count(*) as members
  from member_cuts
  where graded
  group by period, node_code, cut_type, cut_value, grade
),

-- Every grade of the year's scheme, in the scheme's order, zero where no member has it.
grade_arrays as (
  select
    k.period, k.node_code, k.cut_type, k.cut_value,
    array_sort(collect_list(named_struct(
      'grade_no', g.grade_no, 'grade', g.grade,
      'members', coalesce(c.members, 0L),
      'share', rate4(coalesce(c.members, 0L), f.members_graded)))) as by_grade
  from keys k
  join periods p on p.period = k.period
  join grades g on g.year = p.year
  left join member_figures f
    on f.period = k.period and f.node_code = k.node_code and f.cut_type = k.cut_type and f.cut_value = k.cut_value
  left join grade_counts c
    on c.period = k.period and c.node_code = k.node_code and c.cut_type = k.cut_type
   and c.cut_value = k.cut_value and c.grade = g.grade
  group by k.period, k.node_code, k.cut_type, k.cut_value
),

-- Submissions per active branch: a quarter's own rows; for a year, the branch-quarters of its
-- ingested quarters.
submission_rows as (
  select p.period, s.branch_code, s.status
  from agg_submissions s
  join periods p on p.period = s.period and p.period_kind = 'quarter'
  union all
  select p.period, s.branch_code, s.status
  from agg_submissions s
  join periods p on p.year = s.year and p.period_kind = 'year'
),

submission_figures as (
  select
    s.period, n.node_code, c.cut_type, c.cut_value,
    count(*) as ledgers_expected,
    count_if(s.status = 'on_time') as ledgers_on_time,
    count_if(s.status = 'late') as ledgers_late,
    -- not submitted (DOMAIN §8 missing), of which returned: files sent but all rejected whole (报送被退回)
    count_if(s.status in ('missing', 'returned')) as ledgers_missing,
    count_if(s.status = 'returned') as ledgers_returned
  from submission_rows s
  join nodes n on n.org_code = s.branch_code and n.org_level = '党支部'
  lateral view inline(array(
    named_struct('cut_type', 'org', 'cut_value', '全部'),
    named_struct('cut_type', 'domain', 'cut_value', coalesce(n.org_domain, '未填写')))) c
  group by s.period, n.node_code, c.cut_type, c.cut_value
),

-- Actions count under the branch whose ledger recorded them, for party members on that ledger's
-- roster; the cut's category is the member's category of the period.
action_rows as (
  select p.period, a.member_code, a.action_type, a.branch_code
  from agg_actions a
  join agg_members r on r.period = a.period and r.branch_code = a.branch_code and r.member_code = a.member_code
  join periods p on (p.period_kind = 'quarter' and p.period = a.period)
  where r.standing in ('正式党员', '预备党员')
  union all
  select p.period, a.member_code, a.action_type, a.branch_code
  from agg_actions a
  join agg_members r on r.period = a.period and r.branch_code = a.branch_code and r.member_code = a.member_code
  join periods p on (p.period_kind = 'year' and p.year = a.year)
  where r.standing in ('正式党员', '预备党员')
),

action_figures as (
  select
    a.period, n.node_code, c.cut_type, c.cut_value,
    count(distinct case when a.action_type = '告诫提醒' then a.member_code end) as action_remind_members,
    count(distinct case when a.action_type = '帮教整改' then a.member_code end) as action_rectify_members,
    count(distinct case when a.action_type = '组织处理' then a.member_code end) as action_handle_members
  from action_rows a
  join nodes n on n.org_code = a.branch_code
  left join members m on m.period = a.period and m.member_code = a.member_code
  lateral view inline(array(
    named_struct('cut_type', 'org', 'cut_value', '全部'),
    named_struct('cut_type', 'domain', 'cut_value', coalesce(n.org_domain, '未填写')),
    named_struct('cut_type', 'category', 'cut_value', coalesce(m.category, '未填写')))) c
  group by a.period, n.node_code, c.cut_type, c.cut_value
),

schemes as (
  select distinct year, scheme_id from grades
),

final as (
  select
    k.period,
    p.period_kind,
    p.year,
    p.quarter,
    k.node_code,
    n.node_name,
    n.node_level,
    n.node_depth,
    n.node_path,
    n.committee_code,
    k.cut_type,
    k.cut_value,
    coalesce(f.members_total, 0L) as members_total,
    coalesce(f.members_probationary, 0L) as members_probationary,
    coalesce(f.members_exempt, 0L) as members_exempt,
    coalesce(f.members_participating, 0L) as members_participating,
    rate4(f.members_participating, f.members_total) as participation_rate,
    case when k.cut_type <> 'category' then coalesce(s.ledgers_expected, 0L) end as ledgers_expected,
    case when k.cut_type <> 'category' then coalesce(s.ledgers_on_time, 0L) end as ledgers_on_time,
    case when k.cut_type <> 'category' then coalesce(s.ledgers_late, 0L) end as ledgers_late,
    case when k.cut_type <> 'category' then coalesce(s.ledgers_missing, 0L) end as ledgers_missing,
    case when k.cut_type <> 'category' then coalesce(s.ledgers_returned, 0L) end as ledgers_returned,
    case when k.cut_type <> 'category' then coalesce(s.ledgers_on_time + s.ledgers_late, 0L) end as ledgers_submitted,
    case when k.cut_type <> 'category' then rate4(s.ledgers_on_time + s.ledgers_late, s.ledgers_expected) end
      as submission_rate,
    coalesce(f.members_graded, 0L) as members_graded,
    coalesce(f.members_incomplete, 0L) as members_incomplete,
    transform(g.by_grade, x -> x.grade) as grade_names,
    transform(g.by_grade, x -> x.members) as grade_counts,
    transform(g.by_grade, x -> x.share) as grade_shares,
    mean2(f.score_sum, f.members_graded) as score_mean,
    -- exact sum of the published scores: org_trend's like-for-like means add branches up from it
    f.score_sum,
    quantile2(f.scores, 0.5) as score_median,
    quantile2(f.scores, 0.25) as score_q1,
    quantile2(f.scores, 0.75) as score_q3,
    f.score_min,
    f.score_max,
    -- 21 bins of 5 points: [0, 5), [5, 10), ..., [95, 100), [100, ...)
    case when f.scores is null then array_repeat(0L, 21)
         else transform(sequence(0, 20), b -> cast(size(filter(f.scores, s -> least(floor(s / 5), 20) = b)) as bigint))
    end as score_histogram,
    coalesce(a.action_remind_members, 0L) as action_remind_members,
    coalesce(a.action_rectify_members, 0L) as action_rectify_members,
    coalesce(a.action_handle_members, 0L) as action_handle_members,
    sc.scheme_id,
    pr.computed_at
  from keys k
  join periods p on p.period = k.period
  join node_info n on n.node_code = k.node_code
  cross join agg_params pr
  left join schemes sc on sc.year = p.year
  left join member_figures f
    on f.period = k.period and f.node_code = k.node_code and f.cut_type = k.cut_type and f.cut_value = k.cut_value
  left join grade_arrays g
    on g.period = k.period and g.node_code = k.node_code and g.cut_type = k.cut_type and g.cut_value = k.cut_value
  left join submission_figures s
    on s.period = k.period and s.node_code = k.node_code and s.cut_type = k.cut_type and s.cut_value = k.cut_value
  left join action_figures a
    on a.period = k.period and a.node_code = k.node_code and a.cut_type = k.cut_type and a.cut_value = k.cut_value
)

select * from final
