"""The `eco12369` command: build the whole warehouse, ingest one quarter, or draw the report, in one process.

The run is recorded in the project's Dagster instance (pipelines/instance.py), so that it appears in
the run history of `dagster dev` started in the same folder.
"""

import argparse
import datetime
import importlib
import os
import sys
import threading
import time
from pathlib import Path

from pipelines.run_summary import EXIT_FAILED, EXIT_USAGE
from warehouse.errors import PublishError
from warehouse.locations import DEFAULT_LANDING, DEFAULT_WAREHOUSE, refuse_connection_string


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="eco12369", description="Validated DuckDB warehouse of the national 12369 reporting statistics.")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="parse the whole landing folder, check everything, publish the warehouse")
    ingest = commands.add_parser("ingest", help="ingest one quarter's spot-check feed into the published warehouse")
    ingest.add_argument("quarter", help="the quarter, e.g. 2017Q3")
    report = commands.add_parser("report", help="draw the analyst report (HTML and PNG charts) from the published warehouse")
    export = commands.add_parser(
        "export", help="write every published table and view as CSV and Parquet with a data package (what build writes to downloads/)"
    )
    export.add_argument("--to", required=True, help="folder to write (replaced whole), e.g. /tmp/eco12369-downloads")
    export.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, help=f"published DuckDB file (default: {DEFAULT_WAREHOUSE})")
    for command in (build, ingest, report):
        command.add_argument("--landing", default=DEFAULT_LANDING, help=f"landing folder (default: {DEFAULT_LANDING})")
        command.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, help=f"published DuckDB file (default: {DEFAULT_WAREHOUSE})")
        command.add_argument("--reports", default="", help="folder for the report (default: reports/ beside the warehouse file)")
    build.add_argument(
        "--complaints-engine",
        choices=("duckdb", "spark"),
        default="duckdb",
        help="what computes the complaint tables from the raw zone: duckdb (default, by partition) or spark (every table "
        "whole; needs `uv sync --group spark` and Java 17)",
    )
    build.add_argument("--spark-master", default="", help="with --complaints-engine spark: the master URL (default: local[2])")
    return parser


def _engine_run_config(engine: str, spark_master: str) -> dict:
    """The run config that puts the complaint step on `engine` (the asset's config and resource spark's)."""
    from assets.complaints.spark_resource import DEFAULT_SPARK_CONFIG, SPARK_RESOURCE_KEY

    if engine == "duckdb":
        return {}
    spark_config = {**DEFAULT_SPARK_CONFIG, **({"spark.master": spark_master} if spark_master else {})}
    return {
        "ops": {"complaint_tables": {"config": {"engine": engine}}},
        "resources": {SPARK_RESOURCE_KEY: {"config": {"spark_config": spark_config}}},
    }


def _start_importing_great_expectations(warehouse: Path, exports: list | None = None) -> None:
    # Importing Great Expectations takes seconds of CPU. When the checks will need it, start it now in
    # the background: it then proceeds while the main thread waits on Dagster's event-log writes and
    # DuckDB reads the exports. When earlier outcomes are remembered beside the warehouse
    # (expectations/check_memo.py), a build of unchanged inputs runs no validation and the import would
    # only compete with the build; a new or changed export changes the complaint tables' frames.
    from expectations.check_memo import CHECK_MEMO_FOLDER
    from pipelines.feed_arrivals import published_exports

    landed = {export.name: export.sha256 for export in exports} if exports is not None else None
    if not (warehouse.parent / CHECK_MEMO_FOLDER).is_dir() or (landed is not None and landed != dict(published_exports(warehouse))):
        # SQLAlchemy first, here: GX imports it in the thread while Dagster's instance imports it in this
        # one, and two threads importing its modules at once can meet one half initialized
        # ("partially initialized module 'sqlalchemy.orm.exc'", seen in the Spark test).
        importlib.import_module("sqlalchemy.orm")
        threading.Thread(target=importlib.import_module, args=("great_expectations",), daemon=True).start()


def _definitions(landing: Path, warehouse: Path, reports: str):
    from pipelines.definitions import build_definitions
    from pipelines.resources import warehouse_resource

    resource = warehouse_resource(landing_dir=str(landing), warehouse_path=str(warehouse), reports_dir=reports)
    return resource, build_definitions(resource)


def build(landing: Path, warehouse: Path, reports: str = "", engine: str = "duckdb", spark_master: str = "") -> int:
    """Rebuild everything from the landing folder: the notices and every quarter with a feed; the
    complaint tables on `engine`."""
    started = time.perf_counter()
    print(f"eco12369 build: {landing} -> {warehouse}", file=sys.stderr, flush=True)

    from assets.complaints.export_files import find_exports
    from assets.errors import InputError
    from assets.spot_checks.feed import SPOT_CHECK_FOLDER, find_feeds
    from pipelines.feed_arrivals import register_exports
    from pipelines.jobs import REFRESH_WAREHOUSE, refresh_arguments

    try:
        quarters = sorted(q for q, files in find_feeds(landing / SPOT_CHECK_FOLDER).items() if files.detail is not None)
        exports = find_exports(landing, warehouse.parent)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_FAILED
    _start_importing_great_expectations(warehouse, exports)
    if quarters:
        print(f"quarters: {quarters[0]} to {quarters[-1]}", file=sys.stderr, flush=True)
    resource, defs = _definitions(landing, warehouse, reports)

    def execution(instance) -> dict:
        register_exports(instance, [export.name for export in exports])
        arguments = refresh_arguments(defs, instance, quarters)
        return {"tags": {"launched_by": "eco12369 build", **arguments["tags"]}, "asset_selection": arguments["asset_selection"]}

    return _run_and_report(
        defs.resolve_job_def(REFRESH_WAREHOUSE), resource, started, execution, extra_run_config=_engine_run_config(engine, spark_master)
    )


def ingest(quarter: str, landing: Path, warehouse: Path, reports: str = "") -> int:
    """Ingest one quarter's feed into a copy of the published warehouse, the way the sensor does."""
    started = time.perf_counter()
    print(f"eco12369 ingest {quarter}: {landing} -> {warehouse}", file=sys.stderr, flush=True)
    _start_importing_great_expectations(warehouse)

    from assets.errors import InputError
    from assets.spot_checks.feed import SPOT_CHECK_FOLDER, find_feeds
    from assets.spot_checks.partitions import quarter_refused
    from assets.spot_checks.quarters import parse_quarter
    from pipelines.feed_arrivals import register_quarters
    from pipelines.jobs import INGEST_QUARTER

    try:
        parse_quarter(quarter)
    except ValueError:
        print(f"error: {quarter!r} is not a quarter (write it like 2017Q3)", file=sys.stderr)
        return EXIT_USAGE
    refused = quarter_refused(quarter, datetime.date.today())
    if refused:
        print(f"error: {refused}", file=sys.stderr)
        return EXIT_USAGE
    try:
        files = find_feeds(landing / SPOT_CHECK_FOLDER).get(quarter)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_FAILED
    if files is None or files.detail is None:
        print(f"error: no feed for {quarter} in {landing / SPOT_CHECK_FOLDER} (expected {quarter}.csv or {quarter}.xlsx)", file=sys.stderr)
        return EXIT_FAILED
    resource, defs = _definitions(landing, warehouse, reports)

    def execution(instance) -> dict:
        register_quarters(instance, [quarter])
        return {"tags": {"launched_by": "eco12369 ingest"}, "partition_key": quarter}

    return _run_and_report(defs.resolve_job_def(INGEST_QUARTER), resource, started, execution)


def report(landing: Path, warehouse: Path, reports: str = "") -> int:
    """Draw the analyst report from the published warehouse (the asset analyst_report alone)."""
    started = time.perf_counter()
    print(f"eco12369 report: {warehouse}", file=sys.stderr, flush=True)

    import dagster as dg

    from pipelines.jobs import REFRESH_WAREHOUSE

    if not warehouse.exists():
        print(f"error: {warehouse}: no warehouse there yet; run `uv run eco12369 build` first", file=sys.stderr)
        return EXIT_FAILED
    resource, defs = _definitions(landing, warehouse, reports)
    return _run_and_report(
        defs.resolve_job_def(REFRESH_WAREHOUSE),
        resource,
        started,
        lambda _instance: {"tags": {"launched_by": "eco12369 report"}, "asset_selection": [dg.AssetKey("analyst_report")]},
        publishes=False,
        # The command is the way to have every chart drawn anew; builds redraw only what changed.
        extra_run_config={"ops": {"analyst_report": {"config": {"redraw": True}}}},
    )


def export(warehouse: Path, target: Path) -> int:
    """Write the downloads of the published warehouse into `target`, without a Dagster run: it reads
    the published file only, as the downloads asset does after a publish."""
    started = time.perf_counter()
    from assets.downloads.data_package import DATA_PACKAGE, write_downloads

    if not warehouse.exists():
        print(f"error: {warehouse}: no warehouse there yet; run `uv run eco12369 build` first", file=sys.stderr)
        return EXIT_FAILED
    if target.resolve() in (warehouse.resolve(), warehouse.parent.resolve()):
        print(f"error: --to {target}: the folder is replaced whole, so it cannot be the warehouse's own folder", file=sys.stderr)
        return EXIT_USAGE
    written = write_downloads(warehouse, target)
    rows = sum(relation.rows for relation in written.relations)
    print(
        f"exported: {len(written.relations)} tables and views, {rows} rows, to {target} "
        f"(data package {target / DATA_PACKAGE}) in {time.perf_counter() - started:.1f} s"
    )
    return 0


def _run_and_report(job, resource, started: float, execution, publishes: bool = True, extra_run_config: dict | None = None) -> int:
    """Run `job` in this process against the project's instance, with the keyword arguments that
    `execution(instance)` gives (it may register partitions first); print its problems and a summary."""
    from pipelines.instance import project_instance
    from pipelines.run_summary import RunCounts, run_problems, summary_lines

    with project_instance() as instance:
        run_config = {"loggers": {"progress": {}}, **(extra_run_config or {})}
        result = job.execute_in_process(instance=instance, raise_on_error=False, run_config=run_config, **execution(instance))
        # A run that stopped before publishing leaves its staging file behind; it is of no further use.
        resource.discard_finished_staging(instance)

    print("", file=sys.stderr)
    for line in run_problems(result):
        print(line, file=sys.stderr)
    print("", file=sys.stderr)
    elapsed = time.perf_counter() - started
    lines, exit_code = summary_lines(
        RunCounts.of(result), result.run_id, elapsed, resource.published, resource.reports / "report.html", publishes
    )
    for line in lines:
        print(line)
    return exit_code


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    try:
        for setting in ("landing", "warehouse", "reports", "to"):
            if hasattr(arguments, setting):
                refuse_connection_string(getattr(arguments, setting), f"--{setting}")
    except PublishError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    warehouse = Path(arguments.warehouse).resolve()
    if arguments.command == "export":
        return export(warehouse, Path(arguments.to).resolve())
    landing = Path(arguments.landing).resolve()
    reports = str(Path(arguments.reports).resolve()) if arguments.reports else ""
    if arguments.command == "build":
        if arguments.spark_master and arguments.complaints_engine != "spark":
            print("error: --spark-master needs --complaints-engine spark", file=sys.stderr)
            return EXIT_USAGE
        return build(landing, warehouse, reports, arguments.complaints_engine, arguments.spark_master)
    if arguments.command == "ingest":
        return ingest(arguments.quarter, landing, warehouse, reports)
    if arguments.command == "report":
        return report(landing, warehouse, reports)
    return EXIT_USAGE


def run() -> None:
    """Console-script entry point (`eco12369`)."""
    code = main()
    # Everything is written, closed and flushed by now. Tearing down the interpreter would spend a
    # second or more freeing the thousands of modules Dagster and GX import; skip it.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
