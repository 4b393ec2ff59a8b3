-- Column names of a table in their declared order.
select column_name
from duckdb_columns()
where table_name = $table
order by column_index
