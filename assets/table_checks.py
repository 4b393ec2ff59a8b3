"""Builds a Dagster asset check for every check of the GX suites in expectations/.

Each check reads its frame from the run's staging warehouse (the table, or a query in
warehouse/checks/), runs its expectations with GX Core 1.x, and reports a Markdown summary naming
the offending rows plus the full JSON details. Every check is blocking, so that the publish step
waits for all of them; Dagster stops downstream assets only when an ERROR check fails.
"""

import dagster as dg

from assets.resources import WarehouseResource
from expectations.check_memo import CheckMemo
from expectations.validation import CheckDefinition
from expectations.warehouse_checks import checks_by_table, evaluate_checks
from warehouse.registry import STEPS, tables

# Tables written by one step exist together by the time any of their checks runs. Declaring them as
# extra dependencies would make the blocking checks of one gate the checks of another: a cycle.
WRITTEN_TOGETHER = tuple(frozenset(step.tables) for step in STEPS.values())
STEP_OF_TABLE = {table.name: table.written_by for table in tables()}
# Metadata keys of a check result, read back by the publish step into table quality_check.
VALIDATED_AT = "validated_at"
VALIDATED_IN_RUN = "validated_in_run"


def _extra_dependencies(check: CheckDefinition) -> list[str]:
    siblings = next((group for group in WRITTEN_TOGETHER if check.table in group), frozenset({check.table}))
    return [table for table in check.tables if table not in siblings]


def _spec(check: CheckDefinition) -> dg.AssetCheckSpec:
    return dg.AssetCheckSpec(
        name=check.name,
        asset=check.table,
        description=f"[{check.severity}] {check.description}",
        blocking=True,
        additional_deps=_extra_dependencies(check),
        metadata={"severity": check.severity, "suite": f"expectations/{check.table}.json"},
    )


def _build_step_checks(step: str, suites: dict[str, list[CheckDefinition]]) -> dg.AssetChecksDefinition:
    """One Dagster step for the checks of all tables one step writes: they exist together, and fewer
    steps mean fewer events and staging connections (a step costs about a tenth of a second)."""

    @dg.multi_asset_check(specs=[_spec(check) for checks in suites.values() for check in checks], name=f"{step}_checks")
    def _suites(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource):
        memo = CheckMemo(warehouse.check_memo_folder)
        with warehouse.staging_connection(context, read_only=True) as con:
            evaluations = [
                evaluation
                for table, checks in suites.items()
                for evaluation in evaluate_checks(con, table, checks, memo, context.run.run_id)
            ]
        for check, outcome, rows_checked in evaluations:
            yield dg.AssetCheckResult(
                asset_key=check.table,
                check_name=check.name,
                passed=outcome.passed,
                severity=dg.AssetCheckSeverity[check.severity],
                description=check.description,
                metadata={
                    "summary": dg.MetadataValue.md(outcome.markdown),
                    "details": dg.MetadataValue.json(outcome.details),
                    "rows_checked": rows_checked,
                    # A remembered outcome (expectations/check_memo.py) says which run computed it.
                    VALIDATED_AT: dg.MetadataValue.text(outcome.validated_at),
                    VALIDATED_IN_RUN: dg.MetadataValue.text(outcome.validated_in_run),
                },
            )

    return _suites


def build_table_checks() -> list[dg.AssetChecksDefinition]:
    by_step: dict[str, dict[str, list[CheckDefinition]]] = {}
    for table, checks in checks_by_table().items():
        by_step.setdefault(STEP_OF_TABLE[table], {})[table] = checks
    return [_build_step_checks(step, suites) for step, suites in by_step.items()]
