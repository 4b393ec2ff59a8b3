"""CONSTRUCTED complaint-record exports for tests/test_complaint_records.py.

Every row below is CONSTRUCTED: invented by hand to plant one rule of issue 12 or one of its boundaries
(no real complaint, person, enterprise or telephone number). The functions write the rows, as literals,
into `<folder>/complaints/` as a provincial platform would export them (UTF-8 CSV, UTF-8 CSV with BOM,
GB18030 CSV, .xlsx with real datetime cells, .parquet with timestamp columns); every file name contains
`constructed`. The expected tables are counted by hand from these rows in the test module, never taken
from the code under test.
"""

import contextlib
import csv
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq

# The contract's headers, in the order most exports use.
HEADER = (
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
)
TIME_HEADERS = ("举报时间", "受理时间", "办结时间", "录入时间")
dt = datetime


# --------------------------------------------------------------------------------------------------
# Writers: a header and rows of literal cells (None = an empty cell).


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence], encoding: str = "utf-8") -> Path:
    """A CSV in `encoding`: 'utf-8', 'utf-8-sig' (with BOM) or 'gb18030'."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            assert len(row) == len(header), row
            writer.writerow(["" if cell is None else cell for cell in row])
    return path


def write_xlsx(path: Path, header: Sequence[str], rows: Sequence[Sequence]) -> Path:
    """One sheet; datetime cells are real Excel datetimes, None an empty cell."""
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "举报记录"
    sheet.append(list(header))
    for row in rows:
        assert len(row) == len(header), row
        sheet.append(list(row))
    workbook.save(path)
    return path


def write_parquet(path: Path, header: Sequence[str], rows: Sequence[Sequence]) -> Path:
    """The time headers as timestamp columns (no time zone), every other column as strings."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for row in rows:
        assert len(row) == len(header), row
    columns = {}
    for index, name in enumerate(header):
        values = [row[index] for row in rows]
        columns[name] = pa.array(values, type=pa.timestamp("us") if name in TIME_HEADERS else pa.string())
    pq.write_table(pa.table(columns), path)
    return path


# --------------------------------------------------------------------------------------------------
# Case "basics": five files, one per format, two months (2017-03, 2017-04), four provinces.
# Planted: every channel and status word, every outcome word, missing markers in every text column,
# pollution lists (separators, 污染/破坏 suffixes, repeats, canonical order), short and full province and
# city names, padding spaces and U+3000, each timestamp format, entry exactly 24 h and 24 h + 1 s after
# the report, an exact duplicate in one file and one across files (written differently), and columns of
# personal data (联系电话, 举报人, 身份证号, 邮箱) that must never be stored.

BASICS_JIANGSU = "constructed-01-jiangsu-2017-03.csv"  # UTF-8, no BOM
BASICS_SHANDONG_MARCH = "constructed-02-shandong-2017-03-bom.csv"  # UTF-8 with BOM
BASICS_SHANDONG_APRIL = "constructed-03-shandong-2017-04-gb18030.csv"  # GB18030, columns in another order
BASICS_BEIJING = "constructed-04-beijing-2017-03.xlsx"  # real datetime cells; no 对象地址, no 录入时间
BASICS_GUANGDONG = "constructed-05-guangdong-2017-04.parquet"  # timestamp columns

BASICS_JIANGSU_HEADER = (*HEADER, "联系电话", "举报人")
BASICS_JIANGSU_ROWS = [
    # row 1
    ("JS-1703-001", "2017-03-01 08:00:00", "电话", "江苏", "南京市", "玄武区", "南京甲化工厂", "玄武路1号", "大气、噪声", "化工", "已受理", "2017-03-01 09:00:00", "2017-03-20 10:00:00", "属实", "2017-03-01 08:30:00", "13800000001", "张三"),
    # row 2: entered exactly 24 h after the report
    ("JS-1703-002", "2017-03-02 10:00", "热线", "江苏省", "南京", "无", "南京乙餐馆", "/", "噪声污染,大气污染", "餐饮", "已受理", "2017-03-02 11:00", "", "办理中", "2017-03-03 10:00", "13800000002", "李四"),
    # row 3: entered 24 h + 1 s after the report; outcome empty on an accepted complaint
    ("JS-1703-003", "2017/03/03 09:15", "微信", "江苏", "南通", "崇川区", "无", "不详", "水污染；固废", "无", "已受理", "2017/03/03 12:00", "", "", "2017/03/04 09:15:01", "13800000003", "王五"),
    # row 4: city padded with spaces; — (U+2014) in every optional and key text column
    ("JS-1703-004", "2017/03/04 14:30:00", "网上", "江苏", " 南通市 ", "—", "—", "—", "—", "—", "已受理", "2017-03-04 15:00", "2017-03-10 15:00", "不属实", "2017-03-04 15:00", "13800000004", "赵六"),
    # row 5: not accepted; entered 72 h after the report
    ("JS-1703-005", "2017-03-05 16:00", "网络", "江苏", "泰州", "海陵区", "泰州丙印染厂", "-", "未知", "印染", "不予受理", "", "", "", "2017-03-08 16:00", "13800000005", "孙七"),
    # row 6: no entry time
    ("JS-1703-006", "2017-03-06 07:45", "其他", "江苏", "连云港市", "海州区", "连云港丁码头", "码头路6号", "生态破坏;辐射", "港口", "已受理", "2017-03-06 08:00", "2017-03-07 08:00", "部分属实", "", "13800000006", "周八"),
    # row 7: outcome 无 on an accepted complaint; entered 48 h after the report
    ("JS-1703-007", "2017-03-07 11:00", "电话", "江苏", "连云港", "海州区", "不详", "码头路7号", "其他", "港口", "已受理", "2017-03-07 12:00", "", "无", "2017-03-09 11:00", "13800000007", "吴九"),
    # row 8: an exact copy of row 2
    ("JS-1703-002", "2017-03-02 10:00", "热线", "江苏省", "南京", "无", "南京乙餐馆", "/", "噪声污染,大气污染", "餐饮", "已受理", "2017-03-02 11:00", "", "办理中", "2017-03-03 10:00", "13800000002", "李四"),
    # row 9: the last second of March; U+3000 around the target and as the whole county
    ("JS-1703-008", "2017-03-31 23:59:59", "微信", "江苏", "泰州市", "\u3000", "\u3000泰州戊电镀厂\u3000", "泰州路9号", "大气，大气污染", "电镀", "已受理", "2017-04-01 00:30:00", "", "属实", "2017-04-01 10:00:00", "13800000008", "郑十"),
]  # fmt: skip

BASICS_SHANDONG_MARCH_ROWS = [
    # row 1
    ("SD-1703-001", "2017-03-10 09:00:00", "电话", "山东", "青岛", "市南区", "青岛己钢厂", "海岸路1号", "大气", "钢铁", "已受理", "2017-03-10 10:00:00", "2017-04-15 10:00:00", "属实", "2017-03-10 09:05:00"),
    # row 2: repeated in the April file as 山东省 / 济南市 with times written 2017/03/11 ...
    ("SD-1703-002", "2017-03-11 09:00:00", "微信", "山东", "济南", "", "济南庚小区", "", "噪声", "房地产", "已受理", "2017-03-11 10:00:00", "", "办理中", "2017-03-11 09:10:00"),
    # row 3: 未知 / 不详 in the key fields; entered 48 h after the report
    ("SD-1703-003", "2017-03-12 13:00", "网上", "山东省", "青岛市", "黄岛区", "未知", "不详", "不详", "不详", "已受理", "2017-03-12 14:00", "2017-03-13 14:00", "属实", "2017-03-14 13:00"),
    # row 4: not accepted, nothing else after the status
    ("SD-1703-004", "2017-03-31 23:00:00", "热线", "山东", "青岛", "市北区", "青岛辛码头", "港口路4号", "水", "港口", "不予受理", "", "", "", ""),
]  # fmt: skip

BASICS_SHANDONG_APRIL_HEADER = ("举报编号", "省份", "地市", "举报渠道", "举报时间", "受理状态", "受理时间", "办结时间", "办理结果", "被举报对象", "对象地址", "区县", "污染类型", "行业类型", "录入时间")  # fmt: skip
BASICS_SHANDONG_APRIL_ROWS = [
    # row 1
    ("SD-1704-001", "山东省", "济南市", "电话", "2017/04/02 08:00", "已受理", "2017/04/02 09:00", "2017/04/20 09:00", "部分属实", "济南壬水泥厂", "工业路1号", "历城区", "大气、固废污染", "建材", "2017/04/02 08:10"),
    # row 2: the same complaint as row 2 of the March file, written differently, equal once read
    ("SD-1703-002", "山东省", "济南市", "微信", "2017/03/11 09:00:00", "已受理", "2017/03/11 10:00", "", "办理中", "济南庚小区", "", "", "噪声", "房地产", "2017/03/11 09:10"),
    # row 3: the last minute of April; outcome empty on an accepted complaint
    ("SD-1704-002", "山东", "青岛", "网络", "2017/04/30 23:59", "已受理", "2017/05/01 10:00", "", "", "青岛癸化工厂", "化工路3号", "黄岛区", "其他污染", "化工", "2017/04/30 23:59"),
]  # fmt: skip

BASICS_BEIJING_HEADER = ("举报编号", "举报时间", "举报渠道", "省份", "地市", "区县", "被举报对象", "污染类型", "行业类型", "受理状态", "受理时间", "办结时间", "办理结果", "身份证号")  # fmt: skip
BASICS_BEIJING_ROWS = [
    # row 1
    ("BJ-1703-001", dt(2017, 3, 15, 10, 0), "电话", "北京", "北京", "朝阳区", "北京子工地", "噪声", "建筑施工", "已受理", dt(2017, 3, 15, 11, 0), dt(2017, 3, 25, 11, 0), "属实", "110101199001011234"),
    # row 2: a datetime cell with seconds
    ("BJ-1703-002", dt(2017, 3, 16, 20, 30, 15), "微信", "北京市", "北京市", "海淀区", "北京丑餐厅", "大气", "餐饮", "已受理", dt(2017, 3, 17, 8, 0), None, "办理中", "110101199002022345"),
    # row 3: 无 in every key field, not accepted
    ("BJ-1703-003", dt(2017, 3, 17, 9, 0), "其他", "北京", "北京市", None, "无", "无", "无", "不予受理", None, None, None, "110101199003033456"),
]  # fmt: skip

BASICS_GUANGDONG_HEADER = (*HEADER, "邮箱")
BASICS_GUANGDONG_ROWS = [
    # row 1: entered 49 h after the report
    ("GD-1704-001", dt(2017, 4, 3, 8, 0), "电话", "广东省", "深圳市", "南山区", "深圳寅电子厂", "科技路1号", "水、大气", "电子", "已受理", dt(2017, 4, 3, 9, 0), dt(2017, 4, 10, 9, 0), "不属实", dt(2017, 4, 5, 9, 0), "gd001@example.com"),
    # row 2: outcome null on an accepted complaint
    ("GD-1704-002", dt(2017, 4, 4, 12, 0), "网上", "广东", "深圳", "福田区", "深圳卯酒吧", "福田路2号", "噪声", "娱乐", "已受理", dt(2017, 4, 4, 13, 0), None, None, dt(2017, 4, 4, 12, 30), "gd002@example.com"),
    # row 3: a type named twice
    ("GD-1704-003", dt(2017, 4, 5, 18, 0), "微信", "广东", "深圳", "宝安区", "深圳辰工地", "宝安路3号", "噪声；大气；噪声", "建筑施工", "不予受理", None, None, None, None, None),
]  # fmt: skip

# Values of the personal-data columns above, none of which may be stored anywhere.
BASICS_PERSONAL_HEADERS = ("联系电话", "举报人", "身份证号", "邮箱")
BASICS_PERSONAL_VALUES = (
    *(row[15] for row in BASICS_JIANGSU_ROWS),
    *(row[16] for row in BASICS_JIANGSU_ROWS),
    *(row[13] for row in BASICS_BEIJING_ROWS),
    "gd001@example.com",
    "gd002@example.com",
)


def write_basics(folder: Path) -> Path:
    exports = folder / "complaints"
    write_csv(exports / BASICS_JIANGSU, BASICS_JIANGSU_HEADER, BASICS_JIANGSU_ROWS, "utf-8")
    write_csv(exports / BASICS_SHANDONG_MARCH, HEADER, BASICS_SHANDONG_MARCH_ROWS, "utf-8-sig")
    write_csv(exports / BASICS_SHANDONG_APRIL, BASICS_SHANDONG_APRIL_HEADER, BASICS_SHANDONG_APRIL_ROWS, "gb18030")
    write_xlsx(exports / BASICS_BEIJING, BASICS_BEIJING_HEADER, BASICS_BEIJING_ROWS)
    write_parquet(exports / BASICS_GUANGDONG, BASICS_GUANGDONG_HEADER, BASICS_GUANGDONG_ROWS)
    return folder


# --------------------------------------------------------------------------------------------------
# Case "repeats": targets written in NFKC variants (full-width letters and digits, inner ASCII and
# U+3000 spaces), three complaints exactly 90 days apart and 90 days + 1 s apart, a qualifying triple
# that is not the first three, a tie for the earliest complaint, a lower-case variant (no case folding),
# the same target in another city, and missing targets. Only the required columns and 被举报对象.

REPEATS_HEADER = ("举报编号", "举报时间", "举报渠道", "省份", "地市", "被举报对象", "受理状态")  # fmt: skip
REPEATS_JIANGSU = "constructed-repeat-jiangsu-gb18030.csv"
REPEATS_SHANDONG = "constructed-repeat-shandong.csv"
REPEATS_BEIJING = "constructed-repeat-beijing.xlsx"

REPEATS_JIANGSU_ROWS = [
    # 南京, ABC化工厂 written four ways: 1 Jan, 1 Feb, 1 Apr (exactly 90 days after 1 Jan), 1 Sep
    ("R-JS-01", "2017-01-01 00:00:00", "电话", "江苏", "南京", "ＡＢＣ化工厂", "不予受理"),
    ("R-JS-02", "2017-02-01 00:00:00", "电话", "江苏", "南京", "ABC 化工厂", "不予受理"),
    ("R-JS-03", "2017-04-01 00:00:00", "电话", "江苏", "南京", "ABC化工厂", "不予受理"),
    ("R-JS-04", "2017-09-01 00:00:00", "电话", "江苏", "南京", "ABC\u3000化工厂", "不予受理"),
    # 南京, 南京某码头: the third 90 days + 1 s after the first
    ("R-JS-05", "2017-01-01 00:00:00", "电话", "江苏", "南京", "南京某码头", "不予受理"),
    ("R-JS-06", "2017-02-15 00:00:00", "电话", "江苏", "南京", "南京某码头", "不予受理"),
    ("R-JS-07", "2017-04-01 00:00:01", "电话", "江苏", "南京", "南京某码头", "不予受理"),
    # 南京, abc化工厂 in lower case: three in three days
    ("R-JS-08", "2017-05-01 08:00:00", "电话", "江苏", "南京", "abc化工厂", "不予受理"),
    ("R-JS-09", "2017-05-02 08:00:00", "电话", "江苏", "南京", "abc化工厂", "不予受理"),
    ("R-JS-10", "2017-05-03 08:00:00", "电话", "江苏", "南京", "abc化工厂", "不予受理"),
    # 南京, missing targets: three in three days
    ("R-JS-11", "2017-06-01 08:00:00", "电话", "江苏", "南京", "无", "不予受理"),
    ("R-JS-12", "2017-06-02 08:00:00", "电话", "江苏", "南京", "不详", "不予受理"),
    ("R-JS-13", "2017-06-03 08:00:00", "电话", "江苏", "南京", "", "不予受理"),
    # 南通, ABC化工厂: twice only (and not 南京's)
    ("R-JS-14", "2017-01-05 08:00:00", "电话", "江苏", "南通", "ABC化工厂", "不予受理"),
    ("R-JS-15", "2017-01-06 08:00:00", "电话", "江苏", "南通", "ＡＢＣ化工厂", "不予受理"),
]  # fmt: skip

REPEATS_SHANDONG_ROWS = [
    # 青岛, 青岛港务, out of order in the file: 1 Jan (twice, same second), 1 May, 1 Jun, 1 Jul
    ("R-SD-03", "2017-06-01 08:00", "电话", "山东", "青岛", "青岛港务", "不予受理"),
    ("R-SD-02", "2017-01-01 08:00", "电话", "山东", "青岛", "青岛 港务", "不予受理"),
    ("R-SD-05", "2017-07-01 08:00", "电话", "山东", "青岛", "青岛港务", "不予受理"),
    ("R-SD-01", "2017-01-01 08:00", "电话", "山东", "青岛", " 青岛港务 ", "不予受理"),
    ("R-SD-04", "2017-05-01 08:00", "电话", "山东", "青岛", "青岛港务", "不予受理"),
]  # fmt: skip

REPEATS_BEIJING_ROWS = [
    # 北京, 1号工地 with a full-width digit and an inner space, three in three days
    ("R-BJ-01", dt(2017, 3, 1, 9, 0), "电话", "北京", "北京", "１号工地", "不予受理"),
    ("R-BJ-02", dt(2017, 3, 2, 9, 0), "电话", "北京", "北京市", "1号工地", "不予受理"),
    ("R-BJ-03", dt(2017, 3, 3, 9, 0), "电话", "北京市", "北京", "1 号工地", "不予受理"),
]  # fmt: skip


def write_repeats(folder: Path) -> Path:
    exports = folder / "complaints"
    write_csv(exports / REPEATS_JIANGSU, REPEATS_HEADER, REPEATS_JIANGSU_ROWS, "gb18030")
    write_csv(exports / REPEATS_SHANDONG, REPEATS_HEADER, REPEATS_SHANDONG_ROWS, "utf-8")
    write_xlsx(exports / REPEATS_BEIJING, REPEATS_HEADER, REPEATS_BEIJING_ROWS)
    return folder


# --------------------------------------------------------------------------------------------------
# Case "alerts": weekly counts per city and pollution text, written out by a short loop.
# Week 1 is Monday 2017-01-09; week w is Monday 2017-01-09 + (w - 1) weeks (week 9 = 2017-03-06,
# week 13 = 2017-04-03, week 14 = 2017-04-10). The k-th complaint (k = 0, 1, ...) of a group in week w
# is reported on that Monday at 15:00 + 4k hours (at most 15 a week: the last on Wednesday 23:00, inside
# the week). So the earliest complaint of all is Monday 2017-01-09 15:00 and the latest is week 14's
# 12th complaint, Wednesday 2017-04-12 11:00: weeks 1-13 are counted, week 14 is not.

ALERTS_FIRST_MONDAY = datetime(2017, 1, 9)
ALERTS_HEADER = ("举报编号", "举报时间", "举报渠道", "省份", "地市", "污染类型", "受理状态")  # fmt: skip
# (id prefix, province, city, 污染类型, {week: complaints})
ALERTS_GROUPS = [
    # 南京: 4 a week naming air and noise in weeks 1-8, 11 in week 9
    ("NJ-AN", "江苏", "南京", "大气、噪声", {1: 4, 2: 4, 3: 4, 4: 4, 5: 4, 6: 4, 7: 4, 8: 4, 9: 11}),
    # 南京: one more air complaint in week 9, naming air twice
    ("NJ-A", "江苏", "南京", "大气污染，大气", {9: 1}),
    # 南京: two without a type in week 9
    ("NJ-X", "江苏", "南京", "无", {9: 2}),
    # 南通: water and solid waste 3,4,3,4,3,4,3,3 in weeks 1-8 (27), 10 in week 9
    ("NT-WS", "江苏", "南通", "水、固废", {1: 3, 2: 4, 3: 3, 4: 4, 5: 3, 6: 4, 7: 3, 8: 3, 9: 10}),
    # 南通: one more water complaint in week 9
    ("NT-W", "江苏", "南通", "水污染", {9: 1}),
    # 青岛: 10 air complaints in week 13, none before
    ("QD-A", "山东", "青岛", "大气", {13: 10}),
    # 济南: 9 air complaints in week 13, none before
    ("JN-A", "山东", "济南", "大气", {13: 9}),
    # 北京: 15 noise complaints in week 8, none in any other week
    ("BJ-N", "北京", "北京", "噪声", {8: 15}),
    # 深圳: 12 water complaints in week 14, the week that is not counted
    ("SZ-W", "广东", "深圳", "水", {14: 12}),
]  # fmt: skip
ALERTS_FILES = {
    "江苏": ("constructed-alert-jiangsu.parquet", "parquet"),
    "山东": ("constructed-alert-shandong.csv", "utf-8"),
    "北京": ("constructed-alert-beijing-bom.csv", "utf-8-sig"),
    "广东": ("constructed-alert-guangdong-gb18030.csv", "gb18030"),
}  # fmt: skip


def alerts_rows(province: str) -> list[tuple]:
    rows = []
    for prefix, group_province, city, pollution, weeks in ALERTS_GROUPS:
        if group_province != province:
            continue
        for week, count in weeks.items():
            monday = ALERTS_FIRST_MONDAY + timedelta(weeks=week - 1)
            for k in range(count):
                reported = monday + timedelta(hours=15 + 4 * k)
                rows.append((f"{prefix}-W{week:02d}-{k + 1:02d}", reported, "电话", province, city, pollution, "不予受理"))
    return rows


def write_alerts(folder: Path) -> Path:
    exports = folder / "complaints"
    for province, (name, kind) in ALERTS_FILES.items():
        rows = alerts_rows(province)
        if kind == "parquet":
            write_parquet(exports / name, ALERTS_HEADER, rows)
        else:
            text_rows = [(*row[:1], row[1].strftime("%Y-%m-%d %H:%M:%S"), *row[2:]) for row in rows]
            write_csv(exports / name, ALERTS_HEADER, text_rows, kind)
    return folder


# --------------------------------------------------------------------------------------------------
# Case "handling": acceptance exactly 72 h and 72 h + 1 s, completion exactly 60 days and 60 days + 1 s,
# complaints still open exactly 60 days and 60 days + 1 s (and far more) before the latest report of
# all (2018-03-01 12:00, H-JS-10), accepted complaints without 受理时间, two years, two provinces.

HANDLING_HEADER = ("举报编号", "举报时间", "举报渠道", "省份", "地市", "受理状态", "受理时间", "办结时间", "办理结果")  # fmt: skip
HANDLING_JIANGSU = "constructed-handling-jiangsu.xlsx"  # real datetime cells
HANDLING_GUANGDONG = "constructed-handling-guangdong.csv"  # UTF-8

HANDLING_JIANGSU_ROWS = [
    # web, accepted exactly 72 h after the report, completed exactly 60 days after acceptance
    ("H-JS-01", dt(2017, 5, 1, 8, 0, 0), "网上", "江苏", "南京", "已受理", dt(2017, 5, 4, 8, 0, 0), dt(2017, 7, 3, 8, 0, 0), "属实"),
    # wechat, accepted 72 h + 1 s after the report, completed 60 days + 1 s after acceptance
    ("H-JS-02", dt(2017, 5, 2, 8, 0, 0), "微信", "江苏", "南京", "已受理", dt(2017, 5, 5, 8, 0, 1), dt(2017, 7, 4, 8, 0, 2), "属实"),
    # phone (no acceptance stage), completed 10 days 6 h after acceptance
    ("H-JS-03", dt(2017, 6, 1, 9, 0, 0), "电话", "江苏", "南通", "已受理", dt(2017, 6, 1, 10, 0, 0), dt(2017, 6, 11, 16, 0, 0), "属实"),
    # web, accepted after 1 day, still open about 9 months later
    ("H-JS-04", dt(2017, 6, 5, 10, 0, 0), "网上", "江苏", "南通", "已受理", dt(2017, 6, 6, 10, 0, 0), None, "办理中"),
    # wechat, accepted after 11 days, open exactly 60 days before the latest report
    ("H-JS-05", dt(2017, 12, 20, 12, 0, 0), "微信", "江苏", "泰州", "已受理", dt(2017, 12, 31, 12, 0, 0), None, "办理中"),
    # web, accepted but no 受理时间: in neither stage
    ("H-JS-06", dt(2017, 7, 1, 9, 0, 0), "网络", "江苏", "泰州", "已受理", None, None, None),
    # wechat, not accepted: in neither stage
    ("H-JS-07", dt(2017, 7, 2, 9, 0, 0), "微信", "江苏", "泰州", "不予受理", None, None, None),
    # other channel, accepted at once, completed 2 days after acceptance
    ("H-JS-08", dt(2017, 11, 1, 8, 0, 0), "其他", "江苏", "连云港", "已受理", dt(2017, 11, 1, 8, 0, 0), dt(2017, 11, 3, 8, 0, 0), "不属实"),
    # 2018, web, accepted after 60 h, completed 20 days after acceptance
    ("H-JS-09", dt(2018, 1, 10, 9, 0, 0), "网上", "江苏", "南京", "已受理", dt(2018, 1, 12, 21, 0, 0), dt(2018, 2, 1, 21, 0, 0), "属实"),
    # 2018, the latest report of all, not accepted
    ("H-JS-10", dt(2018, 3, 1, 12, 0, 0), "微信", "江苏", "南京", "不予受理", None, None, None),
    # wechat, accepted after 27 h 59 min 59 s, open 60 days + 1 s before the latest report
    ("H-JS-11", dt(2017, 12, 30, 8, 0, 0), "微信", "江苏", "泰州", "已受理", dt(2017, 12, 31, 11, 59, 59), None, "办理中"),
]  # fmt: skip

HANDLING_GUANGDONG_ROWS = [
    # phone, accepted, open since 2017-09-01
    ("H-GD-01", "2017-09-01 08:00:00", "电话", "广东", "深圳", "已受理", "2017-09-01 09:00:00", "", "办理中"),
    # web, accepted after 1 day, open since 2017-09-11
    ("H-GD-02", "2017-09-10 10:00:00", "网上", "广东", "深圳", "已受理", "2017-09-11 10:00:00", "", "办理中"),
    # wechat, accepted but no 受理时间: in neither stage
    ("H-GD-03", "2017-09-12 10:00:00", "微信", "广东", "深圳", "已受理", "", "", "办理中"),
]  # fmt: skip


def write_handling(folder: Path) -> Path:
    exports = folder / "complaints"
    write_xlsx(exports / HANDLING_JIANGSU, HANDLING_HEADER, HANDLING_JIANGSU_ROWS)
    write_csv(exports / HANDLING_GUANGDONG, HANDLING_HEADER, HANDLING_GUANGDONG_ROWS, "utf-8")
    return folder


# --------------------------------------------------------------------------------------------------
# ERROR cases: each one file (two for the conflicting id) of two or three rows; the bad cell is on
# record 2 of its file, records 1 and 3 are valid.

ERROR_HEADER = ("举报编号", "举报时间", "举报渠道", "省份", "地市", "污染类型", "受理状态", "受理时间", "办结时间", "办理结果", "录入时间")  # fmt: skip
ERROR_ROW_1 = ("E-001", "2017-03-01 08:00", "电话", "江苏", "南京", "大气", "已受理", "2017-03-01 09:00", "2017-03-05 09:00", "属实", "2017-03-01 08:05")  # fmt: skip
ERROR_ROW_2 = ("E-002", "2017-03-02 08:00", "网上", "江苏", "南通", "噪声", "已受理", "2017-03-02 09:00", "2017-03-06 09:00", "不属实", "2017-03-02 08:05")  # fmt: skip
ERROR_ROW_3 = ("E-003", "2017-03-03 08:00", "微信", "江苏", "泰州", "水", "不予受理", "", "", "", "2017-03-03 08:05")  # fmt: skip


def _edited(row: tuple, **cells) -> tuple:
    """`row` with the cells under the given headers replaced."""
    values = list(row)
    for header, value in cells.items():
        values[ERROR_HEADER.index(header)] = value
    return tuple(values)


def _as_datetimes(row: tuple) -> tuple:
    """The row with its (valid) time texts turned into datetimes, for .xlsx and .parquet files."""
    out = []
    for header, cell in zip(ERROR_HEADER, row, strict=True):
        if header in TIME_HEADERS and cell:
            with contextlib.suppress(ValueError):  # a planted bad value stays text
                cell = datetime.strptime(cell, "%Y-%m-%d %H:%M")
        out.append(None if cell == "" else cell)
    return tuple(out)


# name -> (file name, writer, rows as text, text the output must contain on one line besides the file name)
ERROR_CASES = {
    # (a) a required column missing: 受理状态 left out of header and rows
    "missing_required_column": ("constructed-error-missing-column.csv", "utf-8", None, ("受理状态",)),
    # (b) values outside a vocabulary
    "bad_channel": ("constructed-error-channel.csv", "utf-8", [ERROR_ROW_1, _edited(ERROR_ROW_2, 举报渠道="传真"), ERROR_ROW_3], ("row 2", "举报渠道", "传真")),
    "bad_status": ("constructed-error-status.csv", "utf-8", [ERROR_ROW_1, _edited(ERROR_ROW_2, 受理状态="待受理"), ERROR_ROW_3], ("row 2", "受理状态", "待受理")),
    "bad_outcome": ("constructed-error-outcome.csv", "utf-8", [ERROR_ROW_1, _edited(ERROR_ROW_2, 办理结果="已解决"), ERROR_ROW_3], ("row 2", "办理结果", "已解决")),
    "bad_pollution_type": (
        "constructed-error-pollution-gb18030.csv",
        "gb18030",
        [ERROR_ROW_1, _edited(ERROR_ROW_2, 污染类型="大气、光污染"), ERROR_ROW_3],
        ("row 2", "污染类型", "光污染"),
    ),
    # (c) dates that do not parse
    "bad_reported_at": (
        "constructed-error-reported-bom.csv",
        "utf-8-sig",
        [ERROR_ROW_1, _edited(ERROR_ROW_2, 举报时间="2017-13-01 10:00", 受理时间="", 办结时间="", 录入时间=""), ERROR_ROW_3],
        ("row 2", "举报时间", "2017-13-01 10:00"),
    ),
    "bad_accepted_at": (
        "constructed-error-accepted.csv",
        "utf-8",
        [ERROR_ROW_1, _edited(ERROR_ROW_2, 受理时间="2017.03.02 09:00"), ERROR_ROW_3],
        ("row 2", "受理时间", "2017.03.02 09:00"),
    ),
    "bad_completed_at": (
        "constructed-error-completed.csv",
        "utf-8",
        [ERROR_ROW_1, _edited(ERROR_ROW_2, 办结时间="2017-04-31 10:00"), ERROR_ROW_3],
        ("row 2", "办结时间", "2017-04-31 10:00"),
    ),
    "bad_entered_at": ("constructed-error-entered.xlsx", "xlsx", [ERROR_ROW_1, _edited(ERROR_ROW_2, 录入时间="昨天"), ERROR_ROW_3], ("row 2", "录入时间", "昨天")),
    # (d) accepted before reported (by one minute); completed before accepted (by one minute)
    "accepted_before_reported": (
        "constructed-error-accepted-early.parquet",
        "parquet",
        [ERROR_ROW_1, _edited(ERROR_ROW_2, 受理时间="2017-03-02 07:59"), ERROR_ROW_3],
        ("row 2",),
    ),
    "completed_before_accepted": (
        "constructed-error-completed-early.csv",
        "utf-8",
        [ERROR_ROW_1, _edited(ERROR_ROW_2, 办结时间="2017-03-02 08:59"), ERROR_ROW_3],
        ("row 2",),
    ),
    # (e) an unknown province; a city that is not a prefecture of its province (济南 is in 山东)
    "unknown_province": ("constructed-error-province.csv", "utf-8", [ERROR_ROW_1, _edited(ERROR_ROW_2, 省份="江南"), ERROR_ROW_3], ("row 2", "江南")),
    "city_outside_province": ("constructed-error-city.xlsx", "xlsx", [ERROR_ROW_1, _edited(ERROR_ROW_2, 地市="济南"), ERROR_ROW_3], ("row 2", "济南")),
}  # fmt: skip

# (a)'s rows: ERROR_ROW_1 .. 3 without 受理状态.
_STATUS = ERROR_HEADER.index("受理状态")
MISSING_COLUMN_HEADER = ERROR_HEADER[:_STATUS] + ERROR_HEADER[_STATUS + 1 :]
MISSING_COLUMN_ROWS = [row[:_STATUS] + row[_STATUS + 1 :] for row in (ERROR_ROW_1, ERROR_ROW_2, ERROR_ROW_3)]

# (f) one complaint id, two contents: record 2 of the first file says 电话, record 1 of the second 微信.
CONFLICT_FIRST = "constructed-error-conflict-a.csv"
CONFLICT_SECOND = "constructed-error-conflict-b.csv"
CONFLICT_ID = "E-DUP"
CONFLICT_FIRST_ROWS = [ERROR_ROW_1, _edited(ERROR_ROW_2, 举报编号=CONFLICT_ID, 举报渠道="电话")]
CONFLICT_SECOND_ROWS = [_edited(ERROR_ROW_2, 举报编号=CONFLICT_ID, 举报渠道="微信"), ERROR_ROW_3]


def write_error_case(folder: Path, case: str) -> Path:
    exports = folder / "complaints"
    name, kind, rows, _ = ERROR_CASES[case]
    header = ERROR_HEADER
    if case == "missing_required_column":
        header, rows = MISSING_COLUMN_HEADER, MISSING_COLUMN_ROWS
    if kind == "xlsx":
        write_xlsx(exports / name, header, [_as_datetimes(row) for row in rows])
    elif kind == "parquet":
        write_parquet(exports / name, header, [_as_datetimes(row) for row in rows])
    else:
        write_csv(exports / name, header, rows, kind)
    return folder


def write_conflicting_id(folder: Path) -> Path:
    exports = folder / "complaints"
    write_csv(exports / CONFLICT_FIRST, ERROR_HEADER, CONFLICT_FIRST_ROWS, "utf-8")
    write_csv(exports / CONFLICT_SECOND, ERROR_HEADER, CONFLICT_SECOND_ROWS, "utf-8")
    return folder
