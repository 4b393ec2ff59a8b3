"""Dagster assets of the quarterly spot-check feeds: one multi-asset writing the four quarterly tables.

Partitioned by quarter. A run replaces exactly the quarters it ingests (delete, then insert) in a
copy of the published warehouse; other quarters stay as published. A run over several quarters (the
full `eco12369 build`) handles them all in one step (single-run backfill policy).
"""

import datetime as dt

import dagster as dg
import pandas as pd

from assets.errors import InputError
from assets.resources import WarehouseResource
from assets.spot_checks.feed import NATIONAL, SPOT_CHECK_FOLDER, FeedFiles, find_feeds, read_detail, read_summary
from assets.spot_checks.partitions import quarter_partitions
from assets.table_metadata import table_materialization, table_spec
from warehouse import sql, store
from warehouse.registry import SPOT_CHECK_FEEDS, STAGING_GROUP, tables_written_by

SPOT_CHECK_TABLES = tables_written_by(SPOT_CHECK_FEEDS)


def read_quarter(files: FeedFiles) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(detail, province summary, national summary) of one quarter's feed; empty frames without a summary."""
    detail = read_detail(files.detail)
    summary = read_summary(files.summary) if files.summary else pd.DataFrame()
    if summary.empty:
        return detail, summary, summary
    national = summary.province == NATIONAL
    return detail, summary[~national], summary[national].drop(columns="province")


@dg.multi_asset(
    specs=[table_spec(table, group=STAGING_GROUP, partitions_def=quarter_partitions) for table in SPOT_CHECK_TABLES],
    backfill_policy=dg.BackfillPolicy.single_run(),
)
def spot_check_tables(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Reads the quarters' feeds from `<landing>/spot_checks/` and writes them into the run's staging warehouse."""
    folder = warehouse.landing / SPOT_CHECK_FOLDER
    feeds = find_feeds(folder)
    quarters = list(context.partition_keys)
    arrived = [q for q in quarters if q in feeds and feeds[q].detail is not None]
    missing = [q for q in quarters if q not in arrived]
    if missing and len(quarters) == 1:
        found = f"only {feeds[missing[0]].summary.name}" if missing[0] in feeds else "no file for it"
        raise InputError(str(folder), f"quarter {missing[0]}", f"a feed {missing[0]}.csv or {missing[0]}.xlsx", found)
    if missing:
        context.log.warning(f"no feed in {folder} for {', '.join(missing)}: their rows stay as published")

    parts = {table: [] for table in SPOT_CHECK_TABLES}
    ingested_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for quarter in arrived:
        files = feeds[quarter]
        detail, summary, national = read_quarter(files)
        parts["spot_check"].append(detail)
        parts["spot_check_summary"].append(summary)
        parts["spot_check_national"].append(national)
        parts["spot_check_feed"].append(
            pd.DataFrame(
                [
                    {
                        "quarter": quarter,
                        "detail_file": files.detail.name,
                        "detail_sha256": store.file_sha256(files.detail),
                        "detail_rows": len(detail),
                        "summary_file": files.summary.name if files.summary else None,
                        "summary_sha256": store.file_sha256(files.summary) if files.summary else None,
                        "ingested_at": ingested_at,
                        "run_id": context.run.run_id,
                    }
                ]
            )
        )

    with warehouse.staging_connection(context) as con:
        store.ensure_schema(con)
        sql.run_statements(con, "write/delete_quarters.sql", {"quarters": arrived})
        for table in SPOT_CHECK_TABLES:
            frames = [frame for frame in parts[table] if not frame.empty]
            frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
            store.write_table(con, table, frame)
            yield table_materialization(
                table,
                frame,
                {"quarters_ingested": ", ".join(arrived) or "none", "quarters_without_feed": ", ".join(missing) or "none"},
                partitions=len(quarters),
            )
