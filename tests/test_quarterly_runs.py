"""Partition runs, the arrival sensor and the quarterly schedule, against a temporary landing folder."""

import datetime as dt
import shutil
from zoneinfo import ZoneInfo

import dagster as dg
import duckdb
import pytest

from assets.spot_checks.feed import read_detail
from assets.spot_checks.sample_feeds import sample_summary
from pipelines.definitions import build_definitions
from pipelines.feed_arrivals import register_quarters
from pipelines.jobs import INGEST_QUARTER, REFRESH_WAREHOUSE, refresh_arguments
from pipelines.resources import warehouse_resource
from pipelines.schedules import quarterly_spot_check_schedule
from pipelines.sensors import spot_check_feed_sensor
from tests.support.instance import instance_for_test
from tests.support.landing import PROJECT_ROOT
from tests.support.selection import up_to_publishing

pytestmark = pytest.mark.slow

SAMPLES = PROJECT_ROOT / "data" / "landing" / "spot_checks"
BEIJING = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def workspace(tmp_path, quarters_build):
    """The notice and the four sample quarters (the landing folder of the session's quarters_build),
    nothing published yet, and an instance of its own."""
    landing = tmp_path / "landing"
    shutil.copytree(quarters_build / "landing", landing)
    resource = warehouse_resource(landing_dir=str(landing), warehouse_path=str(tmp_path / "wh" / "12369.duckdb"))
    with instance_for_test() as instance:
        yield landing, resource, build_definitions(resource), instance


def _published_elsewhere(resource, quarters_build):
    """The warehouse a full build of the same landing folder published with another instance (the
    session's quarters_build, `eco12369 build`), copied where the workspace publishes."""
    shutil.copytree(quarters_build / "wh", resource.published.parent, ignore=shutil.ignore_patterns(".staging"))


def _full_build(defs, instance, quarters=("2017Q1", "2017Q2", "2017Q3", "2017Q4")):
    arguments = refresh_arguments(defs, instance, list(quarters))
    job = defs.resolve_job_def(REFRESH_WAREHOUSE)
    return job.execute_in_process(
        instance=instance, raise_on_error=False, tags=arguments["tags"], asset_selection=up_to_publishing(job, arguments["asset_selection"])
    )


def _ingest(defs, instance, quarter):
    register_quarters(instance, [quarter])  # as the sensor or the schedule does before it launches the run
    job = defs.resolve_job_def(INGEST_QUARTER)
    return job.execute_in_process(instance=instance, partition_key=quarter, raise_on_error=False, asset_selection=up_to_publishing(job))


def _query(resource, sql, parameters=None):
    with duckdb.connect(str(resource.published), read_only=True) as con:
        return con.execute(sql, parameters).fetchall()


def _edit_feed(landing, quarter, old, new, summary=True):
    """Change one detail row; rewrite the summary to match it, as a province office would."""
    path = landing / "spot_checks" / f"{quarter}.csv"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    if summary:
        sample_summary(read_detail(path)).to_csv(path.with_name(f"{quarter}_summary.csv"), index=False, lineterminator="\n")


LHASA_Q2 = "2017Q2,西藏,prefecture,拉萨,hotline,2017-05-15,unreachable,"


def test_full_build_publishes_four_quarters_that_reconcile(workspace):
    landing, resource, defs, instance = workspace
    result = _full_build(defs, instance)
    assert result.success
    assert _query(resource, "select quarter, count(*) from spot_check group by all order by 1") == [
        (q, 840) for q in ("2017Q1", "2017Q2", "2017Q3", "2017Q4")
    ]
    assert _query(resource, "select count(*), count(*) filter (where agrees) from hotline_reconciliation") == [(379, 379)]
    # Constructed 2017Q1 summary, 全国 row: 379 hotline units, 323 reachable (56 with "(N次)" fail in Q1).
    assert _query(resource, "select units_checked, units_reachable, reachable_pct from spot_check_national where quarter = '2017Q1'") == [
        (379, 323, 85.22)
    ]


def test_reingesting_a_quarter_replaces_exactly_that_quarter(workspace, quarters_build):
    landing, resource, defs, instance = workspace
    _published_elsewhere(resource, quarters_build)
    others = "select * exclude (source_sha256) from spot_check where quarter <> '2017Q2' order by all"
    before_others = _query(resource, others)
    before_notice = _query(resource, "select * from hotline_check order by all")

    _edit_feed(landing, "2017Q2", LHASA_Q2, LHASA_Q2.replace("unreachable", "reachable"))
    result = _ingest(defs, instance, "2017Q2")
    assert result.success  # a reconciliation disagreement is a WARN: published, and reported
    assert _query(resource, others) == before_others
    assert _query(resource, "select * from hotline_check order by all") == before_notice
    assert _query(resource, "select result from spot_check where quarter = '2017Q2' and unit = '拉萨' and channel = 'hotline'") == [
        ("reachable",)
    ]
    assert _query(resource, "select count(*) from spot_check where quarter = '2017Q2'") == [(840,)]
    warn = [e for e in result.get_asset_check_evaluations() if e.check_name == "reconciles_with_notice"]
    assert [e.passed for e in warn] == [False]
    assert _query(resource, "select unit, bulletin_failed_checks, feed_failed_checks from hotline_reconciliation where not agrees") == [
        ("拉萨", 3, 2)
    ]
    # quality_check keeps the annual checks of the earlier run and holds this run's quarterly ones.
    assert _query(resource, "select passed from quality_check where check_name = 'reconciles_with_notice'") == [(False,)]
    assert _query(resource, "select count(*) from quality_check where asset = 'bulletin'") == [(4,)]


def test_a_bad_quarter_is_refused_and_its_published_rows_stay(workspace, quarters_build):
    landing, resource, defs, instance = workspace
    _published_elsewhere(resource, quarters_build)
    query = "select * exclude (source_sha256) from spot_check where quarter = '2017Q3' order by all"
    with duckdb.connect(str(resource.published), read_only=True) as con:
        before = con.execute(query).fetchall()
    _edit_feed(
        landing, "2017Q3", "2017Q3,西藏,prefecture,拉萨,hotline,2017-08-15", "2017Q3,西藏,prefecture,拉萨,hotline,2017-10-02", summary=False
    )
    result = _ingest(defs, instance, "2017Q3")
    # The run publishes (the refusal is the quarter's alone) and the checks pass on what it published.
    assert result.success
    failed = [(e.asset_key.to_user_string(), e.check_name) for e in result.get_asset_check_evaluations() if not e.passed]
    assert failed == [("refused_input", "every_landed_file_was_read")]
    with duckdb.connect(str(resource.published), read_only=True) as con:
        assert con.execute(query).fetchall() == before
        ((source_file, kind, reason),) = con.execute("select source_file, kind, reason from refused_input").fetchall()
    assert (source_file, kind) == ("spot_checks/2017Q3.csv", "feed")
    assert "quarter 2017Q3, check spot_check.checked_on_inside_quarter failed" in reason
    assert "checked_on=2017-10-02" in reason


def test_partition_without_a_feed_fails_clearly(workspace):
    landing, resource, defs, instance = workspace
    result = _ingest(defs, instance, "2018Q1")
    assert not result.success
    failure = next(e for e in result.all_events if e.event_type == dg.DagsterEventType.STEP_FAILURE)
    error = failure.step_failure_data.error
    while error.cause is not None:
        error = error.cause
    assert "quarter 2018Q1: expected a feed 2018Q1.csv or 2018Q1.xlsx, found 'no file for it'" in error.message
    assert not resource.published.exists()


def _sensor(resource, instance):
    # The resource is a context manager (it holds the writer lock during runs), hence `with`.
    with dg.build_sensor_context(instance=instance, resources={"warehouse": resource}) as context:
        return spot_check_feed_sensor(context)


def _added_partitions(result: dg.SensorResult) -> list[str]:
    return [key for request in result.dynamic_partitions_requests for key in request.partition_keys]


def test_sensor_runs_new_and_changed_feeds_only(workspace):
    landing, resource, defs, instance = workspace
    # Nothing published yet: all four quarters are new, and become partitions.
    first = _sensor(resource, instance)
    assert sorted(r.partition_key for r in first.run_requests) == ["2017Q1", "2017Q2", "2017Q3", "2017Q4"]
    assert _added_partitions(first) == ["2017Q1", "2017Q2", "2017Q3", "2017Q4"]
    assert _full_build(defs, instance).success
    # Unchanged (and registered by the build): skipped, with a reason.
    skipped = _sensor(resource, instance)
    assert isinstance(skipped, dg.SkipReason) and "no new or changed feed" in skipped.skip_message
    # Changed: only that quarter, keyed by the new content; no new partition.
    _edit_feed(landing, "2017Q2", LHASA_Q2, LHASA_Q2.replace("unreachable", "reachable"))
    changed = _sensor(resource, instance)
    assert [r.partition_key for r in changed.run_requests] == ["2017Q2"]
    assert changed.run_requests[0].run_key.startswith("2017Q2:")
    assert _added_partitions(changed) == []
    # A new quarter arrives: it is run and registered.
    new_feed = (SAMPLES / "2017Q4.csv").read_text(encoding="utf-8").replace("2017Q4", "2018Q1").replace("2017-11-", "2018-02-")
    (landing / "spot_checks" / "2018Q1.csv").write_text(new_feed, encoding="utf-8")
    arrived = _sensor(resource, instance)
    assert sorted(r.partition_key for r in arrived.run_requests) == ["2017Q2", "2018Q1"]
    assert _added_partitions(arrived) == ["2018Q1"]


def test_sensor_registers_published_quarters_of_another_instance(workspace, quarters_build):
    # A warehouse built elsewhere (another Dagster instance): nothing to run, but the UI of this
    # instance must still list the quarters, so the sensor registers them.
    landing, resource, defs, instance = workspace
    _published_elsewhere(resource, quarters_build)
    result = _sensor(resource, instance)
    assert result.run_requests == []
    assert _added_partitions(result) == ["2017Q1", "2017Q2", "2017Q3", "2017Q4"]


def test_a_future_or_too_early_quarter_is_not_a_partition(workspace):
    landing, resource, defs, instance = workspace
    for early_or_late in ("2016Q4", "2999Q1"):
        feed = (SAMPLES / "2017Q4.csv").read_text(encoding="utf-8").replace("2017Q4", early_or_late)
        (landing / "spot_checks" / f"{early_or_late}.csv").write_text(feed, encoding="utf-8")
    result = _sensor(resource, instance)
    assert _added_partitions(result) == ["2017Q1", "2017Q2", "2017Q3", "2017Q4"]


def test_sensor_without_feeds_skips(workspace):
    landing, resource, defs, instance = workspace
    shutil.rmtree(landing / "spot_checks")
    skipped = _sensor(resource, instance)
    assert isinstance(skipped, dg.SkipReason)


def _schedule(resource, instance, when):
    with dg.build_schedule_context(instance=instance, scheduled_execution_time=when, resources={"warehouse": resource}) as context:
        return quarterly_spot_check_schedule(context)


def test_schedule_runs_the_quarter_just_ended_or_says_why_not(workspace):
    landing, resource, defs, instance = workspace
    # 2018-01-15 06:00 Beijing: 2017Q4 has arrived and is not yet published.
    request = _schedule(resource, instance, dt.datetime(2018, 1, 15, 6, tzinfo=BEIJING))
    assert isinstance(request, dg.RunRequest) and request.partition_key == "2017Q4"
    assert instance.get_dynamic_partitions("quarter") == ["2017Q4"]  # registered for the run
    # 2018-04-15: 2018Q1 has not arrived.
    skipped = _schedule(resource, instance, dt.datetime(2018, 4, 15, 6, tzinfo=BEIJING))
    assert isinstance(skipped, dg.SkipReason)
    assert "the 2018Q1 feed has not arrived" in skipped.skip_message
    # Once published from the same files, the 2017Q4 tick is skipped.
    assert _full_build(defs, instance).success
    again = _schedule(resource, instance, dt.datetime(2018, 1, 15, 6, tzinfo=BEIJING))
    assert isinstance(again, dg.SkipReason) and "already published" in again.skip_message


def test_schedule_and_sensor_are_on_by_default():
    # Quarterly refreshes and feed arrivals run without anyone switching them on in the UI.
    assert quarterly_spot_check_schedule.default_status == dg.DefaultScheduleStatus.RUNNING
    assert spot_check_feed_sensor.default_status == dg.DefaultSensorStatus.RUNNING
    assert quarterly_spot_check_schedule.execution_timezone == "Asia/Shanghai"
