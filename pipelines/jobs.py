"""Jobs: refresh_warehouse rebuilds and publishes the whole warehouse from the landing folder."""

import dagster as dg

REFRESH_WAREHOUSE = "refresh_warehouse"

refresh_warehouse = dg.define_asset_job(
    REFRESH_WAREHOUSE,
    selection=dg.AssetSelection.all(),
    description="Parse everything in the landing folder, audit it with every check, and publish the warehouse if no ERROR check fails.",
    # One process for the whole run: a process per step costs seconds each (FIELD-NOTES.md), and the
    # steps share one staging DuckDB file, which only one process may write at a time.
    executor_def=dg.in_process_executor,
)
