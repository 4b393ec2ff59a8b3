"""The checks' results of the published warehouse as Great Expectations Data Docs (reports/data-docs/).

GX builds the site itself, from the suites of expectations/ and from validation results made of what
the checks computed and the warehouse recorded in quality_check: no second validation runs. Each
table's results are grouped by the run whose validation computed them (quality_check.validated_in_run),
so an outcome remembered from an earlier run (expectations/check_memo.py) appears as it was validated,
under that run and time. Each expectation carries its check's name, severity and description as
notes, which the site shows.

Building the site needs GX (seconds to import), so it is built only when what it shows changed: a
build of unchanged inputs, whose outcomes are all remembered, leaves it as it is.
"""

import datetime as dt
import hashlib
import html
import importlib.metadata
import json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from assets.output_folders import DATA_DOCS_INDEX, new_folder_for, replace_folder
from expectations.validation import expectation_label, load_suites
from warehouse import sql, store

SITE_NAME = "eco12369"
# The digest of what the site shows, kept in it.
BUILT_FROM = ".built-from"
DATASOURCE = "eco12369 warehouse"


@dataclass(frozen=True)
class CheckResult:
    """One row of quality_check."""

    asset: str
    check_name: str
    severity: str
    passed: bool
    details: dict
    checked_at: dt.datetime
    run_id: str
    validated_at: dt.datetime
    validated_in_run: str


@dataclass(frozen=True)
class DataDocs:
    index: Path
    built: bool  # False: the site already showed these results
    validations: int


def recorded_results(published: Path) -> list[CheckResult]:
    """quality_check of the published warehouse; a row recorded before it had validated_at and
    validated_in_run counts as validated when and where it was checked."""
    with store.connect(published, read_only=True) as con:
        rows = con.execute(sql.sql_file("report/recorded_check_results.sql")).fetchall()
    return [
        CheckResult(
            asset, check, severity, passed, json.loads(details), checked_at, run_id, validated_at or checked_at, validated_in_run or run_id
        )
        for asset, check, severity, passed, details, checked_at, run_id, validated_at, validated_in_run in rows
    ]


def _digest(results: list[CheckResult], suites: dict[str, dict]) -> str:
    digest = hashlib.sha256(importlib.metadata.version("great-expectations").encode("ascii"))
    digest.update(Path(__file__).read_bytes())
    digest.update(json.dumps(suites, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    for result in results:
        shown = (
            result.asset,
            result.check_name,
            result.severity,
            result.passed,
            result.details,
            str(result.validated_at),
            result.validated_in_run,
        )
        digest.update(json.dumps(shown, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8"))
    return digest.hexdigest()


def _with_check_notes(expectation: dict, checks: dict) -> dict:
    check = expectation["meta"]["check"]
    spec = checks[check]
    note = f"Check **{check}** ({spec['severity']}): {spec['description']}"
    return {**expectation, "notes": note, "meta": {**expectation["meta"], "notes": {"format": "markdown", "content": [note]}}}


def _suite_notes(checks: dict) -> list[str]:
    """The suite page's notes: every check of the suite, with its severity and description."""
    return [f"**{name}** ({spec['severity']}): {spec['description']}" for name, spec in checks.items()]


def _result_of(finding: dict, rows_checked: int, expectation: dict) -> dict:
    """The `result` GX's renderer reads, from what the check recorded of one expectation."""
    result: dict = {"element_count": rows_checked}
    if "observed_value" in finding:
        result["observed_value"] = finding["observed_value"]
    if "unexpected_count" in finding:
        count = finding["unexpected_count"]
        result["unexpected_count"] = count
        result["unexpected_percent"] = 100.0 * count / rows_checked if rows_checked else None
        column = expectation["kwargs"].get("column")
        rows = finding.get("unexpected_rows") or []
        if column:
            result["partial_unexpected_list"] = [row.get(column) for row in rows[:20]]
    return result


def _groups(results: list[CheckResult]) -> dict[tuple[str, str], list[CheckResult]]:
    """The results of each table by the run that validated them: one GX validation result each."""
    groups: dict[tuple[str, str], list[CheckResult]] = {}
    for result in results:
        groups.setdefault((result.asset, result.validated_in_run), []).append(result)
    return groups


def _validation_results(results: list[CheckResult], suites: dict[str, dict]):
    """(key, validation result) per table and run that validated, in GX's own types."""
    from great_expectations.core import ExpectationSuiteValidationResult, ExpectationValidationResult
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.resource_identifiers import ExpectationSuiteIdentifier, ValidationResultIdentifier
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

    for (table, run), group in sorted(_groups(results).items()):
        suite = suites[table]
        checks = suite["meta"]["checks"]
        expectation_results, unmatched = [], []
        for result in group:
            # Each finding names its expectation as the suite states it; an expectation of a suite
            # changed since the warehouse was published has no finding, and is not shown as run.
            by_label = {expectation_label(e): e for e in suite["expectations"] if e["meta"]["check"] == result.check_name}
            for finding in result.details.get("expectations", []):
                expectation = by_label.get(finding["expectation"])
                if expectation is None:
                    unmatched.append(f"{result.check_name}: {finding['expectation']}")
                    continue
                noted = _with_check_notes(expectation, checks)
                configuration = ExpectationConfiguration(
                    type=noted["type"], kwargs=noted["kwargs"], meta=noted["meta"], notes=noted["notes"]
                )
                exception = {"raised_exception": "error" in finding, "exception_message": finding.get("error"), "exception_traceback": None}
                expectation_results.append(
                    ExpectationValidationResult(
                        success=finding["success"],
                        expectation_config=configuration,
                        result=_result_of(finding, result.details.get("rows_checked", 0), expectation),
                        exception_info=exception,
                    )
                )
        successful = sum(1 for r in expectation_results if r.success)
        run_id = RunIdentifier(run_name=run, run_time=min(r.validated_at for r in group).replace(tzinfo=dt.UTC))
        validation = ExpectationSuiteValidationResult(
            success=all(r.passed for r in group),
            results=expectation_results,
            suite_name=table,
            statistics={
                "evaluated_expectations": len(expectation_results),
                "successful_expectations": successful,
                "unsuccessful_expectations": len(expectation_results) - successful,
                "success_percent": 100.0 * successful / len(expectation_results) if expectation_results else None,
            },
            meta={
                "run_id": run_id,
                "active_batch_definition": {"datasource_name": DATASOURCE, "data_asset_name": table, "batch_definition_name": "published"},
                # What the page's "Data asset" line reads.
                "batch_spec": {"data_asset_name": table},
                "checks": sorted(r.check_name for r in group),
                "findings_whose_expectation_left_the_suite": unmatched,
            },
        )
        key = ValidationResultIdentifier(
            expectation_suite_identifier=ExpectationSuiteIdentifier(name=table), run_id=run_id, batch_identifier=table
        )
        yield key, validation


# GX's pages draw the logo from its web assets with the build's time and context id in the address;
# the same image ships in the site's static/ folder.
REMOTE_LOGO = re.compile(r"https://great-expectations-web-assets\.s3\.[a-z0-9-]+\.amazonaws\.com/logo-long\.png\?[^\"']*")
OFFLINE_INDEX_ID = "eco12369-offline-index"


def _offline_index(results: list[CheckResult]) -> str:
    """A plain list of every suite and its validations, for the index page: GX fills the index's own
    tables with scripts from public CDNs, which a reader without internet access (a ministry intranet)
    does not get; the suite and validation pages themselves are plain HTML."""
    runs: dict[str, set[tuple[str, dt.datetime, bool]]] = {}
    for result in results:
        runs.setdefault(result.asset, set())
    for (table, run), group in _groups(results).items():
        runs[table].add((run, min(r.validated_at for r in group), all(r.passed for r in group)))
    items = []
    for table in sorted(load_suites()):
        validations = []
        for run, validated_at, passed in sorted(runs.get(table, ()), key=lambda item: item[1], reverse=True):
            stamp = validated_at.replace(tzinfo=dt.UTC).strftime("%Y%m%dT%H%M%S.%fZ")
            href = f"validations/{table}/{run}/{stamp}/{table}.html"
            label = f"{'Succeeded' if passed else 'Failed'}, validated {validated_at:%Y-%m-%d %H:%M:%S} UTC in run {run}"
            validations.append(f'<a href="{html.escape(href)}">{html.escape(label)}</a>')
        shown = "; ".join(validations) if validations else "no result recorded"
        items.append(f'<li><a href="expectations/{html.escape(table)}.html">{html.escape(table)}</a>: {shown}</li>')
    return (
        f'<section id="{OFFLINE_INDEX_ID}" class="container-fluid px-3"><h3>Every suite and its validations</h3>'
        f"<p>The same links as the tables above, which need scripts from the internet.</p><ul>{''.join(items)}</ul></section>"
    )


def _make_readable_offline(site: Path, results: list[CheckResult]) -> None:
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        depth = len(page.relative_to(site).parts) - 1
        text = REMOTE_LOGO.sub("../" * depth + "static/images/logo-long.png", text)
        if page == site / DATA_DOCS_INDEX:
            marker = "<footer" if "<footer" in text else "</body>"
            text = text.replace(marker, _offline_index(results) + marker, 1)
        page.write_text(text, encoding="utf-8")


def build_data_docs(published: Path, folder: Path) -> DataDocs:
    """Build the Data Docs of the published warehouse's check results into `folder` (replacing it),
    unless it already shows them."""
    results = recorded_results(published)
    suites = load_suites()
    digest = _digest(results, suites)
    index = folder / DATA_DOCS_INDEX
    marker = folder / BUILT_FROM
    validations = len({(r.asset, r.validated_in_run) for r in results})
    if index.is_file() and marker.is_file() and marker.read_text(encoding="ascii") == digest:
        return DataDocs(index, False, validations)

    import great_expectations as gx

    new_folder = new_folder_for(folder)
    with tempfile.TemporaryDirectory(prefix="eco12369-gx-") as project:
        context = gx.get_context(mode="file", project_root_dir=project)
        site = {
            "class_name": "SiteBuilder",
            "show_how_to_buttons": False,
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(new_folder)},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        }
        context.add_data_docs_site(site_name=SITE_NAME, site_config=site)
        for table, suite in suites.items():
            checks = suite["meta"]["checks"]
            expectations = [_with_check_notes(expectation, checks) for expectation in suite["expectations"]]
            context.suites.add(gx.ExpectationSuite(name=table, expectations=expectations, meta=suite["meta"], notes=_suite_notes(checks)))
        for key, validation in _validation_results(results, suites):
            context.validation_results_store.set(key, validation)
        context.build_data_docs(site_names=[SITE_NAME])
    _make_readable_offline(new_folder, results)
    (new_folder / BUILT_FROM).write_text(digest, encoding="ascii")
    replace_folder(new_folder, folder)
    return DataDocs(index, True, validations)
