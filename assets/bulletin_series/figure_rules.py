"""Rules that read figures from the sentences of a bulletin, each named for the kind of figure it reads.

A figure is a number with its unit (件/份/条/起 a count, % a share or a change, 天 days) and a subject
that its own clause gives it: a channel, a pollution type, an industry, the total, accepted/completed.
The period and the region in force are read from the words before the number ("YYYY年M月",
"河南省"); a change's base (环比, 同比, 相比上月, 相比去年同期, 相比前三个月…) from its clause.

What a rule cannot read for sure is not read, and says so: every number with a unit that no rule
stores gets a parse note quoting it (a rounded 万件, a share within one pollution type, an absolute
change, a subset of provinces, an unknown subject, a list whose names and shares do not pair, two
changes of one subject with one base), so that the notes and the figures account for the whole page.
"""

import re
from dataclasses import dataclass, field

from assets.bulletin_series.periods import Period, periods_in

CHANNELS = {
    "热线电话": "phone",
    "电话": "phone",
    "热线": "phone",
    "微信": "wechat",
    "网上": "web",
    "网络": "web",
    "其他渠道": "other",
    "其他": "other",
}
POLLUTION = {
    "大气": "air",
    "空气": "air",
    "噪声": "noise",
    "噪音": "noise",
    "水": "water",
    "固废": "solid_waste",
    "固体废物": "solid_waste",
    "生态破坏": "ecology",
    "生态": "ecology",
    "辐射": "radiation",
}

NUMBER = r"\d+(?:\.\d+)?"
# Paraphrased copies count reports in 份, 条 or 起 where the ministry writes 件.
COUNT_UNIT = "件份条起"
# A number right after "digits," is the tail of a number the reader could not join: never a count.
_COUNT = re.compile(rf"(?<![\d.])(?<!\d,)(?P<n>{NUMBER})(?P<wan>万)?余?[{COUNT_UNIT}]")
_PERCENT = re.compile(rf"(?P<p>{NUMBER})%")
# Every number with a unit a page can state: what the rules store, or what a parse note quotes.
_ANY_FIGURE = re.compile(rf"(?<![\d.])(?P<n>{NUMBER})(?:万余?|余)?(?:[{COUNT_UNIT}]|%|天|倍|个百分点)")
_CHANNEL = re.compile("(?:" + "|".join(sorted(CHANNELS, key=len, reverse=True)) + r")(?=举报|报告|投诉|检举|共|\d|渠道|[,、]|$)")
# A count of one kind of report ("涉及大气污染的举报N件", "建筑业举报N件") is no count of the vocabulary.
_TYPE_WORDS = re.compile(r"污染|行业|[\u4e00-\u9fff]业举报|问题的?举报|反映")
# A total says so: "共接到", "收到", "接报", "总量", "全国…N件".
_TOTAL_CUE = re.compile(r"共|总|合计|全国|国内|接到|收到|接报|录入|导入")
# A sentence that opens with a channel speaks of it ("电话一直都是环保举报最多的来源,…收到…N件").
_SENTENCE_OPENING = re.compile(r"^(?P<name>热线电话|电话|微信|网上|网络)(?!平台|管理|公众号|消息|号|用户)")
_CHANNEL_AFTER = re.compile(r"^(?P<name>热线电话|电话|微信|网上|网络)(?:举报|报告|投诉|检举)")
_UP = {"增长", "上升", "增加", "上涨", "增幅", "涨幅", "增幅为", "涨幅为"}
CHANGE_MEASURES = {"reports_mom_pct", "reports_yoy_pct"}
_VERB = "增长|上升|增加|上涨|下降|降低|减少|增幅为?|涨幅为?|降幅为?"
# A change's base as the clause states it: the previous month or period (环比), or a year before (同比).
_MONTH_BASE = r"上个?月|前[一二三四五六七八九十\d]+个月|上一?季度|上半年"
_YEAR_BASE = r"去年同期|上年同期|\d{4}年同期|去年"
_BASE = rf"环比|同比(?:{_MONTH_BASE}|{_YEAR_BASE})?|(?:相比|比|较|与)(?:{_MONTH_BASE}|{_YEAR_BASE})(?:相比)?"
_CHANGE = re.compile(rf"(?P<base>{_BASE})[,]?均?(?P<verb>{_VERB})了?约?(?P<p>{NUMBER})%")
_BARE_CHANGE = re.compile(rf"(?P<verb>{_VERB})了?约?(?P<p>{NUMBER})%")
# Two bases, two changes: "环比、同比分别增长12.0%、5.3%".
_TWO_BASES = re.compile(rf"(?P<b1>环比|同比)[、和](?P<b2>环比|同比)分别(?P<verb>{_VERB})了?(?P<p1>{NUMBER})%[、和](?P<p2>{NUMBER})%")
_ABSOLUTE_CHANGE = re.compile(rf"(?P<base>{_BASE})[,]?(?:{_VERB})了?{NUMBER}[{COUNT_UNIT}]$")
# A count is of reports only when its clause says so: by the word, or by a channel.
_REPORTS_CUE = re.compile(r"举报|检举|投诉|接报|热线|电话|微信|网上|网络|渠道|留言|报告|(?:全国|国内)$")
# The ministry's own hotline (010-12369, 环境保护部"12369"…热线) and subsets of provinces are not the
# national platform's figures.
MINISTRY_HOTLINE = re.compile(r"010-12369|(?:环境保护部|环保部)[“\"]?12369[”\"]?环保举报热线")
_NOT_NATIONAL = re.compile(rf"{MINISTRY_HOTLINE.pattern}|这些省|这些地区|部分省")
_NATIONAL = re.compile(r"全国|国内")
_POLLUTION_NAME = re.compile(
    r"大气|空气|噪声|噪音|固体废物|固废|生态破坏|生态(?=污染|、|和|举报)|辐射|(?<![废污涉])水(?=污染|、|和|举报|的)"
)
# Where a sentence starts speaking of the reports of one pollution type ("大气污染举报中", "水污染方面",
# "在空气污染报告中"), or a share names one type's reports as its base ("占涉气举报的"): from there on a
# share is a share within that type, never a share of all reports.
_WITHIN_TYPE = re.compile(
    r"(?:大气|空气|噪声|噪音|水|固废|固体废物)污染(?:举报|报告|投诉|检举)?(?:中|方面)|涉气|涉水|涉大气|涉噪|气体相关|噪声(?:举报|报告|投诉|检举)的"
    r"|占(?:大气|空气|噪声|噪音|水|固废|固体废物)污染(?:举报|报告|投诉|检举)?的"
)
_SHARE_PERCENT = re.compile(rf"占[^,;。%\d]{{0,8}}?(?P<p>{NUMBER})%|(?<=[、和])[^,;。%\d]{{0,12}}?(?P<q>{NUMBER})%")
_INDUSTRY_FIRST = re.compile(rf"行业(?:仍|依次|分别)?(?:是|为)(?P<names>[^,;。]+?),(?:分别)?约?占(?P<ps>{NUMBER}%(?:[、和及]{NUMBER}%)*)")
_INDUSTRY_NEXT = re.compile(rf"其次(?:为|是)(?P<names>[^,;。]+?),(?:分别)?约?占(?P<ps>{NUMBER}%(?:[、和及]{NUMBER}%)*)")
_INDUSTRY_ALONE = re.compile(rf"(?<![\u4e00-\u9fff])(?P<name>[\u4e00-\u9fff]{{2,8}}?行业)占比(?:仅|为|约)*(?P<p>{NUMBER})%")
_DAYS = re.compile(rf"平均(?P<which>办结|受理)(?:天数|时间|时长|用时)(?:为|是)?约?(?P<n>{NUMBER})天(?!以内|以上|左右)")
_ON_TIME = re.compile(rf"按时办结率(?:为|是)?约?(?P<p>{NUMBER})%")


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
    at: int = -1  # where the number stands in its sentence (-1: read from a table)


@dataclass
class LineState:
    """What the sentences of one paragraph said before: a channel's change stated right after a
    同比 sentence without repeating 同比 ("…同比下降25.2%。其中电话举报下降26.0%") takes that base."""

    change_bases: set[str] = field(default_factory=set)
    # An industry list continued in the next sentence ("…行业是建筑业,占N%,主要是…。其次是A和B,分别占…").
    industries_open: bool = False
    # Every value stated in the paragraph for one figure: two of them make each a contradiction.
    claims: dict[tuple, set] = field(default_factory=dict)


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


@dataclass
class Reading:
    """One sentence being read: the figures found and, for the numbers not stored, why not."""

    sentence: str
    context: SentenceContext
    line: int
    figures: list[Figure] = field(default_factory=list)
    reasons: dict[int, str] = field(default_factory=dict)  # number's position -> why it is not a figure
    taken: set[int] = field(default_factory=set)  # numbers a list already read, which no other rule reads again

    def add(self, measure: str, category: str | None, value: float, unit: str, at: int, quote: str, printed: str, period=None, region=...):
        context_period, _, context_region = self.context.at(at)
        self.figures.append(
            Figure(
                period or context_period,
                context_region if region is ... else region,
                measure,
                category,
                value,
                unit,
                self.line,
                quote,
                printed,
                at,
            )
        )

    def skip(self, at: int, why: str) -> None:
        self.reasons.setdefault(at, why)


def _context(sentence: str, default_period: Period, year: int | None, provinces: tuple[str, ...]) -> SentenceContext:
    channels = [(m.start(), CHANNELS[m.group(0)]) for m in _CHANNEL.finditer(sentence)]
    regions: list[tuple[int, str | None]] = [(m.start(), None) for m in _NATIONAL.finditer(sentence)]
    for province in provinces:
        for m in re.finditer(re.escape(province) + r"(?:省|市|自治区)?", sentence):
            regions.append((m.start(), province))
    return SentenceContext(default_period, periods_in(sentence, year), channels, sorted(regions, key=lambda item: item[0]))


def _quote(sentence: str, start: int, end: int) -> str:
    return sentence[max(0, start - 12) : end]


def _clause_start(sentence: str, position: int) -> int:
    return max(sentence.rfind(",", 0, position), sentence.rfind(";", 0, position), sentence.rfind(":", 0, position)) + 1


def _channel_in(text: str) -> str | None:
    found = [CHANNELS[m.group(0)] for m in _CHANNEL.finditer(text)]
    return found[-1] if found else None


# A channel's share right after its count: ",约占37.4%", ",占比37.4%", ",占全部举报的37.4%".
_SHARE_AFTER_COUNT = re.compile(rf",(?:约|大约)?(?:占比为?|占(?:[\u4e00-\u9fff]{{0,6}}?的)?)?约?(?P<p>{NUMBER})%")


def _count_measure(before: str, after: str) -> tuple[str | None, str]:
    """What a count "N件" is, from the words of its clause; (None, why) when it is not a figure we read."""
    if _ABSOLUTE_CHANGE.search(before + "0件") or re.search(rf"(?:{_VERB})了?$", before):
        return None, "an absolute change, not a count"
    if re.match(r"(仍|正)在办理", after):
        return None, "reports still being handled"
    if re.search(r"其余$", before):
        if re.match(r"[^,。]*?(未予受理|不予受理|未受理)", after):
            return "not_accepted", ""
        return None, "reports still being handled"
    if re.match(r"[^,;。]*?(未被受理|未予受理|不予受理)", after) or re.search(r"(不予受理|未予受理|未被?受理的?)$", before):
        return "not_accepted", ""
    if re.match(r"(?:案件|举报|报告|投诉|检举)?被受理", after):
        return "accepted", ""
    # "受理的N件举报中", "在…受理的…N件举报中": the N reports a relative clause describes.
    if re.match(r"(?:举报|报告|投诉|检举|案件)?中", after):
        if "办结" in before:
            return "completed", ""
        if "受理" in before:
            return "accepted", ""
    if re.search(r"办结$", before):
        return "completed", ""
    if re.search(r"受理的?$", before):
        return "accepted", ""
    if _REPORTS_CUE.search(before) or _after_channel(after):
        return "reports", ""
    return None, "a count whose clause names no subject the reader knows"


def _after_channel(after: str) -> str | None:
    """ "N件国务院大督查网民留言", "N件其他渠道举报", "N条微信举报": a channel named after its count."""
    channel = _CHANNEL_AFTER.match(after)
    if channel:
        return CHANNELS[channel["name"]]
    named = re.match(r"(?P<name>[\u4e00-\u9fff]{2,14}?(留言|渠道))", after)
    if named is None:
        return None
    return "other" if named["name"].startswith("其他") else named["name"]


def _sentence_subject(reading: Reading) -> str | None:
    """The channel a sentence speaks of, named before its first number ("电话举报方面,收到…N件,受理N件")."""
    first = _ANY_FIGURE.search(reading.sentence)
    opening = _SENTENCE_OPENING.match(reading.sentence)
    return _channel_in(reading.sentence[: first.start() if first else len(reading.sentence)]) or (
        CHANNELS[opening["name"]] if opening else None
    )


def counts(reading: Reading) -> None:
    """Channel sentence and handling sentence: "共接到环保举报N件,其中电话N件,约占N%…", "已受理N件,未受理N件"."""
    sentence = reading.sentence
    for match in _COUNT.finditer(sentence):
        if match.start() in reading.taken:
            continue
        clause_start = _clause_start(sentence, match.start())
        before = sentence[clause_start : match.start()].rstrip("的 ")
        after = sentence[match.end() :]
        if match["wan"]:
            reading.skip(match.start(), "a rounded count; only exact counts are read")
            continue
        measure, why = _count_measure(before, after)
        if measure is None:
            reading.skip(match.start(), why)
            continue
        # The channel is the one its own clause names; a clause naming none is the total, unless it
        # names a channel the reader does not know ("…渠道N件"), which is no figure at all.
        category = _channel_in(before)
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
        elif category is None and re.search(r"渠道|留言", before):
            reading.skip(match.start(), "a count of a channel the reader does not know")
            continue
        elif category is None:
            category = _sentence_subject(reading)
        if measure == "reports" and category is None and named is None:
            if _TYPE_WORDS.search(before):
                reading.skip(match.start(), "a count of one pollution type or industry, not of all reports")
                continue
            if not _TOTAL_CUE.search(before):
                reading.skip(match.start(), "a count whose clause does not say it is the total")
                continue
        value = float(match["n"])
        reading.add(measure, category, value, "reports", match.start(), _quote(sentence, clause_start, match.end()), match["n"])
        share = _SHARE_AFTER_COUNT.match(after)
        if measure == "reports" and category is not None and share:
            position = match.end() + share.start("p")
            quote = _quote(sentence, clause_start, match.end() + share.end())
            reading.add("reports_share_pct", category, float(share["p"]), "pct", position, quote, share["p"])


_CHANNEL_WORD = r"(?:热线电话|电话|微信|网上|网络|其他渠道)(?:举报|报告|投诉|检举)?"
_VALUE = rf"{NUMBER}(?:[{COUNT_UNIT}]|%)"
_CHANNEL_LIST = re.compile(
    rf"(?P<names>{_CHANNEL_WORD}(?:[、和及与]{_CHANNEL_WORD})+)(?:的?(?:举报|报告|投诉|检举)?(?:数量|量)?)"
    rf"(?P<base>{_BASE})?(?:分别|依次)(?:为|是|占|约占)?(?P<verb>{_VERB})?了?约?(?P<values>{_VALUE}(?:[、和及]{_VALUE})+)"
)


def channel_lists(reading: Reading) -> None:
    """Channel list: "电话、微信、网上举报分别为21899件、18343件和6440件", "…分别占46.6%、39.1%和13.7%",
    "…同比分别下降23.4%、0.7%、16.0%": the channels pair in order with the values, only when they count
    the same."""
    sentence = reading.sentence
    for match in _CHANNEL_LIST.finditer(sentence):
        names = [CHANNELS[m.group(0)] for m in re.finditer("|".join(sorted(CHANNELS, key=len, reverse=True)), match["names"])]
        values = list(re.finditer(rf"(?P<n>{NUMBER})(?P<unit>[{COUNT_UNIT}]|%)", match["values"]))
        offset = match.start("values")
        units = {value["unit"] == "%" for value in values}
        if len(names) != len(values) or len(units) != 1 or len(set(names)) != len(names):
            for value in values:
                reading.skip(
                    offset + value.start(),
                    f"a list of {len(names)} channels and {len(values)} values ('{match.group(0)}'); none of it read",
                )
                reading.taken.add(offset + value.start())
            continue
        if units == {False}:
            measure, unit, sign = "reports", "reports", 1
        elif match["verb"] or match["base"]:
            if not match["base"]:
                continue  # a change of a list without its base: the change rule notes it
            measure, unit, sign = _base_measure(match["base"]), "pct", (1 if (match["verb"] or "") in _UP else -1)
        else:
            measure, unit, sign = "reports_share_pct", "pct", 1
        for name, value in zip(names, values, strict=True):
            position = offset + value.start()
            reading.taken.add(position)
            reading.add(measure, name, sign * float(value["n"]), unit, position, match.group(0), value["n"])


def _base_measure(base: str) -> str:
    if re.search(_MONTH_BASE, base) or base == "环比":
        return "reports_mom_pct"
    return "reports_yoy_pct"


def _change_subject(reading: Reading, clause_start: int, position: int) -> tuple[bool, str | None]:
    """(known, channel) of a change: the channel its clause names; a clause naming nothing but the
    change ("环比增长N%") speaks of the sentence's subject; a clause naming an unknown channel, of nothing."""
    words = reading.sentence[clause_start:position]
    channel = _channel_in(words)
    if channel is not None:
        return True, channel
    if re.search(r"渠道|留言", words):
        return False, None
    if re.search(r"举报|报告|投诉|检举|全国|国内|平台", words):
        return True, None
    # A change that names nothing speaks of the count before it in the sentence ("共接到…N件,环比增长x%"):
    # of that count's subject when it was read, of nothing when it was not.
    before = [
        m
        for m in _COUNT.finditer(reading.sentence, 0, position)
        if not m["wan"] and not reading.reasons.get(m.start(), "").startswith("an absolute change")
    ]
    if before:
        counted = [f for f in reading.figures if f.at == before[-1].start() and f.measure == "reports"]
        return (True, counted[0].category) if counted else (False, None)
    _, channel, _ = reading.context.at(position)
    return True, channel or _sentence_subject(reading)


def changes(reading: Reading, state: LineState) -> None:
    """Change sentence: "环比降低N%", "相比去年同期增长N%", signed as the verb says; a change without its
    base takes the base of the paragraph's sentence before when that one stated a single base."""
    sentence = reading.sentence
    based = {match.start("p"): match for match in _CHANGE.finditer(sentence)}
    bases_here: set[str] = set()
    paired: set[int] = set()
    for match in _TWO_BASES.finditer(sentence):
        if match["b1"] == match["b2"]:
            continue
        known, channel = _change_subject(reading, _clause_start(sentence, match.start()), match.start())
        if not known:
            continue
        sign = 1 if match["verb"] in _UP else -1
        for base, group in ((match["b1"], "p1"), (match["b2"], "p2")):
            measure = _base_measure(base)
            reading.add(measure, channel, sign * float(match[group]), "pct", match.start(group), match.group(0), match[group])
            bases_here.add(measure)
            paired.add(match.start(group))
    for match in _BARE_CHANGE.finditer(sentence):
        position = match.start("p")
        if position in paired or position in reading.taken:
            continue
        base_match = based.get(position)
        previous = sentence[: match.start()]
        last_share = previous.rfind("占")
        last_count = max(previous.rfind(unit) for unit in COUNT_UNIT)
        if last_share > last_count and _PERCENT.search(previous, last_share):
            reading.skip(position, "the change of a share just stated, not of the reports")
            continue
        if base_match is not None:
            start = base_match.start()
            measure = _base_measure(base_match["base"])
            clause_start = _clause_start(sentence, start)
            # "比上月减少N件,同比降低x%": a change whose base contradicts the absolute change it follows.
            before_clause = sentence[_clause_start(sentence, clause_start - 1) : clause_start - 1] if clause_start else ""
            absolute = _ABSOLUTE_CHANGE.search(before_clause)
            if absolute and base_match["base"] in ("环比", "同比") and _base_measure(absolute["base"]) != measure:
                reading.skip(position, "a change printed with another base than the change it follows; not read")
                _, channel = _change_subject(reading, clause_start, start)
                period, _, region = reading.context.at(start)
                state.claims.setdefault((period, region, measure, channel), set()).add(("printed", match["p"]))
                continue
            bases_here.add(measure)
        else:
            start = match.start()
            clause_start = _clause_start(sentence, start)
            if re.search(r"(分别|均)$", sentence[clause_start:start]):
                reading.skip(position, "a change of a list without its base")
                continue
            if len(state.change_bases) != 1:
                reading.skip(position, "a change whose base (环比 or 同比) is not stated")
                continue
            measure = next(iter(state.change_bases))
        if re.search(r"占比|比例|比重", sentence[clause_start:start]) or _TYPE_WORDS.search(sentence[clause_start:start]):
            reading.skip(position, "the change of a share, or of one pollution type or industry, not of all reports")
            continue
        known, channel = _change_subject(reading, clause_start, start)
        if not known:
            reading.skip(position, "a change of a channel the reader does not know")
            continue
        sign = 1 if match["verb"] in _UP else -1
        quote = _quote(sentence, start, match.end())
        reading.add(measure, channel, sign * float(match["p"]), "pct", position, quote, match["p"])
    if bases_here:
        state.change_bases = bases_here


_REGION_LIST_CHANGE = re.compile(rf"(?P<base>{_BASE})分别(?P<verb>{_VERB})了?(?P<ps>{NUMBER}%(?:[、和]{NUMBER}%)+)")


def region_list_changes(reading: Reading, provinces: tuple[str, ...]) -> None:
    """Province list: "增幅较大的有河南、安徽、四川,同比分别增长240.1%、210%、209.3%": the provinces of
    the clause before pair in order with the changes, only when they count the same."""
    sentence = reading.sentence
    for match in _REGION_LIST_CHANGE.finditer(sentence):
        clause_start = _clause_start(sentence, match.start())
        listed_from = _clause_start(sentence, clause_start - 1) if clause_start else 0
        listing = sentence[listed_from : match.start()]
        names = sorted(
            ((m.start(), province) for province in provinces for m in re.finditer(re.escape(province), listing)),
        )
        values = list(_PERCENT.finditer(match["ps"]))
        offset = match.start("ps")
        if not names or len(names) != len(values):
            for value in values:
                reading.skip(offset + value.start("p"), f"a list of {len(names)} provinces and {len(values)} changes; none of it read")
            continue
        _, channel = _change_subject(reading, listed_from, match.start())
        period, _, _ = reading.context.at(match.start())
        sign = 1 if match["verb"] in _UP else -1
        for (_, province), value in zip(names, values, strict=True):
            reading.add(
                _base_measure(match["base"]),
                channel,
                sign * float(value["p"]),
                "pct",
                offset + value.start("p"),
                _quote(sentence, listed_from, match.end()),
                value["p"],
                period=period,
                region=province,
            )


def multiples(reading: Reading, state: LineState) -> None:
    """ "比去年同期增长7倍": a change stated as a multiple is not read (7倍 is +600% or +700%), but it is a
    claim of that change, which a percentage stated for the same change in the paragraph contradicts."""
    for match in re.finditer(rf"(?P<n>{NUMBER})个百分点", reading.sentence):
        reading.skip(match.start("n"), "a change of a share in percentage points")
    for match in re.finditer(rf"(?P<base>{_BASE})(?:{_VERB})了?(?P<n>{NUMBER})倍", reading.sentence):
        reading.skip(match.start("n"), "a change stated as a multiple")
        period, channel, region = reading.context.at(match.start())
        state.claims.setdefault((period, region, _base_measure(match["base"]), channel), set()).add(("multiple", match["n"]))


def pollution_shares(reading: Reading) -> None:
    """Pollution share list: "大气、噪声污染举报较多,分别占N%、N%,水污染…分别占N%、N%…"; the names
    of each list pair in order with its shares, only when they count the same. Spam between the items
    does not shift a list: only "N%" are items."""
    sentence = reading.sentence
    within = _WITHIN_TYPE.search(sentence)
    industry = sentence.find("行业")
    end = min(position for position in (within.start() if within else -1, industry, len(sentence)) if position >= 0)
    shares = [m for m in _SHARE_PERCENT.finditer(sentence) if not _preceded_by_change(sentence, _at(m))]
    for share in shares:
        if within and _at(share) >= within.start():
            reading.skip(_at(share), "a share within one pollution type, not of all reports")
    names = [m for m in _POLLUTION_NAME.finditer(sentence, 0, end)]
    shares = [share for share in shares if _at(share) < end]
    if not names or not shares:
        return
    # Lists: names with no share between them, then the shares that follow, up to the next name.
    groups: list[tuple[list[re.Match], list[re.Match]]] = []
    for name in names:
        if groups and not any(groups[-1][0][-1].start() < _at(share) < name.start() for share in shares):
            groups[-1][0].append(name)
        else:
            groups.append(([name], []))
    for index, (group_names, group_shares) in enumerate(groups):
        limit = groups[index + 1][0][0].start() if index + 1 < len(groups) else end
        group_shares.extend(share for share in shares if group_names[-1].start() < _at(share) < limit)
    for group_names, group_shares in groups:
        if not group_shares:
            continue
        if len(group_names) != len(group_shares):
            quote = sentence[group_names[0].start() : group_shares[-1].end()]
            for share in group_shares:
                reading.skip(
                    _at(share), f"a list of {len(group_names)} pollution types and {len(group_shares)} shares ('{quote}'); none of it read"
                )
            continue
        for name, share in zip(group_names, group_shares, strict=True):
            printed = share["p"] or share["q"]
            reading.add(
                "pollution_share_pct",
                POLLUTION[name.group(0)],
                float(printed),
                "pct",
                _at(share),
                _quote(sentence, name.start(), share.end()),
                printed,
            )


def _at(share: re.Match) -> int:
    """Where a share's number stands (a list item's match starts at the 、 before its words)."""
    return share.start("p") if share["p"] else share.start("q")


def _preceded_by_change(sentence: str, position: int) -> bool:
    return re.search(rf"(?:{_VERB})了?$", sentence[max(0, position - 4) : position]) is not None


def _industry_list(reading: Reading, match: re.Match) -> None:
    names = [name for name in re.split(r"[、和及与]", match["names"]) if name]
    shares = list(_PERCENT.finditer(match["ps"]))
    offset = match.start("ps")
    if len(names) != len(shares):
        for share in shares:
            reading.skip(
                offset + share.start("p"), f"{len(names)} industries but {len(shares)} shares ('{match.group(0)}'); none of them read"
            )
        return
    for name, share in zip(names, shares, strict=True):
        reading.add(
            "industry_share_pct",
            name,
            float(share["p"]),
            "pct",
            offset + share.start("p"),
            _quote(reading.sentence, match.start(), match.end()),
            share["p"],
        )


def industry_shares(reading: Reading, state: LineState) -> None:
    """Industry sentence: "最集中的行业是建筑业,占N%,其次为住宿餐饮娱乐业和非金属加工业,分别占N%和N%"."""
    sentence = reading.sentence
    if state.industries_open and sentence.startswith("其次"):
        for follow in _INDUSTRY_NEXT.finditer(sentence):
            _industry_list(reading, follow)
    state.industries_open = False
    if "行业" not in sentence:
        return
    first = _INDUSTRY_FIRST.search(sentence)
    if first:
        state.industries_open = True
        _industry_list(reading, first)
        for follow in _INDUSTRY_NEXT.finditer(sentence, first.end()):
            _industry_list(reading, follow)
    for alone in _INDUSTRY_ALONE.finditer(sentence):
        if first is None or alone.start() > first.end():
            reading.add("industry_share_pct", alone["name"], float(alone["p"]), "pct", alone.start("p"), alone.group(0), alone["p"])


def handling_days(reading: Reading) -> None:
    """Handling sentence: "全国平均办结天数为28天", "按时办结率为N%": national figures only."""
    sentence = reading.sentence
    for match in _DAYS.finditer(sentence):
        _, _, region = reading.context.at(match.start())
        if region is not None:
            continue
        measure = "avg_complete_days" if match["which"] == "办结" else "avg_accept_days"
        reading.add(measure, None, float(match["n"]), "days", match.start("n"), match.group(0), match["n"])
    for match in _ON_TIME.finditer(sentence):
        _, _, region = reading.context.at(match.start())
        if region is None:
            reading.add("on_time_pct", None, float(match["p"]), "pct", match.start("p"), match.group(0), match["p"])


def _without_contradictions(reading: Reading, state: LineState) -> list[Figure]:
    """Two values for one figure in one paragraph ("同比增长26.3%,同比下降9.4%" in a paraphrased copy,
    "比上月增加N件,同比增长a%,比去年同期增加M件,同比增长b%"): the text contradicts itself, so none is read."""
    for figure in reading.figures:
        state.claims.setdefault((figure.period, figure.region, figure.measure, figure.category), set()).add(figure.value)
    kept = []
    for figure in reading.figures:
        stated = state.claims[(figure.period, figure.region, figure.measure, figure.category)]
        if len(stated) > 1 and figure.measure in CHANGE_MEASURES:
            reading.skip(figure.at, f"one of {len(stated)} values the paragraph gives one {figure.measure}; none read")
            continue
        kept.append(figure)
    return kept


def _unread_notes(reading: Reading, stored: list[Figure]) -> list[str]:
    """A note for every number with a unit that no figure stores, quoting it, with why."""
    taken = {figure.at for figure in stored}
    notes = []
    for match in _ANY_FIGURE.finditer(reading.sentence):
        if match.start() in taken:
            continue
        why = reading.reasons.get(match.start(), "a number whose subject the reader does not know")
        notes.append(f"line {reading.line}: '{_quote(reading.sentence, match.start(), match.end())}' not read: {why}")
    return notes


def read_sentence(
    sentence: str,
    default_period: Period,
    year: int | None,
    provinces: tuple[str, ...],
    line: int,
    notes: list[str],
    state: LineState | None = None,
) -> list[Figure]:
    """Every figure of one sentence (spaces removed), with the period, channel and region in force where
    it stands; every other number with a unit is noted in `notes`."""
    context = _context(sentence, default_period, year, provinces)
    reading = Reading(sentence, context, line)
    if _NOT_NATIONAL.search(sentence):
        why = "of the ministry's own hotline" if MINISTRY_HOTLINE.search(sentence) else "of a subset of provinces"
        for match in _ANY_FIGURE.finditer(sentence):
            reading.skip(match.start(), f"a figure {why}, not of the national platform")
        notes.extend(_unread_notes(reading, []))
        return []
    state = state if state is not None else LineState()
    channel_lists(reading)
    counts(reading)
    changes(reading, state)
    multiples(reading, state)
    region_list_changes(reading, provinces)
    pollution_shares(reading)
    industry_shares(reading, state)
    handling_days(reading)
    stored = _without_contradictions(reading, state)
    notes.extend(_unread_notes(reading, stored))
    return stored
