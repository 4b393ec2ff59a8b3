-- The rows of one export as the raw zone stores them (the columns of table complaint, and month, the
-- partition key beside province), prefecture_code included (the reporting unit's, as table reporting_unit
-- has it), so that a raw file holds what complaint shows of its records. In the order of typed_export;
-- raw_zone.py puts them in record order when that is not it already (sorting every export cost more
-- than checking it).
select
    complaint_id,
    reported_at,
    channel,
    province,
    city,
    prefecture_code,
    county,
    target,
    target_key,
    target_address,
    pollution_types,
    industry,
    accepted,
    accepted_at,
    completed_at,
    outcome,
    entered_at,
    $source_file as source_file,
    source_row,
    $source_sha256 as source_sha256,
    strftime(reported_at, '%Y-%m') as month
from typed_export
