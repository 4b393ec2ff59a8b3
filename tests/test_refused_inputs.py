"""A refused input holds back only itself: each unit (a notice, a page, a quarter, an export) is read and
checked on its own; a refused one publishes nothing of its own, what was published of it stays, and
every other unit is published in the same run."""

import shutil

import dagster as dg
import duckdb
import pytest

from expectations.unit_checks import CheckFailure, admit_by_checks, refusal_reason
from tests.support import mixed_landing
from tests.support.cli import run_cli_in_this_process
from tests.support.digests import content_checksums


def _failures_of(bad: set[str], calls: list):
    def failures_of(batch: list[str]) -> list[CheckFailure]:
        calls.append(list(batch))
        return [CheckFailure(f"t.{unit}", f"check t.{unit} failed") for unit in batch if unit in bad]

    return failures_of


def test_a_batch_of_good_units_costs_one_validation():
    calls = []
    admitted, refused = admit_by_checks(list("abcdefgh"), _failures_of(set(), calls))
    assert (admitted, refused, len(calls)) == (list("abcdefgh"), [], 1)


def test_each_failure_is_pinned_on_its_own_unit():
    calls = []
    admitted, refused = admit_by_checks(list("abcdefgh"), _failures_of({"c", "h"}, calls))
    assert admitted == list("abdefg")
    assert [(unit, [failure.check for failure in failures]) for unit, failures in refused] == [("c", ["t.c"]), ("h", ["t.h"])]
    # Halving: 1 (all) + 2 (halves) + 4 (quarters) + 4 (the pairs holding a bad unit, split), not one per unit.
    assert len(calls) == 11


def test_a_failure_between_units_refuses_no_unit():
    # Each unit passes alone; only the two together fail: the halves are admitted, and the warehouse's
    # own checks (which span units) report it.
    def failures_of(batch):
        return [CheckFailure("t.pair", "check t.pair failed")] if {"a", "b"} <= set(batch) else []

    assert admit_by_checks(["a", "b"], failures_of) == (["a", "b"], [])


def test_a_refusal_by_checks_names_the_place_the_first_failure_and_the_others():
    failures = [CheckFailure("t.one", "check t.one failed: x=1 (expected: one)"), CheckFailure("t.two", "check t.two failed: y")]
    assert refusal_reason("a.txt", failures) == "a.txt, check t.one failed: x=1 (expected: one) (also failed: t.two)"


QUERIES_KEPT = {
    # What the broken notice's earlier version published (every notice table).
    **{table: f"select * from {table} order by all" for table in mixed_landing.NOTICE_TABLES},  # noqa: S608 (registry names)
    # The quarter the broken feed would have replaced.
    "spot_check 2017Q2": "select * from spot_check where quarter = '2017Q2' order by all",
    "spot_check_summary 2017Q2": "select * from spot_check_summary where quarter = '2017Q2' order by all",
    # The published version of the broken export, and every other export published before.
    "complaint_export": f"select * from complaint_export where source_file not like '{mixed_landing.NEW_PREFIX}%' order by all",
    "complaint": f"select * from complaint where source_file not like '{mixed_landing.NEW_PREFIX}%' order by all",
    # The series releases published before (among them the notice's).
    "bulletin_release": f"select * from bulletin_release where source_file not like '{mixed_landing.NEW_PREFIX}%' order by all",
}


def _rows(warehouse) -> dict[str, list]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {name: con.execute(query).fetchall() for name, query in QUERIES_KEPT.items()}


def _materialized_export_partitions(home) -> set[str]:
    with dg.DagsterInstance.from_config(str(home)) as instance:
        return set(instance.get_materialized_partitions(dg.AssetKey("complaint_exports")))


@pytest.mark.slow
def test_one_run_publishes_the_good_inputs_and_holds_back_each_broken_one(tmp_path, fresh_build):
    # Starts from the warehouse `eco12369 build` published from the shipped landing folder (copied).
    landing = mixed_landing.copy_shipped_landing(tmp_path / "landing")
    warehouse = tmp_path / "wh" / "12369.duckdb"
    shutil.copytree(fresh_build.parent, warehouse.parent, ignore=shutil.ignore_patterns(".staging", "reports"))
    home = tmp_path / "dagster_home"
    arguments = ("--landing", str(landing), "--warehouse", str(warehouse))
    before = _rows(warehouse)
    shipped = content_checksums(warehouse)

    mixed = mixed_landing.break_inputs(landing)
    refused = run_cli_in_this_process(home, "build", *arguments)
    # Exit 3: published, with inputs refused; one line per refused file, and the summary says how many.
    assert refused.returncode == 3, refused.stdout + refused.stderr
    assert "Traceback" not in refused.stderr
    lines = [line for line in refused.stdout.splitlines() if line.startswith("refused: ")]
    assert sorted(line.split(": ")[1] for line in lines) == sorted(mixed.refused)
    assert f"({len(mixed.refused)} inputs refused, see refused_input)" in refused.stdout
    with duckdb.connect(str(warehouse), read_only=True) as con:
        listed = dict(con.execute("select source_file, reason from refused_input").fetchall())
        kinds = dict(con.execute("select source_file, kind from refused_input").fetchall())
        releases = {row[0] for row in con.execute("select source_file from bulletin_release").fetchall()}
        exports = {row[0] for row in con.execute("select source_file from complaint_export").fetchall()}
        new_month = con.execute("select count(*) from bulletin_figure where period_start = '2029-03-01'").fetchone()[0]
    assert sorted(listed) == sorted(mixed.refused)
    for path, fragment in mixed.refused.items():
        assert fragment in listed[path], (path, listed[path])
    assert kinds[mixed_landing.NOTICE] == "notice" and kinds[mixed_landing.BROKEN_FEED] == "feed"
    assert kinds[mixed_landing.ENGLISH_STORY] == "bulletin" and kinds[mixed_landing.BROKEN_EXPORT] == "export"
    # The good new page and export are published in the same run.
    assert mixed_landing.GOOD_NEW_PAGE.split("/")[1] in releases and new_month > 0
    assert mixed_landing.GOOD_NEW_EXPORT.split("/")[1] in exports
    # Everything published before of the refused inputs stays exactly as it was.
    assert _rows(warehouse) == before
    # A refused export's partition is not shown as materialized; the new good one is.
    materialized = _materialized_export_partitions(home)
    assert mixed_landing.GOOD_NEW_EXPORT.split("/")[1] in materialized
    assert mixed_landing.CONFLICTING_EXPORT.split("/")[1] not in materialized

    # The broken files taken out (the shipped notice, feed and export back in their place): exit 0, nothing refused.
    mixed_landing.take_out_broken_inputs(mixed)
    for path in mixed.published_new:
        (landing / path).unlink()
    clean = run_cli_in_this_process(home, "build", *arguments)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert content_checksums(warehouse) == shipped
