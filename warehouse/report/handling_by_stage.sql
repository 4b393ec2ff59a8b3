-- Chart 1: each region's on-time rate and average days, for both handling stages, with its rank.
select
    province,
    stage,
    on_time_pct,
    avg_days,
    late_count,
    rank() over (partition by stage order by on_time_pct desc, avg_days asc) as stage_rank
from handling_by_province
where report_year = $year
order by stage, stage_rank;
