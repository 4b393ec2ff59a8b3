"""Loads the suites in this folder and runs one named check of a suite on a DataFrame with GX Core 1.x.

A suite file groups its expectations into checks (meta.check); meta.checks says each check's
severity, description, the frame it runs on (the table itself, or a query in warehouse/checks/) and
the columns that identify an offending row in the report. The Dagster asset checks are built from
these files, so a check is reviewed and changed here, not in Python.
"""

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

SUITE_DIR = Path(__file__).resolve().parent
# Offending rows listed in the Markdown summary; the JSON details keep them all.
MARKDOWN_ROW_LIMIT = 25


@dataclass(frozen=True)
class CheckDefinition:
    table: str
    name: str
    severity: str  # "ERROR" blocks publishing when the check fails; "WARN" only reports
    description: str
    frame_sql: str | None  # path under warehouse/ of the query the check runs on; None: the table
    row_id: tuple[str, ...]
    tables: tuple[str, ...]  # other tables the check reads
    expectations: tuple[dict, ...] = field(repr=False)


@dataclass(frozen=True)
class CheckOutcome:
    passed: bool
    markdown: str
    details: dict[str, Any]
    # When GX computed this outcome (ISO 8601, UTC) and in which Dagster run: an outcome remembered by
    # expectations/check_memo.py keeps the stamp of the validation that computed it.
    validated_at: str = ""
    validated_in_run: str = ""


@cache
def _suite_files() -> tuple[tuple[str, str], ...]:
    return tuple((path.name, path.read_text(encoding="utf-8")) for path in sorted(SUITE_DIR.glob("*.json")))


def load_suites() -> dict[str, dict]:
    """The suites of expectations/ as written, by file stem (a new copy each call: callers may change it)."""
    return {name.removesuffix(".json"): json.loads(text) for name, text in _suite_files()}


@cache
def load_check_definitions() -> tuple[CheckDefinition, ...]:
    definitions = []
    for file_name, text in _suite_files():
        suite = json.loads(text)
        table = suite["meta"]["table"]
        for name, spec in suite["meta"]["checks"].items():
            expectations = tuple(e for e in suite["expectations"] if e["meta"]["check"] == name)
            if not expectations:
                raise ValueError(f"{file_name}: check {name} has no expectations")
            definitions.append(
                CheckDefinition(
                    table=table,
                    name=name,
                    severity=spec["severity"],
                    description=spec["description"],
                    frame_sql=spec.get("frame"),
                    row_id=tuple(spec.get("row_id", ())),
                    tables=tuple(spec.get("tables", ())),
                    expectations=expectations,
                )
            )
    return tuple(definitions)


@cache
def _batch_definition():
    # Imported here, not at module level: importing GX costs seconds, and the Dagster code server
    # and the CLI should not pay it before a check actually runs.
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    asset = context.data_sources.add_pandas("warehouse_frames").add_dataframe_asset("frame")
    return asset.add_batch_definition_whole_dataframe("whole_frame")


def _plain(value: Any) -> Any:
    """A JSON-friendly version of a cell value."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def expectation_label(expectation: dict) -> str:
    kwargs = ", ".join(f"{key}={value!r}" for key, value in expectation["kwargs"].items())
    return f"{expectation['type']}({kwargs})"


def columns_of(expectation: dict) -> list[str]:
    kwargs = expectation["kwargs"]
    columns = [kwargs[key] for key in ("column", "column_A", "column_B") if key in kwargs]
    return columns + list(kwargs.get("column_list", []))


def _validate(checks: list[CheckDefinition], frame: pd.DataFrame, parameters: dict[str, Any], result_format: str) -> list[list]:
    """GX results of each check's expectations, in the order of check.expectations."""
    import great_expectations as gx

    # Each expectation is tagged with its position, so that results map back to it whatever order GX
    # reports them in.
    tagged = [
        {**expectation, "meta": {**expectation["meta"], "position": position}}
        for position, expectation in enumerate(e for check in checks for e in check.expectations)
    ]
    suite = gx.ExpectationSuite(name="+".join(f"{c.table}.{c.name}" for c in checks), expectations=tagged)
    batch = _batch_definition().get_batch(batch_parameters={"dataframe": frame})
    result = batch.validate(suite, result_format={"result_format": result_format}, expectation_parameters=parameters)
    by_position = {r.expectation_config.meta["position"]: r for r in result.results}
    grouped, position = [], 0
    for check in checks:
        grouped.append([by_position[position + i] for i in range(len(check.expectations))])
        position += len(check.expectations)
    return grouped


def run_checks(checks: list[CheckDefinition], frame: pd.DataFrame, parameters: dict[str, Any] | None = None) -> list[CheckOutcome]:
    """Run several checks on one frame.

    GX's cost is mostly per validation and per expectation, and collecting the offending rows
    (result format COMPLETE) doubles it; so all checks run together with pass/fail results only, and
    only the checks that failed run again to collect what failed.
    """
    parameters = parameters or {}
    quick = _validate(checks, frame, parameters, "BOOLEAN_ONLY")
    failed = [check for check, results in zip(checks, quick, strict=True) if not all(r.success for r in results)]
    complete = dict(zip((c.name for c in failed), _validate(failed, frame, parameters, "COMPLETE"), strict=True)) if failed else {}
    return [_outcome(check, frame, complete.get(check.name, results)) for check, results in zip(checks, quick, strict=True)]


def _outcome(check: CheckDefinition, frame: pd.DataFrame, results: list) -> CheckOutcome:
    findings = []
    for expectation, outcome in zip(check.expectations, results, strict=True):
        finding: dict[str, Any] = {"expectation": expectation_label(expectation), "success": bool(outcome.success)}
        raised = outcome.exception_info.get("raised_exception") if isinstance(outcome.exception_info, dict) else False
        if raised:
            finding["error"] = outcome.exception_info.get("exception_message")
        details = outcome.result or {}
        if "observed_value" in details:
            finding["observed_value"] = _plain(details["observed_value"])
        indexes = details.get("unexpected_index_list") or []
        if not outcome.success and indexes:
            shown = [c for c in (*check.row_id, *columns_of(expectation)) if c in frame.columns]
            shown = list(dict.fromkeys(shown))
            finding["unexpected_count"] = len(indexes)
            finding["unexpected_rows"] = [{column: _plain(frame.at[index, column]) for column in shown} for index in indexes]
        findings.append(finding)

    passed = all(finding["success"] for finding in findings)
    details = {
        "table": check.table,
        "check": check.name,
        "severity": check.severity,
        "description": check.description,
        "rows_checked": len(frame),
        "passed": passed,
        "expectations": findings,
    }
    return CheckOutcome(passed, _markdown(check, passed, len(frame), findings), details)


def _markdown(check: CheckDefinition, passed: bool, rows: int, findings: list[dict]) -> str:
    verdict = "PASSED" if passed else f"FAILED ({check.severity})"
    lines = [f"**{verdict}** `{check.name}` on `{check.table}` ({rows} rows checked)", "", check.description, ""]
    for finding in findings:
        # Words, not emoji: a browser without an emoji font shows an empty box.
        mark = "met:" if finding["success"] else "**not met:**"
        lines.append(f"- {mark} `{finding['expectation']}`")
        if "error" in finding:
            lines.append(f"  - could not run: {finding['error']}")
        if not finding["success"] and "observed_value" in finding:
            lines.append(f"  - observed: {finding['observed_value']}")
        offending = finding.get("unexpected_rows")
        if offending:
            lines.append(f"  - {finding['unexpected_count']} offending row(s):")
            lines.append("")
            header = list(offending[0])
            lines.append("    | " + " | ".join(header) + " |")
            lines.append("    | " + " | ".join("---" for _ in header) + " |")
            for row in offending[:MARKDOWN_ROW_LIMIT]:
                lines.append("    | " + " | ".join("" if row[c] is None else str(row[c]) for c in header) + " |")
            if len(offending) > MARKDOWN_ROW_LIMIT:
                lines.append(f"    | … and {len(offending) - MARKDOWN_ROW_LIMIT} more (see details) |")
            lines.append("")
    return "\n".join(lines)


def failing_rows_summary(details: dict[str, Any], limit: int = 5) -> str:
    """One line naming the offending rows, for the command line."""
    parts = []
    for finding in details["expectations"]:
        if finding["success"]:
            continue
        rows = finding.get("unexpected_rows") or []
        named = "; ".join(", ".join(f"{k}={v}" for k, v in row.items()) for row in rows[:limit])
        more = f" (+{len(rows) - limit} more)" if len(rows) > limit else ""
        observed = f" observed {finding['observed_value']}" if "observed_value" in finding else ""
        error = f" error: {finding['error']}" if "error" in finding else ""
        parts.append(f"{finding['expectation']}:{observed}{error} {named}{more}".strip())
    return " | ".join(parts)
