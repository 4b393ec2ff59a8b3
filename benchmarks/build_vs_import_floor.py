"""Prints wall time and peak memory of `eco12369 build` (cold, warm) and `ingest`, next to the import floor.

The floor is `python -c "import dagster, duckdb, pandas, great_expectations"` run with `uv run` in the
same environment: no build can be faster than importing its stack. "Cold" is the first build in a
fresh clone (uv creates the virtual environment from uv.lock, with uv's package cache warm; Dagster's
instance is empty); "warm" are the builds after it.

`--baseline REV` also clones the commit REV beside it and times its warm builds in turn with this
one's, so that a change is measured against the code before it on the same machine at the same time.

Usage: uv run python benchmarks/build_vs_import_floor.py [--repeat N] [--baseline REV]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
FLOOR = ["uv", "run", "python", "-c", "import dagster, duckdb, pandas, great_expectations"]
BUILD = ["uv", "run", "eco12369", "build"]
INGEST_ONE_QUARTER = ["uv", "run", "eco12369", "ingest", "2017Q3"]
REPORT = ["uv", "run", "eco12369", "report"]


def measure(command: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, peak RSS in MiB of the largest process in the command's tree)."""
    environment = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "DAGSTER_HOME")}
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed with exit status {os.waitstatus_to_exitcode(status)}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="warm runs of each command (default 3)")
    parser.add_argument("--baseline", help="a commit to time side by side with this one (warm builds)")
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="eco12369-bench-") as folder:
        clone = Path(folder) / "eco12369"
        subprocess.run(["git", "clone", "--quiet", str(PROJECT_ROOT), str(clone)], check=True)
        if not (clone / "uv.lock").exists():
            shutil.copy(PROJECT_ROOT / "uv.lock", clone / "uv.lock")
        rows = [("build, cold (fresh clone)", *measure(BUILD, clone))]
        baseline_builds = []
        if arguments.baseline:
            baseline = Path(folder) / "baseline"
            subprocess.run(["git", "clone", "--quiet", str(PROJECT_ROOT), str(baseline)], check=True)
            subprocess.run(["git", "checkout", "--quiet", arguments.baseline], cwd=baseline, check=True)
            measure(BUILD, baseline)  # its cold build
        floors = [measure(FLOOR, clone) for _ in range(arguments.repeat)]
        builds = []
        for _ in range(arguments.repeat):
            builds.append(measure(BUILD, clone))
            if arguments.baseline:
                baseline_builds.append(measure(BUILD, baseline))
        ingests = [measure(INGEST_ONE_QUARTER, clone) for _ in range(arguments.repeat)]
        reports = [measure(REPORT, clone) for _ in range(arguments.repeat)]

    floor_wall = statistics.median(w for w, _ in floors)
    rows.append((f"build, warm (median of {arguments.repeat})", statistics.median(w for w, _ in builds), max(m for _, m in builds)))
    rows.append((f"ingest 2017Q3 (median of {arguments.repeat})", statistics.median(w for w, _ in ingests), max(m for _, m in ingests)))
    rows.append((f"report (median of {arguments.repeat})", statistics.median(w for w, _ in reports), max(m for _, m in reports)))
    if baseline_builds:
        rows.append(
            (
                f"build at {arguments.baseline[:10]}, warm",
                statistics.median(w for w, _ in baseline_builds),
                max(m for _, m in baseline_builds),
            )
        )
    rows.append((f"import floor (median of {arguments.repeat})", floor_wall, max(m for _, m in floors)))
    print(f"{'command':<34} {'wall s':>8} {'peak MiB':>9} {'x floor':>8}")
    for name, wall, memory in rows:
        print(f"{name:<34} {wall:8.2f} {memory:9.0f} {wall / floor_wall:8.2f}")
    print(
        f"machine: {os.cpu_count()} cores; warm builds: {', '.join(f'{w:.2f}' for w, _ in builds)} s; floors: {', '.join(f'{w:.2f}' for w, _ in floors)} s"
    )


if __name__ == "__main__":
    main()
