-- Convenience views of the mart (DuckDB SQL, run by MartBuilder after the tables are loaded).
-- Statements end with ';' at the end of a line. v_stats_table_wide is generated (its grade
-- columns depend on the schemes in the mart).

create view v_district_overview as
select
  period, period_kind, year, quarter, node_code, node_name,
  members_total, members_exempt, members_participating, participation_rate,
  ledgers_expected, ledgers_submitted, ledgers_late, ledgers_missing, submission_rate,
  members_graded, grade_names, grade_counts, grade_shares,
  score_mean, score_median, score_q1, score_q3, score_min, score_max,
  action_remind_members, action_rectify_members, action_handle_members, scheme_id
from org_period_stats
where node_level = '区委' and cut_type = 'org';

create view v_org_grades as
select
  period, period_kind, year, quarter, node_code, node_name, node_level, cut_type, cut_value, members_graded,
  g.grade_no, g.grade, g.members, g.share
from org_period_stats,
  lateral (
    select
      generate_subscripts(grade_names, 1) as grade_no,
      unnest(grade_names) as grade,
      unnest(grade_counts) as members,
      unnest(grade_shares) as share
  ) g;

create view v_committee_grades as
select *
from v_org_grades
where node_level in ('党委', '工委') and cut_type = 'org';

create view v_score_histogram as
select
  period, period_kind, year, quarter, node_code, node_name, node_level, cut_type, cut_value,
  h.bin_no,
  (h.bin_no - 1) * 5 as lower_bound,
  case when h.bin_no = 21 then null else h.bin_no * 5 end as upper_bound,
  case when h.bin_no = 21 then '≥100' else format('{}–{}.9', (h.bin_no - 1) * 5, h.bin_no * 5 - 1) end as label,
  h.members
from org_period_stats,
  lateral (
    select generate_subscripts(score_histogram, 1) as bin_no, unnest(score_histogram) as members
  ) h;

create view v_submission_gaps as
select period, branch_code, branch_name, committee_code, domain, status, first_received_at, deadline, hours_late
from submissions
where status in ('late', 'missing', 'returned');

create view v_attention_flags as
select *
from branch_attention
where flagged;

-- A member-quarter's score as a sum (jifen explain --member): every line with its running total;
-- the last line's running_total is the published score.
create view v_member_score_lines as
select
  member_key, period, branch_code, line_no, line_kind, component_name, item_code, item_name, value, contribution,
  sum(contribution) over (partition by member_key, period order by line_no) as running_total,
  item_total, item_cap, entry_date, source_file, sheet, row_num, score, grade, lines_reproduce_score
from member_score_lines;
