-- The range of 举报时间 of every export in the manifest.
select
    min(first_reported_at) as first_reported_at,
    max(last_reported_at) as last_reported_at
from complaint_export
