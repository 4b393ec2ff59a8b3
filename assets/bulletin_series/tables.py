"""The bulletin series as rows of bulletin_release, bulletin_figure and bulletin_parse_note (plain functions)."""

import datetime as dt
import re

import pandas as pd

from assets.bulletin.notice import ParsedNotice
from assets.bulletin_series.figure_rules import Figure
from assets.bulletin_series.page_text import detect_script
from assets.bulletin_series.periods import Period
from assets.bulletin_series.release import SeriesDocument, release_id_of

# Lines of the page as printed are kept in full up to this length (a flattened page can have very long lines).
_PRINTED_LINE_LIMIT = 400


def _decimals(printed: str) -> int:
    return len(printed.split(".")[1]) if "." in printed else 0


def notice_document(notice: ParsedNotice, raw: bytes) -> SeriesDocument:
    """The annual notice as a release of the series: its section 一 headline figures, one line."""
    headline = notice.headline
    text = raw.decode("utf-8-sig", errors="replace").split("\n")
    line = headline.headline_line
    printed = text[line - 1].strip() if 0 < line <= len(text) else ""
    year = Period("year", dt.date(headline.report_year, 1, 1), dt.date(headline.report_year, 12, 31))

    def figure(measure: str, category: str | None, value: float, unit: str, decimals: int) -> Figure:
        shown = f"{value:.{decimals}f}" if unit != "reports" else str(int(value))
        quote_at = printed.find(shown)
        quote = printed[max(0, quote_at - 12) : quote_at + len(shown) + 1] if quote_at >= 0 else printed[:60]
        return Figure(year, None, measure, category, float(value), unit, line, quote, shown)

    figures = [
        figure("reports", None, headline.total_reports, "reports", 0),
        figure("reports", "phone", headline.phone_reports, "reports", 0),
        figure("reports", "wechat", headline.wechat_reports, "reports", 0),
        figure("reports", "web", headline.web_reports, "reports", 0),
        figure("avg_accept_days", None, headline.avg_accept_days, "days", headline.avg_accept_days_decimals),
        figure("avg_complete_days", None, headline.avg_complete_days, "days", headline.avg_complete_days_decimals),
        figure("on_time_pct", None, headline.on_time_completion_pct, "pct", headline.on_time_completion_pct_decimals),
    ]
    return SeriesDocument(
        release_id=release_id_of(notice.source_sha256),
        source_file=notice.source_file,
        source_sha256=notice.source_sha256,
        title=headline.title,
        issued_on=headline.issued_on,
        period=year,
        script=detect_script(printed),
        cut_off=False,
        figures=figures,
        notes=[],
        printed_lines={line: printed},
        kind="annual_notice",
    )


def _release_row(document: SeriesDocument, source_urls: dict[str, str | None], version: str) -> dict:
    return {
        "release_id": document.release_id,
        "source_file": document.source_file,
        "source_sha256": document.source_sha256,
        "source_url": source_urls.get(document.source_file),
        "kind": document.kind,
        "title": document.title,
        "issued_on": document.issued_on,
        "period_kind": document.period.kind,
        "period_start": document.period.start,
        "period_end": document.period.end,
        "script": document.script,
        "cut_off": document.cut_off,
        "figure_count": len(document.figures),
        "parse_note_count": len(document.notes),
        "reader_version": version,
    }


def _figure_row(document: SeriesDocument, figure: Figure) -> dict:
    return {
        "release_id": document.release_id,
        "source_file": document.source_file,
        "period_start": figure.period.start,
        "period_end": figure.period.end,
        "region": figure.region,
        "measure": figure.measure,
        "category": figure.category,
        "value": figure.value,
        "unit": figure.unit,
        "decimals": _decimals(figure.printed),
        "source_line": figure.source_line,
        "quote": figure.quote,
        "line_as_printed": document.printed_lines.get(figure.source_line, "")[:_PRINTED_LINE_LIMIT],
    }


_NOTE_LINE = re.compile(r"^line (?P<line>\d+): ")


def _note_row(document: SeriesDocument, note: str) -> dict:
    match = _NOTE_LINE.match(note)
    return {
        "release_id": document.release_id,
        "source_file": document.source_file,
        "line": int(match["line"]) if match else None,
        "note": note[match.end() :] if match else note,
    }


def series_tables(documents: list[SeriesDocument], source_urls: dict[str, str | None], version: str) -> dict[str, pd.DataFrame]:
    """{table: rows} of bulletin_release, bulletin_figure and bulletin_parse_note; `version`: the reader's."""
    return {
        "bulletin_release": pd.DataFrame([_release_row(document, source_urls, version) for document in documents]),
        "bulletin_figure": pd.DataFrame([_figure_row(d, f) for d in documents for f in d.figures]),
        "bulletin_parse_note": pd.DataFrame([_note_row(d, n) for d in documents for n in d.notes]),
    }
