"""The base of the project's errors, and the error of the warehouse store itself."""


class Eco12369Error(Exception):
    """Base of every error this project raises on purpose; anything else is a bug."""


class PublishError(Eco12369Error):
    """The warehouse could not be staged or published."""
