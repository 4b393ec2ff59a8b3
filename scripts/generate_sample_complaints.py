"""Writes the CONSTRUCTED sample complaint exports of data/landing/complaints/ (or national volumes for
the benchmark). Every record is invented; see assets/complaints/sample_exports.py for what is planted.

Usage: uv run python scripts/generate_sample_complaints.py [--folder DIR] [--national YEAR ...]
"""

import argparse
from pathlib import Path

from assets.complaints.sample_exports import notice_volumes, write_national, write_small_sample

PROJECT_ROOT = Path(__file__).resolve().parents[1]
NOTICE = PROJECT_ROOT / "data" / "landing" / "bulletins" / "2017-annual-notice.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=PROJECT_ROOT / "data" / "landing" / "complaints")
    parser.add_argument(
        "--national", type=int, nargs="*", help="years of national volume (the notice's year's) instead of the small sample"
    )
    parser.add_argument("--notice", type=Path, default=NOTICE, help="the annual notice whose volumes the records follow")
    arguments = parser.parse_args()
    volumes = notice_volumes(arguments.notice)
    if arguments.national:
        records = write_national(arguments.folder, arguments.national, volumes)
        print(f"wrote {records} constructed records for {arguments.national} to {arguments.folder}")
    else:
        for path in write_small_sample(arguments.folder, volumes):
            print(path)


if __name__ == "__main__":
    main()
