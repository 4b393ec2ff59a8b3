"""The warehouse resource as the code location, the command line and the tests bind it."""

import os

from assets.resources import WarehouseResource
from pipelines.dagster_internals import DagsterRunHistory
from warehouse.locations import DEFAULT_LANDING, DEFAULT_WAREHOUSE


def warehouse_resource(
    landing_dir: str = DEFAULT_LANDING, warehouse_path: str = DEFAULT_WAREHOUSE, reports_dir: str = ""
) -> WarehouseResource:
    return WarehouseResource(landing_dir=landing_dir, warehouse_path=warehouse_path, reports_dir=reports_dir, runs=DagsterRunHistory())


def warehouse_from_environment() -> WarehouseResource:
    """Locations from ECO12369_LANDING, ECO12369_WAREHOUSE and ECO12369_REPORTS, with the project's folders as defaults."""
    return warehouse_resource(
        landing_dir=os.getenv("ECO12369_LANDING", DEFAULT_LANDING),
        warehouse_path=os.getenv("ECO12369_WAREHOUSE", DEFAULT_WAREHOUSE),
        reports_dir=os.getenv("ECO12369_REPORTS", ""),
    )
