"""Which rows of the complaint tables a change of the raw zone can reach, and which raw files they are
computed from. Plain functions of the raw files' names (month=YYYY-MM/province=NAME/...): a new,
replaced or removed export changes the partitions (month, province) its files lie in, and

- complaint_copy and complaint_quality: those partitions (an exact copy lies in its record's partition);
- records_monthly: those months, from every province's files of them;
- open_complaint: those partitions;
- handling_from_records: those years of those provinces, from their files; when the latest 举报时间
  moved, the completion rows of the other years and provinces are brought up to date from
  open_complaint (only their open complaints are measured to it);
- repeat_target: those provinces, from all their files (a target's complaints of every month count);
- complaint_alert: those provinces' weeks from the first week the partitions reach to 8 weeks after
  the last (a week's alert compares it with the 8 before), from their files of the months that reach
  those weeks and the 8 before; and every province's weeks that enter or leave the range of weeks
  when the first or last 举报时间 moved.
"""

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote

import pandas as pd

ALERT_WEEKS_AFTER = 8  # weeks whose alert a week's complaints enter (insert_complaint_alert.sql: 8 preceding)


@dataclass(frozen=True)
class Partition:
    month: str  # YYYY-MM
    province: str

    @property
    def year(self) -> int:
        return int(self.month[:4])

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, int(self.month[5:7]), 1)

    @property
    def last_day(self) -> dt.date:
        following = (self.first_day + dt.timedelta(days=32)).replace(day=1)
        return following - dt.timedelta(days=1)


@functools.cache
def partition_of(raw_file: str) -> Partition:
    """The partition of a raw file named relative to the raw zone: month=2017-03/province=山东/export-….parquet
    (Arrow writes the province percent-encoded, as hive partitioning does). Remembered: a build asks
    it of every published raw file for each table, thousands of names at national volume."""
    month, province = raw_file.split("/")[:2]
    return Partition(unquote(month.removeprefix("month=")), unquote(province.removeprefix("province=")))


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def alert_week_range(first: dt.datetime | None, last: dt.datetime | None) -> tuple[dt.date, dt.date] | None:
    """(first week, last week) of complaint_alert for records from `first` to `last`: the first Monday on
    or after the first day, the last Monday whose Sunday is on or before the last day."""
    if first is None or last is None:
        return None
    return monday(first.date() + dt.timedelta(days=6)), monday(last.date() - dt.timedelta(days=6))


def _weeks(start: dt.date, end: dt.date) -> list[dt.date]:
    weeks, week = [], monday(start)
    while week <= end:
        weeks.append(week)
        week += dt.timedelta(days=7)
    return weeks


@dataclass
class TableScope:
    partitions: set[Partition]
    published: list[str]  # every published raw file, relative to the raw zone
    latest_moved: bool
    previous_last_reported_at: dt.datetime | None
    alert_scope: dict[str, set[dt.date]] = field(default_factory=dict)  # province -> weeks

    @classmethod
    def of(cls, changed: Iterable[str], published: list[str], before, after) -> "TableScope":
        """The scope of the raw files `changed` (added or dropped), given the published raw files after
        the change and the TablesBasis `before` and `after` it."""
        partitions = {partition_of(name) for name in changed}
        scope = cls(partitions, published, before.last_reported_at != after.last_reported_at, before.last_reported_at)
        for partition in partitions:
            weeks = _weeks(partition.first_day, monday(partition.last_day) + dt.timedelta(weeks=ALERT_WEEKS_AFTER))
            scope.alert_scope.setdefault(partition.province, set()).update(weeks)
        old, new = (
            alert_week_range(before.first_reported_at, before.last_reported_at),
            alert_week_range(after.first_reported_at, after.last_reported_at),
        )
        if old != new:
            moved = []
            if old is None or new is None:
                moved = [*(old or ()), *(new or ())]
                spans = [(min(moved), max(moved) + dt.timedelta(weeks=ALERT_WEEKS_AFTER))] if moved else []
            else:
                spans = []
                if old[0] != new[0]:
                    spans.append((min(old[0], new[0]), max(old[0], new[0]) + dt.timedelta(weeks=ALERT_WEEKS_AFTER)))
                if old[1] != new[1]:
                    spans.append((min(old[1], new[1]), max(old[1], new[1])))
            provinces = {partition_of(name).province for name in published} | {partition.province for partition in partitions}
            for start, end in spans:
                for province in provinces:
                    scope.alert_scope.setdefault(province, set()).update(_weeks(start, end))
        return scope

    def partitions_key(self) -> list[str]:
        return sorted(f"{partition.month}/{partition.province}" for partition in self.partitions)

    def delete_parameters(self) -> dict:
        return {
            "partitions": self.partitions_key(),
            "months": sorted({partition.month for partition in self.partitions}),
            "years": self._years_key(),
            "provinces": sorted({partition.province for partition in self.partitions}),
        }

    def _years_key(self) -> list[str]:
        return sorted({f"{partition.year}/{partition.province}" for partition in self.partitions})

    def alert_weeks_read(self) -> tuple[dt.date | None, dt.date | None]:
        """The weeks the scoped alerts are computed over: those of alert_scope and the 8 before them."""
        weeks = [week for province_weeks in self.alert_scope.values() for week in province_weeks]
        if not weeks:
            return None, None
        return min(weeks) - dt.timedelta(weeks=ALERT_WEEKS_AFTER), max(weeks)

    def alert_weeks(self) -> pd.DataFrame:
        rows = [(province, week) for province, weeks in sorted(self.alert_scope.items()) for week in sorted(weeks)]
        frame = pd.DataFrame(rows, columns=["province", "week_start"])
        frame["week_start"] = pd.to_datetime(frame["week_start"]).astype("datetime64[s]")
        return frame

    def files_of_partitions(self) -> list[str]:
        return [name for name in self.published if partition_of(name) in self.partitions]

    def inputs(self) -> dict[str, list[str]]:
        """table -> the published raw files its scoped rows are computed from."""
        months = {partition.month for partition in self.partitions}
        provinces = {partition.province for partition in self.partitions}
        years = set(self._years_key())
        reach: dict[str, tuple[dt.date, dt.date]] = {}
        for province, weeks in self.alert_scope.items():
            # A week's alert reads its own week and the 8 before it.
            reach[province] = (min(weeks) - dt.timedelta(weeks=ALERT_WEEKS_AFTER), max(weeks) + dt.timedelta(days=6))

        def alert_input(partition: Partition) -> bool:
            span = reach.get(partition.province)
            return span is not None and partition.first_day <= span[1] and partition.last_day >= span[0]

        chosen = {
            "complaint_quality": lambda partition: partition in self.partitions,
            "open_complaint": lambda partition: partition in self.partitions,
            "records_monthly": lambda partition: partition.month in months,
            "handling_from_records": lambda partition: f"{partition.year}/{partition.province}" in years,
            "repeat_target": lambda partition: partition.province in provinces,
            "complaint_alert": alert_input,
        }
        published = [(name, partition_of(name)) for name in self.published]
        return {table: [name for name, partition in published if keep(partition)] for table, keep in chosen.items()}
