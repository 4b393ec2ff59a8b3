"""Checksums the tests compare: of files, and of a warehouse's contents table by table."""

import hashlib
import shutil
from pathlib import Path

import duckdb

from warehouse.registry import table_names

# Columns that say which run wrote a row and when; everything else is the same on every build.
RUN_SPECIFIC_COLUMNS = {
    "spot_check_feed": ["ingested_at", "run_id"],
    "quality_check": ["checked_at", "run_id", "validated_at", "validated_in_run"],
}


def file_sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def content_checksums(path: Path, include_views: bool = False) -> dict[str, str]:
    """SHA-256 of each table's rows (sorted, run-specific columns left out), to compare two builds.

    Rows are rendered as text by DuckDB itself, so the digest depends on the values, not on how a
    DataFrame library hashes them.
    """
    kinds = ("BASE TABLE", "VIEW") if include_views else ("BASE TABLE",)
    checksums = {}
    with duckdb.connect(str(path), read_only=True) as con:
        # A table of the registry may be a view over Parquet (complaint): it counts as a table.
        relations = con.execute(
            "select table_name from information_schema.tables where table_type in ? or table_name in ? order by table_name",
            [list(kinds), table_names()],
        ).fetchall()
        for (relation,) in relations:
            columns = [
                column
                for (column,) in con.execute(
                    "select column_name from information_schema.columns where table_name = ? order by ordinal_position",
                    [relation],
                ).fetchall()
                if column not in RUN_SPECIFIC_COLUMNS.get(relation, [])
            ]
            rows = con.execute("select " + ", ".join(f'"{c}"::varchar' for c in columns) + f' from "{relation}" order by all').fetchall()
            digest = hashlib.sha256()
            for row in rows:
                digest.update(repr(row).encode("utf-8"))
            checksums[relation] = digest.hexdigest()
    return checksums


def checksums_of_recorded_relations(path: Path, recorded: dict[str, str], recorded_checks_of: set[str]) -> dict[str, str]:
    """content_checksums of the relations in `recorded` only, with quality_check limited to the checks
    of the assets in `recorded_checks_of`: what a snapshot taken before later tables were added covers."""
    filtered = Path(str(path) + ".recorded.duckdb")
    shutil.copyfile(path, filtered)
    try:
        with duckdb.connect(str(filtered)) as con:
            con.execute("delete from quality_check where asset not in (select unnest(?))", [sorted(recorded_checks_of)])
        digests = content_checksums(filtered, include_views=True)
    finally:
        filtered.unlink(missing_ok=True)
    return {relation: digests.get(relation) for relation in recorded}
