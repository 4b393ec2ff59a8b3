"""Parsing one export into the raw zone: typed and validated by DuckDB SQL (warehouse/complaints/), then
written once as plain Parquet, hive-partitioned by month and province, beside the warehouse file.

The raw zone is what every complaint table is built from, and what a cluster engine (Spark, Trino)
reads when one machine is not enough (docs/deploy.md). A file is named by the export's SHA-256 and
by what parses it (PARSE_DEFINITIONS), so writing the same export again gives a file of the same name,
and an export is parsed only when its bytes, or the definitions that parse it, are new to the
published warehouse.
"""

import functools
import hashlib
import os
import shutil
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from assets.complaints.export_contract import (
    CHANNELS,
    OUTCOMES,
    POLLUTION_ORDER,
    POLLUTION_SEPARATORS,
    POLLUTION_SUFFIX,
    POLLUTION_TYPES,
    STATUSES,
    TIMESTAMP_FORMATS,
)
from assets.complaints.export_files import ExportCells, ExportFile, read_export_cells
from assets.complaints.id_ranges import IdRanges
from assets.errors import InputError
from assets.reference.prefectures import PREFECTURES_FILE, prefecture_codes, prefecture_spellings
from assets.reference.regions import REGIONS_FILE, read_regions
from warehouse.sql import SQL_DIR, parameters_of, sql_file

RAW_ZONE_FOLDER = Path("raw") / "complaints"
# An export's files are written into a folder named so, inside the raw zone, and then moved into place.
WRITING_PREFIX = ".writing-"
# A writing folder older than this is a leftover of a run that stopped (one export takes seconds).
LEFTOVER_AGE_SECONDS = 24 * 3600
PARSE_WORKERS = min(4, os.cpu_count() or 1)
T = TypeVar("T")
PARTITIONING = ds.partitioning(pa.schema([("month", pa.string()), ("province", pa.string())]), flavor="hive")
# What a raw file is derived from besides its export's bytes: the contract, the reading and checking
# code, and the reference lists (a unit's prefecture_code is stored with its records). A change to any
# of them names every raw file anew, so that each export is parsed again (raw_file_stem).
PARSE_DEFINITIONS = (
    Path(__file__),
    Path(__file__).with_name("export_contract.py"),
    Path(__file__).with_name("export_files.py"),
    SQL_DIR / "complaints" / "typed_export.sql",
    SQL_DIR / "complaints" / "export_violations.sql",
    SQL_DIR / "complaints" / "raw_zone_rows.sql",
    PREFECTURES_FILE,
    REGIONS_FILE,
)

# The vocabularies as SQL parameters: a word's code is at the same position in the codes list.
VOCABULARY_PARAMETERS = {
    "timestamp_formats": list(TIMESTAMP_FORMATS),
    "channel_words": list(CHANNELS),
    "channel_codes": list(CHANNELS.values()),
    "status_words": list(STATUSES),
    "status_codes": list(STATUSES.values()),
    "outcome_words": list(OUTCOMES),
    "outcome_codes": list(OUTCOMES.values()),
    "pollution_words": list(POLLUTION_TYPES),
    "pollution_codes": list(POLLUTION_TYPES.values()),
    "pollution_order": list(POLLUTION_ORDER),
    "pollution_separators": POLLUTION_SEPARATORS.pattern,
    "pollution_suffix": POLLUTION_SUFFIX.pattern,
}


@dataclass(frozen=True)
class ParsedExport:
    export: ExportFile
    cells: ExportCells
    rows: pa.Table  # the raw zone's columns, month included
    read_seconds: float = 0.0  # reading and decoding the file into text cells
    check_seconds: float = 0.0  # typing the cells and checking them against the contract (DuckDB)


def reading_connection() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the spellings of provinces (regions.csv) and prefectures (GB/T 2260)."""
    # Each reading connection holds one export at a time; one thread of DuckDB's each, since the exports
    # are parsed side by side.
    con = duckdb.connect(config={"threads": 1})
    regions = read_regions()
    provinces = pd.DataFrame(
        [(name, row.province) for row in regions.itertuples() for name in {row.province, row.full_name} if name],
        columns=["spelling", "province"],
    )
    codes = prefecture_codes()
    prefectures = pd.DataFrame(
        [(p, s, c, codes.get((p, c))) for (p, s), c in prefecture_spellings().items()],
        columns=["province", "spelling", "city", "prefecture_code"],
    )
    con.register("province_spelling", provinces)
    con.register("prefecture_spelling", prefectures)
    return con


def _run(con: duckdb.DuckDBPyConnection, relative_path: str, extra: dict | None = None):
    statement = sql_file(relative_path)
    return con.execute(statement, parameters_of(statement, {**VOCABULARY_PARAMETERS, **(extra or {})}))


def parse_export(con: duckdb.DuckDBPyConnection, export: ExportFile, threads: bool = True) -> ParsedExport:
    """One export's records, typed and checked against the contract; the first broken rule is an
    InputError naming the file, the record, the column, the value and what was expected. `threads`:
    whether reading the file may use several threads (not when exports are parsed side by side)."""
    started = time.perf_counter()
    cells = read_export_cells(export, threads)
    read = time.perf_counter() - started
    con.register("export_cells", cells.cells)
    try:
        _run(con, "complaints/typed_export.sql")
        for _rule, row, header, found, expected, records in _run(con, "complaints/export_violations.sql").fetchall():
            more = f" (and {records - 1} more records)" if records > 1 else ""
            raise InputError(export.name, f"row {row}{more}, column {header}", expected, found)
        statement = sql_file("complaints/raw_zone_rows.sql")
        parameters = parameters_of(statement, {"source_file": export.name, "source_sha256": export.sha256})
        rows = _in_record_order(con.sql(statement, params=parameters).to_arrow_table())
    finally:
        con.unregister("export_cells")
    return ParsedExport(export, cells, rows, read, time.perf_counter() - started - read)


def _in_record_order(rows: pa.Table) -> pa.Table:
    """`rows` by source_row: the raw zone's files keep an export's records in its order."""
    source_row = rows.column("source_row")
    if rows.num_rows > 1 and not pc.all(pc.less(source_row[:-1], source_row[1:])).as_py():
        return rows.sort_by("source_row")
    return rows


@functools.cache
def parse_definitions_sha256() -> str:
    """A digest of PARSE_DEFINITIONS, by name and content."""
    digest = hashlib.sha256()
    for path in PARSE_DEFINITIONS:
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()


def raw_file_stem(export: ExportFile) -> str:
    """Named by the export's name and content and by what parses it: the same bytes landing again under
    the same name write the same files; under another name, files of their own (each records its
    source_file); after a change to the contract, the parsing code or the reference lists, new files."""
    named = f"{export.name}\0{export.sha256}\0{parse_definitions_sha256()}"
    return "export-" + hashlib.sha256(named.encode()).hexdigest()[:16]


def is_parsed_as_now(export: ExportFile, raw_files: list[str]) -> bool:
    """Whether `raw_files` (the manifest's, for `export`) were written from these bytes by the parsing
    definitions of now (a raw file's name begins with raw_file_stem)."""
    stem = raw_file_stem(export) + "-"
    return bool(raw_files) and all(Path(name).name.startswith(stem) for name in raw_files)


def write_raw_zone(parsed: ParsedExport, raw_zone: Path, id_ranges: IdRanges | None = None) -> list[str]:
    """Write the export's rows under `raw_zone` (month=YYYY-MM/province=NAME/export-SHA-0.parquet);
    the files written, relative to `raw_zone`. Each file's range of complaint ids goes to `id_ranges`,
    from the statistics the writer keeps anyway.

    The files are written into a folder of their own and then moved into place: a file of the same name
    already there is replaced, never overwritten, since the downloads hold hard links to raw files
    (assets/downloads/table_files.py) and must keep the bytes they listed."""
    written: list[str] = []
    staging = raw_zone / f"{WRITING_PREFIX}{raw_file_stem(parsed.export)}-{uuid.uuid4().hex[:8]}"

    def visit(written_file) -> None:
        name = Path(written_file.path).relative_to(staging).as_posix()
        written.append(name)
        if id_ranges is not None:
            id_ranges.add(name, *_id_range(written_file.metadata))

    try:
        ds.write_dataset(
            parsed.rows,
            staging,
            format="parquet",
            partitioning=PARTITIONING,
            basename_template=raw_file_stem(parsed.export) + "-{i}.parquet",
            file_visitor=visit,
        )
        for name in written:
            (raw_zone / name).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / name, raw_zone / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return sorted(written)


def _id_range(metadata) -> tuple[str | None, str | None]:
    """(lowest, highest) complaint_id of a written Parquet file by its row groups' statistics; (None,
    None) when a row group has none."""
    names = [metadata.schema.column(index).name for index in range(metadata.num_columns)]
    column = names.index("complaint_id")
    lows, highs = [], []
    for group in range(metadata.num_row_groups):
        statistics = metadata.row_group(group).column(column).statistics
        if statistics is None or not statistics.has_min_max:
            return None, None
        lows.append(statistics.min)
        highs.append(statistics.max)
    return (min(lows), max(highs)) if lows else (None, None)


def parse_exports(exports: list[ExportFile], keep: Callable[[ParsedExport], T], workers: int = PARSE_WORKERS) -> list[T | InputError]:
    """`keep(parsed)` of every export of the list, in order, or the InputError of an export that breaks
    the contract (each export is a unit of its own: one broken file never stops the others). An export's
    rows are dropped once `keep` has stored them, so memory holds a few exports, never all the records.
    Exports are parsed on `workers` threads, each with a DuckDB connection of its own: DuckDB and Arrow
    work outside Python's lock, so two cores parse two at once."""
    if not exports:
        return []
    local = threading.local()
    connections = []
    workers = max(1, min(workers, len(exports)))

    def parse(export: ExportFile) -> T | InputError:
        if not hasattr(local, "con"):
            local.con = reading_connection()
            connections.append(local.con)
        try:
            return keep(parse_export(local.con, export, threads=workers == 1))
        except InputError as error:
            return error

    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(parse, exports))
    finally:
        for con in connections:
            con.close()


__all__ = ["InputError", "ParsedExport", "delete_unreferenced_raw_files", "parse_export", "parse_exports", "write_raw_zone"]


def delete_unreferenced_raw_files(raw_zone: Path, referenced: set[str]) -> list[str]:
    """Delete the raw zone's Parquet files that are not in `referenced` (names relative to the raw zone),
    and the partition folders left empty; the names deleted."""
    if not raw_zone.is_dir():
        return []
    deleted = []
    for path in sorted(raw_zone.glob("month=*/province=*/*.parquet")):
        name = path.relative_to(raw_zone).as_posix()
        if name not in referenced:
            path.unlink(missing_ok=True)
            deleted.append(name)
    # What a run that stopped while writing left; not a folder another run may be writing into now.
    for leftover in raw_zone.glob(WRITING_PREFIX + "*"):
        if time.time() - leftover.stat().st_mtime > LEFTOVER_AGE_SECONDS:
            shutil.rmtree(leftover, ignore_errors=True)
    for folder in sorted(raw_zone.glob("month=*/province=*")) + sorted(raw_zone.glob("month=*")):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    return deleted
