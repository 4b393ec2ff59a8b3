"""The restructuring into one-way layers changed no behaviour: the same tables with the same rows, the
same assets, groups, checks, jobs, sensors and schedules.

The expected values in tests/snapshots/ were recorded from commit abcfd2d (the layout before the
restructuring), by building data/landing as committed; see each file's `_about`. What was added since
(the bulletin series: its tables, views and checks) is compared separately; everything recorded
then must be exactly as it was.
"""

import json

import duckdb
import pytest

from pipelines.definitions import defs
from tests.support.digests import checksums_of_recorded_relations
from tests.support.landing import PROJECT_ROOT
from warehouse.registry import COMPLAINTS, REFUSALS, SERIES, tables_written_by

# What was added since the snapshot: the bulletin series (issue 10), the complaint records (issue 12),
# the refused inputs (issue 16) and the view of the records the checks read (issue 18).
ADDED_TABLES = set(tables_written_by(SERIES)) | set(tables_written_by(COMPLAINTS)) | set(tables_written_by(REFUSALS))
ADDED_VIEWS = {
    "figure_conflict",
    "reports_monthly",
    "stated_change_check",
    "records_vs_bulletin",
    "handling_records_vs_notice",
    "complaint_changed",
}
# Written from the published file after publishing (issue 20): the Data Docs and the downloads, which
# the report links to and so follows.
AFTER_PUBLISHING = {"data_docs", "downloads"}
ADDED_ASSETS = ADDED_TABLES | {"complaint_exports"} | AFTER_PUBLISHING
# Columns added to tables of the snapshot: when and in which run each check outcome was validated (issue 20).
ADDED_COLUMNS = {"quality_check": ["validated_at TIMESTAMP", "validated_in_run VARCHAR"]}

SNAPSHOTS = PROJECT_ROOT / "tests" / "snapshots"


def _snapshot(name: str) -> dict:
    return json.loads((SNAPSHOTS / name).read_text(encoding="utf-8"))


@pytest.mark.slow
def test_a_build_publishes_the_same_tables_and_rows_as_before(fresh_build):
    expected = _snapshot("published_warehouse.json")
    with duckdb.connect(str(fresh_build), read_only=True) as con:
        columns = con.execute(
            "select table_name, column_name, data_type from information_schema.columns order by table_name, ordinal_position"
        ).fetchall()
    schema: dict[str, list[str]] = {}
    for table, column, data_type in columns:
        if f"{column} {data_type}" not in ADDED_COLUMNS.get(table, ()):
            schema.setdefault(table, []).append(f"{column} {data_type}")
    found = {(table, f"{column} {data_type}") for table, column, data_type in columns}
    assert {(table, column) for table, added in ADDED_COLUMNS.items() for column in added} <= found
    assert {t: c for t, c in schema.items() if t in expected["schema"]} == expected["schema"]
    assert set(schema) - set(expected["schema"]) == ADDED_TABLES | ADDED_VIEWS
    recorded_assets = set(_snapshot("definitions.json")["assets"])
    assert checksums_of_recorded_relations(fresh_build, expected["contents_sha256"], recorded_assets) == expected["contents_sha256"]


def test_the_ui_shows_the_same_assets_groups_checks_and_automations():
    expected = _snapshot("definitions.json")
    repository = defs.get_repository_def()
    graph = repository.asset_graph
    assets = {}
    for key in graph.get_all_asset_keys():
        node = graph.get(key)
        assets[key.to_user_string()] = {
            "group": node.group_name,
            "partitioned": node.partitions_def is not None,
            "checks": sorted(check.name for check in node.check_keys),
            "deps": sorted(parent.to_user_string() for parent in node.parent_keys),
        }
    recorded = expected["assets"]
    assert set(assets) - set(recorded) == ADDED_ASSETS
    for key, was in recorded.items():
        now = assets[key]
        assert {k: now[k] for k in ("group", "partitioned", "checks")} == {k: was[k] for k in ("group", "partitioned", "checks")}, key
        # The record of the checks depends on every input table, the added ones now too.
        assert set(was["deps"]) <= set(now["deps"]) and set(now["deps"]) - set(was["deps"]) <= ADDED_TABLES | AFTER_PUBLISHING, key
    jobs = {job.name for job in repository.get_all_jobs() if not job.name.startswith("__")}
    assert jobs - set(expected["jobs"]) == {"ingest_bulletins", "ingest_complaints"} and set(expected["jobs"]) <= jobs
    sensors = {sensor.name for sensor in repository.sensor_defs}
    assert (
        sensors - set(expected["sensors"]) == {"bulletin_arrival_sensor", "complaint_export_sensor"} and set(expected["sensors"]) <= sensors
    )
    assert sorted(schedule.name for schedule in repository.schedule_defs) == expected["schedules"]
