"""The downloads asset: every published table and view as CSV and Parquet, with a Frictionless data package."""

import dagster as dg

from assets.downloads.data_package import DATA_PACKAGE, write_downloads
from assets.downloads.table_files import CSV_ZIP
from assets.resources import WarehouseResource


@dg.asset(
    group_name="reports",
    deps=["published_warehouse"],
    kinds={"csv", "parquet"},
    owners=["team:eco12369"],
    tags={"audience": "analysts"},
)
def downloads(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Every published table and view of the warehouse as files for readers who do not write SQL, in
    downloads/ beside the warehouse file: csv/<table>.csv (UTF-8 with BOM, for Excel), parquet/ (partitioned
    where the table is), a zip of the CSVs and datapackage.json, a Frictionless Data Package describing
    them (fields with their descriptions, row counts, SHA-256, sources, which derive from CONSTRUCTED
    samples). Written from the published file; a table whose rows did not change keeps its files."""
    written = write_downloads(warehouse.published, warehouse.downloads)
    context.log.info(
        f"downloads: {len(written.rewritten)} of {len(written.relations)} tables and views written anew in {warehouse.downloads}"
    )
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(warehouse.downloads)),
            "data_package": dg.MetadataValue.path(str(warehouse.downloads / DATA_PACKAGE)),
            "csv_zip": dg.MetadataValue.path(str(warehouse.downloads / CSV_ZIP)),
            "tables_and_views": len(written.relations),
            "written_anew": dg.MetadataValue.json(written.rewritten),
            "rows": dg.MetadataValue.json({relation.name: relation.rows for relation in written.relations}),
        }
    )
