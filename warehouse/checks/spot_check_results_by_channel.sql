-- Each detail row and whether its result is one its channel allows.
with rows as (
    select * from spot_check
),

allowed as (
    select * from (
        values
        ('hotline', 'reachable'), ('hotline', 'unreachable'), ('hotline', 'merged'),
        ('portal', 'mounted'), ('portal', 'not_mounted'), ('portal', 'no_website'), ('portal', 'link_failure')
    ) as allowed_results (channel, result)
),

final as (
    select
        rows.quarter,
        rows.province,
        rows.unit,
        rows.channel,
        rows.result,
        rows.source_file,
        rows.source_row,
        allowed.result is not null as result_fits_channel
    from rows
    left join allowed using (channel, result)
)

select * from final
