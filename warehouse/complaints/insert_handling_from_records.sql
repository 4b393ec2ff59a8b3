insert into handling_from_records by name
-- From complaint_rows: the records of whole years of some provinces, or all records. An open complaint is
-- measured to the latest 举报时间 of all records ($last_reported_at), not of the rows read.
with latest as (
    select $last_reported_at::timestamp as latest_reported_at
),

acceptance as (
    select
        year(reported_at) as report_year,
        province,
        'acceptance' as stage,
        (epoch(accepted_at) - epoch(reported_at))::bigint as seconds,
        epoch(accepted_at) - epoch(reported_at) > $acceptance_limit_hours * 3600 as late,
        $acceptance_limit_hours::double as limit_hours
    from complaint_rows
    where accepted and channel in ('wechat', 'web') and accepted_at is not null
),

completion as (
    select
        year(complaint.reported_at) as report_year,
        complaint.province,
        'completion' as stage,
        (epoch(complaint.completed_at) - epoch(complaint.accepted_at))::bigint as seconds,
        coalesce(
            epoch(complaint.completed_at) - epoch(complaint.accepted_at),
            epoch(latest.latest_reported_at) - epoch(complaint.accepted_at)
        ) > $completion_limit_days * 86400 as late,
        $completion_limit_days * 24.0 as limit_hours
    from complaint_rows as complaint
    cross join latest
    where complaint.accepted and complaint.accepted_at is not null
),

stages as (
    select * from acceptance
    union all
    select * from completion
),

final as (
    select
        report_year,
        province,
        stage,
        count(*) as complaints,
        count_if(late) as late_count,
        -- Rounded half up to 2 decimals in whole numbers: exact, and the same on DuckDB and Spark
        -- (rounding a double or a decimal quotient differs at halves). avg_days is the mean of the
        -- measured seconds (none for the open completions) in days.
        (20000 * (count(*) - count_if(late)) + count(*)) // (2 * count(*)) / 100.0 as on_time_pct,
        (200 * sum(seconds) + count(seconds) * 86400) // nullif(2 * count(seconds) * 86400, 0) / 100.0 as avg_days,
        any_value(limit_hours) as limit_hours
    from stages
    group by report_year, province, stage
    order by all
)

select * from final
