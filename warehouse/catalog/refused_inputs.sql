-- Every refused input: path under the landing folder, SHA-256, kind and reason.
select
    source_file,
    source_sha256,
    kind,
    reason
from refused_input
order by source_file
