"""Remembering validations: a check's outcome is a pure function of its expectations, its frame and
the parameters, so when all three are the same as in an earlier run, that run's outcome is the
outcome. A warm build of unchanged inputs computes every frame and finds every outcome here instead
of running GX again (about two seconds of a build); any change to a frame, a suite or the code that
validates makes a new key, and GX runs."""

import hashlib
import importlib.metadata
import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pandas as pd

from expectations.validation import CheckDefinition, CheckOutcome, columns_of

# The folder beside the warehouse file that holds the remembered outcomes.
CHECK_MEMO_FOLDER = ".check-results"
_CODE = (Path(__file__).with_name("validation.py"), Path(__file__))


def _columns_read(checks: list[CheckDefinition], frame: pd.DataFrame) -> list[str]:
    """The frame's columns an outcome can depend on: those the expectations test and those the outcome
    shows (row_id). A column the checks never read (when a feed was ingested, by which run) does not
    change the outcome, so it does not change the key. An expectation naming no column (a row count)
    depends on the rows only; any other kind reads the whole frame."""
    read = set()
    for check in checks:
        read.update(check.row_id)
        for expectation in check.expectations:
            columns = columns_of(expectation)
            if not columns and not expectation["type"].startswith("expect_table_row_count"):
                return list(frame.columns)
            read.update(columns)
    return [column for column in frame.columns if column in read]


def _frame_bytes(checks: list[CheckDefinition], frame: pd.DataFrame) -> bytes:
    header = json.dumps([list(map(str, frame.columns)), [str(dtype) for dtype in frame.dtypes], len(frame)])
    values = frame[_columns_read(checks, frame)].to_json(orient="values", date_format="iso", force_ascii=False)
    return header.encode("utf-8") + values.encode("utf-8")


def outcome_key(checks: list[CheckDefinition], frame: pd.DataFrame, parameters: dict[str, Any]) -> str:
    digest = hashlib.sha256()
    digest.update(json.dumps([asdict(check) for check in checks], sort_keys=True, default=str, ensure_ascii=False).encode("utf-8"))
    digest.update(json.dumps(parameters, sort_keys=True, default=str, ensure_ascii=False).encode("utf-8"))
    digest.update(_frame_bytes(checks, frame))
    # The installed release, read without importing GX (which takes seconds).
    digest.update(importlib.metadata.version("great-expectations").encode("ascii"))
    for code in _CODE:
        digest.update(code.read_bytes())
    return digest.hexdigest()


class CheckMemo:
    """Outcomes by key, one small JSON file each, in a folder beside the warehouse."""

    def __init__(self, folder: Path):
        self.folder = folder

    def get(self, key: str) -> list[CheckOutcome] | None:
        path = self.folder / f"{key}.json"
        try:
            return [CheckOutcome(**outcome) for outcome in json.loads(path.read_text(encoding="utf-8"))]
        except (OSError, ValueError, TypeError):
            return None

    def put(self, key: str, outcomes: list[CheckOutcome]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=f".{key}.")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump([asdict(outcome) for outcome in outcomes], out, ensure_ascii=False, default=str)
        os.replace(temporary, self.folder / f"{key}.json")
