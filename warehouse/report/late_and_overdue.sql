-- Chart 2: late acceptances and overdue completions per region, regions with either only.
with scorecard as (
    select * from province_scorecard
    where report_year = $year
)

select
    province,
    'late accepted 未按期受理' as measure,
    late_accepted as reports,
    late_accepted + overdue_completed as both_stages
from scorecard
where late_accepted + overdue_completed > 0
union all
select
    province,
    'overdue completed 超期办结' as measure,
    overdue_completed as reports,
    late_accepted + overdue_completed as both_stages
from scorecard
where late_accepted + overdue_completed > 0
order by both_stages desc, province asc, measure asc;
