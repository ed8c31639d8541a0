-- gold.branch_ranking: one row per period x active 党支部, ranked by the rounded mean of its
-- graded members within its committee and district-wide. Ties: equal means share a rank and the
-- next rank is skipped (rank(): 1, 2, 2, 4); branches without graded members are not ranked.
-- Inputs: agg_periods, agg_all_stats (gold.org_period_stats), agg_orgs.
with periods as (
  select * from agg_periods
),

branches as (
  select s.*
  from agg_all_stats s
  join periods p on p.period = s.period
  where s.cut_type = 'org' and s.node_level = '党支部'
),

orgs as (
  select * from agg_orgs
),

ranked as (
  select
    period, node_code,
    cast(rank() over (partition by period, committee_code order by score_mean desc) as int) as rank_in_committee,
    cast(count(*) over (partition by period, committee_code) as int) as branches_ranked_in_committee,
    cast(rank() over (partition by period order by score_mean desc) as int) as rank_in_district,
    cast(count(*) over (partition by period) as int) as branches_ranked_in_district
  from branches
  where members_graded > 0
),

final as (
  select
    b.period, b.period_kind, b.year, b.quarter,
    b.node_code as branch_code, b.node_name as branch_name, o.parent_code, b.committee_code,
    c.org_name as committee_name, o.domain,
    b.members_graded, b.score_mean, b.score_median,
    try_element_at(b.grade_shares, 1) as top_grade_share,
    try_element_at(b.grade_shares, -1) as bottom_grade_share,
    r.rank_in_committee, r.branches_ranked_in_committee,
    r.rank_in_district, r.branches_ranked_in_district,
    b.computed_at
  from branches b
  join orgs o on o.org_code = b.node_code
  left join orgs c on c.org_code = b.committee_code
  left join ranked r on r.period = b.period and r.node_code = b.node_code
)

select * from final
