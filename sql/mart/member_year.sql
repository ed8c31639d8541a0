-- mart.member_year: one row per member and year (gold member_year_score), the member under the
-- pseudonymous member_key only.
-- Inputs: src_member_year_score, src_orgs, member_keys (member_code → member_key, hashed by MartBuilder).
-- DuckDB SQL, run over the pinned Delta files; sql/mart/spark/member_year.sql is its Spark twin: change both.
with scores as (
  select * from src_member_year_score
),

orgs as (
  select * from src_orgs
),

keys as (
  select * from member_keys
),

final as (
  select
    k.member_key,
    s.year, cast(s.year as varchar) as period, s.branch_code, o.committee_code, o.domain,
    s.standing, s.category, s.status, s.quarters_counted, s.components, s.veto, s.hard_fail, s.zeroed,
    s.quota_limited, s.score, s.grade, s.disposal, s.rank_in_branch, s.percentile,
    s.scheme_id, s.scheme_hash, s.scored_at
  from scores s
  left join orgs o on o.org_code = s.branch_code
  left join keys k on k.member_code = s.member_code
)

select * from final
