"""The one Dagster Definitions object of eco12369: every asset, check, job and resource."""

import dagster as dg

from assets.bulletin.assets import bulletin_tables, raw_bulletins
from assets.publishing import published_warehouse, quality_check
from assets.reference.assets import region
from assets.report.assets import analyst_report
from assets.spot_checks.assets import spot_check_tables
from assets.table_checks import build_table_checks
from pipelines.jobs import ingest_quarter, refresh_warehouse
from pipelines.progress import progress_logger
from pipelines.resources import WarehouseResource, warehouse_from_environment
from pipelines.schedules import quarterly_spot_check_schedule
from pipelines.sensors import spot_check_feed_sensor

def build_definitions(warehouse: WarehouseResource) -> dg.Definitions:
    """Everything, bound to one warehouse (tests and the CLI bind their own; the UI uses the environment's)."""
    return dg.Definitions(
        assets=[raw_bulletins, bulletin_tables, region, spot_check_tables, quality_check, published_warehouse, analyst_report],
        asset_checks=build_table_checks(),
        jobs=[refresh_warehouse, ingest_quarter],
        schedules=[quarterly_spot_check_schedule],
        sensors=[spot_check_feed_sensor],
        resources={"warehouse": warehouse},
        # Runs launched from the UI ("Materialize all") also run in one process, for the same reasons
        # as refresh_warehouse.
        executor=dg.in_process_executor,
        # The UI's runs log to the console as usual; `eco12369 build` picks the short progress logger.
        loggers={"console": dg.colored_console_logger, "progress": progress_logger},
    )


defs = build_definitions(warehouse_from_environment())
