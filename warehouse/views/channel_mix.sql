-- One row per annual notice and reporting channel: how many reports came by phone, WeChat and the web.
create or replace view channel_mix as
with bulletins as (
    select * from bulletin
),

channels as (
    unpivot (
        select
            report_year,
            total_reports,
            phone_reports as phone,
            wechat_reports as wechat,
            web_reports as web
        from bulletins
    )
    on phone, wechat, web
    into name channel value reports
),

final as (
    select
        report_year,
        channel,
        case channel when 'phone' then '电话' when 'wechat' then '微信' when 'web' then '网上' end as channel_zh,
        reports,
        total_reports,
        round(100.0 * reports / total_reports, 2) as share_pct
    from channels
)

select * from final;
comment on view channel_mix is 'One row per report year and channel (phone 电话, WeChat 微信, web 网上): reports received, the year''s total and the channel''s share of it in percent (0-100, two decimals).';
