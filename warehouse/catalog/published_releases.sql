-- The release, file, checksum and reader version of every bulletin document in the warehouse.
select
    release_id,
    source_file,
    source_sha256,
    reader_version
from bulletin_release
