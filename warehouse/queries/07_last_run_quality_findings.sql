-- What did the data-quality checks of the last run find?
-- From quality_check: every check the most recent run ran, failures first, with the number of
-- offending rows. The full list of offending rows is in the details column (JSON) and in the
-- Dagster UI's check result.
with checks as (
    select * from quality_check
),

last_run as (
    select arg_max(run_id, checked_at) as run_id from checks
)

select
    checks.asset,
    checks.check_name,
    checks.severity,
    checks.passed,
    list_sum(json_extract(checks.details, '$.expectations[*].unexpected_count')::integer[])::integer as offending_rows,
    json_extract_string(checks.details, '$.description') as description
from checks
inner join last_run using (run_id)
order by checks.passed, checks.severity, checks.asset, checks.check_name;
