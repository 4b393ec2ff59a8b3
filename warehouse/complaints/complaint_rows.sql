-- The records of the raw files $raw_files as table complaint has them: the exact copies listed in table
-- complaint_copy left out. Each raw file holds its rows' prefecture_code (the GB/T 2260 code of the
-- reporting unit's prefecture), written when the export was parsed. The complaint step defines view
-- complaint by this statement over every published raw file, and reads it over the files of some
-- partitions when it recomputes the tables those can change.
select
    raw.complaint_id,
    raw.reported_at,
    raw.channel,
    raw.province,
    raw.city,
    raw.prefecture_code,
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
anti join complaint_copy as copies on raw.source_file = copies.source_file and raw.source_row = copies.source_row
