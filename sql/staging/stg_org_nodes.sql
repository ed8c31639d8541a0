-- Grain: one row per active node of the org tree and active organization at or below it.
-- A node's figures include all its descendants, so every statistic joins members to nodes here.
-- Dissolved (撤销) organizations, and everything under them, appear in no statistic (DOMAIN §8).
-- A dissolved branch's accepted ledgers (issue 19) put its members on no node for those quarters:
-- no total counts a member that no row of a statistics table shows.
with orgs as (
  select * from agg_orgs where active
),

pairs as (
  select o.org_code, node_code
  from orgs o
  lateral view explode(split(o.path, '/')) p as node_code
),

final as (
  select
    n.org_code as node_code,
    n.org_name as node_name,
    n.level as node_level,
    n.depth as node_depth,
    n.path as node_path,
    n.committee_code,
    o.org_code,
    o.level as org_level,
    o.domain as org_domain
  from pairs p
  join orgs n on n.org_code = p.node_code
  join orgs o on o.org_code = p.org_code
)

select * from final
