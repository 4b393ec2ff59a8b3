"""Quarterly feeds: the constructed samples, reading CSV/GB18030/XLSX, refusals, checks, reconciliation."""

import re
import shutil

import duckdb
import pandas as pd
import pytest

from assets.errors import InputError
from assets.reference.regions import read_regions
from assets.spot_checks.feed import feed_folder_problems, find_feeds, read_detail, read_summary
from assets.spot_checks.quarterly_tables import read_quarter
from assets.spot_checks.sample_feeds import sample_feeds
from expectations.warehouse_checks import checks_by_table, evaluate_checks
from tests.support.landing import PROJECT_ROOT
from warehouse import store
from warehouse.registry import NOTICE, SPOT_CHECK_FEEDS, tables_written_by

SAMPLES = PROJECT_ROOT / "data" / "landing" / "spot_checks"
QUARTERS = ["2017Q1", "2017Q2", "2017Q3", "2017Q4"]
NOTICE_TABLES = tables_written_by(NOTICE)
PROVENANCE = ["source_file", "source_sha256"]


def test_committed_samples_are_what_the_generator_writes(parsed, tmp_path):
    for quarter, (detail, summary) in sample_feeds(parsed).items():
        detail.to_csv(tmp_path / f"{quarter}.csv", index=False, lineterminator="\n")
        summary.to_csv(tmp_path / f"{quarter}_summary.csv", index=False, lineterminator="\n")
    for path in sorted(SAMPLES.iterdir()):
        assert path.read_bytes() == (tmp_path / path.name).read_bytes(), f"{path.name}: run scripts/generate_sample_feeds.py"
    assert sorted(p.name for p in SAMPLES.iterdir()) == sorted(p.name for p in tmp_path.iterdir())


def test_samples_follow_the_documented_rules(parsed):
    feeds = {quarter: read_detail(SAMPLES / f"{quarter}.csv") for quarter in QUARTERS}
    hotline = pd.concat(feeds.values())
    hotline = hotline[hotline.channel == "hotline"]
    # 附件1 line 202: 拉萨(3次): unreachable in Q1-Q3, reachable in Q4.
    lhasa = hotline[hotline.unit == "拉萨"].set_index("quarter").result
    assert lhasa.to_dict() == {"2017Q1": "unreachable", "2017Q2": "unreachable", "2017Q3": "unreachable", "2017Q4": "reachable"}
    # 附件1 line 159: 邵阳 merged, every quarter.
    assert set(hotline[hotline.unit == "邵阳"].result) == {"merged"}
    # Every row is labeled as constructed.
    assert all(frame.note.str.startswith("constructed sample").all() for frame in feeds.values())
    # 附件2 lines 306-307: 双鸭山 is checked once a quarter on the portal, with its first status (mounted).
    portal = feeds["2017Q1"][feeds["2017Q1"].channel == "portal"]
    assert portal[portal.unit == "双鸭山"].result.tolist() == ["mounted"]
    assert len(feeds["2017Q1"]) == 379 + 461  # every unit of 附件1, and of 附件2 once


def _twin(tmp_path, quarter, kind):
    source = SAMPLES / f"{quarter}.csv"
    frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    if kind == "gb18030":
        target = tmp_path / f"{quarter}.csv"
        target.write_bytes(source.read_text(encoding="utf-8").encode("gb18030"))
    elif kind == "bom":
        target = tmp_path / f"{quarter}.csv"
        target.write_bytes(b"\xef\xbb\xbf" + source.read_bytes())
    else:
        target = tmp_path / f"{quarter}.xlsx"
        frame.to_excel(target, index=False)
    return target


@pytest.mark.parametrize("kind", ["gb18030", "bom", "xlsx"])
def test_encoding_and_format_twins_give_the_same_rows(tmp_path, kind):
    original = read_detail(SAMPLES / "2017Q3.csv").drop(columns=PROVENANCE)
    twin = read_detail(_twin(tmp_path, "2017Q3", kind)).drop(columns=PROVENANCE)
    pd.testing.assert_frame_equal(original, twin)


def _write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _sample_text(quarter="2017Q1", summary=False):
    return (SAMPLES / f"{quarter}{'_summary' if summary else ''}.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "edit", "reader", "message"),
    [
        (
            "2017Q1.csv",
            lambda t: t.replace("quarter,province,level", "quarter,province,tier", 1),
            read_detail,
            r"2017Q1\.csv, header row 1: expected the columns .*, found 'missing level; unexpected tier'",
        ),
        (
            "2017Q1.csv",
            lambda t: t.replace(",note\n", ",note,extra\n", 1).replace('official"\n', 'official",x\n'),
            read_detail,
            r"header row 1: .*found 'unexpected extra'",
        ),
        (
            "2017Q1.csv",
            lambda t: t.replace("2017-02-15", "2017/02/15", 1),
            read_detail,
            r"2017Q1\.csv, row 2, column checked_on: expected an ISO date such as 2017-02-15, found '2017/02/15'",
        ),
        (
            "2017Q1_summary.csv",
            lambda t: t.replace("2017Q1,北京,1,1,100.0", "2017Q1,北京,one,1,100.0"),
            read_summary,
            r"2017Q1_summary\.csv, row 2, column units_checked: expected a whole number, found 'one'",
        ),
        (
            "2017Q1_summary.csv",
            lambda t: t.replace("2017Q1,北京,1,1,100.0", "2017Q1,北京,1,1,100%"),
            read_summary,
            r"row 2, column reachable_pct: expected a number such as 98\.25, found '100%'",
        ),
    ],
)
def test_bad_feed_is_refused_naming_file_row_and_column(tmp_path, name, edit, reader, message):
    path = _write(tmp_path, name, edit(_sample_text(summary="summary" in name)))
    with pytest.raises(InputError, match=message):
        reader(path)


def test_binary_file_named_csv_is_refused(tmp_path):
    path = tmp_path / "2017Q1.csv"
    path.write_bytes(b"PK\x03\x04\x00\x00binary")
    with pytest.raises(InputError, match=r"2017Q1\.csv, whole file: expected a CSV text file, found 'binary data"):
        read_detail(path)


def test_truncated_xlsx_is_refused(tmp_path):
    full = _twin(tmp_path, "2017Q1", "xlsx")
    full.write_bytes(full.read_bytes()[:2000])
    with pytest.raises(InputError, match=r"2017Q1\.xlsx, whole file: expected a readable XLSX workbook"):
        read_detail(full)


def test_unexpected_file_name_is_refused_and_left_out(tmp_path):
    (tmp_path / "2017-Q1.csv").write_text("x")
    shutil.copy(SAMPLES / "2017Q2.csv", tmp_path / "2017Q2.csv")
    (problem,) = feed_folder_problems(tmp_path)
    assert re.search(r"2017-Q1\.csv, file name: expected <YYYY>Q<n>\.csv", str(problem)), str(problem)
    assert list(find_feeds(tmp_path)) == ["2017Q2"]


def test_a_quarter_given_two_detail_files_is_left_out(tmp_path):
    shutil.copy(SAMPLES / "2017Q2.csv", tmp_path / "2017Q2.csv")
    _twin(tmp_path, "2017Q2", "xlsx")
    shutil.copy(SAMPLES / "2017Q3.csv", tmp_path / "2017Q3.csv")
    (problem,) = feed_folder_problems(tmp_path)
    assert "one file per quarter, but 2017Q2.csv is there too" in str(problem)
    assert list(find_feeds(tmp_path)) == ["2017Q3"]


def test_find_feeds_pairs_detail_and_summary(tmp_path):
    for name in ("2017Q1.csv", "2017Q1_summary.csv", "2017Q2.xlsx"):
        (tmp_path / name).write_text("x")
    feeds = find_feeds(tmp_path)
    assert (feeds["2017Q1"].detail.name, feeds["2017Q1"].summary.name) == ("2017Q1.csv", "2017Q1_summary.csv")
    assert (feeds["2017Q2"].detail.name, feeds["2017Q2"].summary) == ("2017Q2.xlsx", None)


# ---- checks on a warehouse holding the notice and the four sample quarters ----


def _feed_frames(folder=SAMPLES):
    parts = {"spot_check": [], "spot_check_summary": [], "spot_check_national": [], "spot_check_feed": []}
    for quarter, files in find_feeds(folder).items():
        detail, summary, national = read_quarter(files)
        parts["spot_check"].append(detail)
        parts["spot_check_summary"].append(summary)
        parts["spot_check_national"].append(national)
        parts["spot_check_feed"].append(
            pd.DataFrame(
                [
                    {
                        "quarter": quarter,
                        "detail_file": files.detail.name,
                        "detail_sha256": "-",
                        "detail_rows": len(detail),
                        "summary_file": files.summary.name if files.summary else None,
                        "summary_sha256": None,
                        "ingested_at": pd.Timestamp("2018-01-15"),
                        "run_id": "test",
                    }
                ]
            )
        )
    return {table: pd.concat(frames, ignore_index=True) for table, frames in parts.items()}


@pytest.fixture(scope="module")
def feed_frames():
    return _feed_frames()


def _warehouse(tables, feed_frames, edits=None):
    frames = {name: getattr(tables, name).copy() for name in NOTICE_TABLES}
    frames["region"] = read_regions()
    frames.update({name: frame.copy() for name, frame in feed_frames.items()})
    for name, edit in (edits or {}).items():
        frames[name] = edit(frames[name])
    con = duckdb.connect()
    store.ensure_schema(con)
    for name, frame in frames.items():
        store.write_table(con, name, frame)
    return con


def _outcomes(con, table):
    return {check.name: outcome for check, outcome, _ in evaluate_checks(con, table, checks_by_table()[table])}


def test_samples_pass_every_quarterly_check_and_reconcile(tables, feed_frames):
    con = _warehouse(tables, feed_frames)
    for table in tables_written_by(SPOT_CHECK_FEEDS):
        for _name, outcome in _outcomes(con, table).items():
            assert outcome.passed, outcome.markdown
    reconciliation = con.execute("select count(*), count(*) filter (where agrees) from hotline_reconciliation").fetchone()
    assert reconciliation == (379, 379)  # every unit of 附件1


def _edit_row(frame, where, column, value):
    mask = pd.Series(True, index=frame.index)
    for key, expected in where.items():
        mask &= frame[key] == expected
    assert mask.sum() == 1, where
    frame = frame.copy()
    frame.loc[mask, column] = value
    return frame


LHASA_Q4 = {"quarter": "2017Q4", "unit": "拉萨", "channel": "hotline"}


@pytest.mark.parametrize(
    ("table", "check_name", "severity", "edits", "named"),
    [
        (
            "spot_check",
            "checked_on_inside_quarter",
            "ERROR",
            {"spot_check": lambda f: _edit_row(f, LHASA_Q4, "checked_on", pd.Timestamp("2018-01-03").date())},
            "2018-01-03",
        ),
        (
            "spot_check",
            "quarter_matches_file_name",
            "ERROR",
            {"spot_check": lambda f: _edit_row(f, LHASA_Q4, "quarter", "2017Q3")},
            "2017Q4.csv",
        ),
        ("spot_check", "result_fits_channel", "ERROR", {"spot_check": lambda f: _edit_row(f, LHASA_Q4, "result", "mounted")}, "mounted"),
        ("spot_check", "known_regions_only", "ERROR", {"spot_check": lambda f: _edit_row(f, LHASA_Q4, "province", "西臧")}, "西臧"),
        (
            "spot_check",
            "unit_checked_once_per_quarter",
            "ERROR",
            {"spot_check": lambda f: pd.concat([f, f[(f.quarter == "2017Q4") & (f.unit == "拉萨") & (f.channel == "hotline")]])},
            "拉萨",
        ),
        (
            "spot_check",
            "values_fit_the_contract",
            "ERROR",
            {"spot_check": lambda f: _edit_row(f, LHASA_Q4, "channel", "telephone")},
            "telephone",
        ),
        (
            "spot_check_summary",
            "rates_between_0_and_100",
            "ERROR",
            {"spot_check_summary": lambda f: _edit_row(f, {"quarter": "2017Q2", "province": "北京"}, "reachable_pct", 100.5)},
            "100.5",
        ),
        (
            "spot_check_summary",
            "counts_are_non_negative_integers",
            "ERROR",
            {"spot_check_summary": lambda f: _edit_row(f, {"quarter": "2017Q2", "province": "北京"}, "units_reachable", -1)},
            "-1",
        ),
        (
            "spot_check_summary",
            "known_regions_only",
            "ERROR",
            {"spot_check_summary": lambda f: _edit_row(f, {"quarter": "2017Q2", "province": "北京"}, "province", "北平")},
            "北平",
        ),
        (
            "spot_check_summary",
            "summary_agrees_with_detail",
            "ERROR",
            {"spot_check_summary": lambda f: _edit_row(f, {"quarter": "2017Q2", "province": "西藏"}, "units_reachable", 9)},
            "西藏",
        ),
        (
            "spot_check_national",
            "rates_between_0_and_100",
            "ERROR",
            {"spot_check_national": lambda f: _edit_row(f, {"quarter": "2017Q1"}, "reachable_pct", -85.22)},
            "-85.22",
        ),
        (
            "spot_check_national",
            "national_equals_sum_of_provinces",
            "ERROR",
            {"spot_check_national": lambda f: _edit_row(f, {"quarter": "2017Q1"}, "units_checked", 380)},
            "380",
        ),
        # One sample row changed: 拉萨 reachable in Q1 makes 2 failed quarters against the notice's 3次.
        (
            "spot_check",
            "reconciles_with_notice",
            "WARN",
            {"spot_check": lambda f: _edit_row(f, {"quarter": "2017Q1", "unit": "拉萨", "channel": "hotline"}, "result", "reachable")},
            "拉萨",
        ),
        (
            "spot_check",
            "unit_in_every_quarter",
            "WARN",
            {"spot_check": lambda f: f[~((f.quarter == "2017Q3") & (f.unit == "昌都") & (f.channel == "portal"))]},
            "昌都",
        ),
        (
            "spot_check_feed",
            "every_feed_has_a_summary",
            "WARN",
            {"spot_check_feed": lambda f: _edit_row(f, {"quarter": "2017Q3"}, "summary_file", None)},
            "2017Q3.csv",
        ),
    ],
)
def test_quarterly_check_fails_on_a_bad_feed(tables, feed_frames, table, check_name, severity, edits, named):
    outcome = _outcomes(_warehouse(tables, feed_frames, edits), table)[check_name]
    assert not outcome.passed
    assert outcome.details["severity"] == severity
    assert named in outcome.markdown, outcome.markdown


def test_reconciliation_names_the_disagreeing_unit(tables, feed_frames):
    con = _warehouse(
        tables,
        feed_frames,
        {
            "spot_check": lambda f: _edit_row(f, {"quarter": "2017Q1", "unit": "拉萨", "channel": "hotline"}, "result", "reachable"),
        },
    )
    rows = con.execute(
        "select province, unit, bulletin_failed_checks, feed_failed_checks from hotline_reconciliation where not agrees"
    ).fetchall()
    assert rows == [("西藏", "拉萨", 3, 2)]


def test_reconciliation_waits_for_all_four_quarters(tables, feed_frames):
    con = _warehouse(tables, feed_frames, {"spot_check_feed": lambda f: f[f.quarter != "2017Q4"]})
    assert con.execute("select count(*) from hotline_reconciliation").fetchone() == (0,)


def test_every_quarterly_error_check_has_a_failing_case():
    tested = {
        ("spot_check", "checked_on_inside_quarter"),
        ("spot_check", "quarter_matches_file_name"),
        ("spot_check", "result_fits_channel"),
        ("spot_check", "known_regions_only"),
        ("spot_check", "unit_checked_once_per_quarter"),
        ("spot_check", "values_fit_the_contract"),
        ("spot_check_summary", "rates_between_0_and_100"),
        ("spot_check_summary", "counts_are_non_negative_integers"),
        ("spot_check_summary", "known_regions_only"),
        ("spot_check_summary", "summary_agrees_with_detail"),
        ("spot_check_national", "rates_between_0_and_100"),
        ("spot_check_national", "national_equals_sum_of_provinces"),
    }
    error_checks = {
        (c.table, c.name)
        for checks in checks_by_table().values()
        for c in checks
        if c.severity == "ERROR" and c.table.startswith("spot_check")
    }
    assert error_checks == tested
