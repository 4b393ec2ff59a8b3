-- The refusals of one kind: file, SHA-256, reason.
select
    source_file,
    source_sha256,
    reason
from refused_input
where kind = $kind
order by source_file
