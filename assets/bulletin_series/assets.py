"""Dagster asset of the bulletin series: every bulletin in <landing>/bulletins/ as releases and figures."""

import dagster as dg

from assets.bulletin.notice import parse_notice
from assets.bulletin_series.changes import reader_version, series_changes
from assets.bulletin_series.landing_files import ANNUAL_NOTICE, SERIES_PAGE, read_manifest
from assets.bulletin_series.release import read_series_bulletin
from assets.bulletin_series.tables import notice_document, series_tables
from assets.reference.regions import read_regions
from assets.resources import WarehouseResource
from assets.table_metadata import table_materialization, table_spec
from warehouse import sql, store
from warehouse.registry import SERIES, STAGING_GROUP, tables_written_by

SERIES_TABLES = tables_written_by(SERIES)


@dg.multi_asset(
    specs=[table_spec(table, group=STAGING_GROUP, deps=["raw_bulletins"]) for table in SERIES_TABLES],
    ins={"raw_bulletins": dg.AssetIn()},
)
def bulletin_series_tables(context: dg.AssetExecutionContext, warehouse: WarehouseResource, raw_bulletins: list[dict]):
    """Reads the bulletins (saved pages and annual notices) that are new or changed since the published
    warehouse into releases, figures and parse notes; removes the releases of files that left the folder."""
    provinces = tuple(read_regions().province)
    source_urls: dict[str, str] = {}
    bulletins = []
    for snapshot in raw_bulletins:
        if snapshot["kind"] == "manifest":
            source_urls.update(read_manifest(snapshot["content"], snapshot["file"]))
        else:
            bulletins.append(snapshot)
    with warehouse.staging_connection(context) as con:
        for table in store.drop_if_columns_changed(con, SERIES_TABLES):
            context.log.warning(f"{table}: its columns changed since it was published; every bulletin is read again")
        store.ensure_schema(con)
        changes = series_changes(bulletins, con.execute(sql.sql_file("catalog/published_releases.sql")).fetchall(), reader_version())
        documents, seen = [], {}
        for snapshot in changes.to_read:
            if snapshot["sha256"] in seen:
                context.log.warning(f"skipped {snapshot['file']}: the same bytes as {seen[snapshot['sha256']]}")
                continue
            seen[snapshot["sha256"]] = snapshot["file"]
            if snapshot["kind"] == ANNUAL_NOTICE:
                documents.append(notice_document(parse_notice(snapshot["content"], snapshot["file"]), snapshot["content"]))
            elif snapshot["kind"] == SERIES_PAGE:
                documents.append(read_series_bulletin(snapshot["content"], snapshot["file"], snapshot["suffix"], provinces))
        context.log.info(
            f"read {len(documents)} bulletin(s); {len(changes.kept)} already published from the same bytes; "
            f"{len(changes.to_remove)} release(s) removed"
        )
        tables = series_tables(documents, source_urls, reader_version())
        sql.run_statements(con, "write/delete_releases.sql", {"release_ids": changes.to_remove + [d.release_id for d in documents]})
        for table in SERIES_TABLES:
            store.write_table(con, table, tables[table])
        for source_file, url in source_urls.items():
            sql.run_statements(con, "write/set_source_url.sql", {"url": url, "source_file": source_file})
        for table in SERIES_TABLES:
            yield table_materialization(
                table,
                con.table(table).df(),
                {"bulletins_read": len(documents), "bulletins_kept": len(changes.kept), "releases_removed": len(changes.to_remove)},
            )
        store.ensure_schema(con)
