-- handling_from_records with the share of its measured complaints that were late.
select
    report_year,
    province,
    stage,
    on_time_pct,
    late_count,
    avg_days,
    late_count / complaints as late_share
from handling_from_records
order by all
