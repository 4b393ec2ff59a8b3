"""The DuckDB warehouse file: creating tables from warehouse/*.sql, loading frames, and publishing.

Write, audit, publish: a run builds a complete staging file of its own, the asset checks audit it,
and only then is it moved over the published file with one atomic rename. A reader that has the old
file open keeps its snapshot; the next connection sees the new file; a failed run leaves the
published file byte for byte as it was.
"""

import hashlib
import os
import re
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from assets.errors import PublishError

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SQL_DIR = PROJECT_ROOT / "warehouse"
# duckdb 2.x writes storage version 69 by default, which the DuckDB shell from PyPI (duckdb-cli 1.5)
# cannot open; this keeps the file readable by it (FIELD-NOTES.md).
CONNECTION_CONFIG = {"storage_compatibility_version": "v1.5.0"}
STAGING_FOLDER = ".staging"


# "md:", "s3://", "https://" and the like: connection strings and URLs, not paths.
_CONNECTION_STRING = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")


def refuse_connection_string(path: str, setting: str) -> None:
    if _CONNECTION_STRING.match(path):
        raise PublishError(
            f"{setting} {path!r}: a path on a file system is needed (the warehouse is published by renaming "
            "a file over the old one); connection strings and URLs such as md:, s3:// or https:// cannot be "
            "written to (docs/deploy.md)"
        )


def table_ddl(table: str) -> str:
    return (SQL_DIR / "tables" / f"{table}.sql").read_text(encoding="utf-8")


def sql_file(relative_path: str) -> str:
    return (SQL_DIR / relative_path).read_text(encoding="utf-8")


def connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    if read_only:
        return duckdb.connect(str(path), read_only=True)
    return duckdb.connect(str(path), config=CONNECTION_CONFIG)


def staging_path(warehouse_path: Path, run_id: str) -> Path:
    return warehouse_path.parent / STAGING_FOLDER / f"{run_id}.duckdb"


def write_table(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> int:
    """Run `table`'s DDL and append `frame` to it, matching columns by name.

    The DDL says what a write means: the annual tables are `create or replace` (each run that writes
    them writes them whole); the quarterly tables and quality_check are `create table if not exists`
    (a run replaces only its own quarters or checks, see warehouse/write/).
    """
    con.execute(table_ddl(table))
    columns = [row[0] for row in con.execute(sql_file("catalog/table_columns.sql"), [table]).fetchall()]
    if frame.empty:
        return 0
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise PublishError(f"table {table}: the rows to write lack columns {missing}")
    con.from_df(frame[columns]).insert_into(table)
    return len(frame)


def table_names() -> list[str]:
    return sorted(path.stem for path in (SQL_DIR / "tables").glob("*.sql"))


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table not there yet (empty) and (re)create every view.

    A warehouse always has the whole schema, so that views and checks never meet a missing table
    (a quarterly run into a warehouse that has no annual notice yet, say).
    """
    existing = {row[0] for row in con.execute(sql_file("catalog/existing_tables.sql")).fetchall()}
    for table in table_names():
        if table not in existing:
            con.execute(table_ddl(table))
    for view in sorted((SQL_DIR / "views").glob("*.sql")):
        con.execute(view.read_text(encoding="utf-8"))


def run_statements(con: duckdb.DuckDBPyConnection, relative_path: str, parameters: dict | None = None) -> None:
    """Run each statement of a SQL file under warehouse/, with the same named parameters."""
    # Comment lines go first: a ';' inside a comment must not split a statement.
    code = "\n".join(line for line in sql_file(relative_path).splitlines() if not line.strip().startswith("--"))
    for statement in code.split(";"):
        if statement.strip():
            con.execute(statement, parameters)


@cache
def _catalog() -> duckdb.DuckDBPyConnection:
    """An in-memory database holding every table of warehouse/tables/, to read their descriptions."""
    con = duckdb.connect()
    for ddl in sorted((SQL_DIR / "tables").glob("*.sql")):
        con.execute(ddl.read_text(encoding="utf-8"))
    return con


def column_descriptions(table: str) -> list[tuple[str, str, str]]:
    """(name, type, description) of each column of `table`, read from its DDL in warehouse/tables/."""
    return _catalog().execute(sql_file("catalog/column_descriptions.sql"), [table]).fetchall()


def table_description(table: str) -> str:
    return _catalog().execute(sql_file("catalog/table_description.sql"), [table]).fetchone()[0]


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


# Columns that say which run wrote a row and when; everything else must be the same on a rerun.
RUN_SPECIFIC_COLUMNS = {"spot_check_feed": ["ingested_at", "run_id"], "quality_check": ["checked_at", "run_id"]}


def content_checksums(path: Path) -> dict[str, str]:
    """SHA-256 of each table's rows (sorted, without run-specific columns), to compare two builds."""
    checksums = {}
    with connect(path, read_only=True) as con:
        for table in table_names():
            frame = con.table(table).df().drop(columns=RUN_SPECIFIC_COLUMNS.get(table, []))
            frame = frame.sort_values(list(frame.columns)).reset_index(drop=True)
            rows = pd.util.hash_pandas_object(frame.astype(str), index=False).to_numpy().tobytes()
            checksums[table] = hashlib.sha256(rows).hexdigest()
    return checksums


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
