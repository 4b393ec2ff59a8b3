"""The complaint tables: the raw zone brought up to date with the landing folder (only new or changed
exports are parsed), then every table built from the raw zone's Parquet by DuckDB SQL
(warehouse/complaints/). Plain functions; assets/complaints/assets.py wraps them for Dagster."""

import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.compute as pc

from assets.complaints.export_files import ExportFile
from assets.complaints.id_ranges import IdRanges
from assets.complaints.raw_zone import (
    RAW_ZONE_FOLDER,
    ParsedExport,
    delete_unreferenced_raw_files,
    is_parsed_as_now,
    parse_exports,
    write_raw_zone,
)
from assets.complaints.spark_engine import VIOLATION_TABLES, SparkLocations, compute_tables, load_tables
from assets.complaints.table_scopes import TableScope
from assets.errors import InputError
from assets.reference.prefectures import PREFECTURES_FILE, reporting_units
from assets.reference.regions import REGIONS_FILE, read_regions
from warehouse import store
from warehouse.registry import COMPLAINTS, tables_written_by
from warehouse.sql import SQL_DIR, comment_statements, parameters_of, run_statements, sql_file, table_ddl, with_list_literal

# Tables computed from the raw zone's records (view complaint, and complaint_copy before them), in the
# order they are written.
DERIVED_TABLES = ("complaint_quality", "open_complaint", "records_monthly", "repeat_target", "complaint_alert", "handling_from_records")
MANIFEST_TABLE = "complaint_export"
BASIS_TABLE = "complaint_tables_basis"
# The records of the partitions the last build changed (all of them when it computed the tables whole):
# what the checks of table complaint read, so that checking one new export does not read every record.
CHANGED_VIEW = "complaint_changed"


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
    raw_files_added: list[str] = field(default_factory=list)  # raw files of the admitted exports, relative to the raw zone
    raw_files_dropped: list[str] = field(default_factory=list)  # raw files the manifest no longer lists (removed or replaced exports)
    # Nothing was published before and no complaint id occurs twice in the exports admitted: no record
    # is a copy of another (what the conflict search found, so the copies need no search of their own).
    ids_unique: bool = False
    # The raw files' ranges of complaint ids, those of the files just written among them.
    id_ranges: IdRanges | None = None
    # Seconds summed over the exports parsed (on parallel threads): reading, checking, writing Parquet.
    seconds: dict[str, float] = field(default_factory=lambda: {"read": 0.0, "check": 0.0, "write": 0.0, "conflicts": 0.0})


@dataclass(frozen=True)
class TablesBasis:
    """What the complaint tables are computed with (table complaint_tables_basis)."""

    settings: "ComplaintSettings"
    definitions_sha256: str
    first_reported_at: object
    last_reported_at: object

    def same_definitions(self, other: "TablesBasis") -> bool:
        return self.settings == other.settings and self.definitions_sha256 == other.definitions_sha256


def definitions_sha256() -> str:
    """Of the SQL that defines the complaint tables (when any of it changes, they are computed whole
    again), and of the reference files the records are read
    and checked by (a changed region or unit list recomputes and rechecks every record)."""
    digest = hashlib.sha256()
    # warehouse/complaints/ and the DDL of every table the complaint step writes (warehouse/registry.py).
    definitions = [*SQL_DIR.glob("complaints/*.sql"), *(SQL_DIR / "tables" / f"{table}.sql" for table in tables_written_by(COMPLAINTS))]
    for path in sorted(definitions):
        digest.update(path.relative_to(SQL_DIR).as_posix().encode("utf-8") + b"\0" + path.read_bytes())
    for path in (REGIONS_FILE, PREFECTURES_FILE):
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()


def read_basis(con: duckdb.DuckDBPyConnection) -> TablesBasis | None:
    if BASIS_TABLE not in store.existing_tables(con):
        return None
    rows = con.execute(sql_file("complaints/tables_basis.sql")).fetchall()
    if not rows:
        return None
    settings, digest, first, last = rows[0]
    try:
        return TablesBasis(ComplaintSettings(**json.loads(settings)), digest, first, last)
    except (TypeError, ValueError):
        return None  # written by another release: the tables are computed whole


def write_basis(con: duckdb.DuckDBPyConnection, basis: TablesBasis, computed_by: str) -> None:
    row = {
        "settings": json.dumps(basis.settings.parameters(), sort_keys=True),
        "definitions_sha256": basis.definitions_sha256,
        "first_reported_at": basis.first_reported_at,
        "last_reported_at": basis.last_reported_at,
        "computed_by": computed_by,
    }
    store.write_table(con, BASIS_TABLE, pd.DataFrame([row]))


def write_reporting_units(con: duckdb.DuckDBPyConnection) -> None:
    """Table reporting_unit, from assets/reference/prefectures.csv (view complaint joins it)."""
    store.write_table(con, "reporting_unit", reporting_units())


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
        # Kept when the same bytes were parsed by the same definitions and their files are all there.
        if sha256 == export.sha256 and is_parsed_as_now(export, raw_files) and all((raw_zone / name).exists() for name in raw_files):
            update.kept.append(export.name)
        else:
            to_parse.append(export)
    landed = {export.name for export in exports}
    update.removed = sorted(name for name in known if name not in landed)
    update.id_ranges = IdRanges(raw_zone)
    counting = threading.Lock()

    def keep(parsed: ParsedExport) -> dict:
        started = time.perf_counter()
        row = _manifest_row(parsed, write_raw_zone(parsed, raw_zone, update.id_ranges))
        with counting:
            update.seconds["read"] += parsed.read_seconds
            update.seconds["check"] += parsed.check_seconds
            update.seconds["write"] += time.perf_counter() - started
        return row

    results = parse_exports(to_parse, keep)
    rows = {}
    for export, result in zip(to_parse, results, strict=True):
        if isinstance(result, InputError):
            update.refused.append((export, str(result)))
        else:
            rows[export.name] = result
    update.held = sorted(export.name for export, _ in update.refused if export.name in known and export.name not in update.removed)
    published = set(update.kept) | set(update.held)
    by_name = {export.name: export for export in to_parse}
    started = time.perf_counter()
    conflicts, update.ids_unique = _conflicts(con, raw_zone, published, known, rows, update.id_ranges)
    update.id_ranges.save()
    update.seconds["conflicts"] = time.perf_counter() - started
    for name, reason in conflicts.items():
        update.refused.append((by_name[name], reason))
        del rows[name]
    update.refused.sort(key=lambda refused: refused[0].name)
    leaving = update.removed + sorted(rows)
    con.execute(sql_file("complaints/delete_exports.sql"), {"source_files": leaving})
    if rows:
        store.write_table(con, MANIFEST_TABLE, pd.DataFrame(rows.values()))
    update.parsed = sorted(rows)
    update.admitted = [(name, row["source_sha256"]) for name, row in sorted(rows.items())]
    update.raw_files_added = sorted(raw for row in rows.values() for raw in row["raw_files"])
    update.raw_files_dropped = sorted(raw for name in leaving if name in known for raw in known[name][1])
    return update


def _conflicts(
    con: duckdb.DuckDBPyConnection,
    raw_zone: Path,
    published: set[str],
    known: dict[str, tuple[str, list[str]]],
    new_rows: dict[str, dict],
    id_ranges: IdRanges,
) -> tuple[dict[str, str], bool]:
    """{new export: reason} for every new export that gives a complaint id another content than a
    published export, or than another new export, does (both files and rows named); and whether no
    export is published and no id occurs twice in the new ones (then none is refused)."""
    if not new_rows:
        return {}, False
    new_names = [raw for name in sorted(new_rows) for raw in new_rows[name]["raw_files"]]
    new_files = [str(raw_zone / raw) for raw in new_names]
    published_names = [raw for name in sorted(published) if name in known for raw in known[name][1]]
    if published_names:
        # Only a published file whose ids' range overlaps a new file's can hold one of its ids.
        id_ranges.ensure(con, published_names + new_names)
        published_names = id_ranges.overlapping(published_names, new_names)
    published_files = [str(raw_zone / raw) for raw in published_names]
    if published_files:
        # Only the published files that share an id with the new ones can conflict with them.
        sharing = con.execute(
            sql_file("complaints/published_files_sharing_ids.sql"), {"new_files": new_files, "published_files": published_files}
        )
        published_files = [row[0] for row in sharing.fetchall()]
    raw_files = new_files + published_files
    if not published_files and con.execute(sql_file("complaints/repeated_id_count.sql"), {"raw_files": new_files}).fetchall()[0][0] == 0:
        return {}, not published
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
    return reasons, False


def _raw_files(con: duckdb.DuckDBPyConnection, raw_zone: Path) -> list[str]:
    return [str(raw_zone / name) for _, (_, names) in sorted(_manifest(con).items()) for name in names]


@dataclass(frozen=True)
class SparkEngine:
    """The complaint tables computed by Spark (spark_engine.py): a session, and where it reads and writes."""

    session: object  # pyspark.sql.SparkSession
    locations: SparkLocations


def build_complaint_tables(
    con: duckdb.DuckDBPyConnection,
    raw_zone: Path,
    settings: ComplaintSettings,
    update: RawZoneUpdate | None = None,
    spark: SparkEngine | None = None,
    seconds: dict[str, float] | None = None,
) -> dict[str, int]:
    """Bring every complaint table up to date with the manifest; rows per table. `seconds`, when given,
    receives the time each table's statement took (DuckDB's engine), for the benchmark's breakdown.

    With the `update` that changed the raw zone, and tables computed before with the same settings
    and SQL, only the rows its changed partitions can reach are computed again (table_scopes.py);
    otherwise every table is computed from all raw files. Either way the result is the same, row for
    row (tests/test_complaint_increments.py). With `spark`, Spark computes every table whole from the
    same raw files and SQL, and the warehouse loads them (equal to DuckDB's: tests/test_spark_cluster.py).
    View complaint is defined over every published raw file."""
    raw_files = _raw_files(con, raw_zone)
    ((first, last),) = con.execute(sql_file("complaints/manifest_range.sql")).fetchall()
    basis = TablesBasis(settings, definitions_sha256(), first, last)
    previous = read_basis(con)
    bounds = {"first_reported_at": first, "last_reported_at": last}
    computed_by = "duckdb"
    # With no raw file there is nothing for Spark to read: the empty tables are DuckDB's to write.
    if spark is not None and raw_files:
        write_reporting_units(con)
        available = {**settings.parameters(), **bounds, "scoped": False, "weeks_from": None, "weeks_to": None}
        available["known_provinces"] = known_provinces()
        available["every_record_changed"] = True  # Spark computes every table whole
        lookups = {"reporting_unit": con.table("reporting_unit").df()}
        # Every table, the checks' frames included.
        written = compute_tables(spark.session, [_relative(path, raw_zone) for path in raw_files], spark.locations, lookups, available)
        load_tables(con, written)
        changed_files = raw_files
        computed_by = f"spark {spark.session.sparkContext.master}"
    elif update is None or previous is None or not previous.same_definitions(basis) or not _tables_exist(con):
        # prefectures.csv is part of the definitions: reporting_unit is written with every whole computation.
        write_reporting_units(con)
        copies_possible = not (update is not None and update.ids_unique)
        _compute_all(con, raw_files, {**settings.parameters(), **bounds}, copies_possible, seconds)
        changed_files = raw_files
    else:
        changed = [*update.raw_files_added, *update.raw_files_dropped]
        scope = TableScope.of(changed, published=[_relative(path, raw_zone) for path in raw_files], before=previous, after=basis)
        _compute_scope(con, raw_zone, scope, {**settings.parameters(), **bounds}, seconds)
        changed_files = [str(raw_zone / name) for name in scope.files_of_partitions()]
    write_basis(con, basis, computed_by)
    define_complaint_view(con, "complaint", raw_files)
    define_complaint_view(con, CHANGED_VIEW, changed_files)
    if computed_by == "duckdb":
        every_record_changed = set(changed_files) == set(raw_files)
        id_files = None if every_record_changed else _files_sharing_id_ranges(con, raw_zone, raw_files, changed_files, update)
        compute_violation_frames(con, every_record_changed, seconds, id_files)
    return {table: store.row_count(con, table) for table in tables_written_by(COMPLAINTS)}


def _files_sharing_id_ranges(
    con: duckdb.DuckDBPyConnection, raw_zone: Path, raw_files: list[str], changed_files: list[str], update: RawZoneUpdate | None
) -> list[str]:
    """The published raw files (paths) in which an id of `changed_files` can occur: those whose ids'
    range overlaps a changed file's (id_ranges.py), the changed files among them."""
    id_ranges = update.id_ranges if update is not None and update.id_ranges is not None else IdRanges(raw_zone)
    published = [_relative(path, raw_zone) for path in raw_files]
    changed = [_relative(path, raw_zone) for path in changed_files]
    id_ranges.ensure(con, published)
    id_ranges.save()
    return [str(raw_zone / name) for name in id_ranges.overlapping(published, changed)]


def known_provinces() -> list[str]:
    """The provinces a record may name: the regions of assets/reference/regions.csv (table region)."""
    return read_regions()["province"].tolist()


def compute_violation_frames(
    con: duckdb.DuckDBPyConnection,
    every_record_changed: bool,
    seconds: dict[str, float] | None = None,
    id_files: list[str] | None = None,
) -> None:
    """Tables complaint_violation and complaint_repeated_id from views complaint and complaint_changed
    (DuckDB's engine; Spark computes them from its own records in spark_engine.py).
    `every_record_changed`: complaint_changed is complaint (the tables were computed whole).
    `id_files`: the raw files in which complaint_changed's ids are looked up (complaint_rows, the
    records of table complaint in them); None: all of table complaint."""
    available = {"known_provinces": known_provinces(), "every_record_changed": every_record_changed}
    if id_files is None:
        con.table("complaint").create_view("complaint_rows", replace=True)
    else:
        _read_rows(con, id_files)
    try:
        for table in VIOLATION_TABLES:
            con.execute(table_ddl(table))
            _insert(con, table, available, seconds)
    finally:
        con.execute(sql_file("complaints/drop_complaint_rows.sql"))


def _relative(path: str, raw_zone: Path) -> str:
    """A raw file's path as _raw_files makes it (raw_zone / name) back as its name, by cutting the
    folder off: a build does this for every published raw file, and Path.relative_to took 15 µs each."""
    folder = f"{raw_zone}/"
    if path.startswith(folder):
        return path[len(folder) :]
    return Path(path).relative_to(raw_zone).as_posix()


def _tables_exist(con: duckdb.DuckDBPyConnection) -> bool:
    return {"complaint_copy", *DERIVED_TABLES} <= store.existing_tables(con)


def _insert(con: duckdb.DuckDBPyConnection, table: str, available: dict, seconds: dict[str, float] | None = None) -> None:
    started = time.perf_counter()
    statement = sql_file(f"complaints/insert_{table}.sql")
    con.execute(statement, parameters_of(statement, available))
    if seconds is not None:
        seconds[table] = seconds.get(table, 0.0) + time.perf_counter() - started


def _read_rows(con: duckdb.DuckDBPyConnection, raw_files: list[str]) -> None:
    """View complaint_rows: the records of `raw_files` as table complaint has them (dropped again by
    the caller: a relation's view is stored in the database)."""
    if raw_files:
        rows = con.sql(sql_file("complaints/complaint_rows.sql"), params={"raw_files": raw_files})
    else:
        rows = con.sql(sql_file("complaints/no_complaint_rows.sql"))
    rows.create_view("complaint_rows", replace=True)


def _compute_all(
    con: duckdb.DuckDBPyConnection, raw_files: list[str], available: dict, copies_possible: bool = True, seconds: dict | None = None
) -> None:
    """Every complaint table from `raw_files`; complaint_copy stays empty when no copy is possible
    (`copies_possible` false: no complaint id occurs twice in them)."""
    for table in ("complaint_copy", *DERIVED_TABLES):
        con.execute(sql_file(f"tables/{table}.sql"))
    if not raw_files:
        return
    if copies_possible:
        _insert(con, "complaint_copy", {**available, "raw_files": raw_files}, seconds)
    _read_rows(con, raw_files)
    con.register("alert_scope", pd.DataFrame({"province": pd.Series(dtype=str), "week_start": pd.Series(dtype="datetime64[s]")}))
    for table in DERIVED_TABLES:
        _insert(con, table, {**available, "scoped": False, "weeks_from": None, "weeks_to": None}, seconds)
    con.execute(sql_file("complaints/drop_complaint_rows.sql"))
    con.unregister("alert_scope")


def _compute_scope(
    con: duckdb.DuckDBPyConnection, raw_zone: Path, scope: "TableScope", available: dict, seconds: dict | None = None
) -> None:
    """Delete the rows of every complaint table that `scope` reaches and compute them again, each from
    the raw files of the partitions its rows depend on."""
    con.register("alert_scope", scope.alert_weeks())
    deleted = scope.delete_parameters()
    run_statements(con, "complaints/delete_scope.sql", deleted)
    files = lambda names: [str(raw_zone / name) for name in names]  # noqa: E731
    if partition_files := scope.files_of_partitions():
        _insert(con, "complaint_copy", {**available, "raw_files": files(partition_files)}, seconds)
    if scope.latest_moved:
        statement = sql_file("complaints/update_open_lateness.sql")
        moved = {**available, "years": deleted["years"], "previous_last_reported_at": scope.previous_last_reported_at}
        con.execute(statement, parameters_of(statement, moved))
    weeks_from, weeks_to = scope.alert_weeks_read()
    for table, names in scope.inputs().items():
        if names:
            _read_rows(con, files(names))
            _insert(con, table, {**available, "scoped": True, "weeks_from": weeks_from, "weeks_to": weeks_to}, seconds)
    con.execute(sql_file("complaints/drop_complaint_rows.sql"))
    con.unregister("alert_scope")


def define_complaint_view(con: duckdb.DuckDBPyConnection, name: str, raw_files: list[str]) -> None:
    """View `name` (complaint, or complaint_changed): the records of `raw_files` as complaint_rows.sql
    reads them, with the descriptions of warehouse/tables/complaint.sql (and, for complaint_changed,
    of warehouse/complaints/complaint_changed.sql); with no raw file, complaint is the empty table of
    its DDL and complaint_changed a view of none of its rows.

    The records stay in the raw zone's Parquet: the warehouse file holds the aggregates only, so
    staging, checking and publishing it do not grow with the records. DuckDB binds no parameters in a
    view's definition, so the file list is written into it as a literal (warehouse/sql.py)."""
    # fetchall: a result left unfinished blocks the connection's next statement (duckdb 2).
    for (kind,) in con.execute(sql_file("catalog/object_kind.sql"), {"name": name}).fetchall():
        con.execute(sql_file(f"complaints/drop_{name}_{kind}.sql"))
    if raw_files:
        select = with_list_literal(sql_file("complaints/complaint_rows.sql"), "raw_files", raw_files)
        con.execute(f"create view {name} as\n" + select)  # name: "complaint" or CHANGED_VIEW, never input
    elif name == "complaint":
        con.execute(table_ddl("complaint"))
        return
    else:
        con.execute(sql_file(f"complaints/{name}_empty.sql"))
    comments = comment_statements(table_ddl("complaint"), as_view=True)
    if name != "complaint":
        # The column descriptions of complaint, and a description of its own.
        comments = [statement.replace("comment on column complaint.", f"comment on column {name}.") for statement in comments[1:]]
        comments += comment_statements(sql_file(f"complaints/{name}.sql"))
    con.execute(";\n".join(comments))  # one call: forty round trips cost more than the view


def raw_files_of_warehouse(path: Path) -> set[str]:
    """The raw files (relative to the raw zone) the manifest of the warehouse file at `path` lists; none
    when there is no such file or it has no manifest. Opened read-only: the caller holds the writer lock."""
    if not path.exists():
        return set()
    with store.connect(path, read_only=True) as con:
        if MANIFEST_TABLE not in store.existing_tables(con):
            return set()
        return {name for _, (_, names) in _manifest(con).items() for name in names}


def tidy_raw_zone(raw_zone: Path, published: Path, previous: set[str], others: list[Path]) -> list[str]:
    """After a publish: delete the raw files that no manifest a reader or a run may still use lists:
    the warehouse just published, the one it replaced (`previous`: a reader that opened it keeps
    reading its files), and the staging copies of runs not yet published (`others`). What a refused or
    removed export left in the raw zone goes, with its files' ranges of ids; the names deleted."""
    referenced = raw_files_of_warehouse(published) | previous
    for staging in others:
        referenced |= raw_files_of_warehouse(staging)
    deleted = delete_unreferenced_raw_files(raw_zone, referenced)
    if deleted:
        id_ranges = IdRanges(raw_zone)
        id_ranges.keep_only(referenced)
        id_ranges.save()
    return deleted
