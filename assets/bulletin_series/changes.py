"""Which bulletin files a run reads: only those the warehouse does not already hold from the same bytes
read by the same code.

A release is one file's bytes, so a file already published from the same bytes by the same reader
needs no reading; a new or changed file, or any file after the reader changed, is read again; a
release whose file left the landing folder (or changed) is removed.
"""

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_READER_PACKAGES = ("bulletin_series", "bulletin")


@cache
def reader_version() -> str:
    """Checksum of the code that reads bulletins (this package and the notice parser)."""
    digest = hashlib.sha256()
    assets_folder = Path(__file__).resolve().parents[1]
    for package in _READER_PACKAGES:
        for path in sorted((assets_folder / package).glob("*.py")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    # Which file of the folder is a notice and which a page is the readers' too.
    digest.update(b"bulletin_files.py\0" + (assets_folder / "bulletin_files.py").read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class SeriesChanges:
    to_read: list[dict]  # snapshots of the files to read
    kept: list[str]  # files whose releases stay as published
    to_remove: list[str]  # release ids to delete: files gone or changed


def series_changes(snapshots: list[dict], published: list[tuple[str, str, str, str]], version: str) -> SeriesChanges:
    """`snapshots`: the landing files (file, sha256, ...); `published`: (release_id, source_file,
    source_sha256, reader_version) of the releases in the warehouse; `version`: this reader's."""
    current = [(release_id, source_file, sha256) for release_id, source_file, sha256, read_by in published if read_by == version]
    outdated = [release_id for release_id, _, _, read_by in published if read_by != version]
    landing = {snapshot["file"]: snapshot for snapshot in snapshots}
    held = {(source_file, sha256) for _, source_file, sha256 in current}
    to_read = [snapshot for snapshot in snapshots if (snapshot["file"], snapshot["sha256"]) not in held]
    kept = sorted(snapshot["file"] for snapshot in snapshots if (snapshot["file"], snapshot["sha256"]) in held)
    to_remove = sorted(
        [
            release_id
            for release_id, source_file, sha256 in current
            if source_file not in landing or landing[source_file]["sha256"] != sha256
        ]
        + outdated
    )
    return SeriesChanges(to_read, kept, to_remove)
