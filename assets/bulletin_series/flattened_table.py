"""Table sentence: a table of the bulletin saved as text, one cell per line under its caption "表1 …".

The header says what each column is: periods ("2017年", "2017年7月") each over a group of measure
columns (举报数量, 占比率 / 排名, 省份, 举报量), measure columns that stand alone (同比增长率, for the
latest period), and a label column (举报来源, 举报渠道). The rows follow, as many cells each as there
are columns.
"""

import re
from dataclasses import dataclass

from assets.bulletin_series.figure_rules import CHANNELS, NUMBER, Figure
from assets.bulletin_series.page_text import PageLine
from assets.bulletin_series.periods import Period, periods_in

CAPTION = re.compile(r"^表\s*\d+")
_MAX_CELL = 16
_MEASURES = [
    (re.compile(r"(?:举报|报告)数量|(?:举报|报告)量"), "reports"),
    (re.compile(r"占比"), "reports_share_pct"),
    (re.compile(r"环比"), "reports_mom_pct"),
    (re.compile(r"同比"), "reports_yoy_pct"),
    (re.compile(r"排名"), "rank"),
    (re.compile(r"省份|地区"), "region"),
    (re.compile(r"(?:举报|报告)来源|(?:举报|报告)渠道|渠道"), "label"),
]
_TOTAL = {"合计", "总计", "全国"}
_VALUE = re.compile(rf"^(?P<v>-?{NUMBER})%?$")
_UNITS = {"reports": "reports"}


@dataclass(frozen=True)
class Column:
    measure: str
    period: Period | None


def _cell(line: PageLine) -> str:
    return line.compact.strip("|").strip()


def _header_kind(cell: str, year: int | None) -> tuple[str, object]:
    found = periods_in(cell, year)
    if found and len(cell) <= 10 and not any(pattern.search(cell) for pattern, _ in _MEASURES):
        return "period", found[-1][1]
    for pattern, measure in _MEASURES:
        if pattern.search(cell):
            return "measure", measure
    return "other", None


def _columns(header: list[tuple[str, object]], caption_period: Period) -> list[Column] | None:
    periods = [value for kind, value in header if kind == "period"]
    measures = [value for kind, value in header if kind == "measure" and value != "label"]
    label = [Column("label", None)] if any(value == "label" for kind, value in header if kind == "measure") else []
    if not measures:
        return None
    if not periods:
        return label + [Column(measure, caption_period) for measure in measures]
    count = len(periods)
    for width in range(1, len(measures) // count + 1):
        for start in range(0, len(measures) - width * count + 1):
            group = measures[start : start + width]
            if measures[start : start + width * count] == group * count:
                standalone = measures[:start] + measures[start + width * count :]
                latest = max(periods, key=lambda period: period.end)
                grouped = [Column(measure, period) for period in periods for measure in group]
                return label + grouped + [Column(measure, latest) for measure in standalone]
    return None


def read_tables(
    lines: list[PageLine], document_period: Period, year: int | None, provinces: tuple[str, ...], notes: list[str]
) -> list[Figure]:
    figures = []
    for index, line in enumerate(lines):
        if not CAPTION.match(line.compact):
            continue
        caption = line.compact
        caption_periods = periods_in(CAPTION.sub("", caption), year)
        caption_period = caption_periods[0][1] if caption_periods else document_period
        channel = next(
            (CHANNELS[word] for word in sorted(CHANNELS, key=len, reverse=True) if word + "举报" in caption or word + "报告" in caption),
            None,
        )
        cells = []
        for cell_line in lines[index + 1 :]:
            cell = _cell(cell_line)
            if len(cell) > _MAX_CELL or CAPTION.match(cell) or cell.startswith(("图", "注")):
                break
            cells.append((cell, cell_line))
        header = []
        for cell, _ in cells:
            kind, value = _header_kind(cell, year)
            if kind == "other" and header:
                break
            header.append((kind, value))
        if header and header[0][0] == "other":
            continue
        columns = _columns(header, caption_period)
        if columns is None:
            continue
        figures += _rows(cells[len(header) :], columns, caption, channel, provinces, line.number, notes)
    return figures


def _rows(
    cells, columns: list[Column], caption: str, channel: str | None, provinces: tuple[str, ...], caption_line: int, notes: list[str]
) -> list[Figure]:
    figures = []
    width = len(columns)
    for start in range(0, len(cells) - width + 1, width):
        row = cells[start : start + width]
        label = next((cell for (cell, _), column in zip(row, columns, strict=True) if column.measure == "label"), None)
        category = channel
        if label is not None:
            if label.replace(" ", "") in _TOTAL:
                category = None
            else:
                category = next((CHANNELS[word] for word in sorted(CHANNELS, key=len, reverse=True) if label.startswith(word)), None)
                if category is None:
                    notes.append(f"line {row[0][1].number}: table row '{label}' is not a channel; not read")
                    continue
        regions_by_period = {column.period: cell for (cell, _), column in zip(row, columns, strict=True) if column.measure == "region"}
        for (cell, cell_line), column in zip(row, columns, strict=True):
            if column.measure not in ("reports", "reports_share_pct", "reports_mom_pct", "reports_yoy_pct"):
                continue
            value = _VALUE.match(cell)
            if value is None:
                continue  # "——": not stated
            region = None
            if regions_by_period:
                region = regions_by_period.get(column.period) or next(iter(regions_by_period.values()))
                if region in _TOTAL or region not in provinces:
                    continue
            unit = "reports" if column.measure == "reports" else "pct"
            quote = f"{caption} | {label or region or ''} | {cell}"
            figures.append(
                Figure(
                    column.period,
                    region,
                    column.measure,
                    category,
                    float(value["v"]),
                    unit,
                    cell_line.number,
                    quote,
                    value["v"].lstrip("-"),
                )
            )
    return figures
