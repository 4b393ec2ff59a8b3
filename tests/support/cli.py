"""Running the `eco12369` command as a user does, in a subprocess."""

import os
import subprocess
import sys
from pathlib import Path

from tests.support.instance import write_instance_settings
from tests.support.landing import PROJECT_ROOT


def run_cli(dagster_home: Path, *args, timeout: int = 300) -> subprocess.CompletedProcess:
    """`eco12369 ARGS` in a subprocess, recording its runs in an instance of its own (on the project's
    storages, tests/support/instance.py)."""
    environment = {**os.environ, "DAGSTER_HOME": str(dagster_home)}
    write_instance_settings(dagster_home)
    return subprocess.run(
        [sys.executable, "-m", "pipelines.cli", *args],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def run_cli_in_this_process(dagster_home: Path, *args) -> subprocess.CompletedProcess:
    """`eco12369 ARGS` through the same function the command runs (pipelines.cli.main), in this
    process: the same output and exit code without paying the interpreter's start and the imports
    again (about 6 s a call here). Tests of the process itself (exit on a signal, the console script)
    use run_cli."""
    import contextlib
    import io

    from pipelines import cli

    write_instance_settings(dagster_home)
    stdout, stderr = io.StringIO(), io.StringIO()
    previous = os.environ.get("DAGSTER_HOME")
    os.environ["DAGSTER_HOME"] = str(dagster_home)
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code = cli.main(list(args))
    finally:
        if previous is None:
            del os.environ["DAGSTER_HOME"]
        else:
            os.environ["DAGSTER_HOME"] = previous
    return subprocess.CompletedProcess(["eco12369", *args], code, stdout.getvalue(), stderr.getvalue())
