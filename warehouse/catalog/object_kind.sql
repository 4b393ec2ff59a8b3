-- Whether a name is a table or a view of the database (no row: neither).
select 'table' as kind from duckdb_tables()
where table_name = $name
union all
select 'view' as kind from duckdb_views()
where view_name = $name and not internal
