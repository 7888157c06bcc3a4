"""What the tabular readers (CSV, XLSX, JSON arrays of arrays) share: header rows combined into
names and checked, empty unnamed columns dropped, a cell as text."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any

import pyarrow.compute as pc

from pipeline import limits
from pipeline.errors import InputError
from pipeline.readers.rows import _Chunk

_ZIP_MAGIC = b"PK\x03\x04"


def _combine_header(
    parts: list[list[Any]], *, fill_across: bool, blank_name: Callable[[int], str]
) -> list[str]:
    """Combine one or more header rows into names: blanks in upper rows are filled from the
    left (CSV only; XLSX fills real merged ranges before this), parts joined with ' ', an
    identical part repeated by a vertical merge kept once."""
    width = max(len(p) for p in parts)
    rows = [[_header_text(c) for c in p] + [""] * (width - len(p)) for p in parts]
    if fill_across and len(rows) > 1:
        for r in rows[:-1]:
            for i in range(1, width):
                if not r[i]:
                    r[i] = r[i - 1]
    names = []
    for i in range(width):
        pieces: list[str] = []
        for r in rows:
            if r[i] and (not pieces or pieces[-1] != r[i]):
                pieces.append(r[i])
        names.append(" ".join(pieces) or blank_name(i))
    return names


def _header_text(value: Any) -> str:
    text = value if isinstance(value, str) else (_cell_text(value) or "")
    return " ".join(text.split())


def _check_duplicates(
    header: list[str], file: str, row: int | None, sheet: str | None = None
) -> None:
    dupes = sorted({h for h in header if header.count(h) > 1})
    if dupes:
        where = f" in sheet {sheet!r}" if sheet else ""
        raise InputError(
            f"duplicate column names{where}: {', '.join(repr(d) for d in dupes)}",
            file=file,
            row=row,
        )


def _drop_empty_unnamed(chunk: _Chunk, unnamed: set[str]) -> None:
    if chunk.columns is not None:
        for name in [h for h in chunk.header if h in unnamed]:
            col = chunk.columns[name]  # null for an empty field
            if len(col) == 0 or not pc.max(pc.utf8_length(col)).as_py():
                chunk.header.remove(name)
                del chunk.columns[name]
        return
    for name in [h for h in chunk.header if h in unnamed]:
        if all(not row.values.get(name) for row in chunk.rows):
            chunk.header.remove(name)
            for row in chunk.rows:
                row.values.pop(name, None)


def _check_columns(count: int, file: str, row: int | None, sheet: str | None = None) -> None:
    if count > limits.MAX_COLUMNS:
        where = f"sheet {sheet!r} " if sheet else ""
        raise InputError(f"{where}has {count:,} columns, over the limit of "
                         f"{limits.MAX_COLUMNS:,} (MAX_COLUMNS)", file=file, row=row)


def _cell_text(value: Any) -> str | None:
    """An XLSX cell as text: whole numbers without '.0', dates as ISO."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, str):
        return value if value else None
    return str(value)
