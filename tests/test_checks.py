"""Every check passes on the 2017 notice as published, and fails, naming the row, on a crafted bad input."""

import duckdb
import pandas as pd
import pytest

from assets.reference.regions import read_regions
from expectations.warehouse_checks import checks_by_table, evaluate_checks
from warehouse import store
from warehouse.registry import COMPLAINTS, NOTICE, SERIES, tables_written_by

TABLES = tables_written_by(NOTICE)
# WARN checks that fail on the real notice, each for a reason read in the source.
EXPECTED_WARNINGS = {
    ("parse_note", "no_doubtful_readings"),  # lines 103 and 157: cells ending in '、'
    ("portal_status", "unit_listed_once"),  # lines 306-307: 双鸭山 under two statuses
    ("portal_status", "prefecture_lists_agree"),  # e.g. 附件1 line 126 平潭综合实验区 vs 附件2 line 332 平潭
}


def _warehouse(tables, edits=None) -> duckdb.DuckDBPyConnection:
    frames = {name: getattr(tables, name).copy() for name in TABLES}
    frames["region"] = read_regions()
    for name, edit in (edits or {}).items():
        frames[name] = edit(frames[name])
    con = duckdb.connect()
    for name, frame in frames.items():
        store.write_table(con, name, frame)
    store.ensure_schema(con)  # the quarterly tables, empty here
    return con


def _results(con, table):
    return {check.name: (check, outcome) for check, outcome, _ in evaluate_checks(con, table, checks_by_table()[table])}


def test_every_check_on_the_real_notice(tables):
    con = _warehouse(tables)
    failed = set()
    for table, checks in checks_by_table().items():
        if table not in (*TABLES, "region"):
            continue  # the quarterly tables': test_spot_checks.py; the series': test_bulletin_series_checks.py; complaints': test_complaint_checks.py
        for check, outcome, rows in evaluate_checks(con, table, checks):
            assert rows > 0 or table == "parse_note"
            if not outcome.passed:
                failed.add((table, check.name))
                assert check.severity == "WARN", outcome.markdown
    assert failed == EXPECTED_WARNINGS


def test_prefecture_mismatch_names_units(tables):
    outcome = _results(_warehouse(tables), "portal_status")["prefecture_lists_agree"][1]
    rows = outcome.details["expectations"][0]["unexpected_rows"]
    assert {
        "report_year": 2017,
        "province": "福建",
        "unit": "平潭综合实验区",
        "mismatch": "only in 附件1 (hotline), not in 附件2 (online page)",
    } in rows
    assert any(row["unit"] == "平潭" for row in rows)


def _set(frame: pd.DataFrame, where: dict, column: str, value) -> pd.DataFrame:
    mask = pd.Series(True, index=frame.index)
    for key, expected in where.items():
        mask &= frame[key] == expected
    assert mask.sum() == 1, where
    frame.loc[mask, column] = value
    return frame


def _fails_naming(con, table, check_name, expected_row: dict):
    check, outcome = _results(con, table)[check_name]
    assert not outcome.passed, check_name
    rows = [row for finding in outcome.details["expectations"] for row in finding.get("unexpected_rows", [])]
    if expected_row:
        assert any(expected_row.items() <= row.items() for row in rows), (expected_row, rows)
        assert all(str(value) in outcome.markdown for value in expected_row.values() if value is not None)
    return check, outcome


@pytest.mark.parametrize(
    ("table", "check_name", "edits", "named"),
    [
        (
            "handling_by_province",
            "rates_between_0_and_100",
            {"handling_by_province": lambda f: _set(f, {"stage": "acceptance", "province": "贵州"}, "on_time_pct", 197.36)},
            {"province": "贵州", "on_time_pct": 197.36},
        ),
        (
            "handling_by_province",
            "rates_between_0_and_100",
            {"handling_by_province": lambda f: _set(f, {"stage": "completion", "province": "江苏"}, "on_time_pct", -0.5)},
            {"province": "江苏", "on_time_pct": -0.5},
        ),
        (
            "handling_national",
            "rates_between_0_and_100",
            {"handling_national": lambda f: _set(f, {"stage": "completion"}, "on_time_pct", 100.01)},
            {"stage": "completion", "on_time_pct": 100.01},
        ),
        (
            "bulletin",
            "rates_between_0_and_100",
            {"bulletin": lambda f: f.assign(on_time_completion_pct=101.0)},
            {"bulletin_id": "环办应急函[2018]500号", "on_time_completion_pct": 101.0},
        ),
        (
            "handling_national",
            "national_equals_sum_of_provinces",
            {"handling_national": lambda f: _set(f, {"stage": "acceptance"}, "late_count", 246)},
            {"stage": "acceptance", "national_late_count": 246, "provinces_late_count": 245},
        ),
        (
            "handling_national",
            "national_equals_sum_of_provinces",
            {"handling_national": lambda f: f[f.stage != "completion"]},
            {"stage": "completion", "national_late_count": None},
        ),
        (
            "bulletin",
            "channels_sum_to_total",
            {"bulletin": lambda f: f.assign(web_reports=79886)},
            {"total_reports": 618856, "channel_sum": 618857},
        ),
        (
            "handling_by_province",
            "each_region_once_per_stage",
            {"handling_by_province": lambda f: pd.concat([f, f[(f.province == "河南") & (f.stage == "completion")]])},
            {"stage": "completion", "province": "河南", "rows_in_table": 2},
        ),
        (
            "handling_by_province",
            "each_region_once_per_stage",
            {"handling_by_province": lambda f: f[~((f.province == "兵团") & (f.stage == "acceptance"))]},
            {"stage": "acceptance", "province": "兵团", "rows_in_table": 0},
        ),
        (
            "handling_by_province",
            "known_regions_only",
            {"handling_by_province": lambda f: _set(f, {"stage": "acceptance", "province": "贵州"}, "province", "贵洲")},
            {"province": "贵洲", "source_line": 528},
        ),
        (
            "hotline_check",
            "known_regions_only",
            {"hotline_check": lambda f: _set(f, {"level": "provincial", "province": "宁夏"}, "province", "宁厦")},
            {"province": "宁厦"},
        ),
        (
            "portal_status",
            "known_regions_only",
            {"portal_status": lambda f: _set(f, {"level": "provincial", "province": "兵团"}, "province", "新疆兵团")},
            {"province": "新疆兵团"},
        ),
        (
            "handling_by_province",
            "counts_are_non_negative_integers",
            {"handling_by_province": lambda f: _set(f, {"stage": "completion", "province": "江西"}, "late_count", -55)},
            {"province": "江西", "late_count": -55},
        ),
        (
            "handling_national",
            "counts_are_non_negative_integers",
            {"handling_national": lambda f: _set(f, {"stage": "acceptance"}, "avg_days", -3.1)},
            {"stage": "acceptance", "avg_days": -3.1},
        ),
        (
            "bulletin",
            "counts_are_non_negative_integers",
            {"bulletin": lambda f: f.assign(phone_reports=-1)},
            {"phone_reports": -1},
        ),
        (
            "hotline_check",
            "counts_are_non_negative_integers",
            {"hotline_check": lambda f: _set(f, {"unit": "镇江"}, "failed_checks", 5)},
            {"unit": "镇江", "failed_checks": 5},
        ),
        (
            "hotline_check",
            "values_fit_the_contract",
            {"hotline_check": lambda f: _set(f, {"unit": "镇江"}, "result", "busy")},
            {"unit": "镇江", "result": "busy"},
        ),
        (
            "hotline_check",
            "hotline_opened_only_on_provincial_rows",
            {"hotline_check": lambda f: _set(f, {"unit": "镇江"}, "hotline_opened", True)},
            {"unit": "镇江", "hotline_opened": True},
        ),
        (
            "hotline_check",
            "hotline_opened_only_on_provincial_rows",
            {"hotline_check": lambda f: _set(f, {"level": "provincial", "unit": "江苏"}, "hotline_opened", None)},
            {"unit": "江苏", "hotline_opened": None},
        ),
        (
            "portal_status",
            "values_fit_the_contract",
            {"portal_status": lambda f: _set(f, {"unit": "西双版纳"}, "status", "broken")},
            {"unit": "西双版纳", "status": "broken"},
        ),
    ],
)
def test_error_check_fails_on_bad_input(tables, table, check_name, edits, named):
    check, _ = _fails_naming(_warehouse(tables, edits), table, check_name, named)
    assert check.severity == "ERROR"


def test_region_reference_with_a_missing_region_fails():
    regions = read_regions()
    con = duckdb.connect()
    store.write_table(con, "region", regions[regions.province != "海南"])
    _, outcome = _fails_naming(con, "region", "thirty_two_regions", {})
    assert outcome.details["expectations"][0]["observed_value"] == 31
    assert "observed: 31" in outcome.markdown


@pytest.mark.parametrize(
    ("table", "check_name", "edits", "named"),
    [
        (
            "bulletin",
            "narrative_agrees_with_tables",
            {"bulletin": lambda f: f.assign(narrative_late_accept_reports=246)},
            {"statement": "三: reports accepted late", "narrative_value": 246.0, "table_value": 245.0},
        ),
        (
            "bulletin",
            "narrative_agrees_with_tables",
            # 99.8 printed with one decimal covers 99.75-99.85; 99.7 does not cover 附件3's 99.85.
            {"bulletin": lambda f: f.assign(on_time_completion_pct=99.7, on_time_completion_pct_as_printed="99.7")},
            {"statement": "一: on-time completion rate vs 附件3 全国", "narrative_value": 99.7, "table_value": 99.85},
        ),
        (
            "hotline_check",
            "unit_listed_once",
            {"hotline_check": lambda f: pd.concat([f, f[f.unit == "镇江"]])},
            {"unit": "镇江"},
        ),
    ],
)
def test_warn_check_fails_on_bad_input(tables, table, check_name, edits, named):
    check, _ = _fails_naming(_warehouse(tables, edits), table, check_name, named)
    assert check.severity == "WARN"


def test_every_error_check_has_a_failing_case():
    # Keeps the parametrized cases above in step with the suites in expectations/.
    tested = {
        ("handling_by_province", "rates_between_0_and_100"),
        ("handling_national", "rates_between_0_and_100"),
        ("bulletin", "rates_between_0_and_100"),
        ("handling_national", "national_equals_sum_of_provinces"),
        ("bulletin", "channels_sum_to_total"),
        ("handling_by_province", "each_region_once_per_stage"),
        ("handling_by_province", "known_regions_only"),
        ("hotline_check", "known_regions_only"),
        ("portal_status", "known_regions_only"),
        ("handling_by_province", "counts_are_non_negative_integers"),
        ("handling_national", "counts_are_non_negative_integers"),
        ("bulletin", "counts_are_non_negative_integers"),
        ("hotline_check", "counts_are_non_negative_integers"),
        ("hotline_check", "values_fit_the_contract"),
        ("hotline_check", "hotline_opened_only_on_provincial_rows"),
        ("portal_status", "values_fit_the_contract"),
        ("region", "thirty_two_regions"),
    }
    error_checks = {
        (c.table, c.name)
        for checks in checks_by_table().values()
        for c in checks
        if c.severity == "ERROR"
        and not c.table.startswith("spot_check")
        and c.table not in tables_written_by(SERIES)
        and c.table not in tables_written_by(COMPLAINTS)  # tests/test_complaint_checks.py
    }
    assert error_checks == tested
