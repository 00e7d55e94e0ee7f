"""The importer's one error: a source that cannot be imported."""


class SourceError(Exception):
    """A source that cannot be imported; the message is one line, without the path."""
