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

from assets.errors import PublishError
from pipelines import warehouse_store

DEFAULT_LANDING = "data/landing"
DEFAULT_WAREHOUSE = "warehouse/12369.duckdb"
ABANDONED_STAGING_SECONDS = 24 * 60 * 60


def _absolute(path: str) -> Path:
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
        return _absolute(self.landing_dir)

    @property
    def published(self) -> Path:
        return _absolute(self.warehouse_path)

    @property
    def reports(self) -> Path:
        return _absolute(self.reports_dir) if self.reports_dir else self.published.parent / "reports"

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

    @contextmanager
    def staging_connection(self, context: dg.OpExecutionContext | dg.AssetCheckExecutionContext, read_only: bool = False):
        """A connection to this run's staging warehouse, created on first use."""
        run_id = context.run.run_id
        path = self.staging(run_id)
        if read_only and not path.exists():
            raise PublishError(
                f"no staging warehouse for run {run_id} at {path}: materialize the tables in the same "
                "run as their checks and the publish step (job refresh_warehouse does)"
            )
        if not path.exists():
            self.discard_finished_staging(context.instance)
            path.parent.mkdir(parents=True, exist_ok=True)
            # Copy-on-write: a run starts from the published warehouse and replaces only what it
            # writes (the annual tables, its quarters, its checks); the rest stays as published.
            if self.published.exists():
                shutil.copyfile(self.published, path)
        connection: duckdb.DuckDBPyConnection = warehouse_store.connect(path, read_only=read_only)
        try:
            yield connection
        finally:
            connection.close()

    def discard_finished_staging(self, instance: dg.DagsterInstance) -> None:
        """Remove staging files left by runs that failed or were killed; those of live runs stay.

        A process killed outright never records its end, so its run looks alive forever; a staging
        file untouched for a day is treated as abandoned (a run takes seconds).
        """
        folder = self.staging("unused").parent
        for leftover in folder.glob("*.duckdb"):
            run = instance.get_run_by_id(leftover.stem)
            abandoned = time.time() - leftover.stat().st_mtime > ABANDONED_STAGING_SECONDS
            if run is None or run.is_finished or abandoned:
                warehouse_store.discard(leftover)


def warehouse_from_environment() -> WarehouseResource:
    return WarehouseResource(
        landing_dir=os.getenv("ECO12369_LANDING", DEFAULT_LANDING),
        warehouse_path=os.getenv("ECO12369_WAREHOUSE", DEFAULT_WAREHOUSE),
        reports_dir=os.getenv("ECO12369_REPORTS", ""),
    )
