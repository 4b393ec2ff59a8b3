"""The ERROR checks of the suites, run on the rows of one landing unit (or a batch of units) alone.

A unit is refused when an ERROR check fails on its own rows (a rate over 100 in a notice, channels
above the total on a page, a feed's summary that disagrees with its detail). The checks are the same
suites as the warehouse's: the unit's frames are written into an in-memory DuckDB with the whole
schema and the region list, and each ERROR check runs on its table or its query there. Checks that
read tables of other steps span units: they stay with the run's own checks, never refuse a unit.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import duckdb
import pandas as pd

from expectations.check_memo import CheckMemo
from expectations.validation import CheckDefinition, failing_rows_summary
from expectations.warehouse_checks import checks_by_table, evaluate_checks
from warehouse import store

REGION_TABLE = "region"
Unit = TypeVar("Unit")


def unit_error_checks(tables: Sequence[str]) -> dict[str, list[CheckDefinition]]:
    """The ERROR checks of `tables` that read nothing but these tables and the region list."""
    readable = {*tables, REGION_TABLE}
    return {
        table: [check for check in checks if check.severity == "ERROR" and set(check.tables) <= readable]
        for table, checks in checks_by_table().items()
        if table in tables
    }


@dataclass(frozen=True)
class CheckFailure:
    check: str  # TABLE.NAME
    line: str  # check TABLE.NAME failed: OFFENDING ROWS (expected: DESCRIPTION)


def refusal_reason(place: str, failures: list[CheckFailure]) -> str:
    """The one line of a unit refused by its checks: the first failure in full, the others by name."""
    others = f" (also failed: {', '.join(failure.check for failure in failures[1:])})" if len(failures) > 1 else ""
    return f"{place}, {failures[0].line}{others}"


def error_check_failures(
    frames: dict[str, pd.DataFrame], regions: pd.DataFrame, memo: CheckMemo | None = None, run_id: str = ""
) -> list[CheckFailure]:
    """Each ERROR check of `frames`' tables that fails on these rows alone."""
    failures = []
    with duckdb.connect() as con:
        for table, frame in frames.items():
            store.write_table(con, table, frame)
        store.write_table(con, REGION_TABLE, regions)
        store.ensure_schema(con)
        for table, checks in unit_error_checks(tuple(frames)).items():
            for check, outcome, _rows in evaluate_checks(con, table, checks, memo, run_id):
                if not outcome.passed:
                    summary = failing_rows_summary(outcome.details)
                    line = f"check {table}.{check.name} failed: {summary} (expected: {check.description})"
                    failures.append(CheckFailure(f"{table}.{check.name}", line))
    return failures


def admit_by_checks(
    units: list[Unit], failures_of: Callable[[list[Unit]], list[CheckFailure]]
) -> tuple[list[Unit], list[tuple[Unit, list[CheckFailure]]]]:
    """(admitted units, [(refused unit, its failures)]): the units whose rows pass `failures_of` alone.

    The batch is checked whole first, so that a folder of good units costs one validation; a failing
    batch is halved until each failure is pinned on one unit. When a batch fails but both its halves
    pass, the failure lies between units, which no unit is refused for: the halves are admitted and
    the warehouse's own checks report it.
    """
    if not units:
        return [], []
    failures = failures_of(units)
    if not failures:
        return list(units), []
    if len(units) == 1:
        return [], [(units[0], failures)]
    middle = len(units) // 2
    first_admitted, first_refused = admit_by_checks(units[:middle], failures_of)
    second_admitted, second_refused = admit_by_checks(units[middle:], failures_of)
    return first_admitted + second_admitted, first_refused + second_refused
