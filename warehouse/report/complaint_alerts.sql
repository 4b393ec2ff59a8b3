-- Early-warning weeks: a city's complaints about one pollution type jumped.
select
    week_start,
    province || ' ' || city as city,
    pollution_type as pollution,
    complaints,
    baseline
from complaint_alert
order by all
