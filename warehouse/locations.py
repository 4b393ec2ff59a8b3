"""Where the project's folders are: the checkout it runs from, or the current folder once installed.

Relative paths (the defaults `data/landing` and `warehouse/12369.duckdb`, or a relative setting) are
taken from the checkout when the code runs from one (`uv run` in the repository), so that the UI, the
command line and the tests agree whatever folder they start in; an installed wheel has no checkout,
and takes them from the current folder.
"""

import os
import re
from pathlib import Path

from warehouse.errors import PublishError

DEFAULT_LANDING = "data/landing"
DEFAULT_WAREHOUSE = "warehouse/12369.duckdb"
# Where an installed copy keeps its Dagster instance when DAGSTER_HOME is not set (docs/development.md, "Installing the package elsewhere").
STATE_FOLDER_NAME = "eco12369"

_CHECKOUT = Path(__file__).resolve().parents[1]
# "md:", "s3://", "https://" and the like: connection strings and URLs, not paths.
_CONNECTION_STRING = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")


def running_from_checkout() -> bool:
    """True when the packages are imported from the repository (an editable install or `uv run`)."""
    return (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / "workspace.yaml").is_file()


def project_root() -> Path:
    """The folder relative paths are taken from: the checkout, or the current folder when installed."""
    return _CHECKOUT if running_from_checkout() else Path.cwd()


def state_home() -> Path:
    """Where an installed copy keeps its Dagster instance: $XDG_STATE_HOME/eco12369, by default
    ~/.local/state/eco12369 (never the site-packages folder, which may be read-only or shared)."""
    base = os.getenv("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / STATE_FOLDER_NAME


def refuse_connection_string(path: str, setting: str) -> None:
    if _CONNECTION_STRING.match(path):
        raise PublishError(
            f"{setting} {path!r}: a path on a file system is needed (the warehouse is published by renaming "
            "a file over the old one); connection strings and URLs such as md:, s3:// or https:// cannot be "
            "written to (docs/deploy.md)"
        )


def absolute(path: str, setting: str) -> Path:
    """`path` as an absolute path, relative ones taken from the project root; URLs refused."""
    refuse_connection_string(path, setting)
    candidate = Path(path)
    return candidate if candidate.is_absolute() else project_root() / candidate
