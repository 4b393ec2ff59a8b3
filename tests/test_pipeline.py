"""The Dagster layer: definitions load, an in-process run publishes, and a failed run publishes nothing."""

import os
import re
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from expectations.warehouse_checks import checks_by_table
from pipelines.definitions import build_definitions, defs
from pipelines.jobs import REFRESH_WAREHOUSE, refresh_arguments
from pipelines.resources import warehouse_resource
from tests.support.cli import run_cli_in_this_process
from tests.support.digests import file_sha256
from tests.support.instance import instance_for_test
from tests.support.landing import replace_line, write_landing
from warehouse.registry import NOTICE, table_names, tables_written_by

WAREHOUSE_TABLES = set(table_names())


def _run(landing: Path, warehouse: Path, quarters: list[str] | None = None):
    bound = build_definitions(warehouse_resource(landing_dir=str(landing), warehouse_path=str(warehouse)))
    job = bound.resolve_job_def(REFRESH_WAREHOUSE)
    with instance_for_test() as instance:
        arguments = refresh_arguments(bound, instance, quarters or [])
        result = job.execute_in_process(
            instance=instance,
            raise_on_error=False,
            tags=arguments["tags"],
            asset_selection=arguments["asset_selection"],
        )
        return result, result.get_asset_check_evaluations()


def test_definitions_load_with_descriptions():
    dg.Definitions.validate_loadable(defs)
    graph = defs.resolve_asset_graph()
    for key in graph.get_all_asset_keys():
        node = graph.get(key)
        assert node.description, key
        if key.to_user_string() in WAREHOUSE_TABLES:
            schema = node.metadata["dagster/column_schema"]
            assert all(column.description for column in schema.columns), key
    check_names = {(key.asset_key.to_user_string(), key.name) for key in graph.asset_check_keys}
    suites = {(table, check.name) for table, checks in checks_by_table().items() for check in checks}
    assert check_names == suites
    assert defs.resolve_job_def(REFRESH_WAREHOUSE)


@pytest.mark.slow
def test_in_process_run_publishes_every_fact(tmp_path, notice_bytes):
    landing = write_landing(tmp_path / "landing", {"2017-annual-notice.txt": notice_bytes})
    warehouse = tmp_path / "wh" / "12369.duckdb"
    result, evaluations = _run(landing, warehouse)
    assert result.success
    assert all(e.passed or e.severity == dg.AssetCheckSeverity.WARN for e in evaluations)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = {row[0] for row in con.execute("select table_name from duckdb_tables()").fetchall()}
        assert tables == WAREHOUSE_TABLES
        # 附件3, 受理表, row 24: 贵州 42 / 97.36% / 5.8
        assert con.execute(
            "select late_count, on_time_pct, avg_days from handling_by_province where province = ? and stage = ?",
            ["贵州", "acceptance"],
        ).fetchall() == [(42, 97.36, 5.8)]
        # Section 一, line 11
        assert con.execute(
            "select total_reports, phone_reports, wechat_reports, web_reports, issued_on::varchar from bulletin"
        ).fetchall() == [(618856, 409548, 129423, 79885, "2018-06-13")]
        assert con.execute("select count(*) from hotline_check").fetchone() == (379,)
        assert con.execute("select count(*) from portal_status").fetchone() == (462,)
        quality = con.execute("select count(*), count(*) filter (where not passed) from quality_check").fetchone()
        assert quality == (len(evaluations), 3)
        assert con.execute(
            "select comment from duckdb_columns() where table_name = 'hotline_check' and column_name = 'failed_checks'"
        ).fetchone()[0]
        assert con.execute("select count(*) from province_handling").fetchone() == (32,)
    assert not list((warehouse.parent / ".staging").glob("*.duckdb"))


@pytest.mark.slow
def test_a_failed_error_check_on_the_warehouse_still_publishes_nothing(tmp_path, notice_bytes, notice_text, monkeypatch):
    # The last line of defence: an ERROR check that fails on the staged warehouse (one spanning inputs,
    # or a unit that got past its own checks) still stops the publish step. To get a broken notice
    # that far, its own checks are switched off here.
    warehouse = tmp_path / "wh" / "12369.duckdb"
    good = write_landing(tmp_path / "good", {"notice.txt": notice_bytes})
    assert _run(good, warehouse)[0].success
    before = file_sha256(warehouse)

    monkeypatch.setattr("assets.bulletin.assets.error_check_failures", lambda *_args: [])
    # 附件3 受理表 line 619: the national late count 245 turned into 246 disagrees with its provinces.
    bad_text = replace_line(notice_text, 619, "245", "246")
    bad = write_landing(tmp_path / "bad", {"notice.txt": bad_text.encode()})
    result, evaluations = _run(bad, warehouse)
    assert not result.success
    failed = [
        (e.asset_key.to_user_string(), e.check_name) for e in evaluations if not e.passed and e.severity == dg.AssetCheckSeverity.ERROR
    ]
    assert failed == [("handling_national", "national_equals_sum_of_provinces")]
    assert file_sha256(warehouse) == before


@pytest.fixture(scope="module")
def built_by_cli(tmp_path_factory, notice_bytes):
    """A warehouse published by `eco12369 build` from the real notice."""
    folder = tmp_path_factory.mktemp("cli")
    warehouse = folder / "wh" / "12369.duckdb"
    good = write_landing(folder / "good", {"notice.txt": notice_bytes})
    built = run_cli_in_this_process(folder / "dagster_home", "build", "--landing", str(good), "--warehouse", str(warehouse))
    assert built.returncode == 0, built.stderr
    assert "published:" in built.stdout
    # The notice alone: no quarterly checks; the 14 checks of the bulletin series run on the notice's release.
    assert "checks: 44 passed, 0 ERROR failed, 3 WARN failed" in built.stdout
    # The report says that, without a quarter's feed, it has no hotline chart.
    assert f"report: {warehouse.parent / 'reports' / 'report.html'}" in built.stdout
    page = (warehouse.parent / "reports" / "report.html").read_text(encoding="utf-8")
    assert "No quarterly spot-check feed for 2017 is published, so there is no hotline chart." in page
    assert 'vegaEmbed("#hotline_failures"' not in page
    return folder, warehouse


# Each case: a broken copy of the notice, and what its one line must say. They land side by side
# with the good notice, in one build of the command line (one build instead of one per case).
BAD_NOTICES = {
    # 附件3 受理表 lines 527-531: 贵州's rate 97.36% made 197.36%
    "rate-197.txt": (
        530,
        "97.36%",
        "197.36%",
        r"handling_by_province\.rates_between_0_and_100 failed: .*province=贵州, source_line=528, on_time_pct=197\.36",
    ),
    # 附件3 办结表 line 807: the national overdue count 782 made 783
    "national-783.txt": (
        807,
        "782",
        "783",
        r"handling_national\.national_equals_sum_of_provinces failed: .*stage=completion, national_late_count=783, provinces_late_count=782",
    ),
    # 附件3 受理表 line 529: 贵州's count made non-numeric
    "count-4x2.txt": (529, "42", "4x2", r"count-4x2\.txt, line 529: expected 附件3, acceptance table, row 贵州: an integer count"),
}


@pytest.fixture(scope="module")
def refused_by_cli(built_by_cli, tmp_path_factory, notice_bytes, notice_text):
    folder, warehouse = built_by_cli
    bad = {name: replace_line(notice_text, line, old, new).encode() for name, (line, old, new, _) in BAD_NOTICES.items()}
    landing = write_landing(tmp_path_factory.mktemp("bad") / "landing", {"notice.txt": notice_bytes, **bad})
    copy = tmp_path_factory.mktemp("copy") / "wh" / "12369.duckdb"
    copy.parent.mkdir()
    copy.write_bytes(warehouse.read_bytes())
    return run_cli_in_this_process(folder / "dagster_home", "build", "--landing", str(landing), "--warehouse", str(copy)), copy


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(BAD_NOTICES))
def test_cli_names_each_refused_notice_on_a_line_of_its_own(refused_by_cli, name):
    refused, _ = refused_by_cli
    (line_naming_it,) = [line for line in refused.stdout.splitlines() if line.startswith(f"refused: bulletins/{name}: ")]
    assert re.search(BAD_NOTICES[name][3], line_naming_it), line_naming_it


@pytest.mark.slow
def test_cli_refuses_the_bad_notices_and_keeps_what_it_published(built_by_cli, refused_by_cli):
    _, warehouse = built_by_cli
    refused, copy = refused_by_cli
    # Exit 3: published, with inputs refused; the summary points to refused_input.
    assert refused.returncode == 3, refused.stdout + refused.stderr
    assert re.search(r"published: .*\(3 inputs refused, see refused_input\)", refused.stdout), refused.stdout
    assert "Traceback" not in refused.stderr
    # The good notice published before stays exactly as it was.
    assert _notice_rows(copy) == _notice_rows(warehouse)
    assert not list((copy.parent / ".staging").glob("*.duckdb"))  # the writer lock file stays


def _notice_rows(warehouse: Path) -> dict[str, list]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {
            table: con.execute(f"select * from {table} order by all").fetchall()  # noqa: S608 (names from the registry)
            for table in tables_written_by(NOTICE)
        }


def test_staging_files_of_dead_runs_are_discarded_and_live_ones_kept(tmp_path):
    resource = warehouse_resource(landing_dir=str(tmp_path), warehouse_path=str(tmp_path / "wh" / "12369.duckdb"))
    with instance_for_test() as instance:
        live = instance.add_run(dg.DagsterRun(job_name="refresh_warehouse", status=dg.DagsterRunStatus.STARTED))
        killed = instance.add_run(dg.DagsterRun(job_name="refresh_warehouse", status=dg.DagsterRunStatus.STARTED))
        failed = instance.add_run(dg.DagsterRun(job_name="refresh_warehouse", status=dg.DagsterRunStatus.FAILURE))
        paths = {run.run_id: resource.staging_area.path(run.run_id) for run in (live, killed, failed)}
        for path in paths.values():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(b"staging")
        # The killed run's process never recorded its end; its file has not been touched for two days.
        two_days_ago = time.time() - 2 * 24 * 3600
        os.utime(paths[killed.run_id], (two_days_ago, two_days_ago))
        resource.discard_finished_staging(instance)
        assert [run_id for run_id, path in paths.items() if path.exists()] == [live.run_id]
