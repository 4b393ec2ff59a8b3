"""The warehouse resource: where the landing folder and the published DuckDB file are.

Both paths come from the environment (ECO12369_LANDING, ECO12369_WAREHOUSE) with the project's
folders as defaults, so that a deployment points them elsewhere by configuration only.
"""

import fcntl
import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
from dagster._core.execution.backfill import BulkActionStatus
from dagster._core.storage.tags import BACKFILL_ID_TAG

from assets.errors import PublishError
from pipelines import warehouse_store

DEFAULT_LANDING = "data/landing"
DEFAULT_WAREHOUSE = "warehouse/12369.duckdb"
ABANDONED_STAGING_SECONDS = 24 * 60 * 60
BASE_SUFFIX = ".base"
NO_WAREHOUSE = "no published warehouse"
BACKFILL_GOING = {BulkActionStatus.REQUESTED, BulkActionStatus.CANCELING, BulkActionStatus.FAILING}


def _absolute(path: str, setting: str) -> Path:
    warehouse_store.refuse_connection_string(path, setting)
    candidate = Path(path)
    return candidate if candidate.is_absolute() else warehouse_store.PROJECT_ROOT / candidate


class WarehouseResource(dg.ConfigurableResource):
    """The landing folder the pipeline reads and the DuckDB warehouse it publishes."""

    landing_dir: str = DEFAULT_LANDING
    warehouse_path: str = DEFAULT_WAREHOUSE
    # Empty: the folder reports/ beside the published warehouse file.
    reports_dir: str = ""

    @property
    def landing(self) -> Path:
        return _absolute(self.landing_dir, "landing_dir")

    @property
    def published(self) -> Path:
        return _absolute(self.warehouse_path, "warehouse_path")

    @property
    def reports(self) -> Path:
        return _absolute(self.reports_dir, "reports_dir") if self.reports_dir else self.published.parent / "reports"

    def staging(self, run_id: str) -> Path:
        return warehouse_store.staging_path(self.published, run_id)

    @contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext):
        """Runs that write the warehouse take turns: one holds the writer lock from start to end.

        Every run copies the published file, changes its copy and renames it over the published
        one; two at once would each publish a copy without the other's change. The lock (an flock,
        released by the kernel even when a process is killed) makes the second run wait, saying
        for whom. Sensor and schedule evaluations only read, and take no lock.
        """
        run = getattr(context, "run", None)
        if run is None:
            yield self
            return
        lock_path = self.staging("writer").with_suffix(".lock")
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        with open(lock_path, "a+") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                lock.seek(0)
                holder = lock.read().strip() or "another run"
                context.log.warning(f"waiting for the warehouse: {holder} is writing it")
                fcntl.flock(lock, fcntl.LOCK_EX)
            lock.seek(0)
            lock.truncate()
            lock.write(f"run {run.run_id}")
            lock.flush()
            try:
                yield self
            finally:
                lock.truncate(0)
                fcntl.flock(lock, fcntl.LOCK_UN)

    def staging_for(self, run: dg.DagsterRun) -> Path:
        return self.staging(staging_key(run))

    @contextmanager
    def staging_connection(self, context: dg.OpExecutionContext | dg.AssetCheckExecutionContext, read_only: bool = False):
        """A connection to this run's staging warehouse (its backfill's, for a run of a backfill),
        created on first use."""
        key = staging_key(context.run)
        path = self.staging(key)
        if read_only and not path.exists():
            raise PublishError(
                f"no staging warehouse for run {context.run.run_id} at {path}: materialize the tables in the same "
                "run or backfill as their checks and the publish step (job refresh_warehouse, or Materialize all, does)"
            )
        if not path.exists():
            self.discard_finished_staging(context.instance)
            path.parent.mkdir(parents=True, exist_ok=True)
            # Copy-on-write: a run starts from the published warehouse and replaces only what it
            # writes (the annual tables, its quarters, its checks); the rest stays as published.
            # The base file records what it copied, so that publishing can tell whether another
            # run published in between (possible between the runs of a backfill).
            base = path.with_suffix(BASE_SUFFIX)
            if self.published.exists():
                shutil.copyfile(self.published, path)
                base.write_text(warehouse_store.file_sha256(path))
            else:
                base.write_text(NO_WAREHOUSE)
        connection: duckdb.DuckDBPyConnection = warehouse_store.connect(path, read_only=read_only)
        try:
            yield connection
        finally:
            connection.close()

    def published_since(self, run: dg.DagsterRun) -> bool:
        """Whether the published warehouse changed after this run's (or backfill's) staging copy was made."""
        base = self.staging_for(run).with_suffix(BASE_SUFFIX)
        if not base.exists():
            return False
        copied = base.read_text().strip()
        current = warehouse_store.file_sha256(self.published) if self.published.exists() else NO_WAREHOUSE
        return copied != current

    def discard_staging_base(self, run: dg.DagsterRun) -> None:
        self.staging_for(run).with_suffix(BASE_SUFFIX).unlink(missing_ok=True)

    def discard_finished_staging(self, instance: dg.DagsterInstance) -> None:
        """Remove staging files left by runs or backfills that ended; those still going stay.

        A process killed outright never records its end, so its run looks alive forever; a staging
        file untouched for a day is treated as abandoned (a run takes seconds).
        """
        folder = self.staging("unused").parent
        for leftover in folder.glob("*.duckdb"):
            abandoned = time.time() - leftover.stat().st_mtime > ABANDONED_STAGING_SECONDS
            if abandoned or not _still_going(instance, leftover.stem):
                warehouse_store.discard(leftover)
                leftover.with_suffix(BASE_SUFFIX).unlink(missing_ok=True)


def staging_key(run: dg.DagsterRun) -> str:
    """The runs of one backfill share one staging file: "Materialize all" in the UI runs the annual
    tables, the quarters and the publish step as separate runs of one backfill."""
    return run.tags.get(BACKFILL_ID_TAG) or run.run_id


def _still_going(instance: dg.DagsterInstance, key: str) -> bool:
    backfill = instance.get_backfill(key)
    if backfill is not None:
        return backfill.status in BACKFILL_GOING
    run = instance.get_run_by_id(key)
    return run is not None and not run.is_finished


def warehouse_from_environment() -> WarehouseResource:
    return WarehouseResource(
        landing_dir=os.getenv("ECO12369_LANDING", DEFAULT_LANDING),
        warehouse_path=os.getenv("ECO12369_WAREHOUSE", DEFAULT_WAREHOUSE),
        reports_dir=os.getenv("ECO12369_REPORTS", ""),
    )
