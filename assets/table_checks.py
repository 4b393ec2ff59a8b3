"""Builds a Dagster asset check for every check of the GX suites in expectations/.

Each check reads its frame from the run's staging warehouse (the table, or a query in
warehouse/checks/), runs its expectations with GX Core 1.x, and reports a Markdown summary naming
the offending rows plus the full JSON details. Every check is blocking, so that the publish step
waits for all of them; Dagster stops downstream assets only when an ERROR check fails.
"""

import dagster as dg
import duckdb

from assets.bulletin.assets import BULLETIN_TABLES
from assets.spot_checks.assets import SPOT_CHECK_TABLES
from expectations.validation import CheckDefinition, CheckOutcome, load_check_definitions, run_checks
from pipelines import warehouse_store
from pipelines.resources import WarehouseResource

KNOWN_REGIONS_PARAMETER = "known_regions"
# Tables written by one step exist together by the time any of their checks runs. Declaring them as
# extra dependencies would make the blocking checks of one gate the checks of another: a cycle.
WRITTEN_TOGETHER = (frozenset(BULLETIN_TABLES), frozenset(SPOT_CHECK_TABLES))


def _extra_dependencies(check: CheckDefinition) -> list[str]:
    siblings = next((group for group in WRITTEN_TOGETHER if check.table in group), frozenset({check.table}))
    return [table for table in check.tables if table not in siblings]


def evaluate_checks(
    con: duckdb.DuckDBPyConnection, table: str, checks: list[CheckDefinition]
) -> list[tuple[CheckDefinition, CheckOutcome, int]]:
    """Run `checks` of `table` against the warehouse behind `con`: (check, outcome, rows checked) each.

    Checks on the same frame (the table itself, or one query) run in one GX validation.
    """
    by_frame: dict[str | None, list[CheckDefinition]] = {}
    for check in checks:
        by_frame.setdefault(check.frame_sql, []).append(check)
    frames = {
        frame_sql: con.execute(warehouse_store.sql_file(frame_sql)).df() if frame_sql else con.table(table).df()
        for frame_sql in by_frame
    }
    parameters = {}
    if any("region" in check.tables for check in checks):
        parameters[KNOWN_REGIONS_PARAMETER] = con.table("region").df()["province"].tolist()
    evaluations = []
    for frame_sql, frame_checks in by_frame.items():
        frame = frames[frame_sql]
        for check, outcome in zip(frame_checks, run_checks(frame_checks, frame, parameters)):
            evaluations.append((check, outcome, len(frame)))
    return evaluations


def checks_by_table() -> dict[str, list[CheckDefinition]]:
    by_table: dict[str, list[CheckDefinition]] = {}
    for check in load_check_definitions():
        by_table.setdefault(check.table, []).append(check)
    return by_table


def _spec(check: CheckDefinition) -> dg.AssetCheckSpec:
    return dg.AssetCheckSpec(
        name=check.name,
        asset=check.table,
        description=f"[{check.severity}] {check.description}",
        blocking=True,
        additional_deps=_extra_dependencies(check),
        metadata={"severity": check.severity, "suite": f"expectations/{check.table}.json"},
    )


def _build_suite_checks(table: str, checks: list[CheckDefinition]) -> dg.AssetChecksDefinition:
    """One step per suite: the checks of a table share its frame, and fewer steps mean a faster run."""

    @dg.multi_asset_check(specs=[_spec(check) for check in checks], name=f"{table}_checks")
    def _suite(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource):
        with warehouse.staging_connection(context, read_only=True) as con:
            evaluations = evaluate_checks(con, table, checks)
        for check, outcome, rows_checked in evaluations:
            yield dg.AssetCheckResult(
                asset_key=table,
                check_name=check.name,
                passed=outcome.passed,
                severity=dg.AssetCheckSeverity[check.severity],
                description=check.description,
                metadata={
                    "summary": dg.MetadataValue.md(outcome.markdown),
                    "details": dg.MetadataValue.json(outcome.details),
                    "rows_checked": rows_checked,
                },
            )

    return _suite


def build_table_checks() -> list[dg.AssetChecksDefinition]:
    return [_build_suite_checks(table, checks) for table, checks in checks_by_table().items()]
