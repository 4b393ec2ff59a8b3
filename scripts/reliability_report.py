"""Runs the reliability catalogue end to end and prints its figures (a report, not a timed test).

Usage: uv run python scripts/reliability_report.py
It runs, in temporary folders: every hostile input of tests/test_hostile_inputs.py against a
published warehouse; a reader process querying the published file while a full build and a quarter's
run publish; two quarter runs started together; a build killed with SIGKILL at four phases. The
cases are the test suite's own, so the report and the tests cannot drift apart.
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

from pipelines.run_summary import run_problems  # noqa: E402
from tests import test_hostile_inputs as catalogue  # noqa: E402
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
    """Every refused and every accepted input of the catalogue against a published warehouse; returns its landing folder."""
    warehouse = root / "published" / "12369.duckdb"
    landing = catalogue._landing(root / "landing", {"notice.txt": catalogue.NOTICE.encode()})
    with dg.instance_for_test() as instance:
        assert catalogue._refresh(landing, warehouse, instance).success

        refusals = [(case, "bulletin", inputs, message) for case, inputs, message in catalogue.BULLETIN_REFUSALS]
        refusals += [(case, "feed", inputs, message) for case, inputs, message in catalogue.FEED_REFUSALS]
        for number, (case, kind, inputs, message) in enumerate(refusals):
            figures["inputs tried"] += 1
            before = warehouse.read_bytes()
            if kind == "bulletin":
                result = catalogue._refresh(catalogue._landing(root / f"case{number}", inputs), warehouse, instance)
            else:
                case_landing = catalogue._landing(root / f"case{number}", {"notice.txt": catalogue.NOTICE.encode()}, inputs)
                result = catalogue._ingest(case_landing, warehouse, instance, "2017Q2")
            figures["bytes of the published file changed by failed runs"] += changed_bytes(before, warehouse.read_bytes())
            if not result.success and any(re.search(message, line) for line in run_problems(result)):
                figures["refused with a clear message"] += 1
            else:
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
        "refused with a clear message": 0,
        "accepted correctly": 0,
        "wrong outcomes": [],
        "bytes of the published file changed by failed runs": 0,
    }
    with tempfile.TemporaryDirectory(prefix="eco12369-reliability-") as folder:
        root = Path(folder)
        landing = hostile_inputs(root, figures)
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


if __name__ == "__main__":
    main()
