"""Dagster asset of table refused_input: the landing units refused as the landing folder stands now.

Each input step records the refusals of the units it decided on (notices, bulletin pages, quarters,
exports) in the run's staging warehouse; this step runs after them, refuses the files that no step
reads because their name says they are no input (a .pdf among the exports, say), drops the rows of
files that were fixed, replaced or removed, and reports them. Its WARN check,
every_landed_file_was_read, fails naming each refused file and why.
"""

from pathlib import Path

import dagster as dg

from assets.complaints.export_files import export_folder_problems
from assets.landing_folders import COMPLAINTS_FOLDER, SPOT_CHECK_FOLDER, landing_path
from assets.resources import WarehouseResource
from assets.spot_checks.feed import feed_folder_problems
from assets.table_metadata import table_materialization, table_spec
from warehouse import store
from warehouse.refusals import EXPORT_KIND, FEED_KIND, Refusal, all_refusals, record_refusals, remove_refusals_of_gone_files
from warehouse.registry import QUALITY, REFERENCE, REFUSALS, STAGING_GROUP, STEPS, tables_written_by

(REFUSED_INPUT,) = tables_written_by(REFUSALS)
# Metadata of its materialization that the command line prints: [source_file, kind, reason] each.
REFUSED_METADATA = "refused"
# One table of every step that reads inputs: this step runs after all of them.
_INPUT_STEPS = [step.tables[0] for name, step in STEPS.items() if name not in (REFUSALS, QUALITY, REFERENCE)]


def as_landed_now(landing: Path, refusals: list[Refusal]) -> list[tuple[str, str]]:
    """(path under the landing folder, SHA-256 now) of the refused files still there: only they are
    read again, never the whole landing folder (national exports run to gigabytes)."""
    return [
        (refusal.source_file, store.file_sha256(landing / refusal.source_file))
        for refusal in refusals
        if (landing / refusal.source_file).is_file()
    ]


def refusals_by_name(landing: Path, kind: str, folder: str, problems) -> list[Refusal]:
    return [
        Refusal(
            landing_path(folder, Path(problem.source_file).name),
            kind,
            store.file_sha256(landing / folder / Path(problem.source_file).name),
            str(problem),
        )
        for problem in problems
    ]


@dg.multi_asset(specs=[table_spec(REFUSED_INPUT, group=STAGING_GROUP, deps=_INPUT_STEPS)])
def refused_input(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Gathers the inputs refused as the landing folder stands now, each with its reason."""
    landing = warehouse.landing
    by_name = {
        FEED_KIND: refusals_by_name(landing, FEED_KIND, SPOT_CHECK_FOLDER, feed_folder_problems(landing / SPOT_CHECK_FOLDER)),
        EXPORT_KIND: refusals_by_name(landing, EXPORT_KIND, COMPLAINTS_FOLDER, export_folder_problems(landing)),
    }
    with warehouse.staging_connection(context) as con:
        for kind, refusals in by_name.items():
            record_refusals(con, kind, refusals, context.run.run_id, decided_files=[refusal.source_file for refusal in refusals])
        remove_refusals_of_gone_files(con, as_landed_now(landing, all_refusals(con)))
        frame = con.table(REFUSED_INPUT).order("source_file").df()
    # The steps that read the other units log their refusals; these files no step reads.
    for refusal in (refusal for refusals in by_name.values() for refusal in refusals):
        context.log.warning(f"refused: {refusal.reason}")
    return table_materialization(
        REFUSED_INPUT,
        frame,
        {
            "inputs_refused": len(frame),
            REFUSED_METADATA: dg.MetadataValue.json(frame[["source_file", "kind", "reason"]].values.tolist()),
        },
    )
