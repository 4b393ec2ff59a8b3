"""Imports point one way: pipelines/ -> assets/ -> expectations/ -> warehouse/, and only the top two
layers know Dagster; Dagster's private API is used in pipelines/dagster_internals.py alone."""

import ast
from pathlib import Path

import pytest

from tests.support.landing import PROJECT_ROOT

# Top to bottom: a module may import its own layer and those below it, never one above.
LAYERS = ("pipelines", "assets", "expectations", "warehouse")
DAGSTER_LAYERS = {"pipelines", "assets"}
PRIVATE_DAGSTER_MODULE = "pipelines/dagster_internals.py"


def imported_modules(source: str) -> list[tuple[int, str]]:
    """(line, module) of every import in `source`, at any depth (imports inside functions count too)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


def layer_violations(relative_path: str, source: str) -> list[str]:
    """What `relative_path` (e.g. "assets/publishing.py") imports that its layer may not."""
    layer = relative_path.split("/")[0]
    rank = LAYERS.index(layer)
    problems = []
    for line, module in imported_modules(source):
        top = module.split(".")[0]
        if top in LAYERS and LAYERS.index(top) < rank:
            problems.append(f"{relative_path}:{line} imports {module}, a layer above {layer}/")
        if top == "tests":
            problems.append(f"{relative_path}:{line} imports {module}: production code never imports the tests")
        if (top == "dagster" or top.startswith("dagster_")) and layer not in DAGSTER_LAYERS:
            problems.append(f"{relative_path}:{line} imports {module}: only pipelines/ and assets/ import Dagster")
        if module.startswith("dagster._") and relative_path != PRIVATE_DAGSTER_MODULE:
            problems.append(f"{relative_path}:{line} imports {module}: Dagster's private API belongs in {PRIVATE_DAGSTER_MODULE}")
    return problems


def production_modules() -> list[Path]:
    return sorted(path for layer in LAYERS for path in (PROJECT_ROOT / layer).rglob("*.py"))


def test_every_layer_is_a_package_with_modules():
    for layer in LAYERS:
        assert (PROJECT_ROOT / layer / "__init__.py").is_file(), layer
    assert len(production_modules()) > 30


@pytest.mark.parametrize("path", production_modules(), ids=lambda path: str(path.relative_to(PROJECT_ROOT)))
def test_imports_point_down(path):
    relative = path.relative_to(PROJECT_ROOT).as_posix()
    assert layer_violations(relative, path.read_text(encoding="utf-8")) == []


def test_the_scan_finds_each_kind_of_violation():
    # Constructed sources, one violation each, so that the scan above can be seen to fail.
    assert layer_violations("warehouse/store.py", "import dagster as dg\n") == [
        "warehouse/store.py:1 imports dagster: only pipelines/ and assets/ import Dagster"
    ]
    assert layer_violations("assets/x.py", "def f():\n    from pipelines.jobs import REFRESH_WAREHOUSE\n") == [
        "assets/x.py:2 imports pipelines.jobs, a layer above assets/"
    ]
    assert layer_violations("expectations/x.py", "from assets import errors\n") == [
        "expectations/x.py:1 imports assets, a layer above expectations/"
    ]
    assert layer_violations("pipelines/cli.py", "from dagster._core.instance.ref import InstanceRef\n") == [
        f"pipelines/cli.py:1 imports dagster._core.instance.ref: Dagster's private API belongs in {PRIVATE_DAGSTER_MODULE}"
    ]
    assert layer_violations("pipelines/jobs.py", "from warehouse.registry import STEPS\nimport dagster\n") == []
