-- mart.member_identity (restricted file only): member_key → 党员编号 and name, for authorised
-- staff. The latest roster row of each member gives the name and branch; no national ID.
-- Inputs: src_members (silver members), member_keys (member_code → member_key, hashed by MartBuilder).
-- DuckDB SQL, run over the pinned Delta files; sql/mart/spark/member_identity.sql is its Spark twin: change both.
with members as (
  select * from src_members
),

keys as (
  select * from member_keys
),

latest as (
  select
    member_code,
    max_by(name, period) as name,
    max_by(branch_code, period) as branch_code,
    max(period) as last_period
  from members
  group by member_code
),

final as (
  select k.member_key, l.member_code, l.name, l.branch_code, l.last_period
  from latest l
  left join keys k on k.member_code = l.member_code
)

select * from final
