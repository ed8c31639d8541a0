-- mart.dim_period: one row per ingested quarter, and per half-year and year with an ingested
-- quarter. Inputs: src_submissions (silver submissions: one row per active branch and quarter).
-- DuckDB SQL, run over the pinned Delta files; sql/mart/spark/dim_period.sql is its Spark twin: change both.
with quarters as (
  select period, year, quarter, max(deadline) as deadline, count_if(status in ('on_time', 'late')) > 0 as has_ledgers
  from src_submissions
  group by period, year, quarter
),

quarter_rows as (
  select
    period, 'quarter' as kind, year, quarter, cast(if(quarter <= 2, 1, 2) as int) as half,
    concat(year, '年第', ['一', '二', '三', '四'][quarter], '季度') as label,
    make_date(year, quarter * 3 - 2, 1) as start_date,
    last_day(make_date(year, quarter * 3, 1)) as end_date,
    deadline,
    1 as quarters_ingested
  from quarters
),

half_rows as (
  select
    concat(year, 'H', half) as period, 'half' as kind, year, cast(null as int) as quarter, half,
    concat(year, '年', if(half = 1, '上半年（统计表一）', '下半年（统计表二）')) as label,
    make_date(year, half * 6 - 5, 1) as start_date,
    last_day(make_date(year, half * 6, 1)) as end_date,
    cast(null as timestamptz) as deadline,
    count(*) as quarters_ingested
  from quarter_rows
  group by year, half
),

year_rows as (
  select
    cast(year as varchar) as period, 'year' as kind, year, cast(null as int) as quarter, cast(null as int) as half,
    concat(year, '年度') as label,
    make_date(year, 1, 1) as start_date,
    make_date(year, 12, 31) as end_date,
    cast(null as timestamptz) as deadline,
    count(*) as quarters_ingested
  from quarter_rows
  group by year
),

final as (
  select period, kind, year, quarter, half, label, start_date, end_date, deadline,
         cast(quarters_ingested as int) as quarters_ingested
  from (select * from quarter_rows union all select * from half_rows union all select * from year_rows)
)

select * from final
