-- How did people report: by phone, WeChat or the web?
-- From section 一 of each annual notice; share_pct is the channel's share of that year's reports.
select
    report_year,
    channel,
    channel_zh,
    reports,
    share_pct
from channel_mix
order by report_year asc, reports desc;
