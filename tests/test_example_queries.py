"""Every example query in warehouse/queries/ runs in the DuckDB shell, read-only, on a fresh build,
and returns the rows an analyst would read off the source.

Expected values are read by hand: "附件3 line N" is a line of data/landing/bulletins/2017-annual-notice.txt.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.landing import PROJECT_ROOT

pytestmark = pytest.mark.slow

QUERIES = PROJECT_ROOT / "warehouse" / "queries"
# The `duckdb` shell of the dev dependency duckdb-cli, the one `uv run duckdb` starts.
DUCKDB_SHELL = Path(sys.executable).parent / "duckdb"


def run_query(warehouse: Path, name: str) -> list[dict]:
    shell = subprocess.run(
        [str(DUCKDB_SHELL), "-readonly", "-json", str(warehouse)],
        stdin=(QUERIES / name).open("rb"),
        capture_output=True,
        timeout=60,
    )
    stderr = shell.stderr.decode("utf-8")
    assert shell.returncode == 0 and "Error" not in stderr, f"{name}: {stderr}"
    output = shell.stdout.decode("utf-8").strip()
    return json.loads(output) if output else []


def test_every_query_is_documented_and_tested():
    queries = sorted(path.name for path in QUERIES.glob("*.sql"))
    assert len(queries) >= 8
    for name in queries:
        first_line = (QUERIES / name).read_text(encoding="utf-8").splitlines()[0]
        assert first_line.startswith("-- ") and first_line.endswith("?"), f"{name} does not start with its question"
    tested = {name for name in queries if f'"{name}"' in Path(__file__).read_text(encoding="utf-8")}
    assert tested == set(queries)


def test_late_acceptance_by_province(fresh_build):
    rows = run_query(fresh_build, "01_late_acceptance_by_province.sql")
    # Section 二 (line 19): "贵州、黑龙江、河南等20个省(区)的245件举报未按期受理".
    assert len(rows) == 20
    assert sum(row["late_accepted"] for row in rows) == 245
    # 附件3 受理表 lines 528-531: 贵州 42 97.36% 5.8, the most; 黑龙江 (lines 543-546) 33 second.
    assert rows[0] == {"report_year": 2017, "province": "贵州", "late_accepted": 42, "on_time_accept_pct": 97.36, "avg_accept_days": 5.8}
    assert [row["province"] for row in rows[:3]] == ["贵州", "黑龙江", "河南"]


def test_provinces_ranked_by_on_time_completion(fresh_build):
    rows = run_query(fresh_build, "02_provinces_ranked_by_on_time_completion.sql")
    assert len(rows) == 32
    # 附件3 办结表 lines 781-784: 福建 0 100.00% 17.0, the fewest days among the 100% regions.
    assert (rows[0]["completion_rank"], rows[0]["province"], rows[0]["avg_complete_days"]) == (1, "福建", 17.0)
    # Lines 731-734: 黑龙江 31 98.84% 20.2, the lowest rate.
    assert (rows[-1]["completion_rank"], rows[-1]["province"], rows[-1]["on_time_complete_pct"]) == (32, "黑龙江", 98.84)
    # Lines 751-754: 江苏 368 overdue, 99.83%.
    assert next(row for row in rows if row["province"] == "江苏")["overdue_completed"] == 368


def test_prefectures_whose_hotline_failed_twice(fresh_build):
    rows = run_query(fresh_build, "03_prefectures_hotline_failed_twice.sql")
    found = {(row["province"], row["unit"], row["failed_checks"], row["source_line"]) for row in rows}
    # 附件1: line 109 镇江(4次); 145 济源 注3(4次); 202 拉萨(3次)、昌都(4次)、那曲(2次); 209 咸阳(4次)、杨凌示范区(4次);
    # 96 延边(2次)、通化(2次); 103 黑河(2次).
    for expected in [
        ("江苏", "镇江", 4, 109),
        ("河南", "济源", 4, 145),
        ("西藏", "拉萨", 3, 202),
        ("西藏", "昌都", 4, 202),
        ("西藏", "那曲", 2, 202),
        ("陕西", "咸阳", 4, 209),
        ("陕西", "杨凌示范区", 4, 209),
        ("吉林", "延边", 2, 96),
        ("吉林", "通化", 2, 96),
        ("黑龙江", "黑河", 2, 103),
    ]:
        assert expected in found
    assert len(rows) == 16
    assert all(row["failed_checks"] >= 2 for row in rows)
    # Line 202 阿里(1次) failed once only.
    assert not any(row["unit"] == "阿里" for row in rows)


def test_bureaus_without_online_reporting(fresh_build):
    rows = run_query(fresh_build, "04_bureaus_without_online_reporting.sql")
    link_failures = {(row["unit"], row["source_line"]) for row in rows if row["status"] == "link_failure"}
    # 附件2's 链接故障 column: lines 273 云阳, 291 兴安盟, 303 辽源, 309 七台河, 339 景德镇, 357 仙桃、天门 (a wrapped
    # cell), 400 西双版纳, 412 咸阳, 418 武威.
    assert link_failures == {
        ("云阳", 273),
        ("兴安盟", 291),
        ("辽源", 303),
        ("七台河", 309),
        ("景德镇", 339),
        ("仙桃", 357),
        ("天门", 357),
        ("西双版纳", 400),
        ("咸阳", 412),
        ("武威", 418),
    }
    # Lines 306-307: 双鸭山 is listed as mounted and as not mounted.
    shuangyashan = [row for row in rows if row["unit"] == "双鸭山"]
    assert [(row["status"], row["also_listed_as_mounted"], row["source_line"]) for row in shuangyashan] == [("not_mounted", True, 307)]
    assert {row["status"] for row in rows} == {"not_mounted", "no_website", "link_failure"}


def test_channel_mix(fresh_build):
    rows = run_query(fresh_build, "05_channel_mix.sql")
    # Section 一, line 11: 618856 reports, 409548 by phone, 129423 by WeChat, 79885 on the web.
    assert [(row["channel"], row["reports"]) for row in rows] == [("phone", 409548), ("wechat", 129423), ("web", 79885)]
    assert [row["share_pct"] for row in rows] == [round(100 * n / 618856, 2) for n in (409548, 129423, 79885)]


def test_quarterly_hotline_reachability_by_province(fresh_build):
    rows = {row["province"]: row for row in run_query(fresh_build, "06_quarterly_hotline_reachability_by_province.sql")}
    assert len(rows) == 31  # every region with hotline units (附件1 has no 兵团 row)
    # CONSTRUCTED feeds: a unit with "(N次)" fails in the first N quarters. 西藏 has 8 units (附件1 lines 197-202):
    # the provincial bureau (2次) and 林芝, 山南, 日喀则, 拉萨(3次), 昌都(4次), 那曲(2次), 阿里(1次); so 5, 4, 2 and 1
    # units fail in Q1-Q4: 3/8, 4/8, 6/8 and 7/8 reachable.
    assert [rows["西藏"][quarter] for quarter in ("2017Q1", "2017Q2", "2017Q3", "2017Q4")] == [37.5, 50.0, 75.0, 87.5]
    # 北京 has one bureau and no failures (附件1).
    assert [rows["北京"][quarter] for quarter in ("2017Q1", "2017Q2", "2017Q3", "2017Q4")] == [100.0] * 4


def test_last_run_quality_findings(fresh_build):
    rows = run_query(fresh_build, "07_last_run_quality_findings.sql")
    # A full build runs every check: 37 of the notice and feeds, 14 of the bulletin series, 10 of the complaint
    # records, and every_landed_file_was_read of refused_input (it passes: nothing shipped is refused).
    assert len(rows) == 62
    assert [row["passed"] for row in rows if row["check_name"] == "every_landed_file_was_read"] == [True]
    failed = {(row["asset"], row["check_name"], row["severity"]): row["offending_rows"] for row in rows if not row["passed"]}
    # The three WARN findings of the 2017 notice (docs/checks.md): two '、' cells (附件1 lines 103, 157),
    # 双鸭山 twice (附件2 lines 306-307), and the prefectures the two attachments name differently; and two of
    # the series: 2018's "其他" stated as 13902 (2019_annual.txt line 44) and as 2148 (2018_annual_news.txt
    # line 5, 2018_annual_nourl.txt line 9), and the pages' notes (numbers not read, months without a year).
    assert sorted(failed) == [
        ("bulletin_figure", "copies_agree", "WARN"),
        ("bulletin_parse_note", "no_doubtful_readings", "WARN"),
        ("complaint", "provinces_export_every_month", "WARN"),
        ("complaint_quality", "entered_on_time", "WARN"),
        ("complaint_quality", "key_fields_complete", "WARN"),
        ("parse_note", "no_doubtful_readings", "WARN"),
        ("portal_status", "prefecture_lists_agree", "WARN"),
        ("portal_status", "unit_listed_once", "WARN"),
    ]
    # The CONSTRUCTED sample exports (docs/complaint-records.md): 山东's export of 2017-07 is missing.
    assert failed[("complaint", "provinces_export_every_month", "WARN")] == 1
    assert failed[("bulletin_figure", "copies_agree", "WARN")] == 2
    assert failed[("parse_note", "no_doubtful_readings", "WARN")] == 2
    assert failed[("portal_status", "prefecture_lists_agree", "WARN")] == 97
    assert failed[("portal_status", "unit_listed_once", "WARN")] == 2
    assert rows[0]["passed"] is False  # failures first


def test_late_and_overdue_by_province(fresh_build):
    rows = run_query(fresh_build, "08_late_and_overdue_by_province.sql")
    # 附件3: 江苏 8 late (受理表) and 368 overdue (办结表, lines 751-754) of the 全国 782 (line 806-807).
    assert rows[0] == {
        "report_year": 2017,
        "province": "江苏",
        "late_accepted": 8,
        "pct_of_national_late": round(100 * 8 / 245, 1),
        "overdue_completed": 368,
        "pct_of_national_overdue": round(100 * 368 / 782, 1),
    }
    # Section 二: 20 regions accepted late and 15 completed late; together 20 regions here (each of the
    # 15 also accepted late).
    assert len(rows) == 20
    assert sum(row["overdue_completed"] for row in rows) == 782


def test_macro_region_summary(fresh_build):
    rows = {row["macro_region"]: row for row in run_query(fresh_build, "09_macro_region_summary.sql")}
    assert sum(row["regions"] for row in rows.values()) == 32
    # Northeast = 辽宁, 吉林, 黑龙江: 16 + 13 + 33 late acceptances (附件3 受理表).
    assert (rows["northeast"]["regions"], rows["northeast"]["late_accepted"]) == (3, 16 + 13 + 33)
    assert sum(row["late_accepted"] for row in rows.values()) == 245
    assert sum(row["hotline_units"] for row in rows.values()) == 379  # every 附件1 unit


@pytest.mark.parametrize("view", ["province_scorecard", "channel_mix"])
def test_views_are_described_in_the_warehouse(fresh_build, view):
    shell = subprocess.run(
        [str(DUCKDB_SHELL), "-readonly", "-json", str(fresh_build), "-c", f"select comment from duckdb_views() where view_name = '{view}'"],
        capture_output=True,
        timeout=60,
    )
    assert json.loads(shell.stdout)[0]["comment"]


def test_monthly_reports_by_channel(fresh_build):
    rows = run_query(fresh_build, "10_monthly_reports_by_channel.sql")
    # Every month a shipped page reports on (its period, read from its text).
    assert [row["month"] for row in rows] == [
        "2017-07-01",
        "2017-11-01",
        "2018-02-01",
        "2018-05-01",
        "2018-06-01",
        "2018-10-01",
        "2019-03-01",
        "2019-04-01",
        "2019-08-01",
        "2019-11-01",
        "2019-12-01",
        "2020-01-01",
        "2020-04-01",
        "2020-05-01",
        "2020-08-01",
    ]
    by_month = {row["month"]: row for row in rows}
    october = by_month["2018-10-01"]
    # 2018-10_monthly_govcn.txt line 11 "共接到環保舉報63883件"; line 17 "熱線電話共31354件…微信舉報25831件…網上舉報6698件".
    assert (october["reports"], october["phone"], october["wechat"], october["web"], october["other"]) == (63883, 31354, 25831, 6698, None)
    assert october["chosen_source_file"] == "2018-10_monthly_govcn.txt"
    # 2020-01_monthly_garbled.txt line 2: the span with the phone and WeChat counts is deleted; "网上举报2365件", "其他渠道132件".
    january = by_month["2020-01-01"]
    assert (january["reports"], january["phone"], january["wechat"], january["web"], january["other"]) == (19666, None, None, 2365, 132)
    # 2019-12: two outlets' copies; the bulletin repost (2019-12_monthly.txt) states more figures of the month.
    assert by_month["2019-12-01"]["chosen_source_file"] == "2019-12_monthly.txt"
    # 2018-06: both pages state only the total and WeChat (2018-06_yuanma8.txt line 7 "共接到环保举报65711件",
    # line 9 "微信举报23847件"): the other channels are NULL, not zero.
    june = by_month["2018-06-01"]
    assert (june["reports"], june["phone"], june["wechat"], june["web"]) == (65711, None, 23847, None)
    # 2019-11_solidwaste.txt line 9 "共接到环保举报35182件", line 13 "热线电话举报共14277件…微信举报16475件".
    november = by_month["2019-11-01"]
    assert (november["reports"], november["phone"], november["wechat"]) == (35182, 14277, 16475)


def test_stated_and_recomputed_changes(fresh_build):
    rows = run_query(fresh_build, "11_stated_and_recomputed_changes.sql")
    assert all(row["agrees"] for row in rows)
    by_key = {(row["period_start"], row["region"], row["measure"], row["channel"]): row for row in rows}
    # 2019_annual.txt line 4: 531176件, "同比下降25.2%"; the 2018 count 710117 is 2018_annual_news.txt line 3.
    assert by_key[("2019-01-01", "全国", "reports_yoy_pct", "all")]["stated_pct"] == -25.2
    assert round(by_key[("2019-01-01", "全国", "reports_yoy_pct", "all")]["computed_pct"], 2) == round(100 * (531176 / 710117 - 1), 2)
    # 2017-07_monthly.txt 表1 lines 20-24: 河南 3307 in 2017-07, 390 in 2016-07, "747.9".
    henan = by_key[("2017-07-01", "河南", "reports_yoy_pct", "wechat")]
    assert (henan["stated_pct"], henan["source_line"]) == (747.9, 24)
    # 2020-01_monthly_garbled.txt line 1: 19666件 "环比下降43.4%"; December 2019's 34725 is 2019-12_monthly.txt line 3.
    assert by_key[("2020-01-01", "全国", "reports_mom_pct", "all")]["stated_pct"] == -43.4
    # 2019-04_boronfuelsource.txt line 1: 46967件 "环比增长3.2%"; March's 45510 is 2019-03_monthly.txt line 4.
    assert round(by_key[("2019-04-01", "全国", "reports_mom_pct", "all")]["computed_pct"], 2) == round(100 * (46967 / 45510 - 1), 2)
    # Every stated change whose two counts some shipped page states: 28, two outlets' copies counted apart.
    assert len(rows) == 28


def test_figures_documents_disagree_on(fresh_build):
    rows = run_query(fresh_build, "12_figures_documents_disagree_on.sql")
    # 2019_annual.txt 表1 line 44: 2018 "其他" 13902 (its 注, line 57: including 大督查网民留言 11754);
    # 2018_annual_news.txt line 5: "11754件國務院大督查網民留言、2148件其他渠道舉報".
    assert [
        (
            r["period_start"],
            r["measure"],
            r["category"],
            r["value_a"],
            r["source_file_a"],
            r["source_line_a"],
            r["value_b"],
            r["source_file_b"],
            r["source_line_b"],
        )
        for r in rows
    ] == [
        # 2018_annual_nourl.txt line 9 restates the 2018 story: "2148件其他渠道舉報".
        ("2018-01-01", "reports", "other", 2148.0, "2018_annual_nourl.txt", 9, 13902.0, "2019_annual.txt", 44),
        ("2018-01-01", "reports", "other", 13902.0, "2019_annual.txt", 44, 2148.0, "2018_annual_news.txt", 5),
    ]


# The complaint queries run on the CONSTRUCTED sample exports of data/landing/complaints/, written by
# assets/complaints/sample_exports.py (small_sample_plans and _plant_small_sample_problems): what is
# asserted is what that generator plans and plants, read from its code.


def test_worst_cities_for_completeness(fresh_build):
    rows = run_query(fresh_build, "13_worst_cities_for_completeness.sql")
    # Seven cities; 南通 and 泰州 leave a key field out of a fifth of their records (missing_key_share 0.2),
    # every other city's records are complete.
    assert len(rows) == 7
    assert {row["city"] for row in rows[:2]} == {"南通", "泰州"}
    assert all(row["completeness_pct"] < 95 for row in rows[:2])
    assert all(row["completeness_pct"] == 100.0 and row["incomplete"] == 0 for row in rows[2:])
    # Records planned per city and month, May to August: 泰州 30 x 4, 南通 40 x 4; 济南 50 x 3 (山东's July
    # export never arrived); 南京 60 x 4 plus the 30 records of the planted spike.
    records = {row["city"]: row["records"] for row in rows}
    assert (records["泰州"], records["南通"], records["济南"], records["南京"]) == (120, 160, 150, 270)
    for row in rows[:2]:
        assert row["incomplete"] <= row["missing_target"] + row["missing_outcome"] + row["missing_pollution"] + row["missing_industry"]


def test_most_repeated_targets(fresh_build):
    rows = run_query(fresh_build, "14_most_repeated_targets.sql")
    # The planted 青岛 site: four complaints 2017-05-05, 05-20, 06-10 and 06-28 (the first three within 90
    # days), written 青岛滨海1号工地, 青岛滨海１号工地 (full-width 1), "青岛 滨海1号工地" and with a leading space.
    assert rows[0] == {
        "province": "山东",
        "city": "青岛",
        "example_target": "青岛滨海1号工地",
        "complaints": 4,
        "first_reported": "2017-05-05",
        "last_reported": "2017-06-28",
        "spellings": 3,
    }


def test_acceptance_lateness_by_province_from_records(fresh_build):
    rows = run_query(fresh_build, "15_acceptance_lateness_by_province_from_records.sql")
    # Three provinces of 2017; only 山东's plan accepts some WeChat and web reports after 80-150 hours
    # (late_acceptance_share 0.1): it is first, and the only one with late acceptances.
    assert [row["province"] for row in rows][0] == "山东" and len(rows) == 3
    assert rows[0]["late_count"] > 0 and all(row["late_count"] == 0 for row in rows[1:])
    # The notice's 附件3 acceptance table beside it (lines read in test_late_acceptance_by_province's source).
    assert all(row["notice_late_count"] is not None for row in rows)
