"""The checks' results as Great Expectations Data Docs: built by GX from the suites and the results
quality_check records, without validating again, into reports/data-docs/ beside report.html."""

import html
import json
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from assets.output_folders import DATA_DOCS_FOLDER
from assets.report.data_docs import build_data_docs
from expectations.validation import SUITE_DIR

pytestmark = pytest.mark.slow

SUITES = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in sorted(SUITE_DIR.glob("*.json"))}


@pytest.fixture(scope="module")
def site(fresh_build) -> Path:
    return fresh_build.parent / "reports" / DATA_DOCS_FOLDER


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _words(path: Path) -> str:
    """The page's text as a reader sees it: scripts, styles and tags left out, spaces collapsed."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", _text(path), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_the_index_lists_every_suite_and_a_validation_of_each(site):
    index = _text(site / "index.html")
    for suite in SUITES:
        assert f"expectations/{suite}.html" in index, suite
        assert re.search(rf"validations/{suite}/[^/]+/[^/]+/{suite}\.html", index), suite
        assert (site / "expectations" / f"{suite}.html").is_file()


def test_the_index_has_a_plain_list_of_every_suite_and_validation_that_needs_no_script(site):
    index = _text(site / "index.html")
    offline = index[index.index('id="eco12369-offline-index"') :]
    offline = offline[: offline.index("</section>")]
    links = [html.unescape(link) for link in re.findall(r'href="([^"]+)"', offline)]
    assert {link for link in links if link.startswith("expectations/")} == {f"expectations/{suite}.html" for suite in SUITES}
    validations = [link for link in links if link.startswith("validations/")]
    assert {link.split("/")[1] for link in validations} == set(SUITES)
    for link in links:
        assert (site / link).is_file(), link
    # The logo is the site's own copy, not an image whose address carries the build's context id.
    assert "dataContextId" not in index and "static/images/logo-long.png" in index


def test_a_suite_page_names_every_check_of_the_suite(site):
    page = _text(site / "expectations" / "complaint.html")
    for check, spec in SUITES["complaint"]["meta"]["checks"].items():
        assert check in page, check
        assert spec["severity"] in page


def test_a_failed_check_shows_as_failed_on_its_validation_page(site):
    (page,) = (site / "validations" / "complaint").glob("*/*/complaint.html")
    # assets/complaints/sample_exports.py leaves out 山东's export of 2017-07: provinces_export_every_month
    # fails (WARN), its other two checks pass.
    assert "Status: Failed" in _words(page)
    assert "Unsuccessful Expectations 1" in _words(page)
    (page,) = (site / "validations" / "region").glob("*/*/region.html")
    assert "Status: Succeeded" in _words(page)


def test_report_links_to_the_data_docs_and_the_downloads(fresh_build):
    report = _text(fresh_build.parent / "reports" / "report.html")
    assert 'id="data-docs" href="data-docs/index.html"' in report
    assert 'id="downloads" href="../downloads/"' in report


def test_remembered_outcomes_appear_under_the_run_that_validated_them_and_the_site_is_built_only_on_change(fresh_build, tmp_path):
    warehouse = tmp_path / "12369.duckdb"
    shutil.copy(fresh_build, warehouse)
    with duckdb.connect(str(warehouse)) as con:
        (published_run,) = con.execute("select distinct run_id from quality_check").fetchall()[0]
        con.execute(
            "update quality_check set validated_in_run = 'run-that-validated', validated_at = timestamp '2026-01-02 03:04:05' where asset = 'region'"
        )
    folder = tmp_path / "data-docs"
    first = build_data_docs(warehouse, folder)
    assert first.built and first.validations == len(SUITES)
    assert [path.name for path in (folder / "validations" / "region").iterdir()] == ["run-that-validated"]
    assert [path.name for path in (folder / "validations" / "region" / "run-that-validated").iterdir()] == ["20260102T030405.000000Z"]
    assert [path.name for path in (folder / "validations" / "bulletin").iterdir()] == [published_run]
    assert not build_data_docs(warehouse, folder).built
    # A warm build records the same outcomes under a new run: the site shows what it showed.
    with duckdb.connect(str(warehouse)) as con:
        con.execute("update quality_check set run_id = 'a-later-run', checked_at = now()::timestamp")
    assert not build_data_docs(warehouse, folder).built
    with duckdb.connect(str(warehouse)) as con:
        con.execute("update quality_check set passed = false where asset = 'region'")
    assert build_data_docs(warehouse, folder).built
    assert not any(path.name.startswith(".data-docs.") for path in tmp_path.iterdir())
