-- Chart 4: the report year's reports by channel.
select
    channel,
    channel_zh,
    reports,
    share_pct,
    total_reports
from channel_mix
where report_year = $year
order by reports desc;
