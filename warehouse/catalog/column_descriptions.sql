-- Name, type and description (COMMENT ON COLUMN) of each column of a table, in declared order.
select
    column_name,
    data_type,
    coalesce(comment, '') as description
from duckdb_columns()
where table_name = $table
order by column_index
