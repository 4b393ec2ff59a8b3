"""The lowest and highest complaint id of each raw file, so that a new export's ids are looked up only
in the published files whose ids can include them.

Two searches of a build compare a new export's ids with the published records: the conflict search (an
id given another content) and the check frame complaint_repeated_id (an id twice in table complaint).
Reading one column of every published file costs little per file, but a national raw zone holds
thousands of files and grows by a few hundred a year, so both grew with the history. An id can only
occur in a file whose range holds it, so the files whose range overlaps no new file's range are left
unread. Platforms number their complaints by date and region, so at national volume a month's new
ids overlap the ranges of few published files; with ids in no order, every file overlaps and nothing
is saved, but nothing is missed either.

A raw file never changes (it is named by its export's content), so its range is kept in a file of
the raw zone, `.complaint-id-ranges.json`, as a cache: a range missing from it (a raw zone written by
an earlier release, or a cache lost) is read from the file itself.
"""

import json
import threading
from pathlib import Path

import duckdb

from assets.output_folders import write_atomically
from warehouse.sql import sql_file

RANGES_FILE = ".complaint-id-ranges.json"


class IdRanges:
    """{raw file relative to the raw zone: (lowest id, highest id)}, loaded from and saved to `raw_zone`."""

    def __init__(self, raw_zone: Path):
        self.raw_zone = raw_zone
        self.ranges: dict[str, tuple[str, str]] = {}
        self._changed = False
        self._lock = threading.Lock()
        try:
            loaded = json.loads((raw_zone / RANGES_FILE).read_text(encoding="utf-8"))
            self.ranges = {name: (low, high) for name, (low, high) in loaded.items()}
        except (OSError, ValueError, TypeError):
            self.ranges = {}  # a cache only: the ranges are read from the files again

    def add(self, name: str, low: str | None, high: str | None) -> None:
        """A file's range as its writer knows it; None (no statistics) leaves it to be read."""
        if low is None or high is None:
            return
        with self._lock:
            self.ranges[name] = (low, high)
            self._changed = True

    def ensure(self, con: duckdb.DuckDBPyConnection, names: list[str]) -> None:
        """Read the ranges of `names` that are not known yet from their files (one query)."""
        missing = sorted(name for name in set(names) if name not in self.ranges)
        if not missing:
            return
        files = [str(self.raw_zone / name) for name in missing]
        by_path = dict(zip(files, missing, strict=True))
        for path, low, high in con.execute(sql_file("complaints/raw_file_id_ranges.sql"), {"raw_files": files}).fetchall():
            if path in by_path and low is not None:
                self.add(by_path[path], low, high)

    def overlapping(self, candidates: list[str], targets: list[str]) -> list[str]:
        """The files of `candidates` whose range overlaps the range of some file of `targets` (both
        relative to the raw zone, their ranges read first: see ensure). A file whose range is unknown
        is kept; a target whose range is unknown keeps every candidate."""
        if any(name not in self.ranges for name in targets):
            return list(candidates)
        wanted = [self.ranges[name] for name in targets]
        return [name for name in candidates if name not in self.ranges or _overlaps(self.ranges[name], wanted)]

    def keep_only(self, names: set[str]) -> None:
        """Forget the files not in `names` (deleted from the raw zone)."""
        with self._lock:
            left = {name: span for name, span in self.ranges.items() if name in names}
            if len(left) != len(self.ranges):
                self.ranges = left
                self._changed = True

    def save(self) -> None:
        if not self._changed:
            return
        try:
            content = json.dumps({name: list(span) for name, span in sorted(self.ranges.items())}, ensure_ascii=False)
            write_atomically(self.raw_zone / RANGES_FILE, content.encode("utf-8"))
            self._changed = False
        except OSError:
            pass  # a cache only: the next build reads the ranges again


def _overlaps(span: tuple[str, str], others: list[tuple[str, str]]) -> bool:
    low, high = span
    return any(other_low <= high and low <= other_high for other_low, other_high in others)
