"""What a file in <landing>/bulletins/ is: an annual notice, a saved bulletin page, or the folder's manifest.

Both readers need this (the notice reader for its files, the series reader for the rest), so it lives
below both of them: neither reader imports the other to learn which file is whose.

The kind is read from the text, never from the file name: an annual notice has a document number
(环办应急函[YYYY]N号) and its attachments (a line 附件1); any other text is read as a series page.
"""

import csv
import hashlib
import io
import re
from pathlib import Path

from assets.errors import InputError
from assets.landing_folders import BULLETIN_FOLDER  # noqa: F401 (re-exported: where the bulletins land)

# The folder of <landing> the bulletins arrive in.
PAGE_SUFFIXES = {".txt", ".htm", ".html"}
# SOURCES.csv: file,url,note, the provenance of each saved page (where it was saved from, what is odd about it).
MANIFEST_NAME = "SOURCES.csv"
MANIFEST_COLUMNS = ["file", "url", "note"]
ANNUAL_NOTICE = "annual_notice"
SERIES_PAGE = "series_page"
UNREADABLE = "unreadable"  # a file of the folder that is no bulletin by its name (a .pdf, say)

_DOCUMENT_NUMBER = re.compile(r"[\[〔【]\d{4}[\]〕】]\d+号")
_ATTACHMENT_LINE = re.compile(r"^\s*附件\s*1\s*$", re.MULTILINE)


def classify_bulletin(raw: bytes, suffix: str) -> str:
    """annual_notice or series_page. A text that cannot be read as text at all goes to the notice reader,
    which says what is wrong with it (empty, binary, undecodable)."""
    if suffix != ".txt":
        return SERIES_PAGE
    if not raw.strip() or b"\x00" in raw:
        return ANNUAL_NOTICE
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        return ANNUAL_NOTICE
    return ANNUAL_NOTICE if _DOCUMENT_NUMBER.search(text) and _ATTACHMENT_LINE.search(text) else SERIES_PAGE


def read_manifest(raw: bytes, source_file: str) -> dict[str, str | None]:
    """{file: url} of the manifest, None where the url field is empty (the page's address was not
    recorded); a manifest without the expected header is refused."""
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or [cell.strip() for cell in rows[0][:2]] != MANIFEST_COLUMNS[:2]:
        found = ",".join(rows[0]) if rows else "an empty file"
        raise InputError(source_file, "header line", f"columns {','.join(MANIFEST_COLUMNS)}", found)
    return {row[0].strip(): row[1].strip() or None for row in rows[1:] if len(row) >= 2 and row[0].strip()}


def landing_bulletins(folder: Path, manifest_name: str = MANIFEST_NAME) -> list[tuple[str, str]]:
    """(file, sha256) of every bulletin in the landing folder, the manifest and hidden files left out."""
    if not folder.is_dir():
        return []
    return sorted(
        (path.name, hashlib.sha256(path.read_bytes()).hexdigest())
        for path in folder.iterdir()
        if path.is_file() and not path.name.startswith(".") and path.name != manifest_name
    )
