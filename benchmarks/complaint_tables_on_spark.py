"""Prints the wall time of computing every complaint table whole from the same raw zone, with DuckDB
(the default engine) and with Spark on a standalone cluster of two workers on loopback
(tests/support/spark_cluster.py), at national volumes.

For each size (default 200 k and 2.4 M records: CONSTRUCTED exports from
assets/complaints/sample_exports.py, one UTF-8 CSV per province and year, at 2017's national volume
as the notice states it for 2.4 M over four years), the exports are read into the raw zone once
(DuckDB); then, each the median of 3:
- DuckDB: build_complaint_tables over the raw zone, whole;
- Spark: the same function with the Spark engine (session already started, executors warm after a
  first unmeasured run), tables written as Parquet and loaded into the warehouse;
and once: the session's start on the cluster (driver JVM, two executors registered).
The cluster's JVMs run with Spark's defaults (not the test's quick-start settings).

Needs the dependency group spark and Java 17.
Usage: uv run --group spark python benchmarks/complaint_tables_on_spark.py [--records 200000 2400000]
"""

import argparse
import dataclasses
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import duckdb

from assets.complaints.complaint_tables import ComplaintSettings, SparkEngine, build_complaint_tables, update_raw_zone
from assets.complaints.export_files import find_exports
from assets.complaints.sample_exports import notice_volumes, write_national
from assets.complaints.spark_engine import SparkLocations
from assets.complaints.spark_resource import spark_resource, start_session
from tests.support.spark_cluster import LoopbackCluster
from warehouse import store

PROJECT_ROOT = Path(__file__).resolve().parents[1]
REPEATS = 3


def national_exports(folder: Path, records: int) -> int:
    """About `records` CONSTRUCTED records: a year's volume of `records` (up to the notice's), years on."""
    volumes = notice_volumes(PROJECT_ROOT / "data" / "landing" / "bulletins" / "2017-annual-notice.txt")
    years = max(1, round(records / volumes.reports))
    per_year = records // years
    return write_national(folder, list(range(2017, 2017 + years)), dataclasses.replace(volumes, reports=per_year), per="year")


def timed(run) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, nargs="+", default=[200_000, 2_400_000])
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="eco12369-spark-") as scratch:
        scratch = Path(scratch)
        cluster = LoopbackCluster(scratch / "cluster").start()
        try:
            started = time.perf_counter()
            session = start_session(spark_resource({"spark.master": cluster.master_url}))
            session.range(10).count()
            print(f"Spark session on {cluster.master_url} (two workers of 1 core): {time.perf_counter() - started:.1f} s", flush=True)
            rows = []
            for records in arguments.records:
                folder = scratch / f"{records}"
                written = national_exports(folder / "landing" / "complaints", records)
                raw = folder / "raw"
                base = folder / "base.duckdb"
                with duckdb.connect(str(base)) as con:
                    store.ensure_schema(con)
                    update_raw_zone(con, find_exports(folder / "landing"), raw)

                def on_duckdb(base=base, raw=raw, folder=folder) -> None:
                    shutil.copy(base, folder / "duckdb.duckdb")
                    with duckdb.connect(str(folder / "duckdb.duckdb")) as con:
                        build_complaint_tables(con, raw, ComplaintSettings())

                def on_spark(base=base, raw=raw, folder=folder) -> None:
                    shutil.copy(base, folder / "spark.duckdb")
                    with duckdb.connect(str(folder / "spark.duckdb")) as con:
                        locations = SparkLocations(str(raw), str(folder / "spark-tables"))
                        build_complaint_tables(con, raw, ComplaintSettings(), spark=SparkEngine(session, locations))

                on_spark()  # executors warmed on this volume
                duck = statistics.median(timed(on_duckdb) for _ in range(REPEATS))
                spark = statistics.median(timed(on_spark) for _ in range(REPEATS))
                rows.append((written, duck, spark))
                print(f"{written:,} records: DuckDB {duck:.1f} s, Spark {spark:.1f} s ({spark / duck:.1f}x)", flush=True)
            session.stop()
        finally:
            cluster.stop()
    print()
    print("| records | DuckDB | Spark, 2 workers on loopback | Spark / DuckDB |")
    print("|---|---|---|---|")
    for written, duck, spark in rows:
        print(f"| {written:,} | {duck:.1f} s | {spark:.1f} s | {spark / duck:.1f}x |")


if __name__ == "__main__":
    main()
