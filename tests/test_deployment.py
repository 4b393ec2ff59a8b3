"""What docs/deploy.md promises: the same code runs with steps in processes of their own (as the
Kubernetes and Celery executors run them), and the warehouse, landing and report locations come from
configuration only (environment or run config), with no connection opened at import time."""

import subprocess
import sys

import dagster as dg
import duckdb
import pytest

from pipelines.definitions import build_definitions
from pipelines.jobs import REFRESH_WAREHOUSE, refresh_arguments
from pipelines.resources import warehouse_from_environment, warehouse_resource
from tests.support.instance import instance_for_test
from tests.support.landing import PROJECT_ROOT

pytestmark = pytest.mark.slow


# The step processes start from a fork server that has imported this module (and with it the
# definitions) and Great Expectations once: each step is still a process of its own, given the run
# and the job to reconstruct, but does not pay seconds of imports anew (about 10 s a step here).
STEP_PROCESSES = {"forkserver": {"preload_modules": [__name__, "great_expectations"]}}


def multiprocess_refresh_warehouse() -> dg.JobDefinition:
    """refresh_warehouse on the multiprocess executor, one step at a time, configured from the environment."""
    executor = dg.multiprocess_executor.configured({"max_concurrent": 1, "start_method": STEP_PROCESSES})
    return build_definitions(warehouse_from_environment(), executor=executor).resolve_job_def(REFRESH_WAREHOUSE)


def test_a_run_with_a_process_per_step_publishes(tmp_path, monkeypatch):
    warehouse = tmp_path / "elsewhere" / "12369.duckdb"
    monkeypatch.setenv("ECO12369_LANDING", str(PROJECT_ROOT / "data" / "landing"))
    monkeypatch.setenv("ECO12369_WAREHOUSE", str(warehouse))
    monkeypatch.setenv("ECO12369_REPORTS", str(tmp_path / "reports"))
    # A few steps are enough to show the staging file passing between processes; each step process
    # sets up its step anew (seconds each, even forked from the preloaded server), so the whole job
    # would take minutes.
    selection = [dg.AssetKey(name) for name in ("region", "quality_check", "published_warehouse", "analyst_report")]
    with instance_for_test() as instance:
        result = dg.execute_job(
            dg.reconstructable(multiprocess_refresh_warehouse),
            instance=instance,
            asset_selection=selection,
        )
        step_processes = {event.pid for event in result.all_events if event.event_type == dg.DagsterEventType.STEP_START}
    assert len(step_processes) > 1  # the steps did run in processes of their own
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) from region").fetchone() == (32,)  # assets/reference/regions.csv
        assert con.execute("select check_name, passed from quality_check").fetchall() == [("thirty_two_regions", True)]
    # The report step ran in its own process too, and refused clearly: nothing but regions is published.
    failures = [event for event in result.all_events if event.event_type == dg.DagsterEventType.STEP_FAILURE]
    assert [event.step_key for event in failures] == ["analyst_report"]
    assert (
        "tables bulletin, spot_check and complaint are empty; there is nothing to draw" in failures[0].step_failure_data.error.cause.message
    )


def test_run_config_points_the_warehouse_elsewhere(tmp_path):
    # What a deployment's launchpad (or a schedule's run config) sets, with no code change.
    target = tmp_path / "from_run_config" / "12369.duckdb"
    defs = build_definitions(warehouse_from_environment())
    run_config = {
        "resources": {
            "warehouse": {
                "config": {
                    "landing_dir": str(PROJECT_ROOT / "data" / "landing"),
                    "warehouse_path": str(target),
                    "reports_dir": str(tmp_path / "r"),
                }
            }
        }
    }
    with instance_for_test() as instance:
        arguments = refresh_arguments(defs, instance, [])
        result = defs.resolve_job_def(REFRESH_WAREHOUSE).execute_in_process(
            instance=instance,
            run_config=run_config,
            asset_selection=arguments["asset_selection"],
        )
    assert result.success
    with duckdb.connect(str(target), read_only=True) as con:
        assert con.execute("select count(*) from hotline_check").fetchone() == (379,)


def test_importing_the_definitions_opens_no_warehouse(tmp_path):
    # No module-level connection: loading the code location (what every run worker and the UI do)
    # touches no DuckDB file, so the code loads where the warehouse is not mounted.
    missing = tmp_path / "not-mounted" / "12369.duckdb"
    loaded = subprocess.run(
        [sys.executable, "-c", "import pipelines.definitions as d; d.defs.resolve_asset_graph(); print('loaded')"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={
            "PATH": "/usr/bin:/bin",
            "ECO12369_WAREHOUSE": str(missing),
            "ECO12369_LANDING": str(tmp_path / "none"),
            "HOME": str(tmp_path),
        },
    )
    assert loaded.returncode == 0, loaded.stderr
    assert not missing.parent.exists()


@pytest.mark.parametrize("target", ["md:eco12369", "s3://bucket/12369.duckdb", "https://example.org/12369.duckdb"])
def test_a_connection_string_as_warehouse_is_refused_clearly(tmp_path, target):
    defs = build_definitions(warehouse_resource(landing_dir=str(PROJECT_ROOT / "data" / "landing"), warehouse_path=target))
    with instance_for_test() as instance:
        arguments = refresh_arguments(defs, instance, [])
        result = defs.resolve_job_def(REFRESH_WAREHOUSE).execute_in_process(
            instance=instance,
            asset_selection=arguments["asset_selection"],
            raise_on_error=False,
        )
    assert not result.success
    # The resource refuses it as the run starts, before any step.
    errors = [
        event.event_specific_data.error.to_string()
        for event in result.all_events
        if event.event_type == dg.DagsterEventType.RESOURCE_INIT_FAILURE
    ]
    assert errors and f"warehouse_path {target!r}: a path on a file system is needed" in errors[0]
    assert not (PROJECT_ROOT / target).exists() and not list(PROJECT_ROOT.glob("md:*"))
