"""Reads assets/reference/prefectures.csv, China's prefecture-level divisions (GB/T 2260) by province.

The file is written by scripts/compile_prefectures.py; its header lines name the source and the rules.
"""

import functools
from pathlib import Path

import pandas as pd

from assets.errors import InputError

PREFECTURES_FILE = Path(__file__).resolve().parent / "prefectures.csv"
COLUMNS = ["province", "prefecture", "city", "gb2260_code", "level", "aliases"]
LEVELS = {"prefecture", "municipality", "county_under_province", "corps_division"}


def load_prefectures(path: Path = PREFECTURES_FILE) -> pd.DataFrame:
    # Lines starting with '#' name the source and the rules; every value is text (codes keep their leading digits).
    frame = pd.read_csv(path, comment="#", dtype=str, keep_default_na=False)
    if list(frame.columns) != COLUMNS:
        raise InputError(str(path), "header line", f"columns {','.join(COLUMNS)}", ",".join(frame.columns))
    for index, row in frame.iterrows():
        place = f"data row {index + 1} ({row.prefecture})"
        if row.level not in LEVELS:
            raise InputError(str(path), place, f"level one of {', '.join(sorted(LEVELS))}", row.level)
        code_ok = row.gb2260_code == "" if row.level == "corps_division" else (len(row.gb2260_code) == 6 and row.gb2260_code.isdigit())
        if not code_ok:
            raise InputError(str(path), place, "a 6-digit gb2260_code (empty for a corps_division)", row.gb2260_code)
    return frame.replace({"": None})


def spellings_of(row) -> list[str]:
    """The accepted spellings of one unit: its full name, its short name and each alias."""
    aliases = row.aliases.split("|") if row.aliases else []
    return [row.prefecture, row.city, *aliases]


@functools.cache
def prefecture_spellings() -> dict[tuple[str, str], str]:
    """(province short name, any accepted spelling of a unit) -> the unit's short `city` name.

    济南 and 济南市 both give (山东, ...) -> 济南; 北京 and 北京市 give (北京, ...) -> 北京.
    """
    return spellings_from(load_prefectures(), PREFECTURES_FILE)


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
