"""How well the bulletin reader reads pages, against figures read by hand: per page and in total.

    uv run python scripts/series_accuracy.py [--pages FOLDER] [--only FILE ...] [--variants]

For every page that has hand-read figures in tests/expected/bulletin_series_figures.csv (written by a
person from the page's text, never from the reader's output), prints the figures read by hand, those the
reader read exactly, missing (not read), wrong (read with another value) and invented (read where the hand
reading has none, including figures the page destroyed), national figures and all; whether the page's
period and publication date (tests/expected/bulletin_series_releases.csv) were read; and with --variants
the same for constructed variants of every page (tests/support/page_variants.py). A figure is identified
by (period, region, measure, category); its value must equal the hand reading.
"""

import argparse
import datetime as dt
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))

from assets.bulletin_series.release import read_series_bulletin  # noqa: E402
from assets.errors import InputError  # noqa: E402
from assets.reference.regions import read_regions  # noqa: E402
from tests.support.hand_reading import hand_read_rows  # noqa: E402
from tests.support.page_variants import variants_of  # noqa: E402

DEFAULT_PAGES = PROJECT_ROOT.parent / "shared" / "bulletins" / "series"


@dataclass
class Score:
    hand_read: int = 0
    exact: int = 0
    missing: int = 0
    wrong: int = 0
    invented: int = 0
    national: Counter = field(default_factory=Counter)
    dated: bool | None = None
    issued: bool | None = None
    refused: str | None = None
    details: list[str] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        for name in ("hand_read", "exact", "missing", "wrong", "invented"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.national.update(other.national)


def _key(period_start, period_end, region, measure, category) -> tuple:
    return (str(period_start), str(period_end), region or None, measure, category or None)


def expectations() -> tuple[dict[str, dict[tuple, float | None]], dict[str, dict]]:
    """{file: {key: value, None for a figure the page destroyed}}, {file: release row}."""
    figures: dict[str, dict[tuple, float | None]] = {}
    for row in hand_read_rows("bulletin_series_figures.csv"):
        key = _key(row["period_start"], row["period_end"], row["region"], row["measure"], row["category"])
        page = figures.setdefault(row["file"], {})
        value = float(row["value"]) if row["value"] != "" else None
        if value is not None or key not in page:
            page[key] = value
    releases = {row["file"]: row for row in hand_read_rows("bulletin_series_releases.csv")}
    return figures, releases


def score(raw: bytes, file_name: str, suffix: str, expected: dict[tuple, float | None], release: dict | None, provinces) -> Score:
    result = Score()
    try:
        document = read_series_bulletin(raw, file_name, suffix, provinces)
    except InputError as error:
        document, result.refused = None, str(error)
    read: dict[tuple, float] = {}
    if document is not None:
        for figure in document.figures:
            read[_key(figure.period.start, figure.period.end, figure.region, figure.measure, figure.category)] = figure.value
        if release is not None:
            result.dated = (document.period.kind, str(document.period.start), str(document.period.end)) == (
                release["period_kind"],
                release["period_start"],
                release["period_end"],
            )
            result.issued = str(document.issued_on or "") == release["issued_on"]
    for key, value in expected.items():
        national = "national" if key[2] is None else "province"
        if value is None:
            continue
        result.hand_read += 1
        result.national[(national, "hand_read")] += 1
        if key not in read:
            outcome = "missing"
        elif abs(read[key] - value) < 1e-9:
            outcome = "exact"
        else:
            outcome = "wrong"
            result.details.append(f"wrong {key}: read {read[key]}, by hand {value}")
        setattr(result, outcome, getattr(result, outcome) + 1)
        result.national[(national, outcome)] += 1
        if outcome == "missing":
            result.details.append(f"missing {key}: {value}")
    for key, value in read.items():
        if expected.get(key) is None:
            result.invented += 1
            result.national[("national" if key[2] is None else "province", "invented")] += 1
            result.details.append(f"invented {key}: {value}")
    return result


def dated_by_its_own_date(text: str, release: dict) -> int | None:
    """The year of a monthly bulletin's month when the page prints its own publication date in full,
    within four months of the month (not a repost years later, nor only an agency's "N月N日电"): the
    pages on which "the year only in the dateline" is a page that can still be dated."""
    if release.get("period_kind") != "month" or not release.get("issued_on"):
        return None
    issued = dt.date.fromisoformat(release["issued_on"])
    if (issued - dt.date.fromisoformat(release["period_end"])).days > 120:
        return None
    year, month, day = issued.year, issued.month, issued.day
    printed = re.search(rf"{year}\s*(?:[-/.]0?{month}[-/.]0?{day}(?!\d)|年0?{month}月0?{day}日)", text)
    return int(release["period_start"][:4]) if printed else None


def _line(label: str, s: Score) -> str:
    n = s.national
    dated = {None: "", True: "yes", False: "NO"}
    return (
        f"{label:<44} {s.hand_read:>5} {s.exact:>5} {s.missing:>5} {s.wrong:>5} {s.invented:>5}"
        f"   {n[('national', 'hand_read')]:>5} {n[('national', 'exact')]:>5} {n[('national', 'wrong')]:>5} {n[('national', 'invented')]:>5}"
        f"  {dated[s.dated]:>5} {dated[s.issued]:>6}"
    )


HEADER = (
    f"{'page':<44} {'hand':>5} {'exact':>5} {'miss':>5} {'wrong':>5} {'inv':>5}"
    f"   {'nat':>5} {'exact':>5} {'wrong':>5} {'inv':>5}  {'dated':>5} {'issued':>6}"
)


def _summary(label: str, total: Score) -> str:
    hand = total.national[("national", "hand_read")]
    exact = total.national[("national", "exact")]
    share = f"{100 * exact / hand:.1f}%" if hand else "n/a"
    return _line(label, total) + f"\n  national figures read exactly: {exact} of {hand} ({share})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES, help="folder of the saved pages")
    parser.add_argument("--only", nargs="*", help="only these files")
    parser.add_argument("--variants", action="store_true", help="also score the constructed variants of every page")
    parser.add_argument("--details", action="store_true", help="list every missing, wrong and invented figure")
    arguments = parser.parse_args()
    provinces = tuple(read_regions().province)
    figures, releases = expectations()
    names = sorted(arguments.only or figures)
    total, variant_total, variant_count = Score(), Score(), 0
    print(HEADER)
    for name in names:
        path = arguments.pages / name
        result = score(path.read_bytes(), name, path.suffix, figures.get(name, {}), releases.get(name), provinces)
        total.add(result)
        print(_line(name, result) + (f"  refused: {result.refused}" if result.refused else ""))
        if arguments.details:
            for detail in result.details:
                print(f"      {detail}")
    print(_summary(f"all {len(names)} pages", total))
    if arguments.variants:
        print()
        print(HEADER.replace("page", "variant", 1))
        for name in names:
            text = (arguments.pages / name).read_bytes().decode("utf-8")
            release = releases.get(name) or {}
            for variant in variants_of(text, dated_by_its_own_date(text, release)):
                variant_count += 1
                result = score(variant.raw, variant.file_name, variant.suffix, figures.get(name, {}), releases.get(name), provinces)
                variant_total.add(result)
                if result.missing or result.wrong or result.invented or result.refused or result.dated is False:
                    print(_line(f"{name[:24]} {variant.name[:19]}", result) + (f"  refused: {result.refused}" if result.refused else ""))
                    if arguments.details:
                        for detail in result.details:
                            print(f"      {detail}")
        print(_summary(f"all {variant_count} variants", variant_total))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
