-- explain.figure_actions: one row per 组织处置 row that the statistics count at or below :node, for
-- the quarters :first_quarter to :last_quarter (one quarter, a half's two quarters or a year's four): a party member
-- on the roster of the ledger that recorded the action, counted under that ledger's branch, as
-- gold.org_period_stats and gold.stats_table count them (distinct members per action type).
-- Inputs: agg_actions, agg_members, stg_org_nodes, agg_orgs (AggregateJob.stageForReading).
with actions as (
  select * from agg_actions where period between :first_quarter and :last_quarter
),

nodes as (
  select * from stg_org_nodes where node_code = :node
),

orgs as (
  select org_code, org_name from agg_orgs
),

final as (
  select
    a.member_code, r.name, a.period, a.branch_code, o.org_name as branch_name, r.standing, a.action_type,
    a.action_date, a.note, a.ledger_id, a.source_file, a.sheet, a.row_num
  from actions a
  join agg_members r on r.period = a.period and r.branch_code = a.branch_code and r.member_code = a.member_code
  join nodes n on n.org_code = a.branch_code
  left join orgs o on o.org_code = a.branch_code
  where r.standing in ('正式党员', '预备党员')
)

select * from final
