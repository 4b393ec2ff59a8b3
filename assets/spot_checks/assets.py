"""Dagster assets of the quarterly spot-check feeds: one multi-asset writing the four quarterly tables.

Partitioned by quarter. A run replaces exactly the quarters it ingests (delete, then insert) in a
copy of the published warehouse; other quarters stay as published. A run over several quarters (the
full `eco12369 build`) handles them all in one step (single-run backfill policy).
"""

import dagster as dg
import pandas as pd

from assets.errors import InputError
from assets.landing_folders import landing_path
from assets.reference.regions import read_regions
from assets.resources import WarehouseResource
from assets.spot_checks.feed import SPOT_CHECK_FOLDER, find_feeds
from assets.spot_checks.partitions import quarter_partitions
from assets.spot_checks.quarterly_tables import quarterly_tables, quarters_with_feeds
from assets.table_metadata import table_materialization, table_spec
from expectations.check_memo import CheckMemo
from expectations.unit_checks import admit_by_checks, error_check_failures, refusal_reason
from warehouse import sql, store
from warehouse.refusals import FEED_KIND, Refusal, record_refusals
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
    regions = read_regions()
    memo = CheckMemo(warehouse.check_memo_folder)
    refusals, readable, refused_quarters = [], [], []

    def refuse(quarter: str, reason: str) -> None:
        refused_quarters.append(quarter)
        detail = feeds[quarter].detail
        refusals.append(Refusal(landing_path(SPOT_CHECK_FOLDER, detail.name), FEED_KIND, store.file_sha256(detail), reason))

    # A quarter (its feed and its summary together) is read and checked on its own.
    for quarter in arrived:
        try:
            readable.append((quarter, quarterly_tables(feeds, [quarter], context.run.run_id)))
        except InputError as error:
            refuse(quarter, str(error))
    admitted, refused = admit_by_checks(
        readable, lambda batch: error_check_failures(_combined([t for _, t in batch]), regions, memo, context.run.run_id)
    )
    for (quarter, _), failures in refused:
        refuse(quarter, refusal_reason(f"{feeds[quarter].detail}, quarter {quarter}", failures))
    for refusal in refusals:
        context.log.warning(f"refused: {refusal.reason}; the quarter's rows stay as published")
    ingested = [quarter for quarter, _ in admitted]
    tables = _combined([t for _, t in admitted])

    with warehouse.staging_connection(context) as con:
        sql.run_statements(con, "write/delete_quarters.sql", {"quarters": ingested})
        for table in SPOT_CHECK_TABLES:
            store.write_table(con, table, tables[table])
            # Each quarter's own row count, on its own materialization (the run writes them all at once).
            counts = tables[table].groupby("quarter").size() if not tables[table].empty else {}
            for quarter, rows in dict(counts).items():
                # A row of another quarter (refused by the checks) belongs to no partition of this run.
                if quarter in quarters:
                    context.add_asset_metadata({"dagster/row_count": int(rows)}, asset_key=table, partition_key=quarter)
            yield table_materialization(
                table,
                tables[table],
                {
                    "quarters_ingested": ", ".join(ingested) or "none",
                    "quarters_refused": ", ".join(sorted(refused_quarters)) or "none",
                    "quarters_without_feed": ", ".join(missing) or "none",
                },
                partitions=len(quarters),
            )
        decided = [landing_path(SPOT_CHECK_FOLDER, feeds[quarter].detail.name) for quarter in arrived]
        record_refusals(con, FEED_KIND, refusals, context.run.run_id, decided_files=decided)


def _combined(parts: list[dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """The quarterly tables of several quarters read one by one, as one frame per table."""
    combined = {}
    for table in SPOT_CHECK_TABLES:
        frames = [part[table] for part in parts if not part[table].empty]
        combined[table] = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return combined
