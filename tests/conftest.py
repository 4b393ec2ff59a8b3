"""Shared fixtures: the 2017 notice as landed, and helpers to build warehouses from (edited) copies."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assets.bulletin.notice import parse_notice
from assets.bulletin.tables import build_tables

PROJECT_ROOT = Path(__file__).resolve().parents[1]
NOTICE_PATH = PROJECT_ROOT / "data" / "landing" / "bulletins" / "2017-annual-notice.txt"


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


def replace_line(text: str, line_number: int, expected: str, replacement: str) -> str:
    """Edit one line of the notice, first making sure it holds what the test thinks it holds."""
    lines = text.split("\n")
    assert lines[line_number - 1] == expected, f"line {line_number} is {lines[line_number - 1]!r}, not {expected!r}"
    lines[line_number - 1] = replacement
    return "\n".join(lines)


def write_landing(folder: Path, notices: dict[str, bytes]) -> Path:
    bulletins = folder / "bulletins"
    bulletins.mkdir(parents=True, exist_ok=True)
    for name, content in notices.items():
        (bulletins / name).write_bytes(content)
    return folder


def run_cli(dagster_home: Path, *args, timeout: int = 300) -> subprocess.CompletedProcess:
    """`eco12369 ARGS` in a subprocess, recording its runs in an instance of its own."""
    environment = {**os.environ, "DAGSTER_HOME": str(dagster_home)}
    dagster_home.mkdir(exist_ok=True)
    return subprocess.run(
        [sys.executable, "-m", "pipelines.cli", *args],
        cwd=PROJECT_ROOT, env=environment, capture_output=True, text=True, timeout=timeout,
    )


@pytest.fixture(scope="session")
def fresh_build(tmp_path_factory) -> Path:
    """A warehouse published by `eco12369 build` from the project's landing folder as committed
    (the 2017 notice and the constructed 2017 feeds), with its report beside it."""
    folder = tmp_path_factory.mktemp("fresh_build")
    warehouse = folder / "wh" / "12369.duckdb"
    built = run_cli(folder / "dagster_home", "build", "--landing", str(PROJECT_ROOT / "data" / "landing"), "--warehouse", str(warehouse))
    assert built.returncode == 0, built.stderr
    return warehouse
