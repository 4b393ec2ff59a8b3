"""Runs the reliability catalogue end to end and prints its figures (a report, not a timed test).

Usage: uv run python scripts/reliability_report.py
It runs, in temporary folders: every hostile input of tests/test_hostile_inputs.py against a copy of
a published warehouse; the mixed run of tests/test_refused_inputs.py (one broken input of every kind
beside a good new page and export, in a full copy of the shipped landing folder), printing for each
refused input that it held back only itself; a reader process querying the published file while a
full build and a quarter's run publish; two quarter runs started together; a build killed with
SIGKILL at four phases. The cases are the test suite's own, so the report and the tests cannot drift
apart.
"""

import json
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import dagster as dg
import duckdb

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))

from tests import test_hostile_inputs as catalogue  # noqa: E402
from tests import test_refused_inputs as mixed_case  # noqa: E402
from tests.support import mixed_landing  # noqa: E402
from tests.support.digests import content_checksums  # noqa: E402
from tests.test_concurrent_writers import _make_reachable  # noqa: E402
from tests.test_readers_and_crashes import KILL_POINTS, _cli  # noqa: E402


def _notice_tables(path: Path) -> dict:
    """The notice's tables as the catalogue compares them (without file names and checksums)."""
    with duckdb.connect(str(path), read_only=True) as con:
        return {name: con.execute(query).fetchall() for name, query in catalogue.NOTICE_TABLE_QUERIES.items()}


def changed_bytes(before: bytes, after: bytes) -> int:
    return sum(a != b for a, b in zip(before, after, strict=False)) + abs(len(before) - len(after))


def hostile_inputs(root: Path, figures: dict) -> Path:
    """Every refused and every accepted input of the catalogue against a copy of a published warehouse;
    returns its landing folder."""
    warehouse = root / "published" / "12369.duckdb"
    landing = catalogue._landing(root / "landing", {"notice.txt": catalogue.NOTICE.encode()})
    with dg.instance_for_test() as instance:
        assert catalogue._refresh(landing, warehouse, instance).success
        published_notice = _notice_tables(warehouse)
        published_quarter = catalogue._rows(warehouse, catalogue.QUARTER_Q2_QUERIES)

        refusals = [(case, "bulletin", inputs, f"bulletins/{file}", message) for case, inputs, file, message in catalogue.BULLETIN_REFUSALS]
        refusals += [(case, "feed", inputs, "spot_checks/2017Q2.csv", message) for case, inputs, message in catalogue.FEED_REFUSALS]
        for number, (case, kind, inputs, refused_file, message) in enumerate(refusals):
            figures["inputs tried"] += 1
            copy = catalogue._copy_of(warehouse, root / f"copy{number}")
            if kind == "bulletin":
                result = catalogue._refresh(catalogue._landing(root / f"case{number}", inputs), copy, instance)
                kept = _notice_tables(copy) == published_notice
            else:
                case_landing = catalogue._landing(root / f"case{number}", {"notice.txt": catalogue.NOTICE.encode()}, inputs)
                result = catalogue._ingest(case_landing, copy, instance, "2017Q2")
                kept = catalogue._rows(copy, catalogue.QUARTER_Q2_QUERIES) == published_quarter
            reasons = catalogue._refusal_reasons(copy)
            named = list(reasons) == [refused_file] and re.search(message, reasons[refused_file])
            figures["refused with a clear message, the rest published"] += bool(result.success and named)
            figures["refused inputs whose published rows changed"] += not kept
            if not (result.success and named and kept):
                figures["wrong outcomes"].append(case)

        for number, (case, inputs) in enumerate(catalogue.ACCEPTED_VARIANTS):
            figures["inputs tried"] += 1
            variant = root / f"variant{number}" / "12369.duckdb"
            result = catalogue._refresh(catalogue._landing(root / f"accepted{number}", inputs), variant, instance)
            same = result.success and _notice_tables(variant) == _notice_tables(warehouse)
            figures["accepted correctly"] += same
            if not same:
                figures["wrong outcomes"].append(case)
    return landing


def _exit_code(home: Path, *arguments: str) -> int:
    home.mkdir(parents=True, exist_ok=True)
    build = _cli(home, *arguments)
    build.communicate()  # read its output to the end, so that a full pipe never stalls it
    return build.returncode


def mixed_run(root: Path, figures: dict) -> list[str]:
    """The mixed run: one line per refused input, saying whether it held back only itself."""
    landing = mixed_landing.copy_shipped_landing(root / "mixed" / "landing")
    warehouse = root / "mixed" / "wh" / "12369.duckdb"
    home = root / "mixed" / "dagster_home"
    arguments = ["--landing", str(landing), "--warehouse", str(warehouse)]
    assert _exit_code(home, "build", *arguments) == 0
    before = mixed_run_rows(warehouse)
    mixed = mixed_landing.break_inputs(landing)
    code = _exit_code(home, "build", *arguments)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        listed = dict(con.execute("select source_file, reason from refused_input").fetchall())
        releases = {row[0] for row in con.execute("select source_file from bulletin_release").fetchall()}
        exports = {row[0] for row in con.execute("select source_file from complaint_export").fetchall()}
    after = mixed_run_rows(warehouse)
    new_published = all(path.split("/")[1] in releases | exports for path in mixed.published_new)
    lines = []
    for path, fragment in mixed.refused.items():
        alone = path in listed and fragment in listed[path] and after == before and new_published
        lines.append(f"  {path}: {'held back only itself' if alone else 'NOT held back alone'}")
        figures["mixed run: refused inputs that held back only themselves"] += alone
    figures["mixed run: exit code (3 = published, inputs refused)"] = code
    mixed_landing.take_out_broken_inputs(mixed)
    figures["mixed run: exit code once the broken files are out"] = _exit_code(home, "build", *arguments)
    return lines


def mixed_run_rows(warehouse: Path) -> dict:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {name: con.execute(query).fetchall() for name, query in mixed_case.QUERIES_KEPT.items()}


def readers_during_refreshes(home: Path, warehouse: Path, arguments: list[str], figures: dict) -> None:
    """A reader process queries the published file while a build and a quarter's run publish."""
    reader = subprocess.Popen(
        [sys.executable, str(PROJECT_ROOT / "scripts" / "reader_loop.py"), str(warehouse), "30"], stdout=subprocess.PIPE, text=True
    )
    refreshes = [_cli(home, "build", *arguments).wait(), _cli(home, "ingest", "2017Q3", *arguments).wait()]
    reading = json.loads(reader.communicate()[0])
    figures["refreshes during reading that succeeded"] = f"{refreshes.count(0)} of {len(refreshes)}"
    figures["reader queries run"] = reading["held"]["queries"] + reading["reopened"]["queries"]
    figures["reader queries failed"] = reading["held"]["failed"] + reading["reopened"]["failed"]


def concurrent_writers(home: Path, landing: Path, warehouse: Path, arguments: list[str], figures: dict) -> None:
    """Two quarter runs started together, each with a change of its own: both must land."""
    _make_reachable(landing, "2017Q2", "2017Q2,西藏,prefecture,拉萨,hotline,2017-05-15,unreachable,")
    _make_reachable(landing, "2017Q3", "2017Q3,西藏,prefecture,昌都,hotline,2017-08-15,unreachable,")
    writers = [_cli(home, "ingest", quarter, *arguments) for quarter in ("2017Q2", "2017Q3")]
    codes = [writer.wait() for writer in writers]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        landed = con.execute(
            "select count(*) from spot_check where channel = 'hotline' and result = 'reachable' and "
            "((quarter = '2017Q2' and unit = '拉萨') or (quarter = '2017Q3' and unit = '昌都'))"
        ).fetchone()[0]
    figures["concurrent writers that landed"] = f"{codes.count(0)} of 2, both changes present: {landed == 2}"


def crashes(home: Path, warehouse: Path, arguments: list[str], figures: dict) -> None:
    """A build killed with SIGKILL at each kill point leaves the warehouse whole, and the next build recovers."""
    survived = 0
    expected = content_checksums(warehouse)
    for _phase, marker in KILL_POINTS:
        before = warehouse.read_bytes()
        build = _cli(home, "build", *arguments)
        for line in build.stderr:
            if line.startswith(marker):
                build.send_signal(signal.SIGKILL)
                break
        build.wait()
        whole = warehouse.read_bytes() == before or content_checksums(warehouse) == expected
        recovered = _cli(home, "build", *arguments).wait() == 0 and content_checksums(warehouse) == expected
        survived += build.returncode == -signal.SIGKILL and whole and recovered
    figures["crashes survived"] = f"{survived} of {len(KILL_POINTS)} (SIGKILL during {', '.join(p for p, _ in KILL_POINTS)})"


def main() -> None:
    figures = {
        "inputs tried": 0,
        "refused with a clear message, the rest published": 0,
        "accepted correctly": 0,
        "wrong outcomes": [],
        "refused inputs whose published rows changed": 0,
        "mixed run: refused inputs that held back only themselves": 0,
    }
    with tempfile.TemporaryDirectory(prefix="eco12369-reliability-") as folder:
        root = Path(folder)
        landing = hostile_inputs(root, figures)
        mixed_lines = mixed_run(root, figures)
        warehouse = root / "published" / "12369.duckdb"
        home = root / "dagster_home"
        home.mkdir()
        arguments = ["--landing", str(landing), "--warehouse", str(warehouse)]
        readers_during_refreshes(home, warehouse, arguments, figures)
        concurrent_writers(home, landing, warehouse, arguments, figures)
        crashes(home, warehouse, arguments, figures)
        shutil.rmtree(home, ignore_errors=True)

    width = max(len(key) for key in figures)
    for key, value in figures.items():
        print(f"{key:<{width}}  {value if value != [] else 'none'}")
    print("mixed run, each refused input:")
    for line in mixed_lines:
        print(line)


if __name__ == "__main__":
    main()
