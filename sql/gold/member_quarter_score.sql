-- gold.member_quarter_score: one row per member and quarter on an accepted roster.
-- Inputs: score_members / score_entries (silver, filtered to the quarters being scored),
-- score_quarter_components (member_components.sql with :scope = 'quarter') and the
-- score_scheme_* views. The last column, score_exact (the unrounded score), feeds the annual
-- mean and is dropped before writing.
with roster as (
  select period, year, quarter, member_code, branch_code, standing, category, in_points_mgmt
  from score_members
),

components as (
  select year, slot as quarter, member_code, component, value
  from score_quarter_components
),

-- A flag is carried whenever one of its items has an entry in the quarter; whether it changes
-- the quarter's score is the scheme's business (score_scheme_flags).
flag_hits as (
  select distinct e.year, e.quarter, e.member_code, i.flag
  from score_entries e
  join score_scheme_items i on i.code = e.item_code
  where i.flag is not null
),

flags as (
  select h.year, h.quarter, h.member_code,
         bool_or(h.flag = 'veto') as veto,
         bool_or(h.flag = 'hard_fail') as hard_fail,
         bool_or(h.flag = 'zeroed') as zeroed,
         coalesce(bool_or(f.zero_score), false) as zero_score,
         coalesce(bool_or(f.fail_grade), false) as fail_grade
  from flag_hits h
  left join score_scheme_flags f on f.flag = h.flag and f.scope = 'quarter'
  group by all
),

linear as (
  select c.year, c.quarter, c.member_code,
         cast(sum(c.value * t.weight) as decimal(24, 8)) as total
  from components c
  join score_scheme_terms t on t.component = c.component and t.scope = 'quarter'
  group by all
),

component_maps as (
  select year, quarter, member_code,
         map_from_entries(collect_list(struct(component, cast(value as decimal(10, 2))))) as components
  from components
  group by all
),

formula as (
  select * from score_scheme_formula where scope = 'quarter'
),

scored as (
  select r.*,
         case
           when not r.in_points_mgmt then 'exempt'
           when s.standing is not null then 'graded'
           else 'activist'
         end as status,
         m.components,
         coalesce(fl.veto, false) as veto,
         coalesce(fl.hard_fail, false) as hard_fail,
         coalesce(fl.zeroed, false) as zeroed,
         coalesce(fl.fail_grade, false) as fail_grade,
         case
           when not r.in_points_mgmt then null
           when fl.zero_score then cast(0 as decimal(24, 8))
           else cast(least(f.max, greatest(f.min, l.total * f.scale_num / f.scale_den)) as decimal(24, 8))
         end as score_exact
  from roster r
  cross join formula f
  left join score_scheme_standings s on s.standing = r.standing
  left join linear l on l.year = r.year and l.quarter = r.quarter and l.member_code = r.member_code
  left join component_maps m on m.year = r.year and m.quarter = r.quarter and m.member_code = r.member_code
  left join flags fl on fl.year = r.year and fl.quarter = r.quarter and fl.member_code = r.member_code
),

-- Published scores are rounded half-up once; the grade is taken from the rounded score.
rounded as (
  select *, cast(round(score_exact, 1) as decimal(5, 1)) as score
  from scored
),

banded as (
  select r.period, r.member_code, max_by(b.grade, b.min) as band_grade
  from rounded r
  join score_scheme_bands b on b.min <= r.score
  group by all
),

graded as (
  select r.*,
         case
           when r.status <> 'graded' then null
           when r.fail_grade then :lowest_grade
           else b.band_grade
         end as grade
  from rounded r
  left join banded b on b.period = r.period and b.member_code = r.member_code
),

-- 分类排名: among the graded members of the branch, score desc, ties share a rank.
ranked as (
  select *,
         case when status = 'graded' then
           rank() over (partition by period, branch_code, status order by score desc)
         end as rank_in_branch,
         case when status = 'graded' then
           cume_dist() over (partition by period, branch_code, status order by score asc)
         end as percentile
  from graded
),

final as (
  select period, year, quarter, member_code, branch_code, standing, category, in_points_mgmt,
         status, components, veto, hard_fail, zeroed, score, grade,
         cast(rank_in_branch as int) as rank_in_branch, cast(percentile as double) as percentile,
         :scheme_id as scheme_id, :scheme_hash as scheme_hash, :scored_at as scored_at,
         score_exact
  from ranked
)

select * from final
