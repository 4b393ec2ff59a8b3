"""A saved bulletin page as lines of text: decoded, stripped of markup, in simplified script, glosses removed.

Normalizing happens once, here, line by line, so that every figure read later keeps the number of the
line it was printed on and the line as printed.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from assets.errors import InputError

HTML_SUFFIXES = {".html", ".htm"}
TEXT_SUFFIXES = {".txt"}
# Lines our archive adds to a saved page ("# --- continuation from second copy: URL ---"): a note on
# where the next lines come from, not text of the page.
_ARCHIVE_NOTE = re.compile(r"^\s*#")
# Pinyin glosses after characters, "环(huán)保" or "环huán保": a syllable with a tone mark.
_TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN = rf"[a-zü{_TONE_VOWELS}]*[{_TONE_VOWELS}][a-zü{_TONE_VOWELS}]*"
# A gloss is toned ("环(huán)", "环huán") or, in parentheses, toneless ("其(qi)他"), and some sites
# print it twice ("約占(zhan)(zhan)45.3%"); a gloss is never a figure, so every one is dropped.
_TONELESS = r"[a-zü]{1,6}"
_GLOSS = re.compile(rf"(?<=[\u4e00-\u9fff])(?:\(\s*(?:{_PINYIN}|{_TONELESS})\s*\)|{_PINYIN})+")
# A count printed with thousands separators ("51,724件", "9,561起"): the separators go, the digits stay.
# A comma between a digit and exactly three digits that end the number is a separator, not a list.
_THOUSANDS = re.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})+(?![\d.%]|,\d)")
_SPACES = re.compile(r"[ \t\u3000\xa0]+")


@dataclass(frozen=True)
class PageLine:
    number: int  # 1-based line of the text as decoded (of the page's text, for HTML)
    printed: str  # as printed, stripped
    text: str  # normalized: NFKC, simplified script, no glosses, spaces collapsed
    is_note: bool  # an archive note, not page text

    @property
    def compact(self) -> str:
        """The text without any spaces: figure rules read this ("16.1 %" is 16.1%)."""
        return _THOUSANDS.sub(lambda match: match.group(0).replace(",", ""), self.text.replace(" ", ""))


@dataclass(frozen=True)
class PageText:
    source_file: str
    lines: tuple[PageLine, ...]
    script: str  # "simplified" or "traditional"

    @property
    def page_lines(self) -> list[PageLine]:
        return [line for line in self.lines if not line.is_note and line.text]


@cache
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def decode(raw: bytes, source_file: str) -> str:
    """UTF-8 (with or without BOM) or GB18030, whichever decodes; anything else is refused.

    A page saved cut off in the middle of a character ends in an incomplete UTF-8 sequence: it is
    UTF-8 all the same, and the broken character is dropped (the release says it is cut off).
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError as error:
            if error.end == len(raw) and len(raw) - error.start < 4:
                try:
                    return raw[: error.start].decode(encoding)
                except UnicodeDecodeError:
                    continue
    raise InputError(source_file, "whole file", "text in UTF-8 or GB18030", "bytes that decode as neither")


# Elements that start a new line in a browser; text inside any other element (span, a, b, font) runs on.
_BLOCK_TAGS = [
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
]
_DECLARED_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# What a page's declared charset is read as: GB2312 and GBK pages are GB18030's subsets; Big5 pages
# (gov.cn's traditional-script gateway) may use the HKSCS extension.
_CHARSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "utf-8": "utf-8",
    "utf8": "utf-8",
}


def decode_html(raw: bytes, source_file: str) -> str:
    """A saved page in the charset its markup declares (Big5, GBK, …); else as any text file."""
    declared = _DECLARED_CHARSET.search(raw[:4096])
    encoding = _CHARSETS.get(declared.group(1).decode("ascii").lower()) if declared else None
    if encoding:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            pass  # a page saved in another encoding than it declares: try the usual ones
    return decode(raw, source_file)


def html_to_text(markup: str) -> str:
    """The text a browser shows, a line per block (Beautiful Soup; scripts and styles dropped): text
    inside a sentence's inline elements (<span>N</span>件) stays on the sentence's line."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    for hidden in soup(["script", "style", "noscript", "template", "head"]):
        hidden.decompose()
    for block in soup.find_all(_BLOCK_TAGS):
        block.insert_before("\n")
        block.insert_after("\n")
    return soup.get_text()


def detect_script(text: str) -> str:
    """Traditional when converting to simplified changes more characters than converting the other way."""
    to_simplified = sum(a != b for a, b in zip(text, _converter("t2s").convert(text), strict=False))
    to_traditional = sum(a != b for a, b in zip(text, _converter("s2t").convert(text), strict=False))
    return "traditional" if to_simplified > to_traditional else "simplified"


def normalize(line: str, script: str) -> str:
    text = unicodedata.normalize("NFKC", line)
    if script == "traditional":
        text = _converter("t2s").convert(text)
    text = _GLOSS.sub("", text)
    text = _THOUSANDS.sub(lambda match: match.group(0).replace(",", ""), text)
    return _SPACES.sub(" ", text).strip()


def read_page(raw: bytes, source_file: str, suffix: str) -> PageText:
    text = html_to_text(decode_html(raw, source_file)) if suffix in HTML_SUFFIXES else decode(raw, source_file)
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    script = detect_script("".join(line for line in raw_lines if not _ARCHIVE_NOTE.match(line)))
    lines = tuple(
        PageLine(number, line.strip(), normalize(line, script), bool(_ARCHIVE_NOTE.match(line)))
        for number, line in enumerate(raw_lines, start=1)
    )
    return PageText(source_file, lines, script)
