"""The last two steps of a run: record every check result in the warehouse, then publish it.

Both depend on every table; since every check is blocking, they run only after all checks have run,
and not at all when an ERROR check failed, so a failed run publishes nothing.
"""

import datetime as dt
import json

import dagster as dg
import pandas as pd

from assets.complaints.assets import EXPORT_PARTITIONS_NAME, EXPORTS_ADMITTED
from assets.complaints.complaint_tables import raw_files_of_warehouse, raw_zone_of, tidy_raw_zone
from assets.output_folders import DATA_DOCS_INDEX
from assets.resources import WarehouseResource
from assets.table_checks import VALIDATED_AT, VALIDATED_IN_RUN
from assets.table_metadata import table_materialization, table_spec
from warehouse import sql, store
from warehouse.errors import PublishError
from warehouse.registry import PUBLISHED_GROUP, QUALITY, input_tables, tables_written_by

(QUALITY_CHECK,) = tables_written_by(QUALITY)
RUN_CHECKS_VIEW = "run_checks"


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
        validated_at = evaluation.metadata.get(VALIDATED_AT)
        validated_in_run = evaluation.metadata.get(VALIDATED_IN_RUN)
        rows.append(
            {
                "checked_at": dt.datetime.fromtimestamp(record.event_log_entry.timestamp, tz=dt.UTC).replace(tzinfo=None),
                "run_id": run_id,
                "asset": evaluation.asset_key.to_user_string(),
                "check_name": evaluation.check_name,
                "severity": evaluation.severity.value,
                "passed": evaluation.passed,
                "details": json.dumps(details.value if details else {}, ensure_ascii=False),
                "validated_at": dt.datetime.fromisoformat(validated_at.value) if validated_at and validated_at.value else None,
                "validated_in_run": validated_in_run.value if validated_in_run and validated_in_run.value else None,
            }
        )
    return pd.DataFrame(rows)


def report_published_exports(context: dg.AssetExecutionContext, run_ids: list[str]) -> None:
    """Mark the partitions of complaint_exports whose files these runs admitted and this step just
    published as materialized (with their SHA-256); a refused export's partition stays as it was."""
    registered = set(context.instance.get_dynamic_partitions(EXPORT_PARTITIONS_NAME))
    for run_id in run_ids:
        records = context.instance.get_records_for_run(run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION).records
        for record in records:
            materialization = record.event_log_entry.dagster_event.event_specific_data.materialization
            admitted = materialization.metadata.get(EXPORTS_ADMITTED)
            if materialization.asset_key != dg.AssetKey("complaint_export") or admitted is None:
                continue
            for name, sha256 in admitted.value:
                if name in registered:
                    context.log_event(
                        dg.AssetMaterialization(
                            "complaint_exports", partition=name, metadata={"sha256": sha256}, tags={"dagster/data_version": sha256}
                        )
                    )


# Everything the published file holds comes from the input tables and the checks on them.
@dg.multi_asset(specs=[table_spec(QUALITY_CHECK, group=PUBLISHED_GROUP, deps=list(input_tables()))])
def quality_check(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Records the result of every check of this run in table quality_check of the staging warehouse.

    The rows of checks this run did not evaluate (a quarterly run evaluates only the quarterly
    tables' checks) stay as published.
    """
    frame = check_results_of_runs(context.instance, warehouse.runs_sharing_staging(context), context.run.run_id)
    with warehouse.staging_connection(context) as con:
        # A warehouse published before quality_check had these columns keeps its rows and gains them.
        sql.run_statements(con, "write/upgrade_quality_check.sql")
        for statement in sql.comment_statements(sql.table_ddl(QUALITY_CHECK)):
            con.execute(statement)
        if not frame.empty:
            con.register(RUN_CHECKS_VIEW, frame)
            sql.run_statements(con, "write/merge_quality_check.sql")
            con.unregister(RUN_CHECKS_VIEW)
    failed = frame[~frame["passed"]] if not frame.empty else frame
    return table_materialization(
        QUALITY_CHECK,
        frame,
        {
            "checks_passed": int(frame["passed"].sum()) if not frame.empty else 0,
            "checks_failed": len(failed),
            # Built by the asset data_docs from these results once the run publishes.
            "data_docs": dg.MetadataValue.path(str(warehouse.data_docs / DATA_DOCS_INDEX)),
        },
    )


@dg.asset(
    group_name=PUBLISHED_GROUP,
    deps=[QUALITY_CHECK],
    kinds={"duckdb"},
    owners=["team:eco12369"],
)
def published_warehouse(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Adds the analytic views and atomically moves the audited staging file over the published warehouse."""
    if warehouse.published_since(context.run):
        raise PublishError(
            f"{warehouse.published} was published by another run after this run's copy of it was taken "
            "(between the runs of a backfill); publishing this copy would undo that run's change, so nothing "
            "is published. Launch the materialization again."
        )
    with warehouse.staging_connection(context) as con:
        store.ensure_schema(con)
        row_counts = store.row_counts(con)
    replaced = raw_files_of_warehouse(warehouse.published)
    warehouse.publish(context.run)
    report_published_exports(context, warehouse.runs_sharing_staging(context))
    deleted = tidy_raw_zone(raw_zone_of(warehouse.published), warehouse.published, replaced, warehouse.staging_area.staging_files())
    if deleted:
        context.log.info(f"raw zone: deleted {len(deleted)} files that no published or staged manifest lists")
    digest = store.file_sha256(warehouse.published)
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(warehouse.published)),
            "bytes": warehouse.published.stat().st_size,
            "sha256": digest,
            "row_counts": dg.MetadataValue.json(row_counts),
        }
    )
