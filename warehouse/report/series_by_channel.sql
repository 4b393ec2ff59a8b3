-- Chart 5: national reports by channel, every month from the first to the last one the bulletins
-- state; a month no bulletin states (or a channel a page does not state) is NULL, drawn as a gap.
with stated as (
    select * from reports_monthly
),

months as (
    select cast(unnest(generate_series(min(month), max(month), interval 1 month)) as date) as month
    from stated
),

channels as (
    select
        channel,
        label
    from (
        values
        ('all', '全部 all'), ('phone', '电话 phone'), ('wechat', '微信 WeChat'), ('web', '网上 web'), ('other', '其他 other')
    ) as channel_labels (channel, label)
),

final as (
    select
        m.month,
        c.channel,
        c.label,
        case c.channel
            when 'all' then s.reports
            when 'phone' then s.phone
            when 'wechat' then s.wechat
            when 'web' then s.web
            else s.other
        end as reports,
        s.chosen_source_file as source_file
    from months as m
    cross join channels as c
    left join stated as s on m.month = s.month
    order by m.month, c.channel
)

select * from final;
