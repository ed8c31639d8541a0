-- Grain: one row per 民主评议 data row of every accepted ledger of the periods being conformed.
-- 评议得分 wins over 评议等次 when both are given (DOMAIN §8); the grade must be one the scheme maps.
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
    nullif(trim(r.fields['评议等次']), '') as grade_raw,
    nullif(trim(r.fields['评议得分']), '') as score_raw
  from bronze_rows r
  join ledgers l on l.file_sha256 = r.file_sha256
  where r.sheet = '民主评议'
),

typed as (
  select
    rows.*,
    ledger_number(score_raw) as eval_score,
    g.grade as known_grade,
    roster.member_code as on_roster
  from rows
  left join scheme_grades g on g.year = rows.year and g.grade = rows.grade_raw
  left join roster on roster.ledger_id = rows.file_sha256 and roster.member_code = rows.member_code
),

verdict as (
  select
    *,
    case
      when over_limit is not null then 'VALUE_TOO_LONG'
      when on_roster is null then 'MEMBER_NOT_ON_ROSTER'
      when grade_raw is null and score_raw is null then 'EVALUATION_EMPTY'
      when score_raw is not null and (eval_score is null or eval_score not between 0 and 100) then 'EVALUATION_SCORE_INVALID'
      when grade_raw is not null and known_grade is null then 'EVALUATION_GRADE_UNKNOWN'
    end as reject_code
  from typed
),

final as (
  select
    period, year, quarter, branch_code, member_code,
    grade_raw as eval_grade,
    cast(eval_score as decimal(5, 1)) as eval_score,
    file_sha256 as ledger_id, source_file, sheet, row_num, is_current,
    reject_code,
    case reject_code
      when 'VALUE_TOO_LONG' then over_limit.column
      when 'MEMBER_NOT_ON_ROSTER' then '党员编号'
      when 'EVALUATION_SCORE_INVALID' then '评议得分'
      else '评议等次'
    end as reject_column,
    case reject_code
      when 'VALUE_TOO_LONG' then format_string('%s… (%d characters)', left(fields[over_limit.column], 40), over_limit.chars)
      when 'MEMBER_NOT_ON_ROSTER' then coalesce(member_code, '')
      when 'EVALUATION_SCORE_INVALID' then score_raw
      when 'EVALUATION_GRADE_UNKNOWN' then grade_raw
      else ''
    end as reject_value,
    case reject_code
      when 'VALUE_TOO_LONG' then format_string(
        '%s has %d characters (expected at most %d: a longer value is taken as a paste error or a damaged file)',
        over_limit.column, over_limit.chars, over_limit.max)
      when 'MEMBER_NOT_ON_ROSTER' then format_string(
        '党员编号 %s is not on this ledger''s 名册 (expected a member of the branch roster)', coalesce(member_code, ''))
      when 'EVALUATION_EMPTY' then '评议等次 and 评议得分 are both blank (expected a grade or a score 0-100)'
      when 'EVALUATION_SCORE_INVALID' then format_string(
        '评议得分 "%s" is not a number from 0 to 100', score_raw)
      when 'EVALUATION_GRADE_UNKNOWN' then format_string(
        '评议等次 "%s" is not a grade the scheme maps (expected one of %s)', grade_raw,
        (select array_join(sort_array(collect_set(grade)), ', ') from scheme_grades))
    end as reject_reason
  from verdict
)

select * from final
