-- Rows of the Parquet files $files, from their footers (no row is read).
select coalesce(sum(num_rows), 0) as num_rows
from parquet_file_metadata($files)
