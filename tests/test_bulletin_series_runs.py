"""Runs over the bulletin series: a new page is the only one read, a removed page's release goes, and
the published figures are those read by hand (tests/expected/bulletin_series_figures.csv)."""

import re
import shutil

import dagster as dg
import duckdb
import pytest

from assets.bulletin_series.changes import series_changes
from pipelines.definitions import build_definitions
from pipelines.jobs import INGEST_BULLETINS, REFRESH_WAREHOUSE, refresh_arguments
from pipelines.resources import warehouse_resource
from pipelines.sensors import bulletin_arrival_sensor
from tests.support.instance import instance_for_test
from tests.support.landing import LANDING
from tests.support.selection import up_to_publishing

pytestmark = pytest.mark.slow


def _build(landing, warehouse, instance):
    defs = build_definitions(warehouse_resource(landing_dir=str(landing), warehouse_path=str(warehouse)))
    arguments = refresh_arguments(defs, instance, [])
    job = defs.resolve_job_def(REFRESH_WAREHOUSE)
    result = job.execute_in_process(
        instance=instance, tags=arguments["tags"], asset_selection=up_to_publishing(job, arguments["asset_selection"])
    )
    assert result.success
    (materialization, *_) = result.asset_materializations_for_node("bulletin_series_tables")
    return {key: materialization.metadata[key].value for key in ("bulletins_read", "bulletins_kept", "releases_removed")}


def _ingest_bulletins(defs, instance):
    job = defs.resolve_job_def(INGEST_BULLETINS)
    return job.execute_in_process(instance=instance, asset_selection=up_to_publishing(job))


# The notice and the pages that ship: every file of the landing folder but its manifest.
SHIPPED = len([path for path in (LANDING / "bulletins").iterdir() if path.name != "SOURCES.csv"])


def _files(warehouse) -> list[str]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return [row[0] for row in con.execute("select source_file from bulletin_release order by source_file").fetchall()]


def test_adding_a_page_reads_that_page_only_and_removing_one_removes_its_release(tmp_path):
    landing = tmp_path / "landing"
    shutil.copytree(LANDING / "bulletins", landing / "bulletins")
    held_back = landing / "bulletins" / "2019-03_monthly.txt"
    page = held_back.read_bytes()
    held_back.unlink()
    warehouse = tmp_path / "wh" / "12369.duckdb"
    with instance_for_test() as instance:
        assert _build(landing, warehouse, instance) == {"bulletins_read": SHIPPED - 1, "bulletins_kept": 0, "releases_removed": 0}
        (landing / "bulletins" / "content_5386065.htm").write_bytes(page)  # the page arrives under a site's name
        assert _build(landing, warehouse, instance) == {"bulletins_read": 1, "bulletins_kept": SHIPPED - 1, "releases_removed": 0}
        assert "content_5386065.htm" in _files(warehouse)
        with duckdb.connect(str(warehouse), read_only=True) as con:
            # 2019-03_monthly.txt line 4: "共接到环保举报45510件", whatever the file is called.
            assert con.execute(
                "select value from bulletin_figure where source_file = 'content_5386065.htm' and measure = 'reports' and category is null"
            ).fetchall() == [(45510.0,)]
        (landing / "bulletins" / "2016_annual.txt").unlink()
        assert _build(landing, warehouse, instance) == {"bulletins_read": 0, "bulletins_kept": SHIPPED - 1, "releases_removed": 1}
        assert "2016_annual.txt" not in _files(warehouse)
        assert len(_files(warehouse)) == SHIPPED - 1


def test_a_changed_page_or_a_new_reader_reads_again():
    snapshots = [{"file": "a.txt", "sha256": "1"}, {"file": "b.txt", "sha256": "2"}]
    published = [("r1", "a.txt", "1", "v1"), ("r2", "b.txt", "old", "v1"), ("r3", "gone.txt", "3", "v1")]
    changes = series_changes(snapshots, published, "v1")
    assert ([s["file"] for s in changes.to_read], changes.kept, changes.to_remove) == (["b.txt"], ["a.txt"], ["r2", "r3"])
    changes = series_changes(snapshots, published, "v2")  # the reader changed: everything is read again
    assert ([s["file"] for s in changes.to_read], changes.kept, changes.to_remove) == (["a.txt", "b.txt"], [], ["r1", "r2", "r3"])


def _sensor(resource, instance):
    with dg.build_sensor_context(instance=instance, resources={"warehouse": resource}) as context:
        return bulletin_arrival_sensor(context)


def _bulletins_only(tmp_path):
    """A landing folder of the shipped bulletins, and its resource and definitions."""
    landing = tmp_path / "landing"
    shutil.copytree(LANDING / "bulletins", landing / "bulletins")
    resource = warehouse_resource(landing_dir=str(landing), warehouse_path=str(tmp_path / "wh" / "12369.duckdb"))
    return landing, resource, build_definitions(resource)


def test_the_sensor_runs_ingest_bulletins_when_the_folder_changes(tmp_path):
    landing, resource, defs = _bulletins_only(tmp_path)
    with instance_for_test() as instance:
        first = _sensor(resource, instance)
        assert isinstance(first, dg.RunRequest) and first.tags["bulletins_added"].startswith(f"{SHIPPED}: 2016_annual.txt, ")
        assert _ingest_bulletins(defs, instance).success
        skipped = _sensor(resource, instance)
        assert isinstance(skipped, dg.SkipReason) and "no new, changed or removed bulletin" in skipped.skip_message
        page = (landing / "bulletins" / "2019-03_monthly.txt").read_text(encoding="utf-8")
        (landing / "bulletins" / "content_1.htm").write_text(f"<html><body><pre>{page}</pre></body></html>", encoding="utf-8")
        added = _sensor(resource, instance)
        assert added.tags["bulletins_added"] == "1: content_1.htm" and added.run_key != first.run_key
        result = _ingest_bulletins(defs, instance)
        (materialization, *_) = result.asset_materializations_for_node("bulletin_series_tables")
        assert (materialization.metadata["bulletins_read"].value, materialization.metadata["bulletins_kept"].value) == (1, SHIPPED)
        assert isinstance(_sensor(resource, instance), dg.SkipReason)


def test_the_sensor_does_not_run_a_refused_page_again_until_its_bytes_change(tmp_path):
    landing, resource, defs = _bulletins_only(tmp_path)
    with instance_for_test() as instance:
        assert _ingest_bulletins(defs, instance).success
        # The 2019-03 page with every year taken out: it says 3月 but never which year.
        page = (landing / "bulletins" / "2019-03_monthly.txt").read_text(encoding="utf-8")
        undated = landing / "bulletins" / "undated.txt"
        undated.write_text(re.sub(r"20[12]\d(?=年|-)", "", page).replace("年", ""), encoding="utf-8")
        assert _sensor(resource, instance).tags["bulletins_added"] == "1: undated.txt"
        assert _ingest_bulletins(defs, instance).success
        waiting = _sensor(resource, instance)
        assert isinstance(waiting, dg.SkipReason)
        assert "1 refused file(s) wait for new bytes (see refused_input): undated.txt" in waiting.skip_message
        # New bytes (the year put back in its heading) are run again.
        undated.write_text(page, encoding="utf-8")
        assert _sensor(resource, instance).tags["bulletins_added"] == "1: undated.txt"
