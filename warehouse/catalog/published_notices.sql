-- The file, checksum, document number and report year of every annual notice the warehouse holds.
select
    source_file,
    source_sha256,
    bulletin_id,
    report_year
from bulletin
order by source_file
