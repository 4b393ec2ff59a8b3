"""Dagster instances for tests, on the run and event-log storages the project's dagster.yaml names.

`dg.instance_for_test()` keeps Dagster's default storages: a new SQLite database per run, opened and
closed for every event, about a second of a core per run and a third of a small build here
(pipelines/dagster_internals.py says why the project does not use them). The tests' runs record into
the project's pooled storages instead, the ones `eco12369 build` from a checkout uses, in a folder of
the test's own.
"""

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import yaml

from tests.support.landing import PROJECT_ROOT

STORAGES = ("run_storage", "event_log_storage")


def instance_settings(home: Path) -> dict:
    """The storages of the project's dagster.yaml, kept in `home/history` (an absolute path: the
    project's relative one would put every test's runs in the checkout's .dagster/)."""
    project = yaml.safe_load((PROJECT_ROOT / "dagster.yaml").read_text(encoding="utf-8"))
    settings = {key: {**project[key], "config": {**project[key]["config"], "base_dir": str(home / "history")}} for key in STORAGES}
    return {**settings, "telemetry": {"enabled": False}}


def write_instance_settings(home: Path) -> Path:
    """`home`/dagster.yaml for a command run with DAGSTER_HOME=`home` (unless one is there already)."""
    home.mkdir(parents=True, exist_ok=True)
    settings = home / "dagster.yaml"
    if not settings.exists():
        settings.write_text(yaml.safe_dump(instance_settings(home.resolve())), encoding="utf-8")
    return home


@contextmanager
def instance_for_test(**options) -> Iterator[dg.DagsterInstance]:
    """`dg.instance_for_test(**options)` on the project's storages, in a temporary folder."""
    with (
        tempfile.TemporaryDirectory(prefix="eco12369-instance-", ignore_cleanup_errors=True) as home,
        dg.instance_for_test(overrides=instance_settings(Path(home)), temp_dir=home, **options) as instance,
    ):
        yield instance
