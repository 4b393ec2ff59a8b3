-- The description (COMMENT ON TABLE) of a table.
select coalesce(comment, '')
from duckdb_tables()
where table_name = $table
