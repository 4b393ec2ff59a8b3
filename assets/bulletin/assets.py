"""Dagster assets of the annual notices: the raw snapshot of the landing files, and the tables parsed from them."""

import hashlib

import dagster as dg

from assets.bulletin.notice import parse_notice
from assets.bulletin.tables import build_tables
from assets.bulletin_series.landing_files import ANNUAL_NOTICE, BULLETIN_FOLDER, MANIFEST_NAME, PAGE_SUFFIXES, classify_bulletin
from assets.errors import InputError
from assets.landing_folders import COMPLAINTS_FOLDER, SPOT_CHECK_FOLDER
from assets.resources import WarehouseResource
from assets.table_metadata import table_materialization, table_spec
from warehouse import store
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
        if path.name == MANIFEST_NAME:
            kind = "manifest"
        elif suffix in PAGE_SUFFIXES:
            kind = classify_bulletin(content, suffix)
        else:
            raise InputError(str(path), "file name", f"a bulletin saved as {'/'.join(sorted(PAGE_SUFFIXES))}", path.suffix)
        snapshots.append(
            {
                "file": path.name,
                "kind": kind,
                "suffix": suffix,
                "sha256": hashlib.sha256(content).hexdigest(),
                "size": len(content),
                "content": content,
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
    """Parses every notice and writes its tables into the run's staging warehouse."""
    notices = [parse_notice(s["content"], s["file"]) for s in raw_bulletins if s["kind"] == ANNUAL_NOTICE]
    tables = build_tables(notices)
    for skipped in tables.skipped_duplicates:
        context.log.warning(f"skipped a second copy of a notice: {skipped}")
    with warehouse.staging_connection(context) as con:
        for table in BULLETIN_TABLES:
            frame = getattr(tables, table)
            store.write_table(con, table, frame)
            yield table_materialization(table, frame)
        store.ensure_schema(con)
