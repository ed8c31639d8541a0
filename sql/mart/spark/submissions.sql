-- Spark SQL twin of sql/mart/submissions.sql, for warehouses DuckDB cannot read directly (HDFS, S3, deletion
-- vectors: MartBuilder.Engine). Change both together; MartEnginesTest checks they build the same mart.
-- mart.submissions: one row per quarter and active branch (silver submissions) with names.
-- Inputs: src_submissions, src_orgs.
with submissions as (
  select * from src_submissions
),

orgs as (
  select * from src_orgs
),

final as (
  select
    s.period, s.year, s.quarter, s.branch_code, o.org_name as branch_name, o.committee_code, o.domain,
    s.status, s.first_received_at, s.deadline,
    case when s.status = 'late' then
      cast(round((unix_timestamp(s.first_received_at) - unix_timestamp(s.deadline)) / 3600.0, 1) as decimal(8, 1))
    end as hours_late,
    s.version, s.ledgers
  from submissions s
  left join orgs o on o.org_code = s.branch_code
)

select * from final
