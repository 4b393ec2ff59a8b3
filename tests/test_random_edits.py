"""Random edits of the notice and of a feed never raise anything but the project's own errors.

Lines are deleted, duplicated, swapped and altered at random (hypothesis); whatever parses is then
loaded and checked like a real run, which must not crash either. Parse errors are the refusals the
other tests pin down one by one.
"""

import contextlib

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assets.bulletin.notice import parse_notice
from assets.bulletin.tables import build_tables
from assets.reference.regions import read_regions
from assets.spot_checks.feed import read_detail, read_summary
from expectations.warehouse_checks import checks_by_table, evaluate_checks
from tests.support.landing import NOTICE_PATH, PROJECT_ROOT
from warehouse import store
from warehouse.errors import Eco12369Error
from warehouse.registry import NOTICE, tables_written_by

pytestmark = pytest.mark.slow

NOTICE_LINES = NOTICE_PATH.read_text(encoding="utf-8").split("\n")
SAMPLES = PROJECT_ROOT / "data" / "landing" / "spot_checks"
# Fragments like those of the page, so that altered lines look almost right.
FRAGMENTS = st.sampled_from(
    [
        "",
        " ",
        "\xa0",
        "0",
        "42",
        "-3",
        "97.36%",
        "100.5%",
        "3.1",
        "、",
        "(2次)",
        "注3",
        "北京",
        "北  京",
        "全  国",
        "开通",
        "未拨通",
        "已挂载",
        "——",
        "附件3",
        "2017Q1",
        "2017-02-15",
        "hotline",
        "reachable",
        ",",
        '"',
    ]
)
ALTERED = st.lists(FRAGMENTS, min_size=1, max_size=4).map("".join)


def edits(line_count: int):
    index = st.integers(min_value=0, max_value=line_count - 1)
    return st.lists(
        st.one_of(
            st.tuples(st.just("delete"), index, st.just(0), st.just("")),
            st.tuples(st.just("duplicate"), index, st.just(0), st.just("")),
            st.tuples(st.just("swap"), index, index, st.just("")),
            st.tuples(st.just("alter"), index, st.just(0), ALTERED),
        ),
        min_size=1,
        max_size=6,
    )


def apply(lines: list[str], operations) -> list[str]:
    lines = list(lines)
    for operation, first, second, text in operations:
        first %= len(lines)
        second %= len(lines)
        if operation == "delete" and len(lines) > 1:
            del lines[first]
        elif operation == "duplicate":
            lines.insert(first, lines[first])
        elif operation == "swap":
            lines[first], lines[second] = lines[second], lines[first]
        elif operation == "alter":
            lines[first] = text
    return lines


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits(len(NOTICE_LINES)))
def test_edited_notice_parses_or_is_refused_and_checks_never_crash(operations):
    text = "\n".join(apply(NOTICE_LINES, operations))
    try:
        tables = build_tables([parse_notice(text.encode(), "edited.txt")])
    except Eco12369Error:
        return
    con = duckdb.connect()
    store.ensure_schema(con)
    for name in tables_written_by(NOTICE):
        store.write_table(con, name, getattr(tables, name))
    store.write_table(con, "region", read_regions())
    # The checks of the tables the notice writes: the other tables' checks read none of its rows.
    checks_of = checks_by_table()
    for table in tables_written_by(NOTICE):
        for _check, outcome, _ in evaluate_checks(con, table, checks_of.get(table, [])):
            # An expectation GX could not evaluate (a crash inside the check) reports an "error".
            assert not any("error" in finding for finding in outcome.details["expectations"]), outcome.markdown


FEED_LINES = (SAMPLES / "2017Q1.csv").read_text(encoding="utf-8").split("\n")[:60]
SUMMARY_LINES = (SAMPLES / "2017Q1_summary.csv").read_text(encoding="utf-8").split("\n")


@settings(max_examples=120, deadline=None)
@given(edits(len(FEED_LINES)), edits(len(SUMMARY_LINES)))
def test_edited_feed_reads_or_is_refused(tmp_path_factory, detail_operations, summary_operations):
    folder = tmp_path_factory.mktemp("feed")
    detail = folder / "2017Q1.csv"
    summary = folder / "2017Q1_summary.csv"
    detail.write_text("\n".join(apply(FEED_LINES, detail_operations)), encoding="utf-8")
    summary.write_text("\n".join(apply(SUMMARY_LINES, summary_operations)), encoding="utf-8")
    for reader, path in ((read_detail, detail), (read_summary, summary)):
        with contextlib.suppress(Eco12369Error):
            reader(path)
