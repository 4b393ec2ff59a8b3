"""Which Dagster instance the command line records its runs in.

- DAGSTER_HOME, when set (tests, deployments).
- From a checkout: `.dagster/` in the checkout, with the checkout's dagster.yaml, the instance that
  `dagster dev` started in the same folder uses, so the command line's runs show in the UI.
- Installed from the wheel: $XDG_STATE_HOME/eco12369 (by default ~/.local/state/eco12369), with the
  dagster.yaml the wheel ships, copied there on first use.
"""

import os
import shutil
from pathlib import Path

import dagster as dg

from pipelines.dagster_internals import instance_from_folder
from warehouse.locations import project_root, running_from_checkout, state_home

SETTINGS_FILE = "dagster.yaml"
# The wheel carries the checkout's dagster.yaml here (pyproject.toml, force-include).
PACKAGED_SETTINGS = Path(__file__).resolve().parent / SETTINGS_FILE


def project_instance() -> dg.DagsterInstance:
    if os.getenv("DAGSTER_HOME"):
        return dg.DagsterInstance.get()
    if running_from_checkout():
        root = project_root()
        return instance_from_folder(root / ".dagster", root)
    home = state_home()
    home.mkdir(parents=True, exist_ok=True)
    if not (home / SETTINGS_FILE).exists():
        shutil.copyfile(PACKAGED_SETTINGS, home / SETTINGS_FILE)
    return instance_from_folder(home / ".dagster", home)
