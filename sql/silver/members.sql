-- Grain: one row per member and quarter on the branch's current roster (conflicted members excluded).
-- Superseded versions and rows of members in a roster conflict stay out (they are on record in
-- bronze and, for conflicts, in quarantine).
with staged as (
  select * from stg_roster where reject_code is null and is_current
),

conflicts as (
  select distinct period, member_code from stg_conflicts
),

final as (
  select
    period, year, quarter, branch_code, member_code, name,
    -- National IDs stop at bronze: a salted hash (one ID on two member codes) and its validity.
    id_hash(id_number) as id_hash, id_status(id_number) as id_status, gender, birth_date, join_date,
  standing, category, in_points_mgmt, exempt_reason, party_group, ledger_id, source_file, sheet, row_num
  from staged s
  left anti join conflicts c on c.period = s.period and c.member_code = s.member_code
)

select * from final
