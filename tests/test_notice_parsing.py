"""The parser against values read by hand from data/landing/bulletins/2017-annual-notice.txt.

Line numbers are those of that file (as shown by `cat -n`).
"""

import datetime as dt

import pytest


def _handling(tables, stage, province):
    frame = tables.handling_by_province
    row = frame[(frame.stage == stage) & (frame.province == province)]
    assert len(row) == 1
    return row.iloc[0]


def _hotline(tables, province, unit, level="prefecture"):
    frame = tables.hotline_check
    rows = frame[(frame.province == province) & (frame.unit == unit) & (frame.level == level)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_heading_identifies_the_notice(parsed):
    headline = parsed.headline
    assert headline.bulletin_id == "环办应急函[2018]500号"  # line 7
    assert headline.report_year == 2017  # line 3: 关于2017年全国“12369”环保举报工作情况的通报
    assert headline.issued_on == dt.date(2018, 6, 13)  # line 30: 2018年6月13日, under 生态环境部办公厅 (line 29)
    assert headline.issuer == "生态环境部办公厅"
    assert headline.published_on == dt.date(2018, 6, 21)  # line 4: 发布日期:2018-06-21


def test_section_one_national_figures(parsed):
    # Line 11: 共接到举报618856件,其中电话举报409548件,微信举报129423件,网上举报79885件,
    # 平均受理时间为3天,平均办结时间为24天,按期办结率达到99.8%。
    h = parsed.headline
    assert (h.total_reports, h.phone_reports, h.wechat_reports, h.web_reports) == (618856, 409548, 129423, 79885)
    assert (h.avg_accept_days, h.avg_complete_days, h.on_time_completion_pct) == (3, 24, 99.8)
    assert (h.avg_accept_days_decimals, h.avg_complete_days_decimals, h.on_time_completion_pct_decimals) == (0, 0, 1)


def test_section_three_narrative_counts(parsed):
    # Line 19: 贵州、黑龙江、河南等20个省(区)的245件举报未按期受理,江苏、山东、河南等15个省份的782件举报未按期办结
    h = parsed.headline
    assert (h.narrative_late_accept_provinces, h.narrative_late_accept_reports) == (20, 245)
    assert (h.narrative_overdue_provinces, h.narrative_overdue_reports) == (15, 782)


@pytest.mark.parametrize(
    ("stage", "province", "late", "pct", "days", "row_number", "where"),
    [
        ("acceptance", "贵州", 42, 97.36, 5.8, 24, "受理表 right column, lines 527-531"),
        ("acceptance", "北京", 0, 100.00, 3.4, 1, "受理表 left column, lines 462-466"),
        ("acceptance", "内蒙古", 9, 99.43, 2.0, 5, "受理表 lines 502-506"),
        ("acceptance", "西藏", 1, 96.43, 6.5, 26, "受理表 lines 547-551"),
        ("acceptance", "湖北", 5, 99.90, 3.1, 17, "受理表 last left row, after 全国, lines 622-626"),
        ("acceptance", "兵团", 0, 100.00, 3.7, 32, "受理表 lines 607-611"),
        ("completion", "江苏", 368, 99.83, 21.9, 11, "办结表 lines 750-754"),
        ("completion", "河南", 97, 99.75, 23.7, 6, "办结表 lines 700-704"),
        ("completion", "山东", 112, 99.61, 20.3, 16, "办结表 lines 800-804"),
        ("completion", "湖北", 3, 99.97, 27.3, 17, "办结表 lines 810-814"),
        ("completion", "黑龙江", 31, 98.84, 20.2, 9, "办结表 lines 730-734"),
    ],
)
def test_handling_rows(tables, stage, province, late, pct, days, row_number, where):
    row = _handling(tables, stage, province)
    assert (row.late_count, row.on_time_pct, row.avg_days, row.row_number) == (late, pct, days, row_number), where


def test_handling_tables_have_every_region_once_and_national_rows(tables):
    frame = tables.handling_by_province
    for stage in ("acceptance", "completion"):
        rows = frame[frame.stage == stage]
        assert sorted(rows.row_number) == list(range(1, 33))  # 序号 1-32 in both tables
        assert rows.province.is_unique
    national = tables.handling_national.set_index("stage")
    # 全国 rows: lines 617-621 (受理: 245 / 99.62% / 3.1) and 805-809 (办结: 782 / 99.85% / 23.6)
    assert tuple(national.loc["acceptance", ["late_count", "on_time_pct", "avg_days"]]) == (245, 99.62, 3.1)
    assert tuple(national.loc["completion", ["late_count", "on_time_pct", "avg_days"]]) == (782, 99.85, 23.6)


def test_names_with_inner_spaces_are_squeezed(tables):
    # Line 463 prints '北 \xa0京'; line 503 prints '内蒙古' without padding.
    assert {"北京", "内蒙古", "黑龙江", "兵团"} <= set(tables.handling_by_province.province)
    assert not any(" " in name for name in tables.handling_by_province.province)


def test_hotline_provincial_rows(tables):
    provincial = tables.hotline_check[tables.hotline_check.level == "provincial"].set_index("province")
    assert len(provincial) == 31  # 附件1 lists the 31 provincial divisions, without 兵团
    # Lines 43-45: 北京 开通 拨通
    assert (provincial.loc["北京", "hotline_opened"], provincial.loc["北京", "result"]) == (True, "reachable")
    # Lines 72-74: 山西 未开通 拨通注2
    assert (provincial.loc["山西", "hotline_opened"], provincial.loc["山西", "result"], provincial.loc["山西", "footnote"]) == (
        False,
        "reachable",
        "注2",
    )
    # Lines 84-87: 辽宁 开通 未拨通 (2次), the count on a line of its own
    assert (provincial.loc["辽宁", "result"], provincial.loc["辽宁", "failed_checks"]) == ("unreachable", 2)
    # Lines 197-200: 西藏 未开通 未拨通 (2次)
    assert (provincial.loc["西藏", "hotline_opened"], provincial.loc["西藏", "failed_checks"]) == (False, 2)
    # Unreachable provincial bureaus: 辽宁, 吉林, 黑龙江, 西藏, 陕西 (lines 86, 93, 100, 199, 206)
    assert sorted(provincial[provincial.result == "unreachable"].index) == sorted(["辽宁", "吉林", "黑龙江", "西藏", "陕西"])
    assert provincial.hotline_opened.notna().all()


def test_hotline_prefecture_rows(tables):
    assert _hotline(tables, "山西", "运城").failed_checks == 1  # line 76: 运城(1次)
    assert _hotline(tables, "江苏", "镇江").failed_checks == 4  # line 109: 镇江(4次)
    assert _hotline(tables, "西藏", "拉萨").failed_checks == 3  # line 202: 拉萨(3次)
    jiyuan = _hotline(tables, "河南", "济源")  # line 145: '济源  注3(4次)'
    assert (jiyuan.result, jiyuan.failed_checks, jiyuan.footnote) == ("unreachable", 4, "注3")
    assert _hotline(tables, "湖南", "永州").failed_checks == 2  # line 158, a cell wrapped from line 157
    assert _hotline(tables, "广西", "贺州").failed_checks == 2  # line 165, wrapped from line 164
    assert _hotline(tables, "湖南", "邵阳").result == "merged"  # line 159
    assert _hotline(tables, "江苏", "南京").result == "reachable"  # line 108
    assert _hotline(tables, "江苏", "南京").failed_checks == 0
    assert _hotline(tables, "江苏", "南京").hotline_opened is None


def test_region_name_as_cell_value_is_a_unit_not_a_row(tables):
    # Lines 48-53: 天津's merged-hotline cell reads '天津'; line 54 starts the next row (上海).
    tianjin = _hotline(tables, "天津", "天津")
    assert tianjin.result == "merged"
    assert set(tables.hotline_check[tables.hotline_check.province == "上海"].unit) == {"上海"}


def test_dropped_and_dangling_cells(tables):
    frame = tables.hotline_check
    # Lines 43-47: 北京 has only '——' '——' (no prefectures; the merged cell was dropped).
    assert list(frame[frame.province == "北京"].level) == ["provincial"]
    # Lines 103-104: '黑河(2次)、佳木斯(1次)、大兴安岭(1次)、' then '大庆、齐齐哈尔' before 江苏:
    # the row already has its three cells, so 大庆 and 齐齐哈尔 are the merged column (and a note says so).
    assert _hotline(tables, "黑龙江", "大庆").result == "merged"
    assert _hotline(tables, "黑龙江", "大兴安岭").failed_checks == 1
    notes = tables.parse_note
    assert list(zip(notes.line, notes.province, strict=True)) == [(103, "黑龙江"), (157, "湖南")]


def test_hotline_counts_by_result(tables):
    prefecture = tables.hotline_check[tables.hotline_check.level == "prefecture"]
    # Counted by hand from lines 43-234: 51 units with "(N次)", 79 merged (e.g. all 21 of 广东, line 172).
    assert (prefecture.result == "unreachable").sum() == 51
    assert (prefecture[prefecture.province == "广东"].result == "merged").sum() == 21
    assert prefecture[prefecture.result == "unreachable"].failed_checks.min() >= 1


def test_portal_statuses(tables):
    frame = tables.portal_status
    provincial = frame[frame.level == "provincial"].set_index("province")
    assert len(provincial) == 32  # 附件2 includes 兵团 (line 437)
    assert provincial.loc["西藏", "status"] == "not_mounted"  # line 402: 未挂载
    assert provincial.loc["兵团", "status"] == "mounted"  # line 438
    # Line 405: all seven prefectures of 西藏 under 无网站
    xizang = frame[(frame.province == "西藏") & (frame.level == "prefecture")]
    assert set(xizang.status) == {"no_website"} and len(xizang) == 7
    # Lines 306-307: 双鸭山 is listed both as mounted and as not mounted; both rows are kept.
    shuangyashan = frame[frame.unit == "双鸭山"]
    assert sorted(shuangyashan.status) == ["mounted", "not_mounted"]
    # Lines 357-358: '仙桃、' wraps onto '天门' in the link-failure column of 湖北
    hubei = frame[(frame.province == "湖北") & (frame.status == "link_failure")]
    assert sorted(hubei.unit) == sorted(["仙桃", "天门"])
    # Line 391: 黔南(政府网站)
    qiannan = frame[frame.unit == "黔南"].iloc[0]
    assert (qiannan.status, qiannan.remark) == ("mounted", "政府网站")
    # Line 260: 天津's 11 districts without a website
    assert (frame[(frame.province == "天津")].status == "no_website").sum() == 11
    # Line 400: 西双版纳 link failure
    assert frame[frame.unit == "西双版纳"].status.tolist() == ["link_failure"]


def test_every_row_names_its_source(tables, parsed):
    for frame in (tables.handling_by_province, tables.hotline_check, tables.portal_status):
        assert (frame.bulletin_id == "环办应急函[2018]500号").all()
        assert (frame.source_line > 0).all()
    assert tables.bulletin.source_sha256.tolist() == [parsed.source_sha256]
    assert tables.bulletin.on_time_completion_pct_as_printed.tolist() == ["99.8"]
