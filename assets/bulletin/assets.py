"""Dagster assets of the annual notices: the raw snapshot of the landing files, and the tables parsed from them."""

import functools
import hashlib

import dagster as dg

from assets.bulletin.notice_admission import PublishedNotice, admit_notices, notice_tables_frames
from assets.bulletin_files import (
    ANNUAL_NOTICE,
    BULLETIN_FOLDER,
    MANIFEST_NAME,
    PAGE_SUFFIXES,
    UNREADABLE,
    classify_bulletin,
)
from assets.errors import InputError
from assets.landing_folders import COMPLAINTS_FOLDER, SPOT_CHECK_FOLDER, landing_path
from assets.reference.regions import read_regions
from assets.resources import WarehouseResource
from assets.table_metadata import table_materialization, table_spec
from expectations.check_memo import CheckMemo
from expectations.unit_checks import error_check_failures
from warehouse import sql, store
from warehouse.refusals import NOTICE_KIND, record_refusals
from warehouse.registry import NOTICE, STAGING_GROUP, tables_written_by

BULLETIN_TABLES = tables_written_by(NOTICE)
# The other inputs a landing folder may hold instead of bulletins.
OTHER_INPUT_FOLDERS = (SPOT_CHECK_FOLDER, COMPLAINTS_FOLDER)


@dg.asset(group_name="raw_snapshots", kinds={"python"}, owners=["team:eco12369"])
def raw_bulletins(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> list[dict]:
    """The bulletins in `<landing>/bulletins/` exactly as received: name, kind, SHA-256, size and bytes.

    A file is an annual notice or a saved bulletin page (.txt, .htm, .html), told apart by its text;
    SOURCES.csv, if present, says where each page was saved from. Every row downstream carries the
    file name and checksum it was parsed from.
    """
    folder = warehouse.landing / BULLETIN_FOLDER
    if not folder.is_dir():
        # A landing folder may hold only feeds or complaint exports; one with none of the three is a mistake.
        if any((warehouse.landing / other).is_dir() for other in OTHER_INPUT_FOLDERS):
            context.log.info(f"no bulletins folder in {warehouse.landing}: the bulletin tables stay empty")
            context.add_output_metadata({"dagster/row_count": 0, "landing_folder": dg.MetadataValue.path(str(folder))})
            return []
        raise InputError(
            str(folder),
            "folder",
            f"a folder of bulletins (.txt, .htm, .html) in the landing folder, or one of {', '.join(OTHER_INPUT_FOLDERS)}",
        )
    snapshots = []
    for path in sorted(p for p in folder.iterdir() if not p.name.startswith(".")):
        content = path.read_bytes()
        suffix = path.suffix.lower()
        reason = None
        if path.name == MANIFEST_NAME:
            kind = "manifest"
        elif suffix in PAGE_SUFFIXES:
            kind = classify_bulletin(content, suffix)
        else:
            # Refused by the series step, which owns the folder's refusals of kind bulletin.
            kind = UNREADABLE
            reason = str(InputError(str(path), "file name", f"a bulletin saved as {'/'.join(sorted(PAGE_SUFFIXES))}", path.suffix))
        snapshots.append(
            {
                "file": path.name,
                "kind": kind,
                "suffix": suffix,
                "sha256": hashlib.sha256(content).hexdigest(),
                "size": len(content),
                "content": content,
                "reason": reason,
            }
        )
    if not any(snapshot["kind"] != "manifest" for snapshot in snapshots):
        raise InputError(str(folder), "folder", "at least one bulletin", "no files")
    context.add_output_metadata(
        {
            "files": dg.MetadataValue.md(
                "| file | kind | bytes | sha256 |\n|---|---|---|---|\n"
                + "\n".join(f"| {s['file']} | {s['kind']} | {s['size']} | `{s['sha256']}` |" for s in snapshots)
            ),
            "dagster/row_count": len(snapshots),
            "landing_folder": dg.MetadataValue.path(str(folder)),
        }
    )
    return snapshots


@dg.multi_asset(
    specs=[table_spec(table, group=STAGING_GROUP, deps=["raw_bulletins"]) for table in BULLETIN_TABLES],
    ins={"raw_bulletins": dg.AssetIn()},
)
def bulletin_tables(context: dg.AssetExecutionContext, warehouse: WarehouseResource, raw_bulletins: list[dict]):
    """Reads and checks every notice on its own and writes the notices admitted into the run's staging
    warehouse; a refused notice publishes nothing, and the published rows of its earlier version stay."""
    regions = read_regions()
    memo = CheckMemo(warehouse.check_memo_folder)
    with warehouse.staging_connection(context) as con:
        published = [PublishedNotice(*row) for row in con.execute(sql.sql_file("catalog/published_notices.sql")).fetchall()]
        admission = admit_notices(
            [s for s in raw_bulletins if s["kind"] == ANNUAL_NOTICE],
            published,
            lambda tables: error_check_failures(notice_tables_frames(tables), regions, memo, context.run.run_id),
            functools.partial(landing_path, BULLETIN_FOLDER),
        )
        for skipped in admission.tables.skipped_duplicates:
            context.log.warning(f"skipped a second copy of a notice: {skipped}")
        for refusal in admission.refusals:
            context.log.warning(f"refused: {refusal.reason}")
        frames = notice_tables_frames(admission.tables)
        for table in BULLETIN_TABLES:
            store.write_table_keeping(con, table, frames[table], "bulletin_id", admission.held_bulletin_ids)
        record_refusals(con, NOTICE_KIND, admission.refusals, context.run.run_id)
        for table in BULLETIN_TABLES:
            yield table_materialization(
                table,
                con.table(table).df(),
                {"notices_refused": len(admission.refusals), "notices_held_as_published": len(admission.held_bulletin_ids)},
            )
