-- Which provinces accepted WeChat and web reports late, and how many?
-- From 附件3 (acceptance table) of each annual notice. Phone reports are always on time (the notice's
-- 注), so only WeChat and web reports can be late. Worst first.
select
    report_year,
    province,
    late_accepted,
    on_time_accept_pct,
    avg_accept_days
from province_scorecard
where late_accepted > 0
order by report_year asc, late_accepted desc, province asc;
