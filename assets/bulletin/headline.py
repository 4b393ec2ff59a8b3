"""Parses the notice's heading and narrative: document number, dates, report year, the national
figures of section 一 and the counts that section 三 quotes from the attachments."""

import datetime as dt
import re
from dataclasses import dataclass

from assets.bulletin.notice_text import Line, NoticeText

_TITLE = re.compile(r"关于(?P<year>\d{4})年.*通报")
_DOCUMENT_NUMBER = re.compile(r"^(?P<number>\S+?[\[〔](?P<year>\d{4})[\]〕]\d+号)$")
_PUBLISHED = re.compile(r"发布日期\s*:\s*(?P<date>\d{4}-\d{1,2}-\d{1,2})")
_CHINESE_DATE = re.compile(r"^(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日$")
_DECIMAL = r"\d+(?:\.\d+)?"
_HEADLINE = re.compile(
    r"(?P<year>\d{4})年,\s*管理平台共接到举报(?P<total>\d+)件,"
    r"其中电话举报(?P<phone>\d+)件,微信举报(?P<wechat>\d+)件,网上举报(?P<web>\d+)件,"
    rf"平均受理时间为(?P<accept>{_DECIMAL})天,平均办结时间为(?P<complete>{_DECIMAL})天,"
    rf"按期办结率达到(?P<pct>{_DECIMAL})%"
)
# Section 三(二): "...等20个省(区)的245件举报未按期受理,...等15个省份的782件举报未按期办结".
_NARRATIVE_LATE_ACCEPT = re.compile(r"(?P<provinces>\d+)个省[^的,。]{0,6}的(?P<reports>\d+)件举报未按期受理")
_NARRATIVE_OVERDUE = re.compile(r"(?P<provinces>\d+)个省[^的,。]{0,6}的(?P<reports>\d+)件举报未按期办结")
_ATTACHMENT_1 = "附件1"


@dataclass(frozen=True)
class Headline:
    bulletin_id: str
    title: str
    issuer: str
    report_year: int
    issued_on: dt.date
    published_on: dt.date | None
    total_reports: int
    phone_reports: int
    wechat_reports: int
    web_reports: int
    avg_accept_days: float
    avg_complete_days: float
    on_time_completion_pct: float
    # Each figure keeps the number of decimals it was printed with, so that a check can compare it
    # with the tables "within rounding".
    avg_accept_days_decimals: int
    avg_complete_days_decimals: int
    on_time_completion_pct_decimals: int
    narrative_late_accept_provinces: int | None
    narrative_late_accept_reports: int | None
    narrative_overdue_provinces: int | None
    narrative_overdue_reports: int | None
    headline_line: int


def _decimals(number: str) -> int:
    return len(number.split(".")[1]) if "." in number else 0


def _body_end(notice: NoticeText) -> int:
    """Index of the '附件1' line that opens the attachments; the heading and narrative lie before it."""
    return notice.find_line(lambda line: line.cell == _ATTACHMENT_1, what="a line '附件1' that opens the attachments")


def _title(notice: NoticeText, body: list[Line]) -> re.Match:
    title_line = next((line for line in body if _TITLE.search(line.cell)), None)
    if title_line is None:
        raise notice.error(None, "a title '关于YYYY年…通报' before 附件1")
    return _TITLE.search(title_line.cell)


def _document_number(notice: NoticeText, body: list[Line]) -> str:
    number_line = next((line for line in body if _DOCUMENT_NUMBER.match(line.cell)), None)
    if number_line is None:
        raise notice.error(None, "a document number such as '环办应急函[2018]500号' before 附件1")
    return _DOCUMENT_NUMBER.match(number_line.cell)["number"]


def _signature(notice: NoticeText, body: list[Line]) -> tuple[str, dt.date]:
    """(issuer, issuing date): the issuer signs the notice and dates it on the next line, just before the attachments."""
    date_lines = [index for index, line in enumerate(body) if _CHINESE_DATE.match(line.cell)]
    if not date_lines:
        raise notice.error(None, "an issuing date 'YYYY年M月D日' on a line of its own before 附件1")
    date_index = date_lines[-1]
    date_match = _CHINESE_DATE.match(body[date_index].cell)
    issued_on = dt.date(int(date_match["y"]), int(date_match["m"]), int(date_match["d"]))
    issuer = body[date_index - 1].cell if date_index > 0 else ""
    if not issuer:
        raise notice.error(body[date_index], "the issuing office on the line before the date")
    return issuer, issued_on


def _published_on(body: list[Line]) -> dt.date | None:
    """The republishing site's date line, if the saved page has one."""
    published_match = next((m for line in body if (m := _PUBLISHED.search(line.cell))), None)
    if published_match is None:
        return None
    return dt.date.fromisoformat("-".join(part.zfill(2) for part in published_match["date"].split("-")))


def _headline_sentence(notice: NoticeText, body: list[Line], report_year: int) -> tuple[Line, re.Match]:
    """Section 一's sentence with the year's totals, channels, handling days and on-time rate."""
    headline_line = next((line for line in body if _HEADLINE.search(line.text)), None)
    if headline_line is None:
        raise notice.error(
            None,
            "section 一's sentence '…年,管理平台共接到举报N件,其中电话举报N件,微信举报N件,网上举报N件,"
            "平均受理时间为N天,平均办结时间为N天,按期办结率达到N%'",
        )
    figures = _HEADLINE.search(headline_line.text)
    if int(figures["year"]) != report_year:
        raise notice.error(headline_line, f"section 一 to report on the title's year {report_year}", figures["year"])
    return headline_line, figures


def parse_headline(notice: NoticeText) -> Headline:
    body: list[Line] = notice.lines[: _body_end(notice)]
    title_match = _title(notice, body)
    report_year = int(title_match["year"])
    bulletin_id = _document_number(notice, body)
    issuer, issued_on = _signature(notice, body)
    published_on = _published_on(body)
    headline_line, figures = _headline_sentence(notice, body, report_year)
    narrative = " ".join(line.text for line in body)
    late = _NARRATIVE_LATE_ACCEPT.search(narrative)
    overdue = _NARRATIVE_OVERDUE.search(narrative)

    return Headline(
        bulletin_id=bulletin_id,
        title=title_match.group(0),
        issuer=issuer,
        report_year=report_year,
        issued_on=issued_on,
        published_on=published_on,
        total_reports=int(figures["total"]),
        phone_reports=int(figures["phone"]),
        wechat_reports=int(figures["wechat"]),
        web_reports=int(figures["web"]),
        avg_accept_days=float(figures["accept"]),
        avg_complete_days=float(figures["complete"]),
        on_time_completion_pct=float(figures["pct"]),
        avg_accept_days_decimals=_decimals(figures["accept"]),
        avg_complete_days_decimals=_decimals(figures["complete"]),
        on_time_completion_pct_decimals=_decimals(figures["pct"]),
        narrative_late_accept_provinces=int(late["provinces"]) if late else None,
        narrative_late_accept_reports=int(late["reports"]) if late else None,
        narrative_overdue_provinces=int(overdue["provinces"]) if overdue else None,
        narrative_overdue_reports=int(overdue["reports"]) if overdue else None,
        headline_line=headline_line.number,
    )
