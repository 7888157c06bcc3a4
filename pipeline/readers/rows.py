"""The row model: what a reader produces (a chunk per file, sheet or records folder, holding
rows or problems) and what :func:`~pipeline.readers.read_list` returns."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa

NAME_COLUMNS: tuple[str, ...] = ("name_fa", "name_latin")
BOOKKEEPING_COLUMNS: tuple[str, ...] = ("file", "sheet", "source_row", "record_key")
EXTRA_PREFIX = "x_"


@dataclass(frozen=True)
class RowProblem:
    """A row that exists in the file but could not be read into the frame."""

    file: str
    row: int
    field: str | None
    reason_code: str
    message: str
    value_original: str | None
    sheet: str | None = None


@dataclass
class ListRead:
    """What :func:`~pipeline.readers.read_list` returns: the rows read into the template (plus
    ``x_`` extras and bookkeeping columns), the rows that could not be, how many data rows the
    files hold (``raw_row_count == len(frame) + problem_row_count``) and every source column
    name found."""

    frame: pd.DataFrame
    problems: list[RowProblem]
    raw_row_count: int
    columns_found: list[str]

    @property
    def problem_row_count(self) -> int:
        """Distinct rows (file, sheet, row) that have a problem."""
        return len({(p.file, p.sheet, p.row) for p in self.problems})


@dataclass
class _Row:
    file: str
    sheet: str | None
    source_row: int
    record_key: str | None
    values: dict[str, str | None]


@dataclass
class _Chunk:
    """What one reader produced: one CSV/JSON file, one sheet, or a whole records folder."""

    file: str
    sheet: str | None
    header: list[str]
    header_row: int | None
    tabular: bool
    rows: list[_Row] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    raw_row_count: int = 0
    # CSV fast path: header -> text of every kept row ('' when empty), and their line
    # numbers; used instead of `rows` (which then stays empty)
    columns: dict[str, pa.Array] | None = None
    lines: np.ndarray | None = None


class _RecordError(Exception):
    """A record file (or JSON/YAML document) that does not parse; ``line`` is within the file."""

    def __init__(self, message: str, preview: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.preview = preview
        self.line = line

    @property
    def located(self) -> str:
        """The message, after its line when that is known."""
        return f"line {self.line}: {self.message}" if self.line else self.message


def _unreadable(
    file: str, row: int, message: str, value: str | None, sheet: str | None = None
) -> RowProblem:
    return RowProblem(
        file=file,
        row=row,
        field=None,
        reason_code="unreadable_row",
        message=message,
        value_original=value,
        sheet=sheet,
    )
