-- mart.dim_org: one row per organization of the current org tree, with the path of names and
-- the committee. `leader` (负责人) is loaded into the restricted file only.
-- Inputs: src_orgs (silver orgs).
-- DuckDB SQL, run over the pinned Delta files; sql/mart/spark/dim_org.sql is its Spark twin: change both.
with orgs as (
  select * from src_orgs
),

path_parts as (
  select o.org_code, p.pos, p.code
  from orgs o, unnest(string_split(o.path, '/')) with ordinality as p(code, pos)
),

-- Spark's array_join gives '' where every name on the path is null; string_agg gives null.
path_names as (
  select pp.org_code, coalesce(string_agg(a.org_name, '/' order by pp.pos), '') as path_names
  from path_parts pp
  join orgs a on a.org_code = pp.code
  group by pp.org_code
),

-- Reporting units of the statistics tables: the district and every active organization with
-- active subordinates (DOMAIN §8).
units as (
  select distinct parent_code as org_code from orgs where active and parent_code is not null
),

final as (
  select
    o.org_code, o.org_name, o.parent_code, o.level, o.domain, o.status, o.active, o.depth, o.path,
    n.path_names, o.committee_code, c.org_name as committee_name, o.row_num as sort_order,
    o.active and u.org_code is not null as is_reporting_unit,
    o.leader
  from orgs o
  left join path_names n on n.org_code = o.org_code
  left join orgs c on c.org_code = o.committee_code
  left join units u on u.org_code = o.org_code
)

select * from final
