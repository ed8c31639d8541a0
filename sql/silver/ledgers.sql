-- Grain: one row per accepted ledger file; status says whether it is the branch's current
-- version for the quarter or superseded by a later one (DOMAIN §8 Versions).
with accepted as (
  select * from stg_ledgers where accepted
),

final as (
  select
    inbox_period as period,
    cast(substr(inbox_period, 1, 4) as int) as year,
    cast(substr(inbox_period, 6, 1) as int) as quarter,
    branch_code,
    file_sha256 as ledger_id,
    source_file,
    file_format,
    encoding,
    version,
    received_at,
    batch_id,
    filler,
    case when is_current then 'current' else 'superseded' end as status,
    warning_code,
    warning_message
  from accepted
)

select * from final
