"""Updating the complaint tables export by export gives what computing them whole gives (issue 18).

CONSTRUCTED exports (tests/support/complaint_exports.py and the sample generator of
assets/complaints/sample_exports.py, cut into pieces so that an export covers a week or a few records)
are added one at a time in a random order; after each addition, removal or replacement, every complaint
table of the updated warehouse must equal, row for row, the same tables computed whole in a new
warehouse from the same landing folder. The plain functions run, not Dagster, so that each step costs
a fraction of a second."""

import csv
import hashlib
import os
import random
import shutil
from pathlib import Path

import duckdb
import pytest

from assets.complaints.complaint_tables import (
    ComplaintSettings,
    build_complaint_tables,
    raw_files_of_warehouse,
    tidy_raw_zone,
    update_raw_zone,
)
from assets.complaints.export_files import find_exports
from assets.complaints.id_ranges import IdRanges
from assets.complaints.sample_exports import notice_volumes, write_small_sample
from assets.complaints.table_scopes import TableScope, partition_of
from tests.support import complaint_exports as exports
from warehouse import store
from warehouse.registry import COMPLAINTS, tables_written_by

PROJECT_ROOT = Path(__file__).resolve().parents[1]
TABLES = tables_written_by(COMPLAINTS)


def _pieces(source: Path, into: Path, rows_per_piece: int) -> list[Path]:
    """A CSV export cut into exports of `rows_per_piece` records each (the same header)."""
    with open(source, encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    written = []
    for start in range(0, len(rows), rows_per_piece):
        path = into / f"{source.stem}-piece{start // rows_per_piece:02d}.csv"
        exports.write_csv(path, header, rows[start : start + rows_per_piece])
        written.append(path)
    return written


@pytest.fixture(scope="module")
def export_pool(tmp_path_factory) -> list[Path]:
    """Every export the sequences draw from: the hand-made cases (basics, repeats, alerts cut by week,
    handling) and the small generated sample (its exact copies, repeats and 南京's spike), several of
    its months cut into pieces."""
    folder = tmp_path_factory.mktemp("pool")
    for write in (exports.write_basics, exports.write_repeats, exports.write_handling):
        write(folder)
    whole = tmp_path_factory.mktemp("whole")
    exports.write_alerts(whole)
    # The alert case four weeks an export (weeks 1-4, 5-8, 9-12, 13-14): each addition moves the weeks'
    # range or lands inside the 8 weeks before an alert (week 9's spike, week 13's, week 14 beyond the range).
    for name, province in {"alerts": "江苏", "alerts-sd": "山东"}.items():
        by_week: dict[str, list] = {}
        for row in exports.alerts_rows(province):
            week = int(row[0].rsplit("-W", 1)[1][:2])
            by_week.setdefault(f"{week - (week - 1) % 4:02d}", []).append(row)
        for week, week_rows in by_week.items():
            exports.write_csv(folder / "complaints" / f"constructed-{name}-week{week}.csv", exports.ALERTS_HEADER, week_rows)
    shutil.copy(whole / "complaints" / exports.ALERTS_FILES["广东"][0], folder / "complaints")
    sample = tmp_path_factory.mktemp("sample")
    written = write_small_sample(sample, notice_volumes(PROJECT_ROOT / "data" / "landing" / "bulletins" / "2017-annual-notice.txt"))
    for path in written:
        if path.suffix == ".csv" and path.name.endswith("-06.csv"):
            _pieces(path, folder / "complaints", 90)
        else:
            shutil.copy(path, folder / "complaints")
    return sorted((folder / "complaints").iterdir())


def _tables(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    return {table: con.execute(f"select * from {table} order by all").fetchall() for table in TABLES}  # table names from the registry


def _computed_whole(landing: Path, scratch: Path) -> dict[str, list[tuple]]:
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    with duckdb.connect(str(scratch / "w.duckdb")) as con:
        store.ensure_schema(con)
        update_raw_zone(con, find_exports(landing), scratch / "raw")
        build_complaint_tables(con, scratch / "raw", ComplaintSettings())
        return _tables(con)


def _differences(updated: dict, whole: dict) -> dict[str, tuple[list, list]]:
    return {
        table: (
            [row for row in updated[table] if row not in whole[table]][:3],
            [row for row in whole[table] if row not in updated[table]][:3],
        )
        for table in TABLES
        if updated[table] != whole[table]
    }


class Warehouse:
    """A warehouse updated run by run, as `eco12369 build` updates it (each run parses what changed in the
    landing folder and updates the tables), beside one whose tables are computed whole on every run from
    the same manifest and raw files (and, when asked, one that parses the whole landing folder anew)."""

    def __init__(self, folder: Path):
        self.landing = folder / "landing"
        (self.landing / "complaints").mkdir(parents=True)
        self.folder = folder
        # In memory: the tables are the same in a file, and each statement commits without syncing a file.
        self.con, self.whole = duckdb.connect(), duckdb.connect()
        for con in (self.con, self.whole):
            store.ensure_schema(con)

    def run(self):
        update = update_raw_zone(self.con, find_exports(self.landing), self.folder / "raw")
        build_complaint_tables(self.con, self.folder / "raw", ComplaintSettings(), update)
        self.whole.execute("delete from complaint_export")
        self.whole.from_arrow(self.con.table("complaint_export").to_arrow_table()).insert_into("complaint_export")
        build_complaint_tables(self.whole, self.folder / "raw", ComplaintSettings())
        return update

    def agrees_with_whole(self, step: str, parsed_anew: bool = False) -> None:
        """The updated tables equal the whole ones; with `parsed_anew`, those of a new warehouse that parses
        every export of the landing folder again."""
        whole = _computed_whole(self.landing, self.folder / "anew") if parsed_anew else _tables(self.whole)
        updated = _tables(self.con)
        assert updated == whole, f"after {step}: rows only in the updated tables / only in the whole ones: {_differences(updated, whole)}"


def test_exports_added_one_at_a_time_in_random_order_give_the_whole_tables(export_pool, tmp_path):
    order = list(export_pool)
    random.Random(18).shuffle(order)
    # Two thirds one at a time; then the rest arrive together (a run that finds several new exports).
    one_by_one, together = order[: 2 * len(order) // 3], order[2 * len(order) // 3 :]
    warehouse = Warehouse(tmp_path)
    for count, path in enumerate(one_by_one, start=1):
        shutil.copy(path, warehouse.landing / "complaints")
        update = warehouse.run()
        assert update.parsed == [path.name] and not update.refused, (path.name, update.refused)
        warehouse.agrees_with_whole(f"adding export {count} of {len(order)}, {path.name}")
    for path in together:
        shutil.copy(path, warehouse.landing / "complaints")
    update = warehouse.run()
    assert update.parsed == sorted(path.name for path in together) and not update.refused
    warehouse.agrees_with_whole(f"adding the last {len(together)} exports together", parsed_anew=True)
    with warehouse.con.cursor() as cursor:
        counts = {table: store.row_count(cursor, table) for table in ("complaint", "complaint_copy", "repeat_target", "complaint_alert")}
    # The pool plants copies, repeats and alerts: the comparison above compared rows, not empty tables.
    assert all(counts.values()), counts
    # complaint is counted from the manifest (store.row_count), as many as the view's rows.
    assert counts["complaint"] == len(warehouse.con.execute("select complaint_id from complaint").fetchall())


def test_removing_replacing_and_refusing_exports_give_the_whole_tables(export_pool, tmp_path):
    rng = random.Random(12369)
    warehouse = Warehouse(tmp_path)
    for path in export_pool:
        shutil.copy(path, warehouse.landing / "complaints")
    warehouse.run()
    landed = sorted((warehouse.landing / "complaints").iterdir())
    for step in range(6):
        victim = rng.choice(landed)
        victim.unlink()
        landed.remove(victim)
        assert warehouse.run().removed == [victim.name]
        warehouse.agrees_with_whole(f"removing {victim.name} (step {step + 1})")
    # Replaced: a CSV export loses its last records and moves one record to another city and day.
    replaced = next(path for path in landed if path.suffix == ".csv" and "piece" in path.name)
    with open(replaced, encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    city, reported = header.index("地市"), header.index("举报时间")
    rows = rows[:-5]
    rows[0][city] = "南通" if rows[0][city] != "南通" else "南京"
    rows[0][header.index("省份")] = "江苏"
    rows[0][reported] = "2017-09-30 23:59:59"
    for column in ("受理时间", "办结时间", "录入时间"):
        if column in header:
            rows[0][header.index(column)] = ""
    exports.write_csv(replaced, header, rows)
    assert warehouse.run().parsed == [replaced.name]
    warehouse.agrees_with_whole(f"replacing {replaced.name}")
    # Refused: an export giving a published id another content changes nothing.
    before = _tables(warehouse.con)
    first_id = warehouse.con.execute("select complaint_id from complaint order by complaint_id limit 1").fetchone()[0]
    row = warehouse.con.execute("select province, city from complaint where complaint_id = $id", {"id": first_id}).fetchone()
    conflicting = warehouse.landing / "complaints" / "constructed-conflict.csv"
    exports.write_csv(
        conflicting,
        ("举报编号", "举报时间", "举报渠道", "省份", "地市", "受理状态"),
        [(first_id, "2017-12-31 12:00:00", "电话", *row, "不予受理")],
    )
    update = warehouse.run()
    assert [export.name for export, _ in update.refused] == [conflicting.name]
    assert _tables(warehouse.con) == before
    conflicting.unlink()
    warehouse.run()
    warehouse.agrees_with_whole("removing the refused export", parsed_anew=True)


def test_a_change_reaches_its_partitions_and_the_windows_around_them():
    """TableScope from file names alone: an export of 江苏, March 2017, beside published 江苏 and 山东 files."""
    published = [
        "month=2017-01/province=江苏/export-a-0.parquet",
        "month=2017-02/province=江苏/export-b-0.parquet",
        "month=2017-03/province=江苏/export-c-0.parquet",
        "month=2017-03/province=山东/export-d-0.parquet",
        "month=2018-03/province=江苏/export-e-0.parquet",
        "month=2017-06/province=江苏/export-f-0.parquet",
    ]

    class Basis:
        def __init__(self, first, last):
            self.first_reported_at, self.last_reported_at = first, last

    import datetime as dt

    same = Basis(dt.datetime(2017, 1, 1), dt.datetime(2018, 3, 31))
    scope = TableScope.of([published[2]], published, same, same)
    assert partition_of(published[2]).month == "2017-03"
    inputs = scope.inputs()
    assert inputs["complaint_quality"] == [published[2]]
    assert inputs["records_monthly"] == [published[2], published[3]]
    assert inputs["handling_from_records"] == [published[0], published[1], published[2], published[5]]
    assert inputs["repeat_target"] == [published[0], published[1], published[2], published[4], published[5]]
    # March's weeks (from Monday 27 February) to 8 weeks after the week of 31 March (Monday 27 March):
    # alerts of 27 Feb .. 22 May, read from 2 January (8 weeks before 27 February) to 28 May.
    weeks = scope.alert_weeks()
    assert weeks.week_start.min() == dt.datetime(2017, 2, 27) and weeks.week_start.max() == dt.datetime(2017, 5, 22)
    assert set(weeks.province) == {"江苏"}
    assert inputs["complaint_alert"] == [published[0], published[1], published[2]]
    # The latest report moved: handling_from_records still recomputes 江苏's 2017 only (the other rows'
    # open complaints are measured anew from open_complaint), and every province's weeks between the
    # old and the new last week are recomputed.
    later = Basis(dt.datetime(2017, 1, 1), dt.datetime(2018, 4, 30))
    moved = TableScope.of([published[2]], published, same, later)
    assert moved.latest_moved and moved.delete_parameters()["years"] == ["2017/江苏"]
    shandong = moved.alert_weeks().query("province == '山东'").week_start
    assert shandong.min() == dt.datetime(2018, 3, 19) and shandong.max() == dt.datetime(2018, 4, 23)


def test_raw_files_of_a_removed_or_refused_export_go_after_the_next_publish(export_pool, tmp_path):
    """tidy_raw_zone keeps what the published warehouse, the one it replaced and any staging copy list,
    and deletes the rest (the plain functions, as published_warehouse calls them)."""
    landing, raw = tmp_path / "landing", tmp_path / "raw"
    (landing / "complaints").mkdir(parents=True)
    first, second, third = export_pool[:3]
    for path in (first, second):
        shutil.copy(path, landing / "complaints")
    published = tmp_path / "12369.duckdb"
    with duckdb.connect(str(published)) as con:
        store.ensure_schema(con)
        update_raw_zone(con, find_exports(landing), raw)
    with_both = raw_files_of_warehouse(published)
    # The second export leaves; the third comes with an id of the first's in another content (refused).
    (landing / "complaints" / second.name).unlink()
    with duckdb.connect(str(published)) as con:
        (first_files,) = con.execute("select raw_files from complaint_export where source_file = $name", {"name": first.name}).fetchone()
        complaint_id = con.execute(
            "select min(complaint_id) from read_parquet($files)", {"files": [str(raw / name) for name in first_files]}
        ).fetchone()[0]
    exports.write_csv(
        landing / "complaints" / "constructed-refused.csv",
        ("举报编号", "举报时间", "举报渠道", "省份", "地市", "受理状态"),
        [(complaint_id, "2016-01-01 08:00:00", "电话", "北京", "北京", "不予受理")],
    )
    shutil.copy(third, landing / "complaints")
    staged = tmp_path / "staged.duckdb"
    shutil.copy(published, staged)
    with duckdb.connect(str(staged)) as con:
        update = update_raw_zone(con, find_exports(landing), raw)
    assert [export.name for export, _ in update.refused] == ["constructed-refused.csv"] and update.removed == [second.name]
    refused_files = {path.relative_to(raw).as_posix() for path in raw.rglob("*.parquet")} - raw_files_of_warehouse(staged) - with_both
    assert refused_files
    # Published: the refused export's files go; the second's stay while the replaced warehouse may be read.
    os.replace(staged, published)
    assert set(tidy_raw_zone(raw, published, with_both, [])) == refused_files
    second_files = with_both - raw_files_of_warehouse(published)
    assert second_files and all((raw / name).exists() for name in second_files)
    # The next publish (nothing changed) lets them go, but not what a staging copy still lists.
    shutil.copy(published, tmp_path / "other-run.duckdb")
    assert tidy_raw_zone(raw, published, raw_files_of_warehouse(published), [tmp_path / "other-run.duckdb"]) == sorted(second_files)
    assert {path.relative_to(raw).as_posix() for path in raw.rglob("*.parquet")} == raw_files_of_warehouse(published)
    # The ranges of ids (assets/complaints/id_ranges.py) are kept for the files that are left only.
    assert set(IdRanges(raw).ranges) == raw_files_of_warehouse(published)


def test_an_exports_digest_is_computed_again_only_when_its_size_or_time_changes(tmp_path, monkeypatch):
    from assets.complaints import export_files

    landing, warehouse_folder = tmp_path / "landing", tmp_path / "w"
    export = exports.write_csv(landing / "complaints" / "constructed-digest.csv", ("举报编号",), [("A-1",)])
    hashed = []
    real = export_files._file_sha256
    monkeypatch.setattr(export_files, "_file_sha256", lambda path: hashed.append(path.name) or real(path))
    monkeypatch.setattr(export_files.ExportDigests, "_in_process", {})
    (first,) = find_exports(landing, warehouse_folder)
    assert first.sha256 == hashlib.sha256(export.read_bytes()).hexdigest() and hashed == ["constructed-digest.csv"]
    # Another process (the in-process memory emptied) reads the digest beside the warehouse.
    monkeypatch.setattr(export_files.ExportDigests, "_in_process", {})
    assert find_exports(landing, warehouse_folder) == [first] and len(hashed) == 1
    # The same size, another content and time: hashed again.
    export.write_bytes(export.read_bytes().replace(b"A-1", b"B-2"))
    os.utime(export, ns=(export.stat().st_atime_ns, export.stat().st_mtime_ns + 1_000_000_000))
    (second,) = find_exports(landing, warehouse_folder)
    assert second.sha256 == hashlib.sha256(export.read_bytes()).hexdigest() != first.sha256 and len(hashed) == 2
