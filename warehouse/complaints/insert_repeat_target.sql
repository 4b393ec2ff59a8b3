-- From complaint_rows: the records of whole provinces (every month), or all records.
insert into repeat_target by name
with keyed as (
    select
        province,
        city,
        target_key,
        target,
        reported_at,
        complaint_id
    from complaint_rows
    where target_key is not null and target_key <> ''
),

windows as (
    select
        *,
        lead(reported_at, 2) over (partition by province, city, target_key order by reported_at, complaint_id) as third_reported_at,
        -- The first complaint's target names the group: a window, as Spark SQL has no ordered first().
        first_value(target) over (partition by province, city, target_key order by reported_at, complaint_id) as first_target
    from keyed
),

repeated as (
    select distinct
        province,
        city,
        target_key
    from windows
    where epoch(third_reported_at) - epoch(reported_at) <= $repeat_window_days * 86400
),

final as (
    select
        province,
        city,
        target_key,
        count(*) as complaints,
        min(windows.reported_at) as first_reported_at,
        max(windows.reported_at) as last_reported_at,
        min(windows.first_target) as example_target
    from windows
    inner join repeated using (province, city, target_key)
    group by all
    order by all
)

select * from final
