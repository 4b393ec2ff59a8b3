"""Prints how `eco12369 build` grows with the number of bulletin documents, and what adding one costs.

Landing folders of 34, 150 and 1500 documents are made in a temporary folder: the 33 shipped pages
and the notice, plus copies of the pages with every year in their text moved 10, 20, … years on
(so that each copy is a different release of different periods; the figures are the same). Each is
built into a fresh warehouse; the marginal cost per document is the slope between the smallest and
the largest. Then one page is added to the published smallest warehouse and built again (only
that page is read), next to the import floor (`python -c "import dagster, duckdb, pandas,
great_expectations"`): no build can be faster than importing its stack.

Usage: uv run python benchmarks/bulletin_series_scaling.py [--sizes 34 150 1500]
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
BULLETINS = PROJECT_ROOT / "data" / "landing" / "bulletins"
PAGES = sorted(path for path in BULLETINS.glob("*.txt") if path.name != "2017-annual-notice.txt")
_YEAR = re.compile(r"(?:(?<!\d)|(?<=表\d))(20[12]\d)(?=年|-|\d{4}年)")


def shifted(text: str, years: int) -> str:
    return _YEAR.sub(lambda match: str(int(match.group(1)) + years), text)


def landing_with(folder: Path, documents: int) -> Path:
    bulletins = folder / "bulletins"
    bulletins.mkdir(parents=True)
    for path in BULLETINS.iterdir():
        shutil.copy(path, bulletins)
    copy = 1
    while len(list(bulletins.glob("*.txt"))) < documents:
        for page in PAGES:
            if len(list(bulletins.glob("*.txt"))) >= documents:
                break
            text = page.read_text(encoding="utf-8")
            (bulletins / f"content_{copy}_{page.name}").write_text(shifted(text, 10 * copy), encoding="utf-8")
        copy += 1
    return folder


def timed(command: list[str], home: Path) -> float:
    environment = {**{k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}, "DAGSTER_HOME": str(home)}
    home.mkdir(exist_ok=True)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=PROJECT_ROOT, env=environment, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    return time.perf_counter() - started


def build(landing: Path, warehouse: Path, home: Path) -> float:
    return timed([sys.executable, "-m", "pipelines.cli", "build", "--landing", str(landing), "--warehouse", str(warehouse)], home)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[34, 150, 1500])
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="eco12369-series-") as folder:
        root = Path(folder)
        home = root / "dagster_home"
        seconds = {}
        for size in arguments.sizes:
            landing = landing_with(root / f"landing{size}", size)
            seconds[size] = build(landing, root / f"wh{size}" / "12369.duckdb", home)
            print(f"build, {size:>5} documents: {seconds[size]:6.1f} s", flush=True)
        smallest, largest = min(seconds), max(seconds)
        if largest > smallest:
            marginal = 1000 * (seconds[largest] - seconds[smallest]) / (largest - smallest)
            print(f"marginal cost per document: {marginal:.1f} ms ({smallest} to {largest} documents)")

        landing = root / f"landing{smallest}"
        warehouse = root / f"wh{smallest}" / "12369.duckdb"
        page = PAGES[0]
        (landing / "bulletins" / "content_added.txt").write_text(shifted(page.read_text(encoding="utf-8"), 100), encoding="utf-8")
        added = build(landing, warehouse, home)
        floor = timed([sys.executable, "-c", "import dagster, duckdb, pandas, great_expectations"], home)
        print(
            f"add one bulletin to a published warehouse of {smallest}: {added:.1f} s; import floor {floor:.1f} s; ratio {added / floor:.2f}"
        )


if __name__ == "__main__":
    main()
