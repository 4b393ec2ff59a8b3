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
comment on view channel_mix is 'One row per annual notice and reporting channel (phone 电话, WeChat 微信, web 网上), from section 一 of the notice (table bulletin): the reports the channel received, the year''s total and the channel''s share of it in percent (0-100, two decimals).';
comment on column channel_mix.report_year is 'Year the notice reports on (bulletin.report_year).';
comment on column channel_mix.channel is '''phone'', ''wechat'' or ''web'': the reporting channel.';
comment on column channel_mix.channel_zh is 'The channel as the notice names it: 电话 (phone), 微信 (wechat) or 网上 (web).';
comment on column channel_mix.reports is 'Reports received through the channel in the year (bulletin.phone_reports 电话举报, wechat_reports 微信举报 or web_reports 网上举报).';
comment on column channel_mix.total_reports is 'Reports received by the national 12369 platform in the year, all channels (bulletin.total_reports, 管理平台共接到举报N件); the same on each of the year''s rows.';
comment on column channel_mix.share_pct is 'reports / total_reports x 100: the channel''s share of the year''s reports, percent on a 0-100 scale rounded to 2 decimals; computed here, not printed in the notice.';
