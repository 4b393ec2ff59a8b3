"""The complaint tables computed by Spark on a real standalone cluster (a master and two workers on
loopback, tests/support/spark_cluster.py) equal DuckDB's, row for row (floating values within 1e-9), on
three data sets: the shipped sample exports (through `eco12369 build --complaints-engine spark`, so
through Dagster's resource and the step's configuration), the hand-computed exports of
tests/support/complaint_exports.py, and a 200 k-record national set from the sample generator. The
cluster's every process is stopped at the end; the test fails if one survives.

Needs the dependency group spark and Java 17: without them the test skips, saying so, unless CI is set
(.ci/run installs the group and runs it)."""

import dataclasses
import math
import os
import shutil
from pathlib import Path

import duckdb
import pytest

from assets.complaints.complaint_tables import ComplaintSettings, SparkEngine, build_complaint_tables, raw_zone_of, update_raw_zone
from assets.complaints.export_files import find_exports
from assets.complaints.sample_exports import notice_volumes, write_national
from assets.complaints.spark_engine import SparkLocations
from assets.complaints.spark_resource import spark_resource, start_session
from assets.reference.prefectures import reporting_units
from tests.support import complaint_exports as exports
from tests.support.cli import run_cli_in_this_process
from tests.support.landing import LANDING, PROJECT_ROOT
from tests.support.spark_cluster import LoopbackCluster, quick_start_conf_dir
from warehouse import store
from warehouse.registry import COMPLAINTS, tables_written_by

pytestmark = pytest.mark.slow

NATIONAL_RECORDS = 200_000


def spark_is_installed() -> None:
    """Skip (or, with CI set, fail) naming what is missing: the group spark, or Java."""
    missing = []
    try:
        import dagster_pyspark  # noqa: F401
        import pyspark  # noqa: F401
    except ImportError:
        missing.append("the dependency group spark (uv sync --group spark)")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        missing.append("Java 17 (java on PATH, or JAVA_HOME)")
    if missing:
        reason = "the Spark cluster test needs " + " and ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(reason + "; .ci/run installs the group")
        pytest.skip(reason)


def ordered_rows(con: duckdb.DuckDBPyConnection, table: str) -> tuple[list[str], list[tuple]]:
    """The columns and rows of a table, in one order whatever order they were stored in; all columns but
    complaint_tables_basis.computed_by, which names the engine."""
    columns = [column for column in con.table(table).columns if column != "computed_by"]
    return columns, con.table(table).select(*columns).order("all").fetchall()


def identical(duck: duckdb.DuckDBPyConnection, spark_built: duckdb.DuckDBPyConnection, table: str) -> bool:
    """Whether the table holds the very same rows in both, value for value (compared as Arrow tables in
    one order, which at 200 k records is seconds faster than row by row in Python)."""
    columns = [column for column in duck.table(table).columns if column != "computed_by"]
    if [column for column in spark_built.table(table).columns if column != "computed_by"] != columns:
        return False
    ours, theirs = (con.table(table).select(*columns).order("all").to_arrow_table() for con in (spark_built, duck))
    return ours.equals(theirs)


def differences(label: str, duck: duckdb.DuckDBPyConnection, spark_built: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    """How table `table` differs between the two warehouses: columns, row counts, or the first rows
    that differ (floating values within 1e-9)."""
    if identical(duck, spark_built, table):
        return []
    duck_columns, duck_rows = ordered_rows(duck, table)
    spark_columns, spark_rows = ordered_rows(spark_built, table)
    if duck_columns != spark_columns:
        return [f"{label} {table}: columns {spark_columns}, DuckDB's {duck_columns}"]
    if len(duck_rows) != len(spark_rows):
        return [f"{label} {table}: {len(spark_rows)} rows, DuckDB's {len(duck_rows)}"]
    found = []
    for number, (ours, theirs) in enumerate(zip(spark_rows, duck_rows, strict=True)):
        for column, a, b in zip(duck_columns, ours, theirs, strict=True):
            same = math.isclose(a, b, rel_tol=0, abs_tol=1e-9) if isinstance(a, float) and isinstance(b, float) else a == b
            if not same:
                found.append(f"{label} {table} row {number} column {column}: Spark {a!r}, DuckDB {b!r}")
        if len(found) > 5:
            break
    return found


def complaint_tables_differ(label: str, duck: duckdb.DuckDBPyConnection, spark_built: duckdb.DuckDBPyConnection) -> list[str]:
    found = []
    for table in tables_written_by(COMPLAINTS):
        found += differences(label, duck, spark_built, table)
    return found


def records_differ(label: str, duck: duckdb.DuckDBPyConnection, records: Path) -> list[str]:
    """Spark's records against view complaint, column for column."""
    columns = ", ".join(duck.table("complaint").columns)
    spark_records = f"select {columns} from read_parquet('{records}/*.parquet')"  # noqa: S608 (a test's own folder)
    if duck.sql(spark_records).order("all").to_arrow_table().equals(duck.table("complaint").order("all").to_arrow_table()):
        return []
    # Not the same Arrow tables: the same values in other types (a narrower integer) still count as equal.
    ours = duck.sql(spark_records).order("all").fetchall()
    theirs = duck.table("complaint").order("all").fetchall()
    if ours == theirs:
        return []
    return [f"{label} complaint: Spark's {len(ours)} records differ from DuckDB's {len(theirs)}"]


def duckdb_and_spark(landing: Path, folder: Path, session) -> tuple[duckdb.DuckDBPyConnection, duckdb.DuckDBPyConnection, Path]:
    """Warehouses of the complaint tables of `landing`, one computed by DuckDB and one by Spark, over
    one raw zone; and where Spark wrote its records."""
    raw = folder / "raw"
    duck = duckdb.connect(str(folder / "duckdb.duckdb"))
    store.ensure_schema(duck)
    update = update_raw_zone(duck, find_exports(landing), raw)
    assert not update.refused, update.refused
    duck.close()
    shutil.copy(folder / "duckdb.duckdb", folder / "spark.duckdb")
    duck = duckdb.connect(str(folder / "duckdb.duckdb"))
    build_complaint_tables(duck, raw, ComplaintSettings())
    spark_built = duckdb.connect(str(folder / "spark.duckdb"))
    records = folder / "spark-records"
    locations = SparkLocations(str(raw), str(folder / "spark-tables"), str(records))
    build_complaint_tables(spark_built, raw, ComplaintSettings(), spark=SparkEngine(session, locations))
    return duck, spark_built, records


def hand_computed(folder: Path) -> Path:
    for write in (exports.write_basics, exports.write_repeats, exports.write_handling, exports.write_alerts):
        write(folder)
    return folder


def national(folder: Path) -> Path:
    volumes = notice_volumes(PROJECT_ROOT / "data" / "landing" / "bulletins" / "2017-annual-notice.txt")
    written = write_national(folder / "complaints", [2017], dataclasses.replace(volumes, reports=NATIONAL_RECORDS), per="year")
    assert written >= NATIONAL_RECORDS * 0.99, written
    return folder


def stop_driver_jvm() -> None:
    """The JVM pyspark started for this process's driver: stopped, so that nothing outlives the test."""
    from pyspark import SparkContext

    gateway = SparkContext._gateway
    if gateway is None:
        return
    process = gateway.proc
    gateway.shutdown()
    process.terminate()
    process.wait(30)
    SparkContext._gateway = None
    SparkContext._jvm = None


def test_complaint_tables_on_a_loopback_cluster_equal_duckdbs(tmp_path, monkeypatch):
    spark_is_installed()
    monkeypatch.setenv("SPARK_CONF_DIR", str(quick_start_conf_dir(tmp_path / "spark-conf")))
    cluster = LoopbackCluster(tmp_path / "cluster").start()
    problems = []
    try:
        # 1. The shipped sample exports, as a user runs the step on a cluster: Dagster's resource and config.
        # In this process, so that the session it starts (it lives as long as the process) serves 2 and 3.
        # A landing folder of the sample exports alone: the step under test is the complaint step.
        samples = tmp_path / "samples"
        shutil.copytree(LANDING / "complaints", samples / "complaints")
        warehouse = tmp_path / "cli" / "12369.duckdb"
        built = run_cli_in_this_process(
            tmp_path / "dagster_home",
            *("build", "--landing", str(samples), "--warehouse", str(warehouse)),
            *("--complaints-engine", "spark", "--spark-master", cluster.master_url),
        )
        assert built.returncode == 0, built.stderr[-3000:]
        with duckdb.connect(str(warehouse), read_only=True) as published:
            assert published.sql("select computed_by from complaint_tables_basis").fetchall() == [(f"spark {cluster.master_url}",)]
        assert not any(raw_zone_of(warehouse).parent.joinpath("complaint_tables").glob("run-*")), "the run's Parquet stays behind"
        recomputed = tmp_path / "cli-duckdb.duckdb"
        shutil.copy(warehouse, recomputed)
        with duckdb.connect(str(recomputed)) as duck, duckdb.connect(str(warehouse), read_only=True) as spark_built:
            build_complaint_tables(duck, raw_zone_of(warehouse), ComplaintSettings())
            problems += complaint_tables_differ("shipped samples", duck, spark_built)

        # 2 and 3: the plain functions, on a session from Dagster's resource with the cluster's master
        # (the one the build started: a session is one per process).
        resource = spark_resource({"spark.master": cluster.master_url})
        assert type(resource).__name__ == "LazyPySparkResource"
        session = start_session(resource)
        assert session.sparkContext.master == cluster.master_url
        try:
            for label, write in (("hand-computed", hand_computed), ("national 200 k", national)):
                folder = tmp_path / label.replace(" ", "-")
                landing = write(folder / "landing")
                duck, spark_built, records = duckdb_and_spark(landing, folder, session)
                problems += complaint_tables_differ(label, duck, spark_built) + records_differ(label, duck, records)
                if label == "hand-computed":
                    # The hand-made cases are not empty tables that agree by having nothing.
                    for table in ("repeat_target", "complaint_alert", "complaint_copy", "handling_from_records"):
                        assert store.row_count(spark_built, table) > 0, table
                duck.close()
                spark_built.close()
        finally:
            session.stop()
            stop_driver_jvm()
    finally:
        cluster.stop()
    assert cluster.survivors() == [], "processes of the loopback cluster outlived it"
    assert not problems, "\n".join(problems)


def test_the_comparison_finds_a_value_off_by_more_than_1e9_and_nothing_else():
    with duckdb.connect() as spark_like, duckdb.connect() as duck:
        for con, value in ((duck, 0.5), (spark_like, 0.5 + 5e-10)):
            con.execute("create table t (name varchar, share double, parts varchar[])")
            con.execute("insert into t values ('广东', ?, ['air', 'noise']), ('江苏', 1.0, null)", [value])
        assert differences("case", duck, spark_like, "t") == []
        assert not identical(duck, spark_like, "t")  # within 1e-9, but not the same value
        spark_like.execute("update t set share = 0.5 where name = '广东'")
        assert identical(duck, spark_like, "t") and differences("case", duck, spark_like, "t") == []
        spark_like.execute("update t set share = 1.0 + 2e-9 where name = '江苏'")
        assert differences("case", duck, spark_like, "t") == ["case t row 1 column share: Spark 1.000000002, DuckDB 1.0"]
        spark_like.execute("update t set share = 1.0, parts = ['air'] where name = '江苏'")
        assert differences("case", duck, spark_like, "t") == ["case t row 1 column parts: Spark ['air'], DuckDB None"]
        spark_like.execute("delete from t where name = '江苏'")
        assert differences("case", duck, spark_like, "t") == ["case t: 1 rows, DuckDB's 2"]


def test_with_no_export_the_spark_engine_is_not_asked_and_the_tables_are_empty(tmp_path):
    class NoSession:
        def __getattr__(self, name):
            raise AssertionError(f"the session was asked for {name}")

    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        store.ensure_schema(con)
        update_raw_zone(con, [], tmp_path / "raw")
        engine = SparkEngine(NoSession(), SparkLocations(str(tmp_path / "raw"), str(tmp_path / "tables")))
        rows = build_complaint_tables(con, tmp_path / "raw", ComplaintSettings(), spark=engine)
        # reporting_unit is the reference list of units (prefectures.csv), written with every whole computation.
        assert {table: count for table, count in rows.items() if count} == {
            "complaint_tables_basis": 1,
            "reporting_unit": len(reporting_units()),
        }
        assert con.sql("select computed_by from complaint_tables_basis").fetchall() == [("duckdb",)]
