"""Dagster assets of the quarterly spot-check feeds: one multi-asset writing the four quarterly tables.

Partitioned by quarter. A run replaces exactly the quarters it ingests (delete, then insert) in a
copy of the published warehouse; other quarters stay as published. A run over several quarters (the
full `eco12369 build`) handles them all in one step (single-run backfill policy).
"""

import dagster as dg

from assets.resources import WarehouseResource
from assets.spot_checks.feed import SPOT_CHECK_FOLDER, find_feeds
from assets.spot_checks.partitions import quarter_partitions
from assets.spot_checks.quarterly_tables import quarterly_tables, quarters_with_feeds
from assets.table_metadata import table_materialization, table_spec
from warehouse import sql, store
from warehouse.registry import SPOT_CHECK_FEEDS, STAGING_GROUP, tables_written_by

SPOT_CHECK_TABLES = tables_written_by(SPOT_CHECK_FEEDS)


@dg.multi_asset(
    specs=[table_spec(table, group=STAGING_GROUP, partitions_def=quarter_partitions) for table in SPOT_CHECK_TABLES],
    backfill_policy=dg.BackfillPolicy.single_run(),
)
def spot_check_tables(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Reads the quarters' feeds from `<landing>/spot_checks/` and writes them into the run's staging warehouse."""
    folder = warehouse.landing / SPOT_CHECK_FOLDER
    feeds = find_feeds(folder)
    quarters = list(context.partition_keys)
    arrived, missing = quarters_with_feeds(folder, feeds, quarters)
    if missing:
        context.log.warning(f"no feed in {folder} for {', '.join(missing)}: their rows stay as published")
    tables = quarterly_tables(feeds, arrived, context.run.run_id)

    with warehouse.staging_connection(context) as con:
        store.ensure_schema(con)
        sql.run_statements(con, "write/delete_quarters.sql", {"quarters": arrived})
        for table in SPOT_CHECK_TABLES:
            store.write_table(con, table, tables[table])
            # Each quarter's own row count, on its own materialization (the run writes them all at once).
            for quarter, rows in tables[table].groupby("quarter").size().items():
                # A row of another quarter (refused by the checks) belongs to no partition of this run.
                if quarter in quarters:
                    context.add_asset_metadata({"dagster/row_count": int(rows)}, asset_key=table, partition_key=quarter)
            yield table_materialization(
                table,
                tables[table],
                {"quarters_ingested": ", ".join(arrived) or "none", "quarters_without_feed": ", ".join(missing) or "none"},
                partitions=len(quarters),
            )
