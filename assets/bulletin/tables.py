"""Turns parsed notices into the rows of the warehouse tables, one DataFrame per table.

Several landing files may hold notices: the same notice saved twice (identical bytes, or the same
document number) is loaded once; two different notices for the same report year are a conflict that
a person must resolve, never a silent pick.
"""

from dataclasses import asdict, dataclass

import pandas as pd

from assets.bulletin.handling_attachment import NATIONAL
from assets.bulletin.notice import ParsedNotice
from assets.errors import BulletinConflictError


@dataclass(frozen=True)
class BulletinTables:
    bulletin: pd.DataFrame
    handling_by_province: pd.DataFrame
    handling_national: pd.DataFrame
    hotline_check: pd.DataFrame
    portal_status: pd.DataFrame
    parse_note: pd.DataFrame
    skipped_duplicates: list[str]


def _as_printed(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}"


def _facts(notice: ParsedNotice) -> tuple:
    """What a notice says, without where it says it: copies saved differently differ only in lines."""

    def without_lines(records) -> list[dict]:
        return [{k: v for k, v in asdict(r).items() if k not in ("source_line", "line", "source_file")} for r in records]

    headline = {k: v for k, v in asdict(notice.headline).items() if k != "headline_line"}
    return (headline, without_lines(notice.handling_rows), without_lines(notice.hotline_checks), without_lines(notice.portal_statuses))


def same_notice(first: ParsedNotice, other: ParsedNotice) -> bool:
    """The same bytes, or the same facts saved differently (another name, encoding, line endings)."""
    return first.source_sha256 == other.source_sha256 or _facts(first) == _facts(other)


def distinct_notices(notices: list[ParsedNotice]) -> tuple[list[ParsedNotice], list[str]]:
    """Drop repeated copies of a notice; raise on two different notices for one year."""
    kept: dict[int, ParsedNotice] = {}
    skipped: list[str] = []
    for notice in sorted(notices, key=lambda n: n.source_file):
        year = notice.headline.report_year
        first = kept.get(year)
        if first is None:
            kept[year] = notice
        elif same_notice(first, notice):
            skipped.append(f"{notice.source_file} (same notice {first.headline.bulletin_id} as {first.source_file})")
        else:
            raise BulletinConflictError(
                f"{first.source_file} ({first.headline.bulletin_id}) and {notice.source_file} "
                f"({notice.headline.bulletin_id}) are two different notices for report year {year}; "
                "keep only the one to publish in the landing folder"
            )
    return list(kept.values()), skipped


def _bulletin_record(notice: ParsedNotice) -> dict:
    """The notice's row of table bulletin: its heading and section 一's figures."""
    h = notice.headline
    return {
        "bulletin_id": h.bulletin_id,
        "report_year": h.report_year,
        "issued_on": h.issued_on,
        "published_on": h.published_on,
        "title": h.title,
        "issuer": h.issuer,
        "total_reports": h.total_reports,
        "phone_reports": h.phone_reports,
        "wechat_reports": h.wechat_reports,
        "web_reports": h.web_reports,
        "avg_accept_days": h.avg_accept_days,
        "avg_complete_days": h.avg_complete_days,
        "on_time_completion_pct": h.on_time_completion_pct,
        "avg_accept_days_as_printed": _as_printed(h.avg_accept_days, h.avg_accept_days_decimals),
        "avg_complete_days_as_printed": _as_printed(h.avg_complete_days, h.avg_complete_days_decimals),
        "on_time_completion_pct_as_printed": _as_printed(h.on_time_completion_pct, h.on_time_completion_pct_decimals),
        "narrative_late_accept_provinces": h.narrative_late_accept_provinces,
        "narrative_late_accept_reports": h.narrative_late_accept_reports,
        "narrative_overdue_provinces": h.narrative_overdue_provinces,
        "narrative_overdue_reports": h.narrative_overdue_reports,
        "source_file": notice.source_file,
        "source_sha256": notice.source_sha256,
    }


def _handling_records(notice: ParsedNotice, common: dict) -> tuple[list[dict], list[dict]]:
    """(province rows, national rows) of 附件3: the 全国 row of each stage goes to handling_national."""
    provinces, nationals = [], []
    for row in notice.handling_rows:
        values = {
            **common,
            "stage": row.stage,
            "late_count": row.late_count,
            "on_time_pct": row.on_time_pct,
            "avg_days": row.avg_days,
            "source_line": row.source_line,
        }
        if row.province == NATIONAL:
            nationals.append(values)
        else:
            provinces.append({**values, "province": row.province, "row_number": row.sequence})
    return provinces, nationals


def build_tables(notices: list[ParsedNotice]) -> BulletinTables:
    distinct, skipped = distinct_notices(notices)
    bulletins, provinces, nationals, hotline, portal, notes = [], [], [], [], [], []
    for notice in distinct:
        common = {"report_year": notice.headline.report_year, "bulletin_id": notice.headline.bulletin_id}
        bulletins.append(_bulletin_record(notice))
        notice_provinces, notice_nationals = _handling_records(notice, common)
        provinces.extend(notice_provinces)
        nationals.extend(notice_nationals)
        hotline.extend({**common, **asdict(check)} for check in notice.hotline_checks)
        portal.extend({**common, **asdict(status)} for status in notice.portal_statuses)
        notes.extend({**common, **asdict(note)} for note in notice.notes)
    return BulletinTables(
        bulletin=pd.DataFrame(bulletins),
        handling_by_province=pd.DataFrame(provinces),
        handling_national=pd.DataFrame(nationals),
        hotline_check=pd.DataFrame(hotline),
        portal_status=pd.DataFrame(portal),
        parse_note=pd.DataFrame(notes),
        skipped_duplicates=skipped,
    )
