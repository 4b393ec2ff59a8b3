"""Dagster asset of the complaint records: <landing>/complaints/ through the raw zone into the tables."""

import shutil
import time
import uuid
from enum import Enum
from typing import Any

import dagster as dg
from pydantic import Field

from assets.complaints.complaint_tables import ComplaintSettings, SparkEngine, build_complaint_tables, raw_zone_of, update_raw_zone
from assets.complaints.export_files import find_exports
from assets.complaints.spark_engine import SparkLocations, local_folder
from assets.complaints.spark_resource import start_session
from assets.landing_folders import COMPLAINTS_FOLDER, landing_path
from assets.resources import WarehouseResource
from assets.table_metadata import table_materialization, table_spec
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


class ComplaintEngine(Enum):
    # Lower-case names: Dagster's launchpad and run config name an enum's members by their names.
    duckdb = "duckdb"  # by partition, on this machine (the default)
    spark = "spark"  # every table whole, on the master of resource spark


class ComplaintConfig(dg.Config):
    engine: ComplaintEngine = Field(
        default=ComplaintEngine.duckdb,
        description=(
            "What computes the complaint tables from the raw zone: duckdb (by partition, on this machine) or spark "
            "(every table whole, on the master of resource spark; needs the dependency group spark and Java 17)."
        ),
    )
    raw_zone_uri: str = Field(
        default="",
        description="The raw zone as Spark reads it (e.g. s3a://bucket/raw/complaints); empty: its folder beside the warehouse file.",
    )
    tables_uri: str = Field(
        default="",
        description=(
            "Where Spark writes the tables as Parquet before the warehouse loads them (one folder per run under it); "
            "empty: raw/complaint_tables/ beside the warehouse file."
        ),
    )
    acceptance_limit_hours: float = Field(
        default=_DEFAULTS.acceptance_limit_hours,
        description="An accepted WeChat or web complaint is late when accepted more than this many hours after reported.",
    )
    completion_limit_days: float = Field(
        default=_DEFAULTS.completion_limit_days,
        description="An accepted complaint is late when completed (or still open) more than this many days after acceptance.",
    )


@dg.multi_asset(specs=[table_spec(table, group=STAGING_GROUP, deps=["complaint_exports"]) for table in COMPLAINT_TABLES])
def complaint_tables(
    context: dg.AssetExecutionContext, config: ComplaintConfig, warehouse: WarehouseResource, spark: dg.ResourceParam[Any]
):
    """Reads the provincial complaint exports in `<landing>/complaints/` that are new or changed since the
    published warehouse into the raw zone (Parquet beside the warehouse file, by month and province),
    then builds every complaint table from the raw zone with DuckDB SQL."""
    exports = find_exports(warehouse.landing, warehouse.published.parent)
    raw_zone = raw_zone_of(warehouse.published)
    settings = ComplaintSettings(acceptance_limit_hours=config.acceptance_limit_hours, completion_limit_days=config.completion_limit_days)
    with warehouse.staging_connection(context) as con:
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
        by_table: dict[str, float] = {}
        if config.engine is ComplaintEngine.spark:
            rows = _build_on_spark(context, con, raw_zone, settings, update, config, spark)
        else:
            rows = build_complaint_tables(con, raw_zone, settings, update, seconds=by_table)
        seconds = {
            **update.seconds,
            "tables": time.perf_counter() - started,
            **{f"tables: {name}": value for name, value in by_table.items()},
        }
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


def _build_on_spark(context, con, raw_zone, settings, update, config: ComplaintConfig, spark: Any) -> dict[str, int]:
    """The complaint tables computed by Spark into a folder of this run's own, loaded, and the folder
    removed (when it is a local one; on object storage it stays for the deployment to expire)."""
    session = start_session(spark)
    tables_root = config.tables_uri or str(raw_zone.parent / "complaint_tables")
    locations = SparkLocations(config.raw_zone_uri or str(raw_zone), f"{tables_root.rstrip('/')}/run-{uuid.uuid4().hex[:12]}")
    context.log.info(f"complaint tables on Spark {session.sparkContext.master}: {locations.raw_zone_uri} -> {locations.tables_uri}")
    # The session is not stopped here: it lives as long as the process, as dagster-pyspark's resources
    # intend (a run of `dagster dev` or `eco12369 build` is a process of its own, which ends with the run).
    try:
        return build_complaint_tables(con, raw_zone, settings, update, SparkEngine(session, locations))
    finally:
        if (folder := local_folder(locations.tables_uri)) is not None:
            shutil.rmtree(folder, ignore_errors=True)
