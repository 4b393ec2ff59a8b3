"""Descriptions of tables and columns, read from the COMMENT ON statements of warehouse/tables/*.sql.

Written once in the DDL, they show both in DuckDB (`duckdb_columns().comment`) and in the Dagster UI.
"""

from functools import cache

import duckdb

from warehouse.sql import SQL_DIR, sql_file


@cache
def _catalog() -> duckdb.DuckDBPyConnection:
    """An in-memory database holding every table of warehouse/tables/, to read their descriptions."""
    con = duckdb.connect()
    for ddl in sorted((SQL_DIR / "tables").glob("*.sql")):
        con.execute(ddl.read_text(encoding="utf-8"))
    return con


def column_descriptions(table: str) -> list[tuple[str, str, str]]:
    """(name, type, description) of each column of `table`, read from its DDL in warehouse/tables/."""
    return _catalog().execute(sql_file("catalog/column_descriptions.sql"), {"table": table}).fetchall()


def table_description(table: str) -> str:
    return _catalog().execute(sql_file("catalog/table_description.sql"), {"table": table}).fetchone()[0]
