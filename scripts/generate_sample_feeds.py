"""Writes the CONSTRUCTED sample feeds data/landing/spot_checks/2017Q1..Q4(.csv, _summary.csv).

Usage: uv run python scripts/generate_sample_feeds.py [--notice FILE] [--out DIR]
The rules are in assets/spot_checks/sample_feeds.py; the files are labeled in their note column.
"""

import argparse
from pathlib import Path

from assets.bulletin.notice import parse_notice
from assets.spot_checks.sample_feeds import sample_feeds

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notice", type=Path, default=PROJECT_ROOT / "data/landing/bulletins/2017-annual-notice.txt")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "data/landing/spot_checks")
    arguments = parser.parse_args()
    notice = parse_notice(arguments.notice.read_bytes(), arguments.notice.name)
    arguments.out.mkdir(parents=True, exist_ok=True)
    for quarter, (detail, summary) in sample_feeds(notice).items():
        detail.to_csv(arguments.out / f"{quarter}.csv", index=False, lineterminator="\n")
        summary.to_csv(arguments.out / f"{quarter}_summary.csv", index=False, lineterminator="\n")
        print(f"{quarter}: {len(detail)} detail rows, {len(summary)} summary rows")


if __name__ == "__main__":
    main()
