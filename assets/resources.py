"""The warehouse resource: where the landing folder, the published DuckDB file and the reports are.

A small typed resource: the locations, plus the run history it asks which runs share a staging copy.
The store logic (staging copies, the writer lock, publishing) is in warehouse/staging.py; the
Dagster look-ups behind the run history are in pipelines/dagster_internals.py, which supplies it.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

import dagster as dg
import duckdb

from assets.output_folders import DATA_DOCS_FOLDER, DOWNLOADS_FOLDER
from expectations.check_memo import CHECK_MEMO_FOLDER
from warehouse import store
from warehouse.errors import PublishError
from warehouse.locations import DEFAULT_LANDING, DEFAULT_WAREHOUSE, absolute
from warehouse.staging import StagingArea


class RunHistory(Protocol):
    """What the warehouse needs to know of Dagster's runs, answered by pipelines/dagster_internals.py."""

    def staging_key(self, run: dg.DagsterRun) -> str:
        """The staging copy a run writes: its own, or its backfill's (shared by all runs of the backfill)."""
        ...

    def runs_sharing_staging(self, instance: dg.DagsterInstance, run: dg.DagsterRun) -> list[str]:
        """The ids of the runs that wrote the staging copy of `run`."""
        ...

    def still_going(self, instance: dg.DagsterInstance, staging_key: str) -> bool:
        """Whether the run or backfill of a staging key has not ended."""
        ...


class WarehouseResource(dg.ConfigurableResource):
    """The landing folder the pipeline reads and the DuckDB warehouse it publishes."""

    landing_dir: str = DEFAULT_LANDING
    warehouse_path: str = DEFAULT_WAREHOUSE
    # Empty: the folder reports/ beside the published warehouse file.
    reports_dir: str = ""
    runs: dg.ResourceDependency[RunHistory]

    @property
    def landing(self) -> Path:
        return absolute(self.landing_dir, "landing_dir")

    @property
    def published(self) -> Path:
        return absolute(self.warehouse_path, "warehouse_path")

    @property
    def reports(self) -> Path:
        return absolute(self.reports_dir, "reports_dir") if self.reports_dir else self.published.parent / "reports"

    @property
    def downloads(self) -> Path:
        """The tables as CSV and Parquet with their data package, beside the published file."""
        return self.published.parent / DOWNLOADS_FOLDER

    @property
    def data_docs(self) -> Path:
        """The checks' results as Great Expectations Data Docs, in the reports folder."""
        return self.reports / DATA_DOCS_FOLDER

    @property
    def check_memo_folder(self) -> Path:
        """Outcomes of earlier validations, by checks and frame (expectations/check_memo.py)."""
        return self.published.parent / CHECK_MEMO_FOLDER

    @property
    def staging_area(self) -> StagingArea:
        return StagingArea(self.published)

    @contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext):
        """Runs that write the warehouse take turns: one holds the writer lock from start to end.

        Sensor and schedule evaluations only read, and take no lock.
        """
        run = getattr(context, "run", None)
        if run is None:
            yield self
            return

        def say_waiting(holder: str) -> None:
            context.log.warning(f"waiting for the warehouse: {holder} is writing it")

        with self.staging_area.writer_lock(f"run {run.run_id}", say_waiting):
            yield self

    @contextmanager
    def staging_connection(
        self, context: dg.OpExecutionContext | dg.AssetCheckExecutionContext, read_only: bool = False
    ) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection to this run's staging warehouse (its backfill's, for a run of a backfill),
        created on first use."""
        key = self.runs.staging_key(context.run)
        path = self.staging_area.path(key)
        if read_only and not path.exists():
            raise PublishError(
                f"no staging warehouse for run {context.run.run_id} at {path}: materialize the tables in the same "
                "run or backfill as their checks and the publish step (job refresh_warehouse, or Materialize all, does)"
            )
        if not path.exists():
            self.discard_finished_staging(context.instance)
            self.staging_area.copy_published(key)
        connection = store.connect(path, read_only=read_only)
        try:
            yield connection
        finally:
            connection.close()

    def published_since(self, run: dg.DagsterRun) -> bool:
        """Whether the published warehouse changed after this run's (or backfill's) staging copy was made."""
        return self.staging_area.published_since(self.runs.staging_key(run))

    def publish(self, run: dg.DagsterRun) -> None:
        self.staging_area.publish(self.runs.staging_key(run))

    def runs_sharing_staging(self, context: dg.AssetExecutionContext) -> list[str]:
        return self.runs.runs_sharing_staging(context.instance, context.run)

    def discard_finished_staging(self, instance: dg.DagsterInstance) -> None:
        """Remove staging files left by runs or backfills that ended; those still going stay."""
        self.staging_area.discard_finished(lambda key: self.runs.still_going(instance, key))
