-- gold.stats_table: the official statistics tables (DOMAIN §6, §8), 统计表一 (Q1+Q2) and 统计表二
-- (Q3+Q4). One row per half-year x reporting unit x row: the unit's active direct subordinates in
-- the department's order (each aggregating all its descendants, so a 党总支 row sums its
-- branches), then a 合计 row that is the column sum.
-- Member counts are as of the later quarter of the half, branch by branch: each branch's roster
-- of the latest quarter of the half it submitted (a branch that did not submit the later quarter
-- is counted from its first-quarter roster, as the whole table is while the later quarter is not
-- in, and as the year counts members by their last quarter on an accepted roster, DOMAIN §8), a
-- member on a later-quarter roster counting there only; members_as_of_first_quarter names those
-- branches, so a row whose 参与 differs from its later quarter's grade counts explains itself.
-- Grade counts count each graded party member under the branch of that quarter (a branch that did
-- not submit a quarter has no grades in it: no carrying forward); action counts are distinct party
-- members per type over the two quarters, under the branch whose ledger recorded the action.
-- Inputs: agg_halves, agg_orgs, stg_org_nodes, stg_member_periods (both quarters of each half),
-- agg_submissions, agg_actions, agg_members, agg_grades, agg_params.
with halves as (
  select * from agg_halves
),

orgs as (
  select * from agg_orgs where active
),

nodes as (
  select * from stg_org_nodes
),

members as (
  select * from stg_member_periods where is_party_member and period_kind = 'quarter'
),

grades as (
  select * from agg_grades
),

submitted as (
  select period, branch_code from agg_submissions where status in ('on_time', 'late')
),

-- A quarter is in once some branch submitted it.
quarters_in as (
  select distinct period from submitted
),

half_status as (
  select
    h.period, h.year, h.half,
    case h.half when 1 then '统计表一' else '统计表二' end as table_name,
    h.first_quarter, h.second_quarter,
    f.period is not null as first_quarter_in,
    s.period is not null as second_quarter_in,
    case when s.period is not null then h.second_quarter when f.period is not null then h.first_quarter end
      as as_of_quarter
  from (
    select period, year, half,
           concat(year, 'Q', half * 2 - 1) as first_quarter,
           concat(year, 'Q', half * 2) as second_quarter
    from halves
  ) h
  left join quarters_in f on f.period = h.first_quarter
  left join quarters_in s on s.period = h.second_quarter
),

-- Reporting units: the district and every active organization with active subordinates.
subordinates as (
  select
    u.org_code as unit_code, u.org_name as unit_name, u.level as unit_level, u.leader as unit_leader,
    c.org_code, c.org_name, c.level as org_level,
    cast(row_number() over (partition by u.org_code order by c.row_num, c.org_code) as int) as row_no
  from orgs u
  join orgs c on c.parent_code = u.org_code
),

-- Each branch's latest submitted quarter of the half.
branch_as_of as (
  select h.period, s.branch_code, max(s.period) as as_of_quarter
  from half_status h
  join submitted s on s.period in (h.first_quarter, h.second_quarter)
  group by h.period, s.branch_code
),

-- On any roster of the later quarter (whatever the standing): counted there, not again.
later_rosters as (
  select distinct h.period, m.member_code
  from half_status h
  join stg_member_periods m on m.period = h.second_quarter and m.period_kind = 'quarter'
),

as_of_members as (
  select h.period, m.member_code, m.branch_code, m.in_points_mgmt
  from half_status h
  join branch_as_of b on b.period = h.period
  join members m on m.period = b.as_of_quarter and m.branch_code = b.branch_code
  left anti join later_rosters l on l.period = h.period and l.member_code = m.member_code
    and b.as_of_quarter = h.first_quarter
),

member_counts as (
  select m.period, n.node_code as org_code,
         count(*) as members_total,
         count_if(not m.in_points_mgmt) as members_exempt,
         count_if(m.in_points_mgmt) as members_participating
  from as_of_members m
  join nodes n on n.org_code = m.branch_code
  group by m.period, n.node_code
),

-- Branches counted from their first-quarter roster while the later quarter is in.
first_quarter_branches as (
  select b.period, n.node_code as org_code, array_sort(collect_set(b.branch_code)) as branches
  from half_status h
  join branch_as_of b on b.period = h.period
  join nodes n on n.org_code = b.branch_code
  where h.second_quarter_in and b.as_of_quarter = h.first_quarter
  group by b.period, n.node_code
),

quarter_slots as (
  select period, year, 1 as slot, first_quarter as quarter_period from half_status where first_quarter_in
  union all
  select period, year, 2 as slot, second_quarter as quarter_period from half_status where second_quarter_in
),

grade_members as (
  select q.period, q.slot, n.node_code as org_code, m.grade, count(*) as members
  from quarter_slots q
  join members m on m.period = q.quarter_period and m.graded
  join nodes n on n.org_code = m.branch_code
  group by q.period, q.slot, n.node_code, m.grade
),

-- Every grade of the scheme, in order, zero where nobody has it; null when the quarter is not in.
grade_arrays as (
  select
    q.period, q.slot, s.org_code,
    transform(array_sort(collect_list(named_struct('grade_no', g.grade_no, 'members', coalesce(c.members, 0L)))),
              x -> x.members) as counts
  from quarter_slots q
  cross join (select distinct org_code from subordinates) s
  join grades g on g.year = q.year
  left join grade_members c on c.period = q.period and c.slot = q.slot and c.org_code = s.org_code and c.grade = g.grade
  group by q.period, q.slot, s.org_code
),

grade_names as (
  select year, transform(array_sort(collect_list(struct(grade_no, grade))), x -> x.grade) as grade_names,
         max(scheme_id) as scheme_id
  from grades
  group by year
),

action_rows as (
  select h.period, a.member_code, a.action_type, a.branch_code
  from half_status h
  join agg_actions a on a.period in (h.first_quarter, h.second_quarter)
  join agg_members r on r.period = a.period and r.branch_code = a.branch_code and r.member_code = a.member_code
  where r.standing in ('正式党员', '预备党员')
),

action_counts as (
  select a.period, n.node_code as org_code,
         count(distinct case when a.action_type = '告诫提醒' then a.member_code end) as action_remind_members,
         count(distinct case when a.action_type = '帮教整改' then a.member_code end) as action_rectify_members,
         count(distinct case when a.action_type = '组织处理' then a.member_code end) as action_handle_members
  from action_rows a
  join nodes n on n.org_code = a.branch_code
  group by a.period, n.node_code
),

org_rows as (
  select
    h.period, h.year, h.half, h.table_name, h.first_quarter, h.second_quarter,
    h.first_quarter_in, h.second_quarter_in, h.as_of_quarter,
    s.unit_code, s.unit_name, s.unit_level, s.unit_leader,
    s.row_no, 'org' as row_type, s.org_code, s.org_name, s.org_level,
    coalesce(mc.members_total, 0L) as members_total,
    coalesce(mc.members_exempt, 0L) as members_exempt,
    coalesce(mc.members_participating, 0L) as members_participating,
    coalesce(fq.branches, cast(array() as array<string>)) as members_as_of_first_quarter,
    gn.grade_names,
    g1.counts as first_grade_counts,
    g2.counts as second_grade_counts,
    coalesce(ac.action_remind_members, 0L) as action_remind_members,
    coalesce(ac.action_rectify_members, 0L) as action_rectify_members,
    coalesce(ac.action_handle_members, 0L) as action_handle_members,
    gn.scheme_id
  from half_status h
  cross join subordinates s
  left join grade_names gn on gn.year = h.year
  left join member_counts mc on mc.period = h.period and mc.org_code = s.org_code
  left join first_quarter_branches fq on fq.period = h.period and fq.org_code = s.org_code
  left join grade_arrays g1 on g1.period = h.period and g1.slot = 1 and g1.org_code = s.org_code
  left join grade_arrays g2 on g2.period = h.period and g2.slot = 2 and g2.org_code = s.org_code
  left join action_counts ac on ac.period = h.period and ac.org_code = s.org_code
  where h.as_of_quarter is not null
),

-- 合计 is the column sum of the rows above it (grade arrays summed position by position).
total_rows as (
  select
    period, year, half, table_name, first_quarter, second_quarter,
    first_quarter_in, second_quarter_in, as_of_quarter,
    unit_code, unit_name, unit_level, unit_leader,
    cast(max(row_no) + 1 as int) as row_no, 'total' as row_type,
    cast(null as string) as org_code, '合计' as org_name, cast(null as string) as org_level,
    sum(members_total) as members_total,
    sum(members_exempt) as members_exempt,
    sum(members_participating) as members_participating,
    array_sort(array_distinct(flatten(collect_list(members_as_of_first_quarter)))) as members_as_of_first_quarter,
    first(grade_names) as grade_names,
    case when first_quarter_in then aggregate(collect_list(first_grade_counts),
      array_repeat(0L, size(first(grade_names))), (acc, x) -> zip_with(acc, x, (a, b) -> a + b)) end
      as first_grade_counts,
    case when second_quarter_in then aggregate(collect_list(second_grade_counts),
      array_repeat(0L, size(first(grade_names))), (acc, x) -> zip_with(acc, x, (a, b) -> a + b)) end
      as second_grade_counts,
    sum(action_remind_members) as action_remind_members,
    sum(action_rectify_members) as action_rectify_members,
    sum(action_handle_members) as action_handle_members,
    first(scheme_id) as scheme_id
  from org_rows
  group by period, year, half, table_name, first_quarter, second_quarter, first_quarter_in, second_quarter_in,
           as_of_quarter, unit_code, unit_name, unit_level, unit_leader
),

final as (
  select
    r.period, r.year, r.half, r.table_name, r.first_quarter, r.second_quarter, r.first_quarter_in,
    r.second_quarter_in, r.as_of_quarter, r.unit_code, r.unit_name, r.unit_level, r.unit_leader, p.filler,
    r.row_no, r.row_type, r.org_code, r.org_name, r.org_level, r.members_total, r.members_exempt,
    r.members_participating, r.members_as_of_first_quarter, r.grade_names, r.first_grade_counts, r.second_grade_counts,
    r.action_remind_members, r.action_rectify_members, r.action_handle_members, r.scheme_id, p.computed_at
  from (select * from org_rows union all select * from total_rows) r
  cross join agg_params p
)

select * from final
