-- Grain: one row per 名册 data row of every accepted ledger of the periods being conformed.
-- Typed and validated; reject_* says why a row is quarantined (first failing rule wins).
with ledgers as (
  select file_sha256, source_file, inbox_period, branch_code, is_current
  from stg_ledgers
  where accepted
),

rows as (
  select
    r.file_sha256, l.source_file, l.inbox_period as period, l.branch_code, l.is_current,
    r.sheet, r.row_num, r.over_limit, r.fields,
    trim(r.fields['党员编号']) as member_code,
    trim(r.fields['党员身份']) as standing_raw,
    trim(r.fields['参加积分管理']) as in_pm_raw,
    trim(r.fields['未参加原因']) as exempt_reason_raw
  from bronze_rows r
  join ledgers l on l.file_sha256 = r.file_sha256
  where r.sheet = '名册'
),

checked as (
  select
    *,
    row_number() over (partition by file_sha256, member_code order by row_num) as occurrence,
    min(row_num) over (partition by file_sha256, member_code) as first_row
  from rows
),

verdict as (
  select
    *,
    case
      when over_limit is not null then 'VALUE_TOO_LONG'
      when member_code is null or member_code = '' then 'ROSTER_NO_MEMBER_CODE'
      when occurrence > 1 then 'DUPLICATE_ROSTER_ROW'
      when standing_raw is null or standing_raw not in ('正式党员', '预备党员', '入党积极分子') then 'INVALID_STANDING'
      when coalesce(in_pm_raw, '') not in ('是', '否', '') then 'INVALID_IN_POINTS_MANAGEMENT'
    end as reject_code
  from checked
),

final as (
  select
    period,
    cast(substr(period, 1, 4) as int) as year,
    cast(substr(period, 6, 1) as int) as quarter,
    branch_code,
    member_code,
    nullif(trim(fields['姓名']), '') as name,
    nullif(trim(fields['身份证号']), '') as id_number,
    nullif(trim(fields['性别']), '') as gender,
    ledger_date(fields['出生日期']) as birth_date,
    ledger_date(fields['入党日期']) as join_date,
    standing_raw as standing,
    nullif(trim(fields['党员类别']), '') as category,
    -- Blank 参加积分管理 means 是 unless a 未参加原因 is given.
    case when in_pm_raw = '否' then false
         when in_pm_raw = '是' then true
         else coalesce(exempt_reason_raw, '') = '' end as in_points_mgmt,
    nullif(exempt_reason_raw, '') as exempt_reason,
    nullif(trim(fields['党小组']), '') as party_group,
    file_sha256 as ledger_id,
    source_file,
    sheet,
    row_num,
    is_current,
    reject_code,
    case reject_code
      when 'VALUE_TOO_LONG' then over_limit.column
      when 'ROSTER_NO_MEMBER_CODE' then '党员编号'
      when 'DUPLICATE_ROSTER_ROW' then '党员编号'
      when 'INVALID_STANDING' then '党员身份'
      when 'INVALID_IN_POINTS_MANAGEMENT' then '参加积分管理'
    end as reject_column,
    case reject_code
      when 'VALUE_TOO_LONG' then format_string('%s… (%d characters)', left(fields[over_limit.column], 40), over_limit.chars)
      when 'ROSTER_NO_MEMBER_CODE' then ''
      when 'DUPLICATE_ROSTER_ROW' then member_code
      when 'INVALID_STANDING' then coalesce(standing_raw, '')
      when 'INVALID_IN_POINTS_MANAGEMENT' then in_pm_raw
    end as reject_value,
    case reject_code
      when 'VALUE_TOO_LONG' then format_string(
        '%s has %d characters (expected at most %d: a longer value is taken as a paste error or a damaged file)',
        over_limit.column, over_limit.chars, over_limit.max)
      when 'ROSTER_NO_MEMBER_CODE' then '党员编号 is blank (expected the member code of every roster row)'
      when 'DUPLICATE_ROSTER_ROW' then format_string(
        '党员编号 %s already appears on row %d of this roster (expected each member once)', member_code, first_row)
      when 'INVALID_STANDING' then format_string(
        '党员身份 "%s" is not one of 正式党员, 预备党员, 入党积极分子', coalesce(standing_raw, ''))
      when 'INVALID_IN_POINTS_MANAGEMENT' then format_string(
        '参加积分管理 "%s" is not 是 or 否', in_pm_raw)
    end as reject_reason
  from verdict
)

select * from final
