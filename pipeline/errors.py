"""Errors that carry their location: file, row, field and the offending value.

The CLI catches :class:`PipelineError`, prints ``str(err)`` as one line on stderr and exits 1.
Any other exception escaping a stage is a bug.
"""

from __future__ import annotations


def _short(value: object, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class PipelineError(Exception):
    """A problem the user can fix, located as precisely as we know it."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        field: str | None = None,
        value: object = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.row = row
        self.field = field
        self.value = value

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file if self.row is None else f"{self.file}:{self.row}"
            where += ": "
        elif self.row is not None:
            where = f"row {self.row}: "
        field = f"{self.field}: " if self.field else ""
        value = f" ({_short(self.value)})" if self.value is not None else ""
        text = f"{where}{field}{self.message}{value}"
        return " ".join(text.split())  # always one line


class SnapshotError(PipelineError):
    """A raw file is missing, unlisted, or does not match its recorded checksum/metadata."""


class InputError(PipelineError):
    """A raw or hand-made input file cannot be read or lacks required columns."""


class SchemaError(PipelineError):
    """Data does not conform to its declared table schema."""


class ReleaseError(PipelineError):
    """A release cannot be published (version exists and differs, validation failed, lock held)."""
