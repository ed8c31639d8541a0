-- mart.member_score_lines: one row per line of a scored member-quarter (gold member_quarter_score):
-- each component's start, every entry with its ledger file, sheet and row, what item and component
-- caps cut, what floors added back, the clamp, a zeroing flag and the rounding. The lines'
-- contributions add up to the published score exactly (lines_reproduce_score says so per line).
-- Inputs: src_member_score_lines, computed by ScoreLines (MemberScoring.explainQuarter, the scoring
-- arithmetic itself) from the pinned gold member_quarter_score and silver entries, the member under
-- member_key only. DuckDB SQL for both engines (the lines are computed in Java either way).
with lines as (
  select * from src_member_score_lines
),

final as (
  select
    member_key, period, year, quarter, branch_code, scheme_id, line_no, line_kind, component, component_name,
    item_code, item_name, value, contribution, item_total, item_cap, entry_date, source_file, sheet, row_num,
    score, grade, lines_reproduce_score
  from lines
)

select * from final
