"""Queries the published warehouse in a loop, the way an analyst's open session would; prints figures.

Usage: python scripts/reader_loop.py WAREHOUSE SECONDS
It stops after SECONDS, or sooner on SIGTERM (a test stops it once its refreshes are done); either
way it prints its figures.
One read-only connection stays open for the whole time (it keeps the snapshot it opened); a second
connection is opened anew for every query (it sees each newly published file). Each query checks
invariants that hold in every published warehouse, so a torn or half-written file would show. Prints
one JSON line: queries run and failed per connection, and the first failures.
"""

import json
import signal
import sys
import time
from pathlib import Path

import duckdb

CONSISTENT = """
select
    (select coalesce(sum(late_count), 0) from handling_by_province where stage = 'acceptance')
        = (select coalesce(sum(late_count), 0) from handling_national where stage = 'acceptance')
    and (select count(*) from spot_check) = (select coalesce(sum(detail_rows), 0) from spot_check_feed)
    and (select count(*) from region) = 32
"""


def main() -> None:
    warehouse, seconds = Path(sys.argv[1]), float(sys.argv[2])
    figures = {"held": {"queries": 0, "failed": 0}, "reopened": {"queries": 0, "failed": 0}, "failures": []}
    held = duckdb.connect(str(warehouse), read_only=True)
    deadline = time.monotonic() + seconds
    stopped = []
    signal.signal(signal.SIGTERM, lambda *_: stopped.append(True))
    while time.monotonic() < deadline and not stopped:
        for name in ("held", "reopened"):
            figures[name]["queries"] += 1
            try:
                if name == "held":
                    consistent = held.execute(CONSISTENT).fetchone()[0]
                else:
                    with duckdb.connect(str(warehouse), read_only=True) as fresh:
                        consistent = fresh.execute(CONSISTENT).fetchone()[0]
                if not consistent:
                    raise AssertionError("invariants do not hold")
            except Exception as error:  # every failure is counted and reported, none stops the loop
                figures[name]["failed"] += 1
                if len(figures["failures"]) < 5:
                    figures["failures"].append(f"{name}: {type(error).__name__}: {error}")
        time.sleep(0.05)
    held.close()
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
