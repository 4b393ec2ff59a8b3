"""Parses 附件1, the 12369 hotline check of every provincial and prefecture-level bureau.

Columns: 地区 | 省级 开通情况 | 省级 检查情况 | 地市级 拨通 | 地市级 未拨通 | 并入市政热线.
A unit that failed checks carries "(N次)", the number of the year's quarterly checks it failed; a
provincial check cell may carry it on the next line ("未拨通" then "(2次)").
"""

import re
from dataclasses import dataclass

from assets.bulletin.flattened_rows import FittedCell, ParseNote, fit_cells, parse_unit_list, split_rows
from assets.bulletin.notice_text import NoticeText

ATTACHMENT = "附件1"
_OPENED = {"开通": True, "未开通": False}
_PROVINCIAL_CHECK = re.compile(r"^(?P<result>未拨通|拨通)\s*(?:注(?P<footnote>\d+))?\s*(?:\((?P<failed>\d+)次\))?$")
_FAILED_CONTINUATION = re.compile(r"^\((?P<failed>\d+)次\)$")
_PREFECTURE_COLUMNS = ("reachable", "unreachable", "merged")
_RESULT_WORDS = {"拨通": "reachable", "未拨通": "unreachable"}
_HEADER_WORDS = ("开通情况", "检查情况", "拨通", "未拨通", "市政热线")


@dataclass(frozen=True)
class HotlineCheck:
    province: str
    level: str
    unit: str
    hotline_opened: bool | None
    result: str
    failed_checks: int
    footnote: str | None
    source_line: int


def parse_hotline_attachment(notice: NoticeText, start: int, end: int, notes: list[ParseNote]) -> list[HotlineCheck]:
    """Parse the lines[start:end] of 附件1 (from its '附件1' line to the line before 附件2)."""
    split = split_rows(notice, start, end, set(_OPENED), _HEADER_WORDS, ATTACHMENT)

    checks: list[HotlineCheck] = []
    for row in split.rows:
        opened_line, *rest = row.cells
        if not rest:
            raise notice.error(opened_line, f"{ATTACHMENT}, row {row.province}: a check cell '拨通|未拨通' after '{opened_line.cell}'")
        check_line, *rest = rest
        check = _PROVINCIAL_CHECK.match(check_line.cell)
        if check is None:
            raise notice.error(check_line, f"{ATTACHMENT}, row {row.province}: the provincial check '拨通' or '未拨通'", check_line.cell)
        failed = int(check["failed"]) if check["failed"] else 0
        if rest and (continuation := _FAILED_CONTINUATION.match(rest[0].cell)):
            failed = int(continuation["failed"])
            rest = rest[1:]
        checks.append(
            HotlineCheck(
                province=row.province,
                level="provincial",
                unit=row.province,
                hotline_opened=_OPENED[opened_line.cell],
                result=_RESULT_WORDS[check["result"]],
                failed_checks=failed,
                footnote=f"注{check['footnote']}" if check["footnote"] else None,
                source_line=row.name_line.number,
            )
        )
        cells: list[FittedCell] = fit_cells(notice, row, rest, len(_PREFECTURE_COLUMNS), ATTACHMENT, notes)
        for result, cell in zip(_PREFECTURE_COLUMNS, cells, strict=True):
            for entry in parse_unit_list(notice, cell, f"{ATTACHMENT}, row {row.province}, column {result}"):
                if entry.remark is not None:
                    raise notice.error(
                        notice.lines[cell.line - 1],
                        f"{ATTACHMENT}, row {row.province}: a failure count '(N次)' after a unit name",
                        f"({entry.remark})",
                    )
                checks.append(
                    HotlineCheck(
                        province=row.province,
                        level="prefecture",
                        unit=entry.name,
                        hotline_opened=None,
                        result=result,
                        failed_checks=entry.failed_checks or 0,
                        footnote=entry.footnote,
                        source_line=cell.line,
                    )
                )
    return checks
