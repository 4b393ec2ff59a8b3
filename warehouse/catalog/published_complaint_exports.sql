select
    source_file,
    source_sha256
from complaint_export
order by source_file
