-- The records of one month's raw files $raw_files when none of them is an exact copy (complaint_copy
-- lists none of the month's), each with every column of complaint: one scan of the files, which DuckDB
-- returns in the order of the list and, within a file, in the file's order (its export's record order),
-- so the same files give the same rows in the same order without sorting them.
select *
from read_parquet($raw_files, hive_partitioning = true, hive_types = { 'month': 'VARCHAR', 'province': 'VARCHAR' })
