"""Periods as the text states them: "YYYY年M月", "1-M月", "一季度", "上半年", "YYYY年度", "截至YYYY年底".

A period stated without a year ("M月") takes the document's year (the first period the text states
with a year); the reader notes that it did so.
"""

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}

# One alternation, longest forms first. A date (…月5日) or a comparison base (…年同期) is not a period.
PERIOD = re.compile(
    # A site that drops 年 prints the year's digits straight before the month ("20196月"): read, with a note.
    r"(?:(?P<year>\d{4})年(?:度)?|(?<!\d)(?P<run_year>20\d{2})(?=(?:1[0-2]|[1-9])月))?"
    r"(?:"
    r"(?P<m1>\d{1,2})月?份?\s*[-—~至到]\s*(?P<m2>\d{1,2})月"
    r"|(?P<month>\d{1,2})月(?!\d{1,2}日|份?\d)"
    r"|(?<![比较于])前(?P<quarters>[二三2-3])(?:个)?季度"
    r"|第?(?P<quarter>[一二三四1-4])季度"
    r"|(?P<half>[上下])半年"
    r"|(?P<year_end>底)"
    r")?"
    r"(?!同期)"
)


# The groups of PERIOD that name a span within a year (a bare "YYYY年" names none of them).
_PERIOD_GROUPS = ("m1", "month", "quarters", "quarter", "half", "year_end")


@dataclass(frozen=True)
class Period:
    kind: str  # month, months, quarter, half_year, year
    start: dt.date
    end: dt.date
    year_stated: bool = True
    year_run_on: bool = False  # the year printed without 年 ("20196月")

    @property
    def label(self) -> str:
        return f"{self.start:%Y-%m-%d}..{self.end:%Y-%m-%d}"


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def period_of(match: re.Match, year: int | None) -> Period | None:
    """The period of a PERIOD match; None when it states nothing, or needs a year and none is known."""
    run_on = match["run_year"] is not None
    stated = match["year"] is not None or run_on
    if stated:
        year = int(match["year"] or match["run_year"])
    if year is None:
        return None
    if match["m1"]:
        first, last = int(match["m1"]), int(match["m2"])
        if not 1 <= first <= last <= 12:
            return None
        kind = "month" if first == last else "months"
        return Period(kind, dt.date(year, first, 1), _month_end(year, last), stated, run_on)
    if match["month"]:
        month = int(match["month"])
        if not 1 <= month <= 12:
            return None
        return Period("month", dt.date(year, month, 1), _month_end(year, month), stated, run_on)
    if match["quarters"]:
        last = 3 * _CHINESE_DIGITS[match["quarters"]]
        return Period("months", dt.date(year, 1, 1), _month_end(year, last), stated)
    if match["quarter"]:
        quarter = _CHINESE_DIGITS[match["quarter"]]
        return Period("quarter", dt.date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter), stated)
    if match["half"]:
        first = 1 if match["half"] == "上" else 7
        return Period("half_year", dt.date(year, first, 1), _month_end(year, first + 5), stated)
    if stated:
        return Period("year", dt.date(year, 1, 1), dt.date(year, 12, 31), True)
    return None


def period_matches(text: str) -> list[re.Match]:
    """Every PERIOD match of `text` that states a period, with or without its year."""
    found = []
    for match in PERIOD.finditer(text):
        if not match.group(0):
            continue
        # "YYYY年" directly followed by a month belongs to that month's match; a bare year needs 年.
        if match["year"] and not any(match[g] for g in _PERIOD_GROUPS):
            following = text[match.end() : match.end() + 1]
            if following.isdigit():
                continue
        found.append(match)
    return found


def periods_in(text: str, year: int | None) -> list[tuple[int, Period]]:
    """(position, period) of every period stated in `text`, yearless ones in `year`."""
    # "去年M月" in a story of the next year is the document's month: yearless periods take the document's year.
    periods = ((match.start(), period_of(match, year)) for match in period_matches(text))
    return [(position, period) for position, period in periods if period is not None]


def year_of_month(month: int, texts: list[str], issued_on: dt.date | None) -> tuple[int | None, str | None]:
    """The year of a month the document states without one, and how it was found (for the parse note).

    The text's own "YYYY年M月" for that month comes first; else the latest such month on or before the
    publication date (a 12月 bulletin published in January is of the year before); else the first year
    the text states."""
    for text in texts:
        for match in PERIOD.finditer(text):
            if match["year"] and match["month"] and int(match["month"]) == month:
                return int(match["year"]), f"the text states {month}月 with its year elsewhere"
            if match["run_year"] and match["month"] and int(match["month"]) == month:
                return int(match["run_year"]), f"the text prints the year without 年 ('{match.group(0)}')"
    if issued_on is not None:
        year = issued_on.year if month <= issued_on.month else issued_on.year - 1
        return year, f"the latest {month}月 on or before the publication date {issued_on}"
    year = first_stated_year(texts)
    return year, (f"{year} is the year the text states elsewhere" if year else None)


def first_stated_year(texts: list[str]) -> int | None:
    """The year of the first period the text states with its year: the document's year."""
    for text in texts:
        for match in PERIOD.finditer(text):
            if (match["year"] or match["run_year"]) and any(match[g] for g in _PERIOD_GROUPS):
                return int(match["year"] or match["run_year"])
            if match["year"] and match.group(0).endswith(("年", "度")) and not text[match.end() : match.end() + 1].isdigit():
                return int(match["year"])
    return None
