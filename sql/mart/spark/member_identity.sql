-- Spark SQL twin of sql/mart/member_identity.sql, for warehouses DuckDB cannot read directly (HDFS, S3, deletion
-- vectors: MartBuilder.Engine). Change both together; MartEnginesTest checks they build the same mart.
-- mart.member_identity (restricted file only): member_key → 党员编号 and name, for authorised
-- staff. The latest roster row of each member gives the name and branch; no national ID.
-- Inputs: src_members (silver members); function member_key.
with members as (
  select * from src_members
),

final as (
  select
    member_key(member_code) as member_key,
    member_code,
    max_by(name, period) as name,
    max_by(branch_code, period) as branch_code,
    max(period) as last_period
  from members
  group by member_code
)

select * from final
