-- From complaint_rows: all records, or those of some provinces in the months that reach the weeks of
-- table alert_scope (each week's own and the 8 before it). The weeks span the range of all records
-- ($first_reported_at to $last_reported_at), whatever rows are read; when $scoped, only the alerts of
-- alert_scope's provinces and weeks are inserted.
insert into complaint_alert by name
with bounds as (
    select
        -- The first Monday on or after the first day, and the last Monday whose Sunday is on or before the last day.
        date_trunc('week', $first_reported_at::date + 6)::date as first_week,
        date_trunc('week', $last_reported_at::date - 6)::date as last_week
),

-- Of those, the weeks from $weeks_from to $weeks_to when given: the weeks of alert_scope and the 8 before.
-- (The cast to date is outside the unnest: Spark SQL takes no generator nested in an expression.)
weeks as (
    select week_start
    from (
        select week_moment::date as week_start
        from (
            select unnest(generate_series(first_week, last_week, interval 7 day)) as week_moment
            from bounds
            where first_week <= last_week
        ) as week_moments
    ) as all_weeks
    where week_start between coalesce($weeks_from::date, week_start) and coalesce($weeks_to::date, week_start)
),

typed as (
    select
        province,
        city,
        unnest(pollution_types) as pollution_type,
        date_trunc('week', reported_at)::date as week_start
    from complaint_rows
    where pollution_types is not null
),

counted as (
    select
        typed.province,
        typed.city,
        typed.pollution_type,
        typed.week_start,
        count(*) as complaints
    from typed
    inner join weeks on typed.week_start = weeks.week_start
    group by all
),

series_keys as (
    select distinct
        province,
        city,
        pollution_type
    from counted
),

series as (
    select
        keys.province,
        keys.city,
        keys.pollution_type,
        weeks.week_start,
        coalesce(counted.complaints, 0) as complaints
    from series_keys as keys
    cross join weeks
    left join counted using (province, city, pollution_type, week_start)
),

windows as (
    select
        *,
        sum(complaints) over preceding as preceding_complaints,
        count(*) over preceding as preceding_weeks
    from series
    window preceding as (partition by province, city, pollution_type order by week_start rows between 8 preceding and 1 preceding)
),

final as (
    select
        week_start,
        province,
        city,
        pollution_type,
        complaints,
        preceding_complaints / 8.0 as baseline
    from windows
    -- In whole numbers: complaints >= 3 x (preceding_complaints / 8), without rounding.
    where
        preceding_weeks = 8 and complaints >= $alert_minimum and complaints * 8 >= $alert_factor * preceding_complaints
        and (
            not $scoped
            or exists (
                select 1 from alert_scope
                where alert_scope.province = windows.province and alert_scope.week_start = windows.week_start
            )
        )
    order by all
)

select * from final
