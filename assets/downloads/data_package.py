"""downloads/datapackage.json: the downloads described as a Frictionless Data Package.

One tabular resource per published table and view (its CSV: path, format, encoding, bytes, SHA-256,
row count, and a table schema whose fields carry the column descriptions and types of the database,
with the primary key where the table declares one), the Parquet of each beside it, the package's
sources (the notices and bulletin pages with their addresses, the feeds, the exports, the reference
lists) and, on every resource derived from CONSTRUCTED samples, a flag and a sentence saying so.
`frictionless validate downloads/datapackage.json` checks it (tests/test_downloads.py does).
"""

import datetime as dt
import json
from pathlib import Path

import duckdb

from assets.downloads.table_files import COMPLAINT_MONTH, RelationFiles, WrittenDownloads, write_table_files
from assets.output_folders import DATA_PACKAGE, write_atomically
from warehouse import sql
from warehouse.registry import COMPLAINTS, NOTICE, QUALITY, REFERENCE, REFUSALS, SERIES, SPOT_CHECK_FEEDS, tables
from warehouse.sql import relations_read_by

# The kinds of input a table is read from, by the step that writes it.
NOTICES, BULLETIN_PAGES, FEEDS, EXPORTS, REFERENCE_LISTS = (
    "notices",
    "bulletin pages",
    "spot-check feeds",
    "complaint exports",
    "reference lists",
)
EVERY_INPUT = (NOTICES, BULLETIN_PAGES, FEEDS, EXPORTS, REFERENCE_LISTS)
INPUTS_OF_STEP = {
    NOTICE: (NOTICES,),
    SERIES: (NOTICES, BULLETIN_PAGES),  # the series holds the annual notices as releases too
    REFERENCE: (REFERENCE_LISTS,),
    SPOT_CHECK_FEEDS: (FEEDS,),
    COMPLAINTS: (EXPORTS, REFERENCE_LISTS),  # the records, and the reporting units (prefectures.csv) they name
    REFUSALS: EVERY_INPUT,
    QUALITY: EVERY_INPUT,
}
# Frictionless field types of DuckDB's column types; a list column is a JSON array in the CSV.
FIELD_TYPES = {
    "VARCHAR": "string",
    "BOOLEAN": "boolean",
    "DATE": "date",
    "TIMESTAMP": "datetime",
    "DOUBLE": "number",
    "FLOAT": "number",
    "TINYINT": "integer",
    "SMALLINT": "integer",
    "INTEGER": "integer",
    "BIGINT": "integer",
    "HUGEINT": "integer",
    "UBIGINT": "integer",
}


def field_type(data_type: str) -> str:
    if data_type.endswith("[]"):
        return "array"
    if data_type.startswith("DECIMAL"):
        return "number"
    return FIELD_TYPES.get(data_type, "any")


def inputs_of(relations: list[RelationFiles]) -> dict[str, tuple[str, ...]]:
    """The kinds of input each relation derives from: a table's from its step, a view's from the
    tables and views its SQL reads (warehouse/views/)."""
    of = {table.name: INPUTS_OF_STEP[table.written_by] for table in tables()}
    names = {relation.name for relation in relations}
    pending = [relation.name for relation in relations if relation.name not in of]
    while pending:
        progressed = False
        for view in list(pending):
            read = relations_read_by(sql.sql_file(f"views/{view}.sql")) & names - {view}
            if all(name in of for name in read):
                of[view] = tuple(kind for kind in EVERY_INPUT if any(kind in of[name] for name in read))
                pending.remove(view)
                progressed = True
        if not progressed:
            raise ValueError(f"views that read each other in a cycle: {pending}")
    return of


def _rows(con: duckdb.DuckDBPyConnection, relative_path: str) -> list[tuple]:
    return con.execute(sql.sql_file(relative_path)).fetchall()


def constructed_notes(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """A sentence for each kind of input of which this warehouse holds CONSTRUCTED samples: the feeds
    whose rows' note says so, the exports named constructed-… (assets/complaints/sample_exports.py)."""
    notes = {}
    quarters = [row[0] for row in _rows(con, "export/constructed_quarters.sql")]
    if quarters:
        notes[FEEDS] = (
            f"Derived from CONSTRUCTED sample spot-check feeds, not official figures: the feeds of {', '.join(quarters)} "
            "say in their rows' note that they are constructed (assets/spot_checks/sample_feeds.py)."
        )
    exports = [row[0] for row in _rows(con, "export/constructed_exports.sql")]
    if exports:
        notes[EXPORTS] = (
            f"Derived from CONSTRUCTED sample complaint exports, not official records: {len(exports)} of the exports "
            "are constructed samples (named constructed-…, with a 说明 column saying so; assets/complaints/sample_exports.py)."
        )
    return notes


def package_sources(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Every input the published warehouse was read from, as Data Package sources."""
    sources = []
    for source_file, kind, title, url, sha256 in _rows(con, "export/bulletin_sources.sql"):
        kind_title = "annual notice" if kind == "annual_notice" else "bulletin page"
        source = {"title": f"{kind_title}: {title or source_file}", "path": f"bulletins/{source_file}", "sha256": sha256}
        if url:
            source["url"] = url
        sources.append(source)
    for quarter, detail_file, sha256 in _rows(con, "export/feed_sources.sql"):
        sources.append({"title": f"spot-check feed {quarter}", "path": f"spot_checks/{detail_file}", "sha256": sha256})
    for source_file, sha256 in _rows(con, "export/export_sources.sql"):
        sources.append({"title": f"complaint export {source_file}", "path": f"complaints/{source_file}", "sha256": sha256})
    sources.append({"title": "regions: GB/T 2260 codes and NBS macro-regions", "path": "assets/reference/regions.csv"})
    sources.append(
        {"title": "prefectures and reporting units (GB/T 2260, and the notice's 附件1/附件2)", "path": "assets/reference/prefectures.csv"}
    )
    return sources


def _resource(relation: RelationFiles, inputs: tuple[str, ...], notes: dict[str, str]) -> dict:
    fields = [{"name": column.name, "type": field_type(column.data_type), "description": column.description} for column in relation.columns]
    schema: dict = {"fields": fields, "missingValues": [""]}
    if relation.primary_key:
        schema["primaryKey"] = list(relation.primary_key)
    resource = {
        "name": relation.name,
        "title": f"{relation.name} ({relation.kind})",
        "description": relation.description,
        "path": relation.csv,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        # With a byte-order mark, for Excel; readers that follow the encoding skip it.
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
        "bytes": relation.csv_bytes,
        "hash": f"sha256:{relation.csv_sha256}",
        "rows": relation.rows,
        "schema": schema,
        "sources": [{"title": kind} for kind in inputs],
        "parquet": {
            "path": relation.parquet,
            "files": relation.parquet_files,
            "partitioned_by": list(relation.parquet_partitions),
        },
    }
    if relation.csv_parts:
        # The records, one CSV per month: a multipart resource, which frictionless reads as one table
        # (each part's header after the first skipped). Its SHA-256 would mean reading every record on
        # every publish; each part has its own instead.
        resource["path"] = [part.path for part in relation.csv_parts]
        del resource["hash"]
        resource["parts"] = [
            {"path": part.path, "month": part.month, "bytes": part.bytes, "hash": f"sha256:{part.sha256}", "rows": part.rows}
            for part in relation.csv_parts
        ]
    if COMPLAINT_MONTH in relation.parquet_partitions:
        resource["parquet"]["note"] = f"Partitioned as the raw zone: {COMPLAINT_MONTH}=YYYY-MM (of reported_at), then province."
    constructed = [notes[kind] for kind in inputs if kind in notes]
    if constructed:
        resource["constructed"] = True
        resource["constructed_note"] = " ".join(constructed)
    return resource


def data_package(con: duckdb.DuckDBPyConnection, relations: list[RelationFiles], published: Path) -> dict:
    inputs = inputs_of(relations)
    notes = constructed_notes(con)
    return {
        "profile": "tabular-data-package",
        "name": "eco12369",
        "title": "eco12369: statistics of China's national 12369 environmental-complaint reporting system",
        "description": (
            "Every published table and view of the eco12369 warehouse, as CSV (UTF-8 with BOM) and Parquet. "
            "Every figure is read from an input (the sources); resources marked constructed derive from CONSTRUCTED samples."
        ),
        "created": dt.datetime.fromtimestamp(published.stat().st_mtime, dt.UTC).isoformat(timespec="seconds"),
        "sources": package_sources(con),
        "resources": [_resource(relation, inputs[relation.name], notes) for relation in relations],
    }


def write_data_package(con: duckdb.DuckDBPyConnection, relations: list[RelationFiles], folder: Path, published: Path) -> Path:
    path = folder / DATA_PACKAGE
    write_atomically(path, json.dumps(data_package(con, relations, published), ensure_ascii=False, indent=2).encode("utf-8"))
    return path


def write_downloads(published: Path, folder: Path) -> WrittenDownloads:
    """Write downloads/ of the published warehouse `published` into `folder`, package included."""
    return write_table_files(
        published, folder, lambda con, relations, new_folder: write_data_package(con, relations, new_folder, published)
    )
