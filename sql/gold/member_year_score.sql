-- gold.member_year_score: one row per member in points management in at least one quarter of
-- the year. Inputs: score_members / score_entries / score_evaluations (silver, the whole year),
-- score_quarter_scores (member_quarter_score.sql over the four quarters), score_quarter_components
-- and score_year_components (member_components.sql), score_previous_years (earlier annual rows,
-- for the consecutive-years disposal rule) and the score_scheme_* views.
with roster as (
  select year, quarter, member_code, branch_code, standing, category, in_points_mgmt
  from score_members
),

-- Branch, standing and category for the year are those of the last quarter on an accepted
-- roster (a member who moved is graded in the branch of the latest quarter).
year_roster as (
  select year, member_code,
         max_by(branch_code, quarter) as branch_code,
         max_by(standing, quarter) as standing,
         max_by(category, quarter) as category,
         max_by(in_points_mgmt, quarter) as in_points_mgmt,
         cast(count_if(in_points_mgmt) as int) as quarters_counted
  from roster
  group by all
),

members as (
  -- a member never in points management during the year gets no annual result
  select * from year_roster where quarters_counted > 0
),

counted_entries as (
  select e.member_code, e.item_code, e.points
  from score_entries e
  join roster r on r.year = e.year and r.quarter = e.quarter and r.member_code = e.member_code
  where r.in_points_mgmt
),

flag_hits as (
  select distinct e.member_code, i.flag
  from counted_entries e
  join score_scheme_items i on i.code = e.item_code
  where i.flag is not null
),

flags as (
  select h.member_code,
         bool_or(h.flag = 'veto') as veto,
         bool_or(h.flag = 'hard_fail') as hard_fail,
         bool_or(h.flag = 'zeroed') as zeroed,
         coalesce(bool_or(f.zero_score), false) as zero_score,
         coalesce(bool_or(f.fail_grade), false) as fail_grade
  from flag_hits h
  left join score_scheme_flags f on f.flag = h.flag and f.scope = 'year'
  group by all
),

-- Quota tie-break: the smaller absolute total of the scheme's tie-break items (D deductions).
tie_break as (
  select e.member_code, abs(sum(e.points)) as total
  from counted_entries e
  join score_scheme_items i on i.code = e.item_code
  where i.tie_break
  group by all
),

year_components as (
  select member_code, component, value
  from score_year_components
),

-- mean_of_quarters: the annual components are the means of the counted quarters' components.
quarter_component_means as (
  select c.member_code, c.component, avg(c.value) as value
  from score_quarter_components c
  join roster r on r.year = c.year and r.quarter = c.slot and r.member_code = c.member_code
  where r.in_points_mgmt
  group by all
),

component_rows as (
  select member_code, component, value from year_components where :method = 'components'
  union all
  select member_code, component, value from quarter_component_means where :method = 'mean_of_quarters'
),

component_maps as (
  select member_code,
         map_from_entries(collect_list(struct(component, cast(value as decimal(10, 2))))) as components
  from component_rows
  group by all
),

-- A term missing for a member can only be an evaluation: then the annual score is unknown (未评定).
linear as (
  select c.member_code,
         cast(sum(c.value * t.weight) as decimal(24, 8)) as total,
         count(*) = :year_terms as complete
  from year_components c
  join score_scheme_terms t on t.component = c.component and t.scope = 'year'
  group by all
),

-- Exact quarter scores are averaged; rounding happens once, on the annual score.
quarter_mean as (
  select q.member_code, cast(sum(q.score_exact) / count(*) as decimal(24, 8)) as total
  from score_quarter_scores q
  where q.in_points_mgmt
  group by all
),

formula as (
  select * from score_scheme_formula where scope = 'year'
),

scored as (
  select m.*,
         cm.components,
         coalesce(fl.veto, false) as veto,
         coalesce(fl.hard_fail, false) as hard_fail,
         coalesce(fl.zeroed, false) as zeroed,
         coalesce(fl.zero_score, false) as zero_score,
         coalesce(fl.fail_grade, false) as fail_grade,
         case when :method = 'mean_of_quarters' then qm.total is not null else coalesce(l.complete, false) end as complete,
         case when :method = 'mean_of_quarters' then qm.total else l.total * f.scale_num / f.scale_den end as raw,
         coalesce(tb.total, 0) as tie_break_total,
         f.min as range_min, f.max as range_max
  from members m
  cross join formula f
  left join component_maps cm on cm.member_code = m.member_code
  left join flags fl on fl.member_code = m.member_code
  left join linear l on l.member_code = m.member_code
  left join quarter_mean qm on qm.member_code = m.member_code
  left join tie_break tb on tb.member_code = m.member_code
),

statused as (
  select s.*,
         case
           when not s.in_points_mgmt then 'exempt'
           when st.standing is null then 'activist'
           -- nothing is assumed for a missing evaluation, unless a flag decides the outcome anyway
           when not s.complete and not s.zero_score and not s.fail_grade then 'incomplete'
           else 'graded'
         end as status,
         case
           when not s.in_points_mgmt then null
           when s.zero_score then cast(0 as decimal(24, 8))
           when not s.complete then null
           else cast(least(s.range_max, greatest(s.range_min, s.raw)) as decimal(24, 8))
         end as score_exact
  from scored s
  left join score_scheme_standings st on st.standing = s.standing
),

rounded as (
  select *, cast(round(score_exact, 1) as decimal(5, 1)) as score
  from statused
),

banded as (
  select r.member_code, max_by(b.grade, b.min) as band_grade
  from rounded r
  join score_scheme_bands b on b.min <= r.score
  group by all
),

pre_graded as (
  select r.*,
         case
           when r.status <> 'graded' then null
           when r.fail_grade then :lowest_grade
           else b.band_grade
         end as pre_grade
  from rounded r
  left join banded b on b.member_code = r.member_code
),

-- Quota: per branch at most floor(percent * N / 100) keep the quota grade, N = graded members
-- with an annual score; ranked by score desc, smaller tie-break total, member code asc.
quota_ranked as (
  select p.*,
         count_if(status = 'graded' and score is not null) over (partition by branch_code) as quota_n,
         row_number() over (
           partition by branch_code, (status = 'graded' and pre_grade = :quota_grade)
           order by score desc, tie_break_total asc, member_code asc) as quota_rank
  from pre_graded p
),

quota_applied as (
  select q.*,
         coalesce(:has_quota and status = 'graded' and pre_grade = :quota_grade
                  and quota_rank > floor(:quota_percent * quota_n / 100), false) as quota_limited
  from quota_ranked q
),

graded as (
  select q.*, case when q.quota_limited then :quota_demote_to else q.pre_grade end as grade
  from quota_applied q
),

-- Years before this one with the consecutive-disposal grade (e.g. 基本合格 two years running).
previous as (
  select member_code, count(distinct year) as years
  from score_previous_years
  where grade = :consecutive_grade and year >= :year - :consecutive_years + 1 and year < :year
  group by all
),

disposal as (
  select g.*,
         coalesce(g.status = 'graded' and (
             dg.grade is not null
             or (:consecutive_years > 0 and g.grade = :consecutive_grade
                 and coalesce(p.years, 0) = :consecutive_years - 1)), false) as disposal
  from graded g
  left join score_scheme_disposal_grades dg on dg.grade = g.grade
  left join previous p on p.member_code = g.member_code
),

ranked as (
  select *,
         case when status = 'graded' and score is not null then
           rank() over (partition by branch_code, status = 'graded' and score is not null order by score desc)
         end as rank_in_branch,
         case when status = 'graded' and score is not null then
           cume_dist() over (partition by branch_code, status = 'graded' and score is not null order by score asc)
         end as percentile
  from disposal
),

final as (
  select year, member_code, branch_code, standing, category, status, quarters_counted, components,
         veto, hard_fail, zeroed, quota_limited, score, grade, disposal,
         cast(rank_in_branch as int) as rank_in_branch, cast(percentile as double) as percentile,
         :scheme_id as scheme_id, :scheme_hash as scheme_hash, :scored_at as scored_at
  from ranked
)

select * from final
