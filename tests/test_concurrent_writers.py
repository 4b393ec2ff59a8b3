"""Two refreshes at once both land, one after the other, and neither loses the other's change."""

import os
import shutil
import subprocess
import sys

import dagster as dg
import duckdb
import pytest

from assets.spot_checks.feed import read_detail
from assets.spot_checks.sample_feeds import sample_summary
from tests.support.instance import instance_for_test, write_instance_settings
from tests.support.landing import PROJECT_ROOT, copy_of_build

pytestmark = pytest.mark.slow


def _cli(home, *args):
    write_instance_settings(home)
    environment = {**os.environ, "DAGSTER_HOME": str(home)}
    return subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", *args],
        cwd=PROJECT_ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _make_reachable(landing, quarter, unit_row):
    """Mark one unreachable unit reachable in a quarter's feed, and fix the summary to match."""
    path = landing / "spot_checks" / f"{quarter}.csv"
    text = path.read_text(encoding="utf-8")
    assert text.count(unit_row) == 1
    path.write_text(text.replace(unit_row, unit_row.replace("unreachable", "reachable")), encoding="utf-8")
    sample_summary(read_detail(path)).to_csv(path.with_name(f"{quarter}_summary.csv"), index=False, lineterminator="\n")


def test_two_quarter_runs_started_together_both_land(tmp_path, quarters_build):
    home = tmp_path / "dagster_home"
    # The warehouse `eco12369 build` published from the notice and the four sample quarters (copied).
    landing, warehouse = copy_of_build(quarters_build, tmp_path)
    paths = ["--landing", str(landing), "--warehouse", str(warehouse)]
    # The instance the two runs record into exists already, as it did after a build of its own: two
    # processes creating a new instance's SQLite tables at once fail ("table bulk_actions already
    # exists"), which is not what this test is about.
    with dg.DagsterInstance.from_config(str(write_instance_settings(home))):
        pass

    # 附件1: 拉萨(3次) fails in Q1-Q3 of the samples, 昌都(4次) in all four quarters.
    _make_reachable(landing, "2017Q2", "2017Q2,西藏,prefecture,拉萨,hotline,2017-05-15,unreachable,")
    _make_reachable(landing, "2017Q3", "2017Q3,西藏,prefecture,昌都,hotline,2017-08-15,unreachable,")
    first, second = _cli(home, "ingest", "2017Q2", *paths), _cli(home, "ingest", "2017Q3", *paths)
    outputs = [(process.wait(timeout=300), *process.communicate()) for process in (first, second)]
    assert [code for code, _, _ in outputs] == [0, 0], outputs
    assert any("waiting for the warehouse: run" in stderr for _, _, stderr in outputs)

    with duckdb.connect(str(warehouse), read_only=True) as con:
        changed = con.execute(
            "select quarter, unit, result from spot_check where channel = 'hotline' and "
            "((quarter = '2017Q2' and unit = '拉萨') or (quarter = '2017Q3' and unit = '昌都')) order by quarter"
        ).fetchall()
    assert changed == [("2017Q2", "拉萨", "reachable"), ("2017Q3", "昌都", "reachable")]


def test_ui_sensor_and_schedule_runs_queue_one_writer_at_a_time():
    """dagster.yaml's queue lets one run tagged as a warehouse writer run; both jobs carry the tag."""
    import yaml

    from pipelines.definitions import defs
    from pipelines.jobs import INGEST_QUARTER, REFRESH_WAREHOUSE, WRITES_WAREHOUSE_TAG

    config = yaml.safe_load((PROJECT_ROOT / "dagster.yaml").read_text(encoding="utf-8"))["run_coordinator"]
    assert config["class"] == "QueuedRunCoordinator"
    [(key, value)] = WRITES_WAREHOUSE_TAG.items()
    assert config["config"]["tag_concurrency_limits"] == [{"key": key, "limit": 1}]
    for job in (REFRESH_WAREHOUSE, INGEST_QUARTER):
        assert defs.resolve_job_def(job).tags[key] == value


def test_a_backfill_does_not_publish_over_a_run_that_published_between_its_runs(tmp_path, fresh_build):
    """The UI's "Materialize all…" is a backfill of several runs sharing one staging copy. If another run
    publishes between them, publishing the backfill's copy would undo that run's change: it must refuse."""
    from pipelines.dagster_internals import BACKFILL_ID_TAG
    from pipelines.definitions import build_definitions
    from pipelines.jobs import REFRESH_WAREHOUSE
    from pipelines.resources import warehouse_resource
    from warehouse.errors import PublishError

    warehouse = tmp_path / "wh" / "12369.duckdb"
    warehouse.parent.mkdir()
    shutil.copyfile(fresh_build, warehouse)
    resource = warehouse_resource(landing_dir=str(PROJECT_ROOT / "data" / "landing"), warehouse_path=str(warehouse))
    job = build_definitions(resource).resolve_job_def(REFRESH_WAREHOUSE)
    backfill = {BACKFILL_ID_TAG: "backfill1"}
    with instance_for_test() as instance:
        first = job.execute_in_process(instance=instance, tags=backfill, asset_selection=[dg.AssetKey("region")])
        assert first.success
        assert (warehouse.parent / ".staging" / "backfill1.duckdb").exists()

        # Another writer publishes in between (here: a change made straight to the published file).
        with duckdb.connect(str(warehouse)) as con:
            con.execute("delete from spot_check where quarter = '2017Q4'")
        changed = warehouse.read_bytes()

        last = job.execute_in_process(
            instance=instance,
            tags=backfill,
            raise_on_error=False,
            asset_selection=[dg.AssetKey("quality_check"), dg.AssetKey("published_warehouse")],
        )
    assert not last.success
    (failure,) = [e for e in last.all_events if e.event_type == dg.DagsterEventType.STEP_FAILURE]
    assert failure.step_key == "published_warehouse"
    assert "was published by another run after this run's copy of it was taken" in failure.step_failure_data.error.cause.message
    assert warehouse.read_bytes() == changed  # the other writer's change stands
    assert PublishError.__name__ == failure.step_failure_data.error.cause.cls_name
