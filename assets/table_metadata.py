"""What the Dagster UI shows about a warehouse table: its column schema and a preview of its rows."""

import dagster as dg
import pandas as pd

from warehouse.descriptions import column_descriptions, table_description

PREVIEW_ROWS = 10


def table_spec(
    table: str, group: str, deps: list[str] | None = None, partitions_def: dg.PartitionsDefinition | None = None
) -> dg.AssetSpec:
    """The AssetSpec of a warehouse table, described from its DDL in warehouse/tables/<table>.sql."""
    schema = dg.TableSchema(
        columns=[dg.TableColumn(name, data_type.lower(), description) for name, data_type, description in column_descriptions(table)]
    )
    return dg.AssetSpec(
        key=table,
        description=table_description(table),
        group_name=group,
        deps=deps or [],
        kinds={"duckdb", "pandas"},
        owners=["team:eco12369"],
        metadata={"dagster/column_schema": schema, "dagster/table_name": table},
        partitions_def=partitions_def,
    )


def markdown_preview(frame: pd.DataFrame, rows: int = PREVIEW_ROWS) -> str:
    """A Markdown table of the first rows (pandas' to_markdown would need the tabulate package)."""
    if frame.empty:
        return "_no rows_"
    head = frame.head(rows)
    lines = ["| " + " | ".join(map(str, head.columns)) + " |", "|" + "---|" * len(head.columns)]
    for record in head.itertuples(index=False):
        # A list cell (pollution_types) is shown as it is; pd.isna would test its elements.
        lines.append("| " + " | ".join("" if pd.api.types.is_scalar(value) and pd.isna(value) else str(value) for value in record) + " |")
    if len(frame) > rows:
        lines.append(f"\n_{len(frame) - rows} more rows_")
    return "\n".join(lines)


def table_materialization(table: str, frame: pd.DataFrame, extra: dict | None = None, partitions: int = 1) -> dg.MaterializeResult:
    """What the UI shows of a write. A run over several partitions records one materialization per
    partition with the same metadata, so the row count is then labeled as the whole run's."""
    row_count_key = "dagster/row_count" if partitions == 1 else "rows_written_by_run"
    return dg.MaterializeResult(
        asset_key=table,
        metadata={
            row_count_key: len(frame),
            "preview": dg.MetadataValue.md(markdown_preview(frame)),
            **(extra or {}),
        },
    )
