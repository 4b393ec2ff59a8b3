-- Each city-month of complaint_quality, and whether its counts fit inside its records.
select
    month,
    province,
    city,
    records,
    records >= 1
    and least(missing_target, missing_outcome, missing_pollution, missing_industry, entered_late, duplicates_dropped, complete_records) >= 0
    and greatest(missing_target, missing_outcome, missing_pollution, missing_industry, entered_late, complete_records) <= records
        as consistent
from complaint_quality
order by all
