"""Shared fixtures: the 2017 notice as landed, and a warehouse built from the committed landing folder."""

from pathlib import Path

import pytest

from assets.bulletin.notice import parse_notice
from assets.bulletin.tables import build_tables
from tests.support.cli import run_cli
from tests.support.landing import LANDING, NOTICE_PATH

# The modules whose tests take longest (pytest --durations on this 2-core machine), longest first. They
# are handed out first so that the two workers finish together: a 40 s test started last would leave
# one worker idle for 40 s. A module's tests stay together, so its module fixtures are built once.
LONGEST_MODULES = [
    "test_spark_cluster.py",
    "test_browser_end_to_end.py",
    "test_concurrent_writers.py",
    "test_readers_and_crashes.py",
    "test_random_edits.py",
    "test_wheel.py",
    "test_complaint_increments.py",
    "test_complaint_records.py",
    "test_quarterly_runs.py",
    "test_pipeline.py",
    "test_bulletin_series_runs.py",
    "test_refused_inputs.py",
    "test_idempotence.py",
    "test_deployment.py",
    "test_report.py",
]


CHART_CACHE_MADE = pytest.StashKey[str]()


def pytest_configure(config):
    """One chart cache for the whole run, shared by both workers and the builds they start, and new for
    each run: a build of figures another test already drew copies the PNGs (the report step drops
    from seconds to a fraction), while no chart drawn by an earlier run, or by the developer's own
    builds in ~/.cache, is taken on trust."""
    import os
    import tempfile

    if "ECO12369_CHART_CACHE" not in os.environ:  # set here by the controller, inherited by its workers
        os.environ["ECO12369_CHART_CACHE"] = tempfile.mkdtemp(prefix="eco12369-test-charts-")
        config.stash[CHART_CACHE_MADE] = os.environ["ECO12369_CHART_CACHE"]


def pytest_unconfigure(config):
    import shutil

    if made := config.stash.get(CHART_CACHE_MADE, None):
        shutil.rmtree(made, ignore_errors=True)


def pytest_collection_modifyitems(items):
    # A test that needs a warehouse built by the command line waits for a whole build: it is slow.
    for item in items:
        if "fresh_build" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)
    rank = {name: index for index, name in enumerate(LONGEST_MODULES)}
    items.sort(key=lambda item: rank.get(Path(str(item.fspath)).name, len(rank)))


@pytest.fixture(scope="session")
def notice_bytes() -> bytes:
    return NOTICE_PATH.read_bytes()


@pytest.fixture(scope="session")
def notice_text(notice_bytes) -> str:
    return notice_bytes.decode("utf-8")


@pytest.fixture(scope="session")
def parsed(notice_bytes):
    return parse_notice(notice_bytes, NOTICE_PATH.name)


@pytest.fixture(scope="session")
def tables(parsed):
    return build_tables([parsed])


@pytest.fixture(scope="session")
def fresh_build(tmp_path_factory) -> Path:
    """A warehouse published by `eco12369 build` from the project's landing folder as committed
    (the 2017 notice and the constructed 2017 feeds), with its report beside it."""
    folder = tmp_path_factory.mktemp("fresh_build")
    warehouse = folder / "wh" / "12369.duckdb"
    built = run_cli(folder / "dagster_home", "build", "--landing", str(LANDING), "--warehouse", str(warehouse))
    assert built.returncode == 0, built.stderr
    return warehouse
