insert into handling_from_records by name
-- From complaint_rows: the records of whole years of some provinces, or all records. An open complaint is
-- measured to the latest 举报时间 of all records ($last_reported_at), not of the rows read.
with latest as (
    select $last_reported_at::timestamp as latest_reported_at
),

-- Both stages from one reading of the records (reading them once per stage took twice as long).
stage_names as (
    select 'acceptance' as stage
    union all
    select 'completion' as stage
),

stages as (
    select
        year(complaint.reported_at) as report_year,
        complaint.province,
        stage_names.stage,
        case
            when stage_names.stage = 'acceptance' then (epoch(complaint.accepted_at) - epoch(complaint.reported_at))::bigint
            else (epoch(complaint.completed_at) - epoch(complaint.accepted_at))::bigint
        end as seconds,
        case
            when stage_names.stage = 'acceptance'
                then epoch(complaint.accepted_at) - epoch(complaint.reported_at) > $acceptance_limit_hours * 3600
            else
                coalesce(
                    epoch(complaint.completed_at) - epoch(complaint.accepted_at),
                    epoch(latest.latest_reported_at) - epoch(complaint.accepted_at)
                ) > $completion_limit_days * 86400
        end as late,
        case
            when stage_names.stage = 'acceptance' then $acceptance_limit_hours::double
            else $completion_limit_days * 24.0
        end as limit_hours
    from complaint_rows as complaint
    cross join latest
    cross join stage_names
    -- Acceptance is measured for WeChat and web complaints, completion for every accepted one.
    where
        complaint.accepted
        and complaint.accepted_at is not null
        and (stage_names.stage = 'completion' or complaint.channel in ('wechat', 'web'))
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
