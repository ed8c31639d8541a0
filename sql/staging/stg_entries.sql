-- Grain: one row per 积分明细 data row of every accepted ledger of the periods being conformed.
-- Typed and validated against the ledger's own roster and the scheme in force for the year
-- (DOMAIN §8 row quarantine); the first failing rule wins.
with ledgers as (
  select file_sha256, source_file, inbox_period, branch_code, is_current
  from stg_ledgers
  where accepted
),

roster as (
  select distinct ledger_id, member_code
  from stg_roster
  where reject_code is null
),

rows as (
  select
    r.file_sha256, l.source_file, l.inbox_period as period, l.branch_code, l.is_current,
    cast(substr(l.inbox_period, 1, 4) as int) as year,
    cast(substr(l.inbox_period, 6, 1) as int) as quarter,
    r.sheet, r.row_num, r.over_limit, r.fields,
    trim(r.fields['党员编号']) as member_code,
    upper(trim(r.fields['项目编码'])) as item_code,
    trim(r.fields['日期']) as date_raw,
    trim(r.fields['分值']) as points_raw
  from bronze_rows r
  join ledgers l on l.file_sha256 = r.file_sha256
  where r.sheet = '积分明细'
),

typed as (
  select
    rows.*,
    ledger_date(date_raw) as entry_date,
    ledger_number(points_raw) as points_parsed,
    make_date(rows.year, rows.quarter * 3 - 2, 1) as quarter_start,
    last_day(make_date(rows.year, rows.quarter * 3, 1)) as quarter_end,
    i.code as known_item,
    i.sign,
    i.fixed_points,
    roster.member_code as on_roster
  from rows
  left join scheme_items i on i.year = rows.year and i.code = rows.item_code
  left join roster on roster.ledger_id = rows.file_sha256 and roster.member_code = rows.member_code
),

valued as (
  select
    *,
    -- Blank 分值 takes the fixed value where the scheme allows exactly one (DOMAIN §8).
    case
      when sign = 0 then null
      when coalesce(points_raw, '') = '' and size(fixed_points) = 1 then fixed_points[0]
      else points_parsed
    end as points
  from typed
),

verdict as (
  select
    *,
    case
      when over_limit is not null then 'VALUE_TOO_LONG'
      when on_roster is null then 'MEMBER_NOT_ON_ROSTER'
      when known_item is null then 'UNKNOWN_ITEM'
      when entry_date is null then 'DATE_INVALID'
      when entry_date not between quarter_start and quarter_end then 'DATE_OUTSIDE_QUARTER'
      when sign <> 0 and points is null then 'POINTS_NOT_NUMBER'
      when sign <> 0 and sign(points) <> sign then 'POINTS_SIGN'
      when sign <> 0 and size(fixed_points) > 0 and not array_contains(fixed_points, points)
        then 'POINTS_NOT_ALLOWED'
    end as reject_code
  from valued
),

final as (
  select
    period, year, quarter, branch_code, member_code, entry_date, item_code,
    points,
    nullif(trim(fields['依据']), '') as basis,
    nullif(trim(fields['登记人']), '') as registrar,
    ledger_number(fields['自评分']) as self_score,
    ledger_number(fields['党小组初评分']) as group_score,
    file_sha256 as ledger_id, source_file, sheet, row_num, is_current,
    reject_code,
    case reject_code
      when 'VALUE_TOO_LONG' then over_limit.column
      when 'MEMBER_NOT_ON_ROSTER' then '党员编号'
      when 'UNKNOWN_ITEM' then '项目编码'
      when 'DATE_INVALID' then '日期'
      when 'DATE_OUTSIDE_QUARTER' then '日期'
      else '分值'
    end as reject_column,
    case reject_code
      when 'VALUE_TOO_LONG' then format_string('%s… (%d characters)', left(fields[over_limit.column], 40), over_limit.chars)
      when 'MEMBER_NOT_ON_ROSTER' then coalesce(member_code, '')
      when 'UNKNOWN_ITEM' then coalesce(item_code, '')
      when 'DATE_INVALID' then coalesce(date_raw, '')
      when 'DATE_OUTSIDE_QUARTER' then date_raw
      else coalesce(points_raw, '')
    end as reject_value,
    case reject_code
      when 'VALUE_TOO_LONG' then format_string(
        '%s has %d characters (expected at most %d: a longer value is taken as a paste error or a damaged file)',
        over_limit.column, over_limit.chars, over_limit.max)
      when 'MEMBER_NOT_ON_ROSTER' then
        case when coalesce(member_code, '') = '' then '党员编号 is blank (expected a member code from this ledger''s 名册)'
             else format_string('党员编号 %s is not on this ledger''s 名册 (expected a member of the branch roster)', member_code) end
      when 'UNKNOWN_ITEM' then format_string(
        '项目编码 "%s" is not an item of the scheme in force for %d', coalesce(item_code, ''), year)
      when 'DATE_INVALID' then format_string(
        '日期 "%s" is not a date (expected YYYY-MM-DD, YYYY/M/D, YYYY年M月D日 or a date cell)', coalesce(date_raw, ''))
      when 'DATE_OUTSIDE_QUARTER' then format_string(
        '日期 %s is outside the ledger''s quarter %s (expected %s to %s)', cast(entry_date as string), period,
        cast(quarter_start as string), cast(quarter_end as string))
      when 'POINTS_NOT_NUMBER' then
        case when coalesce(points_raw, '') = '' then format_string(
               '分值 is blank; item %s needs its points (expected one of %s)', item_code,
               case when size(fixed_points) > 0 then array_join(transform(fixed_points, p -> cast(p as string)), ', ')
                    when sign > 0 then 'a positive number' else 'a negative number' end)
             else format_string('分值 "%s" is not a number (expected %s)', points_raw,
               case when sign > 0 then 'a positive number' else 'a negative number' end) end
      when 'POINTS_SIGN' then format_string(
        '分值 %s has the wrong sign for item %s (expected %s)', points_raw, item_code,
        case when sign > 0 then 'a positive bonus' else 'a negative deduction' end)
      when 'POINTS_NOT_ALLOWED' then format_string(
        '分值 %s is not allowed for item %s (expected one of %s)', points_raw, item_code,
        array_join(transform(fixed_points, p -> cast(p as string)), ', '))
    end as reject_reason
  from verdict
)

select * from final
