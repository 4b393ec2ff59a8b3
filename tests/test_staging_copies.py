"""A run's staging copy gets the whole schema of this release once, when it is made (warehouse/staging.py):
the steps after it no longer make sure of it each on its own connection."""

import pytest

from tests.support.digests import file_sha256
from warehouse import staging, store
from warehouse.registry import table_names
from warehouse.sql import view_files

EVERY_RELATION = set(table_names()) | {path.stem for path in view_files()}


def _published_of_an_older_release(folder):
    """A published warehouse lacking a table (region) and a view (channel_mix), as one written before
    they existed would."""
    published = folder / "12369.duckdb"
    with store.connect(published) as con:
        store.ensure_schema(con)
        con.execute("drop view channel_mix")
        con.execute("drop table region")
    return published


def _relations(path):
    with store.connect(path, read_only=True) as con:
        return store.existing_tables(con)


def test_a_staging_copy_has_the_whole_schema_and_the_published_file_stays_as_it_was(tmp_path):
    published = _published_of_an_older_release(tmp_path)
    before = file_sha256(published)
    area = staging.StagingArea(published)
    path = area.copy_published("run-1")
    assert path == area.path("run-1")
    assert not {"channel_mix", "region"} & _relations(published)
    assert _relations(path) >= EVERY_RELATION
    assert file_sha256(published) == before
    # The base recorded is the published file as copied, not the copy with its schema completed.
    assert not area.published_since("run-1")
    assert list(area.folder.glob(f"*{staging.COPYING_SUFFIX}")) == []
    # Made once: a second call takes the copy as it is.
    with store.connect(path) as con:
        con.execute("create table made_by_a_step (x integer)")
    assert area.copy_published("run-1") == path
    assert "made_by_a_step" in _relations(path)


def test_with_nothing_published_the_staging_copy_is_a_new_warehouse_with_the_whole_schema(tmp_path):
    area = staging.StagingArea(tmp_path / "12369.duckdb")
    path = area.copy_published("run-1")
    assert _relations(path) >= EVERY_RELATION
    assert (area.folder / "run-1.base").read_text() == staging.NO_WAREHOUSE


def test_a_copy_stopped_before_its_schema_is_complete_is_no_staging_file(tmp_path, monkeypatch):
    published = _published_of_an_older_release(tmp_path)
    area = staging.StagingArea(published)

    def stopped(_con):
        raise KeyboardInterrupt

    monkeypatch.setattr(store, "ensure_schema", stopped)
    with pytest.raises(KeyboardInterrupt):
        area.copy_published("run-1")
    assert not area.path("run-1").exists()
    assert area.staging_files() == []
    leftover = area.path("run-1").with_suffix(staging.COPYING_SUFFIX)
    assert leftover.exists()
    # The run is over: its leftover goes with its staging files.
    area.discard_finished(lambda key: False)
    assert not leftover.exists()
    # Run again, the copy is made whole.
    monkeypatch.undo()
    assert _relations(area.copy_published("run-1")) >= EVERY_RELATION
