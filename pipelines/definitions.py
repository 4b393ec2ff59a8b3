"""The one Dagster Definitions object of eco12369: every asset, check, job and resource."""

import dagster as dg

from assets.bulletin.assets import bulletin_tables, raw_bulletins
from assets.bulletin_series.assets import bulletin_series_tables
from assets.complaints.assets import complaint_exports, complaint_tables
from assets.complaints.spark_resource import SPARK_RESOURCE_KEY, spark_resource
from assets.downloads.assets import downloads
from assets.publishing import published_warehouse, quality_check
from assets.reference.assets import region
from assets.refused_inputs import refused_input
from assets.report.assets import analyst_report, data_docs
from assets.resources import WarehouseResource
from assets.spot_checks.assets import spot_check_tables
from assets.table_checks import build_table_checks
from pipelines.jobs import ingest_bulletins, ingest_complaints, ingest_quarter, refresh_warehouse
from pipelines.progress import progress_logger
from pipelines.resources import warehouse_from_environment
from pipelines.schedules import quarterly_spot_check_schedule
from pipelines.sensors import bulletin_arrival_sensor, complaint_export_sensor, spot_check_feed_sensor


def build_definitions(warehouse: WarehouseResource, executor: dg.ExecutorDefinition = dg.in_process_executor) -> dg.Definitions:
    """Everything, bound to one warehouse (tests and the CLI bind their own; the UI uses the environment's).

    Every job runs on `executor`. In-process by default: a process per step costs seconds each
    (FIELD-NOTES.md). Steps share one staging DuckDB file, which one process at a time may write, so an
    executor that runs steps in processes or pods of their own must run one step at a time
    (max_concurrent 1) with the warehouse folder on storage every step can reach (docs/deploy.md).
    """
    return dg.Definitions(
        assets=[
            raw_bulletins,
            bulletin_tables,
            bulletin_series_tables,
            complaint_exports,
            complaint_tables,
            region,
            spot_check_tables,
            refused_input,
            quality_check,
            published_warehouse,
            data_docs,
            analyst_report,
            downloads,
        ],
        asset_checks=build_table_checks(),
        jobs=[refresh_warehouse, ingest_quarter, ingest_bulletins, ingest_complaints],
        schedules=[quarterly_spot_check_schedule],
        sensors=[spot_check_feed_sensor, bulletin_arrival_sensor, complaint_export_sensor],
        # spark: dagster-pyspark's session, started only by the complaint step with engine spark.
        resources={"warehouse": warehouse, SPARK_RESOURCE_KEY: spark_resource()},
        executor=executor,
        # The UI's runs log to the console as usual; `eco12369 build` picks the short progress logger.
        loggers={"console": dg.colored_console_logger, "progress": progress_logger},
    )


defs = build_definitions(warehouse_from_environment())
