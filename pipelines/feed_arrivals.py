"""What the sensor and the schedule both need: which quarters' feeds are new or changed.

A feed is keyed by the checksums of its files; a quarter whose feed the published warehouse already
holds from the same bytes is never run again, and Dagster's run keys stop a failed feed from being
retried until its files change.
"""

import hashlib
from pathlib import Path

import dagster as dg

from assets.complaints.assets import EXPORT_PARTITIONS_NAME, complaint_export_partitions
from assets.landing_folders import landing_path
from assets.spot_checks.feed import FeedFiles
from assets.spot_checks.partitions import QUARTER_PARTITIONS_NAME
from warehouse import sql, store
from warehouse.refusals import all_refusals


def feed_digest(files: FeedFiles) -> str:
    """One checksum for a quarter's feed: detail and summary files together."""
    detail = store.file_sha256(files.detail) if files.detail else ""
    summary = store.file_sha256(files.summary) if files.summary else ""
    return digest_of(detail, summary)


def digest_of(detail_sha256: str, summary_sha256: str | None) -> str:
    return hashlib.sha256(f"{detail_sha256}:{summary_sha256 or ''}".encode()).hexdigest()


def published_digests(published: Path) -> dict[str, str]:
    """{quarter: feed digest} of the quarters in the published warehouse."""
    if not published.exists():
        return {}
    # A read-only connection to the published file never blocks a refresh: refreshes write a new
    # file and rename it over this one.
    with store.connect(published, read_only=True) as con:
        if "spot_check_feed" not in store.existing_tables(con):
            return {}
        rows = con.execute(sql.sql_file("catalog/published_feeds.sql")).fetchall()
    return {quarter: digest_of(detail, summary) for quarter, detail, summary in rows}


def run_request_for(files: FeedFiles, published: dict[str, str]) -> dg.RunRequest | None:
    """The ingest_quarter run for a feed, or None when the published warehouse already holds it.

    The run key is the quarter and the feed's checksum: Dagster never launches a run key twice, so a
    refused feed is not retried until its files change.
    """
    digest = feed_digest(files)
    if published.get(files.quarter) == digest:
        return None
    return dg.RunRequest(run_key=f"{files.quarter}:{digest[:16]}", partition_key=files.quarter, tags={"feed_digest": digest})


def published_bulletins(published: Path) -> list[tuple[str, str]]:
    """(file, sha256) of the bulletins in the published warehouse, sorted."""
    if not published.exists():
        return []
    with store.connect(published, read_only=True) as con:
        if "bulletin_release" not in store.existing_tables(con):
            return []
        return [tuple(row) for row in con.execute(sql.sql_file("catalog/published_bulletin_files.sql")).fetchall()]


def refused_inputs(published: Path) -> set[tuple[str, str]]:
    """(path under the landing folder, SHA-256) of every input the published warehouse lists as refused."""
    if not published.exists():
        return set()
    with store.connect(published, read_only=True) as con:
        if "refused_input" not in store.existing_tables(con):
            return set()
        return {(refusal.source_file, refusal.source_sha256) for refusal in all_refusals(con)}


def waiting_for_new_bytes(
    landing: list[tuple[str, str]], published: list[tuple[str, str]], refused: set[tuple[str, str]], folder: str
) -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[str]]:
    """(landing, published, refused names) without the files refused with the bytes they have now: a
    refused file is not run again until its bytes change, and its published version (if any) is not
    a change either."""
    refused_now = [name for name, sha256 in landing if (landing_path(folder, name), sha256) in refused]
    return (
        [(name, sha256) for name, sha256 in landing if name not in refused_now],
        [(name, sha256) for name, sha256 in published if name not in refused_now],
        refused_now,
    )


def register_quarters(instance: dg.DagsterInstance, quarters: list[str]) -> list[str]:
    """Make `quarters` partitions (those not yet registered, in order) and return every registered
    quarter in the instance's order, which is the order a partition range follows."""
    registered = instance.get_dynamic_partitions(QUARTER_PARTITIONS_NAME)
    new = [quarter for quarter in sorted(quarters) if quarter not in set(registered)]
    if new:
        instance.add_dynamic_partitions(QUARTER_PARTITIONS_NAME, new)
        registered = [*registered, *new]
    return list(registered)


def published_exports(published: Path) -> list[tuple[str, str]]:
    """(file, sha256) of the complaint exports in the published warehouse, sorted."""
    if not published.exists():
        return []
    with store.connect(published, read_only=True) as con:
        if "complaint_export" not in store.existing_tables(con):
            return []
        return [tuple(row) for row in con.execute(sql.sql_file("catalog/published_complaint_exports.sql")).fetchall()]


def export_partition_requests(instance: dg.DagsterInstance, landed: list[str]) -> list:
    """The requests that make the registered export partitions the files in the landing folder."""
    registered = set(instance.get_dynamic_partitions(EXPORT_PARTITIONS_NAME))
    new = sorted(set(landed) - registered)
    gone = sorted(registered - set(landed))
    requests = []
    if new:
        requests.append(complaint_export_partitions.build_add_request(new))
    if gone:
        requests.append(complaint_export_partitions.build_delete_request(gone))
    return requests


def register_exports(instance: dg.DagsterInstance, landed: list[str]) -> None:
    """What the sensor's partition requests do, for `eco12369 build`, which runs outside a sensor."""
    registered = set(instance.get_dynamic_partitions(EXPORT_PARTITIONS_NAME))
    new = sorted(set(landed) - registered)
    if new:
        instance.add_dynamic_partitions(EXPORT_PARTITIONS_NAME, new)
    for name in sorted(registered - set(landed)):
        instance.delete_dynamic_partition(EXPORT_PARTITIONS_NAME, name)
