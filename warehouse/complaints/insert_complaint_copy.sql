-- The records of $raw_files that repeat an earlier record of their id (files in name order, then record
-- order). They are exact copies: update_raw_zone refused every export that gives an id another content.
-- A copy has its first record's reported_at and province, so both lie in one partition (month,
-- province): ranking the files of some partitions finds every copy in them. Only the ids that occur
-- more than once are ranked, so national volumes need no sort of every record.
insert into complaint_copy by name
with raw_rows as (
    select
        month,
        province,
        complaint_id,
        source_file,
        source_row
    from read_parquet($raw_files, hive_partitioning = true, hive_types = { 'month': 'VARCHAR', 'province': 'VARCHAR' })
),

repeated as (
    select complaint_id
    from raw_rows
    group by complaint_id
    having count(*) > 1
),

ranked as (
    select
        raw_rows.*,
        row_number() over (partition by raw_rows.complaint_id order by raw_rows.source_file, raw_rows.source_row) as occurrence
    from raw_rows
    semi join repeated on raw_rows.complaint_id = repeated.complaint_id
)

select
    month,
    province,
    complaint_id,
    source_file,
    source_row
from ranked
where occurrence > 1
