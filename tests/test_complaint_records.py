"""Complaint records (issue 12): `eco12369 build` over CONSTRUCTED provincial exports
(tests/support/complaint_exports.py) publishes the tables the contract names, with values counted by
hand from the literal rows there (each expected value says how), and refuses every ERROR of the contract,
naming the file and the record. The basics case and one refusal go through the command line; the
repeats, alerts and handling cases, whose point is the tables' values, through the functions the
build's complaint step runs (the same SQL, without Dagster, the checks and publishing around them).

Record numbers (`source_row`, `row N`) count records after the header from 1, in every format."""

import hashlib
import re
from datetime import date
from datetime import datetime as dt
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from assets.complaints.complaint_tables import ComplaintSettings, build_complaint_tables, raw_zone_of, update_raw_zone
from assets.complaints.export_files import find_exports
from tests.support import complaint_exports as exports
from tests.support.cli import run_cli_in_this_process
from warehouse import store

# The builds are slow; the refusals below read through plain functions and are fast.
slow = pytest.mark.slow


# --------------------------------------------------------------------------------------------------
# Helpers


def _build(tmp_path: Path, landing: Path):
    warehouse = tmp_path / "w" / "12369.duckdb"
    result = run_cli_in_this_process(tmp_path / "dagster_home", "build", "--landing", str(landing), "--warehouse", str(warehouse))
    return result, warehouse, result.stdout + result.stderr


def _landed(landing: Path) -> dict[str, str]:
    """SHA-256 of each export in the landing folder, by file name."""
    return {path.name: _sha256(path) for path in sorted((landing / "complaints").iterdir())}


def _published(tmp_path: Path, write) -> tuple[Path, str, dict[str, str]]:
    """Write a case's exports, build, and return the warehouse, the output and the exports' SHA-256
    as landed; the landing folder holds only `complaints/`, and the build writes nothing into it."""
    landing = write(tmp_path / "landing")
    assert sorted(p.name for p in landing.iterdir()) == ["complaints"]
    landed = _landed(landing)
    result, warehouse, output = _build(tmp_path, landing)
    assert result.returncode == 0, output
    assert warehouse.exists()
    assert sorted(p.name for p in landing.iterdir()) == ["complaints"]
    assert _landed(landing) == landed
    return warehouse, output, landed


def _computed(tmp_path: Path, write) -> Path:
    """A warehouse of the complaint tables of a case's exports, computed by the complaint step's own
    functions: every export read into the raw zone beside it, then every table computed whole."""
    landing = write(tmp_path / "landing")
    warehouse = tmp_path / "w" / "12369.duckdb"
    warehouse.parent.mkdir(parents=True)
    with duckdb.connect(str(warehouse)) as con:
        store.ensure_schema(con)
        update = update_raw_zone(con, find_exports(landing), raw_zone_of(warehouse))
        assert not update.refused, update.refused
        build_complaint_tables(con, raw_zone_of(warehouse), ComplaintSettings())
    return warehouse


def _plain(value):
    """A DuckDB value as plain Python: floats (and decimals) rounded to 6 places, lists element-wise."""
    if isinstance(value, Decimal):
        return round(float(value), 6)
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _sorted(rows, key_columns: int) -> list[tuple]:
    return sorted((tuple(_plain(v) for v in row) for row in rows), key=lambda row: tuple(str(v) for v in row[:key_columns]))


def _table(warehouse: Path, sql: str, key_columns: int) -> list[tuple]:
    """The rows of `sql`, sorted in Python on their first `key_columns` columns (as text)."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return _sorted(con.execute(sql).fetchall(), key_columns)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _line_naming(output: str, *fragments: str) -> str | None:
    """The first line of `output` holding every fragment; `row N` must be a whole word (not row 20)."""
    patterns = [re.compile(re.escape(f) + (r"\b" if re.fullmatch(r"row \d+", f) else "")) for f in fragments]
    for line in output.splitlines():
        if all(p.search(line) for p in patterns):
            return line
    return None


# --------------------------------------------------------------------------------------------------
# Case "basics": five files in five formats, 2017-03 and 2017-04.

F1, F2, F3 = exports.BASICS_JIANGSU, exports.BASICS_SHANDONG_MARCH, exports.BASICS_SHANDONG_APRIL
F4, F5 = exports.BASICS_BEIJING, exports.BASICS_GUANGDONG

COMPLAINT_COLUMNS = (
    "complaint_id, reported_at, channel, province, city, county, target, target_address, pollution_types, industry, "
    "accepted, accepted_at, completed_at, outcome, entered_at, source_file, source_row, source_sha256"
)


def _basics_complaints(sha: dict[str, str]) -> list[tuple]:
    # One row per 举报编号 read from the literal rows: 9 + 4 + 3 + 3 + 3 = 22 records, less the two
    # exact copies (F1 row 8 = F1 row 2; F3 row 2 = F2 row 2) = 20 complaints, each kept from its first
    # occurrence (files in name order 01..05, then record order). Province and city short, texts
    # trimmed, missing markers (empty, 无, —, -, /, 不详, 未知, blank after trimming) NULL; pollution
    # types de-duplicated in the order air, noise, water, solid_waste, radiation, ecology, other.
    # F4 has no 对象地址 and no 录入时间 column: target_address and entered_at NULL for BJ-*.
    return [
        # F4 row 1: 电话 -> phone, 北京/北京, datetime cells
        ("BJ-1703-001", dt(2017, 3, 15, 10, 0), "phone", "北京", "北京", "朝阳区", "北京子工地", None, ["noise"], "建筑施工",
         True, dt(2017, 3, 15, 11, 0), dt(2017, 3, 25, 11, 0), "substantiated", None, F4, 1, sha[F4]),
        # F4 row 2: 北京市/北京市 -> 北京/北京; the cell's seconds (20:30:15) kept
        ("BJ-1703-002", dt(2017, 3, 16, 20, 30, 15), "wechat", "北京", "北京", "海淀区", "北京丑餐厅", None, ["air"], "餐饮",
         True, dt(2017, 3, 17, 8, 0), None, "in_progress", None, F4, 2, sha[F4]),
        # F4 row 3: empty county cell, 无 in target / pollution / industry, 不予受理
        ("BJ-1703-003", dt(2017, 3, 17, 9, 0), "other", "北京", "北京", None, None, None, None, None,
         False, None, None, None, None, F4, 3, sha[F4]),
        # F5 row 1: 广东省/深圳市; 水、大气 -> air before water
        ("GD-1704-001", dt(2017, 4, 3, 8, 0), "phone", "广东", "深圳", "南山区", "深圳寅电子厂", "科技路1号", ["air", "water"], "电子",
         True, dt(2017, 4, 3, 9, 0), dt(2017, 4, 10, 9, 0), "unsubstantiated", dt(2017, 4, 5, 9, 0), F5, 1, sha[F5]),
        # F5 row 2: 网上 -> web; outcome null
        ("GD-1704-002", dt(2017, 4, 4, 12, 0), "web", "广东", "深圳", "福田区", "深圳卯酒吧", "福田路2号", ["noise"], "娱乐",
         True, dt(2017, 4, 4, 13, 0), None, None, dt(2017, 4, 4, 12, 30), F5, 2, sha[F5]),
        # F5 row 3: 噪声；大气；噪声 -> air, noise
        ("GD-1704-003", dt(2017, 4, 5, 18, 0), "wechat", "广东", "深圳", "宝安区", "深圳辰工地", "宝安路3号", ["air", "noise"], "建筑施工",
         False, None, None, None, None, F5, 3, sha[F5]),
        # F1 row 1: 南京市 -> 南京; 大气、噪声
        ("JS-1703-001", dt(2017, 3, 1, 8, 0), "phone", "江苏", "南京", "玄武区", "南京甲化工厂", "玄武路1号", ["air", "noise"], "化工",
         True, dt(2017, 3, 1, 9, 0), dt(2017, 3, 20, 10, 0), "substantiated", dt(2017, 3, 1, 8, 30), F1, 1, sha[F1]),
        # F1 row 2 (row 8 is its copy): 热线 -> phone, 江苏省 -> 江苏, county 无, address /, 噪声污染,大气污染
        ("JS-1703-002", dt(2017, 3, 2, 10, 0), "phone", "江苏", "南京", None, "南京乙餐馆", None, ["air", "noise"], "餐饮",
         True, dt(2017, 3, 2, 11, 0), None, "in_progress", dt(2017, 3, 3, 10, 0), F1, 2, sha[F1]),
        # F1 row 3: YYYY/MM/DD HH:MM and YYYY/MM/DD HH:MM:SS; target 无, address 不详, industry 无, outcome empty
        ("JS-1703-003", dt(2017, 3, 3, 9, 15), "wechat", "江苏", "南通", "崇川区", None, None, ["water", "solid_waste"], None,
         True, dt(2017, 3, 3, 12, 0), None, None, dt(2017, 3, 4, 9, 15, 1), F1, 3, sha[F1]),
        # F1 row 4: " 南通市 " -> 南通; — everywhere -> NULL
        ("JS-1703-004", dt(2017, 3, 4, 14, 30), "web", "江苏", "南通", None, None, None, None, None,
         True, dt(2017, 3, 4, 15, 0), dt(2017, 3, 10, 15, 0), "unsubstantiated", dt(2017, 3, 4, 15, 0), F1, 4, sha[F1]),
        # F1 row 5: 网络 -> web; address -, pollution 未知; 不予受理
        ("JS-1703-005", dt(2017, 3, 5, 16, 0), "web", "江苏", "泰州", "海陵区", "泰州丙印染厂", None, None, "印染",
         False, None, None, None, dt(2017, 3, 8, 16, 0), F1, 5, sha[F1]),
        # F1 row 6: 其他 -> other; 生态破坏;辐射 -> radiation, ecology; 部分属实
        ("JS-1703-006", dt(2017, 3, 6, 7, 45), "other", "江苏", "连云港", "海州区", "连云港丁码头", "码头路6号", ["radiation", "ecology"], "港口",
         True, dt(2017, 3, 6, 8, 0), dt(2017, 3, 7, 8, 0), "partly_substantiated", None, F1, 6, sha[F1]),
        # F1 row 7: target 不详; 其他 -> other; outcome 无
        ("JS-1703-007", dt(2017, 3, 7, 11, 0), "phone", "江苏", "连云港", "海州区", None, "码头路7号", ["other"], "港口",
         True, dt(2017, 3, 7, 12, 0), None, None, dt(2017, 3, 9, 11, 0), F1, 7, sha[F1]),
        # F1 row 9: county U+3000 -> NULL; target trimmed of U+3000; 大气，大气污染 -> air once
        ("JS-1703-008", dt(2017, 3, 31, 23, 59, 59), "wechat", "江苏", "泰州", None, "泰州戊电镀厂", "泰州路9号", ["air"], "电镀",
         True, dt(2017, 4, 1, 0, 30), None, "substantiated", dt(2017, 4, 1, 10, 0), F1, 9, sha[F1]),
        # F2 row 1
        ("SD-1703-001", dt(2017, 3, 10, 9, 0), "phone", "山东", "青岛", "市南区", "青岛己钢厂", "海岸路1号", ["air"], "钢铁",
         True, dt(2017, 3, 10, 10, 0), dt(2017, 4, 15, 10, 0), "substantiated", dt(2017, 3, 10, 9, 5), F2, 1, sha[F2]),
        # F2 row 2 (F3 row 2 is the same complaint, later in name order): county, address empty
        ("SD-1703-002", dt(2017, 3, 11, 9, 0), "wechat", "山东", "济南", None, "济南庚小区", None, ["noise"], "房地产",
         True, dt(2017, 3, 11, 10, 0), None, "in_progress", dt(2017, 3, 11, 9, 10), F2, 2, sha[F2]),
        # F2 row 3: 山东省/青岛市; 未知 / 不详 in target, address, pollution, industry
        ("SD-1703-003", dt(2017, 3, 12, 13, 0), "web", "山东", "青岛", "黄岛区", None, None, None, None,
         True, dt(2017, 3, 12, 14, 0), dt(2017, 3, 13, 14, 0), "substantiated", dt(2017, 3, 14, 13, 0), F2, 3, sha[F2]),
        # F2 row 4: 热线 -> phone; 不予受理, nothing after
        ("SD-1703-004", dt(2017, 3, 31, 23, 0), "phone", "山东", "青岛", "市北区", "青岛辛码头", "港口路4号", ["water"], "港口",
         False, None, None, None, None, F2, 4, sha[F2]),
        # F3 row 1: columns in another order; 大气、固废污染 -> air, solid_waste
        ("SD-1704-001", dt(2017, 4, 2, 8, 0), "phone", "山东", "济南", "历城区", "济南壬水泥厂", "工业路1号", ["air", "solid_waste"], "建材",
         True, dt(2017, 4, 2, 9, 0), dt(2017, 4, 20, 9, 0), "partly_substantiated", dt(2017, 4, 2, 8, 10), F3, 1, sha[F3]),
        # F3 row 3: 网络 -> web; 其他污染 -> other; outcome empty
        ("SD-1704-002", dt(2017, 4, 30, 23, 59), "web", "山东", "青岛", "黄岛区", "青岛癸化工厂", "化工路3号", ["other"], "化工",
         True, dt(2017, 5, 1, 10, 0), None, None, dt(2017, 4, 30, 23, 59), F3, 3, sha[F3]),
    ]  # fmt: skip


# month, province, city, records, missing_target, missing_outcome, missing_pollution, missing_industry,
# entered_late, duplicates_dropped
BASICS_QUALITY = [
    # BJ-1703-001..003: BJ-003 has 无 as target, pollution and industry; its status 不予受理 so its missing
    # outcome is not counted; BJ-002 办理中 is an outcome; no 录入时间 column, so none entered late.
    (date(2017, 3, 1), "北京", "北京", 3, 1, 0, 1, 1, 0, 0),
    # SD-1703-002 only; its copy in F3 (an April file) counts in its own month, March.
    (date(2017, 3, 1), "山东", "济南", 1, 0, 0, 0, 0, 0, 1),
    # SD-1703-001, -003, -004: -003 misses target, pollution, industry and was entered 48 h late;
    # -001 entered after 5 min; -004 not accepted, no 录入时间.
    (date(2017, 3, 1), "山东", "青岛", 3, 1, 0, 1, 1, 1, 0),
    # JS-1703-001 (entered after 30 min), -002 (entered exactly 24 h later: not late; F1 row 8 its copy).
    (date(2017, 3, 1), "江苏", "南京", 2, 0, 0, 0, 0, 0, 1),
    # JS-1703-003 (target 无, industry 无, outcome empty while accepted, entered 24 h + 1 s later),
    # -004 (— in target, pollution and industry; entered after 30 min).
    (date(2017, 3, 1), "江苏", "南通", 2, 2, 1, 1, 2, 1, 0),
    # JS-1703-005 (pollution 未知, entered 72 h later, not accepted), -008 (reported 03-31 23:59:59, March).
    (date(2017, 3, 1), "江苏", "泰州", 2, 0, 0, 1, 0, 1, 0),
    # JS-1703-006 (no 录入时间: not late), -007 (target 不详, outcome 无 while accepted, entered 48 h later).
    (date(2017, 3, 1), "江苏", "连云港", 2, 1, 1, 0, 0, 1, 0),
    # SD-1704-001: complete, entered after 10 min.
    (date(2017, 4, 1), "山东", "济南", 1, 0, 0, 0, 0, 0, 0),
    # SD-1704-002: outcome empty while accepted; entered the same minute.
    (date(2017, 4, 1), "山东", "青岛", 1, 0, 1, 0, 0, 0, 0),
    # GD-1704-001 (entered 49 h later), -002 (outcome null while accepted), -003 (not accepted).
    (date(2017, 4, 1), "广东", "深圳", 3, 0, 1, 0, 0, 1, 0),
]

# month, reports, phone, wechat, web, other, accepted, not_accepted
BASICS_MONTHLY = [
    # March: JS 8 (phone 001 002 007, wechat 003 008, web 004 005, other 006; not accepted 005),
    # SD 4 (phone 001 004, wechat 002, web 003; not accepted 004), BJ 3 (phone 001, wechat 002,
    # other 003; not accepted 003): 15 = phone 3+2+1, wechat 2+1+1, web 2+1+0, other 1+0+1;
    # accepted 7+3+2, not accepted 1+1+1.
    (date(2017, 3, 1), 15, 6, 4, 3, 2, 12, 3),
    # April: SD-1704-001 phone, SD-1704-002 web, GD-001 phone, GD-002 web, GD-003 wechat (not accepted).
    (date(2017, 4, 1), 5, 2, 1, 2, 0, 4, 1),
]


def _stored_anywhere(warehouse: Path) -> list[tuple[str, list[str], str]]:
    """(where, column names, cells as text) for every table of the warehouse and every Parquet file
    beside it (the raw zone)."""
    found = []
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = con.execute(
            "select table_name from information_schema.tables where table_schema = 'main' and table_type = 'BASE TABLE'"
        ).fetchall()
        for (table,) in tables:
            cursor = con.execute(f'select * from "{table}"')
            found.append((table, [d[0] for d in cursor.description], repr(cursor.fetchall())))
    with duckdb.connect() as con:
        for path in sorted(warehouse.parent.rglob("*.parquet")):
            cursor = con.execute("select * from read_parquet(?, hive_partitioning = false)", [str(path)])
            found.append((str(path), [d[0] for d in cursor.description], repr(cursor.fetchall())))
    return found


@slow
def test_basics_complaint_quality_monthly_and_personal_data(tmp_path):
    warehouse, output, sha = _published(tmp_path, exports.write_basics)
    assert sorted(sha) == sorted([F1, F2, F3, F4, F5])

    complaints = _table(warehouse, f"select {COMPLAINT_COLUMNS} from complaint", 1)
    assert complaints == _sorted(_basics_complaints(sha), 1)

    quality = _table(
        warehouse,
        "select month, province, city, records, missing_target, missing_outcome, missing_pollution, missing_industry, "
        "entered_late, duplicates_dropped from complaint_quality",
        3,
    )
    assert quality == _sorted(BASICS_QUALITY, 3)

    monthly = _table(warehouse, "select month, reports, phone, wechat, web, other, accepted, not_accepted from records_monthly", 1)
    assert monthly == _sorted(BASICS_MONTHLY, 1)

    # No target is named three times, no city-type has 10 complaints in a week.
    assert _table(warehouse, "select * from repeat_target", 1) == []
    assert _table(warehouse, "select * from complaint_alert", 1) == []

    # Personal data (F1: 联系电话, 举报人; F4: 身份证号; F5: 邮箱): dropped on reading, stored nowhere, the
    # build published (exit 0) and a WARN names each file that had such a column.
    stored = _stored_anywhere(warehouse)
    assert any(where.endswith(".parquet") for where, _, _ in stored), "no raw zone (Parquet) beside the warehouse"
    for where, columns, cells in stored:
        assert not set(columns) & set(exports.BASICS_PERSONAL_HEADERS), (where, columns)
        leaked = [value for value in exports.BASICS_PERSONAL_VALUES if value in cells]
        assert leaked == [], (where, leaked)
    for path in warehouse.parent.rglob("*"):
        if path.is_file() and path.suffix not in (".duckdb", ".wal"):
            content = path.read_bytes()
            assert not [v for v in exports.BASICS_PERSONAL_VALUES if v.encode() in content], path
    for name in (F1, F4, F5):
        assert any(line.lower().startswith("warn") and name in line for line in output.splitlines()), (name, output)


# --------------------------------------------------------------------------------------------------
# Case "repeats"


def test_repeat_target(tmp_path):
    warehouse = _computed(tmp_path, exports.write_repeats)
    # province, city, target_key, complaints, first_reported_at, last_reported_at, example_target
    expected = [
        # R-BJ-01..03: １号工地 / 1号工地 / "1 号工地" -> NFKC, spaces removed: 1号工地; 3 within 2 days;
        # written １号工地 on the earliest (R-BJ-01, 03-01 09:00).
        ("北京", "北京", "1号工地", 3, dt(2017, 3, 1, 9, 0), dt(2017, 3, 3, 9, 0), "１号工地"),
        # R-SD-01..05 (青岛港务, "青岛 港务", " 青岛港务 "): by time 01-01, 01-01, 05-01, 06-01, 07-01; the
        # triples starting 01-01 span 120 and 151 days, 05-01..07-01 spans 61 days: qualifies, 5 complaints.
        # Earliest: R-SD-01 and R-SD-02 at the same minute, R-SD-01 the smaller id: " 青岛港务 " trimmed.
        ("山东", "青岛", "青岛港务", 5, dt(2017, 1, 1, 8, 0), dt(2017, 7, 1, 8, 0), "青岛港务"),
        # R-JS-01..04: ＡＢＣ化工厂 / "ABC 化工厂" / ABC化工厂 / "ABC\u3000化工厂" -> ABC化工厂; 01-01 to 04-01
        # is exactly 90 days (31 + 28 + 31): qualifies; 09-01 counts too: 4 complaints.
        # Not 南通's R-JS-14/15 (another city), not abc化工厂 (no case folding).
        ("江苏", "南京", "ABC化工厂", 4, dt(2017, 1, 1, 0, 0), dt(2017, 9, 1, 0, 0), "ＡＢＣ化工厂"),
        # R-JS-08..10: three within 2 days.
        ("江苏", "南京", "abc化工厂", 3, dt(2017, 5, 1, 8, 0), dt(2017, 5, 3, 8, 0), "abc化工厂"),
        # Not: 南京某码头 (R-JS-05..07: 01-01 00:00:00 to 04-01 00:00:01, 90 days + 1 s); 南通's ABC化工厂
        # (R-JS-14, 15: two complaints); the missing targets R-JS-11..13 (无, 不详, empty).
    ]
    actual = _table(
        warehouse,
        "select province, city, target_key, complaints, first_reported_at, last_reported_at, example_target from repeat_target",
        3,
    )
    assert actual == _sorted(expected, 3)
    # Every complaint is kept, whether or not it repeats: 15 + 5 + 3 records.
    assert _table(warehouse, "select count(*) from complaint", 1) == [(23,)]


# --------------------------------------------------------------------------------------------------
# Case "alerts"


def test_complaint_alert(tmp_path):
    warehouse = _computed(tmp_path, exports.write_alerts)
    # Data from Monday 2017-01-09 15:00 (NJ-AN-W01-01) to Wednesday 2017-04-12 11:00 (SZ-W-W14-12):
    # counted weeks 2017-01-09 (its Monday is the first date, counted although the first report is at
    # 15:00) .. 2017-04-03 (Sunday 04-09 <= 04-12); 2017-04-10 is not counted (Sunday 04-16 > 04-12).
    # week_start, province, city, pollution_type, complaints, baseline
    expected = [
        # 南京 air: weeks 1-8 four NJ-AN each (32, mean 4.0); week 9 (03-06) 11 NJ-AN + 1 NJ-A (大气污染，大气
        # counts once) = 12 = exactly 3 x 4.0, and >= 10: alert. Weeks 10-13: 0.
        (date(2017, 3, 6), "江苏", "南京", "air", 12, 4.0),
        # 南通 water: weeks 1-8 NT-WS 3,4,3,4,3,4,3,3 = 27, mean 3.375; week 9: 10 NT-WS + 1 NT-W = 11
        # >= 10.125 and >= 10: alert.
        (date(2017, 3, 6), "江苏", "南通", "water", 11, 3.375),
        # 青岛 air: 10 in week 13 (04-03), weeks 5-12 all 0: baseline 0.0, 10 >= 10: alert.
        (date(2017, 4, 3), "山东", "青岛", "air", 10, 0.0),
        # No alert: 南京 noise week 9 (11 NJ-AN < 3 x 4.0 = 12); 南京's NJ-X (无) name no type; 南通
        # solid_waste week 9 (10 NT-WS < 3 x 3.375 = 10.125); 济南 air week 13 (9 < 10); 北京 noise week 8
        # (15 complaints, only 7 counted weeks before it); 深圳 water week 14 (12, a week not counted).
    ]
    actual = _table(warehouse, "select week_start, province, city, pollution_type, complaints, baseline from complaint_alert", 4)
    assert actual == _sorted(expected, 4)
    # ALERTS_GROUPS: NJ-AN 32 + 11, NJ-A 1, NJ-X 2, NT-WS 27 + 10, NT-W 1, QD-A 10, JN-A 9, BJ-N 15,
    # SZ-W 12 = 130 records, no copies.
    assert _table(warehouse, "select count(*) from complaint", 1) == [(130,)]


# --------------------------------------------------------------------------------------------------
# Case "handling"


def test_handling_from_records(tmp_path):
    warehouse = _computed(tmp_path, exports.write_handling)
    # The latest reported_at of all: H-JS-10, 2018-03-01 12:00.
    # report_year, province, stage, complaints, late_count, on_time_pct, avg_days
    expected = [
        # 广东 2017 acceptance: H-GD-02 only (web, 1 day); H-GD-01 is phone, H-GD-03 has no 受理时间.
        (2017, "广东", "acceptance", 1, 0, 100.0, 1.0),
        # 广东 2017 completion: H-GD-01, -02, both open since 2017-09 (far more than 60 days before
        # 2018-03-01 12:00): 2 late, 0.0 %; nothing completed: avg_days NULL.
        (2017, "广东", "completion", 2, 2, 0.0, None),
        # 江苏 2017 acceptance: WeChat/web with 受理时间: H-JS-01 (exactly 72 h: 3.0 days, on time),
        # -02 (72 h + 1 s, late), -04 (1.0), -05 (11.0, late), -11 (27 h 59 min 59 s = 100799 s);
        # not -06 (no 受理时间), -07 (not accepted), -03 (phone), -08 (other).
        # 5 complaints, 2 late, 3/5 = 60.0 %; days (3 + 3 + 1/86400 + 1 + 11 + 100799/86400) / 5
        # = (18 + 100800/86400) / 5 = 19.1667 / 5 = 3.8333 -> 3.83.
        (2017, "江苏", "acceptance", 5, 2, 60.0, 3.83),
        # 江苏 2017 completion: accepted with 受理时间: H-JS-01 (exactly 60 days, on time), -02 (60 days
        # + 1 s, late), -03 (10.25 days), -04 (open since 2017-06-06: late), -05 (open, accepted
        # 2017-12-31 12:00, exactly 60 days before the latest report: on time), -08 (2 days), -11 (open,
        # accepted 2017-12-31 11:59:59, 60 days + 1 s: late). 7 complaints, 3 late, 4/7 = 57.142857 -> 57.14;
        # completed ones -01, -02, -03, -08: (60 + 60 + 1/86400 + 10.25 + 2) / 4 = 33.0625 -> 33.06.
        (2017, "江苏", "completion", 7, 3, 57.14, 33.06),
        # 江苏 2018 acceptance: H-JS-09 (web, 2018-01-10 09:00 to 01-12 21:00 = 60 h = 2.5 days); -10 not accepted.
        (2018, "江苏", "acceptance", 1, 0, 100.0, 2.5),
        # 江苏 2018 completion: H-JS-09, 2018-01-12 21:00 to 02-01 21:00 = 20 days.
        (2018, "江苏", "completion", 1, 0, 100.0, 20.0),
    ]
    actual = _table(
        warehouse, "select report_year, province, stage, complaints, late_count, on_time_pct, avg_days from handling_from_records", 3
    )
    assert actual == _sorted(expected, 3)


# --------------------------------------------------------------------------------------------------
# Refusals: the export alone is refused (nothing of it enters the raw zone's manifest), with one line
# naming the file, the record and what is wrong; every other export is read.


def _refusal_message(tmp_path: Path, landing: Path) -> str:
    """Why reading `landing`'s exports refuses one, through the same functions a build runs (no Dagster:
    test_one_id_with_two_contents... below runs one refusal through the command line)."""
    with duckdb.connect() as con:
        update = update_raw_zone(con, find_exports(landing), tmp_path / "raw")
    assert update.refused, "no export was refused"
    return "\n".join(reason for _, reason in update.refused)


@pytest.mark.parametrize("case", sorted(exports.ERROR_CASES))
def test_an_error_names_file_and_record(tmp_path, case):
    name, _, _, fragments = exports.ERROR_CASES[case]
    message = _refusal_message(tmp_path, exports.write_error_case(tmp_path / "landing", case))
    assert _line_naming(message, name, *fragments), (name, fragments, message)


@slow
def test_one_id_with_two_contents_in_two_new_exports_refuses_both(tmp_path):
    # Through the command line: exit 3 (published, inputs refused), one line per file naming everything.
    # E-DUP: record 2 of constructed-error-conflict-a.csv says 电话, record 1 of -b.csv says 微信; neither
    # was published, so neither can be told the right one. The "basics" exports beside them are published.
    landing = exports.write_conflicting_id(exports.write_basics(tmp_path / "landing"))
    warehouse = tmp_path / "w" / "12369.duckdb"
    result = run_cli_in_this_process(tmp_path / "dagster_home", "build", "--landing", str(landing), "--warehouse", str(warehouse))
    output = result.stdout + result.stderr
    assert result.returncode == 3, output
    assert "Traceback" not in output
    assert _line_naming(
        output, "refused: complaints/" + exports.CONFLICT_FIRST, exports.CONFLICT_ID, "row 2", exports.CONFLICT_SECOND, "row 1"
    )
    assert _line_naming(
        output, "refused: complaints/" + exports.CONFLICT_SECOND, exports.CONFLICT_ID, "row 1", exports.CONFLICT_FIRST, "row 2"
    )
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) from complaint where source_file like 'constructed-error-%'").fetchone() == (0,)
        assert con.execute("select count(distinct source_file) from complaint").fetchone() == (
            len(list((landing / "complaints").iterdir())) - 2,
        )
        assert con.execute("select count(*) from refused_input where kind = 'export'").fetchone() == (2,)


def test_an_id_conflicting_with_a_published_export_refuses_only_the_new_one(tmp_path):
    landing = exports.write_conflicting_id(tmp_path / "landing")
    second = landing / "complaints" / exports.CONFLICT_SECOND
    held_back = second.rename(tmp_path / exports.CONFLICT_SECOND)
    with duckdb.connect() as con:
        first_run = update_raw_zone(con, find_exports(landing), tmp_path / "raw")
        assert first_run.parsed == [exports.CONFLICT_FIRST] and not first_run.refused
        held_back.rename(second)
        second_run = update_raw_zone(con, find_exports(landing), tmp_path / "raw")
        assert second_run.kept == [exports.CONFLICT_FIRST] and second_run.parsed == []
        ((refused, reason),) = second_run.refused
        assert refused.name == exports.CONFLICT_SECOND
        assert _line_naming(reason, exports.CONFLICT_SECOND, "row 1", exports.CONFLICT_ID, exports.CONFLICT_FIRST, "row 2", "(published)")
        assert con.execute("select source_file from complaint_export").fetchall() == [(exports.CONFLICT_FIRST,)]


def test_a_refused_new_version_of_a_published_export_keeps_the_published_one(tmp_path):
    landing = exports.write_basics(tmp_path / "landing")
    with duckdb.connect() as con:
        update_raw_zone(con, find_exports(landing), tmp_path / "raw")
        published = con.execute("select * from complaint_export order by source_file").fetchall()
        # The same file name, new bytes with a channel outside the vocabulary (record 1 of the Jiangsu export).
        path = landing / "complaints" / exports.BASICS_JIANGSU
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(",微信,", ",传真,", 1) if ",微信," in text else text.replace(",电话,", ",传真,", 1), encoding="utf-8")
        update = update_raw_zone(con, find_exports(landing), tmp_path / "raw")
        assert [export.name for export, _ in update.refused] == [exports.BASICS_JIANGSU]
        assert update.held == [exports.BASICS_JIANGSU]
        assert "column 举报渠道" in update.refused[0][1] and "传真" in update.refused[0][1]
        assert con.execute("select * from complaint_export order by source_file").fetchall() == published


def _unit_row(number: int, province: str, city: str) -> tuple:
    # A complete record of March 2017 (constructed), varying only its id, province and 地市.
    return (f"U-{number:03d}", "2017-03-01 08:00", "电话", province, city, "大气", "已受理", "2017-03-01 09:00", "2017-03-05 09:00", "属实", "2017-03-01 08:05")  # fmt: skip


def test_the_platforms_reporting_units_are_accepted_with_their_prefecture(tmp_path):
    # The units the 2017 notice lists at the 地市 level that are no prefecture of GB/T 2260 (附件1 lines 81,
    # 96, 126, 209; 附件2 lines 288, 300, 332, 409), and a municipality's district (附件2 lists 北京's): each
    # export is accepted, complaint keeps the unit and adds the GB/T 2260 code of its prefecture (codes of
    # assets/reference/prefectures.csv's source table: 锡林郭勒盟 152500, 呼伦贝尔市 150700, 福州市 350100,
    # 咸阳市 610400, 北京市 110000, 济南市 370100; 长白山 is 吉林省's, 220000). A name that is neither is
    # still refused, that export alone.
    landing = tmp_path / "landing" / "complaints"
    exports.write_csv(landing / "constructed-units-neimenggu.csv", exports.ERROR_HEADER, [_unit_row(1, "内蒙古", "二连浩特"), _unit_row(2, "内蒙古", "满洲里市"), _unit_row(3, "内蒙古", "锡林浩特")])  # fmt: skip
    exports.write_csv(landing / "constructed-units-others.csv", exports.ERROR_HEADER, [_unit_row(4, "吉林", "长白山"), _unit_row(5, "福建", "平潭综合实验区"), _unit_row(6, "陕西", "杨凌示范区"), _unit_row(7, "北京", "朝阳"), _unit_row(8, "山东", "济南市")])  # fmt: skip
    exports.write_csv(landing / "constructed-units-unknown.csv", exports.ERROR_HEADER, [_unit_row(9, "内蒙古", "火星")])
    with duckdb.connect() as con:
        update = update_raw_zone(con, find_exports(landing.parent), tmp_path / "raw")
        assert update.parsed == ["constructed-units-neimenggu.csv", "constructed-units-others.csv"]
        ((refused, reason),) = update.refused
        assert refused.name == "constructed-units-unknown.csv"
        assert _line_naming(reason, "constructed-units-unknown.csv", "row 1", "地市", "火星")
        build_complaint_tables(con, tmp_path / "raw", ComplaintSettings())
        rows = con.execute("select complaint_id, city, prefecture_code from complaint order by complaint_id").fetchall()
    assert rows == [
        ("U-001", "二连浩特", "152500"),
        ("U-002", "满洲里", "150700"),
        ("U-003", "锡林浩特", "152500"),
        ("U-004", "长白山", "220000"),
        ("U-005", "平潭", "350100"),
        ("U-006", "杨凌", "610400"),
        ("U-007", "朝阳", "110000"),
        ("U-008", "济南", "370100"),
    ]


# --------------------------------------------------------------------------------------------------
# Reading a CSV's bytes: UTF-8 goes to Arrow as it is (Arrow checks every cell's UTF-8), GB18030 is
# decoded first. The cells read are the same whatever the encoding, and a file that is neither, or a
# record with too many fields, is named as such (never read as the other encoding).


def _cells_of(path: Path):
    from assets.complaints.export_files import ExportFile, read_export_cells

    return read_export_cells(ExportFile(path, path.name, "0" * 64), threads=False)


def _csv_reading_error(path: Path) -> str:
    from assets.errors import InputError

    with pytest.raises(InputError) as raised:
        _cells_of(path)
    return str(raised.value)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_a_csv_reads_the_same_in_every_encoding(tmp_path, encoding):
    # A cell with a comma, a quote and a line break inside its quotes stays one cell of record 2.
    odd_target = '化工厂, "东厂区"\n二号车间'
    rows = [exports.ERROR_ROW_1, exports._edited(exports.ERROR_ROW_2, 举报编号="E-002"), exports.ERROR_ROW_3]
    header = (*exports.ERROR_HEADER, "被举报对象")
    rows = [(*row, odd_target if index == 1 else "") for index, row in enumerate(rows)]
    cells = _cells_of(exports.write_csv(tmp_path / f"{encoding}.csv", header, rows, encoding))
    assert cells.encoding == encoding
    table = cells.cells
    assert table.column("complaint_id").to_pylist() == ["E-001", "E-002", "E-003"]
    assert table.column("source_row").to_pylist() == [1, 2, 3]
    assert table.column("target").to_pylist() == [None, odd_target, None]
    assert table.column("city").to_pylist() == ["南京", "南通", "泰州"]


def test_a_gb18030_record_with_a_field_too_many_is_named_as_such(tmp_path):
    path = exports.write_csv(tmp_path / "gb.csv", exports.ERROR_HEADER, [exports.ERROR_ROW_1, exports.ERROR_ROW_3], "gb18030")
    with path.open("ab") as handle:
        handle.write(",".join([*exports.ERROR_ROW_2, "多余"]).encode("gb18030") + b"\r\n")
    message = _csv_reading_error(path)
    assert "11 fields in every record" in message and "gb.csv" in message, message


@pytest.mark.parametrize(
    ("name", "content"),
    [
        # 0xFF is no lead byte in UTF-8 nor in GB18030.
        ("neither.csv", "举报编号,举报时间\n".encode() + b"E-1,\xff\xff\n"),
        # After a BOM the file is UTF-8 or nothing.
        ("bom.csv", b"\xef\xbb\xbf" + "举报编号,举报时间\n".encode() + "E-1,大气\n".encode("gb18030")),
    ],
)
def test_bytes_in_no_accepted_encoding_are_named_undecodable(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    message = _csv_reading_error(path)
    assert "undecodable bytes" in message and name in message, message


def test_the_raw_zone_keeps_an_exports_records_in_record_order():
    import pyarrow as pa

    from assets.complaints.raw_zone import _in_record_order

    shuffled = pa.table({"source_row": pa.array([3, 1, 2], pa.int32()), "complaint_id": ["c", "a", "b"]})
    assert _in_record_order(shuffled).column("complaint_id").to_pylist() == ["a", "b", "c"]
    in_order = shuffled.sort_by("source_row")
    assert _in_record_order(in_order) is in_order
