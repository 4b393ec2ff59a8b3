-- Table complaint from the raw zone: each id once, from its first record (files in name order, then
-- record order); conflicting_ids.sql has made sure the other records of an id are exact copies. Each
-- row gets the GB/T 2260 code of its reporting unit's prefecture (registered from prefectures.csv). Only
-- the ids that occur more than once are ranked, so national volumes need no sort of every record.
insert into complaint by name
with raw_rows as (
    select * exclude (month)
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
        raw_rows.complaint_id,
        raw_rows.source_file,
        raw_rows.source_row,
        row_number() over (partition by raw_rows.complaint_id order by raw_rows.source_file, raw_rows.source_row) as occurrence
    from raw_rows
    semi join repeated on raw_rows.complaint_id = repeated.complaint_id
),

later_copies as (
    select
        source_file,
        source_row
    from ranked
    where occurrence > 1
)

select
    raw_rows.*,
    unit.prefecture_code
from raw_rows
left join reporting_unit_prefecture as unit on raw_rows.province = unit.province and raw_rows.city = unit.city
anti join later_copies on raw_rows.source_file = later_copies.source_file and raw_rows.source_row = later_copies.source_row
