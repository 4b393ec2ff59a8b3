-- Per document and period where phone, WeChat and web shares are stated: their sum (with other, if
-- stated), which should be 100 within the rounding of the printed shares.
with shares as (
    select * from bulletin_figure
    where measure = 'reports_share_pct' and region is null
),

by_statement as (
    select
        release_id,
        source_file,
        period_start,
        period_end,
        sum(value) as share_sum,
        count(*) as shares,
        sum(0.5 * power(10, -decimals)) as rounding,
        count(*) filter (where category in ('phone', 'wechat', 'web')) = 3 as main_channels_stated
    from shares
    group by release_id, source_file, period_start, period_end
),

final as (
    select
        * exclude (main_channels_stated),
        abs(share_sum - 100) <= rounding + 1e-9 as within_rounding
    from by_statement
    where main_channels_stated
    order by all
)

select * from final
