"""Jobs: refresh_warehouse rebuilds everything; ingest_quarter ingests one quarter's spot-check feed."""

import dagster as dg

from pipelines.dagster_internals import partition_range_tags
from pipelines.feed_arrivals import register_quarters
from warehouse.registry import COMPLAINTS, NOTICE, QUALITY, REFERENCE, REFUSALS, SERIES, partitioned_tables, tables_written_by

REFRESH_WAREHOUSE = "refresh_warehouse"
INGEST_QUARTER = "ingest_quarter"
INGEST_BULLETINS = "ingest_bulletins"
INGEST_COMPLAINTS = "ingest_complaints"
# The landing folder's exports: an external asset (made by the provinces), never run by a job.
EXTERNAL_ASSETS = dg.AssetSelection.assets("complaint_exports")
# The publish step and what every job that publishes writes from the published file after it.
PUBLISHING_AND_AFTER = ("published_warehouse", "data_docs", "analyst_report", "downloads")
# dagster.yaml lets one run with this tag run at a time; the rest wait in the queue.
WRITES_WAREHOUSE_TAG = {"eco12369/writes_warehouse": "true"}

refresh_warehouse = dg.define_asset_job(
    REFRESH_WAREHOUSE,
    selection=dg.AssetSelection.all() - EXTERNAL_ASSETS,
    description=(
        "Parse the annual notices, the bulletins, the quarters' spot-check feeds and the complaint exports in the landing folder, audit them "
        "with every check, and publish the warehouse if no ERROR check fails. Pick the quarters to "
        "ingest (a range runs in one step); `eco12369 build` picks every quarter with a feed."
    ),
    # The executor is the Definitions' (pipelines/definitions.py): in-process unless a deployment
    # passes another to build_definitions.
    tags=WRITES_WAREHOUSE_TAG,
)

ingest_quarter = dg.define_asset_job(
    INGEST_QUARTER,
    # The partitioned tables and what runs after them; the reference table is rewritten from the same file.
    selection=dg.AssetSelection.assets(
        *partitioned_tables(),
        *tables_written_by(REFERENCE),
        *tables_written_by(REFUSALS),
        *tables_written_by(QUALITY),
        *PUBLISHING_AND_AFTER,
    ),
    description=(
        "Ingest one quarter's spot-check feed: replace that quarter's rows in a copy of the published "
        "warehouse, run the checks, and publish if no ERROR check fails. Run by the arrival sensor "
        "and the quarterly schedule."
    ),
    tags=WRITES_WAREHOUSE_TAG,
)


ingest_bulletins = dg.define_asset_job(
    INGEST_BULLETINS,
    # The bulletins and what runs after them; the quarterly tables stay as published.
    selection=dg.AssetSelection.assets(
        "raw_bulletins",
        *tables_written_by(NOTICE),
        *tables_written_by(SERIES),
        *tables_written_by(REFERENCE),
        *tables_written_by(REFUSALS),
        *tables_written_by(QUALITY),
        *PUBLISHING_AND_AFTER,
    ),
    description=(
        "Read the bulletins in <landing>/bulletins/ (only the pages new or changed since the published warehouse), "
        "run the checks, and publish if no ERROR check fails. Run by the bulletin arrival sensor."
    ),
    tags=WRITES_WAREHOUSE_TAG,
)


ingest_complaints = dg.define_asset_job(
    INGEST_COMPLAINTS,
    # The complaint tables and what runs after them; everything else stays as published.
    selection=dg.AssetSelection.assets(
        *tables_written_by(COMPLAINTS),
        *tables_written_by(REFERENCE),
        *tables_written_by(REFUSALS),
        *tables_written_by(QUALITY),
        *PUBLISHING_AND_AFTER,
    ),
    description=(
        "Read the complaint exports in <landing>/complaints/ that are new or changed since the published warehouse "
        "into the raw zone, rebuild the complaint tables from it, run the checks, and publish if no ERROR check fails. "
        "Run by the complaint export sensor."
    ),
    tags=WRITES_WAREHOUSE_TAG,
)


def refresh_arguments(defs: dg.Definitions, instance: dg.DagsterInstance, quarters: list[str]) -> dict:
    """Tags and asset selection of a refresh_warehouse run that ingests `quarters`, which it registers
    as partitions in `instance` first.

    All quarters run in one run and one step (the quarterly tables' single-run backfill policy), as a
    range over the registered quarters, in the instance's order, from the first of `quarters` to the
    last; with no quarter, the quarterly tables are left out, since a partitioned job needs a partition.
    """
    in_range = [quarter for quarter in register_quarters(instance, quarters) if quarter in set(quarters)]
    if in_range:
        return {"tags": partition_range_tags(in_range[0], in_range[-1]), "asset_selection": None}
    job = defs.resolve_job_def(REFRESH_WAREHOUSE)
    unpartitioned = [key for key in job.asset_layer.selected_asset_keys if not defs.resolve_assets_def(key).partitions_def]
    return {"tags": {}, "asset_selection": unpartitioned}
