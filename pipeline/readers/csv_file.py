"""CSV (also TSV and TXT) lists: the header rows, then the body by the column-wise fast path
(:mod:`pipeline.readers.csv_fast`) when it applies, else record by record
(:mod:`pipeline.readers.csv_records`). Both give the same rows, problems and line numbers."""

from __future__ import annotations

import io as _io
from collections.abc import Iterator

from pipeline.errors import InputError
from pipeline.readers.csv_fast import (
    _fast_csv_bytes,
    _fast_csv_text,
    _nth_line_end,
    _read_csv_body_fast,
)
from pipeline.readers.csv_records import _csv_records, _is_blank, _LineFeed, _read_csv_rows
from pipeline.readers.decoding import _SNIFF_LINES, _decode, _sniff_sample, sniff_delimiter
from pipeline.readers.mapping import ListMapping
from pipeline.readers.rows import _Chunk
from pipeline.readers.tabular import (
    _ZIP_MAGIC,
    _check_columns,
    _check_duplicates,
    _combine_header,
    _drop_empty_unnamed,
)


def _read_csv(data: bytes, file: str, mapping: ListMapping) -> _Chunk:
    """One CSV file into a chunk: the header rows, then the body column-wise when the fast path
    applies, else record by record."""
    if not data:
        raise InputError("empty file (0 bytes)", file=file)
    if data.startswith(_ZIP_MAGIC):
        raise InputError(
            "this is a zip archive (an XLSX file?), not CSV: set 'format: xlsx'", file=file
        )
    fast = _fast_csv_bytes(data, mapping.encoding)
    text = None if fast is not None else _decode(data, mapping.encoding, file)
    if text is not None:
        fast_text = _fast_csv_text(text)
        fast = fast_text.encode("utf-8") if fast_text is not None else None
    if fast is not None:
        # every physical line is one record: parse the header from the first lines only
        head_end = _nth_line_end(fast, mapping.header_row - 1 + _SNIFF_LINES + 64)
        lines = list(_io.StringIO(fast[:head_end].decode("utf-8"), newline=""))
    else:
        assert text is not None
        lines = list(_io.StringIO(text, newline=""))
    start = mapping.header_row - 1
    if start >= len(lines):
        if text is None:
            text = _decode(data, mapping.encoding, file)
        if not text.strip():
            raise InputError("empty file: no header row", file=file)
        raise InputError(
            f"no header: header_row is {mapping.header_row} but the file has {len(lines)} lines",
            file=file,
        )
    delimiter = mapping.delimiter or sniff_delimiter(_sniff_sample(lines, start))
    feed = _LineFeed(lines, start)
    records = _csv_records(lines, start, delimiter, feed)
    header, header_line = _read_csv_header(records, file, mapping.header_rows)
    _check_duplicates(header, file, header_line)
    chunk = _Chunk(file=file, sheet=None, header=header, header_row=header_line, tabular=True)
    if fast is not None and (feed.pos < len(lines) or head_end == len(fast)):
        _read_csv_body_fast(chunk, fast, feed.pos, delimiter)
        _drop_empty_unnamed(chunk, {f"column_{i + 1}" for i in range(len(header))})
        return chunk
    if fast is not None:  # the header did not fit in the first lines: the general reader
        if text is None:
            text = _decode(data, mapping.encoding, file)
        lines = list(_io.StringIO(text, newline=""))
        feed = _LineFeed(lines, feed.pos)
        records = _csv_records(lines, feed.pos, delimiter, feed)
    _read_csv_rows(chunk, records)
    _drop_empty_unnamed(chunk, {f"column_{i + 1}" for i in range(len(header))})
    return chunk


def _read_csv_header(
    records: Iterator[tuple[int, list[str] | None, str, str | None]], file: str, header_rows: int
) -> tuple[list[str], int | None]:
    """The header names and the line they start on, from the first ``header_rows`` records
    (blank records before them skipped); ``records`` is left just past them."""
    header_parts: list[list[str]] = []
    header_line: int | None = None
    for line_no, fields, _raw, error in records:
        if error is not None:
            raise InputError(f"cannot parse the header: {error}", file=file, row=line_no)
        assert fields is not None
        if not header_parts and _is_blank(fields):
            continue
        if header_parts and not fields:
            continue
        _check_columns(len(fields), file, line_no)
        if any("\x00" in f for f in fields):
            raise InputError(
                "the header contains NUL characters (damaged file?)", file=file, row=line_no
            )
        header_line = header_line or line_no
        header_parts.append(fields)
        if len(header_parts) == header_rows:
            break
    if not header_parts:
        raise InputError("empty file: no header row", file=file)
    header = _combine_header(header_parts, fill_across=True, blank_name=lambda i: f"column_{i + 1}")
    return header, header_line
