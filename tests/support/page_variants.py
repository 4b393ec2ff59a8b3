"""Constructed variants of a saved bulletin page: the same text as other sites and other saves carry it.

Each variant states exactly the figures of the page it is made from, so the page's hand-read figures
are its expectation too. Used by tests/test_bulletin_series.py and scripts/series_accuracy.py. The
variants are CONSTRUCTED from the committed pages; none of them is a page anybody published.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

import opencc

_TO_FULL_WIDTH = str.maketrans("0123456789%.,", "０１２３４５６７８９％．，")
# A count's digits: a number directly before its unit (not a year, a date or a percentage).
_COUNT_DIGITS = re.compile(r"(?<![\d.])(\d{4,})(?=\s*(?:件|份|条|起|例))")
# Toneless and toned syllables, as sites gloss characters for readers (and sometimes twice).
_NUMBER = re.compile(r"(\d+)")
_GLOSSES = {"举": "(jǔ)", "報": "(bào)", "报": "(bào)", "占": "(zhan)(zhan)", "其": "(qi)", "環": "(huán)", "环": "(huán)"}


@dataclass(frozen=True)
class Variant:
    name: str  # what was done to the page
    file_name: str  # a neutral name: the reader must never read anything from the name
    suffix: str
    raw: bytes


def _thousands(text: str) -> str:
    return _COUNT_DIGITS.sub(lambda match: f"{int(match.group(1)):,}", text)


def _glossed(text: str) -> str:
    return "".join(character + _GLOSSES.get(character, "") for character in text)


def _spaced(text: str) -> str:
    return re.sub(r"(\d)(件|%|份|条)", r"\1 \2", re.sub(r",(?!\d)", ", ", text))


def _html(text: str) -> str:
    marked = [_NUMBER.sub(r"<span class=num>\1</span>", line) for line in text.split("\n")]
    body = "".join(f"<p>{line}</p>" if line.strip() else "<div></div>" for line in marked)
    return (
        "<!DOCTYPE html><html><head><meta charset='gb2312'><title>新闻</title>"
        "<script>var x = '共接到环保举报99999件';</script><style>p{color:red}</style></head>"
        f"<body><nav><a href='/'>首页</a> &gt; <a href='/news'>新闻</a></nav><article>{body}</article>"
        "<footer>版权所有 联系电话 010-12345678</footer></body></html>"
    )


def _other_script(text: str) -> str:
    simplified = opencc.OpenCC("t2s").convert(text)
    if simplified != text:
        return simplified
    return opencc.OpenCC("s2t").convert(text)


def _paraphrased(text: str) -> str:
    """A machine paraphrase's words: 报告 for 举报 and 份 for 件, as copies on content farms print them."""
    return re.sub(r"(\d)件", r"\1份", text.replace("舉報", "報告").replace("举报", "报告"))


def _year_only_in_dateline(text: str, year: int) -> str:
    """The report month without its year ("2019年11月" as "11月"): the year is left to the dateline."""
    return re.sub(rf"{year}年(?=\d{{1,2}}月(?!\d{{1,2}}日))", "", text)


_TEXT_VARIANTS: list[tuple[str, Callable[[str], str]]] = [
    ("other script", _other_script),
    ("full-width digits", lambda text: text.translate(_TO_FULL_WIDTH)),
    ("thousands separators", _thousands),
    ("pinyin glosses", _glossed),
    ("spaces before units", _spaced),
    ("paraphrased (报告, 份)", _paraphrased),
]


def variants_of(text: str, dated_month_of: int | None = None) -> list[Variant]:
    """The page as GB18030, with BOM and CRLF, in the other script, with full-width digits, with
    thousands separators, glossed, spaced, paraphrased, and as a saved HTML page declaring GB2312 with
    inline markup; and, for a monthly bulletin with a dateline (`dated_month_of`: the year of its month),
    with its month stated without the year."""
    found = [
        Variant("GB18030", "page-gb18030.txt", ".txt", text.encode("gb18030")),
        Variant("BOM and CRLF", "page-bom.txt", ".txt", b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")),
        Variant("saved HTML (GB2312, inline markup)", "page.htm", ".htm", _html(text).encode("gb18030")),
    ]
    for name, change in _TEXT_VARIANTS:
        found.append(Variant(name, f"page-{name.replace(' ', '-')}.txt", ".txt", change(text).encode("utf-8")))
    if dated_month_of is not None:
        undated = _year_only_in_dateline(text, dated_month_of).encode("utf-8")
        found.append(Variant("year only in the dateline", "page-dateline.txt", ".txt", undated))
    return found
