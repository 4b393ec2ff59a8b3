-- Month by month, how many reports came in by phone, WeChat, the web and other channels?
-- From the monthly bulletins in data/landing/bulletins/ (view reports_monthly: one release per month,
-- the month's own bulletin first); NULL where the saved page does not state the figure.
select
    month,
    reports,
    phone,
    wechat,
    web,
    other,
    round(100.0 * wechat / reports, 1) as wechat_share_pct,
    chosen_source_file
from reports_monthly
where reports is not null
order by month;
