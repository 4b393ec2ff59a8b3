-- The file and checksum of every bulletin document the warehouse holds.
select
    source_file,
    source_sha256
from bulletin_release
order by source_file
