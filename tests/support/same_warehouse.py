"""Whether two warehouse files hold the same tables and views, row for row (run ids and times aside).

Usage: python -m tests.support.same_warehouse A.duckdb B.duckdb   (exit 0 when they are the same)
.ci/run uses it to compare a build on Python 3.13 with one on the locked default interpreter.
"""

import sys
from pathlib import Path

from tests.support.digests import content_checksums


def differences(first: Path, second: Path) -> list[str]:
    a, b = content_checksums(first, include_views=True), content_checksums(second, include_views=True)
    return [
        f"{name}: {'differs' if name in a and name in b else 'only in ' + (str(first) if name in a else str(second))}"
        for name in sorted(set(a) | set(b))
        if a.get(name) != b.get(name)
    ]


def main(argv: list[str]) -> int:
    first, second = map(Path, argv)
    found = differences(first, second)
    for line in found:
        print(line)
    print(f"{first} and {second}: " + ("the same tables and views" if not found else f"{len(found)} relations differ"))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
