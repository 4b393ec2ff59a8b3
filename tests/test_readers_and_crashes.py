"""An analyst's open session never fails or blocks a refresh; a refresh killed anywhere loses nothing."""

import json
import os
import signal
import subprocess
import sys

import duckdb
import pytest

from tests.support.cli import run_cli_in_this_process
from tests.support.digests import content_checksums, file_sha256
from tests.support.instance import write_instance_settings
from tests.support.landing import PROJECT_ROOT, copy_of_build

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory, quarters_build):
    """One published warehouse for the module (a copy of the session's build of the notice and the
    four sample quarters): every test leaves it whole, which is the point."""
    tmp_path = tmp_path_factory.mktemp("reliability")
    landing, warehouse = copy_of_build(quarters_build, tmp_path)
    home = tmp_path / "dagster_home"
    arguments = ["--landing", str(landing), "--warehouse", str(warehouse)]
    return home, arguments, warehouse


def _cli(home, *args):
    write_instance_settings(home)
    environment = {**os.environ, "DAGSTER_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", *args],
        cwd=PROJECT_ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_reader_sees_consistent_snapshots_while_refreshes_publish(built):
    home, arguments, warehouse = built
    reader = subprocess.Popen(
        [sys.executable, str(PROJECT_ROOT / "scripts" / "reader_loop.py"), str(warehouse), "120"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # The refreshes run in this process (the command's own function), the session in another.
    build = run_cli_in_this_process(home, "build", *arguments)
    assert build.returncode == 0, build.stderr  # not blocked by the open session
    ingest = run_cli_in_this_process(home, "ingest", "2017Q3", *arguments)
    assert ingest.returncode == 0, ingest.stderr
    assert reader.poll() is None, "the session ended before the refreshes did"
    reader.terminate()  # it stops its loop and prints what it saw
    output, errors = reader.communicate(timeout=30)
    figures = json.loads(output)
    assert figures["held"]["queries"] > 20 and figures["reopened"]["queries"] > 20, figures
    assert (figures["held"]["failed"], figures["reopened"]["failed"]) == (0, 0), figures


# Where a build is killed: the progress line (printed by `eco12369 build`) that opens each phase.
KILL_POINTS = [
    ("parse", "  step   bulletin_tables"),
    ("write", "  wrote  spot_check "),
    ("audit", "  step   spot_check_feeds_checks"),
    ("publish", "  step   published_warehouse"),
]


@pytest.mark.parametrize(("phase", "marker"), KILL_POINTS)
def test_build_killed_mid_run_leaves_the_warehouse_whole(built, phase, marker):
    home, arguments, warehouse = built
    before = file_sha256(warehouse)
    expected = content_checksums(warehouse)
    build = _cli(home, "build", *arguments)
    for line in build.stderr:
        if line.startswith(marker):
            build.send_signal(signal.SIGKILL)
            break
    build.wait(timeout=60)
    assert build.returncode == -signal.SIGKILL, f"the build ended before the {phase} phase"
    # Whole and readable: the old file, or (killed just after the rename) a complete new one.
    assert file_sha256(warehouse) == before or content_checksums(warehouse) == expected
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) from hotline_reconciliation where agrees").fetchone() == (379,)
    # Nothing left behind stops the next run: the kernel dropped the writer lock with the process.
    # (The next run is the command's own function in this process: the process killed was another.)
    again = run_cli_in_this_process(home, "build", *arguments)
    assert again.returncode == 0, again.stderr
    assert content_checksums(warehouse) == expected
