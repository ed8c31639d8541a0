-- Intermediate step of the scoring job (not persisted): one row per member, window slot and
-- component, for the window :scope ('quarter': slot = quarter; 'year': slot = 0).
-- Generic: everything scheme-specific comes from the score_scheme_* views built from the
-- scheme file, so a new scheme needs no SQL change.
with roster as (
  select year, quarter, member_code, in_points_mgmt
  from score_members
),

entries as (
  select year, quarter, member_code, item_code, points
  from score_entries
),

evaluations as (
  select year, member_code, eval_grade, eval_score
  from score_evaluations
),

-- The year window counts only the quarters in which the member was in points management;
-- a quarter row exists for everyone on the roster (exempt members get no score later).
counted_quarters as (
  select year, quarter, member_code,
         case when :scope = 'year' then 0 else quarter end as slot
  from roster
  where :scope = 'quarter' or in_points_mgmt
),

slots as (
  select distinct year, slot, member_code
  from counted_quarters
),

item_totals as (
  select q.year, q.slot, q.member_code, e.item_code, sum(e.points) as total
  from entries e
  join counted_quarters q
    on q.year = e.year and q.quarter = e.quarter and q.member_code = e.member_code
  group by all
),

-- A cap bounds the absolute total of an item in the window. Items of a per-item start (B1-B4
-- each start at 20) contribute relative to their start, so items without entries need no row.
item_capped as (
  select t.year, t.slot, t.member_code, i.component,
         case
           when i.sign > 0 then least(t.total, case when :scope = 'year' then i.cap_year else i.cap_quarter end)
           else greatest(t.total, -(case when :scope = 'year' then i.cap_year else i.cap_quarter end))
         end as total
  from item_totals t
  join score_scheme_items i on i.code = t.item_code
  where i.component is not null
),

item_values as (
  select t.year, t.slot, t.member_code, t.component,
         case
           when c.type = 'start' and c.per_item then greatest(c.floor - c.start, t.total)
           else t.total
         end as contribution
  from item_capped t
  join score_scheme_components c on c.component = t.component
),

component_totals as (
  select year, slot, member_code, component, sum(contribution) as total
  from item_values
  group by all
),

-- Every member gets every entry-based component, entries or not (no entries: 80 under district-100).
entry_components as (
  select s.year, s.slot, s.member_code, c.component,
         case
           when c.type = 'start' and c.per_item then c.start * c.n_items + coalesce(t.total, 0)
           when c.type = 'start' then greatest(c.floor, c.start + coalesce(t.total, 0))
           else greatest(c.floor, least(coalesce(t.total, 0),
                  case when :scope = 'year' then c.cap_year else c.cap_quarter end))
         end as value
  from slots s
  cross join score_scheme_components c
  left join component_totals t
    on t.year = s.year and t.slot = s.slot and t.member_code = s.member_code and t.component = c.component
  where c.type <> 'evaluation'
),

-- 评议得分 wins over 评议等次; a member with neither has no evaluation row (未评定 later).
evaluation_components as (
  select s.year, s.slot, s.member_code, c.component,
         max(coalesce(ev.eval_score * c.score_factor, g.points)) as value
  from slots s
  join evaluations ev on ev.year = s.year and ev.member_code = s.member_code
  cross join score_scheme_components c
  left join score_scheme_eval_grades g on g.component = c.component and g.grade = ev.eval_grade
  where :scope = 'year' and c.type = 'evaluation'
  group by all
  having value is not null
),

final as (
  select year, slot, member_code, component, cast(value as decimal(20, 6)) as value
  from entry_components
  union all
  select year, slot, member_code, component, cast(value as decimal(20, 6)) as value
  from evaluation_components
)

select * from final
