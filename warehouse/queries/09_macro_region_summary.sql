-- How do China's four macro-regions (NBS: east, central, west, northeast) compare?
-- From province_scorecard: late and overdue reports summed, hotline and portal figures over all the
-- region's bureaus. 兵团 is counted in the west, as in assets/reference/regions.csv.
select
    report_year,
    macro_region,
    count(*) as regions,
    sum(late_accepted)::integer as late_accepted,
    sum(overdue_completed)::integer as overdue_completed,
    sum(hotline_units)::integer as hotline_units,
    round(100.0 * (sum(hotline_units) - sum(hotline_unreachable_units)) / sum(hotline_units), 1) as hotline_reachable_pct,
    sum(portal_units)::integer as portal_units,
    round(100.0 * sum(portal_mounted_units) / sum(portal_units), 1) as portal_mounted_pct
from province_scorecard
group by report_year, macro_region
order by report_year, macro_region;
