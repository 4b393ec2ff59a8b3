"""Every query README.md and docs/*.md show runs in the DuckDB shell on a fresh build, and a table a page
prints is exactly what the shell prints: a page can never show an output the warehouse no longer gives.

What counts as a shown query, inside a fenced code block of a page:
- a line `$ uv run duckdb -readonly warehouse/12369.duckdb < warehouse/queries/<name>.sql` and the lines
  below it, up to the next `$ ` line or the end of the block: the table the shell prints (box mode);
- a command `uv run duckdb -readonly warehouse/12369.duckdb < warehouse/queries/<name>.sql` without `$ `
  and without output, and a command `uv run duckdb -readonly warehouse/12369.duckdb -c "<sql>"`: they
  must run without error;
- a ```sql block: it must run without error.
The shell's box output is deterministic on a fresh build (the queries order their rows; the column
widths follow the values, not the terminal, when stdout is no terminal); lines are compared after
dropping trailing whitespace, which a Markdown editor may strip.
"""

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.landing import PROJECT_ROOT

QUERIES = PROJECT_ROOT / "warehouse" / "queries"
PAGES = [PROJECT_ROOT / "README.md", *sorted((PROJECT_ROOT / "docs").glob("*.md"))]
# The `duckdb` shell of the dev dependency duckdb-cli, the one `uv run duckdb` starts (as in test_example_queries).
DUCKDB_SHELL = Path(sys.executable).parent / "duckdb"

OPEN = "uv run duckdb -readonly warehouse/12369.duckdb"
FENCE = re.compile(r"^```(?P<lang>[\w-]*)[ \t]*\n(?P<body>.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
QUERY_FILE = re.compile(rf"^(?P<prompt>\$ )?{re.escape(OPEN)} < warehouse/queries/(?P<name>[\w.-]+\.sql)[ \t]*$")
INLINE_SQL = re.compile(rf'{re.escape(OPEN)} -c "(?P<sql>[^"]*)"', re.DOTALL)
# A query file named anywhere on a page, as a path or by its numbered name in the list of examples.
NAMED_FILE = re.compile(r"(?:warehouse/queries/(?P<path>[\w.-]+\.sql))|(?:`(?P<name>\d\d_[\w-]+\.sql)`)")


@dataclass(frozen=True)
class Shown:
    page: str
    line: int  # the page's line the query starts on, for the message
    sql: str  # the SQL text, or the query file's text
    source: str  # "<name>.sql" or "sql block" or "-c"
    printed: str | None  # the table the page prints below it; None where the page shows no output

    @property
    def id(self) -> str:
        return f"{self.page}:{self.line}:{self.source}"


def shown_queries(page: Path) -> list[Shown]:
    text = page.read_text(encoding="utf-8")
    name = page.relative_to(PROJECT_ROOT).as_posix()
    found = []
    for block in FENCE.finditer(text):
        first_line = text.count("\n", 0, block.start("body")) + 1
        body = block["body"]
        if block["lang"] == "sql":
            found.append(Shown(name, first_line, body, "sql block", None))
            continue
        lines = body.splitlines()
        for index, line in enumerate(lines):
            command = QUERY_FILE.match(line)
            if command is None:
                continue
            sql = (QUERIES / command["name"]).read_text(encoding="utf-8") if (QUERIES / command["name"]).exists() else ""
            printed = None
            if command["prompt"]:
                end = next((i for i in range(index + 1, len(lines)) if lines[i].startswith("$ ")), len(lines))
                printed = "\n".join(lines[index + 1 : end])
            found.append(Shown(name, first_line + index, sql, command["name"], printed))
        for inline in INLINE_SQL.finditer(body):
            found.append(Shown(name, first_line + body.count("\n", 0, inline.start()), inline["sql"], "-c", None))
    return found


def unrecognised_commands(page: Path) -> list[str]:
    """Lines of a page's code blocks that start the DuckDB shell in a form this test does not run."""
    text = page.read_text(encoding="utf-8")
    odd = []
    for block in FENCE.finditer(text):
        for line in block["body"].splitlines():
            if "uv run duckdb" not in line:
                continue
            plain = line.strip()
            if QUERY_FILE.match(plain) or plain.startswith(f'{OPEN} -c "') or plain.split("#")[0].strip() == OPEN:
                continue
            odd.append(f"{page.name}: {plain}")
    return odd


SHOWN = [shown for page in PAGES for shown in shown_queries(page)]


def normalised(output: str) -> str:
    return "\n".join(line.rstrip() for line in output.strip("\n").splitlines())


def run_in_shell(warehouse: Path, sql: str) -> str:
    shell = subprocess.run(
        [str(DUCKDB_SHELL), "-readonly", str(warehouse)],
        input=sql.encode("utf-8"),
        capture_output=True,
        timeout=60,
    )
    stderr = shell.stderr.decode("utf-8")
    assert shell.returncode == 0 and "Error" not in stderr, stderr
    return shell.stdout.decode("utf-8")


def test_the_pages_show_queries():
    # The README shows one query with its output; the reference pages show more.
    assert any(shown.page == "README.md" and shown.printed for shown in SHOWN)
    assert sum(1 for shown in SHOWN if shown.printed) >= 5
    assert any(shown.source == "sql block" for shown in SHOWN)
    assert any(shown.source == "-c" for shown in SHOWN)


def test_every_query_file_a_page_names_exists():
    missing = []
    for page in PAGES:
        for match in NAMED_FILE.finditer(page.read_text(encoding="utf-8")):
            name = match["path"] or match["name"]
            if not (QUERIES / name).is_file():
                missing.append(f"{page.relative_to(PROJECT_ROOT)}: warehouse/queries/{name}")
    assert missing == []


def test_every_query_file_is_listed_in_querying():
    listed = {match["name"] for match in NAMED_FILE.finditer((PROJECT_ROOT / "docs" / "querying.md").read_text(encoding="utf-8"))}
    assert sorted(path.name for path in QUERIES.glob("*.sql")) == sorted(listed - {None})


def test_every_shell_command_on_a_page_is_one_this_test_runs():
    assert [line for page in PAGES for line in unrecognised_commands(page)] == []


@pytest.mark.slow
@pytest.mark.parametrize("shown", SHOWN, ids=lambda shown: shown.id)
def test_documented_query(fresh_build, shown):
    assert shown.sql, f"{shown.id}: warehouse/queries/{shown.source} does not exist"
    output = run_in_shell(fresh_build, shown.sql)
    if shown.printed is not None:
        assert normalised(output) == normalised(shown.printed), (
            f"{shown.id} prints something else now; paste the shell's output into the page:\n{output}"
        )
