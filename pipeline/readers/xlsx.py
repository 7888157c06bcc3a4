"""XLSX workbooks: the zip checked against bombs before openpyxl opens it, then each selected
sheet as a grid of text (merged cells filled, cached formula values, else the formula)."""

from __future__ import annotations

import io as _io
import logging
import re
import warnings
from typing import Any

from pipeline import limits
from pipeline.errors import InputError
from pipeline.readers.mapping import ListMapping
from pipeline.readers.rows import _Chunk, _Row
from pipeline.readers.tabular import (
    _ZIP_MAGIC,
    _cell_text,
    _check_columns,
    _check_duplicates,
    _combine_header,
    _drop_empty_unnamed,
)

log = logging.getLogger(__name__)

_DIMENSION = re.compile(
    rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?\"")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s>/]")


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


def _check_xlsx_zip(data: bytes, file: str) -> bool:
    """Refuse a workbook whose zip declares too much (issue 12.1), before openpyxl opens it:
    the total and per-member expansion from the sizes in the zip's directory (zipfile never
    inflates a member past its declared size), each worksheet's declared <dimension> and its
    count of <c> elements (streamed). True when some worksheet holds a formula."""
    import zipfile

    try:
        archive = zipfile.ZipFile(_io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return True  # openpyxl's error message says what is wrong
    total = sum(m.file_size for m in members)
    if total > limits.MAX_XLSX_UNZIPPED_BYTES:
        raise InputError(f"the workbook expands to {total:,} bytes, over the limit of "
                         f"{limits.MAX_XLSX_UNZIPPED_BYTES // (1024 * 1024)} MiB "
                         "(MAX_XLSX_UNZIPPED_BYTES)", file=file)
    for m in members:
        ratio = m.file_size // max(m.compress_size, 1)
        if m.file_size > (1 << 20) and ratio > limits.MAX_ZIP_RATIO:
            raise InputError(f"zip member {m.filename!r} expands {ratio:,} times, over the "
                             f"limit of {limits.MAX_ZIP_RATIO} (MAX_ZIP_RATIO)", file=file)
    formulas = False
    for m in members:
        if not (m.filename.startswith("xl/worksheets/") and m.filename.endswith(".xml")):
            continue
        cells, tail, first = 0, b"", True
        try:
            with archive.open(m) as fh:
                for block in iter(lambda fh=fh: fh.read(1 << 20), b""):
                    text = tail + block
                    if first:
                        _check_dimension(text[:1 << 16], file, m.filename)
                        first = False
                    cells += len(_CELL_TAG.findall(block))  # (one split at a seam: no matter)
                    formulas = formulas or b"<f>" in text or b"<f " in text or b":f>" in text
                    tail = block[-16:]
                    if cells > limits.MAX_XLSX_CELLS:
                        raise InputError(f"worksheet {m.filename!r} holds more than "
                                         f"{limits.MAX_XLSX_CELLS:,} cells (MAX_XLSX_CELLS)",
                                         file=file)
        except InputError:
            raise
        except Exception:  # noqa: BLE001 - a damaged member: openpyxl's error says what
            return True
    return formulas


def _check_dimension(head: bytes, file: str, member: str) -> None:
    found = _DIMENSION.search(head)
    if not found or not found.group(3):
        return
    rows = int(found.group(4)) - int(found.group(2) or 1) + 1
    cols = _column_number(found.group(3)) - _column_number(found.group(1) or b"A") + 1
    ref = found.group(0).split(b'"')[1].decode("ascii")
    if cols > limits.MAX_COLUMNS:
        raise InputError(f"worksheet {member!r} declares {cols:,} columns ({ref}), over the "
                         f"limit of {limits.MAX_COLUMNS:,} (MAX_COLUMNS)", file=file)
    if rows * cols > limits.MAX_XLSX_CELLS:
        raise InputError(f"worksheet {member!r} declares {rows * cols:,} cells ({ref}), over "
                         f"the limit of {limits.MAX_XLSX_CELLS:,} (MAX_XLSX_CELLS)", file=file)


def _check_sheet_bounds(ws: Any, name: str, file: str) -> None:
    """The grid is built up to the last used cell: refuse before building a huge one."""
    rows, cols = ws.max_row, ws.max_column
    _check_columns(cols, file, None, name)
    if rows * cols > limits.MAX_XLSX_CELLS:
        raise InputError(f"sheet {name!r} spans {rows:,} rows x {cols:,} columns, over the "
                         f"limit of {limits.MAX_XLSX_CELLS:,} cells (MAX_XLSX_CELLS)", file=file)


def _read_xlsx(data: bytes, file: str, mapping: ListMapping) -> list[_Chunk]:
    """A chunk per selected sheet of a workbook (``sheet: all`` skips empty sheets)."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    if not data:
        raise InputError("empty file (0 bytes)", file=file)
    if not data.startswith(_ZIP_MAGIC):
        raise InputError("not an XLSX workbook (not a zip archive)", file=file)
    formulas = _check_xlsx_zip(data, file)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            values_wb = openpyxl.load_workbook(_io.BytesIO(data), data_only=True)
            # the formulas only matter where a cell has no cached value: a workbook without
            # any formula is loaded once
            formula_wb = (openpyxl.load_workbook(_io.BytesIO(data), data_only=False)
                          if formulas else None)
    except InputError:
        raise
    except Exception as exc:  # openpyxl/zipfile/lxml raise many types on damaged files
        raise InputError(
            f"not a readable XLSX workbook ({type(exc).__name__}: {exc})", file=file
        ) from None
    names = [ws.title for ws in values_wb.worksheets]
    if not names:
        raise InputError("the workbook has no worksheets", file=file)
    selected, skip_empty = _select_sheets(mapping.sheet, names, file)
    chunks = []
    for name in selected:
        _check_sheet_bounds(values_wb[name], name, file)
        grid = _sheet_grid(values_wb[name], formula_wb[name] if formula_wb else None)
        if all(v is None for row in grid for v in row):
            if skip_empty:
                log.info("%s: sheet %r is empty, skipped", file, name)
                continue
            raise InputError(f"sheet {name!r} is empty", file=file)
        first, last = mapping.header_row, mapping.header_row + mapping.header_rows - 1
        if last > len(grid):
            raise InputError(
                f"sheet {name!r} has {len(grid)} rows, so no header at row {first}", file=file
            )
        header = _combine_header(
            grid[first - 1 : last],
            fill_across=False,
            blank_name=lambda i: f"column_{get_column_letter(i + 1)}",
        )
        _check_duplicates(header, file, first, name)
        chunk = _Chunk(file=file, sheet=name, header=header, header_row=first, tabular=True)
        for row_no in range(last + 1, len(grid) + 1):
            cells = grid[row_no - 1]
            if all(v is None or not v.strip() for v in cells):
                continue
            chunk.raw_row_count += 1
            chunk.rows.append(_Row(file, name, row_no, None, dict(zip(header, cells, strict=True))))
        _drop_empty_unnamed(
            chunk, {f"column_{get_column_letter(i + 1)}" for i in range(len(header))}
        )
        chunks.append(chunk)
    return chunks


def _select_sheets(
    sheet: str | int | tuple[str | int, ...] | None, names: list[str], file: str
) -> tuple[list[str], bool]:
    if sheet is None:
        return [names[0]], False
    if sheet == "all":
        return list(names), True
    wanted = sheet if isinstance(sheet, tuple) else (sheet,)
    selected = []
    for s in wanted:
        if isinstance(s, int):
            if s >= len(names):
                raise InputError(
                    f"sheet index {s} out of range: the workbook has {len(names)} sheets "
                    f"({', '.join(names)})",
                    file=file,
                )
            selected.append(names[s])
        elif s in names:
            selected.append(s)
        else:
            raise InputError(f"sheet {s!r} not found; sheets: {', '.join(names)}", file=file)
    return list(dict.fromkeys(selected)), False


def _sheet_grid(values_ws: Any, formula_ws: Any) -> list[list[str | None]]:
    """Every cell of the sheet as text (None when empty), merged ranges filled."""
    max_row, max_col = values_ws.max_row, values_ws.max_column
    bounds = {"min_row": 1, "min_col": 1, "max_row": max_row, "max_col": max_col}
    grid: list[list[str | None]] = []
    formula_rows = (formula_ws.iter_rows(values_only=True, **bounds) if formula_ws is not None
                    else iter(lambda: (None,) * max_col, None))
    for vrow, frow in zip(values_ws.iter_rows(values_only=True, **bounds), formula_rows,
                          strict=False):  # (formula_rows may be endless)
        out = []
        for value, formula in zip(vrow, frow, strict=True):  # (both max_col wide)
            if value is None and formula is not None:
                value = formula if isinstance(formula, str) else getattr(formula, "text", None)
            out.append(_cell_text(value))
        grid.append(out)
    for merged in values_ws.merged_cells.ranges:
        top = grid[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row, min(merged.max_row, max_row) + 1):
            for c in range(merged.min_col, min(merged.max_col, max_col) + 1):
                grid[r - 1][c - 1] = top
    return grid
