"""Folders of files written after publishing (downloads/, the Data Docs): written beside, then swapped in.

A reader of the folder sees the old files or the new ones, never a mix of the two or a half-written
file; for the instant between the two renames it sees no folder at all.
"""

import os
import shutil
import tempfile
from pathlib import Path

# Their names, here at the bottom so that the resource, the report and the writers share them.
DOWNLOADS_FOLDER = "downloads"  # beside the warehouse file
DATA_PACKAGE = "datapackage.json"  # in it
DATA_DOCS_FOLDER = "data-docs"  # in the reports folder
DATA_DOCS_INDEX = "index.html"  # in it


def new_folder_for(folder: Path) -> Path:
    """An empty folder beside `folder`, to write its next contents into (a leftover of a crash is removed)."""
    new_folder = folder.with_name(f".{folder.name}.new")
    shutil.rmtree(new_folder, ignore_errors=True)
    new_folder.mkdir(parents=True)
    return new_folder


def replace_folder(new_folder: Path, folder: Path) -> None:
    """Put `new_folder` in the place of `folder` (which may not exist yet) and delete the old contents."""
    old = folder.with_name(f".{folder.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        os.replace(folder, old)
    os.replace(new_folder, folder)
    shutil.rmtree(old, ignore_errors=True)


def write_atomically(path: Path, content: bytes) -> None:
    """Write one file by rename from a temporary file beside it: a reader sees the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "wb") as out:
        out.write(content)
    os.chmod(temporary, 0o644)  # mkstemp makes it private; these files are for everyone who can read the folder
    os.replace(temporary, path)
