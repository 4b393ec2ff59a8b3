"""One bulletin page read whole: its release (title, dates, period, script, cut off) and every figure it states."""

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field

from assets.bulletin_series.figure_rules import MINISTRY_HOTLINE, Figure, LineState, read_sentence
from assets.bulletin_series.flattened_table import CAPTION, read_tables
from assets.bulletin_series.page_text import PageLine, PageText, read_page
from assets.bulletin_series.periods import Period, first_stated_year, period_matches, period_of, year_of_month
from assets.errors import InputError

# Sentences end at 。!?; a ";" joins two clauses about the same subject ("电话举报…环比增长N%;…同比降低N%").
_SENTENCE_END = re.compile(r"[。!?]")
_SECTION_HEADING = re.compile(r"^([一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|表\s*\d|图\s*\d)")
# A publication date as sites print it: 2018-12-20, 2018/12/20, 2018.12.20, 2018年12月20日, with or
# without a time, in a dateline ("时间:", "发布时间:", "来源:", "日期:", or before 来源).
_FULL_DATE = re.compile(r"(?<!\d)(?P<y>20\d{2})(?:[-/.](?P<m>\d{1,2})[-/.]|年(?P<m2>\d{1,2})月)(?P<d>\d{1,2})(?!\d)日?")
# A news agency's dateline, "北京5月4日电", "中新网7月18日电", "4月24日讯": the month and day, no year.
_DATELINE = re.compile(r"(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?:电|讯)")
# A body line: prose that states a figure, not a heading, a dateline or a site's blurb.
_BODY_LINE = re.compile(r"[,。;].{20,}")
_FIGURE_LINE = re.compile(r"\d(?:万|余)*[件份条起%]")
# The national platform, as bulletins name it (联网管理平台, 网络管理平台, 联网平台), or its national scope.
_NATIONAL_SCOPE = re.compile(r"管理平台|联网平台|网络平台|全国各级环保部门|全国[“\"「]?12369")
_ENDS_SENTENCE = ("。", "!", "?", "”", ")", "」")


@dataclass
class SeriesDocument:
    release_id: str
    source_file: str
    source_sha256: str
    title: str | None
    issued_on: dt.date | None
    period: Period
    script: str
    cut_off: bool
    figures: list[Figure]
    notes: list[str] = field(default_factory=list)
    printed_lines: dict[int, str] = field(default_factory=dict)  # line number -> the line as printed
    kind: str = "series_page"  # or "annual_notice"


def _statement_rank(line: PageLine) -> int:
    """0: body prose that ends its sentence; 1: prose cut off (a lead); 2: a headline or caption."""
    if not _BODY_LINE.search(line.compact):
        return 2
    return 0 if line.compact.endswith(_ENDS_SENTENCE) else 1


def release_id_of(sha256: str) -> str:
    """A release is one document's bytes: two outlets' copies of one bulletin are two releases."""
    return sha256[:16]


def _sentences(line: PageLine) -> list[str]:
    return [part for part in _SENTENCE_END.split(line.compact) if part]


# A site's navigation: "当前位置: 首页 > 新闻 > …", "您的位置:网站首页 > …".
_BREADCRUMB = re.compile(r"^(?:当前位置|您的位置|您当前位置|位置)[:：]|\s[>»]\s|^•")


def _title(lines: list[PageLine]) -> str | None:
    """The first line before the body that reads as a headline of reports (举报, or a paraphrase's 报告/报道)."""
    for line in lines:
        compact = line.compact
        if (
            re.search(r"举报|报告|报道", line.text)
            and not compact.endswith("。")
            and not _SECTION_HEADING.match(compact)
            and not _BREADCRUMB.search(line.text)
            and len(compact) <= 80
        ):
            return line.printed
    return None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _issued_on(lines: list[PageLine]) -> dt.date | None:
    """The first full date printed before the article's body: the page's publication line."""
    for line in lines:
        match = _FULL_DATE.search(line.text)  # with its spaces: "2018-11-26 18:54" is a date and a time
        if match:
            date = _date(int(match["y"]), int(match["m"] or match["m2"]), int(match["d"]))
            if date is not None:
                return date
        if _BODY_LINE.search(line.compact) and _FIGURE_LINE.search(line.compact):
            return None
    return None


def _labelled_date(lines: list[PageLine]) -> dt.date | None:
    """A publication line anywhere on the page (some sites print it after the article): a full date
    right after 时间/发布时间/日期/来源 or right before 来源."""
    for line in lines:
        for match in _FULL_DATE.finditer(line.text):
            before = line.text[max(0, match.start() - 6) : match.start()].replace(" ", "")
            after = line.text[match.end() : match.end() + 16].replace(" ", "")
            if re.search(r"(?:时间|日期|来源)[:：]?$", before) or re.match(r"(?:\d{1,2}:\d{2}(?::\d{2})?)?来源", after):
                date = _date(int(match["y"]), int(match["m"] or match["m2"]), int(match["d"]))
                if date is not None:
                    return date
    return None


def _dateline_date(lines: list[PageLine], period: Period) -> dt.date | None:
    """An agency dateline's month and day, in the first year that puts it after the period reported."""
    for line in lines:
        match = _DATELINE.search(line.compact)
        if match:
            month, day = int(match["m"]), int(match["d"])
            for year in (period.end.year, period.end.year + 1):
                date = _date(year, month, day)
                if date is not None and date > period.end:
                    return date
            return None
    return None


def _first_period(lines: list[PageLine]) -> re.Match | None:
    """The first period the text states (captions left out), with or without its year."""
    for line in lines:
        if CAPTION.match(line.compact):
            continue
        found = period_matches(line.compact)
        if found:
            return found[0]
    return None


def _dated_period(lines: list[PageLine], issued_on: dt.date | None, notes: list[str]) -> tuple[Period | None, int | None]:
    """The document's period (the first the text states) and year. A month stated without its year takes
    the year the text gives that month, else the latest such month on or before the publication date, else
    the text's first year; any other period without its year takes the text's first year."""
    texts = [line.compact for line in lines if not _FULL_DATE.search(line.compact)]
    year = first_stated_year(texts)
    match = _first_period(lines)
    if match is None:
        return None, None
    stated = period_of(match, None)
    if stated is not None:
        if stated.year_run_on:
            notes.append(f"the period is printed without 年 ('{stated.start.year}{stated.start.month}月'); read as {stated.start:%Y-%m}")
        return stated, stated.start.year if year is None else year
    if match["month"]:
        month = int(match["month"])
        year, how = year_of_month(month, texts, issued_on)
        if year is not None:
            notes.append(f"the document's period {month}月 is stated without a year; {year}: {how}")
    elif year is not None:
        notes.append(f"the document's period is stated without a year; {year} is the year the text states elsewhere")
    return (period_of(match, year), year) if year is not None else (None, None)


def is_ministry_hotline_page(lines: list[PageLine]) -> bool:
    """A page of the ministry's own 12369 hotline, before the national platform: it speaks of that
    hotline and never of the national platform or of the country's 12369 reports, whose figures the series holds."""
    text = "".join(line.compact for line in lines)
    return MINISTRY_HOTLINE.search(text) is not None and _NATIONAL_SCOPE.search(text) is None


def _figure_key(figure: Figure) -> tuple:
    return (figure.period.start, figure.period.end, figure.region, figure.measure, figure.category)


def _distinct(figures: list[Figure], rank: dict[int, int], notes: list[str]) -> list[Figure]:
    """A figure restated (a lead paragraph, a headline, a second copy) is one figure: its first statement
    in a whole sentence of the body, else in a line cut off, else in a headline (`rank`: line -> rank)."""
    seen, kept = set(), []
    # A page that states one figure with two values contradicts itself (a paraphrase that lost a word,
    # a channel the reader took for the total): none of them is read, and a note says so.
    values: dict[tuple, set[float]] = {}
    for figure in figures:
        values.setdefault(_figure_key(figure), set()).add(figure.value)
    for figure in figures:
        stated = values[_figure_key(figure)]
        if len(stated) > 1:
            notes.append(
                f"line {figure.source_line}: '{figure.quote}' not read: the page states {figure.measure}"
                f"{' of ' + figure.category if figure.category else ''} for this period with {len(stated)} values"
            )
    figures = [figure for figure in figures if len(values[_figure_key(figure)]) == 1]
    for figure in sorted(figures, key=lambda figure: rank.get(figure.source_line, 0)):
        key = (figure.period.start, figure.period.end, figure.region, figure.measure, figure.category, figure.value)
        if key not in seen:
            seen.add(key)
            kept.append(figure)
    return kept


def read_series_page(page: PageText, source_sha256: str, provinces: tuple[str, ...]) -> SeriesDocument:
    lines = page.page_lines
    notes: list[str] = []
    if is_ministry_hotline_page(lines):
        raise InputError(
            page.source_file,
            "whole text",
            "a bulletin of the national 12369 platform",
            "figures of the ministry's own 12369 hotline only (before the national platform), which the series does not hold",
        )
    issued_on = _issued_on(lines) or _labelled_date(lines)
    period, year = _dated_period(lines, issued_on, notes)
    if period is None:
        raise InputError(page.source_file, "whole text", "a 12369 bulletin: a period such as 2018年10月 or 2019年度", "no period stated")
    figures: list[Figure] = []
    for line in lines:
        if CAPTION.match(line.compact):
            continue
        state = LineState()
        for sentence in _sentences(line):
            figures += read_sentence(sentence, period, year, provinces, line.number, notes, state)
    if issued_on is None:
        issued_on = _dateline_date(lines, period)
    # The title comes before the first line of the body that states a figure (a headline may state one).
    rank = {line.number: _statement_rank(line) for line in lines}
    first_figure_line = min((figure.source_line for figure in figures if rank.get(figure.source_line, 2) < 2), default=None)
    head = [line for line in lines if first_figure_line is None or line.number < first_figure_line]
    figures += read_tables(lines, period, year, provinces, notes)
    for figure in figures:
        if not figure.period.year_stated:
            notes.append(f"line {figure.source_line}: the period {figure.period.kind} is stated without a year; {year} from the document")
    return SeriesDocument(
        release_id=release_id_of(source_sha256),
        source_file=page.source_file,
        source_sha256=source_sha256,
        title=_title(head),
        issued_on=issued_on,
        period=period,
        script=page.script,
        cut_off=_cut_off(lines),
        figures=_distinct(figures, rank, notes),
        notes=list(dict.fromkeys(notes)),
        printed_lines={line.number: line.printed for line in lines},
    )


# The article's own lines, as against the site around it (links, tags, share buttons, copyright):
# prose about the reports, a caption or section heading, or a sentence opening ("从各地区…" cut short).
_ARTICLE_WORDS = re.compile(r"举报|报告|污染|环保|行业|平台|生态环境部|环境保护部")
_ARTICLE_LINE = re.compile(r"^(?:图\s*\d|表\s*\d|[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|从|在|据|其中|此外)")


def _cut_off(lines: list[PageLine]) -> bool:
    """The article ends mid-sentence: its last line does not end a sentence. The site's furniture after
    the article (links, tags, share buttons, copyright lines) is not the article."""
    for line in reversed(lines):
        compact = line.compact
        if compact.endswith(_ENDS_SENTENCE) and _ARTICLE_WORDS.search(compact):
            return False
        if (re.search(r"[,。;]", compact) and _ARTICLE_WORDS.search(compact)) or _ARTICLE_LINE.match(compact):
            return not compact.endswith(_ENDS_SENTENCE)
    return bool(lines) and not lines[-1].compact.endswith(_ENDS_SENTENCE)


def read_series_bulletin(raw: bytes, source_file: str, suffix: str, provinces: tuple[str, ...]) -> SeriesDocument:
    """Read a saved bulletin page; one that states no figure is refused as not a 12369 bulletin."""
    document = read_series_page(read_page(raw, source_file, suffix), hashlib.sha256(raw).hexdigest(), provinces)
    if not document.figures:
        raise InputError(source_file, "whole text", "a 12369 bulletin: at least one figure such as '共接到环保举报N件'", "no figure")
    return document
