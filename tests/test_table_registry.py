"""The one registry of tables (warehouse/registry.py) agrees with the DDL files and with the assets."""

import re

import dagster as dg
import pytest

from pipelines.definitions import defs
from warehouse import registry
from warehouse.sql import SQL_DIR, sql_file


def test_every_ddl_file_is_one_registered_table():
    assert registry.table_names() == sorted(path.stem for path in (SQL_DIR / "tables").glob("*.sql"))
    for table in registry.tables():
        assert table.ddl_file.is_file()
        assert table.description, table.name  # from COMMENT ON TABLE


def test_a_ddl_file_without_a_step_is_refused(monkeypatch):
    monkeypatch.setitem(registry.STEPS, registry.REFERENCE, registry.Step(registry.STAGING_GROUP, False, ()))
    registry.tables.cache_clear()
    try:
        with pytest.raises(registry.RegistryError, match=r"tables without a step \['region'\]"):
            registry.tables()
    finally:
        monkeypatch.undo()
        registry.tables.cache_clear()
    assert "region" in registry.table_names()


def test_assets_follow_the_registry():
    graph = defs.resolve_asset_graph()
    for table in registry.tables():
        node = graph.get(dg.AssetKey(table.name))
        assert node.group_name == table.group, table.name
        assert (node.partitions_def is not None) == table.partitioned, table.name
        assert node.description == table.description, table.name


def test_a_quarter_is_deleted_from_every_partitioned_table_before_it_is_written_again():
    # The one list of tables in SQL (identifiers cannot be parameters): it must name the partitioned tables.
    deleted = re.findall(r"^delete from (\w+)", sql_file("write/delete_quarters.sql"), flags=re.MULTILINE)
    assert sorted(deleted) == sorted(registry.partitioned_tables())
