"""Reads the quarterly spot-check feeds as assets/spot_checks/spot_check_feed.schema.json describes them.

Feeds are typed by hand in provincial offices and saved from spreadsheets: CSV in UTF-8 (with or
without BOM) or GB18030, or XLSX. The encoding is detected, never asked. Anything that does not fit
the contract is refused with the file, the row (the line of the CSV, the row of the sheet, header =
row 1) and the column; whether the values make sense is for the asset checks to say.
"""

import datetime as dt
import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from assets.errors import InputError
from assets.landing_folders import SPOT_CHECK_FOLDER  # noqa: F401 (re-exported: where the feeds land)
from warehouse.store import file_sha256

# The folder of <landing> the feeds arrive in.
CONTRACT_FILE = Path(__file__).resolve().parent / "spot_check_feed.schema.json"
CONTRACT = json.loads(CONTRACT_FILE.read_text(encoding="utf-8"))
DETAIL_COLUMNS = [field["name"] for field in CONTRACT["detail"]["fields"]]
SUMMARY_COLUMNS = [field["name"] for field in CONTRACT["summary"]["fields"]]
_DETAIL_FILE = re.compile(CONTRACT["detail"]["file_pattern"])
_SUMMARY_FILE = re.compile(CONTRACT["summary"]["file_pattern"])
_INTEGER = re.compile(r"^-?\d+$")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
# Header is row 1 of the file; the first data row is row 2.
FIRST_DATA_ROW = 2
# The summary's national row.
NATIONAL = "全国"


@dataclass(frozen=True)
class FeedFiles:
    quarter: str
    detail: Path | None
    summary: Path | None


def find_feeds(folder: Path) -> dict[str, FeedFiles]:
    """The feeds in `folder` by quarter; files that fit no name of the contract, and quarters with two
    files of one kind, are left out (feed_folder_problems names them)."""
    return read_feed_folder(folder)[0]


def feed_folder_problems(folder: Path) -> list[InputError]:
    """The files of `folder` that are no feed by their name, and the quarters given two files of one kind."""
    return read_feed_folder(folder)[1]


def read_feed_folder(folder: Path) -> tuple[dict[str, FeedFiles], list[InputError]]:
    details: dict[str, Path] = {}
    summaries: dict[str, Path] = {}
    problems: list[InputError] = []
    ambiguous: set[str] = set()
    if not folder.is_dir():
        return {}, []
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        for pattern, found in ((_DETAIL_FILE, details), (_SUMMARY_FILE, summaries)):
            match = pattern.match(path.name)
            if match:
                quarter = match["quarter"]
                if quarter in found:
                    problems.append(InputError(str(path), "file name", f"one file per quarter, but {found[quarter].name} is there too"))
                    ambiguous.add(quarter)
                else:
                    found[quarter] = path
                break
        else:
            problems.append(InputError(str(path), "file name", "<YYYY>Q<n>.csv|.xlsx or <YYYY>Q<n>_summary.csv|.xlsx", path.name))
    quarters = sorted((set(details) | set(summaries)) - ambiguous)
    return {quarter: FeedFiles(quarter, details.get(quarter), summaries.get(quarter)) for quarter in quarters}, problems


def _decode(raw: bytes, source: str) -> str:
    if b"\x00" in raw:
        raise InputError(source, "whole file", "a CSV text file", "binary data (NUL bytes)")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(source, "whole file", "text in UTF-8 or GB18030", "undecodable bytes")


def read_sheet(path: Path) -> pd.DataFrame:
    """The file's cells as text, header taken from row 1, outer spaces stripped."""
    source = str(path)
    if path.suffix.lower() == ".xlsx":
        try:
            frame = pd.read_excel(path, dtype=str, keep_default_na=False, engine="openpyxl")
        except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError) as error:
            raise InputError(source, "whole file", "a readable XLSX workbook", f"{type(error).__name__}: {error}") from None
    else:
        raw = path.read_bytes()
        if not raw.strip():
            raise InputError(source, "whole file", "a header row and data rows", "an empty file")
        try:
            frame = pd.read_csv(io.StringIO(_decode(raw, source)), dtype=str, keep_default_na=False)
        except pd.errors.ParserError as error:
            raise InputError(source, "CSV structure", "the same number of cells on every row", str(error)) from None
    frame.columns = [str(column).strip() for column in frame.columns]
    return frame.apply(lambda column: column.str.strip())


def _check_columns(frame: pd.DataFrame, expected: list[str], source: str) -> None:
    missing = [column for column in expected if column not in frame.columns]
    extra = [column for column in frame.columns if column not in expected]
    if missing or extra:
        found = "missing " + ", ".join(missing) if missing else ""
        found += ("; " if missing and extra else "") + ("unexpected " + ", ".join(extra) if extra else "")
        raise InputError(source, "header row 1", f"the columns {', '.join(expected)}", found)


def _parsed(frame: pd.DataFrame, column: str, pattern: re.Pattern, convert, source: str, what: str) -> pd.Series:
    values = []
    for position, text in enumerate(frame[column]):
        if not pattern.match(text):
            raise InputError(source, f"row {position + FIRST_DATA_ROW}, column {column}", what, text)
        values.append(convert(text))
    return pd.Series(values, index=frame.index)


def _iso_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if _ISO_DATE.match(text) else None
    except ValueError:  # 2017-02-30
        return None


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read_detail(path: Path) -> pd.DataFrame:
    source = str(path)
    frame = read_sheet(path)
    _check_columns(frame, DETAIL_COLUMNS, source)
    checked_on = []
    for position, text in enumerate(frame["checked_on"]):
        day = _iso_date(text)
        if day is None:
            raise InputError(source, f"row {position + FIRST_DATA_ROW}, column checked_on", "an ISO date such as 2017-02-15", text)
        checked_on.append(day)
    frame["checked_on"] = checked_on
    frame["note"] = frame["note"].replace({"": None})
    return _with_provenance(frame[DETAIL_COLUMNS], path)


def read_summary(path: Path) -> pd.DataFrame:
    source = str(path)
    frame = read_sheet(path)
    _check_columns(frame, SUMMARY_COLUMNS, source)
    for column in ("units_checked", "units_reachable"):
        frame[column] = _parsed(frame, column, _INTEGER, int, source, "a whole number").astype("int64")
    frame["reachable_pct"] = _parsed(frame, "reachable_pct", _NUMBER, float, source, "a number such as 98.25").astype("float64")
    return _with_provenance(frame[SUMMARY_COLUMNS], path)


def _with_provenance(frame: pd.DataFrame, path: Path) -> pd.DataFrame:
    frame = frame.copy()
    frame["source_file"] = path.name
    frame["source_sha256"] = file_sha256(path)
    frame["source_row"] = range(FIRST_DATA_ROW, FIRST_DATA_ROW + len(frame))
    return frame
