"""The series reader on what other pages of the same kinds bring: variants constructed from the committed
pages (tests/support/page_variants.py), datelines in the forms sites print, lists that cannot pair,
subjects the reader does not know, and the pages it refuses. Expected figures are the hand readings in
tests/expected/ (read from the texts, never from the reader's output); each constructed case says which
line of which page it was made from."""

import datetime as dt
import re

import opencc
import pytest

from assets.bulletin_series.figure_rules import read_sentence
from assets.bulletin_series.page_text import normalize
from assets.bulletin_series.periods import Period
from assets.bulletin_series.release import read_series_bulletin
from assets.errors import InputError
from assets.reference.regions import read_regions
from tests.support.hand_reading import hand_read_rows
from tests.support.landing import LANDING, PROJECT_ROOT
from tests.support.page_variants import variants_of

BULLETINS = LANDING / "bulletins"
REFUSED_PAGES = PROJECT_ROOT / "tests" / "fixtures" / "refused_pages"
PROVINCES = tuple(read_regions().province)
TO_TRADITIONAL = opencc.OpenCC("s2t")


FIGURES = hand_read_rows("bulletin_series_figures.csv")
UNREAD = hand_read_rows("bulletin_series_unread.csv")
PAGES = sorted({row["file"] for row in FIGURES})


def _read(name: str, raw: bytes, suffix: str = ".txt"):
    return read_series_bulletin(raw, name, suffix, PROVINCES)


def _figures(document) -> dict[tuple, float]:
    return {(str(f.period.start), str(f.period.end), f.region, f.measure, f.category): f.value for f in document.figures}


def _expected(name: str) -> dict[tuple, float]:
    return {
        (row["period_start"], row["period_end"], row["region"] or None, row["measure"], row["category"] or None): float(row["value"])
        for row in FIGURES
        if row["file"] == name and row["value"] != ""
    }


@pytest.mark.parametrize("name", PAGES)
def test_every_variant_of_a_page_reads_its_hand_read_figures(name):
    # GB18030, BOM and CRLF, saved HTML declaring GB2312 with inline markup, the other script, full-width
    # digits, thousands separators, pinyin glosses (toneless and doubled), spaces before units: each under
    # a neutral file name, each stating the page's figures and nothing else.
    text = (BULLETINS / name).read_text(encoding="utf-8")
    expected = _expected(name)
    for variant in variants_of(text):
        document = _read(variant.file_name, variant.raw, variant.suffix)
        assert _figures(document) == expected, variant.name


def _compact(text: str, script: str) -> str:
    return normalize(text, script).replace(" ", "")


@pytest.mark.parametrize("name", PAGES)
def test_every_number_the_reader_does_not_store_is_quoted_in_a_note(name):
    # tests/expected/bulletin_series_unread.csv: every number with a unit the hand reading found on the
    # page that is no figure of the vocabulary (rounded 万件, shares within a type, absolute changes...).
    document = _read(name, (BULLETINS / name).read_bytes())
    for row in (row for row in UNREAD if row["file"] == name):
        numbers = re.findall(r"\d+(?:\.\d+)?(?:万余?|余)?(?:件|份|条|起|%|天|倍|个百分点)", _compact(row["quote"], document.script))
        if not numbers:
            continue  # a number printed without a unit ("相比上月减少51" cut off): nothing to quote
        noted = " ".join(note for note in document.notes if note.startswith(f"line {row['source_line']}:"))
        assert numbers[-1] in noted, f"line {row['source_line']}: {row['quote']} ({row['why']})"


def _replace_line(text: str, number: int, old: str, new: str) -> str:
    lines = text.split("\n")
    assert old in lines[number - 1], f"line {number} does not hold {old!r}"
    lines[number - 1] = lines[number - 1].replace(old, new)
    return "\n".join(lines)


@pytest.mark.parametrize(
    "dateline, issued_on",
    [
        ("时间:2019-12-13 09:51", "2019-12-13"),
        ("2019-12-13来源:生态环境部", "2019-12-13"),
        ("发布时间:2019/12/13 09:51:02", "2019-12-13"),
        ("日期:2019年12月13日", "2019-12-13"),
        ("来源:生态环境部 2019.12.13", "2019-12-13"),
    ],
)
def test_a_month_stated_without_its_year_is_dated_by_the_publication_line(dateline, issued_on):
    # 2019-11_solidwaste.txt with every "2019年" taken out: the month is 11月 (lines 3, 9), the year is
    # only in its publication line (line 5, "时间:2019-12-13 09:51"), here in the forms sites print.
    text = (BULLETINS / "2019-11_solidwaste.txt").read_text(encoding="utf-8").replace("2019年", "")
    text = _replace_line(text, 5, "时间:2019-12-13 09:51", dateline)
    document = _read("page.txt", text.encode("utf-8"))
    assert (str(document.period.start), str(document.period.end), str(document.issued_on)) == ("2019-11-01", "2019-11-30", issued_on)
    assert any("11月" in note and "publication date" in note for note in document.notes)
    # line 9: 共接到环保举报35182件, now of November 2019
    assert _figures(document)[("2019-11-01", "2019-11-30", None, "reports", None)] == 35182


def test_a_december_bulletin_published_in_january_is_of_the_year_before():
    # 2019-12_monthly.txt without "2019年": line 2 dates it 时间:2020-01-27, so 12月 is December 2019.
    text = (BULLETINS / "2019-12_monthly.txt").read_text(encoding="utf-8").replace("2019年", "")
    document = _read("page.txt", text.encode("utf-8"))
    assert (str(document.period.start), str(document.issued_on)) == ("2019-12-01", "2020-01-27")


def test_a_year_run_into_its_month_is_read_with_a_note():
    # 2019-11_solidwaste.txt line 9 as a site that drops 年 prints it: "20191 1月" -> "201911月".
    text = (BULLETINS / "2019-11_solidwaste.txt").read_text(encoding="utf-8").replace("2019年", "2019")
    document = _read("page.txt", text.encode("utf-8"))
    assert (str(document.period.start), str(document.period.end)) == ("2019-11-01", "2019-11-30")
    assert any("without 年" in note for note in document.notes)


def test_an_agency_dateline_gives_the_publication_date_in_the_year_after_the_period():
    # 2019-12_monthly_chinanews.txt line 2: "中新社北京1月23日电" after a story of 2019年12月: 2020-01-23.
    document = _read("page.txt", (BULLETINS / "2019-12_monthly_chinanews.txt").read_bytes())
    assert str(document.issued_on) == "2020-01-23"


def test_a_list_whose_names_and_shares_do_not_count_the_same_stores_nothing_of_it():
    # 2019-03_inen.txt line 29, paraphrased: "固废污染" as "固体垃圾污染", a name the reader does not know,
    # leaves four names for five shares. The list is not read and a note quotes it; 大气 52.3% (its own
    # clause) still is; nothing is paired with the next type's share.
    text = _replace_line((BULLETINS / "2019-03_inen.txt").read_text(encoding="utf-8"), 29, "固废污染", "固体垃圾污染")
    document = _read("page.txt", text.encode("utf-8"))
    shares = {f.category: f.value for f in document.figures if f.measure == "pollution_share_pct"}
    assert shares == {"air": 52.3}
    assert any("4 pollution types and 5 shares" in note and "分别占38%" in note for note in document.notes)


def test_a_share_within_one_pollution_type_is_not_a_share_of_all_reports():
    # 2019-03_inen.txt line 32 says "水污染方面,反映工业废水污染的举报最多,占涉水举报的49.9%"; written
    # without 涉水 ("水污染举报中,反映工业废水污染的举报多,占49.9%") it is still water's share within water.
    text = _replace_line(
        (BULLETINS / "2019-03_inen.txt").read_text(encoding="utf-8"),
        32,
        "水污染方面,反映工业废水污染的举报最多,占涉水举报的49.9%",
        "水污染举报中,反映工业废水污染的举报多,占49.9%",
    )
    document = _read("page.txt", text.encode("utf-8"))
    water = [f.value for f in document.figures if f.measure == "pollution_share_pct" and f.category == "water"]
    assert water == [16.3]  # line 29's share of all reports, never 49.9
    assert any("49.9%" in note and "within one pollution type" in note for note in document.notes)


def test_a_count_of_an_unknown_channel_never_takes_the_channel_before_it():
    # 2019-03_inen.txt line 24: "网上举报7042件,约占15.5%,其他渠道210件": with the last channel named in
    # words the reader does not know, 210 is no figure (not web's, not the total's), and a note says so.
    text = _replace_line((BULLETINS / "2019-03_inen.txt").read_text(encoding="utf-8"), 24, "其他渠道210件", "小程序渠道210件")
    document = _read("page.txt", text.encode("utf-8"))
    assert 210.0 not in {f.value for f in document.figures}
    assert _figures(document)[("2019-03-01", "2019-03-31", None, "reports", "web")] == 7042
    assert any("210件" in note for note in document.notes)


def test_a_change_without_its_base_takes_the_base_of_a_single_base_sentence_before_it_only():
    # 2019_annual.txt line 4: "…同比下降25.2%。…其中电话举报下降26.0%": the sentence before states only
    # 同比, so 26.0 is the year-on-year change. After a sentence stating both 环比 and 同比 it is not read.
    text = (BULLETINS / "2019_annual.txt").read_text(encoding="utf-8")
    figures = _figures(_read("page.txt", text.encode("utf-8")))
    assert figures[("2019-01-01", "2019-12-31", None, "reports_yoy_pct", "phone")] == -26.0
    both = _replace_line(text, 4, "同比下降25.2%", "环比增长3.0%,同比下降25.2%")
    document = _read("page.txt", both.encode("utf-8"))
    # (表1 on lines 18-56 still gives phone's 同比增长率 -26.0%: only line 4's sentence is in doubt.)
    assert not [f for f in document.figures if f.source_line == 4 and f.measure == "reports_yoy_pct" and f.category == "phone"]
    assert any(note.startswith("line 4:") and "26.0%" in note and "base" in note for note in document.notes)


def test_two_values_for_one_change_in_a_paraphrase_are_neither_read():
    # 2020-04_mp3xiazai.txt line 11: "同比增长26.3%,同比下降9.4%" (a month-on-month change printed as 同比).
    document = _read("page.txt", (BULLETINS / "2020-04_mp3xiazai.txt").read_bytes())
    assert not any(f.measure == "reports_yoy_pct" and f.category is None for f in document.figures)
    assert sum("26.3%" in note or "9.4%" in note for note in document.notes) >= 2


@pytest.mark.parametrize(
    "name, reason",
    [
        ("2015_annual_hzweihu.txt", "the ministry's own 12369 hotline"),
        ("2016-03and05_jinshudabaoji.txt", "the ministry's own 12369 hotline"),
        ("2017-H1_nbd.txt", "no figure"),
    ],
)
def test_the_pages_left_out_of_the_landing_folder_are_refused_by_name(name, reason):
    # Two pages of the ministry's own hotline before the national platform (its figures are of another
    # system, ~1,100 reports a year against the platform's 263,009 in 2016), and a page that states only
    # rounded counts (23.5万件): kept out of data/landing/ so that the shipped build exits 0.
    with pytest.raises(InputError, match=rf"^{re.escape(name)}, whole text: expected .*{re.escape(reason)}"):
        _read(name, (REFUSED_PAGES / name).read_bytes())
    assert not (BULLETINS / name).exists()


def test_a_change_on_the_previous_months_of_a_multi_month_period_is_its_month_on_month_change():
    # 2019-08_h2ochina.txt line 11 restated for the three months 6-8 (constructed): "2019年6-8月,…共接到环保
    # 举报46271件,相比前三个月减少1200件,环比降低8.9%": 环比 of a multi-month period, the absolute change noted.
    text = _replace_line(
        (BULLETINS / "2019-08_h2ochina.txt").read_text(encoding="utf-8"),
        11,
        "2019年8月,全国“12369环保举报联网管理平台”(以下简称“联网平台”)共接到环保举报46271件,环比降低8.9%",
        "2019年6-8月,全国“12369环保举报联网管理平台”(以下简称“联网平台”)共接到环保举报46271件,相比前三个月减少1200件,环比降低8.9%",
    )
    document = _read("page.txt", text.encode("utf-8"))
    figures = _figures(document)
    assert figures[("2019-06-01", "2019-08-31", None, "reports", None)] == 46271
    assert figures[("2019-06-01", "2019-08-31", None, "reports_mom_pct", None)] == -8.9
    assert any(note.startswith("line 11:") and "1200件" in note and "absolute change" in note for note in document.notes)


def test_pollution_shares_without_the_word_report_are_read():
    # 2019-08_h2ochina.txt line 21 reworded (constructed): "8月大气污染占51.7%,噪声污染占38.2%,水污染占15.6%".
    text = _replace_line(
        (BULLETINS / "2019-08_h2ochina.txt").read_text(encoding="utf-8"),
        21,
        "8月大气污染举报较多,占举报总量的51.7%,噪声污染、水污染、固废污染、生态破坏和辐射污染举报分别占38.2%、15.6%、7.1%、1.9%和 0.7%",
        "8月大气污染占51.7%,噪声污染占38.2%,水污染占15.6%",
    )
    shares = {f.category: f.value for f in _read("page.txt", text.encode("utf-8")).figures if f.measure == "pollution_share_pct"}
    assert shares == {"air": 51.7, "noise": 38.2, "water": 15.6}


def test_a_publication_line_after_the_article_dates_it():
    # 2019-11_solidwaste.txt with its publication line (line 5, "时间:2019-12-13 09:51") moved to the end and
    # every "2019年" taken out: the page is dated from that line all the same.
    lines = (BULLETINS / "2019-11_solidwaste.txt").read_text(encoding="utf-8").replace("2019年", "").split("\n")
    dateline = lines.pop(4)
    assert dateline == "时间:2019-12-13 09:51"
    document = _read("page.txt", "\n".join([*lines, "发布时间:2019-12-13 09:51"]).encode("utf-8"))
    assert (str(document.period.start), str(document.issued_on)) == ("2019-11-01", "2019-12-13")


def test_the_first_three_quarters_are_a_period_of_months():
    # 2019-11_solidwaste.txt line 9 as a year-to-date sentence (constructed): "2019年前三季度,…共接到环保举报35182件".
    text = _replace_line((BULLETINS / "2019-11_solidwaste.txt").read_text(encoding="utf-8"), 9, "2019年11月,", "2019年前三季度,")
    figures = _figures(_read("page.txt", text.encode("utf-8")))
    assert figures[("2019-01-01", "2019-09-30", None, "reports", None)] == 35182


MARCH_2019 = ("2019-03-01", "2019-03-31")


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # Forms other bulletins print, constructed from 2019-03_monthly.txt lines 4-13 (values as there).
        (
            "全国共接到环保举报45510件,环比、同比分别增长143.4%、3.0%",
            {("reports", None): 45510, ("reports_mom_pct", None): 143.4, ("reports_yoy_pct", None): 3.0},
        ),
        (
            "共接到环保举报45510件,环比增长约143.4%,同比降幅为3%",
            {("reports", None): 45510, ("reports_mom_pct", None): 143.4, ("reports_yoy_pct", None): -3.0},
        ),
        (
            "其中微信举报17015件,占全部举报的37.4%,网上举报7042件,占比15.5%",
            {
                ("reports", "wechat"): 17015,
                ("reports_share_pct", "wechat"): 37.4,
                ("reports", "web"): 7042,
                ("reports_share_pct", "web"): 15.5,
            },
        ),
        (
            "最集中的行业依次是建筑业、住宿餐饮娱乐业和非金属加工业,分别占44.3%、16.1%和6.2%",
            {
                ("industry_share_pct", "建筑业"): 44.3,
                ("industry_share_pct", "住宿餐饮娱乐业"): 16.1,
                ("industry_share_pct", "非金属加工业"): 6.2,
            },
        ),
        ("大气污染举报多,占52.3%,其次为噪声污染,占38%", {("pollution_share_pct", "air"): 52.3, ("pollution_share_pct", "noise"): 38.0}),
        ("共接到环保举报45,510件,其中电话举报21,243件", {("reports", None): 45510, ("reports", "phone"): 21243}),
        ("受理的38,228件举报中,已办结30,000件", {("accepted", None): 38228, ("completed", None): 30000}),
        # Channel lists, as 2019-04_boronfuelsource.txt line 3's figures could be printed (constructed).
        (
            "其中,电话、微信、网上举报分别为21899件、18343件和6440件",
            {("reports", "phone"): 21899, ("reports", "wechat"): 18343, ("reports", "web"): 6440},
        ),
        (
            "电话、微信、网上举报分别占46.6%、39.1%和13.7%",
            {("reports_share_pct", "phone"): 46.6, ("reports_share_pct", "wechat"): 39.1, ("reports_share_pct", "web"): 13.7},
        ),
        (
            "其中,电话、微信、网上举报同比分别下降23.4%、0.7%、16.0%",
            {("reports_yoy_pct", "phone"): -23.4, ("reports_yoy_pct", "wechat"): -0.7, ("reports_yoy_pct", "web"): -16.0},
        ),
        ("电话、微信举报分别为21899件、18343件和6440件", {}),  # two names, three counts: nothing paired
        # What must not be read as anything else: the platform named 网络平台 is no web channel; a count
        # or a change of one pollution type is not the total's; a share of one type's reports is not a
        # share of all reports.
        ("网络平台共接到环保举报45510件,环比增长143.4%", {("reports", None): 45510, ("reports_mom_pct", None): 143.4}),
        ("涉及大气污染的举报23802件,占52.3%", {("pollution_share_pct", "air"): 52.3}),
        ("反映油烟污染的举报占大气污染举报的18%", {}),
        ("大气污染举报占比下降3%,噪声污染举报同比增长12%", {}),
        ("反映恶臭问题的举报9000件", {}),
    ],
)
def test_a_sentence_as_other_pages_print_it(sentence, expected):

    march = Period("month", dt.date(2019, 3, 1), dt.date(2019, 3, 31))
    compact = normalize(sentence, "simplified").replace(" ", "")
    figures = read_sentence(compact, march, 2019, PROVINCES, 1, [])
    assert {(f.measure, f.category): f.value for f in figures} == expected
    assert all((str(f.period.start), str(f.period.end)) == MARCH_2019 for f in figures)


# Words other copies of a bulletin use for the same thing (constructed paraphrases of every page). The
# hand reading of 2017-07_uxuanw.txt records doubts that its own wording raises (a 同比 printed for a
# month-on-month change), which an explicit "与去年同期相比" settles, so that page is left out of that one.
SYNONYMS = [
    ("举报", "投诉"),
    ("共接到", "共收到"),
    ("共接到", "共接收"),
    ("环比", "与上月相比"),
    ("同比", "与去年同期相比"),
    ("增长", "上升"),
    ("降低", "下降"),
    ("下降", "减少"),
    ("约占", "占比约"),
    ("分别占", "分别为"),
    ("件", "起"),
    ("件", "条"),
    (",", ", "),
    ("、", ","),
    ("其中", "其中,"),
    ("电话", "热线"),
    ("网上", "网络"),
    ("较多", "多"),
    ("大气", "空气"),
    ("噪声", "噪音"),
    ("最集中的行业是", "最集中的行业为"),
    ("其次为", "其次是"),
    ("相比上月", "较上月"),
    ("相比去年同期", "较去年同期"),
    ("未受理", "不予受理"),
]


@pytest.mark.parametrize("old, new", SYNONYMS, ids=[f"{old}->{new}" for old, new in SYNONYMS])
def test_a_paraphrase_never_makes_a_figure_wrong_or_invented(old, new):
    # What a paraphrase makes unreadable may be missing; what is read must equal the hand reading.
    for name in PAGES:
        if name == "2017-07_uxuanw.txt" and old == "同比":
            continue
        text = (BULLETINS / name).read_text(encoding="utf-8")
        paraphrased = _replace_in_either_script(text, old, new)
        if paraphrased == text:
            continue
        expected = _expected(name)
        found = _figures(_read("page.txt", paraphrased.encode("utf-8")))
        assert {key: value for key, value in found.items() if expected.get(key) != value} == {}, name


def _replace_in_either_script(text: str, old: str, new: str) -> str:
    """Replace in either script: a traditional page writes 舉報 for 举报."""
    traditional_old, traditional_new = TO_TRADITIONAL.convert(old), TO_TRADITIONAL.convert(new)
    return text.replace(old, new).replace(traditional_old, traditional_new)
