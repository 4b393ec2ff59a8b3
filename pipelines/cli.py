"""The `eco12369` command: build the whole warehouse, or ingest one quarter, in one process.

The run is recorded in the project's Dagster instance (.dagster/, configured by dagster.yaml), so it
appears in the run history of `dagster dev` started in the same folder.
"""

import argparse
import importlib
import os
import sys
import threading
import time
from pathlib import Path

from pipelines.warehouse_store import PROJECT_ROOT

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="eco12369", description="Validated DuckDB warehouse of the national 12369 reporting statistics.")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="parse the whole landing folder, check everything, publish the warehouse")
    ingest = commands.add_parser("ingest", help="ingest one quarter's spot-check feed into the published warehouse")
    ingest.add_argument("quarter", help="the quarter, e.g. 2017Q3")
    report = commands.add_parser("report", help="draw the analyst report (HTML and PNG charts) from the published warehouse")
    for command in (build, ingest, report):
        command.add_argument("--landing", default="data/landing", help="landing folder (default: data/landing)")
        command.add_argument("--warehouse", default="warehouse/12369.duckdb", help="published DuckDB file (default: warehouse/12369.duckdb)")
        command.add_argument("--reports", default="", help="folder for the report (default: reports/ beside the warehouse file)")
    return parser


def _project_instance():
    from dagster import DagsterInstance
    from dagster._core.instance.ref import InstanceRef

    if os.getenv("DAGSTER_HOME"):
        return DagsterInstance.get()  # an instance chosen by the caller (tests, deployments)
    # dagster.yaml keeps every store under .dagster/ with paths relative to the project folder.
    os.chdir(PROJECT_ROOT)
    return DagsterInstance.from_ref(InstanceRef.from_dir(str(PROJECT_ROOT / ".dagster"), config_dir=str(PROJECT_ROOT)))


# The project's own error types carry messages written for a person: print them as they are.
_OWN_ERRORS = {"InputError", "BulletinParseError", "BulletinConflictError", "PublishError", "ReportError"}


def _innermost_error(error) -> tuple[str, str]:
    """(class name, message) of the error that caused a step failure, without Dagster's wrapping."""
    while error.cause is not None:
        error = error.cause
    cls_name, message = error.cls_name or "Error", error.message.strip()
    # Dagster prefixes the message with the qualified class name ("assets.errors.InputError: ...").
    prefix, _, rest = message.partition(": ")
    if prefix.endswith(cls_name) and rest:
        message = rest
    return cls_name, message


def run_problems(result) -> list[str]:
    """One line per problem of a finished run, for a person: errors first (the file, the place, what
    was expected), then failed ERROR checks, then failed WARN checks, each naming the offending rows."""
    import dagster as dg

    from expectations.validation import failing_rows_summary

    lines = []
    for event in result.all_events:
        if event.event_type != dg.DagsterEventType.STEP_FAILURE:
            continue
        cls_name, message = _innermost_error(event.step_failure_data.error)
        if cls_name == "DagsterAssetCheckFailedError":
            continue  # the failed checks are reported one by one below
        lines.append(f"error: {message}" if cls_name in _OWN_ERRORS else f"error: {cls_name}: {message}")
    evaluations = [e.event_specific_data for e in result.all_events if e.event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION]
    failed = sorted((e for e in evaluations if not e.passed), key=lambda e: e.severity != dg.AssetCheckSeverity.ERROR)
    for evaluation in failed:
        details = evaluation.metadata.get("details")
        what = failing_rows_summary(details.value) if details else ""
        lines.append(f"{evaluation.severity.value.lower()}: check {evaluation.asset_key.to_user_string()}.{evaluation.check_name} failed: {what}")
    return lines


def refresh_arguments(defs, quarters: list[str]) -> dict:
    """Tags and asset selection of a refresh_warehouse run that ingests `quarters` (sorted).

    All quarters run in one run and one step (the quarterly tables' single-run backfill policy);
    with no quarter, the quarterly tables are left out, since a partitioned job needs a partition.
    """
    from dagster._core.storage.tags import ASSET_PARTITION_RANGE_END_TAG, ASSET_PARTITION_RANGE_START_TAG

    from pipelines.jobs import REFRESH_WAREHOUSE

    if quarters:
        return {"tags": {ASSET_PARTITION_RANGE_START_TAG: quarters[0], ASSET_PARTITION_RANGE_END_TAG: quarters[-1]}, "asset_selection": None}
    job = defs.resolve_job_def(REFRESH_WAREHOUSE)
    unpartitioned = [key for key in job.asset_layer.selected_asset_keys if not defs.resolve_assets_def(key).partitions_def]
    return {"tags": {}, "asset_selection": unpartitioned}


def _start_importing_great_expectations() -> None:
    # Importing Great Expectations takes seconds of CPU. Start it now in the background: it then
    # proceeds while the main thread waits on Dagster's event-log writes, instead of after them.
    threading.Thread(target=importlib.import_module, args=("great_expectations",), daemon=True).start()


def _resource(landing: Path, warehouse: Path, reports: str):
    from pipelines.resources import WarehouseResource

    return WarehouseResource(landing_dir=str(landing), warehouse_path=str(warehouse), reports_dir=reports)


def build(landing: Path, warehouse: Path, reports: str = "") -> int:
    """Rebuild everything from the landing folder: the notices and every quarter with a feed."""
    started = time.perf_counter()
    print(f"eco12369 build: {landing} -> {warehouse}", file=sys.stderr, flush=True)
    _start_importing_great_expectations()

    from assets.errors import InputError
    from assets.spot_checks.assets import SPOT_CHECK_FOLDER
    from assets.spot_checks.feed import find_feeds
    from pipelines.definitions import build_definitions
    from pipelines.jobs import REFRESH_WAREHOUSE

    try:
        quarters = sorted(q for q, files in find_feeds(landing / SPOT_CHECK_FOLDER).items() if files.detail is not None)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_FAILED
    if quarters:
        print(f"quarters: {quarters[0]} to {quarters[-1]}", file=sys.stderr, flush=True)
    resource = _resource(landing, warehouse, reports)
    defs = build_definitions(resource)
    arguments = refresh_arguments(defs, quarters)
    return _run_and_report(
        defs.resolve_job_def(REFRESH_WAREHOUSE), resource, warehouse, started,
        tags={"launched_by": "eco12369 build", **arguments["tags"]}, asset_selection=arguments["asset_selection"],
    )


def ingest(quarter: str, landing: Path, warehouse: Path, reports: str = "") -> int:
    """Ingest one quarter's feed into a copy of the published warehouse, the way the sensor does."""
    started = time.perf_counter()
    print(f"eco12369 ingest {quarter}: {landing} -> {warehouse}", file=sys.stderr, flush=True)
    _start_importing_great_expectations()

    from pipelines.definitions import build_definitions
    from pipelines.jobs import INGEST_QUARTER

    resource = _resource(landing, warehouse, reports)
    defs = build_definitions(resource)
    job = defs.resolve_job_def(INGEST_QUARTER)
    known = job.partitions_def.get_partition_keys()
    if quarter not in known:
        print(f"error: {quarter} is not a quarter from {known[0]} to {known[-1]} (write it like 2017Q3)", file=sys.stderr)
        return EXIT_USAGE
    return _run_and_report(job, resource, warehouse, started, tags={"launched_by": "eco12369 ingest"}, partition_key=quarter)


def report(landing: Path, warehouse: Path, reports: str = "") -> int:
    """Draw the analyst report from the published warehouse (the asset analyst_report alone)."""
    started = time.perf_counter()
    print(f"eco12369 report: {warehouse}", file=sys.stderr, flush=True)

    import dagster as dg

    from pipelines.definitions import build_definitions
    from pipelines.jobs import REFRESH_WAREHOUSE

    if not warehouse.exists():
        print(f"error: {warehouse}: no warehouse there yet; run `uv run eco12369 build` first", file=sys.stderr)
        return EXIT_FAILED
    resource = _resource(landing, warehouse, reports)
    defs = build_definitions(resource)
    return _run_and_report(
        defs.resolve_job_def(REFRESH_WAREHOUSE), resource, warehouse, started, publishes=False,
        tags={"launched_by": "eco12369 report"}, asset_selection=[dg.AssetKey("analyst_report")],
        # The command is the way to have every chart drawn anew; builds redraw only what changed.
        extra_run_config={"ops": {"analyst_report": {"config": {"redraw": True}}}},
    )


def _materialized(events, asset: str) -> bool:
    import dagster as dg

    return any(
        e.event_type == dg.DagsterEventType.ASSET_MATERIALIZATION and e.asset_key == dg.AssetKey(asset) for e in events
    )


def _run_and_report(
    job, resource, warehouse: Path, started: float, publishes: bool = True, extra_run_config: dict | None = None, **execution,
) -> int:
    """Run `job` in this process against the project's instance; print failures and a summary.

    Exit 0 only if the run did all it set out to do: published the warehouse (unless `publishes` is
    False) and wrote the report.
    """
    import dagster as dg

    with _project_instance() as instance:
        run_config = {"loggers": {"progress": {}}, **(extra_run_config or {})}
        result = job.execute_in_process(instance=instance, raise_on_error=False, run_config=run_config, **execution)
        # A run that stopped before publishing leaves its staging file behind; it is of no further use.
        resource.discard_finished_staging(instance)

    events = result.all_events
    rows = {}
    for event in events:
        if event.event_type == dg.DagsterEventType.ASSET_MATERIALIZATION:
            materialization = event.event_specific_data.materialization
            count = materialization.metadata.get("dagster/row_count") or materialization.metadata.get("rows_written_by_run")
            if count is not None:
                rows[materialization.asset_key.to_user_string()] = count.value
    evaluations = [e.event_specific_data for e in events if e.event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION]
    published = _materialized(events, "published_warehouse")
    reported = _materialized(events, "analyst_report")

    print("", file=sys.stderr)
    for line in run_problems(result):
        print(line, file=sys.stderr)

    passed = sum(e.passed for e in evaluations)
    failed_error = sum(not e.passed and e.severity == dg.AssetCheckSeverity.ERROR for e in evaluations)
    failed_warn = sum(not e.passed and e.severity == dg.AssetCheckSeverity.WARN for e in evaluations)
    elapsed = time.perf_counter() - started
    print("", file=sys.stderr)
    if not publishes:
        if reported:
            print(f"report: {resource.reports / 'report.html'}  run {result.run_id}  in {elapsed:.1f} s")
            return EXIT_OK
        print(f"NO report written  run {result.run_id}  in {elapsed:.1f} s")
        return EXIT_FAILED
    print(f"tables: {len(rows)}  rows: {sum(rows.values())}  ({', '.join(f'{t} {n}' for t, n in sorted(rows.items()))})")
    print(f"checks: {passed} passed, {failed_error} ERROR failed, {failed_warn} WARN failed")
    if published:
        print(f"published: {warehouse}  run {result.run_id}  in {elapsed:.1f} s")
        if reported:
            print(f"report: {resource.reports / 'report.html'}")
            return EXIT_OK
        print("report NOT written (see the error above); the warehouse is published")
        return EXIT_FAILED
    print(f"NOT published: {warehouse} is unchanged  run {result.run_id}  in {elapsed:.1f} s")
    return EXIT_FAILED


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    from assets.errors import PublishError
    from pipelines.warehouse_store import refuse_connection_string

    try:
        for setting in ("landing", "warehouse", "reports"):
            refuse_connection_string(getattr(arguments, setting), f"--{setting}")
    except PublishError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    landing = Path(arguments.landing).resolve()
    warehouse = Path(arguments.warehouse).resolve()
    reports = str(Path(arguments.reports).resolve()) if arguments.reports else ""
    if arguments.command == "build":
        return build(landing, warehouse, reports)
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
