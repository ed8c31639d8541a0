-- explain.score_line_inputs: one row per scored member-quarter (gold member_quarter_score) with the
-- member's entries of that quarter (silver entries), sorted as the ledger lists them, so that
-- ScoreLines explains each member-quarter in one pass.
-- Inputs: lines_scores (gold member_quarter_score), lines_entries (silver entries).
with scores as (
  select * from lines_scores
),

entries as (
  select
    period, member_code,
    array_sort(collect_list(named_struct(
      'entry_date', entry_date, 'source_file', source_file, 'sheet', sheet, 'row_num', row_num,
      'item_code', item_code, 'points', points))) as entries
  from lines_entries
  group by period, member_code
),

final as (
  select
    s.period, s.year, s.quarter, s.member_code, s.branch_code, s.standing, s.category, s.in_points_mgmt,
    s.status, s.score, s.grade, s.scheme_id, s.scheme_hash, e.entries
  from scores s
  left join entries e on e.period = s.period and e.member_code = s.member_code
)

select * from final
