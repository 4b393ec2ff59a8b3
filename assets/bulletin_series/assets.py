"""Dagster asset of the bulletin series: every bulletin in <landing>/bulletins/ as releases and figures."""

import functools

import dagster as dg

from assets.bulletin.notice import parse_notice
from assets.bulletin_files import ANNUAL_NOTICE, BULLETIN_FOLDER, SERIES_PAGE, UNREADABLE, read_manifest
from assets.bulletin_series.changes import reader_version, series_changes
from assets.bulletin_series.release import read_series_bulletin
from assets.bulletin_series.tables import notice_document, series_tables
from assets.errors import InputError
from assets.landing_folders import landing_path
from assets.reference.regions import read_regions
from assets.resources import WarehouseResource
from assets.table_metadata import table_materialization, table_spec
from expectations.check_memo import CheckMemo
from expectations.unit_checks import admit_by_checks, error_check_failures, refusal_reason
from warehouse import sql, store
from warehouse.refusals import BULLETIN_KIND, NOTICE_KIND, Refusal, record_refusals, refusals_of_kind
from warehouse.registry import NOTICE, SERIES, STAGING_GROUP, tables_written_by

SERIES_TABLES = tables_written_by(SERIES)
# The notice step runs first: a notice it refused is not read into the series either.
NOTICE_TABLES = tables_written_by(NOTICE)
bulletin_path = functools.partial(landing_path, BULLETIN_FOLDER)


@dg.multi_asset(
    specs=[table_spec(table, group=STAGING_GROUP, deps=["raw_bulletins", NOTICE_TABLES[0]]) for table in SERIES_TABLES],
    ins={"raw_bulletins": dg.AssetIn()},
)
def bulletin_series_tables(context: dg.AssetExecutionContext, warehouse: WarehouseResource, raw_bulletins: list[dict]):
    """Reads the bulletins (saved pages and annual notices) that are new or changed since the published
    warehouse into releases, figures and parse notes, each page read and checked on its own; removes the
    releases of files that left the folder. A refused page (or a notice the notice step refused)
    publishes nothing, and the release of its earlier version stays as published."""
    regions = read_regions()
    provinces = tuple(regions.province)
    memo = CheckMemo(warehouse.check_memo_folder)
    version = reader_version()
    source_urls: dict[str, str | None] = {}
    bulletins, refusals = [], []
    for snapshot in raw_bulletins:
        if snapshot["kind"] == "manifest":
            try:
                source_urls.update(read_manifest(snapshot["content"], snapshot["file"]))
            except InputError as error:
                refusals.append(Refusal(bulletin_path(snapshot["file"]), BULLETIN_KIND, snapshot["sha256"], str(error)))
        elif snapshot["kind"] == UNREADABLE:
            refusals.append(Refusal(bulletin_path(snapshot["file"]), BULLETIN_KIND, snapshot["sha256"], snapshot["reason"]))
        else:
            bulletins.append(snapshot)
    with warehouse.staging_connection(context) as con:
        for table in store.drop_if_columns_changed(con, SERIES_TABLES):
            context.log.warning(f"{table}: its columns changed since it was published; every bulletin is read again")
        store.ensure_schema(con)  # the tables just dropped, empty with their new columns
        refused_notices = {refusal.source_file for refusal in refusals_of_kind(con, NOTICE_KIND)}
        published = con.execute(sql.sql_file("catalog/published_releases.sql")).fetchall()
        file_of_release = {release_id: source_file for release_id, source_file, _, _ in published}
        changes = series_changes(bulletins, published, version)
        documents, seen, held = [], {}, set()
        for snapshot in changes.to_read:
            if bulletin_path(snapshot["file"]) in refused_notices:
                held.add(snapshot["file"])
                continue
            if snapshot["sha256"] in seen:
                context.log.warning(f"skipped {snapshot['file']}: the same bytes as {seen[snapshot['sha256']]}")
                continue
            seen[snapshot["sha256"]] = snapshot["file"]
            try:
                if snapshot["kind"] == ANNUAL_NOTICE:
                    documents.append(notice_document(parse_notice(snapshot["content"], snapshot["file"]), snapshot["content"]))
                elif snapshot["kind"] == SERIES_PAGE:
                    documents.append(read_series_bulletin(snapshot["content"], snapshot["file"], snapshot["suffix"], provinces))
            except InputError as error:
                refusals.append(Refusal(bulletin_path(snapshot["file"]), BULLETIN_KIND, snapshot["sha256"], str(error)))
                held.add(snapshot["file"])
        documents, refused = admit_by_checks(
            documents, lambda batch: error_check_failures(series_tables(batch, source_urls, version), regions, memo, context.run.run_id)
        )
        for document, failures in refused:
            reason = refusal_reason(document.source_file, failures)
            refusals.append(Refusal(bulletin_path(document.source_file), BULLETIN_KIND, document.source_sha256, reason))
            held.add(document.source_file)
        for refusal in refusals:
            context.log.warning(f"refused: {refusal.reason}")
        # A refused file's earlier version stays as it was published.
        to_remove = [release_id for release_id in changes.to_remove if file_of_release[release_id] not in held]
        context.log.info(
            f"read {len(documents)} bulletin(s); {len(changes.kept)} already published from the same bytes; "
            f"{len(to_remove)} release(s) removed; {len(refusals)} refused"
        )
        tables = series_tables(documents, source_urls, version)
        sql.run_statements(con, "write/delete_releases.sql", {"release_ids": to_remove + [d.release_id for d in documents]})
        for table in SERIES_TABLES:
            store.write_table(con, table, tables[table])
        for source_file, url in source_urls.items():
            sql.run_statements(con, "write/set_source_url.sql", {"url": url, "source_file": source_file})
        record_refusals(con, BULLETIN_KIND, refusals, context.run.run_id)
        for table in SERIES_TABLES:
            yield table_materialization(
                table,
                con.table(table).df(),
                {
                    "bulletins_read": len(documents),
                    "bulletins_kept": len(changes.kept),
                    "releases_removed": len(to_remove),
                    "bulletins_refused": len(refusals),
                },
            )
