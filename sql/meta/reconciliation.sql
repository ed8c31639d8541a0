-- Grain: one row per ledger file of the periods being conformed.
-- Every data row read (cover lines excluded) is accepted, quarantined, or on a sheet that is not a
-- ledger sheet: rows_read must equal rows_accepted + rows_quarantined + rows_not_ledger, counted
-- independently from bronze, silver and quarantine. A rejected file quarantines all of its ledger
-- sheets' rows.
with read as (
  select
    file_sha256,
    count(*) as rows_read,
    count_if(sheet not in ('名册', '积分明细', '民主评议', '组织处置')) as rows_not_ledger,
    array_join(array_sort(collect_set(case when sheet not in ('名册', '积分明细', '民主评议', '组织处置')
                                           then sheet end)), ', ') as other_sheets
  from bronze_rows
  where sheet <> '封面'
  group by file_sha256
),

accepted_current as (
  select ledger_id, count(*) as n
  from (
    select ledger_id from conformed_members
    union all select ledger_id from conformed_entries
    union all select ledger_id from conformed_evaluations
    union all select ledger_id from conformed_actions
  )
  group by ledger_id
),

-- Rows of superseded versions passed validation; they stay on record outside silver.
accepted_superseded as (
  select ledger_id, count(*) as n
  from (
    select ledger_id from stg_roster where reject_code is null and not is_current
    union all select ledger_id from stg_entries where reject_code is null and not is_current
    union all select ledger_id from stg_evaluations where reject_code is null and not is_current
    union all select ledger_id from stg_actions where reject_code is null and not is_current
  )
  group by ledger_id
),

quarantined as (
  select ledger_id, count(*) as n
  from conformed_quarantine
  where ledger_status <> 'rejected'
  group by ledger_id
),

final as (
  select
    l.batch_id,
    l.inbox_period as period,
    l.source_file,
    l.file_sha256,
    l.received_at,
    l.branch_code,
    l.version,
    case when not l.accepted then 'rejected' when l.is_current then 'current' else 'superseded' end as outcome,
    coalesce(r.rows_read, 0) as rows_read,
    case when l.accepted then coalesce(ac.n, 0) + coalesce(sup.n, 0) else 0 end as rows_accepted,
    case when l.accepted then coalesce(q.n, 0)
         else coalesce(r.rows_read, 0) - coalesce(r.rows_not_ledger, 0) end as rows_quarantined,
    coalesce(r.rows_not_ledger, 0) as rows_not_ledger,
    nullif(r.other_sheets, '') as other_sheets,
    l.reject_code as problem_code,
    l.warning_code,
    l.warning_message
  from stg_ledgers l
  left join read r on r.file_sha256 = l.file_sha256
  left join accepted_current ac on ac.ledger_id = l.file_sha256
  left join accepted_superseded sup on sup.ledger_id = l.file_sha256
  left join quarantined q on q.ledger_id = l.file_sha256
)

select * from final
