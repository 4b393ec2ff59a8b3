-- Do the year-on-year and month-on-month changes the bulletins state match the counts they publish?
-- From view stated_change_check: each stated 同比/环比 beside the change computed from the two counts.
select
    period_start,
    period_end,
    coalesce(region, '全国') as region,
    measure,
    coalesce(category, 'all') as channel,
    stated_pct,
    computed_pct,
    agrees,
    source_file,
    source_line
from stated_change_check
where agrees is not null
order by period_start, region nulls first, measure, channel;
