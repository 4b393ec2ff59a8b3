-- The completion rows of handling_from_records whose years and provinces no changed partition touches,
-- when the latest 举报时间 moved from $previous_last_reported_at to $last_reported_at: only their open
-- complaints' lateness changes (insert_handling_from_records.sql measures them to the latest time).
update handling_from_records
set
    late_count = handling_from_records.late_count + moved.late_change,
    -- Rounded as insert_handling_from_records.sql rounds it (half up, in whole numbers).
    on_time_pct
    = (
        20000 * (handling_from_records.complaints - (handling_from_records.late_count + moved.late_change))
        + handling_from_records.complaints
    )
    // (2 * handling_from_records.complaints)
    / 100.0
from (
    select
        report_year,
        province,
        count_if(epoch($last_reported_at::timestamp) - epoch(accepted_at) > $completion_limit_days * 86400)
        - count_if(epoch($previous_last_reported_at::timestamp) - epoch(accepted_at) > $completion_limit_days * 86400) as late_change
    from open_complaint
    where not list_contains($years, report_year || '/' || province)
    group by report_year, province
) as moved
where
    handling_from_records.stage = 'completion'
    and handling_from_records.report_year = moved.report_year
    and handling_from_records.province = moved.province
