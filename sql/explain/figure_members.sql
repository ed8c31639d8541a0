-- explain.figure_members: one row per member (party member or activist) that the statistics place
-- at or below :node for :period (a quarter, or a year with :year its number; :year null for a
-- quarter), exactly as gold.org_period_stats counts them (the rules of staging.stg_member_periods
-- and staging.stg_org_nodes: a node includes its descendants), with the roster row that placed
-- the member there: the quarter's roster row, or for a year the roster row of the member's last
-- quarter of the year on an accepted roster (DOMAIN §8 Who counts).
-- Portable SQL (DuckDB and Spark, org.jifen.read.WarehouseSql).
-- Inputs: members (silver), orgs (silver), quarter_scores (gold member_quarter_score),
-- year_scores (gold member_year_score).
with rosters as (
  select
    r.*,
    row_number() over (partition by r.member_code order by r.quarter desc, r.branch_code) as rn
  from members r
  where r.period = :period or r.year = :year
),

quarter_members as (
  select m.member_code, m.branch_code, m.standing, m.category, m.in_points_mgmt,
         s.status, s.score, s.grade
  from members m
  left join quarter_scores s on s.period = m.period and s.member_code = m.member_code
  where m.period = :period
),

-- a year: branch, standing and category of the member's last quarter; in points management when
-- in it in any quarter of the year
year_members as (
  select r.member_code, r.branch_code, r.standing, r.category,
         p.in_points as in_points_mgmt, s.status, s.score, s.grade
  from rosters r
  join (
    select member_code, max(case when in_points_mgmt then 1 else 0 end) = 1 as in_points
    from members where year = :year group by member_code
  ) p on p.member_code = r.member_code
  left join year_scores s on s.year = r.year and s.member_code = r.member_code
  where r.rn = 1 and r.year = :year
),

placed as (
  select * from quarter_members
  union all
  select * from year_members
),

-- the member's branch: an active 党支部 at or below the active node :node
branches as (
  select b.org_code as branch_code, b.org_name as branch_name
  from orgs b
  join orgs n on n.org_code = :node and n.active
  where b.active and b.level = '党支部' and instr('/' || b.path || '/', '/' || n.org_code || '/') > 0
),

final as (
  select
    m.member_code, r.name, m.branch_code, b.branch_name, m.standing, m.category, m.in_points_mgmt,
    m.standing in ('正式党员', '预备党员') as is_party_member,
    m.status, m.score, m.grade,
    m.standing in ('正式党员', '预备党员') and m.status = 'graded' and m.score is not null and m.grade is not null
      as graded,
    m.standing in ('正式党员', '预备党员') and m.status = 'incomplete' as incomplete,
    r.period as roster_period, r.ledger_id, r.source_file, r.sheet, r.row_num
  from placed m
  join branches b on b.branch_code = m.branch_code
  left join rosters r on r.member_code = m.member_code and r.branch_code = m.branch_code and r.rn = 1
)

select * from final
