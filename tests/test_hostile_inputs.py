"""The catalogue of hostile inputs, each run through the pipeline against a published warehouse.

Every case is a run of the real job in this process, on a copy of the published warehouse. A refused
input must be listed in refused_input with one line naming the file and the place (line, row,
column, or the offending rows of a check), publish nothing of its own, and leave what was published
of it before exactly as it was; the run itself publishes. An accepted variant must publish the same
tables.
"""

import re
import shutil

import duckdb
import pandas as pd
import pytest

from expectations.check_memo import CHECK_MEMO_FOLDER
from pipelines.definitions import build_definitions
from pipelines.feed_arrivals import register_quarters
from pipelines.jobs import INGEST_QUARTER, REFRESH_WAREHOUSE, refresh_arguments
from pipelines.resources import warehouse_resource
from pipelines.run_summary import run_problems
from tests.support.instance import instance_for_test
from tests.support.landing import NOTICE_PATH, PROJECT_ROOT
from tests.support.selection import up_to_publishing

pytestmark = pytest.mark.slow

SAMPLES = PROJECT_ROOT / "data" / "landing" / "spot_checks"
QUARTERS = ["2017Q1", "2017Q2", "2017Q3", "2017Q4"]
NOTICE = NOTICE_PATH.read_text(encoding="utf-8")
# What a notice publishes, without what depends on the file it came in (name, checksum).
NOTICE_TABLE_QUERIES = {
    "bulletin": "select * exclude (source_file, source_sha256) from bulletin order by all",
    "handling_by_province": "select * from handling_by_province order by all",
    "handling_national": "select * from handling_national order by all",
    "hotline_check": "select * from hotline_check order by all",
    "portal_status": "select * from portal_status order by all",
}


def _landing(folder, notices: dict[str, bytes], feeds: dict[str, bytes] | None = None):
    (folder / "bulletins").mkdir(parents=True)
    (folder / "spot_checks").mkdir()
    for name, content in notices.items():
        (folder / "bulletins" / name).write_bytes(content)
    for path in SAMPLES.iterdir():
        shutil.copy(path, folder / "spot_checks")
    for name, content in (feeds or {}).items():
        (folder / "spot_checks" / name).write_bytes(content)
    return folder


def _copy_of(published_warehouse, folder):
    """The published warehouse and its remembered validations, copied into a case's own folder."""
    warehouse = folder / "wh" / "12369.duckdb"
    warehouse.parent.mkdir(parents=True)
    shutil.copy(published_warehouse, warehouse)
    memo = published_warehouse.parent / CHECK_MEMO_FOLDER
    if memo.is_dir():
        shutil.copytree(memo, warehouse.parent / CHECK_MEMO_FOLDER)
    return warehouse


def _rows(warehouse, queries: dict[str, str]) -> dict[str, list]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {name: con.execute(query).fetchall() for name, query in queries.items()}


def _refusal_reasons(warehouse) -> dict[str, str]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return dict(con.execute("select source_file, reason from refused_input").fetchall())


def _refresh(landing, warehouse, instance, quarters=QUARTERS):
    """A refresh of the notices (and of `quarters`; a bulletin's case leaves the published quarters as they are)."""
    defs = build_definitions(warehouse_resource(landing_dir=str(landing), warehouse_path=str(warehouse)))
    arguments = refresh_arguments(defs, instance, quarters)
    job = defs.resolve_job_def(REFRESH_WAREHOUSE)
    selection = up_to_publishing(job, arguments["asset_selection"])
    return job.execute_in_process(instance=instance, raise_on_error=False, tags=arguments["tags"], asset_selection=selection)


def _ingest(landing, warehouse, instance, quarter):
    defs = build_definitions(warehouse_resource(landing_dir=str(landing), warehouse_path=str(warehouse)))
    register_quarters(instance, [quarter])
    job = defs.resolve_job_def(INGEST_QUARTER)
    return job.execute_in_process(instance=instance, partition_key=quarter, raise_on_error=False, asset_selection=up_to_publishing(job))


@pytest.fixture(scope="module")
def published(quarters_build):
    """A warehouse published from the real notice (as notice.txt) and the four sample quarters, and its
    tables: the session's (tests/conftest.py), which the cases only copy."""
    warehouse = quarters_build / "wh" / "12369.duckdb"
    return warehouse, _rows(warehouse, NOTICE_TABLE_QUERIES)


def _edit(number: int, expected: str, replacement: str) -> bytes:
    lines = NOTICE.split("\n")
    assert lines[number - 1] == expected
    lines[number - 1] = replacement
    return "\n".join(lines).encode()


def _duplicate_group(first_line: int) -> bytes:
    """附件3: repeat the five cells of one record right after it."""
    lines = NOTICE.split("\n")
    group = lines[first_line - 1 : first_line + 4]
    return "\n".join(lines[: first_line + 4] + group + lines[first_line + 4 :]).encode()


FEED_Q2 = (SAMPLES / "2017Q2.csv").read_text(encoding="utf-8")


def _feed(old: str, new: str) -> bytes:
    assert FEED_Q2.count(old) >= 1, old
    return FEED_Q2.replace(old, new, 1).encode()


def _xlsx_truncated(tmp_path) -> bytes:
    path = tmp_path / "twin.xlsx"
    pd.read_csv(SAMPLES / "2017Q2.csv", dtype=str, keep_default_na=False).to_excel(path, index=False)
    return path.read_bytes()[:3000]


# A broken notice.txt replaces the published one (its rows must stay), or a broken file lands beside
# it (it must add nothing). Each case: the files written, the file refused, its reason.
GOOD = {"notice.txt": NOTICE.encode()}
BULLETIN_REFUSALS = [
    ("empty file", {"notice.txt": b""}, "notice.txt", r"^notice\.txt, whole file: expected the text of a notice, found 'an empty file'"),
    (
        "cut off inside 附件3",
        {"notice.txt": "\n".join(NOTICE.split("\n")[:700]).encode()},
        "notice.txt",
        r"^notice\.txt, line 700: expected 附件3, completion table: records of 5 cells",
    ),
    (
        "saved as PDF",
        {**GOOD, "notice.pdf": b"%PDF-1.4 binary"},
        "notice.pdf",
        r"notice\.pdf, file name: expected a bulletin saved as \.htm/\.html/\.txt, found '\.pdf'",
    ),
    (
        # A saved page is read as a bulletin of the series (the text says what it is); one with no
        # period and no figure is refused by name.
        "an HTML page that is no bulletin",
        {**GOOD, "notice.html": b"<html><body><table><tr><td>x</td></tr></table></body></html>"},
        "notice.html",
        r"^notice\.html, whole text: expected a 12369 bulletin",
    ),
    (
        "an English news story",
        {
            **GOOD,
            "story.html": b"<html><body><h1>Beijing sees more blue-sky days</h1><p>Officials said 240 days were good.</p></body></html>",
        },
        "story.html",
        r"^story\.html, whole text: expected a 12369 bulletin",
    ),
    (
        "HTML source saved as .txt",
        {"notice.txt": b"<html>\n<body>\n" + NOTICE.encode()},
        "notice.txt",
        r"^notice\.txt, line 1: expected the page's text .*found '<html'",
    ),
    (
        "non-numeric count",
        {"notice.txt": _edit(529, "42", "四十二")},
        "notice.txt",
        r"^notice\.txt, line 529: expected 附件3, acceptance table, row 贵州: an integer count",
    ),
    (
        "percentage above 100",
        {"notice.txt": _edit(530, "97.36%", "197.36%")},
        "notice.txt",
        r"^notice\.txt, check handling_by_province\.rates_between_0_and_100 failed: .*province=贵州, source_line=528, on_time_pct=197\.36",
    ),
    (
        "percentage below 0",
        {"notice.txt": _edit(753, "99.83%", "-99.83%")},
        "notice.txt",
        r"^notice\.txt, check handling_by_province\.rates_between_0_and_100 failed: .*province=江苏, source_line=751, on_time_pct=-99\.83",
    ),
    (
        "national total disagrees",
        {"notice.txt": _edit(619, "245", "246")},
        "notice.txt",
        r"^notice\.txt, check handling_national\.national_equals_sum_of_provinces failed: "
        r".*stage=acceptance, national_late_count=246, provinces_late_count=245",
    ),
    (
        "duplicated province row",
        {"notice.txt": _duplicate_group(527)},
        "notice.txt",
        r"^notice\.txt, check handling_by_province\.each_region_once_per_stage failed: .*stage=acceptance, province=贵州, rows_in_table=2",
    ),
    (
        "unknown region name",
        {"notice.txt": _edit(528, "贵 \xa0州", "贵 \xa0洲")},
        "notice.txt",
        r"^notice\.txt, check handling_by_province\.known_regions_only failed: .*source_line=528, province=贵洲",
    ),
    (
        # The published notice.txt stays; a copy of it under another name is no conflict.
        "a different notice for the published year",
        {**GOOD, "a.txt": NOTICE.encode(), "b.txt": _edit(530, "97.36%", "97.35%")},
        "b.txt",
        r"^b\.txt \(环办应急函\[2018\]500号\), report year 2017: expected one notice per report year, found a different notice "
        r"for it in a\.txt .*notice\.txt is the one published",
    ),
]


def _side_by_side(number: int, notices: dict[str, bytes], refused: str, message: str) -> tuple[dict[str, bytes], str, str]:
    """One case's files under names of their own (`caseNN-…`), to land beside the others and the good
    notice.txt: (its files, the file refused, the message with the new names)."""
    files = {name: content for name, content in notices.items() if GOOD.get(name) != content}
    renamed = {name: f"case{number:02d}-{name}" for name in files}
    for name, new_name in renamed.items():
        message = message.replace(re.escape(name), re.escape(new_name))
    return {renamed[name]: content for name, content in files.items()}, renamed[refused], message


@pytest.fixture(scope="module")
def side_by_side(published, tmp_path_factory):
    """One run with every bulletin case's files side by side with the good notice.txt, against a copy of
    the published warehouse: each must be refused on its own (one run instead of one per case)."""
    published_warehouse, _ = published
    folder = tmp_path_factory.mktemp("side_by_side")
    warehouse = _copy_of(published_warehouse, folder)
    notices, expected = dict(GOOD), {}
    for number, (case, inputs, refused, message) in enumerate(BULLETIN_REFUSALS):
        files, name, pattern = _side_by_side(number, inputs, refused, message)
        notices.update(files)
        expected[case] = (f"bulletins/{name}", pattern)
    with instance_for_test() as instance:
        result = _refresh(_landing(folder / "landing", notices), warehouse, instance, quarters=[])
    return result, warehouse, expected


@pytest.mark.parametrize("case", [c[0] for c in BULLETIN_REFUSALS])
def test_bulletin_refused(side_by_side, case):
    result, warehouse, expected = side_by_side
    assert result.success, run_problems(result)
    refused, message = expected[case]
    reasons = _refusal_reasons(warehouse)
    assert refused in reasons, reasons
    assert re.search(message, reasons[refused]), reasons[refused]


def test_refused_bulletins_publish_nothing_of_their_own(published, side_by_side):
    _, tables = published
    result, warehouse, expected = side_by_side
    # Exactly the broken files are refused (a copy of the published notice under another name is not)...
    assert sorted(_refusal_reasons(warehouse)) == sorted(refused for refused, _ in expected.values())
    # ...and the notice published before stays as it was.
    assert _rows(warehouse, NOTICE_TABLE_QUERIES) == tables
    # The command line's WARN check names them.
    assert any(line.startswith("warn: check refused_input.every_landed_file_was_read failed") for line in run_problems(result))


def test_a_broken_notice_swapped_in_keeps_the_rows_of_the_published_one(published, tmp_path):
    published_warehouse, tables = published
    warehouse = _copy_of(published_warehouse, tmp_path)
    with instance_for_test() as instance:
        # 附件3 受理表 line 530: 贵州's on-time rate 97.36% made 197.36%, under the published file's name.
        landing = _landing(tmp_path / "landing", {"notice.txt": _edit(530, "97.36%", "197.36%")})
        assert _refresh(landing, warehouse, instance, quarters=[]).success
    assert list(_refusal_reasons(warehouse)) == ["bulletins/notice.txt"]
    assert _rows(warehouse, NOTICE_TABLE_QUERIES) == tables


def test_two_new_notices_for_one_year_are_both_refused(tmp_path):
    # Neither was published, so neither can be told the right one: both are refused, both named.
    warehouse = tmp_path / "wh" / "12369.duckdb"
    with instance_for_test() as instance:
        landing = _landing(tmp_path / "landing", {"a.txt": NOTICE.encode(), "b.txt": _edit(530, "97.36%", "97.35%")})
        assert _refresh(landing, warehouse, instance, quarters=[]).success
    reasons = _refusal_reasons(warehouse)
    assert sorted(reasons) == ["bulletins/a.txt", "bulletins/b.txt"], reasons
    assert "found a different notice for it in b.txt" in reasons["bulletins/a.txt"]
    assert "neither was published before" in reasons["bulletins/b.txt"]
    assert _rows(warehouse, {"bulletin": "select count(*) from bulletin"}) == {"bulletin": [(0,)]}


ACCEPTED_VARIANTS = [
    ("GB18030", {"notice.txt": NOTICE.encode("gb18030")}),
    ("UTF-8 with BOM", {"notice.txt": b"\xef\xbb\xbf" + NOTICE.encode()}),
    ("CRLF line endings", {"notice.txt": NOTICE.replace("\n", "\r\n").encode()}),
    ("the same notice under two names", {"a.txt": NOTICE.encode(), "copy of a.txt": NOTICE.encode()}),
]


@pytest.mark.parametrize(("case", "notices"), ACCEPTED_VARIANTS, ids=[c[0] for c in ACCEPTED_VARIANTS])
def test_bulletin_variant_gives_the_same_tables(published, tmp_path, case, notices):
    _, tables = published
    warehouse = tmp_path / "wh" / "12369.duckdb"
    with instance_for_test() as instance:
        assert _refresh(_landing(tmp_path / "landing", notices), warehouse, instance, quarters=[]).success
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for name, query in NOTICE_TABLE_QUERIES.items():
            assert con.execute(query).fetchall() == tables[name], name


FEED_REFUSALS = [
    (
        "missing column",
        {
            "2017Q2.csv": _feed(
                "quarter,province,level,unit,channel,checked_on,result,note", "quarter,province,level,unit,channel,checked_on,result"
            ).replace(b',"constructed sample (scripts/generate_sample_feeds.py), not official"', b"")
        },
        r".*2017Q2\.csv, header row 1: expected the columns .*found 'missing note'",
    ),
    (
        "extra column",
        {"2017Q2.csv": _feed(",note\n", ",note,remark\n")},
        r".*2017Q2\.csv, CSV structure|.*2017Q2\.csv, header row 1: .*unexpected remark",
    ),
    (
        "wrong quarter",
        {"2017Q2.csv": _feed("2017Q2,北京,provincial", "2017Q3,北京,provincial")},
        r"2017Q2\.csv, quarter 2017Q2, check spot_check\..*source_file=2017Q2\.csv, source_row=2, .*quarter_matches_file_name",
    ),
    (
        "date outside the quarter",
        {"2017Q2.csv": _feed("2017Q2,北京,provincial,北京,hotline,2017-05-15", "2017Q2,北京,provincial,北京,hotline,2017-07-01")},
        r"2017Q2\.csv, quarter 2017Q2, check spot_check\.checked_on_inside_quarter failed: .*source_file=2017Q2\.csv, source_row=2, .*checked_on=2017-07-01",
    ),
    (
        "province misspelled",
        {"2017Q2.csv": _feed("2017Q2,北京,provincial,北京", "2017Q2,北亰,provincial,北京")},
        r"2017Q2\.csv, quarter 2017Q2, check spot_check\.known_regions_only failed: .*source_file=2017Q2\.csv, source_row=2, .*province=北亰",
    ),
    (
        "binary file named .csv",
        {"2017Q2.csv": b"\x00\x01binary\x00"},
        r".*2017Q2\.csv, whole file: expected a CSV text file, found 'binary data",
    ),
]


QUARTER_Q2_QUERIES = {
    table: f"select * exclude (source_sha256) from {table} where quarter = '2017Q2' order by all"  # noqa: S608 (fixed names)
    for table in ("spot_check", "spot_check_summary", "spot_check_national")
} | {"spot_check_feed": "select * from spot_check_feed where quarter = '2017Q2'"}


@pytest.mark.parametrize(("case", "feeds", "message"), FEED_REFUSALS, ids=[c[0] for c in FEED_REFUSALS])
def test_feed_refused(published, tmp_path, case, feeds, message):
    published_warehouse, _ = published
    warehouse = _copy_of(published_warehouse, tmp_path)
    before = _rows(warehouse, QUARTER_Q2_QUERIES)
    with instance_for_test() as instance:
        result = _ingest(_landing(tmp_path / "landing", {"notice.txt": NOTICE.encode()}, feeds), warehouse, instance, "2017Q2")
    assert result.success, run_problems(result)
    reasons = _refusal_reasons(warehouse)
    assert list(reasons) == ["spot_checks/2017Q2.csv"], reasons
    assert re.search(message, reasons["spot_checks/2017Q2.csv"]), reasons
    assert _rows(warehouse, QUARTER_Q2_QUERIES) == before


def test_truncated_xlsx_feed_refused(published, tmp_path):
    published_warehouse, _ = published
    warehouse = _copy_of(published_warehouse, tmp_path)
    before = _rows(warehouse, QUARTER_Q2_QUERIES)
    landing = _landing(tmp_path / "landing", {"notice.txt": NOTICE.encode()})
    (landing / "spot_checks" / "2017Q2.csv").unlink()
    (landing / "spot_checks" / "2017Q2.xlsx").write_bytes(_xlsx_truncated(tmp_path))
    with instance_for_test() as instance:
        result = _ingest(landing, warehouse, instance, "2017Q2")
    assert result.success, run_problems(result)
    reasons = _refusal_reasons(warehouse)
    assert re.search(r"2017Q2\.xlsx, whole file: expected a readable XLSX workbook", reasons["spot_checks/2017Q2.xlsx"]), reasons
    assert _rows(warehouse, QUARTER_Q2_QUERIES) == before
