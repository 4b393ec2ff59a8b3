"""The complaint SQL of this folder in Spark SQL's dialect: the one place where the two engines differ.

The complaint tables and the violation frames their checks read are written once, in DuckDB's dialect
(warehouse/complaints/, warehouse/checks/). For Spark they are transpiled by sqlglot (read "duckdb",
write "spark"); what sqlglot cannot carry over is rewritten here, each rewrite with its reason:

- `read_parquet($raw_files, hive_partitioning = true, ...)` is DuckDB's table function over a file list;
  Spark reads the raw zone into a DataFrame (its partition folders as columns, as DuckDB's hive
  partitioning reads them) and the statement names that DataFrame's temporary view instead.
- `insert into <table> by name <select>` appends to a DuckDB table; on Spark the select alone is run
  and its result written as Parquet, which the warehouse loads by name.
- `$name` parameters become Spark's named parameter markers (`:name`), bound by `spark.sql(args=...)`.
- `order by all` inside a statement: Spark 4.0 reads `all` there as a column name. The order of a
  table's rows is no part of its contract (the checks order their frames themselves), so the clause is
  dropped, unless it carries a `limit` (then its order picks the rows, and it must be spelled out).

Everything else (count_if, group by all, epoch, list_filter, unnest, semi and anti joins, windows) is
shared or transpiled by sqlglot as it is; tests/test_spark_dialect.py holds each of these to its output.
Imported only by the Spark engine and its tests: sqlglot is in the dependency groups dev and spark."""

import re

import sqlglot
from sqlglot import exp

from warehouse.sql import sql_file

# The temporary view Spark registers for the raw files a statement reads.
RAW_RECORDS_VIEW = "raw_records"


class NotSpark(ValueError):
    """A construct of a statement that has no rewrite here (the message names the file and the construct)."""


def spark_statement(relative_path: str) -> str:
    """The one statement of a SQL file under warehouse/ in Spark SQL (an insert reduced to its select)."""
    statements = [statement for statement in sqlglot.parse(sql_file(relative_path), read="duckdb") if statement is not None]
    if len(statements) != 1:
        raise NotSpark(f"{relative_path}: expected one statement, found {len(statements)}")
    (statement,) = statements
    if isinstance(statement, exp.Insert):
        statement = statement.expression
        # sqlglot hangs a leading `with` on the insert: it belongs to the select.
    statement = statement.transform(_rewrite, relative_path=relative_path)
    return statement.sql(dialect="spark", pretty=True, comments=False)


def _rewrite(node: exp.Expression, relative_path: str) -> exp.Expression | None:
    if isinstance(node, exp.ReadParquet) or (isinstance(node, exp.Anonymous) and node.name.lower() == "read_parquet"):
        return exp.to_table(RAW_RECORDS_VIEW)
    if isinstance(node, exp.Table) and isinstance(node.this, exp.ReadParquet | exp.Anonymous) and _is_read_parquet(node.this):
        return exp.Table(this=exp.to_identifier(RAW_RECORDS_VIEW), alias=node.args.get("alias"))
    if isinstance(node, exp.Order) and _orders_by_all(node):
        select = node.parent
        if isinstance(select, exp.Select) and select.args.get("limit") is not None:
            raise NotSpark(f"{relative_path}: `order by all` with a limit: spell the columns out")
        return None
    return node


def _is_read_parquet(function: exp.Expression) -> bool:
    return isinstance(function, exp.ReadParquet) or (isinstance(function, exp.Anonymous) and function.name.lower() == "read_parquet")


def _orders_by_all(order: exp.Order) -> bool:
    keys = order.expressions
    return len(keys) == 1 and isinstance(keys[0].this, exp.Column | exp.Var) and keys[0].this.name.lower() == "all"


def parameter_names(spark_sql: str) -> set[str]:
    """The named parameter markers of a Spark statement (`:name`, outside string literals)."""
    without_strings = re.sub(r"'(?:[^']|'')*'", "''", spark_sql)
    return set(re.findall(r"(?<![:\w]):([a-z_][a-z_0-9]*)", without_strings))
