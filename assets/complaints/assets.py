"""Dagster asset of the complaint records: <landing>/complaints/ through the raw zone into the tables."""

import time

import dagster as dg
from pydantic import Field

from assets.complaints.complaint_tables import ComplaintSettings, build_complaint_tables, raw_zone_of, update_raw_zone
from assets.complaints.export_files import find_exports
from assets.landing_folders import COMPLAINTS_FOLDER, landing_path
from assets.resources import WarehouseResource
from assets.table_metadata import table_materialization, table_spec
from warehouse import store
from warehouse.refusals import EXPORT_KIND, Refusal, record_refusals
from warehouse.registry import COMPLAINTS, STAGING_GROUP, tables_written_by

COMPLAINT_TABLES = tables_written_by(COMPLAINTS)
_DEFAULTS = ComplaintSettings()

EXPORT_PARTITIONS_NAME = "complaint_export"
# Metadata of the complaint tables' materializations: the exports this run admitted, [name, sha256]
# each, which the publish step reports as materialized partitions of complaint_exports once published.
EXPORTS_ADMITTED = "exports_admitted"
# One partition per export file, registered by the complaint export sensor and `eco12369 build` when
# the file lands (and removed when it leaves), so that the UI lists the exports there are.
complaint_export_partitions = dg.DynamicPartitionsDefinition(name=EXPORT_PARTITIONS_NAME)

# The exports as they land: made by the provincial platforms, not by this project (an external asset,
# observed by the sensor with each file's SHA-256).
complaint_exports = dg.AssetSpec(
    "complaint_exports",
    group_name="raw_snapshots",
    partitions_def=complaint_export_partitions,
    kinds={"csv", "xlsx", "parquet"},
    owners=["team:eco12369"],
    description=(
        "The provincial platforms' complaint exports in <landing>/complaints/ (.csv, .xlsx or .parquet, Chinese "
        "headers as exported), one partition per file. Written by the provinces; this project only reads them."
    ),
)


class ComplaintConfig(dg.Config):
    acceptance_limit_hours: float = Field(
        default=_DEFAULTS.acceptance_limit_hours,
        description="An accepted WeChat or web complaint is late when accepted more than this many hours after reported.",
    )
    completion_limit_days: float = Field(
        default=_DEFAULTS.completion_limit_days,
        description="An accepted complaint is late when completed (or still open) more than this many days after acceptance.",
    )


@dg.multi_asset(specs=[table_spec(table, group=STAGING_GROUP, deps=["complaint_exports"]) for table in COMPLAINT_TABLES])
def complaint_tables(context: dg.AssetExecutionContext, config: ComplaintConfig, warehouse: WarehouseResource):
    """Reads the provincial complaint exports in `<landing>/complaints/` that are new or changed since the
    published warehouse into the raw zone (Parquet beside the warehouse file, by month and province),
    then builds every complaint table from the raw zone with DuckDB SQL."""
    exports = find_exports(warehouse.landing, warehouse.published.parent)
    raw_zone = raw_zone_of(warehouse.published)
    settings = ComplaintSettings(acceptance_limit_hours=config.acceptance_limit_hours, completion_limit_days=config.completion_limit_days)
    with warehouse.staging_connection(context) as con:
        store.ensure_schema(con)
        update = update_raw_zone(con, exports, raw_zone)
        context.log.info(
            f"complaint exports: {len(update.parsed)} parsed, {len(update.kept)} already in the raw zone from the same bytes, "
            f"{len(update.removed)} removed, {len(update.refused)} refused"
        )
        for export, reason in update.refused:
            held = " (its published version stays)" if export.name in update.held else ""
            context.log.warning(f"refused: {reason}{held}")
        refusals = [
            Refusal(landing_path(COMPLAINTS_FOLDER, export.name), EXPORT_KIND, export.sha256, reason) for export, reason in update.refused
        ]
        record_refusals(con, EXPORT_KIND, refusals, context.run.run_id)
        started = time.perf_counter()
        rows = build_complaint_tables(con, raw_zone, settings, update)
        seconds = {**update.seconds, "tables": time.perf_counter() - started}
        store.ensure_schema(con)
        for table in COMPLAINT_TABLES:
            yield table_materialization(
                table,
                con.table(table).limit(5).df(),
                {
                    "dagster/row_count": rows[table],
                    "exports_parsed": len(update.parsed),
                    "exports_kept": len(update.kept),
                    "exports_removed": len(update.removed),
                    "exports_refused": len(update.refused),
                    EXPORTS_ADMITTED: dg.MetadataValue.json([list(admitted) for admitted in update.admitted]),
                    "raw_zone": dg.MetadataValue.path(str(raw_zone)),
                    # Where the step's time went (read, check and write are summed over parallel threads).
                    "seconds": dg.MetadataValue.json({name: round(value, 2) for name, value in seconds.items()}),
                },
            )
