-- The SQL that defines a view, as DuckDB keeps it.
select sql
from duckdb_views()
where view_name = $view and not internal
