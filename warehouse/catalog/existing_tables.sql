-- Names of the tables in the database, and of its views (a table of the registry may be a view over
-- Parquet: complaint).
select table_name from duckdb_tables()
union all
select view_name from duckdb_views()
where not internal and not temporary
