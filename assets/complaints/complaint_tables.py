"""The complaint tables: the raw zone brought up to date with the landing folder (only new or changed
exports are parsed), then every table built from the raw zone's Parquet by DuckDB SQL
(warehouse/complaints/). Plain functions; assets/complaints/assets.py wraps them for Dagster."""

from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.compute as pc

from assets.complaints.export_files import ExportFile
from assets.complaints.raw_zone import RAW_ZONE_FOLDER, ParsedExport, parse_exports, write_raw_zone
from assets.errors import InputError
from assets.reference.prefectures import prefecture_codes
from warehouse import store
from warehouse.sql import parameters_of, sql_file

# Tables rebuilt from the raw zone on every run, in the order they are written.
DERIVED_TABLES = ("complaint", "complaint_quality", "records_monthly", "repeat_target", "complaint_alert", "handling_from_records")
MANIFEST_TABLE = "complaint_export"


@dataclass(frozen=True)
class ComplaintSettings:
    """The limits of the contract, as configuration (the asset's config in the UI)."""

    late_entry_hours: float = 24
    repeat_window_days: float = 90
    alert_minimum: int = 10
    alert_factor: float = 3
    acceptance_limit_hours: float = 72
    completion_limit_days: float = 60

    def parameters(self) -> dict:
        return dict(self.__dict__)


@dataclass
class RawZoneUpdate:
    parsed: list[str] = field(default_factory=list)  # exports read into the raw zone in this run
    kept: list[str] = field(default_factory=list)  # exports already in the raw zone from the same bytes
    removed: list[str] = field(default_factory=list)  # exports that left the landing folder
    refused: list[tuple[ExportFile, str]] = field(default_factory=list)  # exports refused, with the reason
    held: list[str] = field(default_factory=list)  # published exports whose new bytes were refused: they stay as published
    admitted: list[tuple[str, str]] = field(default_factory=list)  # (name, sha256) of the exports parsed and admitted


def raw_zone_of(published: Path) -> Path:
    """The raw zone lives beside the warehouse file: <folder of the warehouse>/raw/complaints/."""
    return published.parent / RAW_ZONE_FOLDER


def _manifest(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, list[str]]]:
    rows = con.execute(sql_file("complaints/manifest.sql")).fetchall()
    return {source_file: (sha256, list(raw_files)) for source_file, sha256, raw_files in rows}


def _manifest_row(parsed: ParsedExport, raw_files: list[str]) -> dict:
    rows = parsed.rows
    reported = pc.min_max(rows.column("reported_at")).as_py()
    return {
        "source_file": parsed.export.name,
        "source_sha256": parsed.export.sha256,
        "file_format": parsed.cells.file_format,
        "encoding": parsed.cells.encoding,
        "records": rows.num_rows,
        "first_reported_at": reported["min"],
        "last_reported_at": reported["max"],
        "provinces": sorted(pc.unique(rows.column("province")).to_pylist()),
        "months": sorted(pc.unique(rows.column("month")).to_pylist()),
        "personal_data_columns": parsed.cells.personal_data_columns,
        "other_columns_dropped": parsed.cells.other_columns_dropped,
        "raw_files": raw_files,
    }


def update_raw_zone(con: duckdb.DuckDBPyConnection, exports: list[ExportFile], raw_zone: Path) -> RawZoneUpdate:
    """Parse the exports that are new or changed since the manifest (table complaint_export) in `con`,
    write them to the raw zone and the manifest; drop the manifest rows of exports that are gone.

    Each export is a unit: one that breaks the contract, or gives a complaint id another content than
    another export does, is refused and changes nothing; if an earlier version of it was published,
    that version stays in the manifest, and so in every table. A conflict between a new export and a
    published one refuses the new one; between two new ones, both. The raw files of a refused export
    stay unreferenced (they are named by content, and reused if those bytes come again)."""
    con.execute(sql_file(f"tables/{MANIFEST_TABLE}.sql"))
    known = _manifest(con)
    update = RawZoneUpdate()
    to_parse = []
    for export in exports:
        sha256, raw_files = known.get(export.name, (None, []))
        if sha256 == export.sha256 and raw_files and all((raw_zone / name).exists() for name in raw_files):
            update.kept.append(export.name)
        else:
            to_parse.append(export)
    landed = {export.name for export in exports}
    update.removed = sorted(name for name in known if name not in landed)
    results = parse_exports(to_parse, lambda parsed: _manifest_row(parsed, write_raw_zone(parsed, raw_zone)))
    rows = {}
    for export, result in zip(to_parse, results, strict=True):
        if isinstance(result, InputError):
            update.refused.append((export, str(result)))
        else:
            rows[export.name] = result
    update.held = sorted(export.name for export, _ in update.refused if export.name in known and export.name not in update.removed)
    published = set(update.kept) | set(update.held)
    by_name = {export.name: export for export in to_parse}
    for name, reason in _conflicts(con, raw_zone, published, known, rows).items():
        update.refused.append((by_name[name], reason))
        del rows[name]
    update.refused.sort(key=lambda refused: refused[0].name)
    con.execute(sql_file("complaints/delete_exports.sql"), {"source_files": update.removed + sorted(rows)})
    if rows:
        store.write_table(con, MANIFEST_TABLE, pd.DataFrame(rows.values()))
    update.parsed = sorted(rows)
    update.admitted = [(name, row["source_sha256"]) for name, row in sorted(rows.items())]
    return update


def _conflicts(
    con: duckdb.DuckDBPyConnection, raw_zone: Path, published: set[str], known: dict[str, tuple[str, list[str]]], new_rows: dict[str, dict]
) -> dict[str, str]:
    """{new export: reason} for every new export that gives a complaint id another content than a
    published export, or than another new export, does (both files and rows named)."""
    if not new_rows:
        return {}
    files = sorted({*(name for name in published if name in known), *new_rows})
    raw_files = [str(raw_zone / raw) for name in files for raw in (new_rows[name]["raw_files"] if name in new_rows else known[name][1])]
    reasons: dict[str, str] = {}
    rows = con.execute(sql_file("complaints/conflicting_ids.sql"), {"raw_files": raw_files}).fetchall()
    for complaint_id, first_file, first_row, other_file, other_row, ids in rows:
        for this, this_row, that, that_row in (
            (first_file, first_row, other_file, other_row),
            (other_file, other_row, first_file, first_row),
        ):
            if this not in new_rows or this in reasons:
                continue
            more = f" ({ids - 1} more ids like it)" if ids > 1 else ""
            state = "published" if that in published else "also new, so both are refused"
            reasons[this] = str(
                InputError(
                    this,
                    f"row {this_row}, complaint id {complaint_id}",
                    "one content per complaint id (an exact copy of a record is dropped and counted)",
                    f"a different record with the same id in {that} row {that_row} ({state}){more}",
                )
            )
    return reasons


def _raw_files(con: duckdb.DuckDBPyConnection, raw_zone: Path) -> list[str]:
    return [str(raw_zone / name) for _, (_, names) in sorted(_manifest(con).items()) for name in names]


def build_complaint_tables(con: duckdb.DuckDBPyConnection, raw_zone: Path, settings: ComplaintSettings) -> dict[str, int]:
    """(Re)build every derived table from the raw zone's files listed in the manifest; rows per table."""
    # National volumes are aggregated within the connection's memory limit (warehouse/store.py).
    # Conflicting ids were settled export by export when the raw zone was updated (update_raw_zone);
    # check complaint.one_row_per_complaint_id confirms it on the table.
    raw_files = _raw_files(con, raw_zone)
    available = {"raw_files": raw_files, **settings.parameters()}
    # complaint.prefecture_code: the GB/T 2260 prefecture of each reporting unit (prefectures.csv).
    units = pd.DataFrame([(p, c, code) for (p, c), code in prefecture_codes().items()], columns=["province", "city", "prefecture_code"])
    con.register("reporting_unit_prefecture", units)
    for table in DERIVED_TABLES:
        con.execute(sql_file(f"tables/{table}.sql"))
        if raw_files:
            statement = sql_file(f"complaints/insert_{table}.sql")
            con.execute(statement, parameters_of(statement, available))
    return {table: store.row_count(con, table) for table in (MANIFEST_TABLE, *DERIVED_TABLES)}
