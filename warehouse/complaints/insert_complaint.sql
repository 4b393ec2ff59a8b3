-- Table complaint from the raw zone: each id once, from its first record (files in name order, then
-- record order); conflicting_ids.sql has made sure the other records of an id are exact copies.
insert into complaint by name
select * exclude (month, occurrence)
from (
    select
        *,
        row_number() over (partition by complaint_id order by source_file, source_row) as occurrence
    from read_parquet($raw_files, hive_partitioning = true, hive_types = { 'month': 'VARCHAR', 'province': 'VARCHAR' })
) as raw_rows
where occurrence = 1
order by reported_at, complaint_id
