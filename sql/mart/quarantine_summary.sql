-- mart.quarantine_summary: counts of quarantined rows and rejected files by period, file, sheet
-- and reason. Messages and raw values stay in the warehouse: they can hold member codes, names
-- and national IDs. A rejected file whose cover names no branch (unreadable, encrypted, no 封面)
-- is the branch's whose 党支部 code its file name spells, when it spells exactly one
-- (QS01B02_2025Q1.xlsx): the rule silver submissions ('returned') and receipts use.
-- Inputs: src_quarantine (quarantine rows), src_orgs.
-- DuckDB SQL, run over the pinned Delta files; sql/mart/spark/quarantine_summary.sql is its Spark twin: change both.
with quarantine as (
  select * from src_quarantine
),

orgs as (
  select * from src_orgs
),

unnamed_files as (
  select distinct source_file
  from quarantine
  where ledger_status = 'rejected' and coalesce(branch_code, '') = ''
),

name_tokens as (
  select source_file, unnest(regexp_extract_all(source_file, '[A-Za-z0-9-]+')) as token
  from unnamed_files
),

name_branches as (
  select t.source_file, min(o.org_code) as branch_code, count(distinct o.org_code) as codes
  from name_tokens t
  join orgs o on o.org_code = t.token and o.level = '党支部'
  group by t.source_file
),

placed as (
  select
    q.period, q.source_file,
    case when coalesce(q.branch_code, '') <> '' then q.branch_code
         when q.ledger_status = 'rejected' and n.codes = 1 then n.branch_code end as branch_code,
    case when coalesce(q.branch_code, '') <> '' then 'cover'
         when q.ledger_status = 'rejected' and n.codes = 1 then 'file_name' end as branch_source,
    q.sheet, q.reason_code, q.ledger_status
  from quarantine q
  left join name_branches n on n.source_file = q.source_file
),

final as (
  select period, source_file, branch_code, branch_source, sheet, reason_code, ledger_status, count(*) as items
  from placed
  group by period, source_file, branch_code, branch_source, sheet, reason_code, ledger_status
)

select * from final
