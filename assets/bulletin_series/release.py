"""One bulletin page read whole: its release (title, dates, period, script, cut off) and every figure it states."""

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field

from assets.bulletin_series.figure_rules import Figure, read_sentence
from assets.bulletin_series.flattened_table import CAPTION, read_tables
from assets.bulletin_series.page_text import PageLine, PageText, read_page
from assets.bulletin_series.periods import Period, first_stated_year, periods_in
from assets.errors import InputError

# Sentences end at 。!?; a ";" joins two clauses about the same subject ("电话举报…环比增长N%;…同比降低N%").
_SENTENCE_END = re.compile(r"[。!?]")
_SECTION_HEADING = re.compile(r"^([一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|表\s*\d|图\s*\d)")
_FULL_DATE = re.compile(r"(?P<y>\d{4})(?:-|年)(?P<m>\d{1,2})(?:-|月)(?P<d>\d{1,2})日?")
_ENDS_SENTENCE = ("。", "!", "?", "”", ")", "」")


@dataclass
class SeriesDocument:
    release_id: str
    source_file: str
    source_sha256: str
    title: str | None
    issued_on: dt.date | None
    period: Period
    script: str
    cut_off: bool
    figures: list[Figure]
    notes: list[str] = field(default_factory=list)
    printed_lines: dict[int, str] = field(default_factory=dict)  # line number -> the line as printed
    kind: str = "series_page"  # or "annual_notice"


def release_id_of(sha256: str) -> str:
    """A release is one document's bytes: two outlets' copies of one bulletin are two releases."""
    return sha256[:16]


def _sentences(line: PageLine) -> list[str]:
    return [part for part in _SENTENCE_END.split(line.compact) if part]


def _title(lines: list[PageLine]) -> str | None:
    for line in lines:
        if "举报" in line.text and not line.compact.endswith("。") and not _SECTION_HEADING.match(line.compact) and len(line.compact) <= 80:
            return line.printed
    return None


def _issued_on(lines: list[PageLine]) -> dt.date | None:
    for line in lines:
        match = _FULL_DATE.search(line.text)
        if match:
            try:
                return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                continue
    return None


def _document_period(lines: list[PageLine], year: int | None) -> Period | None:
    for line in lines:
        if CAPTION.match(line.compact):
            continue
        found = periods_in(line.compact, year)
        if found:
            return found[0][1]
    return None


def _distinct(figures: list[Figure]) -> list[Figure]:
    """A figure restated (a lead paragraph, a headline, a second copy) is one figure: the first statement."""
    seen, kept = set(), []
    for figure in figures:
        key = (figure.period.start, figure.period.end, figure.region, figure.measure, figure.category, figure.value)
        if key not in seen:
            seen.add(key)
            kept.append(figure)
    return kept


def read_series_page(page: PageText, source_sha256: str, provinces: tuple[str, ...]) -> SeriesDocument:
    lines = page.page_lines
    notes: list[str] = []
    year = first_stated_year([line.compact for line in lines if not _FULL_DATE.search(line.text)])
    period = _document_period(lines, year)
    if period is None:
        raise InputError(page.source_file, "whole text", "a 12369 bulletin: a period such as 2018年10月 or 2019年度", "no period stated")
    if not period.year_stated:
        notes.append(f"the document's period is stated without a year; {year} is the year the text states elsewhere")
    figures: list[Figure] = []
    for line in lines:
        if CAPTION.match(line.compact):
            continue
        for sentence in _sentences(line):
            figures += read_sentence(sentence, period, year, provinces, line.number, notes)
    # The title and dateline come before the first line that states a figure.
    first_figure_line = min((figure.source_line for figure in figures), default=None)
    head = [line for line in lines if first_figure_line is None or line.number < first_figure_line]
    figures += read_tables(lines, period, year, provinces, notes)
    for figure in figures:
        if not figure.period.year_stated:
            notes.append(f"line {figure.source_line}: the period {figure.period.kind} is stated without a year; {year} from the document")
    last = lines[-1].compact if lines else ""
    return SeriesDocument(
        release_id=release_id_of(source_sha256),
        source_file=page.source_file,
        source_sha256=source_sha256,
        title=_title(head),
        issued_on=_issued_on(head),
        period=period,
        script=page.script,
        cut_off=not last.endswith(_ENDS_SENTENCE),
        figures=_distinct(figures),
        notes=list(dict.fromkeys(notes)),
        printed_lines={line.number: line.printed for line in lines},
    )


def read_series_bulletin(raw: bytes, source_file: str, suffix: str, provinces: tuple[str, ...]) -> SeriesDocument:
    """Read a saved bulletin page; one that states no figure is refused as not a 12369 bulletin."""
    document = read_series_page(read_page(raw, source_file, suffix), hashlib.sha256(raw).hexdigest(), provinces)
    if not document.figures:
        raise InputError(source_file, "whole text", "a 12369 bulletin: at least one figure such as '共接到环保举报N件'", "no figure")
    return document
