-- The targets complained about most often (three complaints within 90 days at least).
select
    province || ' ' || city || ' · ' || example_target as target,
    complaints,
    first_reported_at::date as first_reported,
    last_reported_at::date as last_reported
from repeat_target
order by complaints desc, target asc
limit $targets
