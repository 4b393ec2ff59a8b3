"""Dagster asset for the region reference table."""

import dagster as dg

from assets.reference.regions import REGIONS_FILE, read_regions
from assets.resources import WarehouseResource
from assets.table_metadata import table_materialization, table_spec
from warehouse import store
from warehouse.registry import REFERENCE, STAGING_GROUP, tables_written_by

(REGION,) = tables_written_by(REFERENCE)


@dg.multi_asset(specs=[table_spec(REGION, group=STAGING_GROUP)])
def region(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Loads the committed region list into the run's staging warehouse."""
    frame = read_regions()
    with warehouse.staging_connection(context) as con:
        store.write_table(con, REGION, frame)
    return table_materialization(REGION, frame, {"source_file": dg.MetadataValue.path(str(REGIONS_FILE))})
