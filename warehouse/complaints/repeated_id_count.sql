-- How many complaint ids occur more than once in the raw files $raw_files (one column read): with none,
-- no id there can have two contents, and conflicting_ids.sql need not compare records.
select count(*) as repeated_ids
from (
    select complaint_id
    from read_parquet($raw_files)
    group by complaint_id
    having count(*) > 1
) as repeated
