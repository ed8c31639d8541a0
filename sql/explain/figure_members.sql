-- explain.figure_members: one row per member (party member or activist) that the statistics place
-- at or below :node for :period (a quarter or a year), exactly as gold.org_period_stats counts them
-- (stg_member_periods joined to stg_org_nodes: a node includes its descendants), with the roster
-- row that placed the member there: the quarter's roster row, or for a year the roster row of the
-- member's last quarter of the year on an accepted roster (DOMAIN §8 Who counts).
-- Inputs: stg_member_periods, stg_org_nodes, agg_members, agg_orgs (AggregateJob.stageForReading).
with members as (
  select * from stg_member_periods where period = :period
),

nodes as (
  select * from stg_org_nodes where node_code = :node
),

rosters as (
  select
    r.*,
    row_number() over (partition by r.member_code order by r.quarter desc, r.branch_code) as rn
  from agg_members r
  where r.period = :period or cast(r.year as string) = :period
),

orgs as (
  select org_code, org_name from agg_orgs
),

final as (
  select
    m.member_code, r.name, m.branch_code, o.org_name as branch_name, m.standing, m.category,
    m.in_points_mgmt, m.is_party_member, m.status, m.score, m.grade, m.grade_no, m.graded, m.incomplete,
    r.period as roster_period, r.ledger_id, r.source_file, r.sheet, r.row_num
  from members m
  join nodes n on n.org_code = m.branch_code
  left join rosters r on r.member_code = m.member_code and r.branch_code = m.branch_code and r.rn = 1
  left join orgs o on o.org_code = m.branch_code
)

select * from final
