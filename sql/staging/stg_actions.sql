-- Grain: one row per 组织处置 data row of every accepted ledger of the periods being conformed.
with ledgers as (
  select file_sha256, source_file, inbox_period, branch_code, is_current
  from stg_ledgers
  where accepted
),

roster as (
  select distinct ledger_id, member_code from stg_roster where reject_code is null
),

rows as (
  select
    r.file_sha256, l.source_file, l.inbox_period as period, l.branch_code, l.is_current,
    cast(substr(l.inbox_period, 1, 4) as int) as year,
    cast(substr(l.inbox_period, 6, 1) as int) as quarter,
    r.sheet, r.row_num, r.over_limit, r.fields,
    trim(r.fields['党员编号']) as member_code,
    trim(r.fields['处置类型']) as action_type,
    nullif(trim(r.fields['日期']), '') as date_raw
  from bronze_rows r
  join ledgers l on l.file_sha256 = r.file_sha256
  where r.sheet = '组织处置'
),

typed as (
  select rows.*, ledger_date(date_raw) as action_date, roster.member_code as on_roster
  from rows
  left join roster on roster.ledger_id = rows.file_sha256 and roster.member_code = rows.member_code
),

verdict as (
  select
    *,
    case
      when over_limit is not null then 'VALUE_TOO_LONG'
      when on_roster is null then 'MEMBER_NOT_ON_ROSTER'
      when coalesce(action_type, '') not in ('告诫提醒', '帮教整改', '组织处理') then 'ACTION_TYPE_UNKNOWN'
      when date_raw is not null and action_date is null then 'DATE_INVALID'
    end as reject_code
  from typed
),

final as (
  select
    period, year, quarter, branch_code, member_code, action_date, action_type,
    nullif(trim(fields['说明']), '') as note,
    file_sha256 as ledger_id, source_file, sheet, row_num, is_current,
    reject_code,
    case reject_code
      when 'VALUE_TOO_LONG' then over_limit.column
      when 'MEMBER_NOT_ON_ROSTER' then '党员编号'
      when 'ACTION_TYPE_UNKNOWN' then '处置类型'
      when 'DATE_INVALID' then '日期'
    end as reject_column,
    case reject_code
      when 'VALUE_TOO_LONG' then format_string('%s… (%d characters)', left(fields[over_limit.column], 40), over_limit.chars)
      when 'MEMBER_NOT_ON_ROSTER' then coalesce(member_code, '')
      when 'ACTION_TYPE_UNKNOWN' then coalesce(action_type, '')
      when 'DATE_INVALID' then date_raw
    end as reject_value,
    case reject_code
      when 'VALUE_TOO_LONG' then format_string(
        '%s has %d characters (expected at most %d: a longer value is taken as a paste error or a damaged file)',
        over_limit.column, over_limit.chars, over_limit.max)
      when 'MEMBER_NOT_ON_ROSTER' then format_string(
        '党员编号 %s is not on this ledger''s 名册 (expected a member of the branch roster)', coalesce(member_code, ''))
      when 'ACTION_TYPE_UNKNOWN' then format_string(
        '处置类型 "%s" is not one of 告诫提醒, 帮教整改, 组织处理', coalesce(action_type, ''))
      when 'DATE_INVALID' then format_string(
        '日期 "%s" is not a date (expected YYYY-MM-DD, YYYY/M/D, YYYY年M月D日 or a date cell)', date_raw)
    end as reject_reason
  from verdict
)

select * from final
