-- Grain: one row per rejected file or rejected row of the periods being conformed.
-- Every message names the file, sheet, row and column and says what was expected.
with rejected_files as (
  select
    inbox_period as period, batch_id, source_file, file_sha256 as ledger_id, branch_code,
    reject_sheet as sheet, reject_row as row_num, reject_column as column_name,
    reject_code as reason_code,
    -- Reader problems already name the file; verdicts decided here get it prefixed.
    case when problem_code is not null then reject_message
         else concat(source_file, ', sheet ', reject_message) end as message,
    reject_value as raw_value,
    'rejected' as ledger_status
  from stg_ledgers
  where not accepted
),

batches as (
  select file_sha256, batch_id from stg_ledgers
),

row_rejects as (
  select period, source_file, ledger_id, branch_code, sheet, row_num, reject_column, reject_code,
         reject_reason, reject_value, is_current
  from stg_roster where reject_code is not null
  union all
  select period, source_file, ledger_id, branch_code, sheet, row_num, reject_column, reject_code,
         reject_reason, reject_value, is_current
  from stg_entries where reject_code is not null
  union all
  select period, source_file, ledger_id, branch_code, sheet, row_num, reject_column, reject_code,
         reject_reason, reject_value, is_current
  from stg_evaluations where reject_code is not null
  union all
  select period, source_file, ledger_id, branch_code, sheet, row_num, reject_column, reject_code,
         reject_reason, reject_value, is_current
  from stg_actions where reject_code is not null
),

accepted_rows as (
  select period, source_file, ledger_id, branch_code, sheet, row_num, member_code
  from stg_roster where reject_code is null and is_current
  union all
  select period, source_file, ledger_id, branch_code, sheet, row_num, member_code
  from stg_entries where reject_code is null and is_current
  union all
  select period, source_file, ledger_id, branch_code, sheet, row_num, member_code
  from stg_evaluations where reject_code is null and is_current
  union all
  select period, source_file, ledger_id, branch_code, sheet, row_num, member_code
  from stg_actions where reject_code is null and is_current
),

conflict_rows as (
  select
    a.period, a.source_file, a.ledger_id, a.branch_code, a.sheet, a.row_num,
    '党员编号' as reject_column, 'MEMBER_CONFLICT' as reject_code,
    format_string('党员编号 %s is on the rosters of branches %s in %s (expected one branch per member and quarter; '
                  || 'the rows stay out of every statistic until a corrected ledger resolves it)',
                  a.member_code, c.branches, a.period) as reject_reason,
    a.member_code as reject_value,
    true as is_current
  from accepted_rows a
  join (select distinct period, member_code, branches from stg_conflicts) c
    on c.period = a.period and c.member_code = a.member_code
),

located_rows as (
  select
    r.period, b.batch_id, r.source_file, r.ledger_id, r.branch_code,
    r.sheet, r.row_num, r.reject_column as column_name, r.reject_code as reason_code,
    format_string('%s, sheet %s, row %d, column %s: %s', r.source_file, r.sheet, r.row_num,
                  r.reject_column, r.reject_reason) as message,
    r.reject_value as raw_value,
    case when r.is_current then 'current' else 'superseded' end as ledger_status
  from (select * from row_rejects union all select * from conflict_rows) r
  join batches b on b.file_sha256 = r.ledger_id
),

all_rejections as (
  select * from rejected_files
  union all
  select * from located_rows
),

final as (
  select
    period, batch_id, source_file, ledger_id, branch_code, sheet, row_num, column_name, reason_code, message,
    -- National IDs stop at bronze: a rejected 身份证号 cell is kept masked, as the receipts show it.
    masked_value(column_name, raw_value) as raw_value,
    ledger_status
  from all_rejections
)

select * from final
