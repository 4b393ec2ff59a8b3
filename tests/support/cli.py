"""Running the `eco12369` command as a user does, in a subprocess."""

import os
import subprocess
import sys
from pathlib import Path

from tests.support.landing import PROJECT_ROOT


def run_cli(dagster_home: Path, *args, timeout: int = 300) -> subprocess.CompletedProcess:
    """`eco12369 ARGS` in a subprocess, recording its runs in an instance of its own."""
    environment = {**os.environ, "DAGSTER_HOME": str(dagster_home)}
    dagster_home.mkdir(exist_ok=True)
    return subprocess.run(
        [sys.executable, "-m", "pipelines.cli", *args],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
