"""Rules that read figures from the sentences of a bulletin, each named for the sentence pattern it reads.

A sentence is read left to right: the period, the channel and the region it speaks of change as the
words say so ("YYYY年M月", "微信举报", "河南省"), and each figure takes those in force where it is
printed. Only a number with its unit is a figure: "N件" a count, "N%" a percentage. A rounded count
("N.NN万件") is not read; nor is anything said of the ministry's own hotline or of a subset of provinces.
"""

import re
from dataclasses import dataclass

from assets.bulletin_series.periods import Period, periods_in

CHANNELS = {"热线电话": "phone", "电话": "phone", "微信": "wechat", "网上": "web", "网络": "web", "其他渠道": "other", "其他": "other"}
POLLUTION = {
    "大气": "air",
    "噪声": "noise",
    "水": "water",
    "固废": "solid_waste",
    "固体废物": "solid_waste",
    "生态破坏": "ecology",
    "生态": "ecology",
    "辐射": "radiation",
}

NUMBER = r"\d+(?:\.\d+)?"
_COUNT = re.compile(rf"(?P<n>{NUMBER})(?P<wan>万)?余?件")
_PERCENT = re.compile(rf"(?P<p>{NUMBER})%")
_CHANNEL = re.compile("|".join(sorted(CHANNELS, key=len, reverse=True)) + r"(?=举报|共|\d|渠道|[,、])")
_CHANGE = re.compile(
    rf"(?P<base>环比|同比|相比上月|比上月|较上月|相比去年同期|比去年同期|较去年同期|相比\d{{4}}年同期)均?"
    rf"(?P<verb>增长|上升|增加|上涨|下降|降低|减少)了?(?P<p>{NUMBER})%"
)
_UP = {"增长", "上升", "增加", "上涨"}
# A count is of reports only when its clause says so: by the word, or by a channel.
_REPORTS_CUE = re.compile(r"举报|检举|投诉|接报|热线|电话|微信|网上|网络|渠道|留言")
# The ministry's own hotline (010-12369) and subsets of provinces are not the national platform's figures.
_NOT_NATIONAL = re.compile(r"010-12369|这些省|这些地区|部分省")
_NATIONAL = re.compile(r"全国")
_POLLUTION_NAME = re.compile(r"大气|噪声|固体废物|固废|生态破坏|生态(?=污染|、|和|举报)|辐射|(?<![废污])水(?=污染|、|和|举报|的)")
_SUB_SHARE = re.compile(r"涉气|涉水|涉大气|噪声举报的|涉噪")
_SHARE_PERCENT = re.compile(rf"占[^,;。%\d]{{0,8}}?(?P<p>{NUMBER})%|(?<=[、和])[^,;。%\d]{{0,12}}?(?P<q>{NUMBER})%")
_INDUSTRY_FIRST = re.compile(rf"行业(?:仍)?是(?P<name>[^,;。]+?),占(?P<p>{NUMBER})%")
_INDUSTRY_NEXT = re.compile(rf"其次(?:为|是)(?P<names>[^,;。]+?),(?:分别)?占(?P<ps>{NUMBER}%(?:[、和]{NUMBER}%)*)")


@dataclass(frozen=True)
class Figure:
    period: Period
    region: str | None
    measure: str
    category: str | None
    value: float
    unit: str
    source_line: int
    quote: str
    printed: str  # the number as printed ("30.0"): its decimals are the rounding of the figure


@dataclass
class SentenceContext:
    """What a sentence is about at a given position: read from the markers before that position."""

    default_period: Period
    periods: list[tuple[int, Period]]
    channels: list[tuple[int, str]]
    regions: list[tuple[int, str | None]]

    def at(self, position: int) -> tuple[Period, str | None, str | None]:
        period = next((p for at, p in reversed(self.periods) if at < position), self.default_period)
        channel = next((c for at, c in reversed(self.channels) if at < position), None)
        region = next((r for at, r in reversed(self.regions) if at < position), None)
        return period, channel, region


def _context(sentence: str, default_period: Period, year: int | None, provinces: tuple[str, ...]) -> SentenceContext:
    channels = [(m.start(), CHANNELS[m.group(0)]) for m in _CHANNEL.finditer(sentence)]
    regions: list[tuple[int, str | None]] = [(m.start(), None) for m in _NATIONAL.finditer(sentence)]
    for province in provinces:
        for m in re.finditer(re.escape(province) + r"(?:省|市|自治区)?", sentence):
            regions.append((m.start(), province))
    return SentenceContext(default_period, periods_in(sentence, year), channels, sorted(regions, key=lambda item: item[0]))


def _quote(sentence: str, start: int, end: int) -> str:
    return sentence[max(0, start - 12) : end]


def _count_measure(before: str, after: str) -> str | None:
    """What a count "N件" is, from the words of its clause: None when it is not a figure we read."""
    if re.search(r"(比|相比|较)(上月|去年同期|\d{4}年同期)?(增加|减少)$", before) or re.search(r"(增加|减少)$", before):
        return None  # an absolute change
    if re.match(r"(仍|正)在办理", after):
        return None  # "有N件仍在办理中": reports still open, not a figure of the vocabulary
    if re.search(r"其余$", before):
        if re.match(r"[^,。]*?(未予受理|不予受理|未受理)", after):
            return "not_accepted"
        return None  # "其余N件正在办理中"
    if re.search(r"(不予受理|未予受理|未受理的?)$", before):
        return "not_accepted"
    if re.search(r"办结$", before):
        return "completed"
    if re.search(r"受理的?$", before) or re.search(r"受理$", before):
        return "accepted"
    if _REPORTS_CUE.search(before) or _after_channel(after):
        return "reports"
    return None  # a count of something the words do not say ("已法院N件" in a paraphrased copy)


def _after_channel(after: str) -> str | None:
    """ "N件国务院大督查网民留言", "N件其他渠道举报": a channel named after its count."""
    named = re.match(r"(?P<name>[\u4e00-\u9fff]{2,14}?(留言|渠道))", after)
    if named is None:
        return None
    return "other" if named["name"].startswith("其他") else named["name"]


def counts(sentence: str, context: SentenceContext, line: int, notes: list[str]) -> list[Figure]:
    """Channel sentence and handling sentence: "共接到环保举报N件,其中电话N件,约占N%…", "已受理N件,未受理N件"."""
    figures = []
    for match in _COUNT.finditer(sentence):
        clause_start = max(sentence.rfind(",", 0, match.start()), sentence.rfind(";", 0, match.start())) + 1
        before = sentence[clause_start : match.start()].rstrip("的 ")
        after = sentence[match.end() :]
        if match["wan"]:
            notes.append(f"line {line}: '{match.group(0)}' is a rounded count; only exact counts are read")
            continue
        measure = _count_measure(before, after)
        if measure is None:
            continue
        period, channel, region = context.at(match.start())
        category = channel
        named = _after_channel(after) if measure == "reports" else None
        if named is not None:
            category = named
        elif measure == "reports" and re.search(r"[\u4e00-\u9fff]{2,12}留言$", before):
            # "包含了大督查网民留言N件": the channel is the words before the count, without the verb.
            name = re.search(r"(?P<name>[\u4e00-\u9fff]{2,12}留言)$", before)["name"]
            category = re.sub(r"^.*?(包含了?|包括|另有|还有)", "", name)
            # "“其他”包含了大督查网民留言N件": a part of another channel, written parent/part so that
            # it is never added to its parent a second time.
            parent = re.search(r"(?P<parent>其他|电话|微信|网上|网络)[”\"]?(包含了?|包括)", before)
            if parent:
                category = f"{CHANNELS[parent['parent']]}/{category}"
        value = float(match["n"])
        figures.append(
            Figure(period, region, measure, category, value, "reports", line, _quote(sentence, clause_start, match.end()), match["n"])
        )
        share = re.match(rf",约?占?(?P<p>{NUMBER})%", after)
        if measure == "reports" and category is not None and share:
            end = match.end() + share.end()
            figures.append(
                Figure(
                    period,
                    region,
                    "reports_share_pct",
                    category,
                    float(share["p"]),
                    "pct",
                    line,
                    _quote(sentence, clause_start, end),
                    share["p"],
                )
            )
    return figures


def changes(sentence: str, context: SentenceContext, line: int) -> list[Figure]:
    """Change sentence: "环比降低N%", "相比去年同期增长N%", signed as the verb says."""
    figures = []
    for match in _CHANGE.finditer(sentence):
        previous = sentence[: match.start()]
        last_share = previous.rfind("占")
        last_count = max(previous.rfind("件"), -1)
        if last_share > last_count and _PERCENT.search(previous, last_share):
            continue  # the change of a share just stated ("占N%,比上月增长了N%"), not of the reports
        period, channel, region = context.at(match.start())
        measure = "reports_mom_pct" if "同期" not in match["base"] and match["base"] != "同比" else "reports_yoy_pct"
        sign = 1 if match["verb"] in _UP else -1
        figures.append(
            Figure(
                period,
                region,
                measure,
                channel,
                sign * float(match["p"]),
                "pct",
                line,
                _quote(sentence, match.start(), match.end()),
                match["p"],
            )
        )
    return figures


def pollution_shares(sentence: str, context: SentenceContext, line: int, notes: list[str]) -> list[Figure]:
    """Pollution share list: "大气、噪声污染举报较多,分别占N%、N%,水污染…分别占N%、N%…"; names and
    shares pair in order. Spam between the items does not shift the list: only "N%" are items."""
    if "占" not in sentence or _SUB_SHARE.search(sentence) or "行业" in sentence:
        return []
    names = [m for m in _POLLUTION_NAME.finditer(sentence)]
    if not names:
        return []
    shares = [m for m in _SHARE_PERCENT.finditer(sentence) if not _preceded_by_change(sentence, m.start())]
    if not shares:
        return []
    # A type named after the last share is said of something else ("其中噪声污染占比…上涨了N个百分点").
    names = [name for name in names if name.start() < shares[-1].start()]
    if len(names) != len(shares):
        notes.append(f"line {line}: {len(names)} pollution types but {len(shares)} shares in one sentence; none of them read")
        return []
    period, _, region = context.at(shares[0].start())
    figures = []
    for name, share in zip(names, shares, strict=True):
        printed = share["p"] or share["q"]
        figures.append(
            Figure(
                period,
                region,
                "pollution_share_pct",
                POLLUTION[name.group(0)],
                float(printed),
                "pct",
                line,
                _quote(sentence, name.start(), share.end()),
                printed,
            )
        )
    return figures


def _preceded_by_change(sentence: str, position: int) -> bool:
    return re.search(r"(增长|上升|增加|上涨|下降|降低|减少)了?$", sentence[max(0, position - 4) : position]) is not None


def industry_shares(sentence: str, context: SentenceContext, line: int, notes: list[str]) -> list[Figure]:
    """Industry sentence: "最集中的行业是建筑业,占N%,其次为住宿餐饮娱乐业和非金属加工业,分别占N%和N%"."""
    if "行业" not in sentence:
        return []
    figures = []
    first = _INDUSTRY_FIRST.search(sentence)
    if first:
        period, _, region = context.at(first.start())
        figures.append(
            Figure(
                period,
                region,
                "industry_share_pct",
                first["name"],
                float(first["p"]),
                "pct",
                line,
                _quote(sentence, first.start(), first.end()),
                first["p"],
            )
        )
    for follow in _INDUSTRY_NEXT.finditer(sentence):
        names = [name for name in re.split(r"[、和]", follow["names"]) if name]
        shares = _PERCENT.findall(follow["ps"])
        if len(names) != len(shares):
            notes.append(f"line {line}: {len(names)} industries but {len(shares)} shares after 其次; none of them read")
            continue
        period, _, region = context.at(follow.start())
        for name, share in zip(names, shares, strict=True):
            figures.append(
                Figure(
                    period,
                    region,
                    "industry_share_pct",
                    name,
                    float(share),
                    "pct",
                    line,
                    _quote(sentence, follow.start(), follow.end()),
                    share,
                )
            )
    return figures


def read_sentence(
    sentence: str, default_period: Period, year: int | None, provinces: tuple[str, ...], line: int, notes: list[str]
) -> list[Figure]:
    """Every figure of one sentence (spaces removed), with the period, channel and region in force where it stands."""
    if _NOT_NATIONAL.search(sentence):
        return []
    context = _context(sentence, default_period, year, provinces)
    return [
        *counts(sentence, context, line, notes),
        *changes(sentence, context, line),
        *pollution_shares(sentence, context, line, notes),
        *industry_shares(sentence, context, line, notes),
    ]
