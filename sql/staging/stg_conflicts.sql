-- Grain: one row per period, member and branch for members on two or more branches' current
-- rosters in the same quarter (DOMAIN §8 Conflicts: counted nowhere that quarter).
with roster as (
  select period, member_code, branch_code
  from stg_roster
  where reject_code is null and is_current
),

multi as (
  select period, member_code, array_sort(collect_set(branch_code)) as branches
  from roster
  group by period, member_code
  having size(collect_set(branch_code)) > 1
),

final as (
  select distinct r.period, r.member_code, r.branch_code, array_join(m.branches, ', ') as branches
  from roster r
  join multi m on m.period = r.period and m.member_code = r.member_code
)

select * from final
