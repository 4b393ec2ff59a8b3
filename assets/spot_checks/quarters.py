"""Quarter labels such as '2017Q3': parsing, date bounds, and the range of quarters the pipeline knows."""

import datetime as dt
import re

FIRST_QUARTER = "2017Q1"
_LABEL = re.compile(r"^(?P<year>\d{4})Q(?P<quarter>[1-4])$")


def parse_quarter(label: str) -> tuple[int, int]:
    match = _LABEL.match(label)
    if match is None:
        raise ValueError(f"not a quarter label like 2017Q3: {label!r}")
    return int(match["year"]), int(match["quarter"])


def quarter_of(day: dt.date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def previous_quarter(label: str) -> str:
    year, quarter = parse_quarter(label)
    return f"{year - 1}Q4" if quarter == 1 else f"{year}Q{quarter - 1}"


def quarters_through(last: str, first: str = FIRST_QUARTER) -> list[str]:
    """Every quarter from `first` to `last`, inclusive, in order."""
    labels, year, quarter = [], *parse_quarter(first)
    while (year, quarter) <= parse_quarter(last):
        labels.append(f"{year}Q{quarter}")
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return labels
