"""Turns the bytes of a scraped notice into numbered, normalized lines, and finds its sections.

Scraped pages reach us in several encodings and line-ending styles; everything downstream works on
NFKC-normalized text, so full-width digits and punctuation and no-break spaces read like their
ASCII counterparts while line numbers still point into the original file.
"""

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from assets.errors import BulletinParseError

# Encodings are tried in this order: UTF-8 (with or without BOM) is what the Ministry's pages use;
# GB18030 is a superset of GBK and GB2312, which older government pages and spreadsheets use.
_ENCODINGS = ("utf-8-sig", "gb18030")


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line number in the source file
    text: str  # NFKC-normalized, without the line ending

    @property
    def cell(self) -> str:
        """The line read as a table cell: outer whitespace removed (an empty cell becomes '')."""
        return self.text.strip()

    @property
    def is_blank(self) -> bool:
        """A truly empty line. The flattened tables end at one; an empty *cell* is a line of spaces."""
        return self.text == ""


@dataclass(frozen=True)
class NoticeText:
    source_file: str
    sha256: str
    lines: list[Line]

    def error(self, line: Line | None, expected: str, found: str | None = None) -> BulletinParseError:
        place = f"line {line.number}" if line else "end of file"
        return BulletinParseError(self.source_file, place, expected, found)

    def find_line(self, predicate, start: int = 0, what: str = "") -> int:
        """Index (into self.lines) of the first line from `start` that satisfies `predicate`."""
        for index in range(start, len(self.lines)):
            if predicate(self.lines[index]):
                return index
        raise BulletinParseError(self.source_file, f"lines {start + 1}-{len(self.lines)}", what)


def decode_notice(raw: bytes, source_file: str) -> str:
    if not raw.strip():
        raise BulletinParseError(source_file, "whole file", "the text of a notice", "an empty file")
    if b"\x00" in raw:
        raise BulletinParseError(source_file, "whole file", "a text file", "binary data (NUL bytes)")
    for encoding in _ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise BulletinParseError(source_file, "whole file", "text in UTF-8 or GB18030", "undecodable bytes")


def split_lines(text: str) -> list[Line]:
    # CRLF and lone CR are folded to LF first; str.splitlines would also split on characters such
    # as U+2028 that may occur inside a cell and would shift every later line number.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [Line(number, unicodedata.normalize("NFKC", raw_line)) for number, raw_line in enumerate(text.split("\n"), start=1)]


_HTML_MARKUP = re.compile(r"<\s*(html|body|table|tr|td|div|p)\b", re.IGNORECASE)


def read_notice(raw: bytes, source_file: str) -> NoticeText:
    text = decode_notice(raw, source_file)
    markup = _HTML_MARKUP.search(text)
    if markup:
        # The parser reads the page as a browser shows it as text (one table cell per line); HTML
        # source would need a different reader, and guessing at it could misplace numbers.
        line = text.count("\n", 0, markup.start()) + 1
        raise BulletinParseError(
            source_file, f"line {line}", "the page's text (open it in a browser and save it as text), not its HTML source", markup.group(0)
        )
    return NoticeText(source_file, hashlib.sha256(raw).hexdigest(), split_lines(text))


_INNER_SPACE = re.compile(r"\s+")


def squeeze(value: str) -> str:
    """A name as printed, with the spaces that pad it to table width removed ('北  京' -> '北京')."""
    return _INNER_SPACE.sub("", value)
