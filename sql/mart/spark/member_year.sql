-- Spark SQL twin of sql/mart/member_year.sql, for warehouses DuckDB cannot read directly (HDFS, S3, deletion
-- vectors: MartBuilder.Engine). Change both together; MartEnginesTest checks they build the same mart.
-- mart.member_year: one row per member and year (gold member_year_score), the member under the
-- pseudonymous member_key only. Inputs: src_member_year_score, src_orgs; function member_key.
with scores as (
  select * from src_member_year_score
),

orgs as (
  select * from src_orgs
),

final as (
  select
    member_key(s.member_code) as member_key,
    s.year, cast(s.year as string) as period, s.branch_code, o.committee_code, o.domain,
    s.standing, s.category, s.status, s.quarters_counted, s.components, s.veto, s.hard_fail, s.zeroed,
    s.quota_limited, s.score, s.grade, s.disposal, s.rank_in_branch, s.percentile,
    s.scheme_id, s.scheme_hash, s.scored_at
  from scores s
  left join orgs o on o.org_code = s.branch_code
)

select * from final
