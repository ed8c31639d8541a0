-- Grain: one row per active 党支部 and period being conformed.
-- Status comes from the branch's earliest accepted ledger (DOMAIN §8): on time when received by
-- 23:59:59 UTC+8 on the deadline day, late after it; without an accepted ledger, returned
-- (报送被退回) when at least one of its files was rejected whole, else missing. Rejected files are
-- not submissions (returned counts as not submitted everywhere); dissolved branches are not
-- expected. A rejected file is the branch's when its cover names that 党支部, else when its file
-- name spells exactly one 党支部 code (QS01B02_2025Q1.xlsx): the rule receipts address files by.
-- The deadline comes from the one-row view conform_params (deadline_days): Spark does not bind
-- named parameters inside CTE definitions.
with periods as (
  select period,
    cast(substr(period, 1, 4) as int) as year,
    cast(substr(period, 6, 1) as int) as quarter
  from conform_periods
),

branches as (
  select org_code as branch_code from orgs where level = '党支部' and active
),

accepted as (
  select
    inbox_period as period, branch_code,
    min(received_at) as first_received_at,
    max_by(file_sha256, struct(is_current)) as ledger_id,
    max(case when is_current then version end) as version,
    count(*) as ledgers
  from stg_ledgers
  where accepted
  group by inbox_period, branch_code
),

rejected as (
  select inbox_period as period, rejected_branch as branch_code, count(*) as rejected_files
  from (
    select inbox_period,
           case when org_level = '党支部' then org_code
                when name_codes is not null and not name_codes like '%,%' then name_codes end as rejected_branch
    from stg_ledgers
    where not accepted
  ) r
  where rejected_branch is not null
  group by inbox_period, rejected_branch
),

due as (
  select
    p.period, p.year, p.quarter, b.branch_code,
    date_add(last_day(make_date(p.year, p.quarter * 3, 1)), cp.deadline_days) as deadline_day
  from periods p
  cross join branches b
  cross join conform_params cp
),

final as (
  select
    d.period, d.year, d.quarter, d.branch_code,
    case
      when a.first_received_at is null and r.rejected_files > 0 then 'returned'
      when a.first_received_at is null then 'missing'
      when a.first_received_at <= d.deadline then 'on_time'
      else 'late'
    end as status,
    a.first_received_at,
    d.deadline,
    a.ledger_id,
    a.version,
    coalesce(a.ledgers, 0) as ledgers,
    coalesce(r.rejected_files, 0) as rejected_files
  from (
    select *, make_timestamp(year(deadline_day), month(deadline_day), day(deadline_day), 23, 59, 59, '+08:00') as deadline
    from due
  ) d
  left join accepted a on a.period = d.period and a.branch_code = d.branch_code
  left join rejected r on r.period = d.period and r.branch_code = d.branch_code
)

select * from final
