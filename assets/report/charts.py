"""The analyst report's charts: plain functions from query results (DataFrames) to Altair charts.

Altair, because it writes Vega-Lite specifications: the same specification renders interactively
in the HTML report (Vega's JavaScript, bundled into the page) and as PNG through vl-convert, which
brings its own renderer and needs no browser or network. Plotly's PNG export (Kaleido) downloads
Chrome, which this project must not do.
"""

import altair as alt
import pandas as pd

# The report embeds every data row in its page by design (it opens offline); Altair's default limit of
# 5000 rows per chart would refuse a long bulletin series.
alt.data_transformers.disable_max_rows()

# A font with Chinese glyphs first: the PNGs are drawn with Noto Sans SC, which the project installs
# itself (assets/report/fonts.py), so they look the same on every machine; a browser showing the
# HTML report falls back to the next ones it has.
FONT = "Noto Sans SC, Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
STAGE_TITLES = {"acceptance": "受理 acceptance (WeChat and web reports)", "completion": "办结 completion (all reports)"}
WIDTH = 260
ROW_HEIGHT = 16


def _configured(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    return (
        chart.configure(font=FONT)
        .configure_title(fontSize=15, anchor="start", subtitleFontSize=11, subtitleColor="#555")
        .configure_axis(labelFontSize=11, titleFontSize=11)
        .configure_view(stroke=None)
    )


def handling_chart(handling: pd.DataFrame, year: int) -> alt.TopLevelMixin:
    """For each stage: regions by on-time rate (dots) and average days (bars), best first."""
    panels = []
    for stage, title in STAGE_TITLES.items():
        frame = handling[handling["stage"] == stage]
        order = alt.EncodingSortField(field="stage_rank", order="ascending")
        base = alt.Chart(frame).encode(
            y=alt.Y("province:N", sort=order, title=None),
            tooltip=[
                alt.Tooltip("province:N", title="地区"),
                alt.Tooltip("on_time_pct:Q", title="on time %"),
                alt.Tooltip("avg_days:Q", title="average days"),
                alt.Tooltip("late_count:Q", title="late"),
            ],
        )
        # Rates crowd near 100%: a dot on an axis that does not start at zero shows the differences
        # without pretending a bar's length means something.
        rate = (
            base.mark_circle(size=60, color="#1f77b4")
            .encode(
                x=alt.X("on_time_pct:Q", title="按期率 on time (%)", scale=alt.Scale(zero=False, nice=True)),
            )
            .properties(width=WIDTH, height=ROW_HEIGHT * len(frame), title=title)
        )
        days = (
            base.mark_bar(color="#ff7f0e")
            .encode(
                x=alt.X("avg_days:Q", title="平均天数 average days"),
            )
            .properties(width=WIDTH * 0.7, height=ROW_HEIGHT * len(frame), title=" ")
        )
        days_labels = base.mark_text(align="left", dx=3, fontSize=10).encode(
            x="avg_days:Q",
            text=alt.Text("avg_days:Q", format=".1f"),
        )
        panels.append(alt.hconcat(rate, days + days_labels, spacing=6))
    chart = alt.hconcat(*panels, spacing=30).properties(
        title=alt.Title(
            f"{year}年各地举报按期率与平均天数 On-time rate and average days by region, {year}",
            subtitle="附件3 of the annual notice. Sorted best first: highest on-time rate, then fewest days.",
        )
    )
    return _configured(chart)


def late_and_overdue_chart(late: pd.DataFrame, year: int) -> alt.TopLevelMixin:
    """Late acceptances and overdue completions per region, regions with either only, most first."""
    order = alt.EncodingSortField(field="both_stages", order="descending")
    base = alt.Chart(late).encode(
        y=alt.Y("province:N", sort=order, title=None),
        yOffset=alt.YOffset("measure:N"),
    )
    bars = base.mark_bar().encode(
        x=alt.X("reports:Q", title="举报件数 reports"),
        color=alt.Color("measure:N", title=None, legend=alt.Legend(orient="top")),
        tooltip=["province:N", "measure:N", "reports:Q"],
    )
    labels = base.mark_text(align="left", dx=3, fontSize=10).encode(x="reports:Q", text="reports:Q")
    provinces = late["province"].nunique()
    chart = (bars + labels).properties(
        width=520,
        height=alt.Step(9) if provinces else 40,
        title=alt.Title(
            f"{year}年未按期受理与超期办结 Late and overdue reports by region, {year}",
            subtitle="附件3 of the annual notice: 未按期受理数 (WeChat and web) and 超期办结数 (all channels).",
        ),
    )
    return _configured(chart)


def hotline_failures_chart(failures: pd.DataFrame, year: int) -> alt.TopLevelMixin:
    """Unreachable hotline units per region and quarter, as a heat map with the counts written in."""
    constructed = sorted(failures.loc[failures["constructed"], "quarter"].unique())
    subtitle = ["Bureaus whose 12369 hotline did not answer the quarter's check (quarterly feeds)."]
    if constructed:
        subtitle.append(f"CONSTRUCTED SAMPLE FEEDS, NOT OFFICIAL: {', '.join(constructed)} (see the feed's note column).")
    base = alt.Chart(failures).encode(
        x=alt.X("quarter:O", title=None, axis=alt.Axis(orient="top", labelAngle=0)),
        # Most failures on top: the regions to look at first.
        y=alt.Y("province:N", title=None, sort=alt.EncodingSortField(field="unreachable_units", op="sum", order="descending")),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("unreachable_units:Q", title="未拨通 units", scale=alt.Scale(scheme="oranges")),
        tooltip=["province:N", "quarter:O", "unreachable_units:Q"],
    )
    counts = base.mark_text(fontSize=10).encode(
        text=alt.condition("datum.unreachable_units > 0", "unreachable_units:Q", alt.value("")),
    )
    chart = (cells + counts).properties(
        width=70 * max(failures["quarter"].nunique(), 1),
        height=alt.Step(ROW_HEIGHT),
        title=alt.Title(f"{year}年各季度电话抽查未拨通 Hotline failures by region and quarter, {year}", subtitle=subtitle),
    )
    return _configured(chart)


def channel_mix_chart(channels: pd.DataFrame, year: int) -> alt.TopLevelMixin:
    """Reports by channel, with each channel's share of the year's total."""
    frame = channels.assign(label=channels["channel_zh"] + " " + channels["channel"])
    base = alt.Chart(frame).encode(
        # An explicit order: a sort by field is not kept across the layers of this chart.
        y=alt.Y("label:N", sort=list(frame.sort_values("reports", ascending=False)["label"]), title=None)
    )
    bars = base.mark_bar(color="#2ca02c").encode(
        x=alt.X("reports:Q", title="举报件数 reports"),
        tooltip=["label:N", "reports:Q", "share_pct:Q"],
    )
    labels = (
        base.mark_text(align="left", dx=4, fontSize=12)
        .encode(
            x="reports:Q",
            text=alt.Text("share_label:N"),
        )
        .transform_calculate(share_label="format(datum.reports, ',') + ' (' + format(datum.share_pct, '.2f') + '%)'")
    )
    chart = (bars + labels).properties(
        width=480,
        height=alt.Step(34),
        title=alt.Title(
            f"{year}年举报渠道 Reports by channel, {year}",
            subtitle="Section 一 of the annual notice: 电话 phone, 微信 WeChat, 网上 web.",
        ),
    )
    return _configured(chart)


def _runs(frame: pd.DataFrame, series: str, value: str) -> pd.DataFrame:
    """The stated rows, each with the run of consecutive stated months it belongs to: a line joins the
    months of one run only, so a month no bulletin states is a gap, never a zero or a bridge."""
    frame = frame.sort_values([series, "month"])
    run = frame[value].isna().groupby(frame[series]).cumsum()
    return frame.assign(run=frame[series].astype(str) + "#" + run.astype(str)).dropna(subset=[value])


CHANNEL_LABELS = ["全部 all", "电话 phone", "微信 WeChat", "网上 web", "其他 other"]
POLLUTION_LABELS = {
    "air": "大气 air",
    "noise": "噪声 noise",
    "water": "水 water",
    "solid_waste": "固废 solid waste",
    "ecology": "生态 ecology",
    "radiation": "辐射 radiation",
}


def _monthly_lines(
    frame: pd.DataFrame, value: alt.Y, value_tooltip: alt.Tooltip, legend: str, order: list[str], title: alt.Title
) -> alt.TopLevelMixin:
    """One line per label over the months, broken where a run of stated months ends (see _runs)."""
    chart = (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            detail="run:N",
            x=alt.X("month:T", title=None, axis=alt.Axis(format="%Y-%m")),
            y=value,
            color=alt.Color("label:N", title=legend, sort=order),
            tooltip=[
                alt.Tooltip("month:T", title="month", format="%Y-%m"),
                alt.Tooltip("label:N", title=legend),
                value_tooltip,
                alt.Tooltip("source_file:N", title="source"),
            ],
        )
        .properties(width=720, height=300, title=title)
    )
    return _configured(chart)


def series_channels_chart(series: pd.DataFrame) -> alt.TopLevelMixin:
    """National reports per month by channel, from the monthly bulletins; unstated months are gaps."""
    return _monthly_lines(
        _runs(series.assign(month=pd.to_datetime(series["month"])), "channel", "reports"),
        alt.Y("reports:Q", title="举报 reports"),
        alt.Tooltip("reports:Q", title="reports", format=","),
        "渠道 channel",
        CHANNEL_LABELS,
        alt.Title(
            "12369 reports per month, by channel",
            subtitle="Gaps: months no saved bulletin states, or a channel the page does not state.",
        ),
    )


def pollution_shares_chart(shares: pd.DataFrame) -> alt.TopLevelMixin:
    """The share of reports naming each pollution type, month by month; unstated months are gaps."""
    frame = shares.assign(
        month=pd.to_datetime(shares["month"]), label=shares["pollution"].map(POLLUTION_LABELS).fillna(shares["pollution"])
    )
    return _monthly_lines(
        _runs(frame, "pollution", "share_pct"),
        alt.Y("share_pct:Q", title="占举报 % of reports"),
        alt.Tooltip("share_pct:Q", title="% of reports"),
        "污染类型 pollution",
        list(POLLUTION_LABELS.values()),
        alt.Title(
            "Pollution types named in reports, by month",
            subtitle="One report can name several types, so the shares add up to more than 100.",
        ),
    )


def completeness_chart(quality: pd.DataFrame) -> alt.TopLevelMixin:
    """Key-field completeness by city and month (the notice's 数据质量 finding), worst cities first."""
    order = quality.groupby("city")["key_field_completeness_pct"].mean().sort_values().index.tolist()
    chart = (
        alt.Chart(quality)
        .mark_rect()
        .encode(
            x=alt.X("month:O", title="月份 month"),
            y=alt.Y("city:N", title=None, sort=order),
            color=alt.Color(
                "key_field_completeness_pct:Q",
                title="% complete",
                scale=alt.Scale(domain=[0, 100], scheme="redyellowgreen"),
            ),
            tooltip=[
                alt.Tooltip("city:N", title="city"),
                alt.Tooltip("month:O", title="month"),
                alt.Tooltip("records:Q", title="records", format=","),
                alt.Tooltip("key_field_completeness_pct:Q", title="% with every key field"),
                alt.Tooltip("entered_late_pct:Q", title="% entered > 24 h late"),
            ],
        )
        .properties(
            width=alt.Step(28),
            height=alt.Step(ROW_HEIGHT),
            title=alt.Title(
                "Key-field completeness of complaint records, by city and month",
                subtitle="Share of records with target, pollution type, industry and (when accepted) outcome; the check asks for 95%.",
            ),
        )
    )
    return _configured(chart)


def repeat_targets_chart(targets: pd.DataFrame) -> alt.TopLevelMixin:
    """The targets with the most complaints among those reported three times within 90 days."""
    chart = (
        alt.Chart(targets)
        .mark_bar(color="#b2182b")
        .encode(
            x=alt.X("complaints:Q", title="举报 complaints"),
            y=alt.Y("target:N", title=None, sort="-x"),
            tooltip=[
                alt.Tooltip("target:N", title="target"),
                alt.Tooltip("complaints:Q", title="complaints"),
                alt.Tooltip("first_reported:T", title="first"),
                alt.Tooltip("last_reported:T", title="last"),
            ],
        )
        .properties(
            width=WIDTH,
            height=alt.Step(ROW_HEIGHT),
            title=alt.Title(
                "重复举报 Targets reported again and again", subtitle="Three complaints within 90 days at least; most complaints first."
            ),
        )
    )
    return _configured(chart)


def alerts_chart(alerts: pd.DataFrame) -> alt.TopLevelMixin:
    """Early-warning weeks by city: when, how many complaints, about what."""
    chart = (
        alt.Chart(alerts.assign(week_start=pd.to_datetime(alerts["week_start"])))
        .mark_point(filled=True)
        .encode(
            x=alt.X("week_start:T", title="周 week (Monday)"),
            y=alt.Y("city:N", title=None),
            size=alt.Size("complaints:Q", title="complaints"),
            color=alt.Color("pollution:N", title="污染类型 pollution"),
            tooltip=[
                alt.Tooltip("city:N", title="city"),
                alt.Tooltip("week_start:T", title="week of"),
                alt.Tooltip("pollution:N", title="pollution"),
                alt.Tooltip("complaints:Q", title="complaints"),
                alt.Tooltip("baseline:Q", title="mean of the 8 weeks before", format=".2f"),
            ],
        )
        .properties(
            width=720,
            height=alt.Step(ROW_HEIGHT * 1.5),
            title=alt.Title(
                "预警 Early warnings: weeks a city's complaints about one pollution type jumped",
                subtitle="At least 10 complaints in the week and at least 3 times the mean of the 8 weeks before.",
            ),
        )
    )
    return _configured(chart)
