"""The analyst report asset: charts of the published warehouse, as files and as UI metadata."""

import base64

import dagster as dg
from pydantic import Field

from assets.report.data_docs import build_data_docs
from assets.report.report_page import REPORT_HTML, render_report
from assets.resources import WarehouseResource


class ReportConfig(dg.Config):
    redraw: bool = Field(
        default=False,
        description="Draw every chart anew, even one whose PNG was drawn from the same figures (after installing fonts, say).",
    )


@dg.asset(
    group_name="reports",
    deps=["published_warehouse"],
    kinds={"great_expectations", "html"},
    owners=["team:eco12369"],
    tags={"audience": "analysts"},
)
def data_docs(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """The checks' results of the published warehouse as Great Expectations Data Docs (reports/data-docs/),
    built by GX from the suites in expectations/ and the results recorded in quality_check, without
    validating again. Outcomes remembered from an earlier run appear under the run that validated them;
    the site is built again only when what it shows changed."""
    docs = build_data_docs(warehouse.published, warehouse.data_docs)
    context.log.info(f"Data Docs: {'built' if docs.built else 'unchanged'}, {docs.validations} validations, {docs.index}")
    return dg.MaterializeResult(
        metadata={
            "index": dg.MetadataValue.path(str(docs.index)),
            "built_anew": docs.built,
            "validations": docs.validations,
        }
    )


@dg.asset(
    group_name="reports",
    # After the Data Docs and the downloads, which the page links to.
    deps=["published_warehouse", "data_docs", "downloads"],
    kinds={"altair", "html"},
    owners=["team:eco12369"],
    tags={"audience": "analysts"},
)
def analyst_report(context: dg.AssetExecutionContext, config: ReportConfig, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Charts of the latest notice and the latest year of quarterly feeds, drawn from the published warehouse: regions by on-time rate
    and average days for both stages, late and overdue reports by region, hotline failures by region
    and quarter, and the channel mix. Writes report.html (self-contained, opens offline) and one PNG
    per chart to the reports folder (default: warehouse/reports/); the charts also show here. A chart
    whose figures did not change since its PNG was drawn is not drawn again, unless config redraw."""
    rendered = render_report(warehouse.published, warehouse.reports, redraw=config.redraw)
    data, report_charts, images = rendered.data, rendered.charts, rendered.images
    context.log.info(f"wrote {', '.join(path.name for path in rendered.written)} to {warehouse.reports}")
    if rendered.font_problem:
        context.log.warning(rendered.font_problem)
    metadata: dict[str, dg.MetadataValue] = {
        "report": dg.MetadataValue.path(str(warehouse.reports / REPORT_HTML)),
        "chinese_labels": dg.MetadataValue.text(rendered.font_problem or "drawn with a font that has Chinese glyphs"),
    }
    if data.notice_year is not None:
        metadata["notice_year"] = dg.MetadataValue.int(int(data.notice_year))
    if data.feed_year is not None:
        metadata["feed_year"] = dg.MetadataValue.int(int(data.feed_year))
    for item in report_charts:
        encoded = base64.b64encode(images[f"{item.name}.png"]).decode("ascii")
        metadata[f"chart_{item.name}"] = dg.MetadataValue.md(f"{item.caption}\n\n![{item.name}](data:image/png;base64,{encoded})")
    return dg.MaterializeResult(metadata=metadata)
