"""Table refused_input: the landing units a run refused, each with the one-line reason a person acts on.

A unit (an annual notice, a bulletin page, a quarter's feed, a complaint export) that cannot be read or
fails an ERROR check on its own rows is refused: it publishes nothing of its own, what was published of
it before stays as it was, and every other unit is published. Each input step records the refusals of
the units it decided on; the rows of a file that was fixed, replaced or removed leave.
"""

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from warehouse import sql

REFUSED_INPUT = "refused_input"
STEP_REFUSALS_VIEW = "step_refusals"
NOTICE_KIND = "notice"
BULLETIN_KIND = "bulletin"
FEED_KIND = "feed"
EXPORT_KIND = "export"
KINDS = (NOTICE_KIND, BULLETIN_KIND, FEED_KIND, EXPORT_KIND)


@dataclass(frozen=True)
class Refusal:
    source_file: str  # path under the landing folder, e.g. complaints/export-x.csv
    kind: str  # one of KINDS
    source_sha256: str
    reason: str  # file, place, what was expected, what was found

    def as_row(self) -> dict:
        return {"source_file": self.source_file, "kind": self.kind, "source_sha256": self.source_sha256, "reason": self.reason}


def record_refusals(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    refusals: list[Refusal],
    run_id: str,
    decided_files: list[str] | None = None,
) -> None:
    """Replace the refusals of `kind` that this step decided on with `refusals`.

    `decided_files` None: the step read every file of its kind (the bulletins, the exports), so every
    earlier refusal of the kind is replaced. A list: only those files' refusals are (a quarter's run
    decides on its own quarters only).
    """
    con.execute(sql.table_ddl(REFUSED_INPUT))
    refused_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    frame = pd.DataFrame(
        [{**refusal.as_row(), "refused_at": refused_at, "run_id": run_id} for refusal in refusals],
        columns=["source_file", "kind", "source_sha256", "reason", "refused_at", "run_id"],
    ).astype({"refused_at": "datetime64[us]"})
    con.register(STEP_REFUSALS_VIEW, frame)
    try:
        sql.run_statements(
            con,
            "write/replace_refusals.sql",
            {
                "kind": kind,
                "whole_kind": decided_files is None,
                "decided_files": list(decided_files or []),
            },
        )
    finally:
        con.unregister(STEP_REFUSALS_VIEW)


def remove_refusals_of_gone_files(con: duckdb.DuckDBPyConnection, landed: list[tuple[str, str]]) -> None:
    """Drop the refusals of files that are no longer in the landing folder with the refused bytes;
    `landed`: (path under the landing folder, SHA-256 now) of the refused files still there."""
    con.execute(sql.table_ddl(REFUSED_INPUT))
    con.execute(sql.sql_file("write/remove_gone_refusals.sql"), {"landed_files": [f"{path}:{sha256}" for path, sha256 in landed]})


def refusals_of_kind(con: duckdb.DuckDBPyConnection, kind: str) -> list[Refusal]:
    """The refusals of `kind` in a warehouse that has table refused_input (store.ensure_schema)."""
    rows = con.execute(sql.sql_file("catalog/refusals_of_kind.sql"), {"kind": kind}).fetchall()
    return [Refusal(source_file, kind, sha256, reason) for source_file, sha256, reason in rows]


def all_refusals(con: duckdb.DuckDBPyConnection) -> list[Refusal]:
    """Every refusal of a warehouse that has table refused_input (read-only connections too)."""
    rows = con.execute(sql.sql_file("catalog/refused_inputs.sql")).fetchall()
    return [Refusal(source_file, kind, sha256, reason) for source_file, sha256, kind, reason in rows]
