-- The description (COMMENT ON TABLE or VIEW) of a table or view.
select coalesce(comment, '') as description
from duckdb_tables()
where table_name = $name
union all
select coalesce(comment, '') as description
from duckdb_views()
where view_name = $name and not internal
