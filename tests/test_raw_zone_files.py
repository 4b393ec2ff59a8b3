"""What a raw file of the complaint records holds and how it is named (assets/complaints/raw_zone.py).

A raw file holds its records as table complaint shows them, prefecture_code included; it is named by
its export's name and bytes and by the definitions that parsed it, so that a change to those parses
every export again; and writing it again replaces the file, leaving the bytes a hard link (the
downloads hold such links) was made to.

The exports are CONSTRUCTED (tests/support/complaint_exports.py): ERROR_ROW_1 to ERROR_ROW_3, three
records of 江苏 in March 2017 (南京, 南通, 泰州)."""

import os
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from assets.complaints import raw_zone
from assets.complaints.complaint_tables import update_raw_zone
from assets.complaints.export_files import find_exports
from assets.complaints.raw_zone import parse_export, reading_connection, write_raw_zone
from tests.support import complaint_exports as exports
from warehouse.sql import table_ddl

ROWS = [exports.ERROR_ROW_1, exports.ERROR_ROW_2, exports.ERROR_ROW_3]


def _landing(tmp_path: Path) -> Path:
    landing = tmp_path / "landing"
    exports.write_csv(landing / "complaints" / "constructed-raw-zone.csv", exports.ERROR_HEADER, ROWS)
    return landing


def test_a_raw_file_holds_the_columns_of_complaint_with_the_prefecture_code(tmp_path):
    (export,) = find_exports(_landing(tmp_path))
    (name,) = write_raw_zone(parse_export(reading_connection(), export), tmp_path / "raw")
    assert name.startswith("month=2017-03/province=")
    table = pq.read_table(tmp_path / "raw" / name)
    with duckdb.connect() as con:
        con.execute(table_ddl("complaint"))
        columns = [column for column in con.table("complaint").columns if column != "province"]
    # The partition folders hold month and province; the file the rest, in complaint's order.
    assert table.column_names == columns
    # GB/T 2260: 南京市 320100, 南通市 320600, 泰州市 321200.
    assert list(zip(table["city"].to_pylist(), table["prefecture_code"].to_pylist(), strict=True)) == [
        ("南京", "320100"),
        ("南通", "320600"),
        ("泰州", "321200"),
    ]


def test_an_export_is_parsed_again_when_what_parses_it_changes(tmp_path, monkeypatch):
    landing = _landing(tmp_path)
    with duckdb.connect() as con:
        first = update_raw_zone(con, find_exports(landing), tmp_path / "raw")
        again = update_raw_zone(con, find_exports(landing), tmp_path / "raw")
        assert (first.parsed, again.parsed, again.kept) == (["constructed-raw-zone.csv"], [], ["constructed-raw-zone.csv"])
        # As after a change to the contract, the reading code or prefectures.csv.
        monkeypatch.setattr(raw_zone, "parse_definitions_sha256", lambda: "another parse")
        changed = update_raw_zone(con, find_exports(landing), tmp_path / "raw")
    assert (changed.parsed, changed.kept) == (["constructed-raw-zone.csv"], [])
    assert changed.raw_files_added != first.raw_files_added and changed.raw_files_dropped == first.raw_files_added


def test_the_digest_of_what_parses_covers_the_reference_lists(tmp_path, monkeypatch):
    copies = []
    for path in raw_zone.PARSE_DEFINITIONS:
        copy = tmp_path / path.name
        copy.write_bytes(path.read_bytes())
        copies.append(copy)
    monkeypatch.setattr(raw_zone, "PARSE_DEFINITIONS", tuple(copies))
    raw_zone.parse_definitions_sha256.cache_clear()
    try:
        before = raw_zone.parse_definitions_sha256()
        prefectures = tmp_path / "prefectures.csv"
        prefectures.write_text(prefectures.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        raw_zone.parse_definitions_sha256.cache_clear()
        assert raw_zone.parse_definitions_sha256() != before
    finally:
        raw_zone.parse_definitions_sha256.cache_clear()


def test_writing_an_export_again_replaces_its_file_and_a_link_to_it_keeps_its_bytes(tmp_path):
    (export,) = find_exports(_landing(tmp_path))
    parsed = parse_export(reading_connection(), export)
    (name,) = write_raw_zone(parsed, tmp_path / "raw")
    written = tmp_path / "raw" / name
    link = tmp_path / "downloaded.parquet"
    os.link(written, link)
    bytes_linked = link.read_bytes()
    assert write_raw_zone(parsed, tmp_path / "raw") == [name]
    # A new file under the same name; the link still holds the first file, whole.
    assert written.stat().st_ino != link.stat().st_ino
    assert link.read_bytes() == bytes_linked == written.read_bytes()
    assert [path.name for path in (tmp_path / "raw").iterdir()] == ["month=2017-03"]  # no writing folder left
