"""Prints wall time and peak memory of building the complaint tables at national volume, side by side
with what no build can beat: the import floor plus DuckDB reading the same CSVs into Parquet.

For each size (default: 4 years = about 2.4 M records, and 10 years = about 6.2 M, at 2017's national
volume as the notice states it; CONSTRUCTED records from assets/complaints/sample_exports.py, one
UTF-8 CSV per province and year, 124 and 310 exports, or per province and month with
`--exports-per month`), in a landing folder holding only complaints/:
- floor + DuckDB: `python -c "import dagster, duckdb, pandas, great_expectations"` then DuckDB's
  read_csv of every export into one Parquet file, in one process;
- import floor: that import alone (median of 3);
- full build: `eco12369 build` into an empty warehouse folder (every export parsed into the raw zone);
- nothing new: `eco12369 build` again with the same landing folder (no export to parse), against the
  import floor: what a run costs before any export of its own (median of 3, each from the published
  folder, restored);
- add one export: one more export of about 50 k records (广东, the month after the data), then
  `eco12369 build` again (only that file is parsed), against the import floor alone; median of 3, each
  starting from the same published folder, restored;
and, after each build, where its time went: the longest steps of the run (Dagster's step statistics).

Usage: uv run python benchmarks/complaint_records_scaling.py [--years 4 10] [--exports-per year|month] [--keep DIR]
"""

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from assets.complaints.sample_exports import ExportPlan, NoticeVolumes, export_rows, notice_volumes, write_export, write_national

PROJECT_ROOT = Path(__file__).resolve().parents[1]
FLOOR = "import dagster, duckdb, pandas, great_expectations"
COPY_INTO_PARQUET = (
    FLOOR + "; duckdb.sql(\"copy (select * from read_csv('{csvs}', all_varchar = true, header = true)) to '{parquet}' (format parquet)\")"
)


def measure(command: list[str], environment: dict | None = None) -> tuple[float, float]:
    """(wall seconds, peak RSS in MiB of the largest process in the command's tree)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed: {process.stderr.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


REPEATS = 3


def median_of(repeats: int, run) -> tuple[float, float]:
    """(median wall seconds, peak MiB of that run) of `repeats` runs."""
    results = sorted(run() for _ in range(repeats))
    return results[len(results) // 2]


def where_the_time_goes(home: Path) -> list[tuple[str, float]]:
    """The steps of the last run recorded in the Dagster instance at `home`, longest first, with their
    seconds: where a build's time goes (the complaint step parses, checks and writes the raw zone and
    builds the tables; the check steps validate; published_warehouse publishes; analyst_report draws)."""
    import dagster as dg

    with dg.DagsterInstance.from_config(str(home)) as instance:
        (run,) = instance.get_runs(limit=1)
        stats = instance.get_run_step_stats(run.run_id)
        records = instance.get_records_for_run(run.run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION).records
    spans = [(stat.step_key, stat.end_time - stat.start_time) for stat in stats if stat.start_time and stat.end_time]
    inside = {}
    for record in records:
        materialization = record.event_log_entry.dagster_event.event_specific_data.materialization
        if materialization.asset_key == dg.AssetKey("complaint_export") and "seconds" in materialization.metadata:
            inside = materialization.metadata["seconds"].value
    # Inside the complaint step: reading, checking and writing the exports (summed over its threads),
    # the conflicts between them and the published ones, the tables, and each table's statement.
    spans += [(f"  complaint_tables: {part}", seconds) for part, seconds in inside.items()]
    return sorted(spans, key=lambda span: -span[1])


def _print_steps(label: str, spans: list[tuple[str, float]], top: int = 16) -> None:
    steps = [span for span in spans if not span[0].startswith(" ")]
    shown = ", ".join(f"{step.strip()} {seconds:.2f} s" for step, seconds in spans[:top])
    print(f"  where the time goes ({label}): {shown}; steps in all {sum(seconds for _, seconds in steps):.1f} s", flush=True)


def instance_settings(home: Path) -> None:
    """The project's dagster.yaml in `home`, its storages under `home`: the builds record their runs as a
    user's `eco12369 build` does (pooled SQLite storages), but not in the checkout's own history."""
    settings = (PROJECT_ROOT / "dagster.yaml").read_text(encoding="utf-8")
    (home / "dagster.yaml").write_text(settings.replace("base_dir: .dagster", f"base_dir: {home}/.dagster"), encoding="utf-8")


def one_more_export(folder: Path, volumes: NoticeVolumes, month: dt.date, records: int = 50_000) -> Path:
    """About 50 k records for 广东 in `month` (a large province-month)."""
    cities = {"广州": records // 2, "深圳": records - records // 2}
    plan = ExportPlan("constructed-added-guangdong.csv", "广东", month, cities, "ADDED")
    return write_export(folder, plan, export_rows(plan, 1, volumes.channel_weights))


def restore_published(folder: Path) -> None:
    """folder/w as folder/w.published holds it: the warehouse folder as the full build published it."""
    shutil.rmtree(folder / "w")
    shutil.copytree(folder / "w.published", folder / "w")


def build_with_nothing_new(folder: Path, build: list[str], environment: dict) -> tuple[float, float]:
    """The published folder restored, `build` measured with the landing folder unchanged."""
    restore_published(folder)
    return measure(build, environment)


def build_after_one_export(
    folder: Path, volumes: NoticeVolumes, month: dt.date, build: list[str], environment: dict
) -> tuple[float, float]:
    """The published folder restored, one export added, `build` measured."""
    restore_published(folder)
    added = one_more_export(folder / "landing" / "complaints", volumes, month)
    try:
        return measure(build, environment)
    finally:
        added.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, nargs="+", default=[4, 10], help="sizes to measure, in years of 2017's volume")
    parser.add_argument("--exports-per", choices=["year", "month"], default="year", help="one export per province and year, or and month")
    parser.add_argument("--keep", type=Path, help="keep the generated data in this folder (and reuse what an earlier run kept there)")
    arguments = parser.parse_args()
    python = sys.executable
    rows = []
    volumes = notice_volumes(PROJECT_ROOT / "data" / "landing" / "bulletins" / "2017-annual-notice.txt")
    with tempfile.TemporaryDirectory(prefix="eco12369-complaints-") as scratch:
        base = arguments.keep or Path(scratch)
        for years in arguments.years:
            folder = base / f"{years}y"
            exports = folder / "landing" / "complaints"
            started = time.perf_counter()
            written = folder / "records-written.txt"
            if arguments.keep and written.exists() and written.read_text().split()[1:] == [arguments.exports_per]:
                records = int(written.read_text().split()[0])  # the same constructed exports, kept from an earlier run
                for built in ("w", "w.published", "dagster_home"):
                    shutil.rmtree(folder / built, ignore_errors=True)
            else:
                shutil.rmtree(folder, ignore_errors=True)
                records = write_national(exports, list(range(2017, 2017 + years)), volumes, per=arguments.exports_per)
                written.write_text(f"{records} {arguments.exports_per}")
            print(
                f"{years} years: wrote {records:,} constructed records in {len(list(exports.iterdir()))} exports ({time.perf_counter() - started:.0f} s)",
                flush=True,
            )
            floor = median_of(REPEATS, lambda: measure([python, "-c", FLOOR]))
            copy = measure([python, "-c", COPY_INTO_PARQUET.format(csvs=exports / "*.csv", parquet=folder / "copy.parquet")])
            home = folder / "dagster_home"
            home.mkdir(exist_ok=True)
            instance_settings(home)
            # No machine-wide chart cache: the charts of exports never seen before are drawn (the
            # report folder's own PNGs, restored with the published folder, still spare the unchanged ones).
            environment = {**os.environ, "DAGSTER_HOME": str(home), "ECO12369_CHART_CACHE": "off"}
            build = [
                python,
                "-m",
                "pipelines.cli",
                "build",
                "--landing",
                str(folder / "landing"),
                "--warehouse",
                str(folder / "w" / "12369.duckdb"),
            ]
            full = measure(build, environment)
            _print_steps(f"{years} years, full build", where_the_time_goes(home))
            # Each repetition starts from the same published folder, restored, as a province's new month
            # would find it; the median of the repetitions is reported.
            shutil.copytree(folder / "w", folder / "w.published")
            unchanged = median_of(REPEATS, lambda: build_with_nothing_new(folder, build, environment))  # noqa: B023
            _print_steps(f"{years} years, nothing new", where_the_time_goes(home))
            month_after = dt.date(2017 + years, 1, 1)
            added = median_of(REPEATS, lambda: build_after_one_export(folder, volumes, month_after, build, environment))  # noqa: B023
            _print_steps(f"{years} years, one more export", where_the_time_goes(home))
            rows += [
                (f"{records / 1e6:.1f} M: floor + DuckDB CSV->Parquet", *copy, 1.0),
                (f"{records / 1e6:.1f} M: full build", *full, full[0] / copy[0]),
                (f"{records / 1e6:.1f} M: import floor", *floor, 1.0),
                (f"{records / 1e6:.1f} M: build with nothing new", *unchanged, unchanged[0] / floor[0]),
                (f"{records / 1e6:.1f} M: build after one 50 k export", *added, added[0] / floor[0]),
            ]
            print(f"{'command':<46} {'wall s':>8} {'peak MiB':>9} {'x base':>7}", flush=True)
            for name, wall, memory, ratio in rows:
                print(f"{name:<46} {wall:8.1f} {memory:9.0f} {ratio:7.2f}", flush=True)
    print(f"machine: {os.cpu_count()} cores; 'x base' is against floor + DuckDB for the full build, else against the import floor")


if __name__ == "__main__":
    main()
