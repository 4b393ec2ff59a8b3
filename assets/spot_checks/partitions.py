"""One partition per quarter whose feed has arrived, named like the feed files ('2017Q3').

Dynamic partitions: the feed sensor, the quarterly schedule and `eco12369 build`/`ingest` register a
quarter when they find its detail file, so the UI lists the quarters that exist and no empty ones.
"""

import datetime as dt

import dagster as dg

from assets.spot_checks.quarters import FIRST_QUARTER, parse_quarter, quarter_of

QUARTER_PARTITIONS_NAME = "quarter"
quarter_partitions = dg.DynamicPartitionsDefinition(name=QUARTER_PARTITIONS_NAME)


def quarter_refused(quarter: str, today: dt.date) -> str | None:
    """Why a feed's quarter cannot be a partition (before the first notice year, or in the future), or None."""
    if parse_quarter(quarter) < parse_quarter(FIRST_QUARTER):
        return f"{quarter} is before {FIRST_QUARTER}, the first quarter of the notices"
    if parse_quarter(quarter) > parse_quarter(quarter_of(today)):
        return f"{quarter} has not begun yet"
    return None
