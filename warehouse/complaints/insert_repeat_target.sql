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

-- Only a target of three complaints or more can repeat: the others need no ordering (most of them, at
-- national volume, where ordering every record cost more than all the other tables together). Counted
-- by a hash of the group, which is cheaper than its three texts: two groups sharing a hash only add
-- candidates, which the windows below then tell apart.
candidates as (
    select hash(province, city, target_key) as group_hash
    from keyed
    group by group_hash
    having count(*) >= 3
),

windows as (
    select
        keyed.*,
        lead(keyed.reported_at, 2) over (
            partition by keyed.province, keyed.city, keyed.target_key order by keyed.reported_at, keyed.complaint_id
        ) as third_reported_at,
        -- The first complaint's target names the group: a window, as Spark SQL has no ordered first().
        first_value(keyed.target) over (
            partition by keyed.province, keyed.city, keyed.target_key order by keyed.reported_at, keyed.complaint_id
        ) as first_target
    from keyed
    semi join candidates on hash(keyed.province, keyed.city, keyed.target_key) = candidates.group_hash
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
