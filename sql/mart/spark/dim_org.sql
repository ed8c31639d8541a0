-- Spark SQL twin of sql/mart/dim_org.sql, for warehouses DuckDB cannot read directly (HDFS, S3, deletion
-- vectors: MartBuilder.Engine). Change both together; MartEnginesTest checks they build the same mart.
-- mart.dim_org: one row per organization of the current org tree, with the path of names and
-- the committee. `leader` (负责人) is loaded into the restricted file only.
-- Inputs: src_orgs (silver orgs).
with orgs as (
  select * from src_orgs
),

path_parts as (
  select o.org_code, p.pos, p.code
  from orgs o
  lateral view posexplode(split(o.path, '/')) p as pos, code
),

path_names as (
  select pp.org_code,
         array_join(transform(array_sort(collect_list(struct(pp.pos, a.org_name))), x -> x.org_name), '/') as path_names
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
