"""The project's inputs as committed, and helpers that make edited copies of them in a test's folder."""

import shutil
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
LANDING = PROJECT_ROOT / "data" / "landing"
NOTICE_PATH = LANDING / "bulletins" / "2017-annual-notice.txt"
SAMPLE_FEEDS = LANDING / "spot_checks"


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


def copy_of_build(built: Path, folder: Path) -> tuple[Path, Path]:
    """A built folder's landing and warehouse (with what the build left beside it: the remembered
    checks, the report) copied into `folder`: (landing, warehouse). Not its Dagster instance: the
    copy's runs go to an instance of their own."""
    shutil.copytree(built / "landing", folder / "landing")
    shutil.copytree(built / "wh", folder / "wh", ignore=shutil.ignore_patterns(".staging"))
    return folder / "landing", folder / "wh" / "12369.duckdb"
