"""Shared fixtures: the 2017 notice as landed, and helpers to build warehouses from (edited) copies."""

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
