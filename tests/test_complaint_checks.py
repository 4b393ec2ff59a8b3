"""Every check of the complaint tables: the ERROR checks pass on the hand-made exports of
tests/support/complaint_exports.py and fail, naming the row, when a table is edited to break them; the
WARN checks fail, naming the city, file or month, on the problems those exports plant."""

import duckdb
import pytest

from assets.complaints.complaint_tables import ComplaintSettings, build_complaint_tables, compute_violation_frames, update_raw_zone
from assets.complaints.export_files import find_exports
from assets.complaints.spark_engine import VIOLATION_TABLES
from assets.reference.regions import read_regions
from expectations.warehouse_checks import checks_by_table, evaluate_checks
from tests.support import complaint_exports as exports
from warehouse import store
from warehouse.registry import COMPLAINTS, tables_written_by


@pytest.fixture
def basics(tmp_path) -> duckdb.DuckDBPyConnection:
    """A warehouse with the complaint tables of the "basics" exports (no Dagster: the plain functions)."""
    landing = exports.write_basics(tmp_path / "landing")
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    store.write_table(con, "region", read_regions())
    store.ensure_schema(con)
    update_raw_zone(con, find_exports(landing), tmp_path / "raw")
    build_complaint_tables(con, tmp_path / "raw", ComplaintSettings())
    yield con
    con.close()


def _outcome(con, table: str, check_name: str):
    checks = [check for check in checks_by_table()[table] if check.name == check_name]
    ((check, outcome, _),) = evaluate_checks(con, table, checks)
    return check, outcome


def _offending(outcome) -> list[dict]:
    return [row for finding in outcome.details["expectations"] for row in finding.get("unexpected_rows", [])]


def test_every_complaint_check_is_tested_here():
    tested = {
        ("complaint", "values_fit_the_contract"),
        ("complaint", "one_row_per_complaint_id"),
        ("complaint", "provinces_export_every_month"),
        ("complaint_export", "no_personal_data_columns"),
        ("complaint_quality", "key_fields_complete"),
        ("complaint_quality", "entered_on_time"),
        ("complaint_quality", "counts_are_consistent"),
        ("records_monthly", "channels_add_up"),
        ("records_monthly", "national_records_match_the_bulletins"),
        ("handling_from_records", "rates_between_0_and_100"),
    }
    found = {
        (table, check.name) for table, checks in checks_by_table().items() if table in tables_written_by(COMPLAINTS) for check in checks
    }
    assert found == tested


@pytest.mark.parametrize(
    ("table", "check_name", "edit", "named"),
    [
        (
            "complaint",
            "values_fit_the_contract",
            "update complaint set channel = 'fax' where complaint_id = 'JS-1703-004'",
            {"complaint_id": "JS-1703-004", "problem": "channel outside the vocabulary"},
        ),
        (
            "complaint",
            "values_fit_the_contract",
            "update complaint set completed_at = accepted_at - interval 1 hour where complaint_id = 'BJ-1703-001'",
            {"complaint_id": "BJ-1703-001", "problem": "completed before accepted"},
        ),
        (
            "complaint",
            "one_row_per_complaint_id",
            "insert into complaint select * from complaint where complaint_id = 'GD-1704-001'",
            {"complaint_id": "GD-1704-001", "rows_with_id": 2},
        ),
        (
            "complaint_quality",
            "counts_are_consistent",
            "update complaint_quality set missing_target = records + 1 where city = '深圳'",
            {"city": "深圳", "consistent": False},
        ),
        (
            "records_monthly",
            "channels_add_up",
            "update records_monthly set phone = phone + 1 where month = date '2017-04-01'",
            {"adds_up": False},
        ),
        (
            "handling_from_records",
            "rates_between_0_and_100",
            "update handling_from_records set on_time_pct = 101 where province = '广东' and stage = 'acceptance'",
            {"province": "广东", "stage": "acceptance", "on_time_pct": 101.0},
        ),
    ],
)
def test_error_check_passes_then_fails_naming_the_row(basics, table, check_name, edit, named):
    check, outcome = _outcome(basics, table, check_name)
    assert check.severity == "ERROR" and outcome.passed, outcome.markdown
    if table == "complaint":
        # complaint is a view over the raw zone, and its checks read complaint_changed (every record after
        # a whole build) beside it: to break them, their rows become tables, both edited alike.
        for view in ("complaint", "complaint_changed"):
            basics.execute(f"create table {view}_as_table as from {view}; drop view {view}")
            basics.execute(f"alter table {view}_as_table rename to {view}")
        basics.execute(edit.replace("complaint ", "complaint_changed "))
    basics.execute(edit)
    if table == "complaint":
        # Their frames are tables the complaint step computes from the records: computed again, the same
        # whether complaint_changed is looked up or known to be every record (as after a whole build).
        frames = {}
        for every_record_changed in (True, False):
            compute_violation_frames(basics, every_record_changed)
            frames[every_record_changed] = [basics.sql(f"from {frame} order by all").fetchall() for frame in VIOLATION_TABLES]
        assert frames[True] == frames[False]
    _, outcome = _outcome(basics, table, check_name)
    assert not outcome.passed
    assert any(named.items() <= row.items() for row in _offending(outcome)), _offending(outcome)


def test_key_fields_and_late_entry_warn_naming_the_cities(basics):
    # BASICS_QUALITY in tests/test_complaint_records.py, counted from the literal rows: 南通 2017-03 has 2
    # records, both missing a key field, one entered 24 h + 1 s late; 北京 2017-03: BJ-1703-003 misses
    # target, pollution and industry (1 of 3 complete... 2 of 3 are complete: 66.67%).
    check, outcome = _outcome(basics, "complaint_quality", "key_fields_complete")
    assert check.severity == "WARN" and not outcome.passed
    incomplete = {(row["city"], row["key_field_completeness_pct"]) for row in _offending(outcome)}
    assert ("南通", 0.0) in incomplete and ("北京", 66.67) in incomplete
    assert "南通" in outcome.markdown
    check, outcome = _outcome(basics, "complaint_quality", "entered_on_time")
    assert check.severity == "WARN" and not outcome.passed
    assert ("南通", 50.0) in {(row["city"], row["entered_late_pct"]) for row in _offending(outcome)}


def test_personal_data_warns_naming_the_files(basics):
    check, outcome = _outcome(basics, "complaint_export", "no_personal_data_columns")
    assert check.severity == "WARN" and not outcome.passed
    # F1 has 联系电话 and 举报人, F4 身份证号, F5 邮箱 (tests/support/complaint_exports.py).
    named = {row["source_file"]: row["personal_data_columns"] for row in _offending(outcome)}
    assert named == {exports.BASICS_JIANGSU: "联系电话、举报人", exports.BASICS_BEIJING: "身份证号", exports.BASICS_GUANGDONG: "邮箱"}


def test_a_province_missing_a_month_warns(basics):
    # The data cover March and April 2017; 北京's records are all of March, 广东's all of April, and 江苏's
    # nine records (constructed-01-jiangsu-2017-03.csv) all of March.
    check, outcome = _outcome(basics, "complaint", "provinces_export_every_month")
    assert check.severity == "WARN" and not outcome.passed
    missing = {(row["province"], row["month"]) for row in _offending(outcome)}
    assert missing == {("北京", "2017-04"), ("广东", "2017-03"), ("江苏", "2017-04")}


def _stated_bulletin_month(con, reports: int) -> None:
    # A bulletin's national figures for 2017-07 (2017-07_monthly.txt line 3 states 52971), standing in
    # for the bulletin series' view, and a national set of records for the month.
    con.execute(
        "create or replace view reports_monthly as select date '2017-07-01' as month, 52971::bigint as reports, "
        "null::bigint as phone, null::bigint as wechat, null::bigint as web, null::bigint as accepted, "
        "'2017-07_monthly.txt' as chosen_source_file"
    )
    con.execute(
        "insert into records_monthly values (date '2017-07-01', $reports, $reports, 0, 0, 0, $reports, 0, 31, '31 provinces')",
        {"reports": reports},
    )


@pytest.mark.parametrize(("reports", "passes"), [(53500, True), (53501, False)])
def test_national_records_are_compared_with_the_bulletin(basics, reports, passes):
    # 53500 is 0.9987% above 52971 (within 1%); 53501 is 1.0005% above.
    _stated_bulletin_month(basics, reports)
    check, outcome = _outcome(basics, "records_monthly", "national_records_match_the_bulletins")
    assert check.severity == "WARN" and outcome.passed is passes
    if not passes:
        assert [(row["records_reports"], row["bulletin_reports"]) for row in _offending(outcome)] == [(53501, 52971)]
