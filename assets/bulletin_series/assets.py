"""Dagster asset of the bulletin series: every bulletin in <landing>/bulletins/ as releases and figures."""

import dagster as dg

from assets.bulletin.notice import parse_notice
from assets.bulletin_series.landing_files import ANNUAL_NOTICE, SERIES_PAGE, read_manifest
from assets.bulletin_series.release import read_series_bulletin
from assets.bulletin_series.tables import notice_document, series_tables
from assets.reference.regions import read_regions
from assets.resources import WarehouseResource
from assets.table_metadata import table_materialization, table_spec
from warehouse import store
from warehouse.registry import SERIES, STAGING_GROUP, tables_written_by

SERIES_TABLES = tables_written_by(SERIES)


@dg.multi_asset(
    specs=[table_spec(table, group=STAGING_GROUP, deps=["raw_bulletins"]) for table in SERIES_TABLES],
    ins={"raw_bulletins": dg.AssetIn()},
)
def bulletin_series_tables(context: dg.AssetExecutionContext, warehouse: WarehouseResource, raw_bulletins: list[dict]):
    """Reads every bulletin (saved pages and annual notices) into releases, figures and parse notes."""
    provinces = tuple(read_regions().province)
    source_urls: dict[str, str] = {}
    documents, seen = [], {}
    for snapshot in raw_bulletins:
        if snapshot["kind"] == "manifest":
            source_urls.update(read_manifest(snapshot["content"], snapshot["file"]))
            continue
        if snapshot["sha256"] in seen:
            context.log.warning(f"skipped {snapshot['file']}: the same bytes as {seen[snapshot['sha256']]}")
            continue
        seen[snapshot["sha256"]] = snapshot["file"]
        if snapshot["kind"] == ANNUAL_NOTICE:
            documents.append(notice_document(parse_notice(snapshot["content"], snapshot["file"]), snapshot["content"]))
        elif snapshot["kind"] == SERIES_PAGE:
            documents.append(read_series_bulletin(snapshot["content"], snapshot["file"], snapshot["suffix"], provinces))
    tables = series_tables(documents, source_urls)
    with warehouse.staging_connection(context) as con:
        for table in SERIES_TABLES:
            store.write_table(con, table, tables[table])
            yield table_materialization(table, tables[table])
        store.ensure_schema(con)
