"""The arrival sensor: runs ingest_quarter for each quarter whose feed is new or changed."""

import dagster as dg

from assets.errors import InputError
from assets.resources import WarehouseResource
from assets.spot_checks.feed import SPOT_CHECK_FOLDER, find_feeds
from assets.spot_checks.partitions import quarter_partitions
from pipelines.feed_arrivals import published_digests, run_request_for
from pipelines.jobs import ingest_quarter

SENSOR_INTERVAL_SECONDS = 30


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
    known_quarters = set(quarter_partitions.get_partition_keys())
    requests, waiting = [], []
    for quarter, files in feeds.items():
        if files.detail is None:
            waiting.append(f"{quarter} (summary only, waiting for the detail file)")
            continue
        if quarter not in known_quarters:
            waiting.append(f"{quarter} (not a quarter of the partitions: {quarter_partitions.get_first_partition_key()} to now)")
            continue
        request = run_request_for(files, published)
        if request is not None:
            requests.append(request)
    if requests:
        return requests
    return dg.SkipReason(f"no new or changed feed in {folder}" + (f"; not run: {', '.join(waiting)}" if waiting else ""))
