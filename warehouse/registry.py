"""The one registry of warehouse tables: every list of tables (assets, publishing, jobs, tests) comes from here.

A table exists because its DDL file is in warehouse/tables/; the one thing the DDL does not say is
which step writes it, and that fixes its layer (the UI group) and whether it is partitioned by quarter.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from warehouse.descriptions import table_description
from warehouse.sql import SQL_DIR

# Steps that write tables. A step writes all its tables in one go, so they exist together.
NOTICE = "notice"  # the annual notices in <landing>/bulletins/
SERIES = "series"  # every bulletin in <landing>/bulletins/ as releases and figures
REFERENCE = "reference"  # reference data shipped with the project
SPOT_CHECK_FEEDS = "spot_check_feeds"  # the quarterly feeds in <landing>/spot_checks/, one quarter a partition
COMPLAINTS = "complaints"  # the provincial complaint exports in <landing>/complaints/, through the raw zone
REFUSALS = "refusals"  # the inputs refused, recorded by each input step for its own kind, gathered after them
QUALITY = "quality"  # the results of the checks, recorded before publishing

STAGING_GROUP = "staging_tables"
PUBLISHED_GROUP = "published"


@dataclass(frozen=True)
class Step:
    group: str
    partitioned: bool
    tables: tuple[str, ...]  # in the order the step writes them


STEPS = {
    NOTICE: Step(
        STAGING_GROUP,
        False,
        ("bulletin", "handling_by_province", "handling_national", "hotline_check", "portal_status", "parse_note"),
    ),
    SERIES: Step(STAGING_GROUP, False, ("bulletin_release", "bulletin_figure", "bulletin_parse_note")),
    REFERENCE: Step(STAGING_GROUP, False, ("region",)),
    SPOT_CHECK_FEEDS: Step(STAGING_GROUP, True, ("spot_check", "spot_check_summary", "spot_check_national", "spot_check_feed")),
    COMPLAINTS: Step(
        STAGING_GROUP,
        False,
        (
            "complaint_export",
            "reporting_unit",
            "complaint_copy",
            "complaint",
            "complaint_quality",
            "open_complaint",
            "records_monthly",
            "repeat_target",
            "complaint_alert",
            "handling_from_records",
            "complaint_violation",
            "complaint_repeated_id",
            "complaint_tables_basis",
        ),
    ),
    REFUSALS: Step(STAGING_GROUP, False, ("refused_input",)),
    QUALITY: Step(PUBLISHED_GROUP, False, ("quality_check",)),
}


@dataclass(frozen=True)
class Table:
    name: str
    written_by: str
    group: str
    partitioned: bool
    ddl_file: Path
    description: str


class RegistryError(Exception):
    """warehouse/tables/ and STEPS disagree: a programming error, found at import of the registry."""


@cache
def tables() -> tuple[Table, ...]:
    """Every table, in the order of STEPS."""
    ddl_files = {path.stem: path for path in (SQL_DIR / "tables").glob("*.sql")}
    named = [table for step in STEPS.values() for table in step.tables]
    unmapped = sorted(set(ddl_files) - set(named))
    without_ddl = sorted(set(named) - set(ddl_files))
    twice = sorted({table for table in named if named.count(table) > 1})
    if unmapped or without_ddl or twice:
        raise RegistryError(
            f"warehouse/tables/ and warehouse/registry.py STEPS disagree: tables without a step {unmapped}, "
            f"steps naming tables without a DDL file {without_ddl}, tables in two steps {twice}"
        )
    return tuple(
        Table(name, step_name, step.group, step.partitioned, ddl_files[name], table_description(name))
        for step_name, step in STEPS.items()
        for name in step.tables
    )


def table_names() -> list[str]:
    """Every table's name, sorted."""
    return sorted(table.name for table in tables())


def tables_written_by(step: str) -> tuple[str, ...]:
    return tuple(table.name for table in tables() if table.written_by == step)


def input_tables() -> tuple[str, ...]:
    """Tables read from inputs: everything but the record of the checks, which is written after them."""
    return tuple(table.name for table in tables() if table.written_by != QUALITY)


def partitioned_tables() -> tuple[str, ...]:
    return tuple(table.name for table in tables() if table.partitioned)
