"""Reads assets/reference/regions.csv, the committed list of the 32 regions of the notices."""

from pathlib import Path

import pandas as pd

from assets.errors import InputError

REGIONS_FILE = Path(__file__).resolve().parent / "regions.csv"
COLUMNS = ["province", "full_name", "gb2260_code", "macro_region"]


def read_regions(path: Path = REGIONS_FILE) -> pd.DataFrame:
    # Lines starting with '#' name the sources; every value is text (codes keep their leading digits).
    frame = pd.read_csv(path, comment="#", dtype=str, keep_default_na=False)
    if list(frame.columns) != COLUMNS:
        raise InputError(str(path), "header line", f"columns {','.join(COLUMNS)}", ",".join(frame.columns))
    return frame.replace({"": None})
