"""Parses one annual notice, from its bytes to typed records of every table in it."""

from dataclasses import dataclass

from assets.bulletin.flattened_rows import ParseNote
from assets.bulletin.handling_attachment import HandlingRow, parse_handling_attachment
from assets.bulletin.headline import Headline, parse_headline
from assets.bulletin.hotline_attachment import HotlineCheck, parse_hotline_attachment
from assets.bulletin.notice_text import NoticeText, read_notice
from assets.bulletin.portal_attachment import PortalStatus, parse_portal_attachment


@dataclass(frozen=True)
class ParsedNotice:
    source_file: str
    source_sha256: str
    headline: Headline
    hotline_checks: list[HotlineCheck]
    portal_statuses: list[PortalStatus]
    handling_rows: list[HandlingRow]
    notes: list[ParseNote]


def _attachment_start(notice: NoticeText, label: str, after: int) -> int:
    return notice.find_line(
        lambda line: line.cell == label,
        start=after,
        what=f"a line '{label}' that opens that attachment",
    )


def parse_notice(raw: bytes, source_file: str) -> ParsedNotice:
    """Parse a notice; raises BulletinParseError naming the file and line of the first problem."""
    notice = read_notice(raw, source_file)
    headline = parse_headline(notice)
    first = _attachment_start(notice, "附件1", 0)
    second = _attachment_start(notice, "附件2", first + 1)
    third = _attachment_start(notice, "附件3", second + 1)
    notes: list[ParseNote] = []
    hotline = parse_hotline_attachment(notice, first, second, notes)
    portal = parse_portal_attachment(notice, second, third, notes)
    handling = parse_handling_attachment(notice, third, len(notice.lines))
    return ParsedNotice(source_file, notice.sha256, headline, hotline, portal, handling, notes)
