"""The exports in `<landing>/complaints/`, and reading one of them (CSV, Excel or Parquet) into a table of
text cells named by the contract's columns. Plain functions, one file at a time: an export is one
province and usually one month, so a file's rows fit in memory where all the records would not."""

import codecs
import csv
import datetime as dt
import io
import json
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from assets.complaints.export_contract import (
    COLUMNS,
    COMPLAINTS_FOLDER,
    EXPORT_SUFFIXES,
    MISSING_MARKERS,
    PERSONAL_DATA_HEADER,
    REQUIRED_HEADERS,
)
from assets.errors import InputError
from warehouse.store import file_sha256 as _file_sha256

# What trimming removes besides ASCII whitespace: the ideographic space, no-break space and a stray BOM.
_TRIMMED = " \t\r\n\u3000\u00a0\ufeff"
_BEIJING = "Asia/Shanghai"
HASH_WORKERS = 4


@dataclass(frozen=True)
class ExportFile:
    path: Path
    name: str  # the file's name in <landing>/complaints/, as messages and table complaint name it
    sha256: str


@dataclass(frozen=True)
class ExportCells:
    """One export's records as text cells, by contract column, plus what was left out of them."""

    # source_row (1 = the first record after the header), one text column per contract column, target_key
    cells: pa.Table
    file_format: str
    encoding: str | None
    personal_data_columns: list[str]  # headers dropped because they carry a reporter's personal data
    other_columns_dropped: list[str]  # headers outside the contract, never stored


def find_exports(landing: Path, digests_folder: Path | None = None) -> list[ExportFile]:
    """The export files of `<landing>/complaints/` in name order, each with its SHA-256; none when the
    folder is absent. Hidden files are ignored; a file that is not .csv, .xlsx or .parquet is left out
    (export_folder_problems names it).

    Hashing every export on every build would grow with all the records ever landed, so a file's digest
    is remembered, in `digests_folder` (beside the warehouse file) when given, by its size and
    modification time, and computed again when either changes (as rsync and make decide)."""
    paths = _export_paths(landing)[0]
    digests = ExportDigests(digests_folder)
    # Side by side: hashlib and file reads release Python's lock, and a first build hashes every export.
    with ThreadPoolExecutor(max_workers=HASH_WORKERS) as pool:
        found = [ExportFile(path, path.name, sha256) for path, sha256 in zip(paths, pool.map(digests.sha256, paths), strict=True)]
    digests.save()
    return found


def export_folder_problems(landing: Path) -> list[InputError]:
    """The files of `<landing>/complaints/` that are no export by their name."""
    return _export_paths(landing)[1]


def _export_paths(landing: Path) -> tuple[list[Path], list[InputError]]:
    folder = landing / COMPLAINTS_FOLDER
    if not folder.is_dir():
        return [], []
    found, problems = [], []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.is_dir():
            continue
        if path.suffix.lower() not in EXPORT_SUFFIXES:
            problems.append(InputError(path.name, "file name", "a complaint export ending in .csv, .xlsx or .parquet", path.name))
            continue
        found.append(path)
    return found, problems


DIGESTS_FILE = ".export-digests.json"


class ExportDigests:
    """SHA-256 of export files by path, size and modification time: in this process, and in a JSON file
    of `folder` across processes (a cache: lost or stale entries are computed again)."""

    _in_process: dict[tuple, str] = {}

    def __init__(self, folder: Path | None):
        self.file = folder / DIGESTS_FILE if folder is not None else None
        self.remembered: dict[str, list] = {}
        self.changed = False
        if self.file is not None:
            try:
                self.remembered = json.loads(self.file.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.remembered = {}

    def sha256(self, path: Path) -> str:
        stat = path.stat()
        identity = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
        key = identity[0]
        entry = self.remembered.get(key)
        if entry is not None and entry[:2] == [stat.st_size, stat.st_mtime_ns]:
            return entry[2]
        digest = self._in_process.get(identity)
        if digest is None:
            digest = _file_sha256(path)
            self._in_process[identity] = digest
        self.remembered[key] = [stat.st_size, stat.st_mtime_ns, digest]
        self.changed = True
        return digest

    def save(self) -> None:
        if self.file is None or not self.changed:
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.file.parent, prefix=f".{DIGESTS_FILE}.")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(self.remembered, out, ensure_ascii=False)
            os.replace(temporary, self.file)
        except OSError:
            pass  # a cache only: the next build hashes again


def read_export_cells(export: ExportFile, threads: bool = True) -> ExportCells:
    """`threads`: Arrow may read a CSV on several threads (when this export is the only one read at
    the time; parse_exports reads several side by side, one thread each)."""
    suffix = export.path.suffix.lower()
    if suffix == ".csv":
        headers, columns, encoding = _csv_columns(export, threads)
    elif suffix == ".xlsx":
        headers, columns, encoding = _xlsx_columns(export)
    else:
        headers, columns, encoding = _parquet_columns(export)
    return _contract_cells(export, headers, columns, suffix.lstrip("."), encoding)


def _csv_columns(export: ExportFile, threads: bool = True) -> tuple[list[str], list, str]:
    """The header and the text columns of a CSV in UTF-8 (with or without BOM) or, failing that, GB18030.

    A UTF-8 file is handed to Arrow as it is: Arrow checks every cell's UTF-8 as it reads, so the file
    is not decoded in Python as well (that was a fifth of reading one). Only GB18030 is decoded and
    written again as UTF-8 first."""
    raw = export.path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise InputError(export.name, "whole file", "a CSV text file", "binary data (NUL bytes)")
    if raw.startswith(codecs.BOM_UTF8):
        raw, candidates = raw[len(codecs.BOM_UTF8) :], ["utf-8-sig"]
    else:
        candidates = ["utf-8", "gb18030"]
    for encoding in candidates:
        if encoding == "gb18030":
            try:
                utf8 = raw.decode("gb18030").encode("utf-8")
            except UnicodeDecodeError:
                continue
        else:
            utf8 = raw
        try:
            headers = next(csv.reader(_decoded_lines(utf8)), None)
        except UnicodeDecodeError:
            continue
        if not headers:
            raise InputError(export.name, "line 1", "a header line naming the columns", "an empty first line")
        try:
            return headers, _arrow_text_columns(utf8, len(headers), threads), encoding
        except pa.ArrowInvalid as error:
            if not _is_utf8(utf8):
                continue  # not UTF-8 after all: read as GB18030 (or, after a BOM, undecodable)
            raise InputError(
                export.name, "a record", f"{len(headers)} fields in every record, as in the header", str(error).splitlines()[0]
            ) from None
    raise InputError(export.name, "whole file", "text in UTF-8 (with or without BOM) or GB18030", "undecodable bytes")


def _decoded_lines(utf8: bytes):
    """The lines of `utf8`, decoded one at a time as csv.reader asks for them (the header needs one or
    two, not the whole file)."""
    start = 0
    while start < len(utf8):
        end = utf8.find(b"\n", start)
        end = len(utf8) if end < 0 else end + 1
        yield utf8[start:end].decode("utf-8")
        start = end


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _arrow_text_columns(utf8: bytes, fields: int, threads: bool) -> list[pa.ChunkedArray]:
    """Every record after the header as text cells, by Arrow's reader, in C++ (Python's csv module took
    a minute for national volumes). A cell that is not UTF-8, or a record with another number of
    fields than `fields`, raises ArrowInvalid."""
    import pyarrow.csv as arrow_csv

    unique_names = [f"c{index}" for index in range(fields)]
    table = arrow_csv.read_csv(
        io.BytesIO(utf8),
        read_options=arrow_csv.ReadOptions(column_names=unique_names, skip_rows=1, use_threads=threads),
        parse_options=arrow_csv.ParseOptions(newlines_in_values=True),
        convert_options=arrow_csv.ConvertOptions(
            column_types=dict.fromkeys(unique_names, pa.string()), strings_can_be_null=False, quoted_strings_can_be_null=False
        ),
    )
    return [table.column(name) for name in unique_names]


def _excel_text(value) -> str | None:
    """An Excel cell as the text the contract reads: datetimes as 'YYYY-MM-DD HH:MM:SS'."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_columns(export: ExportFile) -> tuple[list[str], list[list], None]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(export.path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises several types for a file that is not a workbook
        raise InputError(export.name, "whole file", "an Excel workbook (.xlsx)", f"{type(error).__name__}: {error}") from None
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        headers = ["" if cell is None else str(cell) for cell in next(rows, ())]
        while headers and headers[-1] == "":
            headers.pop()
        if not headers:
            raise InputError(export.name, "sheet 1, row 1", "a header row naming the columns", "an empty row")
        columns: list[list] = [[] for _ in headers]
        for number, row in enumerate(rows, start=1):
            cells = [_excel_text(cell) for cell in row]
            if not any(cell is not None and cell.strip() for cell in cells):
                continue
            if any(cell is not None and cell.strip() for cell in cells[len(headers) :]):
                raise InputError(
                    export.name, f"sheet 1, row {number}", f"cells under the {len(headers)} headers only", "a cell right of the last header"
                )
            cells = (cells + [None] * len(headers))[: len(headers)]
            for column, cell in zip(columns, cells, strict=True):
                column.append(cell)
    finally:
        workbook.close()
    return headers, columns, None


def _parquet_text(column: pa.ChunkedArray) -> pa.ChunkedArray:
    kind = column.type
    if pa.types.is_timestamp(kind):
        if kind.tz is not None:
            # A zoned instant is read as Beijing wall time, the time the platforms record.
            column = pc.local_timestamp(pc.cast(column, pa.timestamp(kind.unit, _BEIJING)))
        # Whole seconds, as the contract's text timestamps have them.
        return pc.strftime(pc.cast(column, pa.timestamp("s"), safe=False), format="%Y-%m-%d %H:%M:%S")
    if pa.types.is_date(kind):
        return pc.strftime(column, format="%Y-%m-%d")
    if pa.types.is_floating(kind):
        # Whole numbers (an id read as a float) without the '.0'.
        whole = pc.equal(column, pc.round(column))
        return pc.if_else(whole, pc.cast(pc.cast(column, pa.int64(), safe=False), pa.string()), pc.cast(column, pa.string()))
    return pc.cast(column, pa.string())


def _parquet_columns(export: ExportFile) -> tuple[list[str], list, None]:
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(export.path)
    except (pa.ArrowException, OSError) as error:
        raise InputError(export.name, "whole file", "a Parquet file", f"{type(error).__name__}: {error}") from None
    return list(table.column_names), [_parquet_text(table.column(index)) for index in range(table.num_columns)], None


def _cleaned(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Trimmed text; the contract's missing markers (empty, 无, —, -, /, 不详, 未知) become null."""
    text = pc.utf8_trim(column, characters=_TRIMMED)
    return pc.if_else(pc.is_in(text, value_set=pa.array(sorted(MISSING_MARKERS))), pa.scalar(None, pa.string()), text)


def _contract_cells(export: ExportFile, headers: list[str], columns: list, file_format: str, encoding: str | None) -> ExportCells:
    names = [str(header).strip(_TRIMMED) for header in headers]
    repeated = sorted({name for name in names if names.count(name) > 1 and name})
    if repeated:
        raise InputError(export.name, "header line", "each column once", f"{', '.join(repeated)} more than once")
    missing = [header for header in REQUIRED_HEADERS if header not in names]
    if missing:
        raise InputError(export.name, "header line", f"the required column(s) {', '.join(missing)}", f"columns {', '.join(names)}")
    personal = [name for name in names if name not in COLUMNS and PERSONAL_DATA_HEADER.search(name)]
    others = [name for name in names if name not in COLUMNS and name not in personal]
    texts = [column if isinstance(column, pa.ChunkedArray) else pa.chunked_array([pa.array(column, pa.string())]) for column in columns]
    records = len(texts[0]) if texts else 0
    arrays = {"source_row": pa.chunked_array([pa.array(range(1, records + 1), pa.int32())])}
    for header, column in COLUMNS.items():
        # Personal-data columns are never looked at beyond their header: they are not copied anywhere.
        arrays[column] = _cleaned(texts[names.index(header)]) if header in names else pa.chunked_array([pa.nulls(records, pa.string())])
    # The target as repeats are counted: NFKC (full-width ＡＢＣ１ is ABC1) with all whitespace removed.
    arrays["target_key"] = pc.replace_substring_regex(
        pc.utf8_normalize(arrays["target"], form="NFKC"), pattern=r"[\s\x{3000}]+", replacement=""
    )
    return ExportCells(pa.table(arrays), file_format, encoding, personal, others)
