-- Per document, period and region: the stated total beside the sum of the channels the document states.
-- Every channel is stated when phone, WeChat and web are, and also other or a channel outside these.
-- A part of a channel (category parent/part, "其他 包含了 大督查网民留言") is in its parent already.
with figures as (
    select * from bulletin_figure
    where measure = 'reports' and (category is null or category not like '%/%')
),

by_statement as (
    select
        release_id,
        source_file,
        period_start,
        period_end,
        region,
        max(value) filter (where category is null) as total,
        sum(value) filter (where category is not null) as channel_sum,
        count(*) filter (where category in ('phone', 'wechat', 'web')) = 3
        and count(*) filter (where category not in ('phone', 'wechat', 'web')) > 0 as every_channel_stated,
        string_agg(category || '=' || value::bigint, ', ' order by category) filter (where category is not null) as channels
    from figures
    group by release_id, source_file, period_start, period_end, region
),

final as (
    select
        *,
        not every_channel_stated or channel_sum = total as adds_up
    from by_statement
    where total is not null and channel_sum is not null
    order by all
)

select * from final
