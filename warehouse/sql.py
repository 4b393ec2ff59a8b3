"""Reading the SQL files of this folder and running them with parameters."""

import re
from pathlib import Path

import duckdb

SQL_DIR = Path(__file__).resolve().parent


def sql_file(relative_path: str) -> str:
    return (SQL_DIR / relative_path).read_text(encoding="utf-8")


def table_ddl(table: str) -> str:
    return sql_file(f"tables/{table}.sql")


def view_files() -> list[Path]:
    return sorted((SQL_DIR / "views").glob("*.sql"))


def relations_read_by(definition: str) -> set[str]:
    """The names a view's SQL reads FROM or JOINs (CTE names among them), its comments left out:
    a column that shares a table's name (figure_conflict's region) is not a table read."""
    code = "\n".join(line for line in definition.splitlines() if not line.lstrip().startswith(("--", "comment on ")))
    return set(re.findall(r"\b(?:from|join)\s+([a-z_][a-z_0-9]*)", code, flags=re.IGNORECASE))


def views_in_dependency_order() -> list[Path]:
    """The view files, each after the views it reads, so that they can be created in one pass."""
    pending = {path.stem: path for path in view_files()}
    reads = {name: relations_read_by(path.read_text(encoding="utf-8")) for name, path in pending.items()}
    ordered: list[Path] = []
    while pending:
        ready = [name for name in pending if not (reads[name] & (set(pending) - {name}))]
        if not ready:
            raise ValueError(f"views in warehouse/views/ that read each other in a cycle: {sorted(pending)}")
        for name in sorted(ready):
            ordered.append(pending.pop(name))
    return ordered


def parameters_of(statement: str, available: dict) -> dict:
    """The named parameters a statement uses, from `available` (DuckDB refuses unused ones)."""
    return {name: available[name] for name in set(re.findall(r"\$([a-z_][a-z_0-9]*)", statement))}


def run_statements(con: duckdb.DuckDBPyConnection, relative_path: str, parameters: dict | None = None) -> None:
    """Run each statement of a SQL file under warehouse/, with the same named parameters."""
    # Comment lines go first: a ';' inside a comment must not split a statement.
    code = "\n".join(line for line in sql_file(relative_path).splitlines() if not line.strip().startswith("--"))
    for statement in code.split(";"):
        if statement.strip():
            con.execute(statement, parameters_of(statement, parameters) if parameters else None)


def with_list_literal(statement: str, parameter: str, values: list[str]) -> str:
    """`statement` with `$parameter` written out as a list of string literals (each quote doubled).

    Only for the definition of a view, which DuckDB stores as text and cannot bind parameters in;
    everything else passes values as parameters."""
    literal = "[" + ", ".join("'" + value.replace("'", "''") + "'" for value in values) + "]"
    written, count = re.subn(rf"\${parameter}\b", lambda _: literal, statement)
    if count == 0:
        raise ValueError(f"the statement has no parameter ${parameter}")
    return written


def comment_statements(ddl: str, as_view: bool = False) -> list[str]:
    """The COMMENT ON statements of a table's DDL (one per line), for a view of the same columns when
    `as_view`: a view built in place of the table keeps its descriptions."""
    statements = [line.rstrip().rstrip(";") for line in ddl.splitlines() if line.startswith("comment on ")]
    if as_view:
        statements = [re.sub(r"^comment on table ", "comment on view ", statement) for statement in statements]
    return statements
