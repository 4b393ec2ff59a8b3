"""downloads/ beside the published warehouse: every table and view as CSV and Parquet, a zip of the
CSVs, and a Frictionless data package that the `frictionless` library accepts.

The CSVs are read back by frictionless (its own CSV reader and type casting, not ours) and compared
with the warehouse value by value. Hand-read figures name the landing file they come from.
"""

import datetime as dt
import decimal
import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest
from frictionless import Package

from assets.downloads.data_package import DATA_PACKAGE, inputs_of, write_downloads
from assets.downloads.table_files import CSV_ZIP, NOT_DOWNLOADED
from assets.output_folders import DOWNLOADS_FOLDER
from pipelines.cli import main
from warehouse import store
from warehouse.errors import Eco12369Error
from warehouse.registry import table_names
from warehouse.sql import view_files

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def downloads(fresh_build) -> Path:
    return fresh_build.parent / DOWNLOADS_FOLDER


@pytest.fixture(scope="module")
def package(downloads) -> dict:
    return json.loads((downloads / DATA_PACKAGE).read_text(encoding="utf-8"))


def _resource(package: dict, name: str) -> dict:
    return next(resource for resource in package["resources"] if resource["name"] == name)


def test_the_package_is_valid_for_frictionless(downloads):
    report = Package(str(downloads / DATA_PACKAGE)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_every_table_and_view_has_a_resource_with_its_rows_and_a_description_for_every_field(fresh_build, package, downloads):
    # Every table but the complaint step's bookkeeping of open complaints (each row a projection of a record).
    assert {"open_complaint"} == NOT_DOWNLOADED
    expected = set(table_names()) - NOT_DOWNLOADED | {path.stem for path in view_files()}
    assert {resource["name"] for resource in package["resources"]} == expected
    with duckdb.connect(str(fresh_build), read_only=True) as con:
        for resource in package["resources"]:
            name = resource["name"]
            assert resource["rows"] == con.execute(f'select count(*) from "{name}"').fetchall()[0][0], name
            columns = [
                row[0]
                for row in con.execute(
                    "select column_name from duckdb_columns() where table_name = ? order by column_index", [name]
                ).fetchall()
            ]
            assert [field["name"] for field in resource["schema"]["fields"]] == columns, name
            for field in resource["schema"]["fields"]:
                assert field["description"].strip(), f"{name}.{field['name']} has no description"
            assert resource["description"].strip(), name
            if name == "complaint":
                # The records, one CSV per month of reported_at, each a file Excel opens, with its own header.
                parts = [(downloads / part["path"]).read_bytes() for part in resource["parts"]]
                assert resource["path"] == [part["path"] for part in resource["parts"]]
                for part, content in zip(resource["parts"], parts, strict=True):
                    assert content.startswith(b"\xef\xbb\xbf"), f"{part['path']}: no byte-order mark for Excel"
                    assert part["bytes"] == len(content) and part["hash"] == "sha256:" + hashlib.sha256(content).hexdigest(), part
                # The resource's bytes are those of the parts read as one table: each header after the first skipped.
                assert resource["bytes"] == len(parts[0]) + sum(len(content.split(b"\n", 1)[1]) for content in parts[1:])
                assert sum(part["rows"] for part in resource["parts"]) == resource["rows"] and "hash" not in resource
                continue
            content = (downloads / resource["path"]).read_bytes()
            assert content.startswith(b"\xef\xbb\xbf"), f"{name}: no byte-order mark for Excel"
            assert resource["bytes"] == len(content) and resource["hash"] == "sha256:" + hashlib.sha256(content).hexdigest(), name
    # region.csv (assets/reference/regions.csv) has 32 regions; bulletin_release has release_id as its key.
    assert _resource(package, "region")["rows"] == 32
    assert _resource(package, "region")["schema"]["primaryKey"] == ["province"]
    assert _resource(package, "bulletin_release")["schema"]["primaryKey"] == ["release_id"]
    assert "primaryKey" not in _resource(package, "spot_check")["schema"]


def _comparable(value):
    """A value as both DuckDB and frictionless give it, made comparable."""
    if isinstance(value, decimal.Decimal | float):
        return round(float(value), 9)
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, list | tuple):
        return tuple(_comparable(item) for item in value)
    return value


def test_every_csv_reads_back_as_the_warehouse_holds_it(fresh_build, downloads, package):
    data_package = Package(str(downloads / DATA_PACKAGE))
    with duckdb.connect(str(fresh_build), read_only=True) as con:
        for resource in package["resources"]:
            name = resource["name"]
            fields = [field["name"] for field in resource["schema"]["fields"]]
            read_back = [tuple(_comparable(row[field]) for field in fields) for row in data_package.get_resource(name).read_rows()]
            warehouse = [tuple(_comparable(value) for value in row) for row in con.execute(f'select * from "{name}"').fetchall()]
            assert sorted(read_back, key=repr) == sorted(warehouse, key=repr), name


def test_times_are_iso_and_lists_are_json_arrays(downloads):
    months = sorted((downloads / "csv" / "complaint").glob("*.csv"))
    # data/landing/complaints/: the exports hold May to August 2017.
    assert [path.name for path in months] == ["2017-05.csv", "2017-06.csv", "2017-07.csv", "2017-08.csv"]
    frame = pd.concat(pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False) for path in months)
    for path in months:
        assert pd.read_csv(path, encoding="utf-8-sig", dtype=str)["reported_at"].str.startswith(path.stem).all(), path
    # data/landing/complaints/constructed-guangdong-2017-05.csv: 举报时间 of the first record is in May 2017.
    assert frame["reported_at"].str.fullmatch(r"2017-0[5-8]-\d\dT\d\d:\d\d:\d\d").all()
    listed = frame.loc[frame["pollution_types"] != "", "pollution_types"]
    assert len(listed) > 1000 and listed.map(lambda text: isinstance(json.loads(text), list) and len(json.loads(text)) > 0).all()
    # assets/complaints/sample_exports.py plants records of 南通 and 泰州 without a 污染要素: NULL is an empty field.
    assert (frame.loc[frame["city"].isin(["南通", "泰州"]), "pollution_types"] == "").any()


def test_parquet_reads_back_with_the_same_rows_and_complaint_is_partitioned_as_the_raw_zone(fresh_build, downloads, package):
    with duckdb.connect(str(fresh_build), read_only=True) as con:
        for resource in package["resources"]:
            path = downloads / resource["parquet"]["path"]
            frame = pd.read_parquet(path)
            assert len(frame) == resource["rows"], resource["name"]
        complaint = pd.read_parquet(downloads / "parquet" / "complaint")
        provinces = {row[0] for row in con.execute("select distinct province from complaint").fetchall()}
    assert set(complaint["province"].astype(str)) == provinces == {"广东", "江苏", "山东"}
    assert set(complaint["month"].astype(str)) == {"2017-05", "2017-06", "2017-07", "2017-08"}
    assert _resource(package, "complaint")["parquet"]["partitioned_by"] == ["month", "province"]
    assert _resource(package, "spot_check")["parquet"]["partitioned_by"] == ["quarter"]


def test_a_month_without_copies_is_its_raw_files_and_one_with_copies_leaves_them_out(fresh_build, downloads, package):
    # A month none of whose records is an exact copy: its Parquet partitions are the raw files
    # themselves (hard links) and its CSV holds the raw files' records in their order (the raw files
    # listed by the manifest, sorted; each in its export's order). A month with copies (the sample
    # exports plant three in May 2017, assets/complaints/sample_exports.py) is written anew without them.
    raw_zone = fresh_build.parent / "raw" / "complaints"
    with duckdb.connect(str(fresh_build), read_only=True) as con:
        with_copies = {row[0]: row[1] for row in con.execute("select month, count(*) from complaint_copy group by month").fetchall()}
        raw_files = sorted(raw for (listed,) in con.execute("select raw_files from complaint_export").fetchall() for raw in listed)
        types = dict(con.execute("select column_name, column_type from (describe complaint)").fetchall())
        all_parquet = str(downloads / "parquet" / "complaint" / "**" / "*.parquet")
        read_back = dict(con.execute(
            "select column_name, column_type from (describe select * exclude (month) from read_parquet($files, hive_partitioning = true, "
            "hive_types = {'month': 'VARCHAR', 'province': 'VARCHAR'}))",
            {"files": all_parquet},
        ).fetchall())  # fmt: skip
    assert set(with_copies) == {"2017-05"}
    assert read_back == types  # every partition file, linked or written, has complaint's types
    for part in _resource(package, "complaint")["parts"]:
        month = part["month"]
        month_raw = [raw for raw in raw_files if raw.startswith(f"month={month}/")]
        downloaded = sorted((downloads / "parquet" / "complaint" / f"month={month}").rglob("*.parquet"))
        raw_rows = sum(pq.read_metadata(raw_zone / raw).num_rows for raw in month_raw)
        csv_rows = pd.read_csv(downloads / part["path"], encoding="utf-8-sig", dtype=str, keep_default_na=False)
        if month in with_copies:
            assert {path.stat().st_ino for path in downloaded}.isdisjoint((raw_zone / raw).stat().st_ino for raw in month_raw)
            assert part["rows"] == len(csv_rows) == raw_rows - with_copies[month]
        else:
            assert [path.stat().st_ino for path in downloaded] == [(raw_zone / raw).stat().st_ino for raw in month_raw]
            in_raw_order = [
                (record["source_file"], str(record["source_row"]))
                for raw in month_raw
                for record in pq.read_table(raw_zone / raw, columns=["source_file", "source_row"]).to_pylist()
            ]
            assert list(zip(csv_rows["source_file"], csv_rows["source_row"], strict=True)) == in_raw_order
            assert part["rows"] == raw_rows


def test_the_zip_holds_every_csv_but_the_records_months(downloads, package):
    with zipfile.ZipFile(downloads / CSV_ZIP) as archive:
        assert sorted(archive.namelist()) == sorted(
            resource["path"] for resource in package["resources"] if resource["name"] != "complaint"
        )
        assert archive.read("csv/region.csv") == (downloads / "csv" / "region.csv").read_bytes()


def test_sources_and_the_constructed_samples_are_said(package):
    sources = {source["path"]: source for source in package["sources"]}
    # data/landing/bulletins/SOURCES.csv line 2.
    assert sources["bulletins/2016_annual.txt"]["url"] == "http://www.hbhmetc.com/index.php?m=content&c=index&a=show&catid=6&id=177"
    assert "bulletins/2017-annual-notice.txt" in sources
    assert {path for path in sources if path.startswith("spot_checks/")} == {f"spot_checks/2017Q{q}.csv" for q in range(1, 5)}
    assert len([path for path in sources if path.startswith("complaints/")]) == 11  # data/landing/complaints/ holds 11 exports
    # The shipped feeds say "constructed sample" in every row's note (data/landing/spot_checks/2017Q1.csv line 2).
    for name in ("spot_check", "spot_check_summary", "hotline_reconciliation", "complaint", "records_monthly"):
        resource = _resource(package, name)
        assert resource.get("constructed") is True and "CONSTRUCTED" in resource["constructed_note"], name
    for name in ("bulletin", "handling_by_province", "bulletin_figure", "region", "channel_mix", "figure_conflict"):
        assert "constructed" not in _resource(package, name), name


def test_a_view_derives_from_what_its_sql_reads_not_from_a_column_named_like_a_table(package):
    inputs = inputs_of([])
    # figure_conflict has a column region (bulletin_figure.region) but reads only bulletin_figure.
    relations = {resource["name"]: resource for resource in package["resources"]}
    assert [source["title"] for source in relations["figure_conflict"]["sources"]] == ["notices", "bulletin pages"]
    assert inputs["spot_check"] == ("spot-check feeds",)


def test_unchanged_tables_keep_their_files_and_a_change_rewrites_what_it_reaches(fresh_build, tmp_path):
    warehouse = tmp_path / "12369.duckdb"
    shutil.copy(fresh_build, warehouse)
    shutil.copytree(fresh_build.parent / "raw", tmp_path / "raw")  # the raw zone lies beside the warehouse
    folder = tmp_path / "downloads"
    first = write_downloads(warehouse, folder)
    assert len(first.rewritten) == len(first.relations)
    untouched = (folder / "csv" / "bulletin.csv").stat().st_ino
    again = write_downloads(warehouse, folder)
    assert again.rewritten == []
    assert (folder / "csv" / "bulletin.csv").stat().st_ino == untouched  # the same file, linked
    with duckdb.connect(str(warehouse)) as con:
        con.execute("update region set full_name = full_name || ' ' where province = '北京'")
    changed = write_downloads(warehouse, folder)
    # province_handling and the views built on it join region.
    assert "region" in changed.rewritten and "province_handling" in changed.rewritten
    assert "bulletin" not in changed.rewritten and "spot_check" not in changed.rewritten
    assert (folder / "csv" / "bulletin.csv").stat().st_ino == untouched
    assert not any(path.name.startswith(".downloads.") for path in tmp_path.iterdir())


def test_a_change_to_one_month_of_records_rewrites_that_month_only(fresh_build, tmp_path):
    warehouse = tmp_path / "12369.duckdb"
    shutil.copy(fresh_build, warehouse)
    shutil.copytree(fresh_build.parent / "raw", tmp_path / "raw")
    folder = tmp_path / "downloads"
    write_downloads(warehouse, folder)

    def parts() -> dict[str, tuple[int, int]]:
        package = json.loads((folder / DATA_PACKAGE).read_text(encoding="utf-8"))
        listed = _resource(package, "complaint")["parts"]
        return {part["month"]: ((folder / part["path"]).stat().st_ino, part["rows"]) for part in listed}

    before = parts()
    # As when an export is replaced by one without its copy: one record the warehouse left out as an
    # exact copy (complaint_copy; assets/complaints/sample_exports.py plants them) is counted again.
    with duckdb.connect(str(warehouse)) as con:
        month, source_file, source_row = con.execute(
            "select month, source_file, source_row from complaint_copy order by all limit 1"
        ).fetchone()
        con.execute("delete from complaint_copy where source_file = ? and source_row = ?", [source_file, source_row])
    changed = write_downloads(warehouse, folder)
    after = parts()
    assert "complaint" in changed.rewritten
    assert [m for m in before if after[m][0] != before[m][0]] == [month]  # the other months' files are the same files
    assert after[month][1] == before[month][1] + 1
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert sum(rows for _, rows in after.values()) == store.row_count(con, "complaint")


def test_a_warehouse_copied_without_its_raw_zone_is_named_with_what_is_missing(fresh_build, tmp_path):
    warehouse = tmp_path / "12369.duckdb"
    shutil.copy(fresh_build, warehouse)
    with pytest.raises(
        Eco12369Error, match=r"raw file the published exports list .* is missing; the raw zone must lie beside the warehouse file"
    ):
        write_downloads(warehouse, tmp_path / "downloads")


def test_export_writes_the_same_files_from_the_published_warehouse(fresh_build, downloads, package, tmp_path, capsys):
    target = tmp_path / "exported"
    assert main(["export", "--warehouse", str(fresh_build), "--to", str(target)]) == 0
    assert "exported:" in capsys.readouterr().out
    exported = json.loads((target / DATA_PACKAGE).read_text(encoding="utf-8"))

    def hashes(resources):
        return [(r["name"], r.get("hash"), [part["hash"] for part in r.get("parts", ())]) for r in resources]

    assert hashes(exported["resources"]) == hashes(package["resources"])
    assert main(["export", "--warehouse", str(fresh_build), "--to", str(fresh_build.parent)]) == 2
    assert main(["export", "--warehouse", str(tmp_path / "none.duckdb"), "--to", str(target)]) == 1


def test_a_warehouse_with_no_rows_yet_gives_a_valid_package_of_empty_tables(tmp_path):
    # A landing folder with only a notice, or only feeds, publishes a warehouse whose other tables are
    # empty, and complaint is then an empty table, not a view over the raw zone.
    warehouse = tmp_path / "12369.duckdb"
    with store.connect(warehouse) as con:
        store.ensure_schema(con)
    written = write_downloads(warehouse, tmp_path / "downloads")
    assert {relation.rows for relation in written.relations} == {0}
    report = Package(str(tmp_path / "downloads" / DATA_PACKAGE)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert "constructed" not in json.loads((tmp_path / "downloads" / DATA_PACKAGE).read_text(encoding="utf-8"))["resources"][0]
