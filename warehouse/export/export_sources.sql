-- The complaint exports the published warehouse was read from.
select
    source_file,
    source_sha256
from complaint_export
order by source_file
