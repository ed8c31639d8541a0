-- Grain: one row per member pre-filled on a branch's ledger template for the quarter :period.
-- A branch's roster is its latest accepted roster before :period (silver members holds only the
-- current ledger of each quarter). A member who appears later on another branch's roster moved
-- there and is left off: only the branch of the member's latest roster lists them, so a branch
-- whose later ledgers are missing never re-lists a member who left (no MEMBER_CONFLICT next quarter).
-- Reads the view members (silver members); portable SQL (DuckDB and Spark).
with earlier as (
  select * from members where period < :period
),

branch_latest as (
  select branch_code, max(period) as period from earlier group by branch_code
),

member_latest as (
  select member_code, max(period) as period from earlier group by member_code
),

final as (
  select
    m.branch_code, m.period as roster_period, m.row_num, m.member_code, m.name, m.id_status, m.gender,
    m.birth_date, m.join_date, m.standing, m.category, m.in_points_mgmt, m.exempt_reason, m.party_group
  from earlier m
  join branch_latest b on b.branch_code = m.branch_code and b.period = m.period
  join member_latest l on l.member_code = m.member_code and l.period = m.period
)

select * from final
order by branch_code, row_num, member_code
