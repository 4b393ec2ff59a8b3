"""The hand readings of the bulletin pages in tests/expected/: figures, releases and the numbers each page
states that are no figure, written by people from the texts (never from the reader's output)."""

import csv

from tests.support.landing import PROJECT_ROOT

EXPECTED = PROJECT_ROOT / "tests" / "expected"


def hand_read_rows(name: str) -> list[dict]:
    """The rows of tests/expected/NAME, as text."""
    with open(EXPECTED / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
