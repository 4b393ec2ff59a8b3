-- How do the provinces rank on completing reports on time, and how long do they take?
-- From 附件3 (completion table). Rank 1 = highest on-time completion rate; among equal rates, the
-- fewer average days the better. Ties share a rank.
select
    report_year,
    completion_rank,
    province,
    on_time_complete_pct,
    avg_complete_days,
    overdue_completed
from province_scorecard
order by report_year, completion_rank, province;
