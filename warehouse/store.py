"""The DuckDB warehouse file: connecting, creating tables from warehouse/*.sql, loading frames, publishing.

Write, audit, publish: a run builds a complete staging file of its own, the asset checks audit it,
and only then is it moved over the published file with one atomic rename. A reader that has the old
file open keeps its snapshot; the next connection sees the new file; a failed run leaves the
published file byte for byte as it was.
"""

import hashlib
import os
from pathlib import Path

import duckdb
import pandas as pd

from warehouse.descriptions import column_descriptions
from warehouse.errors import PublishError
from warehouse.registry import table_names
from warehouse.sql import sql_file, table_ddl, views_in_dependency_order

# duckdb 2.x writes storage version 69 by default, which the DuckDB shell from PyPI (duckdb-cli 1.5)
# cannot open; this keeps the file readable by it (FIELD-NOTES.md).
CONNECTION_CONFIG = {"storage_compatibility_version": "v1.5.0"}
# DuckDB's default is 80% of the machine's memory per database; national complaint volumes would take
# it. Beyond this it spills to a temporary folder beside the file.
MEMORY_LIMIT = {"memory_limit": "768MB"}


def connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    if read_only:
        return duckdb.connect(str(path), read_only=True, config=MEMORY_LIMIT)
    return duckdb.connect(str(path), config={**CONNECTION_CONFIG, **MEMORY_LIMIT})


def write_table(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> int:
    """Run `table`'s DDL and append `frame` to it, matching columns by name.

    The DDL says what a write means: the annual tables are `create or replace` (each run that writes
    them writes them whole); the quarterly tables and quality_check are `create table if not exists`
    (a run replaces only its own quarters or checks, see warehouse/write/).
    """
    con.execute(table_ddl(table))
    columns = [row[0] for row in con.execute(sql_file("catalog/table_columns.sql"), {"table": table}).fetchall()]
    if frame.empty:
        return 0
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise PublishError(f"table {table}: the rows to write lack columns {missing}")
    con.from_df(frame[columns]).insert_into(table)
    return len(frame)


def write_table_keeping(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame, key_column: str, kept_keys: list[str]) -> int:
    """write_table, keeping the rows whose `key_column` is one of `kept_keys` exactly as they were (the
    published rows of a refused input). They pass through Arrow, which keeps every type and value."""
    kept = None
    if kept_keys and table in existing_tables(con):
        keys = [duckdb.ConstantExpression(key) for key in kept_keys]
        kept = con.table(table).filter(duckdb.ColumnExpression(key_column).isin(*keys)).to_arrow_table()
    written = write_table(con, table, frame)
    if kept is not None and kept.num_rows:
        con.from_arrow(kept).insert_into(table)
    return written + (kept.num_rows if kept is not None else 0)


def existing_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {row[0] for row in con.execute(sql_file("catalog/existing_tables.sql")).fetchall()}


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table not there yet (empty) and (re)create every view.

    A warehouse always has the whole schema, so that views and checks never meet a missing table
    (a quarterly run into a warehouse that has no annual notice yet, say). A run's staging copy gets
    it when it is made (warehouse/staging.py); publishing makes sure of it once more.
    """
    # One transaction: the views' COMMENT ON statements would otherwise each commit on their own, which
    # made this several times slower. (No caller holds a transaction of its own on a warehouse
    # connection.)
    con.begin()
    try:
        existing = existing_tables(con)
        for table in table_names():
            if table not in existing:
                con.execute(table_ddl(table))
        for view in views_in_dependency_order():
            con.execute(view.read_text(encoding="utf-8"))
    except BaseException:
        con.rollback()
        raise
    con.commit()


# Tables that are views over the raw zone's records, counted from the manifest instead of by reading
# every record (warehouse/complaints/complaint_count.sql).
COUNTED_WITHOUT_READING = {"complaint": "complaints/complaint_count.sql"}


def row_count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    if table in COUNTED_WITHOUT_READING and table not in _base_tables(con):
        return con.execute(sql_file(COUNTED_WITHOUT_READING[table])).fetchall()[0][0]
    # Counted by DuckDB: a relation's .shape fetches every row into Python first.
    return con.table(table).aggregate("count(*)").fetchall()[0][0]


def _base_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {row[0] for row in con.execute(sql_file("catalog/base_tables.sql")).fetchall()}


def row_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {table: row_count(con, table) for table in table_names()}


def publish(staging: Path, published: Path) -> None:
    """Atomically replace the published warehouse with the audited staging file."""
    if not staging.exists():
        raise PublishError(
            f"no staging warehouse {staging}: materialize the tables and their checks in the same run as "
            "the publish step (job refresh_warehouse does)"
        )
    # The staging file must be complete on disk before it becomes visible under the published name.
    with connect(staging) as con:
        con.execute("checkpoint")
    with open(staging, "rb") as handle:
        os.fsync(handle.fileno())
    published.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staging, published)
    directory = os.open(published.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, read in blocks (warehouse files, notices and feeds alike)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def discard(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + ".wal")):
        leftover.unlink(missing_ok=True)


def drop_if_columns_changed(con: duckdb.DuckDBPyConnection, tables: tuple[str, ...]) -> list[str]:
    """Drop those of `tables` whose columns differ from their DDL, so they are created and filled anew.

    Tables kept across runs (`create table if not exists`) would otherwise keep an old layout after an
    upgrade adds a column. Returns the tables dropped.
    """
    existing = existing_tables(con)
    dropped = []
    for table in tables:
        if table not in existing:
            continue
        columns = [row[0] for row in con.execute(sql_file("catalog/table_columns.sql"), {"table": table}).fetchall()]
        if columns != [name for name, _, _ in column_descriptions(table)]:
            con.execute(f'drop table "{table}" cascade')  # an identifier from the registry, never user input
            dropped.append(table)
    return dropped
