"""Parses 附件2, whether each bureau's website carries the online-reporting page.

Columns: 地区 | 省级 挂载情况 | 地市级 挂载 | 未挂载 | 无网站 | 链接故障. The source is kept as printed: a
unit listed under two statuses yields two rows (a WARN check names it).
"""

from dataclasses import dataclass

from assets.bulletin.flattened_rows import ParseNote, fit_cells, parse_unit_list, split_rows
from assets.bulletin.notice_text import NoticeText

ATTACHMENT = "附件2"
# The provincial column says 已挂载 or 未挂载; the bare header words (挂载, 无网站, …) must not start a row.
_PROVINCIAL_STATUS = {"已挂载": "mounted", "未挂载": "not_mounted"}
_PREFECTURE_COLUMNS = ("mounted", "not_mounted", "no_website", "link_failure")
_HEADER_WORDS = ("挂载情况", "挂载", "未挂载", "无网站", "链接故障")


@dataclass(frozen=True)
class PortalStatus:
    province: str
    level: str
    unit: str
    status: str
    remark: str | None
    source_line: int


def parse_portal_attachment(notice: NoticeText, start: int, end: int, notes: list[ParseNote]) -> list[PortalStatus]:
    """Parse the lines[start:end] of 附件2 (from its '附件2' line to the line before 附件3)."""
    split = split_rows(notice, start, end, set(_PROVINCIAL_STATUS), _HEADER_WORDS, ATTACHMENT)

    statuses: list[PortalStatus] = []
    for row in split.rows:
        status_line, *rest = row.cells
        statuses.append(
            PortalStatus(row.province, "provincial", row.province, _PROVINCIAL_STATUS[status_line.cell], None, row.name_line.number)
        )
        cells = fit_cells(notice, row, rest, len(_PREFECTURE_COLUMNS), ATTACHMENT, notes)
        for status, cell in zip(_PREFECTURE_COLUMNS, cells, strict=True):
            for entry in parse_unit_list(notice, cell, f"{ATTACHMENT}, row {row.province}, column {status}"):
                if entry.failed_checks is not None or entry.footnote is not None:
                    raise notice.error(
                        notice.lines[cell.line - 1],
                        f"{ATTACHMENT}, row {row.province}: a unit name, optionally with a remark in brackets",
                        entry.name,
                    )
                statuses.append(PortalStatus(row.province, "prefecture", entry.name, status, entry.remark, cell.line))
    return statuses
