"""Every published relation is described: each view of warehouse/views/ and each of its columns, and each
column of every registry table, has a non-empty comment in DuckDB's catalog (the downloads publish them).

Built in memory from the SQL files alone: the table DDL, then store.ensure_schema for the views."""

import re

import duckdb
import pytest

from warehouse import store
from warehouse.registry import table_names
from warehouse.sql import comment_statements, sql_file, table_ddl, view_files, views_in_dependency_order

VIEWS = [path.stem for path in view_files()]


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect()
    for table in table_names():
        connection.execute(table_ddl(table))
    store.ensure_schema(connection)
    yield connection
    connection.close()


def _columns(con: duckdb.DuckDBPyConnection, relation: str) -> list[tuple[str, str | None]]:
    return con.execute(
        "select column_name, comment from duckdb_columns() where table_name = ? order by column_index",
        [relation],
    ).fetchall()


def test_every_view_file_makes_its_view(con):
    made = {row[0] for row in con.execute("select view_name from duckdb_views() where not internal").fetchall()}
    assert sorted(set(VIEWS) - made) == []


@pytest.mark.parametrize("view", VIEWS)
def test_the_view_is_described(con, view):
    (comment,) = con.execute("select comment from duckdb_views() where view_name = ?", [view]).fetchone()
    assert comment and comment.strip(), f"view {view} has no description (comment on view {view} is '...')"


@pytest.mark.parametrize("view", VIEWS)
def test_every_column_of_the_view_is_described(con, view):
    columns = _columns(con, view)
    assert columns, f"view {view} has no columns"
    undescribed = [name for name, comment in columns if not (comment and comment.strip())]
    assert undescribed == [], f"view {view}: columns without a description: {', '.join(f'{view}.{name}' for name in undescribed)}"


@pytest.mark.parametrize("view", VIEWS)
def test_the_view_file_has_one_comment_line_per_column_in_output_order(con, view):
    # The code reads descriptions one `comment on ` line at a time (warehouse/sql.py comment_statements).
    statements = comment_statements(sql_file(f"views/{view}.sql"))
    assert [s for s in statements if s.startswith("comment on view ")] != [], f"view {view}: no one-line comment on view"
    described = [match.group(1) for statement in statements if (match := re.match(rf"comment on column {view}\.(\w+) is ", statement))]
    assert described == [name for name, _ in _columns(con, view)], f"view {view}: comment on column lines differ from its columns"


@pytest.mark.parametrize("table", table_names())
def test_every_column_of_the_table_is_described(con, table):
    columns = _columns(con, table)
    assert columns, f"table {table} has no columns"
    undescribed = [name for name, comment in columns if not (comment and comment.strip())]
    assert undescribed == [], f"table {table}: columns without a description: {', '.join(f'{table}.{name}' for name in undescribed)}"


def test_views_come_after_the_views_they_read():
    # warehouse/views/province_scorecard.sql reads province_handling; reports_monthly reads figure_conflict.
    order = [path.stem for path in views_in_dependency_order()]
    assert order.index("province_handling") < order.index("province_scorecard")
    assert order.index("figure_conflict") < order.index("reports_monthly")
    assert sorted(order) == sorted(path.stem for path in view_files())
