"""Staging copies of the published warehouse, and the writer lock that makes writing runs take turns.

A run (or all runs of one backfill) writes a copy of the published file named by its staging key,
and publishing renames that copy over the published file. Who owns a key and whether it is still
going is a question for the orchestrator; it is passed in as a function, so this layer knows no
Dagster.
"""

import fcntl
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from warehouse import store

STAGING_FOLDER = ".staging"
LOCK_NAME = "writer.lock"
BASE_SUFFIX = ".base"
# A staging copy being made (copy_published), renamed to its .duckdb name once it has the whole schema.
COPYING_SUFFIX = ".copying"
NO_WAREHOUSE = "no published warehouse"
# A process killed outright never records its end, so its run looks alive forever; a staging file
# untouched for a day is treated as abandoned (a run takes seconds).
ABANDONED_STAGING_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class StagingArea:
    """The staging folder beside one published warehouse file."""

    published: Path

    @property
    def folder(self) -> Path:
        return self.published.parent / STAGING_FOLDER

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.duckdb"

    def _base(self, key: str) -> Path:
        return self.path(key).with_suffix(BASE_SUFFIX)

    @contextmanager
    def writer_lock(self, holder: str, on_wait: Callable[[str], None]) -> Iterator[None]:
        """Hold the writer lock while the block runs; `on_wait(current holder)` is called before waiting.

        Every run copies the published file, changes its copy and renames it over the published
        one; two at once would each publish a copy without the other's change. The lock (an flock,
        released by the kernel even when a process is killed) makes the second run wait.
        """
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.folder / LOCK_NAME, "a+") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                lock.seek(0)
                on_wait(lock.read().strip() or "another run")
                fcntl.flock(lock, fcntl.LOCK_EX)
            lock.seek(0)
            lock.truncate()
            lock.write(holder)
            lock.flush()
            try:
                yield
            finally:
                lock.truncate(0)
                fcntl.flock(lock, fcntl.LOCK_UN)

    def copy_published(self, key: str) -> Path:
        """The staging file of `key`, copied from the published warehouse (or a new one when none is
        published) unless it exists already, with the whole schema of this release.

        Copy-on-write: a run starts from the published warehouse and replaces only what it writes
        (the annual tables, its quarters, its checks); the rest stays as published. The base file
        records what was copied, so that publishing can tell whether another run published in
        between (possible between the runs of a backfill).

        The schema is completed once, here, for every step after: each made sure of it on its own
        connection before, about a tenth of a second a step, and nothing a step does drops a table or
        a view. The copy takes its name only when complete, so a run stopped in between leaves no
        staging file without the schema (only a `.copying` leftover, removed with the staging files).
        """
        path = self.path(key)
        if path.exists():
            return path
        self.folder.mkdir(parents=True, exist_ok=True)
        copying = path.with_suffix(COPYING_SUFFIX)
        store.discard(copying)
        if self.published.exists():
            shutil.copyfile(self.published, copying)
            base = store.file_sha256(copying)
        else:
            base = NO_WAREHOUSE
        with store.connect(copying) as con:
            store.ensure_schema(con)
        self._base(key).write_text(base)
        os.replace(copying, path)
        return path

    def published_since(self, key: str) -> bool:
        """Whether the published warehouse changed after the staging copy of `key` was made."""
        base = self._base(key)
        if not base.exists():
            return False
        current = store.file_sha256(self.published) if self.published.exists() else NO_WAREHOUSE
        return base.read_text().strip() != current

    def publish(self, key: str) -> None:
        store.publish(self.path(key), self.published)
        self._base(key).unlink(missing_ok=True)

    def staging_files(self) -> list[Path]:
        """The staging copies in the folder (of runs or backfills not yet published or discarded)."""
        return sorted(self.folder.glob("*.duckdb")) if self.folder.is_dir() else []

    def discard_finished(self, still_going: Callable[[str], bool]) -> None:
        """Remove the staging files of keys that are no longer going, and of any untouched for a day."""
        for leftover in [*self.folder.glob("*.duckdb"), *self.folder.glob(f"*{COPYING_SUFFIX}")]:
            abandoned = time.time() - leftover.stat().st_mtime > ABANDONED_STAGING_SECONDS
            if abandoned or not still_going(leftover.stem):
                store.discard(leftover)
                leftover.with_suffix(BASE_SUFFIX).unlink(missing_ok=True)
