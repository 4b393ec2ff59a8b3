"""Every check of the bulletin series passes on the pages as landed (or fails, WARN, for a reason read in
them), and every ERROR check fails, naming the row, on a crafted bad input."""

import duckdb
import pandas as pd
import pytest

from assets.bulletin.notice import parse_notice
from assets.bulletin_files import ANNUAL_NOTICE, classify_bulletin
from assets.bulletin_series.release import read_series_bulletin
from assets.bulletin_series.tables import notice_document, series_tables
from assets.reference.regions import read_regions
from expectations.warehouse_checks import checks_by_table, evaluate_checks
from tests.support.landing import LANDING
from warehouse import store
from warehouse.registry import SERIES, tables_written_by

SERIES_TABLES = tables_written_by(SERIES)
# WARN checks that fail on the pages as landed, each for a reason read in them.
EXPECTED_WARNINGS = {
    # 2018's "其他": 13902 in 2019_annual.txt line 44 (with 大督查网民留言), 2148 in 2018_annual_news.txt line 5.
    ("bulletin_figure", "copies_agree"),
    # e.g. 2017-Q1_quarterly_news.txt line 1: "8.8萬件", a rounded count; 2020-08 line 7: "8月" without its year.
    ("bulletin_parse_note", "no_doubtful_readings"),
}


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    provinces = tuple(read_regions().province)
    documents = []
    for path in sorted((LANDING / "bulletins").iterdir()):
        if path.name == "SOURCES.csv":
            continue
        raw = path.read_bytes()
        if classify_bulletin(raw, path.suffix) == ANNUAL_NOTICE:
            documents.append(notice_document(parse_notice(raw, path.name), raw))
        else:
            documents.append(read_series_bulletin(raw, path.name, path.suffix, provinces))
    return series_tables(documents, {}, "test")


def _warehouse(frames, edits=None) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    store.ensure_schema(con)
    for name, frame in frames.items():
        frame = frame.copy()
        if edits and name in edits:
            frame = edits[name](frame)
        store.write_table(con, name, frame)
    store.ensure_schema(con)
    return con


def _outcomes(con, table):
    return {check.name: (check, outcome) for check, outcome, _ in evaluate_checks(con, table, checks_by_table()[table])}


def test_every_check_on_the_pages_as_landed(frames):
    con = _warehouse(frames)
    failed = set()
    for table in SERIES_TABLES:
        for name, (check, outcome) in _outcomes(con, table).items():
            if not outcome.passed:
                failed.add((table, name))
                assert check.severity == "WARN", outcome.markdown
    assert failed == EXPECTED_WARNINGS


def _figure(frame, file, measure, category, value):
    mask = (
        (frame.source_file == file) & (frame.measure == measure) & (frame.category.fillna("") == (category or "")) & (frame.value == value)
    )
    assert mask.sum() == 1, (file, measure, category, value)
    return mask


def _set_value(file, measure, category, value, new):
    def edit(frame):
        frame.loc[_figure(frame, file, measure, category, value), "value"] = new
        return frame

    return edit


def _add_row(file, **values):
    def edit(frame):
        row = frame[frame.source_file == file].iloc[[0]].assign(**values)
        return pd.concat([frame, row], ignore_index=True)

    return edit


CASES = [
    # 2018-10_monthly_govcn.txt line 11: 不予受理9578件, made -9578.
    (
        "bulletin_figure",
        "counts_are_non_negative_integers",
        _set_value("2018-10_monthly_govcn.txt", "not_accepted", None, 9578.0, -9578.0),
        "-9578",
    ),
    # ... and 9578.5, not a whole count.
    (
        "bulletin_figure",
        "counts_are_non_negative_integers",
        _set_value("2018-10_monthly_govcn.txt", "not_accepted", None, 9578.0, 9578.5),
        "9578.5",
    ),
    # line 21: 大氣 57.4%, made 157.4.
    (
        "bulletin_figure",
        "shares_between_0_and_100",
        _set_value("2018-10_monthly_govcn.txt", "pollution_share_pct", "air", 57.4, 157.4),
        "157.4",
    ),
    ("bulletin_figure", "values_fit_the_vocabulary", _add_row("2019-03_monthly.txt", measure="complaints"), "complaints"),
    # 2019-03_monthly.txt line 6: 热线电话共21243件, made 91243: more than the 45510 of line 4.
    (
        "bulletin_figure",
        "channels_never_exceed_total",
        _set_value("2019-03_monthly.txt", "reports", "phone", 21243.0, 91243.0),
        "2019-03_monthly.txt",
    ),
    # ... made 21244: all four channels are stated, so they must add up to 45510 exactly.
    (
        "bulletin_figure",
        "named_channels_add_up",
        _set_value("2019-03_monthly.txt", "reports", "phone", 21243.0, 21244.0),
        "2019-03_monthly.txt",
    ),
    # line 4: 已受理38228件, made 38229: 38229 + 7282 is not 45510.
    (
        "bulletin_figure",
        "accepted_and_not_accepted_add_up",
        _set_value("2019-03_monthly.txt", "accepted", None, 38228.0, 38229.0),
        "2019-03_monthly.txt",
    ),
    (
        "bulletin_release",
        "every_release_states_a_figure",
        lambda f: f.assign(figure_count=f.figure_count.where(f.source_file != "2016_annual.txt", 0)),
        "2016_annual.txt",
    ),
    (
        "bulletin_release",
        "values_fit_the_contract",
        lambda f: f.assign(period_kind=f.period_kind.where(f.source_file != "2019_annual.txt", "decade")),
        "decade",
    ),
    ("bulletin_release", "one_release_per_document", lambda f: f.assign(release_id="same"), "same"),
]


@pytest.mark.parametrize(("table", "check_name", "edit", "named"), CASES, ids=[f"{t}.{c}-{i}" for i, (t, c, _, _) in enumerate(CASES)])
def test_error_check_fails_naming_the_row(frames, table, check_name, edit, named):
    edited_table = "bulletin_release" if table == "bulletin_release" else "bulletin_figure"
    if check_name == "one_release_per_document":
        # A primary key refuses duplicate ids outright; the check is read on the frame instead.
        con = duckdb.connect()
        con.register("edited", edit(frames["bulletin_release"].copy()))
        con.execute("create table bulletin_release as select * from edited")
    else:
        con = _warehouse(frames, {edited_table: edit})
    check, outcome = _outcomes(con, table)[check_name]
    assert check.severity == "ERROR"
    assert not outcome.passed
    assert named in outcome.markdown


def test_every_error_check_of_the_series_has_a_failing_case():
    error_checks = {(c.table, c.name) for t in SERIES_TABLES for c in checks_by_table().get(t, []) if c.severity == "ERROR"}
    assert error_checks == {(table, check) for table, check, _, _ in CASES}


def _twelve_months_of_2019(total: float):
    """Twelve constructed monthly national totals of 2019 adding up to `total`, on the 2019-12 page's release."""

    def edit(frame):
        template = frame[(frame.source_file == "2019-12_monthly.txt") & (frame.measure == "reports") & frame.category.isna()].iloc[[0]]
        # A month a page states keeps its value (reports_monthly takes a month's own bulletin): March as
        # 2019-03_monthly.txt line 4 states it (45510), April, August and November as their pages do.
        national = frame[(frame.measure == "reports") & frame.category.isna() & frame.region.isna()]
        stated = {
            pd.Timestamp(row.period_start).month: row.value
            for row in national.itertuples()
            if pd.Timestamp(row.period_start).year == 2019
            and pd.Timestamp(row.period_start).month == pd.Timestamp(row.period_end).month
            and pd.Timestamp(row.period_start).month != 12
        }
        values = {month: stated.get(month, 40000.0) for month in range(1, 12)}
        values[12] = total - sum(values.values())
        months = []
        for month, value in values.items():
            start = pd.Timestamp(2019, month, 1)
            months.append(template.assign(period_start=start.date(), period_end=(start + pd.offsets.MonthEnd(0)).date(), value=value))
        without_december = frame.drop(template.index)
        return pd.concat([without_december, *months], ignore_index=True)

    return edit


def test_months_that_do_not_add_up_to_the_year_are_reported(frames):
    # 2019_annual.txt line 4: 531176 reports in 2019. Twelve constructed months adding up to it pass; 1000 fewer fail.
    agreeing = _outcomes(_warehouse(frames, {"bulletin_figure": _twelve_months_of_2019(531176.0)}), "bulletin_figure")
    assert agreeing["months_add_up_to_the_year"][1].passed
    check, outcome = _outcomes(_warehouse(frames, {"bulletin_figure": _twelve_months_of_2019(530176.0)}), "bulletin_figure")[
        "months_add_up_to_the_year"
    ]
    assert check.severity == "WARN" and not outcome.passed
    assert "report_year=2019" in outcome.markdown or "| 2019 |" in outcome.markdown
