-- Grain: one row per active 党支部 that gets a ledger template: every one of the district, or
-- those at or under the unit :unit (an empty :unit means the whole district). Reads the views
-- orgs (silver orgs); portable SQL (DuckDB and Spark).
with branches as (
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
  -- the unit is one of the codes of the branch's path (codes joined with '/')
  where :unit = '' or position(concat('/', :unit, '/') in concat('/', b.path, '/')) > 0
)

select * from final
order by branch_code
