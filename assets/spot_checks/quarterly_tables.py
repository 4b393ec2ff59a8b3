"""The four quarterly tables, built from the feeds of the quarters a run ingests (plain functions, no Dagster)."""

import datetime as dt

import pandas as pd

from assets.errors import InputError
from assets.spot_checks.feed import NATIONAL, FeedFiles, read_detail, read_summary
from warehouse.store import file_sha256


def read_quarter(files: FeedFiles) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(detail, province summary, national summary) of one quarter's feed; empty frames without a summary."""
    detail = read_detail(files.detail)
    summary = read_summary(files.summary) if files.summary else pd.DataFrame()
    if summary.empty:
        return detail, summary, summary
    national = summary.province == NATIONAL
    return detail, summary[~national], summary[national].drop(columns="province")


def quarters_with_feeds(folder, feeds: dict[str, FeedFiles], quarters: list[str]) -> tuple[list[str], list[str]]:
    """(quarters whose feed arrived, quarters without one). A run of one quarter without its feed is an error."""
    arrived = [q for q in quarters if q in feeds and feeds[q].detail is not None]
    missing = [q for q in quarters if q not in arrived]
    if missing and len(quarters) == 1:
        found = f"only {feeds[missing[0]].summary.name}" if missing[0] in feeds else "no file for it"
        raise InputError(str(folder), f"quarter {missing[0]}", f"a feed {missing[0]}.csv or {missing[0]}.xlsx", found)
    return arrived, missing


def _feed_record(quarter: str, files: FeedFiles, detail_rows: int, ingested_at: dt.datetime, run_id: str) -> pd.DataFrame:
    """The row of spot_check_feed: which files a quarter was read from, and by which run."""
    return pd.DataFrame(
        [
            {
                "quarter": quarter,
                "detail_file": files.detail.name,
                "detail_sha256": file_sha256(files.detail),
                "detail_rows": detail_rows,
                "summary_file": files.summary.name if files.summary else None,
                "summary_sha256": file_sha256(files.summary) if files.summary else None,
                "ingested_at": ingested_at,
                "run_id": run_id,
            }
        ]
    )


def quarterly_tables(feeds: dict[str, FeedFiles], quarters: list[str], run_id: str) -> dict[str, pd.DataFrame]:
    """{table: rows} of spot_check, spot_check_summary, spot_check_national and spot_check_feed for `quarters`."""
    parts: dict[str, list[pd.DataFrame]] = {"spot_check": [], "spot_check_summary": [], "spot_check_national": [], "spot_check_feed": []}
    ingested_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for quarter in quarters:
        files = feeds[quarter]
        detail, summary, national = read_quarter(files)
        parts["spot_check"].append(detail)
        parts["spot_check_summary"].append(summary)
        parts["spot_check_national"].append(national)
        parts["spot_check_feed"].append(_feed_record(quarter, files, len(detail), ingested_at, run_id))
    tables = {}
    for table, frames in parts.items():
        non_empty = [frame for frame in frames if not frame.empty]
        tables[table] = pd.concat(non_empty, ignore_index=True) if non_empty else pd.DataFrame()
    return tables
