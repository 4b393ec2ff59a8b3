"""Jobs: refresh_warehouse rebuilds everything; ingest_quarter ingests one quarter's spot-check feed."""

import dagster as dg

from assets.spot_checks.assets import SPOT_CHECK_TABLES

REFRESH_WAREHOUSE = "refresh_warehouse"
INGEST_QUARTER = "ingest_quarter"
# dagster.yaml lets one run with this tag run at a time; the rest wait in the queue.
WRITES_WAREHOUSE_TAG = {"eco12369/writes_warehouse": "true"}

refresh_warehouse = dg.define_asset_job(
    REFRESH_WAREHOUSE,
    selection=dg.AssetSelection.all(),
    description=(
        "Parse the annual notices and the quarters' spot-check feeds in the landing folder, audit them "
        "with every check, and publish the warehouse if no ERROR check fails. Pick the quarters to "
        "ingest (a range runs in one step); `eco12369 build` picks every quarter with a feed."
    ),
    # The executor is the Definitions' (pipelines/definitions.py): in-process unless a deployment
    # passes another to build_definitions.
    tags=WRITES_WAREHOUSE_TAG,
)

ingest_quarter = dg.define_asset_job(
    INGEST_QUARTER,
    selection=dg.AssetSelection.assets(*SPOT_CHECK_TABLES, "region", "quality_check", "published_warehouse", "analyst_report"),
    description=(
        "Ingest one quarter's spot-check feed: replace that quarter's rows in a copy of the published "
        "warehouse, run the checks, and publish if no ERROR check fails. Run by the arrival sensor "
        "and the quarterly schedule."
    ),
    tags=WRITES_WAREHOUSE_TAG,
)
