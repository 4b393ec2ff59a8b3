"""The analyst report: read the published warehouse, draw the charts, write HTML and PNG files.

Plain functions with no Dagster import: the report asset and `eco12369 report` both call them.
"""

import hashlib
import html
import json
import os
import string
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import altair as alt
import duckdb
import pandas as pd
import vl_convert

from assets.output_folders import DATA_DOCS_FOLDER, DATA_DOCS_INDEX, DATA_PACKAGE, DOWNLOADS_FOLDER, write_atomically
from assets.report import charts, fonts
from warehouse import store
from warehouse.errors import Eco12369Error
from warehouse.sql import sql_file

REPORT_HTML = "report.html"
# PNGs at twice the CSS size stay sharp on high-density screens and in slides.
PNG_SCALE = 2


# How much of the complaint records the report draws: the least complete cities, the most repeated targets.
COMPLETENESS_CITIES = 30
REPEAT_TARGETS = 20
# The charts of the records by month and week show the latest two years: over the whole history they
# would grow with every month (a heat map 120 months wide at ten years) and take seconds more to draw.
RECORD_CHART_MONTHS = 24


class ReportError(Eco12369Error):
    """The warehouse cannot be reported on (no annual notice published yet)."""


@dataclass(frozen=True)
class ReportChart:
    name: str
    caption: str
    # The chart's Vega-Lite specification, data included: what the page embeds and the PNG is drawn
    # from. Built without Altair's schema validation, which cost about a second of every build;
    # tests/test_report.py validates every chart against the Vega-Lite schema instead.
    spec: dict

    @classmethod
    def of(cls, name: str, caption: str, chart: alt.TopLevelMixin, validate: bool = False) -> "ReportChart":
        return cls(name, caption, chart.to_dict(validate=validate))


@dataclass(frozen=True)
class ReportData:
    notice_year: int | None
    feed_year: int | None
    provenance: dict | None
    handling: pd.DataFrame
    late_and_overdue: pd.DataFrame
    hotline_failures: pd.DataFrame
    channel_mix: pd.DataFrame
    series_channels: pd.DataFrame
    pollution_shares: pd.DataFrame
    completeness: pd.DataFrame
    repeat_targets: pd.DataFrame
    alerts: pd.DataFrame


def _frame(con: duckdb.DuckDBPyConnection, query: str, year: int | None) -> pd.DataFrame:
    return con.execute(sql_file(f"report/{query}.sql"), {"year": year}).df()


def read_report_data(warehouse: Path) -> ReportData:
    """The figures of the latest notice and the latest year of feeds, read from the published warehouse."""
    if not warehouse.exists():
        raise ReportError(f"{warehouse}: no warehouse there yet; run `uv run eco12369 build` first")
    with store.connect(warehouse, read_only=True) as con:
        notice_year, feed_year = con.execute(sql_file("report/latest_year.sql")).fetchone()
        complaints = con.execute(sql_file("report/complaint_count.sql")).fetchall()[0][0]
        if notice_year is None and feed_year is None and not complaints:
            raise ReportError(f"{warehouse}: tables bulletin, spot_check and complaint are empty; there is nothing to draw")
        provenance = _frame(con, "provenance", notice_year)
        return ReportData(
            notice_year=notice_year,
            feed_year=feed_year,
            provenance=provenance.iloc[0].to_dict() if not provenance.empty else None,
            handling=_frame(con, "handling_by_stage", notice_year),
            late_and_overdue=_frame(con, "late_and_overdue", notice_year),
            hotline_failures=_frame(con, "hotline_failures", feed_year),
            channel_mix=_frame(con, "channel_mix", notice_year),
            series_channels=con.execute(sql_file("report/series_by_channel.sql")).df(),
            pollution_shares=con.execute(sql_file("report/pollution_shares.sql")).df(),
            completeness=con.execute(
                sql_file("report/complaint_completeness.sql"), {"cities": COMPLETENESS_CITIES, "months": RECORD_CHART_MONTHS}
            ).df(),
            repeat_targets=con.execute(sql_file("report/repeat_targets.sql"), {"targets": REPEAT_TARGETS}).df(),
            alerts=con.execute(sql_file("report/complaint_alerts.sql"), {"months": RECORD_CHART_MONTHS}).df(),
        )


def build_charts(data: ReportData, validate: bool = False) -> list[ReportChart]:
    """The charts the published data allow: the annual ones need a notice, the hotline one a feed."""
    built = []
    if data.provenance is not None:
        source = f"{data.provenance['bulletin_id']} ({data.provenance['source_file']})"
        year = data.notice_year
        built += [
            ReportChart.of(
                "handling",
                f"Handling of reports by region, both stages. Source: 附件3 of {source}.",
                charts.handling_chart(data.handling, year),
                validate=validate,
            ),
            ReportChart.of(
                "late_and_overdue",
                f"Late acceptances and overdue completions by region. Source: 附件3 of {source}.",
                charts.late_and_overdue_chart(data.late_and_overdue, year),
                validate=validate,
            ),
        ]
    if not data.hotline_failures.empty:
        built.append(
            ReportChart.of(
                "hotline_failures",
                "Hotline failures by region and quarter. Source: the quarterly spot-check feeds (table spot_check).",
                charts.hotline_failures_chart(data.hotline_failures, data.feed_year),
                validate=validate,
            )
        )
    if data.provenance is not None:
        built.append(
            ReportChart.of(
                "channel_mix",
                f"Reports by channel. Source: section 一 of {source}.",
                charts.channel_mix_chart(data.channel_mix, data.notice_year),
                validate=validate,
            )
        )
    if data.series_channels["reports"].notna().any():
        built.append(
            ReportChart.of(
                "series_channels",
                "Reports per month by channel. Source: the monthly bulletins (view reports_monthly, one release per month).",
                charts.series_channels_chart(data.series_channels),
                validate=validate,
            )
        )
    if data.pollution_shares["share_pct"].notna().any():
        built.append(
            ReportChart.of(
                "pollution_shares",
                "Pollution types named in reports, by month. Source: the monthly bulletins (table bulletin_figure).",
                charts.pollution_shares_chart(data.pollution_shares),
                validate=validate,
            )
        )
    built += _complaint_charts(data, validate)
    return built


def _complaint_charts(data: ReportData, validate: bool) -> list[ReportChart]:
    built = []
    if not data.completeness.empty:
        built.append(
            ReportChart.of(
                "complaint_completeness",
                f"Key-field completeness by city and month over the latest {RECORD_CHART_MONTHS} months of records, the "
                f"{COMPLETENESS_CITIES} least complete cities in them. Source: the complaint records (table complaint_quality).",
                charts.completeness_chart(data.completeness),
                validate=validate,
            )
        )
    if not data.repeat_targets.empty:
        built.append(
            ReportChart.of(
                "repeat_targets",
                f"The {REPEAT_TARGETS} targets with the most complaints among those reported three times within 90 days. Source: table repeat_target.",
                charts.repeat_targets_chart(data.repeat_targets),
                validate=validate,
            )
        )
    if not data.alerts.empty:
        built.append(
            ReportChart.of(
                "complaint_alerts",
                f"Early warnings by city and week over the latest {RECORD_CHART_MONTHS} months of records. Source: table complaint_alert.",
                charts.alerts_chart(data.alerts),
                validate=validate,
            )
        )
    return built


def _missing_parts(data: ReportData) -> list[str]:
    missing = []
    if data.provenance is None:
        missing.append("No annual notice is published, so there are no charts of report handling or channels.")
    if data.hotline_failures.empty:
        missing.append(f"No quarterly spot-check feed for {data.notice_year} is published, so there is no hotline chart.")
    if data.completeness.empty:
        missing.append(
            "No complaint records are published (<landing>/complaints/), so there are no charts of record quality, repeats or alerts."
        )
    return missing


def _font_identity() -> str:
    font = fonts.packaged_font_file()
    return f"{font.name} {font.stat().st_size}" if font is not None else "none packaged"


def _drawing_key(spec: dict) -> str:
    """What a PNG depends on: the chart's specification (its data included), the renderer, the scale
    and the packaged font (installing it redraws the charts drawn without it)."""
    drawn_from = (
        json.dumps(spec, sort_keys=True, ensure_ascii=False)
        + f"|vl-convert {vl_convert.__version__}|scale {PNG_SCALE}|font {_font_identity()}"
    )
    return hashlib.sha256(drawn_from.encode("utf-8")).hexdigest()


def _stamp(folder: Path, image_name: str) -> Path:
    return folder / f".{image_name}.sha256"


# PNGs drawn on this machine, by drawing key: a report folder that lacks a chart drawn from the same
# specification before (another warehouse folder of the same figures, a fresh clone's second build)
# copies it instead of drawing it. ECO12369_CHART_CACHE names the folder; "off" turns it off.
CHART_CACHE_VARIABLE = "ECO12369_CHART_CACHE"
CHART_CACHE_KEEPS = 400  # the most recently drawn; a chart is a few tens of kB


def chart_cache() -> Path | None:
    setting = os.environ.get(CHART_CACHE_VARIABLE, "")
    if setting == "off":
        return None
    if setting:
        return Path(setting)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "eco12369" / "charts"


def _cached_drawing(cache: Path | None, key: str) -> bytes | None:
    if cache is None:
        return None
    try:
        return (cache / f"{key}.png").read_bytes()
    except OSError:
        return None


def _keep_drawing(cache: Path | None, key: str, png: bytes) -> None:
    """Into the machine's chart cache, atomically (builds run side by side); the oldest drawings past
    CHART_CACHE_KEEPS go. A cache that cannot be written is no error: the chart was drawn."""
    if cache is None:
        return
    try:
        cache.mkdir(parents=True, exist_ok=True)
        write_atomically(cache / f"{key}.png", png)
        drawings = sorted(cache.glob("*.png"), key=lambda path: path.stat().st_mtime)
        for old in drawings[:-CHART_CACHE_KEEPS]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


# Charts drawn side by side: vl-convert draws outside Python's lock, and a large chart takes seconds.
DRAWING_THREADS = min(2, os.cpu_count() or 1)
# Whether the packaged font draws Chinese, as found before, beside the PNGs (the check draws two images).
GLYPHS_STAMP = ".chinese-glyphs"


def _chinese_font_problem(folder: Path) -> str | None:
    """fonts.chinese_font_problem, remembered in `folder` once the packaged font was found to draw
    Chinese with this vl-convert (a font problem, or no packaged font, is looked for every time)."""
    fonts.register_packaged_font()
    key = f"vl-convert {vl_convert.__version__}|font {_font_identity()}|family {charts.FONT}"
    stamp = folder / GLYPHS_STAMP
    if fonts.packaged_font_file() is not None and stamp.is_file() and stamp.read_text(encoding="utf-8") == key:
        return None
    problem = fonts.chinese_font_problem(charts.FONT)
    if problem is None and fonts.packaged_font_file() is not None:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(stamp, key.encode("utf-8"))
    return problem


def png_images(report_charts: list[ReportChart], folder: Path, redraw: bool) -> tuple[dict[str, tuple[bytes, str]], str | None]:
    """(PNG, drawing key) of each chart, and a line saying so if their Chinese labels cannot be drawn.
    Drawing takes about a second a chart, so unless `redraw`, a chart whose PNG in `folder`, or in the
    machine's chart cache, was drawn from the same specification with the same font is not drawn again;
    the others are drawn DRAWING_THREADS at a time."""
    images = {}
    font_problem = None
    cache = chart_cache()
    to_draw = []
    for item in report_charts:
        key = _drawing_key(item.spec)
        name = f"{item.name}.png"
        stamp = _stamp(folder, name)
        if not redraw and (folder / name).exists() and stamp.exists() and stamp.read_text() == key:
            images[name] = ((folder / name).read_bytes(), key)
        elif not redraw and (cached := _cached_drawing(cache, key)) is not None:
            images[name] = (cached, key)
        else:
            to_draw.append((item, name, key))
    if to_draw:
        font_problem = _chinese_font_problem(folder)
        with ThreadPoolExecutor(max_workers=DRAWING_THREADS) as pool:
            drawn = pool.map(lambda job: vl_convert.vegalite_to_png(job[0].spec, scale=PNG_SCALE), to_draw)
            for (_, name, key), png in zip(to_draw, drawn, strict=True):
                images[name] = (png, key)
                _keep_drawing(cache, key, png)
    if font_problem is None and fonts.packaged_font_file() is None:
        # Nothing was drawn, but the images kept may have been drawn without Chinese glyphs.
        font_problem = fonts.chinese_font_problem(charts.FONT)
    return images, font_problem


def _script_json(value) -> str:
    # A "</script>" inside a label must not end the script element.
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def vega_bundle(cache_folder: Path) -> str:
    """Vega, Vega-Lite and vega-embed as one script, cached beside the report per vl-convert release:
    vl-convert bundles it anew on every call, which takes seconds."""
    cached = cache_folder / f".vega-bundle-{vl_convert.__version__}.js"
    if cached.exists():
        return cached.read_text(encoding="utf-8")
    bundle = vl_convert.javascript_bundle()
    write_atomically(cached, bundle.encode("utf-8"))
    return bundle


# The page around the charts; $-placeholders (string.Template), so that the CSS keeps its braces.
PAGE_TEMPLATE = Path(__file__).resolve().parent / "report_page.html"


def _chart_sections(report_charts: list[ReportChart]) -> tuple[str, str]:
    """(the HTML sections holding the charts, the script lines that draw them)."""
    sections = "".join(
        f'<section><div id="{item.name}" class="chart"></div>'
        f'<p class="caption">{html.escape(item.caption)} Image: <a href="{item.name}.png">{item.name}.png</a></p></section>'
        for item in report_charts
    )
    embeds = "\n".join(f'vegaEmbed("#{item.name}", {_script_json(item.spec)}, {{"actions": false}});' for item in report_charts)
    return sections, embeds


def _source_sentence(provenance: dict | None) -> str:
    if provenance is None:
        return "Figures of the quarterly spot-check feeds, as published in the eco12369 warehouse."
    return (
        f"Figures of the notice {html.escape(str(provenance['bulletin_id']))} «{html.escape(str(provenance['title']))}» "
        f"(issued {provenance['issued_on']:%Y-%m-%d}), as published in the eco12369 warehouse."
    )


def _links(warehouse: Path, folder: Path) -> str:
    """Links to what is written beside the report: the Data Docs of the checks and the downloads
    (relative, so that the folders can be copied together)."""
    links = []
    data_docs = folder / DATA_DOCS_FOLDER / DATA_DOCS_INDEX
    if data_docs.is_file():
        href = data_docs.relative_to(folder).as_posix()
        links.append(f'The checks of this warehouse and what they found: <a id="data-docs" href="{href}">Great Expectations Data Docs</a>.')
    downloads = warehouse.parent / DOWNLOADS_FOLDER
    if (downloads / DATA_PACKAGE).is_file():
        href = html.escape(Path(os.path.relpath(downloads, folder)).as_posix())
        links.append(f'Every table as CSV and Parquet, with its data package: <a id="downloads" href="{href}/">{DOWNLOADS_FOLDER}/</a>.')
    return "".join(f"<p>{link}</p>" for link in links)


def report_html(data: ReportData, report_charts: list[ReportChart], bundle: str, links: str = "") -> str:
    """One self-contained page: Vega's JavaScript is bundled in, so it opens offline in any browser."""
    sections, embeds = _chart_sections(report_charts)
    return string.Template(PAGE_TEMPLATE.read_text(encoding="utf-8")).substitute(
        year=data.notice_year or data.feed_year or "",
        font=charts.FONT,
        source=_source_sentence(data.provenance),
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        links=links,
        missing="".join(f"<p><strong>{html.escape(line)}</strong></p>" for line in _missing_parts(data)),
        sections=sections,
        bundle=bundle,
        embeds=embeds,
    )


def write_report(folder: Path, page: str, images: dict[str, tuple[bytes, str]]) -> list[Path]:
    """Write the page and images, each by atomic rename, so a reader never sees half a file. An
    image's stamp (its drawing key) is written after the image: a stamp never vouches for an image
    that is not there."""
    written = []
    for name, (content, key) in images.items():
        write_atomically(folder / name, content)
        write_atomically(_stamp(folder, name), key.encode("ascii"))
        written.append(folder / name)
    write_atomically(folder / REPORT_HTML, page.encode("utf-8"))
    return [*written, folder / REPORT_HTML]


def _figures_key(data: ReportData) -> str:
    """What the charts' specifications depend on: every figure drawn, and the code and Altair release
    that draw them."""
    digest = hashlib.sha256()
    for value in data.__dict__.values():
        if isinstance(value, pd.DataFrame):
            digest.update(value.to_json(orient="split", date_format="iso", force_ascii=False).encode("utf-8"))
        else:
            digest.update(json.dumps(value, sort_keys=True, default=str, ensure_ascii=False).encode("utf-8"))
    for code in (Path(charts.__file__), Path(__file__)):
        digest.update(code.read_bytes())
    digest.update(alt.__version__.encode("ascii"))
    return digest.hexdigest()


CHART_SPECS = ".chart-specs.json"


def cached_charts(data: ReportData, folder: Path) -> list[ReportChart]:
    """build_charts(data), or the specifications built from the same figures by the same code last
    time (kept beside the report): Altair takes over a second to build the charts of an unchanged
    warehouse, which is most builds."""
    key = _figures_key(data)
    cache = folder / CHART_SPECS
    if cache.exists():
        try:
            cached = json.loads(cache.read_text(encoding="utf-8"))
        except ValueError:
            cached = {}
        if cached.get("key") == key:
            return [ReportChart(**chart) for chart in cached["charts"]]
    built = build_charts(data)
    write_atomically(cache, json.dumps({"key": key, "charts": [chart.__dict__ for chart in built]}, ensure_ascii=False).encode("utf-8"))
    return built


@dataclass(frozen=True)
class RenderedReport:
    data: ReportData
    charts: list[ReportChart]
    images: dict[str, bytes]
    written: list[Path]
    # One line when the PNGs' Chinese labels could not be drawn (no font has the glyphs), else None.
    font_problem: str | None


def render_report(warehouse: Path, folder: Path, redraw: bool = False) -> RenderedReport:
    """Everything `eco12369 report` and the report asset do: read, draw (what changed, or everything
    with `redraw`), write."""
    data = read_report_data(warehouse)
    report_charts = build_charts(data) if redraw else cached_charts(data, folder)
    images, font_problem = png_images(report_charts, folder, redraw)
    written = write_report(folder, report_html(data, report_charts, vega_bundle(folder), _links(warehouse, folder)), images)
    return RenderedReport(data, report_charts, {name: content for name, (content, _) in images.items()}, written, font_problem)
