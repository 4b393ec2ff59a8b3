"""The same inputs give the same tables, run after run; re-running a quarter changes nothing else."""

import shutil

import pytest

from pipelines.definitions import build_definitions
from pipelines.jobs import INGEST_QUARTER, REFRESH_WAREHOUSE, refresh_arguments
from pipelines.resources import warehouse_resource
from tests.support.digests import content_checksums
from tests.support.instance import instance_for_test
from tests.support.landing import NOTICE_PATH, PROJECT_ROOT
from tests.support.selection import up_to_publishing
from warehouse.registry import table_names

pytestmark = pytest.mark.slow

QUARTERS = ["2017Q1", "2017Q2", "2017Q3", "2017Q4"]


def test_build_twice_and_rerun_a_quarter_give_identical_tables(tmp_path):
    landing = tmp_path / "landing"
    (landing / "bulletins").mkdir(parents=True)
    shutil.copy(NOTICE_PATH, landing / "bulletins")
    shutil.copytree(PROJECT_ROOT / "data" / "landing" / "spot_checks", landing / "spot_checks")
    shutil.copytree(PROJECT_ROOT / "data" / "landing" / "complaints", landing / "complaints")
    warehouse = tmp_path / "wh" / "12369.duckdb"
    defs = build_definitions(warehouse_resource(landing_dir=str(landing), warehouse_path=str(warehouse)))
    refresh = defs.resolve_job_def(REFRESH_WAREHOUSE)
    with instance_for_test() as instance:
        arguments = refresh_arguments(defs, instance, QUARTERS)
        selection = up_to_publishing(refresh, arguments["asset_selection"])
        assert refresh.execute_in_process(instance=instance, tags=arguments["tags"], asset_selection=selection).success
        first = content_checksums(warehouse)
        assert refresh.execute_in_process(instance=instance, tags=arguments["tags"], asset_selection=selection).success
        assert content_checksums(warehouse) == first
        ingest = defs.resolve_job_def(INGEST_QUARTER)
        assert ingest.execute_in_process(instance=instance, partition_key="2017Q3", asset_selection=up_to_publishing(ingest)).success
        assert content_checksums(warehouse) == first
    # Every table has rows of its own (distinct digests), but those empty when all is well: nothing was
    # refused (refused_input), and no record breaks the contract or repeats an id (the violation frames).
    empty_when_well = {"refused_input", "complaint_violation", "complaint_repeated_id"}
    with_rows = {table: digest for table, digest in first.items() if table not in empty_when_well}
    assert len(first) == len(table_names()) and len(set(with_rows.values())) == len(with_rows)
