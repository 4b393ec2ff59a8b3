"""Dagster asset for the region reference table."""

import dagster as dg

from assets.reference.regions import REGIONS_FILE, read_regions
from assets.table_metadata import table_materialization, table_spec
from pipelines import warehouse_store
from pipelines.resources import WarehouseResource


@dg.multi_asset(specs=[table_spec("region", group="staging_tables")])
def region(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Loads the committed region list into the run's staging warehouse."""
    frame = read_regions()
    with warehouse.staging_connection(context) as con:
        warehouse_store.write_table(con, "region", frame)
        warehouse_store.ensure_schema(con)
    return table_materialization("region", frame, {"source_file": dg.MetadataValue.path(str(REGIONS_FILE))})
