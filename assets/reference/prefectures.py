"""Reads assets/reference/prefectures.csv, China's prefecture-level divisions (GB/T 2260) by province.

The file is written by scripts/compile_prefectures.py; its header lines name the source and the rules.
"""

import functools
from pathlib import Path

import pandas as pd

from assets.errors import InputError

PREFECTURES_FILE = Path(__file__).resolve().parent / "prefectures.csv"
COLUMNS = ["province", "prefecture", "city", "gb2260_code", "level", "aliases", "parent_code", "parent_name"]
# GB/T 2260's prefecture-level units, and the national platform's reporting units below or beside them.
PREFECTURE_LEVELS = {"prefecture", "municipality", "county_under_province", "corps_division"}
REPORTING_UNIT_LEVELS = {
    "county_level_city",
    "management_zone",
    "experimental_zone",
    "demonstration_zone",
    "provincial_unit",
    "municipal_district",
}
LEVELS = PREFECTURE_LEVELS | REPORTING_UNIT_LEVELS
# Units that are no division of their own have no code (a management committee; the 兵团's divisions).
_WITHOUT_CODE = {"corps_division", "management_zone"}


def load_prefectures(path: Path = PREFECTURES_FILE) -> pd.DataFrame:
    # Lines starting with '#' name the source and the rules; every value is text (codes keep their leading digits).
    frame = pd.read_csv(path, comment="#", dtype=str, keep_default_na=False)
    if list(frame.columns) != COLUMNS:
        raise InputError(str(path), "header line", f"columns {','.join(COLUMNS)}", ",".join(frame.columns))
    for index, row in frame.iterrows():
        place = f"data row {index + 1} ({row.prefecture})"
        if row.level not in LEVELS:
            raise InputError(str(path), place, f"level one of {', '.join(sorted(LEVELS))}", row.level)
        code_ok = row.gb2260_code == "" if row.level in _WITHOUT_CODE else (len(row.gb2260_code) == 6 and row.gb2260_code.isdigit())
        if not code_ok:
            raise InputError(str(path), place, "a 6-digit gb2260_code (empty for a corps_division or management_zone)", row.gb2260_code)
        parent_ok = row.parent_code == "" if row.level == "corps_division" else (len(row.parent_code) == 6 and row.parent_code.isdigit())
        if not parent_ok:
            raise InputError(str(path), place, "a 6-digit parent_code, the GB/T 2260 prefecture-level unit it lies in", row.parent_code)
    return frame.replace({"": None})


@functools.cache
def _committed_prefectures() -> pd.DataFrame:
    """assets/reference/prefectures.csv, read once for the spellings and the codes."""
    return load_prefectures()


def spellings_of(row) -> list[str]:
    """The accepted spellings of one unit: its full name, its short name and each alias."""
    aliases = row.aliases.split("|") if row.aliases else []
    return [row.prefecture, row.city, *aliases]


@functools.cache
def prefecture_spellings() -> dict[tuple[str, str], str]:
    """(province short name, any accepted spelling of a unit) -> the unit's short `city` name.

    济南 and 济南市 both give (山东, ...) -> 济南; 北京 and 北京市 give (北京, ...) -> 北京.
    """
    return spellings_from(_committed_prefectures(), PREFECTURES_FILE)


@functools.cache
def prefecture_codes() -> dict[tuple[str, str], str]:
    """(province short name, a unit's short `city` name) -> the GB/T 2260 code of the prefecture-level
    unit it lies in (parent_code): 满洲里 -> 150700 (呼伦贝尔市), 东城 -> 110000 (北京市), 济南 -> 370100."""
    frame = _committed_prefectures()
    return {(row.province, row.city): row.parent_code for row in frame.itertuples(index=False) if row.parent_code}


def spellings_from(frame: pd.DataFrame, source: Path) -> dict[tuple[str, str], str]:
    """The map of prefecture_spellings() for the rows of `frame`; a spelling shared by two units of one
    province is an error in the file, raised naming both units."""
    spellings: dict[tuple[str, str], str] = {}
    owner: dict[tuple[str, str], str] = {}
    for row in frame.itertuples(index=False):
        for spelling in spellings_of(row):
            key = (row.province, spelling)
            if key in owner and owner[key] != row.prefecture:
                raise InputError(
                    str(source),
                    f"province {row.province}, spelling {spelling}",
                    "a spelling of one unit only",
                    f"both {owner[key]} and {row.prefecture}",
                )
            owner[key] = row.prefecture
            spellings[key] = row.city
    return spellings


def reporting_units() -> pd.DataFrame:
    """The rows of table reporting_unit: every unit of prefectures.csv with its prefecture-level parent."""
    frame = _committed_prefectures()
    return pd.DataFrame(
        {
            "province": frame["province"],
            "city": frame["city"],
            "unit_name": frame["prefecture"],
            "level": frame["level"],
            "gb2260_code": frame["gb2260_code"],
            "prefecture_code": frame["parent_code"],
            "prefecture_name": frame["parent_name"],
        }
    )
