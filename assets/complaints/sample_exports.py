"""Constructs complaint exports as provincial platforms write them. CONSTRUCTED, NOT OFFICIAL.

No province publishes its complaint records; these exports exist so that the reading, the checks, the
tables and the report can be exercised, and so that the benchmark has national volumes. Every record is
invented from a seeded random generator: ids, times, targets and addresses name nothing real. Each file
says so in a 说明 column (outside the contract, so it is dropped on reading and listed in
complaint_export.other_columns_dropped) and in its name (constructed-...).

`small_sample()` is what data/landing/complaints/ holds (scripts/generate_sample_complaints.py): three
provinces, four months of 2017 (May to August: July has a monthly bulletin to compare with), with the notice's record-level problems planted where it names them:
- key fields missing (缺少举报对象、办理情况、污染要素、行业类型): 南通 and 泰州 leave a fifth of their
  records without a target, outcome, pollution type or industry;
- late entry (传输不及时): 深圳 and 连云港 enter a fifth of their records 2 to 5 days late;
- an export that did not arrive (对接不稳定): 山东 has no export for 2017-07;
- duplicates (records exported twice): 江苏's June export repeats three May records;
- repeated targets: one construction site in 青岛 reported four times within 60 days;
- a spike (预警): 南京's air-pollution complaints jump in the week of 2017-08-07.
`national(years)` writes one UTF-8 CSV per province and month at 2017's national volume.
"""

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from assets.reference.prefectures import load_prefectures

SAMPLE_NOTE = "CONSTRUCTED SAMPLE (assets/complaints/sample_exports.py), NOT OFFICIAL"
HEADER = [
    "举报编号",
    "举报时间",
    "举报渠道",
    "省份",
    "地市",
    "区县",
    "被举报对象",
    "对象地址",
    "污染类型",
    "行业类型",
    "受理状态",
    "受理时间",
    "办结时间",
    "办理结果",
    "录入时间",
    "说明",
]
POLLUTION_WORDS = ["大气", "噪声", "水", "固废", "辐射", "生态", "其他"]
POLLUTION_WEIGHTS = [40, 37, 12, 7, 1, 1, 2]
INDUSTRIES = ["建筑施工", "餐饮", "化工", "机械制造", "娱乐", "交通运输", "畜禽养殖", "电子", "印染", "养殖"]
OUTCOMES = ["属实", "部分属实", "不属实", "办理中"]
SITES = ["工地", "餐馆", "化工厂", "汽修店", "KTV", "物流园", "养猪场", "电子厂", "印染厂", "搅拌站"]


@dataclass(frozen=True)
class NoticeVolumes:
    """A year's national reports and their channels, as an annual notice states them: the callers read
    them from the parsed notice (scripts/generate_sample_complaints.py), so no figure is written here."""

    reports: int
    channel_weights: dict[str, int]  # 电话, 微信, 网上 -> reports by that channel

    @classmethod
    def of(cls, headline) -> "NoticeVolumes":
        """From a parsed notice's headline (assets.bulletin.headline.Headline: its section 一)."""
        channels = {"电话": headline.phone_reports, "微信": headline.wechat_reports, "网上": headline.web_reports}
        return cls(reports=headline.total_reports, channel_weights=channels)


def notice_volumes(notice_path: Path) -> "NoticeVolumes":
    """The volumes of an annual notice file, parsed (imported here: the samples' only use of it)."""
    from assets.bulletin.notice import parse_notice

    return NoticeVolumes.of(parse_notice(notice_path.read_bytes(), notice_path.name).headline)


@dataclass(frozen=True)
class ExportPlan:
    """One export file: a province, a month, its cities and how many records each."""

    file_name: str
    province: str
    month: dt.date
    records_per_city: dict[str, int]
    id_prefix: str  # makes the complaint ids unique nationally
    file_format: str = "csv"  # csv (UTF-8), csv-bom, csv-gb18030, xlsx or parquet
    missing_key_share: dict[str, float] | None = None  # city -> share of records missing a key field
    late_entry_share: dict[str, float] | None = None  # city -> share of records entered 2-5 days late
    late_acceptance_share: float | None = None  # share of WeChat and web reports accepted 80-150 hours after


def _timestamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def _record(rng: random.Random, plan: ExportPlan, city: str, number: int, reported: dt.datetime, channels: dict[str, int]) -> list:
    channel = rng.choices(list(channels), weights=list(channels.values()))[0]
    accepted = rng.random() < 0.97
    # Phone reports are accepted on the spot; a few WeChat and web reports wait past the 72 hours.
    wait = 0 if channel == "电话" else (rng.uniform(80, 150) if rng.random() < (plan.late_acceptance_share or 0.0) else rng.uniform(1, 70))
    accepted_at = reported + dt.timedelta(hours=wait) if accepted else None
    completed_at = accepted_at + dt.timedelta(days=rng.uniform(1, 50)) if accepted and rng.random() < 0.85 else None
    outcome = (rng.choice(OUTCOMES[:3]) if completed_at else "办理中") if accepted else ""
    types = (
        "、".join(rng.sample(POLLUTION_WORDS[:4], 2)) if rng.random() < 0.1 else rng.choices(POLLUTION_WORDS, weights=POLLUTION_WEIGHTS)[0]
    )
    target = f"{city}{rng.choice('甲乙丙丁戊己庚辛壬癸')}{rng.randint(1, 400)}号{rng.choice(SITES)}"
    industry = rng.choice(INDUSTRIES)
    late = (plan.late_entry_share or {}).get(city, 0.0)
    entered = reported + (dt.timedelta(days=rng.uniform(2, 5)) if rng.random() < late else dt.timedelta(minutes=rng.uniform(1, 600)))
    if rng.random() < (plan.missing_key_share or {}).get(city, 0.0):
        blank = rng.choice(["target", "outcome", "pollution", "industry"])
        target = "无" if blank == "target" else target
        outcome = "" if blank == "outcome" and accepted else outcome
        types = "未知" if blank == "pollution" else types
        industry = "—" if blank == "industry" else industry
    return [
        f"{plan.id_prefix}{number:06d}",
        _timestamp(reported),
        channel,
        plan.province,
        city,
        "",
        target,
        f"{city}某路{rng.randint(1, 999)}号",
        types,
        industry,
        "已受理" if accepted else "不予受理",
        _timestamp(accepted_at) if accepted_at else "",
        _timestamp(completed_at) if completed_at else "",
        outcome,
        _timestamp(entered),
        SAMPLE_NOTE,
    ]


def _month_moments(rng: random.Random, month: dt.date, count: int) -> list[dt.datetime]:
    following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    seconds = int((dt.datetime.combine(following, dt.time()) - dt.datetime.combine(month, dt.time())).total_seconds())
    start = dt.datetime.combine(month, dt.time())
    return sorted(start + dt.timedelta(seconds=rng.randrange(seconds)) for _ in range(count))


def export_rows(plan: ExportPlan, seed: int, channels: dict[str, int]) -> list[list]:
    rng = random.Random(f"{seed}:{plan.file_name}")
    rows = []
    for city, count in plan.records_per_city.items():
        for reported in _month_moments(rng, plan.month, count):
            rows.append(_record(rng, plan, city, len(rows) + 1, reported, channels))
    return rows


def write_export(folder: Path, plan: ExportPlan, rows: list[list]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    frame = pd.DataFrame(rows, columns=HEADER)
    path = folder / plan.file_name
    if plan.file_format == "xlsx":
        frame.to_excel(path, index=False)
    elif plan.file_format == "parquet":
        frame.to_parquet(path, index=False)
    else:
        encoding = {"csv": "utf-8", "csv-bom": "utf-8-sig", "csv-gb18030": "gb18030"}[plan.file_format]
        frame.to_csv(path, index=False, encoding=encoding)
    return path


def _plant_small_sample_problems(rows_by_file: dict[str, list[list]], seed: int) -> None:
    rng = random.Random(f"{seed}:planted")
    # 江苏's June export repeats three records of May exactly (a platform re-sending).
    rows_by_file["constructed-jiangsu-2017-06.csv"] += [list(row) for row in rows_by_file["constructed-jiangsu-2017-05.csv"][:3]]
    # One 青岛 site reported four times within 60 days, its name written four ways.
    spellings = ["青岛滨海1号工地", "青岛滨海１号工地", "青岛 滨海1号工地", " 青岛滨海1号工地"]
    for index, (name, day) in enumerate(zip(spellings, ["2017-05-05", "2017-05-20", "2017-06-10", "2017-06-28"], strict=True)):
        file = "constructed-shandong-2017-05.xlsx" if day.startswith("2017-05") else "constructed-shandong-2017-06.csv"
        row = list(rows_by_file[file][index])
        row[0], row[1], row[4], row[6], row[8] = f"QD-REPEAT-{index + 1}", f"{day} 10:00:00", "青岛", name, "噪声"
        row[11] = f"{day} 10:00:00" if row[10] == "已受理" else ""
        row[12], row[14] = "", f"{day} 10:30:00"
        rows_by_file[file].append(row)
    # 南京's air complaints jump in the week of Monday 2017-08-07: 30 more in four days.
    spike = "constructed-jiangsu-2017-08.parquet"
    for index in range(30):
        reported = dt.datetime(2017, 8, 7, 8) + dt.timedelta(hours=3 * index + rng.randint(0, 2))
        row = list(rows_by_file[spike][index])
        row[0], row[1], row[4], row[8] = f"NJ-SPIKE-{index + 1:02d}", _timestamp(reported), "南京", "大气"
        row[11] = _timestamp(reported + dt.timedelta(hours=1)) if row[10] == "已受理" else ""
        row[12], row[14] = "", _timestamp(reported + dt.timedelta(minutes=20))
        rows_by_file[spike].append(row)


def small_sample_plans() -> list[ExportPlan]:
    jiangsu = {"南京": 60, "南通": 40, "泰州": 30, "连云港": 30}
    shandong = {"青岛": 50, "济南": 50}
    guangdong = {"深圳": 70}
    problems = {"missing_key_share": {"南通": 0.2, "泰州": 0.2}, "late_entry_share": {"连云港": 0.2, "深圳": 0.2}}
    formats = {5: "csv", 6: "csv", 7: "csv-gb18030", 8: "parquet"}
    plans = []
    for month_number in range(5, 9):
        month = dt.date(2017, month_number, 1)
        name = f"constructed-jiangsu-2017-{month_number:02d}.{formats[month_number].split('-')[0]}"
        plans.append(ExportPlan(name, "江苏", month, jiangsu, f"JS2017{month_number:02d}", formats[month_number], **problems))
        if month_number != 7:  # 山东's July export never arrived
            file_format = "xlsx" if month_number == 5 else "csv-bom"
            name = f"constructed-shandong-2017-{month_number:02d}.{file_format.split('-')[0]}"
            plans.append(ExportPlan(name, "山东省", month, shandong, f"SD2017{month_number:02d}", file_format, late_acceptance_share=0.1))
        plans.append(
            ExportPlan(
                f"constructed-guangdong-2017-{month_number:02d}.csv",
                "广东",
                month,
                guangdong,
                f"GD2017{month_number:02d}",
                "csv",
                **problems,
            )
        )
    return plans


def write_small_sample(folder: Path, volumes: NoticeVolumes, seed: int = 12369) -> list[Path]:
    plans = small_sample_plans()
    rows_by_file = {plan.file_name: export_rows(plan, seed, volumes.channel_weights) for plan in plans}
    _plant_small_sample_problems(rows_by_file, seed)
    return [write_export(folder, plan, rows_by_file[plan.file_name]) for plan in plans]


def national_plans(years: list[int], reports_per_year: int) -> list[ExportPlan]:
    """One UTF-8 CSV per province and month, cities sharing the province's records evenly; provinces by
    an even share of the national volume (what matters for the benchmark is the volume, not the shape)."""
    prefectures = load_prefectures()
    prefectures = prefectures[prefectures.level.isin(["prefecture", "municipality"])]
    cities = {province: list(group.city) for province, group in prefectures.groupby("province", sort=True)}
    per_province_month = reports_per_year // (12 * len(cities))
    plans = []
    for year in years:
        for month_number in range(1, 13):
            for index, (province, names) in enumerate(cities.items()):
                share = {
                    city: per_province_month // len(names) + (1 if k < per_province_month % len(names) else 0)
                    for k, city in enumerate(names)
                }
                name = f"constructed-{year}-{month_number:02d}-p{index:02d}.csv"
                plans.append(ExportPlan(name, province, dt.date(year, month_number, 1), share, f"{year}{month_number:02d}{index:02d}"))
    return plans


def write_national(folder: Path, years: list[int], volumes: NoticeVolumes, seed: int = 12369, per: str = "month") -> int:
    """Write national-scale exports, a year's volume each year: one export per province and month, or
    with `per="year"` one per province and year (its twelve months in one file, as a province sending
    its year would); the number of records written."""
    total = 0
    plans = national_plans(years, volumes.reports)
    if per == "month":
        for plan in plans:
            rows = export_rows(plan, seed, volumes.channel_weights)
            write_export(folder, plan, rows)
            total += len(rows)
        return total
    by_year: dict[tuple[int, str], list[ExportPlan]] = {}
    for plan in plans:
        by_year.setdefault((plan.month.year, plan.file_name.rsplit("-", 1)[1]), []).append(plan)
    for (year, province_part), monthly in by_year.items():
        rows = [row for plan in monthly for row in export_rows(plan, seed, volumes.channel_weights)]
        yearly = ExportPlan(f"constructed-{year}-{province_part}", monthly[0].province, monthly[0].month, {}, monthly[0].id_prefix)
        write_export(folder, yearly, rows)
        total += len(rows)
    return total
