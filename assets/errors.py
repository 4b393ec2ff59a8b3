"""Errors of reading inputs: each names the file and the place, so that a person can act on it."""

from warehouse.errors import Eco12369Error


class InputError(Eco12369Error):
    """An input file that cannot be read as what it claims to be.

    The message always names the file, the place in it (line, table, row or column) and what was
    expected there, so that a person can open the file and fix or report it.
    """

    def __init__(self, source_file: str, place: str, expected: str, found: str | None = None):
        self.source_file = source_file
        self.place = place
        self.expected = expected
        self.found = found
        message = f"{source_file}, {place}: expected {expected}"
        if found is not None:
            message += f", found {found!r}"
        super().__init__(message)


class BulletinParseError(InputError):
    """A bulletin whose text does not have the structure of a Ministry notice."""


class BulletinConflictError(Eco12369Error):
    """Two different bulletins in the landing folder claim the same report year."""


class ConfigurationError(Eco12369Error):
    """A run configured for something this machine cannot do (e.g. the Spark engine without pyspark or
    Java): the message says what is missing and how to add it."""
