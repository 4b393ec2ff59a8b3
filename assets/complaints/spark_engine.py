"""The complaint tables computed by Spark SQL, from the raw zone as it is and the same SQL as DuckDB's.

The raw zone is read by URI (a folder here, `s3a://bucket/raw/complaints` in a deployment); each table
is the statement of warehouse/complaints/ transpiled to Spark SQL (warehouse/spark_sql.py) and written
as Parquet under `tables_uri/<table>/`, which the warehouse then loads into its tables by name
(load_tables). The tables are small aggregates, so loading them keeps the warehouse file whole for
its readers, and a later DuckDB build updates them by partition as it would its own.

Spark computes every table whole: it is for volumes where the whole computation is the point. pyspark
is imported by the caller's session only (dependency group spark); this module needs none of it to
import."""

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from warehouse.registry import COMPLAINTS, tables_written_by
from warehouse.sql import SQL_DIR, table_ddl

# The frames of the ERROR checks of table complaint (assets/complaints/complaint_tables.py computes them on DuckDB).
VIOLATION_TABLES = ("complaint_violation", "complaint_repeated_id")
# The tables with a statement of their own (warehouse/complaints/insert_<table>.sql), in the registry's
# order, which is the order they are computed in: complaint_rows (view complaint) needs complaint_copy.
SPARK_TABLES = tuple(
    table
    for table in tables_written_by(COMPLAINTS)
    if (SQL_DIR / "complaints" / f"insert_{table}.sql").exists() and table not in VIOLATION_TABLES
)
# The raw zone's partition folders (month=YYYY-MM/province=<name>/).
PARTITION_COLUMNS = ("month", "province")
# Spark's settings this step relies on: partition folders read as text (DuckDB's hive_types), and
# timestamps in UTC (the raw zone's are wall-clock times without a zone; epoch() must not shift them).
SESSION_SETTINGS = {
    "spark.sql.sources.partitionColumnTypeInference.enabled": "false",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.parquet.inferTimestampNTZ.enabled": "true",
}
SPARK_INSTALL_HINT = (
    "the complaint engine spark needs the dependency group spark (uv sync --group spark) and Java 17 (java on PATH or JAVA_HOME)"
)


@dataclass(frozen=True)
class SparkLocations:
    raw_zone_uri: str  # the raw zone's root, as Spark reads it (path or URI)
    tables_uri: str  # where the tables are written, one folder each
    # Where Spark also writes the records as table complaint has them, for the cluster's own queries or
    # a comparison; empty: not written (the warehouse's complaint is a view over the raw zone).
    records_uri: str = ""


def spark_parameters(available: dict, statement: str) -> dict:
    """The values of a Spark statement's parameter markers: times as ISO text (cast by the SQL), so
    that no Python time zone takes part."""
    from warehouse.spark_sql import parameter_names

    values = {}
    for name in parameter_names(statement):
        value = available[name]
        values[name] = value.isoformat(sep=" ") if hasattr(value, "isoformat") else value
    return values


def compute_tables(
    spark, raw_files: list[str], locations: SparkLocations, lookups: dict[str, pd.DataFrame], available: dict
) -> dict[str, str]:
    """Compute every complaint table (SPARK_TABLES) from `raw_files` (relative to the raw zone) with
    the session `spark`; write each as Parquet; {table: its folder's URI}. `lookups` are the small
    tables the statements join (reporting_unit), registered as temporary views."""
    # sqlglot is in the dependency groups dev and spark, not in the project's own dependencies.
    from warehouse.spark_sql import RAW_RECORDS_VIEW, spark_statement

    for key, value in SESSION_SETTINGS.items():
        spark.conf.set(key, value)
    root = locations.raw_zone_uri.rstrip("/")
    records = spark.read.option("basePath", root).parquet(*(f"{root}/{name}" for name in raw_files))
    records.selectExpr(*_partition_columns_decoded(records.columns)).createOrReplaceTempView(RAW_RECORDS_VIEW)
    for name, frame in lookups.items():
        spark.createDataFrame(frame).createOrReplaceTempView(name)
    # No alert is scoped in a whole computation; the statement still names the table.
    spark.sql("select cast(null as string) as province, cast(null as date) as week_start where false").createOrReplaceTempView(
        "alert_scope"
    )
    written = {}
    for table in SPARK_TABLES:
        written[table] = _write(spark, f"complaints/insert_{table}.sql", table, locations, available)
        if table == "complaint_copy":
            spark.read.parquet(written[table]).createOrReplaceTempView("complaint_copy")
            rows = spark.sql(spark_statement("complaints/complaint_rows.sql")).persist()
            rows.createOrReplaceTempView("complaint_rows")
            if locations.records_uri:
                rows.write.mode("overwrite").parquet(locations.records_uri)
    # The checks' frames: Spark's records are all of them, so complaint_changed is complaint.
    rows.createOrReplaceTempView("complaint")
    rows.createOrReplaceTempView("complaint_changed")
    for table in VIOLATION_TABLES:
        written[table] = _write(spark, f"complaints/insert_{table}.sql", table, locations, available)
    for view in ("complaint_rows", "complaint", "complaint_changed"):
        spark.catalog.dropTempView(view)
    rows.unpersist()
    return written


def _partition_columns_decoded(columns: list[str]) -> list[str]:
    """The raw zone's columns, the partition folders' values read as UTF-8. The folders percent-encode
    a value's UTF-8 bytes (province=%E5%B9%BF%E4%B8%9C, as DuckDB and pyarrow write and read them);
    Spark decodes each %XX to one character, so its 广东 arrives as six Latin-1 characters, whose
    bytes are the UTF-8 of the name."""
    return [f"decode(encode({name}, 'ISO-8859-1'), 'UTF-8') as {name}" if name in PARTITION_COLUMNS else name for name in columns]


def _write(spark, relative_path: str, name: str, locations: SparkLocations, available: dict) -> str:
    from warehouse.spark_sql import spark_statement

    statement = spark_statement(relative_path)
    uri = f"{locations.tables_uri.rstrip('/')}/{name}"
    # Aggregates: a few files each (adaptive execution coalesces the shuffle's partitions).
    spark.sql(statement, args=spark_parameters(available, statement)).write.mode("overwrite").parquet(uri)
    return uri


def duckdb_path(uri: str) -> str:
    """The Parquet files of a table folder as DuckDB reads them: a local folder, or s3:// for s3a://
    (DuckDB's httpfs extension reads object storage; Spark's Hadoop client names the scheme s3a)."""
    folder = local_folder(uri)
    if folder is not None:
        return f"{folder}/*.parquet"
    return f"{uri.replace('s3a://', 's3://', 1) if uri.startswith('s3a://') else uri}/*.parquet"


def load_tables(con: duckdb.DuckDBPyConnection, written: dict[str, str]) -> None:
    """Each table Spark wrote, into the warehouse table of its DDL (columns by name, types cast)."""
    for table, uri in written.items():
        con.execute(table_ddl(table))
        columns = con.table(table).columns
        # By name, in the table's order; DuckDB casts each value to the column's type on insert.
        con.read_parquet(duckdb_path(uri)).select(*columns).insert_into(table)


def local_folder(uri: str) -> Path | None:
    """The local folder of a file URI or path (None for object storage)."""
    if "://" in uri and not uri.startswith("file:"):
        return None
    return Path(uri.removeprefix("file:").removeprefix("//"))
