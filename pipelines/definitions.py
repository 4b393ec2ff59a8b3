"""The one Dagster Definitions object of eco12369: every asset, check, job and resource."""

import dagster as dg

from assets.bulletin.assets import bulletin_tables, raw_bulletins
from assets.publishing import published_warehouse, quality_check
from assets.reference.assets import region
from assets.table_checks import build_table_checks
from pipelines.jobs import refresh_warehouse
from pipelines.progress import progress_logger
from pipelines.resources import warehouse_from_environment

defs = dg.Definitions(
    assets=[raw_bulletins, bulletin_tables, region, quality_check, published_warehouse],
    asset_checks=build_table_checks(),
    jobs=[refresh_warehouse],
    resources={"warehouse": warehouse_from_environment()},
    # Runs launched from the UI ("Materialize all") also run in one process, for the same reasons
    # as refresh_warehouse.
    executor=dg.in_process_executor,
    # The UI's runs log to the console as usual; `eco12369 build` picks the short progress logger.
    loggers={"console": dg.colored_console_logger, "progress": progress_logger},
)
