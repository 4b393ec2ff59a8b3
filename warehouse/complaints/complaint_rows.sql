-- The records of the raw files $raw_files as table complaint has them: the exact copies listed in table
-- complaint_copy left out, and each row given the GB/T 2260 code of its reporting unit's prefecture (table
-- reporting_unit). The complaint step defines view complaint by this statement over every published raw
-- file, and reads it over the files of some partitions when it recomputes the tables those can change.
select
    raw.complaint_id,
    raw.reported_at,
    raw.channel,
    raw.province,
    raw.city,
    unit.prefecture_code,
    raw.county,
    raw.target,
    raw.target_key,
    raw.target_address,
    raw.pollution_types,
    raw.industry,
    raw.accepted,
    raw.accepted_at,
    raw.completed_at,
    raw.outcome,
    raw.entered_at,
    raw.source_file,
    raw.source_row,
    raw.source_sha256
from read_parquet($raw_files, hive_partitioning = true, hive_types = { 'month': 'VARCHAR', 'province': 'VARCHAR' }) as raw  -- noqa: RF02
left join reporting_unit as unit on raw.province = unit.province and raw.city = unit.city
anti join complaint_copy as copies on raw.source_file = copies.source_file and raw.source_row = copies.source_row
