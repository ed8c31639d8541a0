-- Grain: one row per active 党支部 that gets a ledger template: every one of the district, or
-- those at or under the unit :unit (an empty :unit means the whole district).
with orgs as (
  select * from tpl_orgs
),

branches as (
  select * from orgs where level = '党支部' and active
),

final as (
  select
    b.org_code as branch_code,
    b.org_name as branch_name,
    p.org_name as parent_name,
    b.path
  from branches b
  left join orgs p on p.org_code = b.parent_code
  where :unit = '' or array_contains(split(b.path, '/'), :unit)
)

select * from final
