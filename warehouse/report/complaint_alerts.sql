-- Early-warning weeks in the latest $months months of records (from the first day of the month
-- $months - 1 months before the latest month of complaint_quality): a city's complaints about one
-- pollution type jumped. Older alerts stay in table complaint_alert; the chart would grow with them.
with window_months as (
    select max(month) - to_months($months - 1) as first_month
    from complaint_quality
)

select
    alert.week_start,
    alert.province || ' ' || alert.city as city,
    alert.pollution_type as pollution,
    alert.complaints,
    alert.baseline
from complaint_alert as alert
cross join window_months
where alert.week_start >= window_months.first_month
order by all
