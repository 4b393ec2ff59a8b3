"""The folders of a landing folder, one per kind of input. A landing folder holds any of them."""

BULLETIN_FOLDER = "bulletins"  # annual notices and saved bulletin pages
SPOT_CHECK_FOLDER = "spot_checks"  # the quarterly spot-check feeds
COMPLAINTS_FOLDER = "complaints"  # the provincial platforms' complaint exports
INPUT_FOLDERS = (BULLETIN_FOLDER, SPOT_CHECK_FOLDER, COMPLAINTS_FOLDER)


def landing_path(folder: str, name: str) -> str:
    """A file's path under the landing folder, as table refused_input names it (`complaints/x.csv`)."""
    return f"{folder}/{name}"
