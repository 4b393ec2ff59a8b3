"""Shared fixtures: the 2017 notice as landed, and a warehouse built from the committed landing folder."""

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from assets.bulletin.notice import parse_notice
from assets.bulletin.tables import build_tables
from tests.support.cli import run_cli_in_this_process
from tests.support.landing import LANDING, NOTICE_PATH, SAMPLE_FEEDS

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
        if {"fresh_build", "quarters_build"} & set(getattr(item, "fixturenames", ())):
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


@contextmanager
def _built_once(tmp_path_factory, name: str) -> Iterator[tuple[Path, bool]]:
    """A folder `name` shared by the workers of this run: (the folder, whether it still has to be made).

    Under pytest-xdist each worker has a base temporary folder of its own inside one shared by the run;
    a session fixture would be made once per worker. The first worker that needs it makes it, holding
    an flock, and the others wait and take it as made (the flock dies with a worker that dies)."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = shared / name
    with open(shared / f"{name}.lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            made = folder / ".made"
            yield folder, not made.exists()
            made.touch()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def fresh_build(tmp_path_factory) -> Path:
    """A warehouse published by `eco12369 build` from the project's landing folder as committed
    (the 2017 notice and the constructed 2017 feeds), with its report beside it. Made once for the
    whole run, by whichever worker needs it first, and only read by the tests (those that change a
    warehouse change a copy)."""
    with _built_once(tmp_path_factory, "fresh_build") as (folder, to_make):
        warehouse = folder / "wh" / "12369.duckdb"
        if to_make:
            shutil.rmtree(folder, ignore_errors=True)  # what a worker that died making it left
            folder.mkdir()
            built = run_cli_in_this_process(folder / "dagster_home", "build", "--landing", str(LANDING), "--warehouse", str(warehouse))
            assert built.returncode == 0, built.stderr
    return warehouse


@pytest.fixture(scope="session")
def quarters_build(tmp_path_factory) -> Path:
    """`eco12369 build` of the 2017 notice (as notice.txt) and the four sample quarters' feeds, no
    pages and no exports: FOLDER/landing and FOLDER/wh/12369.duckdb (and its report). Made once for
    the whole run, like fresh_build, and never changed: a test copies it (copy_of_build)."""
    with _built_once(tmp_path_factory, "quarters_build") as (folder, to_make):
        if to_make:
            shutil.rmtree(folder, ignore_errors=True)
            landing = folder / "landing"
            (landing / "bulletins").mkdir(parents=True)
            shutil.copy(NOTICE_PATH, landing / "bulletins" / "notice.txt")
            shutil.copytree(SAMPLE_FEEDS, landing / "spot_checks")
            warehouse = folder / "wh" / "12369.duckdb"
            built = run_cli_in_this_process(folder / "dagster_home", "build", "--landing", str(landing), "--warehouse", str(warehouse))
            assert built.returncode == 0, built.stderr
    return folder
