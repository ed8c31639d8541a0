-- explain.score_line_inputs: one row per scored member-quarter (gold member_quarter_score) and each
-- of the member's entries of that quarter (silver entries; one row with has_entry false when there
-- are none), a member-quarter's rows next to each other and its entries as the ledger lists them,
-- so that ScoreLines explains each member-quarter as the rows stream by.
-- Inputs: src_member_quarter_score, src_entries (the mart's pinned sources). Plain SQL, the same
-- for DuckDB and Spark; the entries' order is spelled out with nulls first.
with scores as (
  select * from src_member_quarter_score
),

entries as (
  select period, member_code, entry_date, source_file, sheet, row_num, item_code, points
  from src_entries
),

final as (
  select
    s.period, s.year, s.quarter, s.member_code, s.branch_code, s.standing, s.category, s.in_points_mgmt,
    s.score, s.grade, s.scheme_id, s.scheme_hash,
    e.member_code is not null as has_entry,
    e.entry_date, e.source_file, e.sheet, e.row_num, e.item_code, e.points
  from scores s
  left join entries e on e.period = s.period and e.member_code = s.member_code
)

select * from final
order by member_code nulls first, period nulls first, entry_date nulls first, source_file nulls first,
  sheet nulls first, row_num nulls first, item_code nulls first, points nulls first
