"""The analyst report: written by every build, self-contained, with the source's figures in its charts,
Chinese labels drawn with a font that has them, and its charts in the Dagster UI as metadata."""

import json
import re
import shutil

import dagster as dg
import duckdb
import pytest
import vl_convert

from assets.report import charts, fonts
from assets.report.report_page import REPORT_HTML, build_charts, read_report_data
from pipelines.definitions import build_definitions
from pipelines.jobs import REFRESH_WAREHOUSE
from pipelines.resources import warehouse_resource
from tests.support.cli import run_cli_in_this_process
from tests.support.instance import instance_for_test
from tests.support.landing import PROJECT_ROOT

CHART_NAMES = [
    "handling",
    "late_and_overdue",
    "hotline_failures",
    "channel_mix",
    "series_channels",
    "pollution_shares",
    "complaint_completeness",
    "repeat_targets",
    "complaint_alerts",
]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _embedded_specs(page: str) -> dict[str, dict]:
    return {name: json.loads(spec) for name, spec in re.findall(r'vegaEmbed\("#(\w+)", (\{.*?\}), \{"actions"', page)}


def _rows(spec: dict) -> list[dict]:
    """Every data row of a chart specification, whichever panel or layer holds it."""
    return [row for dataset in spec.get("datasets", {}).values() for row in dataset]


def test_build_writes_a_self_contained_report(fresh_build):
    reports = fresh_build.parent / "reports"
    page = (reports / REPORT_HTML).read_text(encoding="utf-8")
    # Self-contained: no script or stylesheet is fetched from anywhere.
    assert not re.search(r"<(script|link)[^>]+(src|href)=", page)
    assert "环办应急函[2018]500号" in page  # the notice's number, heading line 3 of the landing file
    specs = _embedded_specs(page)
    assert list(specs) == CHART_NAMES
    for name in CHART_NAMES:
        assert (reports / f"{name}.png").read_bytes().startswith(PNG_MAGIC)
        assert f'href="{name}.png"' in page


def test_series_charts_show_stated_months_and_leave_gaps(fresh_build):
    specs = _embedded_specs((fresh_build.parent / "reports" / REPORT_HTML).read_text(encoding="utf-8"))
    series = {(row["month"][:7], row["channel"]): row for row in _rows(specs["series_channels"])}
    # 2018-10_monthly_govcn.txt line 17: "熱線電話共31354件"; 2020-01_monthly_garbled.txt line 2: the phone count is destroyed.
    assert series[("2018-10", "phone")]["reports"] == 31354
    assert ("2020-01", "phone") not in series
    # No bulletin of 2018-11 is in the landing folder: no point, and no line through it.
    assert not any(month == "2018-11" for month, _ in series)
    assert series[("2018-10", "phone")]["run"] != series[("2019-03", "phone")]["run"]
    # 2019-12_monthly.txt line 3 (34725) and 2020-01_monthly_garbled.txt line 1 (19666): consecutive months, one line.
    assert series[("2019-12", "all")]["run"] == series[("2020-01", "all")]["run"]
    shares = {(row["month"][:7], row["pollution"]): row["share_pct"] for row in _rows(specs["pollution_shares"])}
    # 2020-01_monthly_garbled.txt line 3: "固废…8.8%" after the spam "188金宝搏官网".
    assert shares[("2020-01", "solid_waste")] == 8.8


def test_every_chart_fits_the_vega_lite_schema(fresh_build):
    # Builds skip Altair's schema validation for speed (report_page.ReportChart); this is where it runs.
    charts_built = build_charts(read_report_data(fresh_build), validate=True)
    assert [chart.name for chart in charts_built] == CHART_NAMES


def test_charts_show_the_source_figures(fresh_build):
    specs = _embedded_specs((fresh_build.parent / "reports" / REPORT_HTML).read_text(encoding="utf-8"))
    handling = _rows(specs["handling"])
    # 附件3 受理表 lines 528-531: 贵州 42 97.36% 5.8; 办结表 lines 731-734: 黑龙江 31 98.84% 20.2.
    assert {
        "province": "贵州",
        "stage": "acceptance",
        "on_time_pct": 97.36,
        "avg_days": 5.8,
        "late_count": 42,
        "stage_rank": 31,
    } in handling
    assert {
        "province": "黑龙江",
        "stage": "completion",
        "on_time_pct": 98.84,
        "avg_days": 20.2,
        "late_count": 31,
        "stage_rank": 32,
    } in handling
    assert len(handling) == 64  # 32 regions x 2 stages
    late = {(row["province"], row["measure"]): row["reports"] for row in _rows(specs["late_and_overdue"])}
    assert late[("江苏", "overdue completed 超期办结")] == 368  # 办结表 lines 751-754
    assert sum(n for (_, measure), n in late.items() if measure.startswith("late")) == 245  # 全国, line 618-619
    channels = {row["channel"]: row["reports"] for row in _rows(specs["channel_mix"])}
    assert channels == {"phone": 409548, "wechat": 129423, "web": 79885}  # section 一, line 11
    failures = _rows(specs["hotline_failures"])
    # Constructed feeds: 西藏's provincial bureau, 拉萨, 昌都, 那曲, 阿里 fail in Q1 (附件1 lines 197-202).
    assert {"province": "西藏", "quarter": "2017Q1", "constructed": True, "unreachable_units": 5} in failures
    assert "CONSTRUCTED SAMPLE FEEDS, NOT OFFICIAL" in json.dumps(specs["hotline_failures"], ensure_ascii=False)


def test_chinese_labels_have_a_font():
    # Without a font that has Chinese glyphs every character is drawn as the same empty box, so two
    # different characters would give the same image. The font is the project's own (Noto Sans SC from
    # PyPI): .ci/run also runs this test with the system's font folders hidden.
    assert fonts.register_packaged_font() is not None
    assert fonts.draws_chinese(charts.FONT)
    assert fonts.chinese_font_problem(charts.FONT) is None


def test_a_missing_chinese_font_is_said_in_one_line(monkeypatch):
    monkeypatch.setattr(fonts, "packaged_font_file", lambda: None)
    monkeypatch.setattr(fonts, "draws_chinese", lambda family: False)
    fonts.register_packaged_font.cache_clear()
    fonts.chinese_font_problem.cache_clear()
    try:
        problem = fonts.chinese_font_problem(charts.FONT)
    finally:
        fonts.register_packaged_font.cache_clear()
        fonts.chinese_font_problem.cache_clear()
    assert problem.startswith("no font with Chinese glyphs")
    assert "pylopdf-fonts-zh-cn" in problem and "uv sync" in problem
    assert "\n" not in problem


def test_every_asset_is_materialized_after_a_build(fresh_build, monkeypatch):
    monkeypatch.setenv("DAGSTER_HOME", str(fresh_build.parent.parent / "dagster_home"))
    instance = dg.DagsterInstance.get()
    graph = build_definitions(warehouse_resource()).resolve_asset_graph()
    never = [key.to_user_string() for key in graph.materializable_asset_keys if instance.get_latest_materialization_event(key) is None]
    assert never == []
    # The exports are not made by a build; each one the build read is a partition of complaint_exports.
    exports = sorted(path.name for path in (PROJECT_ROOT / "data" / "landing" / "complaints").iterdir())
    assert sorted(instance.get_dynamic_partitions("complaint_export")) == exports


def test_report_asset_shows_its_charts_in_the_ui(fresh_build, tmp_path):
    warehouse = tmp_path / "12369.duckdb"
    shutil.copyfile(fresh_build, warehouse)
    resource = warehouse_resource(landing_dir=str(tmp_path / "unused"), warehouse_path=str(warehouse))
    job = build_definitions(resource).resolve_job_def(REFRESH_WAREHOUSE)
    with instance_for_test() as instance:
        result = job.execute_in_process(instance=instance, asset_selection=[dg.AssetKey("analyst_report")])
    (materialization,) = result.asset_materializations_for_node("analyst_report")
    for name in CHART_NAMES:
        markdown = materialization.metadata[f"chart_{name}"].value
        assert "](data:image/png;base64,iVBORw0KGgo" in markdown  # a PNG, inline
    assert materialization.metadata["report"].value == str(tmp_path / "reports" / REPORT_HTML)
    assert (tmp_path / "reports" / REPORT_HTML).exists()


def test_report_command(fresh_build, tmp_path):
    made = run_cli_in_this_process(tmp_path / "home", "report", "--warehouse", str(fresh_build), "--reports", str(tmp_path / "out"))
    assert made.returncode == 0, made.stderr
    assert f"report: {tmp_path / 'out' / REPORT_HTML}" in made.stdout
    assert sorted(path.name for path in (tmp_path / "out").glob("*.png")) == sorted(f"{name}.png" for name in CHART_NAMES)


@pytest.mark.slow
def test_report_command_without_a_warehouse(tmp_path):
    missing = tmp_path / "nothing.duckdb"
    made = run_cli_in_this_process(tmp_path / "home", "report", "--warehouse", str(missing))
    assert made.returncode == 1
    assert f"error: {missing}: no warehouse there yet; run `uv run eco12369 build` first" in made.stderr
    assert not (tmp_path / "reports").exists()


@pytest.mark.slow
def test_report_of_a_warehouse_with_feeds_but_no_notice(tmp_path):
    # What the sensor does on a fresh machine: a quarter's feed arrives before any notice is built.
    landing = tmp_path / "landing" / "spot_checks"
    landing.mkdir(parents=True)
    for name in ("2017Q1.csv", "2017Q1_summary.csv"):
        shutil.copyfile(PROJECT_ROOT / "data" / "landing" / "spot_checks" / name, landing / name)
    warehouse = tmp_path / "wh" / "12369.duckdb"
    made = run_cli_in_this_process(tmp_path / "home", "ingest", "2017Q1", "--landing", str(landing.parent), "--warehouse", str(warehouse))
    assert made.returncode == 0, made.stderr
    page = (warehouse.parent / "reports" / REPORT_HTML).read_text(encoding="utf-8")
    assert list(_embedded_specs(page)) == ["hotline_failures"]
    assert "No annual notice is published, so there are no charts of report handling or channels." in page


def test_charts_are_drawn_again_only_when_their_figures_change(fresh_build, tmp_path, monkeypatch):
    from assets.report import report_page

    warehouse = tmp_path / "12369.duckdb"
    shutil.copyfile(fresh_build, warehouse)
    folder = tmp_path / "reports"
    # A chart cache of this test's own, so that what it counts was drawn here.
    monkeypatch.setenv(report_page.CHART_CACHE_VARIABLE, str(tmp_path / "chart-cache"))
    report_page.render_report(warehouse, folder)
    drawn = []
    real_draw = vl_convert.vegalite_to_png
    monkeypatch.setattr(report_page.vl_convert, "vegalite_to_png", lambda spec, **kw: drawn.append(spec) or real_draw(spec, **kw))

    report_page.render_report(warehouse, folder)
    assert drawn == []  # same figures: every PNG kept

    # A changed figure redraws its chart only (附件3's 江苏 overdue count, 368 in the notice).
    with duckdb.connect(str(warehouse)) as con:
        con.execute("update handling_by_province set late_count = 367 where province = '江苏' and stage = 'completion'")
    report_page.render_report(warehouse, folder)
    redrawn = {json.dumps(spec, ensure_ascii=False).count("overdue completed") > 0 for spec in drawn}
    assert len(drawn) == 2 and redrawn == {True, False}  # handling and late_and_overdue hold that figure

    drawn.clear()
    (folder / "channel_mix.png").unlink()  # a stamp does not vouch for a missing image
    monkeypatch.setenv(report_page.CHART_CACHE_VARIABLE, "off")
    report_page.render_report(warehouse, folder)
    assert len(drawn) == 1
    drawn.clear()
    report_page.render_report(warehouse, folder, redraw=True)
    assert len(drawn) == len(CHART_NAMES)

    # Another report folder of the same figures copies every chart from the machine's cache, the same bytes.
    monkeypatch.setenv(report_page.CHART_CACHE_VARIABLE, str(tmp_path / "chart-cache"))
    drawn.clear()
    report_page.render_report(warehouse, tmp_path / "other-reports")
    assert drawn == []
    for name in CHART_NAMES:
        assert (tmp_path / "other-reports" / f"{name}.png").read_bytes() == (folder / f"{name}.png").read_bytes(), name


def test_the_records_charts_show_their_latest_months_only(tmp_path):
    # CONSTRUCTED rows: 30 months of one city (2015-07 to 2017-12) and an alert in the first and in the
    # last month; the charts of the records by month and week keep the latest RECORD_CHART_MONTHS (24).
    from assets.report.report_page import RECORD_CHART_MONTHS
    from warehouse.sql import sql_file, table_ddl

    assert RECORD_CHART_MONTHS == 24
    with duckdb.connect() as con:
        con.execute(table_ddl("complaint_quality"))
        con.execute(table_ddl("complaint_alert"))
        con.execute("create temp table months as select (date '2015-07-01' + to_months(i))::date as month from range(30) as r(i)")
        con.execute(
            "insert into complaint_quality by name select month, '江苏' as province, '南京' as city, 10 as records, 1 as missing_target, "
            "0 as missing_outcome, 0 as missing_pollution, 0 as missing_industry, 0 as entered_late, 0 as duplicates_dropped, "
            "9 as complete_records, 90.0 as key_field_completeness_pct, 0.0 as entered_late_pct from months"
        )
        con.execute(
            "insert into complaint_alert by name select * from (values (date '2015-07-06'), (date '2017-12-04')) as v(week_start), "
            "(select '江苏' as province, '南京' as city, 'air' as pollution_type, 12 as complaints, 2.0 as baseline)"
        )
        completeness = con.execute(sql_file("report/complaint_completeness.sql"), {"cities": 30, "months": 24}).df()
        alerts = con.execute(sql_file("report/complaint_alerts.sql"), {"months": 24}).df()
    assert list(completeness["month"]) == [f"{year}-{month:02d}" for year in (2016, 2017) for month in range(1, 13)]
    assert [str(week.date()) for week in alerts["week_start"]] == ["2017-12-04"]


def test_the_chinese_glyph_check_is_remembered_beside_the_charts(tmp_path, monkeypatch):
    from assets.report import report_page

    checked = []
    real_check = fonts.chinese_font_problem
    monkeypatch.setattr(fonts, "chinese_font_problem", lambda family: checked.append(family) or real_check(family))
    assert report_page._chinese_font_problem(tmp_path) is None
    assert report_page._chinese_font_problem(tmp_path) is None
    assert len(checked) == 1
    # Another vl-convert (or font) looks again.
    monkeypatch.setattr(report_page.vl_convert, "__version__", "0.0.0")
    assert report_page._chinese_font_problem(tmp_path) is None
    assert len(checked) == 2
