"""The quarterly schedule: ingests the quarter just finished, some days after it ends."""

import datetime as dt

import dagster as dg

from assets.errors import InputError
from assets.resources import WarehouseResource
from assets.spot_checks.feed import SPOT_CHECK_FOLDER, find_feeds
from assets.spot_checks.quarters import previous_quarter, quarter_of
from pipelines.feed_arrivals import published_digests, register_quarters, run_request_for
from pipelines.jobs import ingest_quarter

# 06:00 Beijing time on the 15th day of the month after a quarter ends: provinces deliver late (notice
# section 三(三)), so the schedule gives them two weeks; the sensor catches anything later.
QUARTERLY_CRON = "0 6 15 1,4,7,10 *"
TIMEZONE = "Asia/Shanghai"


def quarter_due(scheduled: dt.datetime) -> str:
    """The quarter a tick at `scheduled` ingests: the one before the quarter the tick falls in."""
    return previous_quarter(quarter_of(scheduled.date()))


@dg.schedule(
    job=ingest_quarter,
    cron_schedule=QUARTERLY_CRON,
    execution_timezone=TIMEZONE,
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description=(
        "On the 15th of January, April, July and October at 06:00 Beijing time, ingests the quarter that "
        "just ended; skips the tick, saying why, when that quarter's feed has not arrived or is already published."
    ),
)
def quarterly_spot_check_schedule(context: dg.ScheduleEvaluationContext, warehouse: WarehouseResource):
    quarter = quarter_due(context.scheduled_execution_time)
    folder = warehouse.landing / SPOT_CHECK_FOLDER
    try:
        files = find_feeds(folder).get(quarter)
    except InputError as error:
        return dg.SkipReason(f"cannot read the landing folder: {error}")
    if files is None or files.detail is None:
        return dg.SkipReason(f"the {quarter} feed has not arrived: no {quarter}.csv or {quarter}.xlsx in {folder}")
    request = run_request_for(files, published_digests(warehouse.published))
    if request is not None:
        # Schedules cannot return partition requests as sensors do; registering is idempotent.
        register_quarters(context.instance, [quarter])
    return request or dg.SkipReason(f"{quarter} is already published from these exact files")
