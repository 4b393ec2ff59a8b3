"""Parses 附件3, the two handling tables: acceptance of WeChat and web reports, completion of all reports.

Each table is printed as two record columns side by side (序号 地区 count rate days, twice), so the
flattened cells come in groups of five: provinces 1-17 on the left, 18-32 and then 全国 (with an
empty 序号) on the right, and an empty group where the right column runs out.
"""

import re
from dataclasses import dataclass

from assets.bulletin.notice_text import Line, NoticeText, squeeze

ATTACHMENT = "附件3"
NATIONAL = "全国"
# The table titles name the stage; the count column's header says what is counted.
_STAGES = (
    ("acceptance", "受理情况表", ("未按期", "受理数", "按期", "受理率", "平均受理天数")),
    ("completion", "办结情况表", ("超期", "办结数", "按期", "办结率", "平均办结天数")),
)
_GROUP = 5
_SEQUENCE = re.compile(r"^\d+$")
_COUNT = re.compile(r"^-?\d+$")
_PERCENT = re.compile(r"^(?P<value>-?\d+(?:\.\d+)?)%$")
_DAYS = re.compile(r"^-?\d+(?:\.\d+)?$")


@dataclass(frozen=True)
class HandlingRow:
    stage: str
    sequence: int | None  # 序号; None on the 全国 row
    province: str
    late_count: int
    on_time_pct: float
    avg_days: float
    source_line: int


def _parse_group(notice: NoticeText, stage: str, group: list[Line]) -> HandlingRow | None:
    sequence_line, name_line, count_line, percent_line, days_line = group
    if all(not line.cell for line in group):
        return None  # the empty right-hand slot beside the last left-hand row
    where = f"{ATTACHMENT}, {stage} table, row {squeeze(name_line.cell) or '?'}"
    province = squeeze(name_line.cell)
    if not province or _SEQUENCE.match(province):
        raise notice.error(name_line, f"{where}: a region name in column 地区", name_line.cell)
    if sequence_line.cell:
        if not _SEQUENCE.match(sequence_line.cell):
            raise notice.error(sequence_line, f"{where}: a row number in column 序号", sequence_line.cell)
        sequence = int(sequence_line.cell)
    elif province == NATIONAL:
        sequence = None
    else:
        raise notice.error(sequence_line, f"{where}: a row number in column 序号 (only 全国 has none)", sequence_line.cell)
    if not _COUNT.match(count_line.cell):
        raise notice.error(count_line, f"{where}: an integer count in column 2 of the record", count_line.cell)
    percent = _PERCENT.match(percent_line.cell)
    if percent is None:
        raise notice.error(percent_line, f"{where}: a percentage such as '98.50%' in column 3 of the record", percent_line.cell)
    if not _DAYS.match(days_line.cell):
        raise notice.error(days_line, f"{where}: a number of days such as '3.1' in column 4 of the record", days_line.cell)
    return HandlingRow(
        stage=stage,
        sequence=sequence,
        province=province,
        late_count=int(count_line.cell),
        on_time_pct=float(percent["value"]),
        avg_days=float(days_line.cell),
        source_line=name_line.number,
    )


def _parse_table(notice: NoticeText, stage: str, title_index: int, header_words: tuple[str, ...], end: int) -> list[HandlingRow]:
    lines = notice.lines
    first_cell = notice.find_line(
        lambda line: _SEQUENCE.match(line.cell) is not None,
        start=title_index + 1,
        what=f"{ATTACHMENT}, {stage} table: a first data row starting with 序号 1",
    )
    header_text = "".join(line.cell for line in lines[title_index + 1 : first_cell])
    missing = [word for word in ("序号", "地区", *header_words) if word not in header_text]
    if missing:
        raise notice.error(
            lines[title_index], f"{ATTACHMENT}, {stage} table: header cells {'/'.join(header_words)}", f"header missing {missing}"
        )
    # The flattened table ends at the first truly empty line; empty cells are lines of spaces.
    table_end = next((index for index in range(first_cell, end) if lines[index].is_blank), end)
    cells = lines[first_cell:table_end]
    if len(cells) % _GROUP:
        raise notice.error(
            cells[-1] if cells else lines[first_cell],
            f"{ATTACHMENT}, {stage} table: records of {_GROUP} cells (序号, 地区, count, rate, days)",
            f"{len(cells)} cells, {len(cells) % _GROUP} left over (a cell is missing or the table is cut off)",
        )
    rows = []
    for offset in range(0, len(cells), _GROUP):
        row = _parse_group(notice, stage, cells[offset : offset + _GROUP])
        if row is not None:
            rows.append(row)
    return rows


def parse_handling_attachment(notice: NoticeText, start: int, end: int) -> list[HandlingRow]:
    """Parse both tables of 附件3 within lines[start:end]."""
    rows: list[HandlingRow] = []
    for stage, title_word, header_words in _STAGES:
        title_index = notice.find_line(
            lambda line, word=title_word: word in line.cell,
            start=start,
            what=f"{ATTACHMENT}: a table titled '…{title_word}'",
        )
        if title_index >= end:
            raise notice.error(notice.lines[start], f"{ATTACHMENT}: a table titled '…{title_word}'")
        rows.extend(_parse_table(notice, stage, title_index, header_words, end))
    return rows
