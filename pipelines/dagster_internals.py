"""Every use of Dagster's private API (`dagster._core`), in one place, each with why the public API does not do.

When Dagster changes one of these, this is the only module to mend; tests/test_layers.py keeps
`dagster._core` out of every other module.
"""

import os
from contextlib import contextmanager
from pathlib import Path

import dagster as dg

# BACKFILL_ID_TAG is the tag Dagster puts on every run of a backfill: the public API has no other way
# to ask a run which backfill it belongs to.
from dagster._core.execution.backfill import BulkActionStatus
from dagster._core.instance.ref import InstanceRef
from dagster._core.storage.tags import ASSET_PARTITION_RANGE_END_TAG, ASSET_PARTITION_RANGE_START_TAG, BACKFILL_ID_TAG

# A backfill in these states may still launch runs that write its staging copy. The status enum is
# not exported either; `instance.get_backfill` is the only way to see a backfill's state.
BACKFILL_GOING = {BulkActionStatus.REQUESTED, BulkActionStatus.CANCELING, BulkActionStatus.FAILING}


class DagsterRunHistory(dg.ConfigurableResource):
    """Answers the warehouse resource's questions about runs (assets/resources.py, RunHistory)."""

    def staging_key(self, run: dg.DagsterRun) -> str:
        """The runs of one backfill share one staging file: "Materialize all" in the UI runs the annual
        tables, the quarters and the publish step as separate runs of one backfill."""
        return run.tags.get(BACKFILL_ID_TAG) or run.run_id

    def runs_sharing_staging(self, instance: dg.DagsterInstance, run: dg.DagsterRun) -> list[str]:
        """The run itself, or every run of its backfill: together they wrote the staging file."""
        backfill_id = run.tags.get(BACKFILL_ID_TAG)
        if not backfill_id:
            return [run.run_id]
        return [other.run_id for other in instance.get_runs(filters=dg.RunsFilter(tags={BACKFILL_ID_TAG: backfill_id}))]

    def still_going(self, instance: dg.DagsterInstance, staging_key: str) -> bool:
        backfill = instance.get_backfill(staging_key)
        if backfill is not None:
            return backfill.status in BACKFILL_GOING
        run = instance.get_run_by_id(staging_key)
        return run is not None and not run.is_finished


def partition_range_tags(first: str, last: str) -> dict[str, str]:
    """Tags that make one run cover a range of partitions in one step. `execute_in_process` takes a
    single partition key only; the range tags are how Dagster's own backfills ask for a range."""
    return {ASSET_PARTITION_RANGE_START_TAG: first, ASSET_PARTITION_RANGE_END_TAG: last}


def instance_from_folder(base_dir: Path, settings_dir: Path) -> dg.DagsterInstance:
    """An instance keeping its stores in `base_dir` with the settings of `settings_dir`/dagster.yaml.

    `DagsterInstance.get()` reads DAGSTER_HOME only; a project-local instance that `dagster dev`
    started in the project folder also finds needs an InstanceRef. The settings' relative paths
    are relative to the current folder, hence the change of folder.
    """
    os.chdir(settings_dir)
    return dg.DagsterInstance.from_ref(InstanceRef.from_dir(str(base_dir), config_dir=str(settings_dir)))


# Run history on SQLite, kept open. Dagster's SQLite storages open a new engine and connection for
# every read and write (NullPool): a build stores about 300 events and each one paid for a connect, a
# commit that syncs the disk and a close that checkpoints the write-ahead log, together about a third
# of a warm build. These subclasses keep one pooled engine per process and let SQLite sync at
# checkpoints instead of at every commit (synchronous=NORMAL in WAL mode: after a power cut the last
# events may be missing, the database is never corrupt). dagster.yaml names them; the storage
# classes are not public API.
from dagster._core.storage.event_log.sqlite.consolidated_sqlite_event_log import ConsolidatedSqliteEventLogStorage  # noqa: E402
from dagster._core.storage.runs.sqlite.sqlite_run_storage import SqliteRunStorage  # noqa: E402


def _pooled_sqlite_engine(conn_string: str):
    import sqlalchemy

    engine = sqlalchemy.create_engine(conn_string, connect_args={"timeout": 30})

    @sqlalchemy.event.listens_for(engine, "connect")
    def _sync_at_checkpoints(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return engine


class _PooledEngine:
    """One engine per process: a forked process must not share its parent's SQLite connections."""

    def __init__(self, conn_string: str):
        self._conn_string = conn_string
        self._engine = None
        self._pid = None

    def get(self):
        if self._engine is None or self._pid != os.getpid():
            self._engine = _pooled_sqlite_engine(self._conn_string)
            self._pid = os.getpid()
        return self._engine


class PooledSqliteEventLogStorage(ConsolidatedSqliteEventLogStorage):
    @contextmanager
    def _connect(self):
        if not hasattr(self, "_pooled"):
            self._pooled = _PooledEngine(self._conn_string)
        with self._pooled.get().connect() as connection, connection.begin():
            yield connection


class PooledSqliteRunStorage(SqliteRunStorage):
    @contextmanager
    def connect(self):
        if not hasattr(self, "_pooled"):
            self._pooled = _PooledEngine(self._conn_string)
        with self._pooled.get().connect() as connection, connection.begin():
            yield connection
