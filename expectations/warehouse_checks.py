"""Runs the suites of this folder against a warehouse: each check's frame is its table or its query.

Plain functions with no Dagster import: the asset checks (assets/table_checks.py) and the tests call them.
"""

import dataclasses
import datetime as dt

import duckdb

from expectations.check_memo import CheckMemo, outcome_key
from expectations.validation import CheckDefinition, CheckOutcome, load_check_definitions, run_checks
from warehouse.sql import sql_file

KNOWN_REGIONS_PARAMETER = "known_regions"


def checks_by_table() -> dict[str, list[CheckDefinition]]:
    by_table: dict[str, list[CheckDefinition]] = {}
    for check in load_check_definitions():
        by_table.setdefault(check.table, []).append(check)
    return by_table


def evaluate_checks(
    con: duckdb.DuckDBPyConnection, table: str, checks: list[CheckDefinition], memo: CheckMemo | None = None, run_id: str = ""
) -> list[tuple[CheckDefinition, CheckOutcome, int]]:
    """Run `checks` of `table` against the warehouse behind `con`: (check, outcome, rows checked) each.

    Checks on the same frame (the table itself, or one query) run in one GX validation; with a memo,
    a validation of the same checks on the same frame as before is not run again (check_memo.py).
    A new outcome is stamped with the time and `run_id`; a remembered one keeps its stamp.
    """
    by_frame: dict[str | None, list[CheckDefinition]] = {}
    for check in checks:
        by_frame.setdefault(check.frame_sql, []).append(check)
    frames = {frame_sql: con.execute(sql_file(frame_sql)).df() if frame_sql else con.table(table).df() for frame_sql in by_frame}
    parameters = {}
    if any("region" in check.tables for check in checks):
        parameters[KNOWN_REGIONS_PARAMETER] = con.table("region").df()["province"].tolist()
    evaluations = []
    for frame_sql, frame_checks in by_frame.items():
        frame = frames[frame_sql]
        key = outcome_key(frame_checks, frame, parameters) if memo else None
        outcomes = memo.get(key) if memo else None
        if outcomes is None:
            validated_at = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(timespec="microseconds")
            outcomes = [
                dataclasses.replace(outcome, validated_at=validated_at, validated_in_run=run_id)
                for outcome in run_checks(frame_checks, frame, parameters)
            ]
            if memo:
                memo.put(key, outcomes)
        for check, outcome in zip(frame_checks, outcomes, strict=True):
            evaluations.append((check, outcome, len(frame)))
    return evaluations
