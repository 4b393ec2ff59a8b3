"""What a finished run did, for a person at the command line: its problems, its counts, its exit code."""

from dataclasses import dataclass

import dagster as dg

from assets.refused_inputs import REFUSED_INPUT, REFUSED_METADATA
from expectations.validation import failing_rows_summary

EXIT_OK = 0
EXIT_FAILED = 1  # nothing was published: a crash, an ERROR check across inputs, a store that cannot be written
EXIT_USAGE = 2
EXIT_REFUSED = 3  # published, but some inputs were refused (table refused_input says which and why)

# The project's own error types carry messages written for a person: print them as they are.
_OWN_ERRORS = {"InputError", "BulletinParseError", "BulletinConflictError", "PublishError", "ReportError"}


def _innermost_error(error) -> tuple[str, str]:
    """(class name, message) of the error that caused a step failure, without Dagster's wrapping."""
    while error.cause is not None:
        error = error.cause
    cls_name, message = error.cls_name or "Error", error.message.strip()
    # Dagster prefixes the message with the qualified class name ("assets.errors.InputError: ...").
    prefix, _, rest = message.partition(": ")
    if prefix.endswith(cls_name) and rest:
        message = rest
    return cls_name, message


def _check_evaluations(events) -> list:
    return [e.event_specific_data for e in events if e.event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION]


def run_problems(result) -> list[str]:
    """One line per problem of a finished run, for a person: errors first (the file, the place, what
    was expected), then failed ERROR checks, then failed WARN checks, each naming the offending rows."""
    lines = []
    for event in result.all_events:
        if event.event_type != dg.DagsterEventType.STEP_FAILURE:
            continue
        cls_name, message = _innermost_error(event.step_failure_data.error)
        if cls_name == "DagsterAssetCheckFailedError":
            continue  # the failed checks are reported one by one below
        lines.append(f"error: {message}" if cls_name in _OWN_ERRORS else f"error: {cls_name}: {message}")
    failed = sorted(
        (e for e in _check_evaluations(result.all_events) if not e.passed),
        key=lambda e: e.severity != dg.AssetCheckSeverity.ERROR,
    )
    for evaluation in failed:
        details = evaluation.metadata.get("details")
        what = failing_rows_summary(details.value) if details else ""
        lines.append(
            f"{evaluation.severity.value.lower()}: check {evaluation.asset_key.to_user_string()}.{evaluation.check_name} failed: {what}"
        )
    return lines


@dataclass(frozen=True)
class RunCounts:
    rows: dict[str, int]  # rows written, by asset
    checks_passed: int
    error_checks_failed: int
    warn_checks_failed: int
    published: bool
    reported: bool
    refused: tuple[tuple[str, str, str], ...] = ()  # (source_file, kind, reason) of every input refused

    @classmethod
    def of(cls, result) -> "RunCounts":
        events = result.all_events
        rows, materialized, refused = {}, set(), ()
        for event in events:
            if event.event_type != dg.DagsterEventType.ASSET_MATERIALIZATION:
                continue
            materialization = event.event_specific_data.materialization
            materialized.add(materialization.asset_key.to_user_string())
            if materialization.asset_key.to_user_string() == REFUSED_INPUT and REFUSED_METADATA in materialization.metadata:
                refused = tuple(tuple(row) for row in materialization.metadata[REFUSED_METADATA].value)
            # A run over several partitions records the whole write as rows_written_by_run and each
            # partition's share as its dagster/row_count.
            count = materialization.metadata.get("rows_written_by_run") or materialization.metadata.get("dagster/row_count")
            if count is not None:
                rows[materialization.asset_key.to_user_string()] = count.value
        evaluations = _check_evaluations(events)
        failed = [e for e in evaluations if not e.passed]
        return cls(
            rows=rows,
            checks_passed=sum(e.passed for e in evaluations),
            error_checks_failed=sum(e.severity == dg.AssetCheckSeverity.ERROR for e in failed),
            warn_checks_failed=sum(e.severity == dg.AssetCheckSeverity.WARN for e in failed),
            published="published_warehouse" in materialized,
            reported="analyst_report" in materialized,
            refused=refused,
        )


def summary_lines(counts: RunCounts, run_id: str, elapsed: float, warehouse, report_html, publishes: bool) -> tuple[list[str], int]:
    """The closing lines printed on stdout, and the exit code: 0 only if the run did all it set out to
    do, published the warehouse (unless it does not publish), refused no input and wrote the report;
    3 when it published with inputs refused; 1 when nothing was published."""
    if not publishes:
        if counts.reported:
            return [f"report: {report_html}  run {run_id}  in {elapsed:.1f} s"], EXIT_OK
        return [f"NO report written  run {run_id}  in {elapsed:.1f} s"], EXIT_FAILED
    lines = [
        f"tables: {len(counts.rows)}  rows: {sum(counts.rows.values())}  ({', '.join(f'{t} {n}' for t, n in sorted(counts.rows.items()))})",
        f"checks: {counts.checks_passed} passed, {counts.error_checks_failed} ERROR failed, {counts.warn_checks_failed} WARN failed",
    ]
    if not counts.published:
        return [*lines, f"NOT published: {warehouse} is unchanged  run {run_id}  in {elapsed:.1f} s"], EXIT_FAILED
    lines.extend(f"refused: {source_file}: {reason}" for source_file, _kind, reason in counts.refused)
    refused = ""
    if counts.refused:
        refused = f"  ({len(counts.refused)} input{'s' if len(counts.refused) > 1 else ''} refused, see refused_input)"
    lines.append(f"published: {warehouse}  run {run_id}  in {elapsed:.1f} s{refused}")
    if not counts.reported:
        return [*lines, "report NOT written (see the error above); the warehouse is published"], EXIT_FAILED
    return [*lines, f"report: {report_html}"], EXIT_REFUSED if counts.refused else EXIT_OK
