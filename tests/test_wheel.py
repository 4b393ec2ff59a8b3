"""The package ships what it runs: the wheel, installed into a clean virtual environment, builds the
same warehouse from any folder, with no checkout in sight."""

import json
import os
import shutil
import subprocess
import sys

import duckdb
import pytest

from tests.support.digests import checksums_of_recorded_relations
from tests.support.landing import LANDING, PROJECT_ROOT


def _uv() -> list[str]:
    # `uv run` tells its children where it is; otherwise the uv on PATH.
    found = os.environ.get("UV") or shutil.which("uv")
    if not found:
        pytest.fail("uv not found: run the tests with `uv run pytest` (README)")
    return [found]


def _run(command: list, **options) -> subprocess.CompletedProcess:
    done = subprocess.run([str(part) for part in command], capture_output=True, text=True, timeout=600, **options)
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.mark.slow
def test_the_installed_wheel_builds_the_same_warehouse_from_another_folder(tmp_path):
    uv = _uv()
    _run([*uv, "build", "--wheel", "--out-dir", tmp_path / "dist", "--project", PROJECT_ROOT])
    (wheel,) = (tmp_path / "dist").glob("eco12369-*.whl")
    # The same versions as uv.lock, and nothing of the checkout: the wheel alone carries the project.
    requirements = _run(
        [*uv, "export", "--project", PROJECT_ROOT, "--format", "requirements-txt", "--no-dev", "--no-hashes", "--no-emit-project", "-q"]
    )
    (tmp_path / "requirements.txt").write_text(requirements.stdout, encoding="utf-8")
    venv = tmp_path / "venv"
    environment = {**os.environ, "UV_PYTHON_DOWNLOADS": "never"}
    environment.pop("VIRTUAL_ENV", None)
    _run([*uv, "venv", "-q", "--python", sys.executable, venv], env=environment)
    # Without --compile-bytecode: compiling every module of the environment took 31 s of CPU here, for
    # one build that imports a fraction of them (it compiles those as it imports them, 4 s more).
    _run([*uv, "pip", "install", "-q", "--python", venv / "bin" / "python", "-r", tmp_path / "requirements.txt", wheel], env=environment)

    landing = tmp_path / "landing"
    shutil.copytree(LANDING, landing)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    state = tmp_path / "state"
    run_environment = {key: value for key, value in environment.items() if not key.startswith(("DAGSTER_HOME", "ECO12369_"))}
    run_environment.update({"XDG_STATE_HOME": str(state), "PYTHONPATH": ""})
    built = subprocess.run(
        [venv / "bin" / "eco12369", "build", "--landing", landing, "--warehouse", "out/12369.duckdb"],
        cwd=elsewhere,
        env=run_environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert built.returncode == 0, built.stderr
    warehouse = elsewhere / "out" / "12369.duckdb"
    assert f"published: {warehouse}" in built.stdout
    assert (elsewhere / "out" / "reports" / "report.html").is_file()
    # The documented default home of the Dagster instance of an installed copy (docs/development.md, "Installing the package elsewhere").
    assert (state / "eco12369" / "dagster.yaml").is_file()
    assert (state / "eco12369" / ".dagster" / "history").is_dir()

    snapshots = PROJECT_ROOT / "tests" / "snapshots"
    expected = json.loads((snapshots / "published_warehouse.json").read_text(encoding="utf-8"))["contents_sha256"]
    recorded_assets = set(json.loads((snapshots / "definitions.json").read_text(encoding="utf-8"))["assets"])
    assert checksums_of_recorded_relations(warehouse, expected, recorded_assets) == expected
    with duckdb.connect(str(warehouse), read_only=True) as con:
        # Every page that ships and the notice: every file of the bulletins folder but its manifest.
        shipped = [path for path in (LANDING / "bulletins").iterdir() if path.name != "SOURCES.csv"]
        assert con.execute("select count(*) from bulletin_release").fetchone() == (len(shipped),)
