-- Names of the base tables (not views) in the database.
select table_name from duckdb_tables()
