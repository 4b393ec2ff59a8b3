"""Shared fixtures: the 2017 notice as landed, and a warehouse built from the committed landing folder."""

from pathlib import Path

import pytest

from assets.bulletin.notice import parse_notice
from assets.bulletin.tables import build_tables
from tests.support.cli import run_cli
from tests.support.landing import LANDING, NOTICE_PATH


def pytest_collection_modifyitems(items):
    # A test that needs a warehouse built by the command line waits for a whole build: it is slow.
    for item in items:
        if "fresh_build" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


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
