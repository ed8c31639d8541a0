-- mart.submissions: one row per quarter and active branch (silver submissions) with names.
-- Inputs: src_submissions, src_orgs.
-- DuckDB SQL, run over the pinned Delta files; sql/mart/spark/submissions.sql is its Spark twin: change both.
with submissions as (
  select * from src_submissions
),

orgs as (
  select * from src_orgs
),

-- Hours late to one decimal, exactly as Spark's round((unix_timestamp(a) - unix_timestamp(b)) / 3600.0, 1)
-- (decimal, half away from zero): date_diff('second') is the difference of whole epoch seconds, and the
-- rounding is done in integers because DuckDB divides decimals as doubles.
lateness as (
  select *, date_diff('second', deadline, first_received_at) as seconds_late
  from submissions
),

final as (
  select
    s.period, s.year, s.quarter, s.branch_code, o.org_name as branch_name, o.committee_code, o.domain,
    s.status, s.first_received_at, s.deadline,
    case when s.status = 'late' then
      cast(cast(sign(s.seconds_late) * ((abs(s.seconds_late) + 180) // 360) as decimal(18, 0)) * 0.1 as decimal(8, 1))
    end as hours_late,
    s.version, s.ledgers
  from lateness s
  left join orgs o on o.org_code = s.branch_code
)

select * from final
