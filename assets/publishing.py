"""The last two steps of a run: record every check result in the warehouse, then publish it.

Both depend on every table; since every check is blocking, they run only after all checks have run,
and not at all when an ERROR check failed, so a failed run publishes nothing.
"""

import datetime as dt
import json

import dagster as dg
import pandas as pd

from dagster._core.storage.tags import BACKFILL_ID_TAG

from assets.errors import PublishError
from assets.table_metadata import table_materialization, table_spec
from pipelines import warehouse_store
from pipelines.resources import WarehouseResource

# Everything the published file holds comes from these assets and the checks on them.
UPSTREAM_TABLES = (
    "bulletin", "handling_by_province", "handling_national", "hotline_check", "portal_status", "parse_note", "region",
    "spot_check", "spot_check_summary", "spot_check_national", "spot_check_feed",
)
RUN_CHECKS_VIEW = "run_checks"


def runs_writing_staging(instance: dg.DagsterInstance, run: dg.DagsterRun) -> list[str]:
    """The run itself, or every run of its backfill: together they wrote the staging file."""
    backfill_id = run.tags.get(BACKFILL_ID_TAG)
    if not backfill_id:
        return [run.run_id]
    return [other.run_id for other in instance.get_runs(filters=dg.RunsFilter(tags={BACKFILL_ID_TAG: backfill_id}))]


def check_results_of_runs(instance: dg.DagsterInstance, run_ids: list[str], run_id: str) -> pd.DataFrame:
    """One row per asset check evaluated in the runs `run_ids`, in the layout of table quality_check,
    each row recorded under `run_id`, the run that publishes them."""
    records = [
        record
        for evaluated_in in run_ids
        for record in instance.get_records_for_run(evaluated_in, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION).records
    ]
    rows = []
    for record in records:
        evaluation = record.event_log_entry.dagster_event.event_specific_data
        details = evaluation.metadata.get("details")
        rows.append(
            {
                "checked_at": dt.datetime.fromtimestamp(record.event_log_entry.timestamp, tz=dt.UTC).replace(tzinfo=None),
                "run_id": run_id,
                "asset": evaluation.asset_key.to_user_string(),
                "check_name": evaluation.check_name,
                "severity": evaluation.severity.value,
                "passed": evaluation.passed,
                "details": json.dumps(details.value if details else {}, ensure_ascii=False),
            }
        )
    return pd.DataFrame(rows)


@dg.multi_asset(specs=[table_spec("quality_check", group="published", deps=list(UPSTREAM_TABLES))])
def quality_check(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Records the result of every check of this run in table quality_check of the staging warehouse.

    The rows of checks this run did not evaluate (a quarterly run evaluates only the quarterly
    tables' checks) stay as published.
    """
    frame = check_results_of_runs(context.instance, runs_writing_staging(context.instance, context.run), context.run.run_id)
    with warehouse.staging_connection(context) as con:
        warehouse_store.ensure_schema(con)
        if not frame.empty:
            con.register(RUN_CHECKS_VIEW, frame)
            warehouse_store.run_statements(con, "write/merge_quality_check.sql")
            con.unregister(RUN_CHECKS_VIEW)
    failed = frame[~frame["passed"]] if not frame.empty else frame
    return table_materialization(
        "quality_check",
        frame,
        {"checks_passed": int(frame["passed"].sum()) if not frame.empty else 0, "checks_failed": len(failed)},
    )


@dg.asset(
    group_name="published",
    deps=["quality_check"],
    kinds={"duckdb"},
    owners=["team:eco12369"],
)
def published_warehouse(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Adds the analytic views and atomically moves the audited staging file over the published warehouse."""
    staging = warehouse.staging_for(context.run)
    if warehouse.published_since(context.run):
        raise PublishError(
            f"{warehouse.published} was published by another run after this run's copy of it was taken "
            "(between the runs of a backfill); publishing this copy would undo that run's change, so nothing "
            "is published. Launch the materialization again."
        )
    with warehouse.staging_connection(context) as con:
        warehouse_store.ensure_schema(con)
        row_counts = {table: con.table(table).shape[0] for table in warehouse_store.table_names()}
    warehouse_store.publish(staging, warehouse.published)
    warehouse.discard_staging_base(context.run)
    digest = warehouse_store.file_sha256(warehouse.published)
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(warehouse.published)),
            "bytes": warehouse.published.stat().st_size,
            "sha256": digest,
            "row_counts": dg.MetadataValue.json(row_counts),
        }
    )
