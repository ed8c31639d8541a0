-- explain.figure_actions: one row per 组织处置 row that the statistics count at or below :node, for
-- the quarters :first_quarter to :last_quarter (one quarter, a half's two quarters or a year's four): a party member
-- on the roster of the ledger that recorded the action, counted under that ledger's branch (an
-- active organization at or below the active node :node), as gold.org_period_stats and
-- gold.stats_table count them (distinct members per action type).
-- Portable SQL (DuckDB and Spark, org.jifen.read.WarehouseSql).
-- Inputs: actions (silver), members (silver), orgs (silver).
with nodes as (
  select b.org_code, b.org_name
  from orgs b
  join orgs n on n.org_code = :node and n.active
  where b.active and instr('/' || b.path || '/', '/' || n.org_code || '/') > 0
),

final as (
  select
    a.member_code, r.name, a.period, a.branch_code, n.org_name as branch_name, r.standing, a.action_type,
    a.action_date, a.note, a.ledger_id, a.source_file, a.sheet, a.row_num
  from actions a
  join members r on r.period = a.period and r.branch_code = a.branch_code and r.member_code = a.member_code
  join nodes n on n.org_code = a.branch_code
  where a.period between :first_quarter and :last_quarter and r.standing in ('正式党员', '预备党员')
)

select * from final
