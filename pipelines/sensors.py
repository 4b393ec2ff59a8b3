"""The arrival sensors: ingest_quarter for each quarter whose feed is new or changed; ingest_bulletins when
the bulletins folder changes; ingest_complaints when the complaint exports change."""

import datetime as dt
import hashlib

import dagster as dg

from assets.bulletin_files import BULLETIN_FOLDER, MANIFEST_NAME, landing_bulletins
from assets.complaints.export_contract import COMPLAINTS_FOLDER
from assets.complaints.export_files import find_exports
from assets.errors import InputError
from assets.resources import WarehouseResource
from assets.spot_checks.feed import SPOT_CHECK_FOLDER, find_feeds
from assets.spot_checks.partitions import QUARTER_PARTITIONS_NAME, quarter_partitions, quarter_refused
from pipelines.feed_arrivals import (
    export_partition_requests,
    published_bulletins,
    published_digests,
    published_exports,
    refused_inputs,
    run_request_for,
    waiting_for_new_bytes,
)
from pipelines.jobs import ingest_bulletins, ingest_complaints, ingest_quarter

SENSOR_INTERVAL_SECONDS = 30


def _refused_note(refused: list[str]) -> str:
    return f"; {len(refused)} refused file(s) wait for new bytes (see refused_input): {', '.join(refused)}" if refused else ""


@dg.sensor(
    job=ingest_quarter,
    minimum_interval_seconds=SENSOR_INTERVAL_SECONDS,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description=(
        "Watches <landing>/spot_checks/ and launches ingest_quarter for every quarter whose feed files "
        "are new or changed (by SHA-256); a quarter already published from the same bytes never runs again."
    ),
)
def spot_check_feed_sensor(context: dg.SensorEvaluationContext, warehouse: WarehouseResource):
    folder = warehouse.landing / SPOT_CHECK_FOLDER
    try:
        feeds = find_feeds(folder)
    except InputError as error:
        return dg.SkipReason(f"cannot read the landing folder: {error}")
    published = published_digests(warehouse.published)
    requests, waiting, arrived = [], [], []
    for quarter, files in feeds.items():
        if files.detail is None:
            waiting.append(f"{quarter} (summary only, waiting for the detail file)")
            continue
        refused = quarter_refused(quarter, dt.date.today())
        if refused:
            waiting.append(f"{quarter} ({refused})")
            continue
        arrived.append(quarter)
        request = run_request_for(files, published)
        if request is not None:
            requests.append(request)
    # A quarter becomes a partition when its feed arrives, even one already published (by a build
    # recorded in another instance), so that the UI lists every quarter there is.
    registered = set(context.instance.get_dynamic_partitions(QUARTER_PARTITIONS_NAME))
    new_quarters = [quarter for quarter in arrived if quarter not in registered]
    if requests or new_quarters:
        return dg.SensorResult(
            run_requests=requests,
            dynamic_partitions_requests=[quarter_partitions.build_add_request(new_quarters)] if new_quarters else [],
            skip_reason=None if requests else f"no new or changed feed in {folder}; registered {', '.join(new_quarters)} as partitions",
        )
    return dg.SkipReason(f"no new or changed feed in {folder}" + (f"; not run: {', '.join(waiting)}" if waiting else ""))


@dg.sensor(
    job=ingest_bulletins,
    minimum_interval_seconds=SENSOR_INTERVAL_SECONDS,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description=(
        "Watches <landing>/bulletins/ and launches ingest_bulletins when a bulletin is added, changed or removed "
        "(by SHA-256) relative to the published warehouse; the run reads only the new or changed pages."
    ),
)
def bulletin_arrival_sensor(context: dg.SensorEvaluationContext, warehouse: WarehouseResource):
    folder = warehouse.landing / BULLETIN_FOLDER
    landing, published, refused = waiting_for_new_bytes(
        landing_bulletins(folder, MANIFEST_NAME),
        published_bulletins(warehouse.published),
        refused_inputs(warehouse.published),
        BULLETIN_FOLDER,
    )
    if landing == published:
        return dg.SkipReason(f"no new, changed or removed bulletin in {folder}" + _refused_note(refused))
    added = sorted({name for name, _ in landing} - {name for name, _ in published})
    removed = sorted({name for name, _ in published} - {name for name, _ in landing})
    changed = sorted(name for name, digest in landing if (name, digest) not in set(published) and name not in added)
    # The run key is the folder's content: the same folder is never run twice, so a refused page is not
    # retried until something in the folder changes.
    digest = hashlib.sha256(repr(landing).encode()).hexdigest()
    return dg.RunRequest(
        run_key=f"bulletins:{digest[:16]}",
        # Tags hold the count and the first names (a tag value is kept short).
        tags={
            f"bulletins_{what}": f"{len(names)}: {', '.join(names)}"[:200]
            for what, names in (("added", added), ("changed", changed), ("removed", removed))
        },
    )


@dg.sensor(
    job=ingest_complaints,
    minimum_interval_seconds=SENSOR_INTERVAL_SECONDS,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description=(
        "Watches <landing>/complaints/: keeps one partition of complaint_exports per file there (observed with its "
        "SHA-256), and launches ingest_complaints when an export is added, changed or removed relative to the published "
        "warehouse; the run parses only the new or changed exports."
    ),
)
def complaint_export_sensor(context: dg.SensorEvaluationContext, warehouse: WarehouseResource):
    try:
        exports = find_exports(warehouse.landing, warehouse.published.parent)
    except InputError as error:
        return dg.SkipReason(f"cannot read the landing folder: {error}")
    landing, published, refused = waiting_for_new_bytes(
        sorted((export.name, export.sha256) for export in exports),
        published_exports(warehouse.published),
        refused_inputs(warehouse.published),
        COMPLAINTS_FOLDER,
    )
    partition_requests = export_partition_requests(context.instance, [export.name for export in exports])
    observations = [
        dg.AssetObservation("complaint_exports", partition=name, metadata={"sha256": sha256}, tags={"dagster/data_version": sha256})
        for name, sha256 in landing
        if (name, sha256) not in set(published)
    ]
    if landing == published:
        if not partition_requests:
            return dg.SkipReason(f"no new, changed or removed export in {warehouse.landing / COMPLAINTS_FOLDER}" + _refused_note(refused))
        return dg.SensorResult(
            dynamic_partitions_requests=partition_requests, skip_reason="the exports are published; registered them as partitions"
        )
    added = sorted({name for name, _ in landing} - {name for name, _ in published})
    removed = sorted({name for name, _ in published} - {name for name, _ in landing})
    changed = sorted(name for name, sha256 in landing if (name, sha256) not in set(published) and name not in added)
    # The run key is the folder's content: a refused export is not retried until the folder changes.
    digest = hashlib.sha256(repr(landing).encode()).hexdigest()
    request = dg.RunRequest(
        run_key=f"complaints:{digest[:16]}",
        tags={
            f"exports_{what}": f"{len(names)}: {', '.join(names)}"[:200]
            for what, names in (("added", added), ("changed", changed), ("removed", removed))
        },
    )
    return dg.SensorResult(run_requests=[request], dynamic_partitions_requests=partition_requests, asset_events=observations)
