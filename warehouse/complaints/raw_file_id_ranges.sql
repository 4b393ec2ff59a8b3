-- The lowest and highest complaint id of each raw file of $raw_files (assets/complaints/id_ranges.py), for
-- the files whose range is not known yet: one column read.
select
    filename,
    min(complaint_id) as lowest_id,
    max(complaint_id) as highest_id
from read_parquet($raw_files, filename = true)
group by filename
