"""The bulletin series read from the saved pages, against figures read by hand.

tests/expected/bulletin_series_figures.csv and bulletin_series_releases.csv were written by a person
reading each page in ../shared/bulletins/series/ (copied to data/landing/bulletins/), line by line,
never from the parser's output; each row gives the line and the words the figure is printed in, and
rows with an empty value are figures the page destroyed (spam, a deleted span, cut off), which must be
absent. Variants of the pages (encodings, script, markup, spacing, a paraphrased copy) are built here.
"""

import datetime as dt
import re

import opencc
import pytest

from assets.bulletin_files import ANNUAL_NOTICE, SERIES_PAGE, classify_bulletin, read_manifest
from assets.bulletin_series.release import read_series_bulletin
from assets.errors import InputError
from assets.reference.regions import read_regions
from tests.support.hand_reading import hand_read_rows
from tests.support.landing import LANDING

BULLETINS = LANDING / "bulletins"
PROVINCES = tuple(read_regions().province)


FIGURE_ROWS = hand_read_rows("bulletin_series_figures.csv")
RELEASE_ROWS = hand_read_rows("bulletin_series_releases.csv")
PAGES = sorted({row["file"] for row in RELEASE_ROWS})


def _key(period_start, period_end, region, measure, category, value) -> tuple:
    return (str(period_start), str(period_end), region or None, measure, category or None, float(value))


def _read(name: str, raw: bytes | None = None, suffix: str = ".txt"):
    return read_series_bulletin(raw if raw is not None else (BULLETINS / name).read_bytes(), name, suffix, PROVINCES)


def _figures(document) -> dict[tuple, int]:
    return {_key(f.period.start, f.period.end, f.region, f.measure, f.category, f.value): f.source_line for f in document.figures}


def test_the_hand_read_expectations_cover_every_page():
    assert len(PAGES) == 33
    assert {row["file"] for row in FIGURE_ROWS} == set(PAGES)


@pytest.mark.parametrize("name", PAGES)
def test_every_figure_read_by_hand_is_read_and_nothing_else(name):
    expected: dict[tuple, list[int]] = {}
    for row in FIGURE_ROWS:
        if row["file"] == name and row["value"] != "":
            key = _key(row["period_start"], row["period_end"], row["region"], row["measure"], row["category"], row["value"])
            expected.setdefault(key, []).append(int(row["source_line"]))
    found = _figures(_read(name))
    assert sorted(set(expected) - set(found), key=str) == [], "figures read by hand but not by the parser"
    assert sorted(set(found) - set(expected), key=str) == [], "figures the parser read that the page does not state"
    # A figure restated on several lines is read once, from one of the lines it is printed on.
    assert {key: line for key, line in found.items() if line not in expected[key]} == {}


@pytest.mark.parametrize("name", PAGES)
def test_figures_the_page_destroyed_are_absent(name):
    document = _read(name)
    for row in FIGURE_ROWS:
        if row["file"] != name or row["value"] != "":
            continue
        stated = [
            f
            for f in document.figures
            if (str(f.period.start), f.measure, f.category, f.region)
            == (row["period_start"], row["measure"], row["category"] or None, row["region"] or None)
        ]
        assert stated == [], f"line {row['source_line']}: {row['note']}"


@pytest.mark.parametrize("row", RELEASE_ROWS, ids=lambda row: row["file"])
def test_release_as_read_by_hand(row):
    document = _read(row["file"])
    assert (document.title or "") == row["title"]
    assert str(document.issued_on or "") == row["issued_on"]
    assert (document.period.kind, str(document.period.start), str(document.period.end)) == (
        row["period_kind"],
        row["period_start"],
        row["period_end"],
    )
    assert document.script == row["script"]
    assert str(document.cut_off).lower() == row["cut_off"]


def test_a_month_without_its_year_takes_the_documents_year_and_says_so():
    # 2020-08, line 7: the title says only "8月"; line 17 says 2020年8月.
    document = _read("2020-08_monthly_lanlitx_tabletext.txt")
    assert (document.period.start, document.period.end) == (dt.date(2020, 8, 1), dt.date(2020, 8, 31))
    assert any("without a year" in note and "2020" in note for note in document.notes)


def test_spam_inside_a_list_does_not_shift_it():
    # 2020-01, line 3: "分别占39.5%、15.7%188金宝搏官网、8.8%、2.0%和0.9%": 固废 is 8.8, not 188.
    shares = {f.category: f.value for f in _read("2020-01_monthly_garbled.txt").figures if f.measure == "pollution_share_pct"}
    assert shares == {"air": 44.5, "noise": 39.5, "water": 15.7, "solid_waste": 8.8, "ecology": 2.0, "radiation": 0.9}


def test_a_rounded_count_is_not_read_and_is_noted():
    # 2019-12 chinanews, line 1 and 2: "3.47万件" beside the exact 34725.
    document = _read("2019-12_monthly_chinanews.txt")
    assert 34700.0 not in {f.value for f in document.figures}
    assert any("3.47万件" in note for note in document.notes)


def _variant_figures(document) -> set[tuple]:
    return set(_figures(document))


def test_encodings_give_the_same_figures():
    name = "2019-03_monthly.txt"
    text = (BULLETINS / name).read_bytes().decode("utf-8")
    plain = _variant_figures(_read(name))
    assert _variant_figures(_read(name, text.encode("gb18030"))) == plain
    assert _variant_figures(_read(name, b"\xef\xbb\xbf" + text.encode("utf-8"))) == plain
    assert _variant_figures(_read(name, text.replace("\n", "\r\n").encode("utf-8"))) == plain


def test_either_script_gives_the_same_figures():
    # A simplified page converted to traditional, and a traditional one to simplified.
    for name, config in (("2019-12_monthly.txt", "s2t"), ("2018-10_monthly_govcn.txt", "t2s")):
        text = (BULLETINS / name).read_text(encoding="utf-8")
        converted = opencc.OpenCC(config).convert(text)
        document = _read(name, converted.encode("utf-8"))
        assert document.script == ("traditional" if config == "s2t" else "simplified")
        assert _variant_figures(document) == _variant_figures(_read(name))


def test_a_saved_html_page_gives_the_same_figures():
    name = "2020-04_monthly.txt"
    lines = (BULLETINS / name).read_text(encoding="utf-8").split("\n")
    body = "\n".join(f"<p>{line}</p>" for line in lines)
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>生态环境部</title>"
        "<script>var 举报 = '共接到环保举报99999件';</script><style>p{color:red}</style></head>"
        f"<body><nav><a href='/'>首页</a> &gt; <a href='/news'>新闻</a></nav><article>{body}</article>"
        "<footer>版权所有 联系电话 010-12345678</footer></body></html>"
    )
    document = _read("content_5343435.htm", page.encode("utf-8"), ".htm")
    assert {key for key in _variant_figures(document)} == _variant_figures(_read(name))
    assert document.title == "生态环境部通报2020年4月全国“12369”环保举报办理情况"


def test_spacing_and_full_width_digits_give_the_same_figures():
    name = "2018-10_monthly_govcn.txt"
    text = (BULLETINS / name).read_text(encoding="utf-8")
    full_width = text.translate(str.maketrans("0123456789%", "０１２３４５６７８９％"))
    spaced = text.replace("件", " 件").replace("%", " %")
    assert _variant_figures(_read(name, full_width.encode("utf-8"))) == _variant_figures(_read(name))
    assert _variant_figures(_read(name, spaced.encode("utf-8"))) == _variant_figures(_read(name))


def test_a_page_cut_off_mid_character_is_read_to_where_it_ends():
    name = "2019-12_monthly.txt"
    raw = (BULLETINS / name).read_bytes()
    position = raw.index("行业是建筑业".encode()) + 4  # inside 业, a 3-byte character
    cut_line = raw[:position].count(b"\n") + 1
    document = _read(name, raw[:position])
    assert document.cut_off
    whole = _figures(_read(name))
    assert set(_figures(document)) == {key for key, line in whole.items() if line < cut_line}
    assert any(line == cut_line for line in whole.values())  # the industry share the cut took away


def test_a_paraphrased_copy_states_only_what_it_states():
    # A machine paraphrase of 2018-10: 举报 -> 检举, 受理 -> 法院. The counts it still says are of
    # reports are read; "已法院54305件" says nothing we can name, and is not read as anything.
    name = "2018-10_monthly_govcn.txt"
    text = (BULLETINS / name).read_text(encoding="utf-8")
    paraphrased = text.replace("舉報", "檢舉").replace("受理", "法院")
    figures = _figures(_read("paraphrased.txt", paraphrased.encode("utf-8")))
    assert _key("2018-10-01", "2018-10-31", None, "reports", None, 63883) in figures
    assert _key("2018-10-01", "2018-10-31", None, "reports", "phone", 31354) in figures
    assert not any(key[5] in (54305.0, 9578.0) for key in figures)


def test_an_english_news_story_is_refused_as_not_a_12369_bulletin():
    story = (
        "BEIJING, Nov. 26 (Xinhua) -- China's environmental authorities received 63,883 complaints in October, "
        "down 10.8 percent from September, the Ministry of Ecology and Environment said Monday.\n"
    )
    with pytest.raises(InputError, match=r"^story\.txt, whole text: expected a 12369 bulletin"):
        _read("story.txt", story.encode("utf-8"))


def test_the_kind_of_a_file_is_read_from_its_text():
    notice = (BULLETINS / "2017-annual-notice.txt").read_bytes()
    assert classify_bulletin(notice, ".txt") == ANNUAL_NOTICE
    for name in PAGES:
        assert classify_bulletin((BULLETINS / name).read_bytes(), ".txt") == SERIES_PAGE
    assert classify_bulletin(notice, ".html") == SERIES_PAGE


def test_the_manifest_gives_every_pages_address():
    urls = read_manifest((BULLETINS / "SOURCES.csv").read_bytes(), "SOURCES.csv")
    assert urls["2018-10_monthly_govcn.txt"] == "http://big5.www.gov.cn/gate/big5/www.gov.cn/xinwen/2018-11/26/content_5343435.htm"
    assert set(PAGES) <= set(urls)
    # SOURCES.csv line 27: "2018_annual_nourl.txt,," records no address: NULL, as bulletin_release.source_url says.
    assert urls["2018_annual_nourl.txt"] is None
    with pytest.raises(InputError, match=r"SOURCES\.csv, header line: expected columns file,url,note"):
        read_manifest(b"name,address\nx,y\n", "SOURCES.csv")


def test_a_big5_page_with_inline_markup_gives_the_same_figures():
    # gov.cn's traditional-script gateway serves Big5, declared in the page; sentences carry inline markup.
    name = "2018-10_monthly_govcn.txt"
    lines = (BULLETINS / name).read_text(encoding="utf-8").split("\n")
    styled = [re.sub(r"(\d+)件", r"<span class='num'>\1</span>件", line) for line in lines]
    page = (
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=big5'><title>x</title></head><body>"
        + "".join(f"<p>{line}<br></p>" if line else "<div></div>" for line in styled)
        + "</body></html>"
    )
    document = _read("content_5343435.htm", page.encode("big5hkscs"), ".htm")
    assert document.script == "traditional"
    assert _variant_figures(document) == _variant_figures(_read(name))


def test_pinyin_glosses_after_characters_are_dropped():
    # The archive removed the 2017 Q1 page's glosses; a page saved with them reads the same.
    name = "2017-Q1_quarterly_news.txt"
    text = (BULLETINS / name).read_text(encoding="utf-8")
    glossed = text.replace("舉報", "舉(jǔ)報(bào)").replace("微信", "微wēi信xìn").replace("辦結", "辦（bàn）結")
    assert _variant_figures(_read(name, glossed.encode("utf-8"))) == _variant_figures(_read(name))
