"""Builds a Dagster asset check for every check of the GX suites in expectations/.

Each check reads its frame from the run's staging warehouse (the table, or a query in
warehouse/checks/), runs its expectations with GX Core 1.x, and reports a Markdown summary naming
the offending rows plus the full JSON details. Every check is blocking, so that the publish step
waits for all of them; Dagster stops downstream assets only when an ERROR check fails.
"""

import dagster as dg

from assets.bulletin.assets import BULLETIN_TABLES
from expectations.validation import CheckDefinition, load_check_definitions, run_check
from pipelines import warehouse_store
from pipelines.resources import WarehouseResource

KNOWN_REGIONS_PARAMETER = "known_regions"
# Tables written by one step exist together by the time any of their checks runs. Declaring them as
# extra dependencies would make the blocking checks of one gate the checks of another: a cycle.
WRITTEN_TOGETHER = (frozenset(BULLETIN_TABLES),)


def _extra_dependencies(check: CheckDefinition) -> list[str]:
    siblings = next((group for group in WRITTEN_TOGETHER if check.table in group), frozenset({check.table}))
    return [table for table in check.tables if table not in siblings]


def _build_check(check: CheckDefinition) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=check.table,
        name=check.name,
        description=f"[{check.severity}] {check.description}",
        blocking=True,
        additional_deps=_extra_dependencies(check),
        metadata={"severity": check.severity, "suite": f"expectations/{check.table}.json"},
    )
    def _check(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource) -> dg.AssetCheckResult:
        with warehouse.staging_connection(context, read_only=True) as con:
            if check.frame_sql:
                frame = con.execute(warehouse_store.sql_file(check.frame_sql)).df()
            else:
                frame = con.table(check.table).df()
            parameters = {}
            if "region" in check.tables:
                parameters[KNOWN_REGIONS_PARAMETER] = con.table("region").df()["province"].tolist()
        outcome = run_check(check, frame, parameters)
        return dg.AssetCheckResult(
            passed=outcome.passed,
            severity=dg.AssetCheckSeverity[check.severity],
            description=check.description,
            metadata={
                "summary": dg.MetadataValue.md(outcome.markdown),
                "details": dg.MetadataValue.json(outcome.details),
                "rows_checked": len(frame),
            },
        )

    return _check


def build_table_checks() -> list[dg.AssetChecksDefinition]:
    return [_build_check(check) for check in load_check_definitions()]
