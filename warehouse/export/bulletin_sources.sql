-- The notices and bulletin pages the published warehouse was read from, with the address each was saved from.
select
    source_file,
    kind,
    title,
    source_url,
    source_sha256
from bulletin_release
order by source_file
