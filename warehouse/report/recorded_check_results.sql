-- Every check result the published warehouse records, for the Data Docs.
select
    asset,
    check_name,
    severity,
    passed,
    details,
    checked_at,
    run_id,
    validated_at,
    validated_in_run
from quality_check
order by asset, check_name
