-- Grain: one row per ledger file of the periods being conformed.
-- Decides the file-level verdict (DOMAIN §8 whole-file rejection) and which accepted ledger is
-- the branch's current version (highest 版本, then latest received).
-- A ledger of a dissolved (撤销) branch is accepted with the warning BRANCH_DISSOLVED: the org tree
-- has no dissolution date, the branch sends ledgers only for quarters it still existed, and §8
-- rejects whole files only for the reasons it lists. Its members are scored and those quarters
-- count in their year; the branch itself stays out of submissions and statistics (stg_org_nodes).
with files as (
  select * from bronze_files
),

cover_lines as (
  select file_sha256, row_num, trim(k) as label, trim(v) as value
  from bronze_rows
  lateral view explode(fields) f as k, v
  where sheet = '封面'
),

-- Cover values longer than their column's limit (TextLimits): the file is rejected.
cover_over_limit as (
  select file_sha256, min_by(named_struct('row_num', row_num, 'column', over_limit.column,
                                          'chars', over_limit.chars, 'max', over_limit.max), row_num) as cover_long
  from bronze_rows
  where sheet = '封面' and over_limit is not null
  group by file_sha256
),

-- 党支部 codes of the org tree that the file's name spells out (QS01B01_2025Q1.xlsx → QS01B01).
name_branches as (
  select file_sha256, array_join(array_sort(collect_set(o.org_code)), ', ') as name_codes
  from (
    select file_sha256, explode(regexp_extract_all(source_file, '[A-Za-z0-9-]+', 0)) as token
    from bronze_files
  ) t
  join orgs o on o.org_code = t.token and o.level = '党支部'
  group by file_sha256
),

cover as (
  select
    file_sha256,
    max(case when label = '支部编码' then value end) as branch_code,
    max(case when label = '支部编码' then row_num end) as branch_code_row,
    max(case when label = '支部名称' then value end) as branch_name,
    max(case when label = '年度' then value end) as cover_year_raw,
    max(case when label = '年度' then row_num end) as cover_year_row,
    max(case when label = '季度' then value end) as cover_quarter_raw,
    max(case when label = '季度' then row_num end) as cover_quarter_row,
    max(case when label = '版本' then value end) as version_raw,
    max(case when label = '版本' then row_num end) as version_row,
    max(case when label = '填表人' then value end) as filler,
    max(case when label = '填表日期' then value end) as filled_on
  from cover_lines
  group by file_sha256
),

-- Member rows of each file's 名册: a ledger without any is not a submission (NO_ROSTER).
roster_rows as (
  select file_sha256, count(*) as roster_rows
  from bronze_rows
  where sheet = '名册'
  group by file_sha256
),

typed as (
  select
    f.*,
    coalesce(r.roster_rows, 0) as roster_rows,
    c.branch_code, c.branch_code_row, c.branch_name, c.filler, c.filled_on,
    c.cover_year_raw, c.cover_year_row, c.cover_quarter_raw, c.cover_quarter_row,
    c.version_raw, c.version_row,
    try_cast(regexp_replace(c.cover_year_raw, '[年\\s]', '') as int) as cover_year,
    try_cast(regexp_replace(c.cover_quarter_raw, '[第季度Qq\\s]', '') as int) as cover_quarter,
    case when c.version_raw is null or c.version_raw = '' then 1
         else try_cast(regexp_replace(c.version_raw, '[Vv\\s]', '') as int) end as version,
    o.org_code, o.level as org_level, o.active as org_active,
    cl.cover_long, nb.name_codes
  from files f
  left join cover_over_limit cl on cl.file_sha256 = f.file_sha256
  left join name_branches nb on nb.file_sha256 = f.file_sha256
  left join cover c on c.file_sha256 = f.file_sha256
  left join orgs o on o.org_code = c.branch_code
  left join roster_rows r on r.file_sha256 = f.file_sha256
),

verdict as (
  select
    *,
    case
      when problem_code is not null then problem_code
      when cover_long is not null then 'VALUE_TOO_LONG'
      when branch_code is null or branch_code = '' then 'COVER_INCOMPLETE'
      when org_code is null or org_level <> '党支部' then 'UNKNOWN_BRANCH'
      when cover_year is null or cover_quarter is null or cover_quarter not between 1 and 4
        then 'COVER_INCOMPLETE'
      when concat(cover_year, 'Q', cover_quarter) <> inbox_period then 'PERIOD_MISMATCH'
      when version is null or version < 1 then 'COVER_INVALID_VERSION'
      when roster_rows = 0 then 'NO_ROSTER'
    end as reject_code
  from typed
),

located as (
  select
    *,
    case reject_code
      when 'COVER_INCOMPLETE' then
        case when branch_code is null or branch_code = ''
             then '封面: 支部编码 is missing (expected a label 支部编码 in column A with the branch code in column B)'
             else format_string('封面 row %s, column B: 年度/季度 are "%s"/"%s" (expected a year like 2025 and a quarter 1-4)',
                                coalesce(cast(cover_quarter_row as string), '?'),
                                coalesce(cover_year_raw, ''), coalesce(cover_quarter_raw, '')) end
      when 'UNKNOWN_BRANCH' then
        format_string('封面 row %d, column B: 支部编码 "%s" is %s (expected the code of a 党支部 of the org tree)',
                      branch_code_row, branch_code,
                      case when org_code is null then 'not in the org tree'
                           else concat('a ', org_level, ', not a 党支部') end)
      when 'PERIOD_MISMATCH' then
        format_string('封面 rows %s-%s, column B: cover says %sQ%s but the file is in the inbox folder %s (expected 年度 %s, 季度 %s)',
                      cover_year_row, cover_quarter_row, cover_year, cover_quarter, inbox_period,
                      substr(inbox_period, 1, 4), substr(inbox_period, 6, 1))
      when 'COVER_INVALID_VERSION' then
        format_string('封面 row %d, column B: 版本 "%s" is not a whole number >= 1', version_row, version_raw)
      when 'VALUE_TOO_LONG' then
        format_string('封面 row %d, column B: the value of %s has %d characters (expected at most %d: a name or code, '
                      || 'not a pasted text)', cover_long.row_num, cover_long.column, cover_long.chars, cover_long.max)
      when 'NO_ROSTER' then
        '名册: no member rows (expected a sheet named 名册 listing the branch''s members); a ledger without its roster is not a submission: add the members and send it again'
      else problem_message
    end as reject_message,
    case when reject_code in ('UNKNOWN_BRANCH', 'VALUE_TOO_LONG') then '封面'
         when reject_code in ('PERIOD_MISMATCH', 'COVER_INCOMPLETE', 'COVER_INVALID_VERSION') then '封面'
         when reject_code = 'NO_ROSTER' then '名册'
         else problem_sheet end as reject_sheet,
    case reject_code
      when 'UNKNOWN_BRANCH' then branch_code_row
      when 'PERIOD_MISMATCH' then cover_quarter_row
      when 'COVER_INVALID_VERSION' then version_row
      when 'COVER_INCOMPLETE' then coalesce(cover_quarter_row, branch_code_row)
      when 'VALUE_TOO_LONG' then cover_long.row_num
      else problem_row
    end as reject_row,
    case when reject_code in ('UNKNOWN_BRANCH', 'PERIOD_MISMATCH',
                              'COVER_INCOMPLETE', 'COVER_INVALID_VERSION', 'VALUE_TOO_LONG') then 'B'
         else problem_column end as reject_column,
    case reject_code
      when 'UNKNOWN_BRANCH' then branch_code
      when 'PERIOD_MISMATCH' then concat(cover_year_raw, '/', cover_quarter_raw)
      when 'COVER_INVALID_VERSION' then version_raw
      when 'VALUE_TOO_LONG' then format_string('(%d characters)', cover_long.chars)
    end as reject_value,
    -- Accepted by the cover, but the file's name names another branch: sent for the wrong branch?
    -- (One warning per file: this one first, as it asks the branch to check what it sent.)
    -- Else accepted for a branch dissolved in the org tree: said, so that nobody wonders why the
    -- branch has no statistics row.
    case when reject_code is null and name_codes is not null and not array_contains(split(name_codes, ', '), branch_code)
         then 'FILE_NAME_BRANCH'
         when reject_code is null and not org_active then 'BRANCH_DISSOLVED' end as warning_code,
    case when reject_code is null and name_codes is not null and not array_contains(split(name_codes, ', '), branch_code)
         then format_string('%s: the file name names branch %s but the cover (封面, 支部编码) says %s; accepted as %s '
                            || '(the cover decides): check that the file was not sent for the wrong branch',
                            source_file, name_codes, branch_code, branch_code)
         when reject_code is null and not org_active
         then format_string('%s: branch %s (封面 row %d, column B) is dissolved (撤销) in the org tree (itself or '
                            || 'an organization above it); accepted as %s for a quarter it still existed: its members '
                            || 'are scored and the quarter counts in their year, but a dissolved branch is not '
                            || 'expected to submit and has no row of its own in the statistics',
                            source_file, branch_code, branch_code_row, branch_code)
         end as warning_message
  from verdict
),

final as (
  select
    *,
    reject_code is null as accepted,
    coalesce(reject_code is null and row_number() over (
        partition by inbox_period, branch_code, reject_code is null
        order by version desc, received_at desc, file_sha256) = 1, false) as is_current
  from located
)

select * from final
