"""The raw files' ranges of complaint ids (assets/complaints/id_ranges.py): a new export's ids are
looked up only in the published files whose range overlaps theirs, and nothing is missed: a range
is what the file holds, a lost cache is read from the files again, and an unknown range keeps a file.

The exports are CONSTRUCTED (tests/support/complaint_exports.py): ids E-001 to E-003 in one file,
others as each test writes them."""

from pathlib import Path

import duckdb

from assets.complaints.complaint_tables import (
    ComplaintSettings,
    _files_sharing_id_ranges,
    build_complaint_tables,
    compute_violation_frames,
    define_complaint_view,
    update_raw_zone,
    write_reporting_units,
)
from assets.complaints.export_files import find_exports
from assets.complaints.id_ranges import RANGES_FILE, IdRanges
from assets.complaints.raw_zone import parse_export, reading_connection, write_raw_zone
from tests.support import complaint_exports as exports
from warehouse import store

ROW_1, ROW_2, ROW_3 = exports.ERROR_ROW_1, exports.ERROR_ROW_2, exports.ERROR_ROW_3


def _export(landing: Path, name: str, rows: list[tuple]) -> Path:
    return exports.write_csv(landing / "complaints" / name, exports.ERROR_HEADER, rows)


def _with_ids(row: tuple, complaint_id: str) -> tuple:
    return exports._edited(row, 举报编号=complaint_id)


def test_overlapping_keeps_what_can_share_an_id(tmp_path):
    ranges = IdRanges(tmp_path)
    for name, low, high in [("a", "100", "199"), ("b", "200", "299"), ("c", "300", "399"), ("new", "250", "260")]:
        ranges.add(name, low, high)
    assert ranges.overlapping(["a", "b", "c"], ["new"]) == ["b"]
    # The ends count: a range ending where another begins overlaps it.
    ranges.add("edge", "199", "200")
    assert ranges.overlapping(["a", "b", "c"], ["edge"]) == ["a", "b"]
    # A file of unknown range is kept; a target of unknown range keeps every file.
    assert ranges.overlapping(["a", "unknown"], ["new"]) == ["unknown"]
    assert ranges.overlapping(["a", "b"], ["unknown"]) == ["a", "b"]


def test_ranges_are_saved_reloaded_pruned_and_a_broken_cache_is_empty(tmp_path):
    ranges = IdRanges(tmp_path)
    ranges.add("month=2017-03/province=x/a.parquet", "E-001", "E-003")
    ranges.add("b", "1", "2")
    ranges.add("no statistics", None, None)
    ranges.save()
    assert IdRanges(tmp_path).ranges == {"month=2017-03/province=x/a.parquet": ("E-001", "E-003"), "b": ("1", "2")}
    reloaded = IdRanges(tmp_path)
    reloaded.keep_only({"b"})
    reloaded.save()
    assert IdRanges(tmp_path).ranges == {"b": ("1", "2")}
    (tmp_path / RANGES_FILE).write_text("{not json", encoding="utf-8")
    assert IdRanges(tmp_path).ranges == {}


def test_the_range_written_is_the_files_and_a_lost_one_is_read_from_it(tmp_path):
    landing = tmp_path / "landing"
    _export(landing, "constructed-ranges.csv", [_with_ids(ROW_1, "K-050"), _with_ids(ROW_2, "K-007"), _with_ids(ROW_3, "K-123")])
    (export,) = find_exports(landing)
    con = reading_connection()
    raw_zone = tmp_path / "raw"
    written = IdRanges(raw_zone)
    names = write_raw_zone(parse_export(con, export), raw_zone, written)
    # ERROR_ROW_1 .. 3 are all of March 2017 in 江苏: one file, ids K-007 .. K-123 (text order).
    assert len(names) == 1
    assert written.ranges == {names[0]: ("K-007", "K-123")}
    read = IdRanges(raw_zone)  # nothing saved: the range is read from the file
    with duckdb.connect() as reader:
        read.ensure(reader, names)
    assert read.ranges == written.ranges


def _published(tmp_path: Path, landing: Path) -> tuple[duckdb.DuckDBPyConnection, Path]:
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    store.ensure_schema(con)
    raw_zone = tmp_path / "raw"
    update = update_raw_zone(con, find_exports(landing), raw_zone)
    build_complaint_tables(con, raw_zone, ComplaintSettings(), update)
    return con, raw_zone


def test_a_conflict_with_a_published_export_is_found_with_and_without_the_ranges_cache(tmp_path):
    for cache in (True, False):
        folder = tmp_path / f"cache-{cache}"
        landing = folder / "landing"
        _export(landing, "constructed-a.csv", [_with_ids(ROW_1, "A-001"), _with_ids(ROW_2, "A-002")])
        # Ids far from the others': its range overlaps no new export's, so it is never read.
        _export(landing, "constructed-far.csv", [_with_ids(ROW_1, "Z-001"), _with_ids(ROW_3, "Z-002")])
        con, raw_zone = _published(folder, landing)
        if not cache:
            (raw_zone / RANGES_FILE).unlink()
        # A-002 again, with another channel (电话, not 网上): a conflict with constructed-a.csv.
        _export(landing, "constructed-b.csv", [_with_ids(exports._edited(ROW_2, 举报渠道="电话"), "A-002"), _with_ids(ROW_3, "B-001")])
        update = update_raw_zone(con, find_exports(landing), raw_zone)
        ((refused, reason),) = update.refused
        assert refused.name == "constructed-b.csv", reason
        assert "A-002" in reason and "constructed-a.csv" in reason, reason
        con.close()


def test_an_id_twice_in_complaint_is_found_in_the_files_whose_range_overlaps(tmp_path):
    # Three files written straight into the raw zone (as no export passing the conflict search could):
    # the first and the second share id S-002, the third's ids lie elsewhere.
    landing = tmp_path / "landing"
    _export(landing, "constructed-first.csv", [_with_ids(ROW_1, "S-001"), _with_ids(ROW_2, "S-002")])
    _export(landing, "constructed-second.csv", [_with_ids(exports._edited(ROW_2, 举报渠道="电话"), "S-002"), _with_ids(ROW_3, "S-003")])
    _export(landing, "constructed-third.csv", [_with_ids(ROW_1, "T-001"), _with_ids(ROW_3, "T-002")])
    raw_zone = tmp_path / "raw"
    ranges = IdRanges(raw_zone)
    reader = reading_connection()
    files = {export.name: write_raw_zone(parse_export(reader, export), raw_zone, ranges) for export in find_exports(landing)}
    ranges.save()
    paths = {name: [str(raw_zone / raw) for raw in raws] for name, raws in files.items()}
    every = [path for raws in paths.values() for path in raws]
    changed = paths["constructed-second.csv"]
    with duckdb.connect() as con:
        store.ensure_schema(con)
        write_reporting_units(con)
        define_complaint_view(con, "complaint", every)
        define_complaint_view(con, "complaint_changed", changed)
        shared = _files_sharing_id_ranges(con, raw_zone, every, changed, None)
        assert sorted(shared) == sorted(paths["constructed-first.csv"] + paths["constructed-second.csv"])
        frames = {}
        for id_files in (shared, None):
            compute_violation_frames(con, every_record_changed=False, id_files=id_files)
            frames[id_files is None] = con.sql("select complaint_id, rows_with_id from complaint_repeated_id").fetchall()
        assert frames[False] == frames[True] == [("S-002", 2)]
