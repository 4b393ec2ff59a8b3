-- Names of the tables in the database.
select table_name from duckdb_tables()
