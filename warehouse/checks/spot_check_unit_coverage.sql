-- Units checked in some quarter of a year but missing from another quarter of that year's feeds.
with rows as (
    select distinct
        quarter,
        cast(left(quarter, 4) as integer) as year,
        channel,
        province,
        level,
        unit
    from spot_check
),

quarters as (
    select distinct
        quarter,
        year
    from rows
),

units as (
    select distinct
        year,
        channel,
        province,
        level,
        unit
    from rows
),

final as (
    select
        quarters.quarter,
        units.channel,
        units.province,
        units.level,
        units.unit,
        rows.unit is not null as present
    from units
    inner join quarters using (year)
    left join rows using (quarter, channel, province, level, unit)
    order by all
)

select * from final
