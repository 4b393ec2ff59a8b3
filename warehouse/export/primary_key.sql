-- The primary key a table declares (no row: none).
select constraint_column_names
from duckdb_constraints()
where table_name = $table and constraint_type = 'PRIMARY KEY'
