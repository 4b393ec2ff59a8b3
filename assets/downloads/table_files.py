"""Every published table and view as files a reader opens without SQL: CSV, Parquet and a zip of the CSVs.

Written from the published warehouse file, after it is published, so that a reader never sees files of
a run that did not publish. The files are written into a new folder beside downloads/, which then
takes its place (two renames); a reader never sees a half-written folder, only, for the instant
between the renames, none.

- CSV: UTF-8 with a byte-order mark, so that Excel on a Chinese-locale Windows opens it by
  double-click without garbling 汉字; dates and times in ISO 8601 (2017-07-01T08:30:00); NULL as an
  empty field; list columns as JSON arrays (["水", "大气"]).
- Parquet: the table's own types; the tables the warehouse keeps partitioned are partitioned the same
  way (complaint by month of 举报时间 and province, as the raw zone; the quarterly tables by quarter).
- The complaint records, millions at national volume, are written by month of 举报时间: one CSV per
  month (csv/complaint/2017-05.csv, each with its header; Excel opens at most 1,048,576 rows, a
  province's month fits) and that month's Parquet partitions. A build rewrites only the months whose
  raw files or copies changed, so a province's new export costs the downloads its own months, not
  every record again. The zip holds every other CSV: re-compressing every record on every publish
  would cost more than the rest of the build.
- A month of records with no exact copy left out is what its raw files hold, column for column:
  its Parquet partitions are hard links to them, and its CSV one scan of them, in their order.
- All the rest is written by DuckDB (COPY, through its relation API), never through pandas:
  `complaint` holds millions of rows at national volume.

A relation whose content did not change since the last downloads keeps its files (hard links into
the new folder), so a build of unchanged inputs writes only the tables whose rows name the run
(quality_check) and the package.
"""

import hashlib
import json
import os
import shutil
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb
from duckdb.sqltypes import VARCHAR

from assets.complaints.raw_zone import RAW_ZONE_FOLDER
from assets.output_folders import new_folder_for, replace_folder
from warehouse import sql, store
from warehouse.errors import Eco12369Error
from warehouse.registry import partitioned_tables, table_names

CSV_FOLDER = "csv"
PARQUET_FOLDER = "parquet"
CSV_ZIP = "eco12369-csv.zip"
# What each relation's files were written from, kept in the folder: a relation whose fingerprint is
# unchanged keeps its files.
WRITTEN_FROM = ".written-from.json"
BYTE_ORDER_MARK = "\ufeff"
# The raw zone's layout (assets/complaints/raw_zone.py): a column the Parquet download adds as its
# first partition, derived from 举报时间, so that it reads back as the raw zone does.
COMPLAINT_MONTH = "month"
PARTITIONS = {"complaint": (COMPLAINT_MONTH, "province"), **{table: ("quarter",) for table in partitioned_tables()}}
# Months of complaint records written side by side (the machine's cores, at most 4).
MONTH_WRITERS = min(4, os.cpu_count() or 1)
# Anything that changes how files are written changes every fingerprint.
_CODE = (Path(__file__), *sorted((sql.SQL_DIR / "export").glob("*.sql")))


@dataclass(frozen=True)
class Column:
    name: str
    data_type: str  # DuckDB's, e.g. VARCHAR, INTEGER, TIMESTAMP, VARCHAR[]
    description: str


@dataclass(frozen=True)
class CsvPart:
    """One month's CSV of the complaint records, relative to the downloads folder."""

    month: str  # YYYY-MM of reported_at
    path: str
    bytes: int
    sha256: str
    rows: int
    header_bytes: int  # its first line (byte-order mark and header), which a reader of all parts skips after the first
    fingerprint: str


@dataclass(frozen=True)
class RelationFiles:
    """One published table or view and the files written of it, relative to the downloads folder."""

    name: str
    kind: str  # "table" or "view"
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    rows: int
    csv: str
    csv_bytes: int
    csv_sha256: str
    parquet: str  # a file, or a folder of partitions
    parquet_partitions: tuple[str, ...]
    parquet_files: int
    fingerprint: str
    # The complaint records: one CSV per month (csv is then their folder, csv_bytes the bytes of the
    # parts read as one table, each header after the first skipped, and csv_sha256 empty).
    csv_parts: tuple[CsvPart, ...] = ()


# Tables of the registry that are the complaint step's bookkeeping, each row a projection of a record
# of complaint: left out of the downloads (a reader has the records), where at national volume each
# publish would write them anew, every row (open_complaint: about 900 k rows at 6 M records).
NOT_DOWNLOADED = frozenset({"open_complaint"})


def published_relations(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(name, kind) of every table of the registry but NOT_DOWNLOADED, and every view of
    warehouse/views/, by name.

    complaint_changed, the view of the records the last build changed, is plumbing for the checks
    (the records are all in complaint) and is left out too."""
    views = [path.stem for path in sql.view_files()]
    tables = [name for name in table_names() if name not in NOT_DOWNLOADED]
    return sorted([(name, "table") for name in tables] + [(name, "view") for name in views])


def _columns(con: duckdb.DuckDBPyConnection, name: str) -> tuple[Column, ...]:
    rows = con.execute(sql.sql_file("catalog/column_descriptions.sql"), {"table": name}).fetchall()
    return tuple(Column(*row) for row in rows)


def _fingerprint(con: duckdb.DuckDBPyConnection, name: str, columns: tuple[Column, ...], code_digest: str, known: dict[str, str]) -> str:
    """What the relation's rows are: a digest of its columns and of every row (order-free). `known`
    holds the fingerprints computed so far in this writing. (The records of complaint, a view over
    the raw zone, are fingerprinted by month instead, _complaint_months, without reading them.)"""
    if name in known:
        return known[name]
    digest = hashlib.sha256(code_digest.encode("ascii"))
    digest.update(json.dumps([asdict(column) for column in columns], ensure_ascii=False).encode("utf-8"))
    count, row_hashes = con.table(name).aggregate("count(*), coalesce(sum(hash(*columns(*))), 0)::varchar").fetchall()[0]
    digest.update(f"{count}:{row_hashes}".encode("ascii"))
    known[name] = digest.hexdigest()
    return known[name]


def _code_digest() -> str:
    digest = hashlib.sha256()
    for path in _CODE:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _csv_columns(columns: tuple[Column, ...]) -> list[duckdb.Expression]:
    """The CSV's columns: ISO 8601 times (a 'T' between date and time), JSON lists, and the BOM as the
    first character of the first header, which is where DuckDB's COPY lets it be written."""
    expressions = []
    for position, column in enumerate(columns):
        value = duckdb.ColumnExpression(column.name)
        if column.data_type.startswith("TIMESTAMP"):
            value = duckdb.FunctionExpression(
                "replace", value.cast(VARCHAR), duckdb.ConstantExpression(" "), duckdb.ConstantExpression("T")
            )
        elif column.data_type.endswith("[]"):
            value = duckdb.FunctionExpression("to_json", value).cast(VARCHAR)
        expressions.append(value.alias(BYTE_ORDER_MARK + column.name if position == 0 else column.name))
    return expressions


def _parquet_columns(name: str, columns: tuple[Column, ...]) -> list[duckdb.Expression]:
    listed = [duckdb.ColumnExpression(column.name) for column in columns]
    if name == "complaint":
        month = duckdb.FunctionExpression("strftime", duckdb.ColumnExpression("reported_at"), duckdb.ConstantExpression("%Y-%m"))
        return [month.alias(COMPLAINT_MONTH), *listed]
    return listed


def _write_relation(
    con: duckdb.DuckDBPyConnection, name: str, kind: str, columns: tuple[Column, ...], folder: Path, fingerprint: str
) -> RelationFiles:
    # In the order of all columns, so that the same rows always give the same bytes (and SHA-256):
    # a view's joins and a parallel read return them in any order.
    relation = con.table(name).order("all")
    csv_path = folder / CSV_FOLDER / f"{name}.csv"
    relation.select(*_csv_columns(columns)).write_csv(str(csv_path), header=True, na_rep="", quotechar='"')
    present = {column.name for column in columns}
    partitions = [column for column in PARTITIONS.get(name, ()) if column == COMPLAINT_MONTH or column in present]
    if partitions:
        parquet_path = folder / PARQUET_FOLDER / name
        relation.select(*_parquet_columns(name, columns)).write_parquet(str(parquet_path), compression="zstd", partition_by=partitions)
        parquet_path.mkdir(parents=True, exist_ok=True)  # an empty table writes no partition
        parquet_files = sum(1 for _ in parquet_path.rglob("*.parquet"))
    else:
        parquet_path = folder / PARQUET_FOLDER / f"{name}.parquet"
        relation.select(*_parquet_columns(name, columns)).write_parquet(str(parquet_path), compression="zstd")
        parquet_files = 1
    return _relation_files(
        con,
        name,
        kind,
        columns,
        fingerprint,
        csv=(csv_path.relative_to(folder).as_posix(), csv_path.stat().st_size, store.file_sha256(csv_path)),
        parquet=(parquet_path.relative_to(folder).as_posix(), tuple(partitions), parquet_files),
    )


def _relation_files(
    con: duckdb.DuckDBPyConnection,
    name: str,
    kind: str,
    columns: tuple[Column, ...],
    fingerprint: str,
    csv: tuple[str, int, str],
    parquet: tuple[str, tuple[str, ...], int],
    csv_parts: tuple[CsvPart, ...] = (),
) -> RelationFiles:
    primary_key = tuple(
        column for row in con.execute(sql.sql_file("export/primary_key.sql"), {"table": name}).fetchall() for column in row[0]
    )
    (description,) = con.execute(sql.sql_file("export/relation_description.sql"), {"name": name}).fetchall()[0]
    return RelationFiles(
        name=name,
        kind=kind,
        description=description,
        columns=columns,
        primary_key=primary_key,
        rows=store.row_count(con, name),
        csv=csv[0],
        csv_bytes=csv[1],
        csv_sha256=csv[2],
        parquet=parquet[0],
        parquet_partitions=parquet[1],
        parquet_files=parquet[2],
        fingerprint=fingerprint,
        csv_parts=csv_parts,
    )


def _is_view_over_raw_zone(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """complaint once an export is published (before that it is an empty table)."""
    return name in store.COUNTED_WITHOUT_READING and bool(
        con.execute(sql.sql_file("export/view_definition.sql"), {"view": name}).fetchall()
    )


@dataclass(frozen=True)
class ComplaintMonth:
    month: str  # YYYY-MM of reported_at
    raw_files: list[str]  # relative to the raw zone, in order
    fingerprint: str
    has_copies: bool  # whether complaint_copy lists records of it (left out of its downloads)


def _complaint_months(
    con: duckdb.DuckDBPyConnection, columns: tuple[Column, ...], code_digest: str, known: dict[str, str]
) -> list[ComplaintMonth]:
    """Every month of 举报时间 the published exports hold, with its raw files and its fingerprint.

    A month's fingerprint covers what its records are made of: its raw files (immutable, named by
    their export's SHA-256 and the definitions that parsed them, prefectures.csv among them), its copies
    left out, the reporting units, the columns and this code."""
    units = _fingerprint(con, "reporting_unit", _columns(con, "reporting_unit"), code_digest, known)
    shape = json.dumps([asdict(column) for column in columns], ensure_ascii=False)
    months = []
    for month, raw_files, copies_digest in con.execute(sql.sql_file("export/complaint_months.sql")).fetchall():
        digest = hashlib.sha256("\n".join([code_digest, shape, units, month, *raw_files, copies_digest]).encode("utf-8"))
        months.append(ComplaintMonth(month, raw_files, digest.hexdigest(), has_copies=copies_digest != ""))
    return months


def _write_complaint_by_month(
    con: duckdb.DuckDBPyConnection,
    columns: tuple[Column, ...],
    fingerprint: str,
    raw_zone: Path,
    months: list[ComplaintMonth],
    folder: Path,
    new_folder: Path,
    earlier: RelationFiles | None,
) -> tuple[RelationFiles, list[str]]:
    """The complaint records as one CSV and a folder of Parquet partitions per month, each month's
    files kept (linked) when its fingerprint is unchanged; and the months written anew."""
    name = "complaint"
    earlier_parts = {part.month: part for part in earlier.csv_parts} if earlier is not None else {}
    csv_folder = new_folder / CSV_FOLDER / name
    csv_folder.mkdir(parents=True)
    parquet_folder = new_folder / PARQUET_FOLDER / name
    parquet_folder.mkdir(parents=True)
    parts: dict[str, CsvPart] = {}
    to_write = []
    for month in months:
        before = earlier_parts.get(month.month)
        month_parquet = Path(PARQUET_FOLDER) / name / f"{COMPLAINT_MONTH}={month.month}"
        if before is not None and before.fingerprint == month.fingerprint and _reusable_part(folder, before, month_parquet):
            _link_tree(folder / before.path, new_folder / before.path)
            _link_tree(folder / month_parquet, new_folder / month_parquet)
            parts[month.month] = before
            continue
        missing = [raw_file for raw_file in month.raw_files if not (raw_zone / raw_file).is_file()]
        if missing:
            raise Eco12369Error(
                f"{raw_zone / missing[0]} (and {len(missing) - 1} more of month {month.month}): a raw file the published exports "
                f"list (table complaint_export, column raw_files) is missing; the raw zone must lie beside the warehouse file, "
                f"in {RAW_ZONE_FOLDER}/ (a warehouse copied without it needs `eco12369 build` in its folder)"
            )
        to_write.append(month)
    # The months to write, side by side on cursors of their own: each month's statements are small
    # (a few tens of thousands of records at national volume) and leave DuckDB's threads idle part
    # of the time; DuckDB releases the GIL while it works.
    with ThreadPoolExecutor(max_workers=MONTH_WRITERS) as pool:
        futures = [pool.submit(_write_month, con.cursor(), columns, month, raw_zone, new_folder) for month in to_write]
        for future in futures:
            part = future.result()
            parts[part.month] = part
    written = [month.month for month in to_write]
    parts = [parts[month.month] for month in months]
    # Read as one table (frictionless, or any reader of all the parts), each part's header after the first is skipped.
    stream_bytes = sum(part.bytes for part in parts) - sum(part.header_bytes for part in parts[1:])
    relation = _relation_files(
        con,
        name,
        "table",
        columns,
        fingerprint,
        csv=(csv_folder.relative_to(new_folder).as_posix(), stream_bytes, ""),
        parquet=(
            parquet_folder.relative_to(new_folder).as_posix(),
            (COMPLAINT_MONTH, "province"),
            sum(1 for _ in parquet_folder.rglob("*.parquet")),
        ),
        csv_parts=tuple(parts),
    )
    return relation, written


def _write_month(
    cursor: duckdb.DuckDBPyConnection, columns: tuple[Column, ...], month: ComplaintMonth, raw_zone: Path, new_folder: Path
) -> CsvPart:
    """One month's records as its CSV and its Parquet partitions (by province), on its own cursor.

    A month with no copy among its records is what its raw files hold, column for column (the raw zone
    stores prefecture_code with the records): its Parquet partitions are its raw files, hard-linked, and
    its CSV is written from one scan of them, in their order. A month with copies is read through
    complaint_rows.sql, which leaves them out, and written by DuckDB, sorted by each record's place in
    its export (unique): either way the same records give the same bytes."""
    with cursor:
        csv_path = new_folder / CSV_FOLDER / "complaint" / f"{month.month}.csv"
        month_parquet = new_folder / PARQUET_FOLDER / "complaint" / f"{COMPLAINT_MONTH}={month.month}"
        raw_files = [str(raw_zone / raw_file) for raw_file in month.raw_files]
        if month.has_copies:
            records = cursor.sql(sql.sql_file("complaints/complaint_rows.sql"), params={"raw_files": raw_files})
            records.order("source_file, source_row").select(*_csv_columns(columns)).write_csv(
                str(csv_path), header=True, na_rep="", quotechar='"'
            )
            listed = [duckdb.ColumnExpression(column.name) for column in columns]
            records.select(*listed).write_parquet(str(month_parquet), compression="zstd", partition_by=["province"])
            month_parquet.mkdir(exist_ok=True)  # a month whose every record is a copy writes no partition
        else:
            records = cursor.sql(sql.sql_file("export/complaint_month_records.sql"), params={"raw_files": raw_files})
            records.select(*_csv_columns(columns)).write_csv(str(csv_path), header=True, na_rep="", quotechar='"')
            month_parquet.mkdir()
            for raw_file in month.raw_files:
                # month=YYYY-MM/province=NAME/export-….parquet: the same partition folders the raw zone has.
                linked = month_parquet / Path(raw_file).relative_to(Path(raw_file).parts[0])
                linked.parent.mkdir(exist_ok=True)
                _link_or_copy(raw_zone / raw_file, linked)
        with csv_path.open("rb") as written_csv:
            header_bytes = len(written_csv.readline())
        return CsvPart(
            month=month.month,
            path=csv_path.relative_to(new_folder).as_posix(),
            bytes=csv_path.stat().st_size,
            sha256=store.file_sha256(csv_path),
            rows=_parquet_rows(cursor, month_parquet),
            header_bytes=header_bytes,
            fingerprint=month.fingerprint,
        )


def _parquet_rows(con: duckdb.DuckDBPyConnection, folder: Path) -> int:
    files = [str(path) for path in sorted(folder.rglob("*.parquet"))]
    return con.execute(sql.sql_file("export/parquet_rows.sql"), {"files": files}).fetchall()[0][0] if files else 0


def _reusable_part(folder: Path, part: CsvPart, month_parquet: Path) -> bool:
    csv_path = folder / part.path
    return csv_path.is_file() and csv_path.stat().st_size == part.bytes and (folder / month_parquet).is_dir()


def _previous(folder: Path) -> dict[str, RelationFiles]:
    try:
        recorded = json.loads((folder / WRITTEN_FROM).read_text(encoding="utf-8"))
        return {
            entry["name"]: RelationFiles(
                **{
                    **entry,
                    "columns": tuple(Column(**column) for column in entry["columns"]),
                    "primary_key": tuple(entry["primary_key"]),
                    "parquet_partitions": tuple(entry["parquet_partitions"]),
                    "csv_parts": tuple(CsvPart(**part) for part in entry.get("csv_parts", ())),
                }
            )
            for entry in recorded
        }
    except (OSError, ValueError, TypeError, KeyError):
        return {}


def _link_tree(source: Path, target: Path) -> None:
    """`source` (a file or a folder) at `target`, by hard links: the files are immutable once written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, target, copy_function=_link_or_copy)
    else:
        _link_or_copy(source, target)


def _link_or_copy(source: Path | str, target: Path | str) -> None:
    """A hard link of `source` at `target` (whose folder exists), or a copy where the file system links
    none (the downloads and the raw zone lie beside the warehouse file, on one file system, as a rule)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


@dataclass(frozen=True)
class WrittenDownloads:
    relations: list[RelationFiles]
    rewritten: list[str]  # the relations whose files were written anew; the others' were kept


def write_table_files(published: Path, folder: Path, write_package) -> WrittenDownloads:
    """Write the downloads of the warehouse `published` into `folder` (replacing it whole), reusing
    the files of relations whose fingerprint is unchanged; `write_package(con, relations, new_folder)`
    writes the package description into the new folder before it takes the old one's place."""
    previous = _previous(folder)
    new_folder = new_folder_for(folder)
    (new_folder / CSV_FOLDER).mkdir(parents=True)
    (new_folder / PARQUET_FOLDER).mkdir()
    code_digest = _code_digest()
    written, rewritten = [], []
    fingerprints: dict[str, str] = {}
    with store.connect(published, read_only=True) as con:
        for name, kind in published_relations(con):
            columns = _columns(con, name)
            earlier = previous.get(name)
            if _is_view_over_raw_zone(con, name):
                months = _complaint_months(con, columns, code_digest, fingerprints)
                # The records are what their months are.
                fingerprint = hashlib.sha256("".join(month.fingerprint for month in months).encode("ascii")).hexdigest()
                raw_zone = published.parent / RAW_ZONE_FOLDER
                relation, months_written = _write_complaint_by_month(
                    con, columns, fingerprint, raw_zone, months, folder, new_folder, earlier
                )
                written.append(relation)
                if months_written or earlier is None or earlier != relation:
                    rewritten.append(name)
                continue
            fingerprint = _fingerprint(con, name, columns, code_digest, fingerprints)
            if earlier is not None and earlier.fingerprint == fingerprint and _reusable(folder, earlier):
                _link_tree(folder / earlier.csv, new_folder / earlier.csv)
                _link_tree(folder / earlier.parquet, new_folder / earlier.parquet)
                written.append(earlier)
            else:
                written.append(_write_relation(con, name, kind, columns, new_folder, fingerprint))
                rewritten.append(name)
        _write_zip(new_folder, written, folder, previous)
        write_package(con, written, new_folder)
    (new_folder / WRITTEN_FROM).write_text(json.dumps([asdict(entry) for entry in written], ensure_ascii=False), encoding="utf-8")
    replace_folder(new_folder, folder)
    return WrittenDownloads(written, rewritten)


def _reusable(folder: Path, earlier: RelationFiles) -> bool:
    csv_path = folder / earlier.csv
    return csv_path.is_file() and csv_path.stat().st_size == earlier.csv_bytes and (folder / earlier.parquet).exists()


def _write_zip(new_folder: Path, written: list[RelationFiles], folder: Path, previous: dict[str, RelationFiles]) -> None:
    """The zip of every CSV but the complaint records' months; kept (linked) when none of its CSVs changed."""
    zipped = [entry for entry in written if not entry.csv_parts]
    unchanged = all(previous.get(entry.name) == entry for entry in zipped) and {n for n, e in previous.items() if not e.csv_parts} == {
        entry.name for entry in zipped
    }
    if unchanged and (folder / CSV_ZIP).is_file():
        os.link(folder / CSV_ZIP, new_folder / CSV_ZIP)
        return
    with zipfile.ZipFile(new_folder / CSV_ZIP, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for entry in zipped:
            archive.write(new_folder / entry.csv, arcname=entry.csv)
