select
    source_file,
    source_sha256,
    raw_files
from complaint_export
order by source_file
