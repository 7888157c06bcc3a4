"""The fast path for CSV without NUL or lone CR: the body is split column-wise by Arrow's CSV
parser instead of row by row, and gives what :mod:`pipeline.readers.csv_records` gives."""

from __future__ import annotations

import codecs
import csv
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.readers.csv_records import _csv_records, _is_blank, _LineFeed, _strip_eol
from pipeline.readers.decoding import DELIMITERS, _utf16_without_bom
from pipeline.readers.rows import _Chunk, _unreadable

# Fast path for CSV without NUL or lone CR: the body is split column-wise by Arrow's CSV parser
# instead of row by row. A line without a quote character, or whose quoted fields are all
# well-formed ("..." with "" inside, between delimiters, no line break inside), is one record
# that csv.reader splits exactly as Arrow does. The other lines (a broken quote, a quoted line
# break, a line of blank quoted fields) go to csv.reader from there until a record ends before
# such a clean line again, so every line is read as the general reader reads it. Anything else
# takes the general reader (csv_records); both give the same rows, problems and line numbers.
# A UTF-8 file is checked and split as bytes, never decoded into one Python string.
_PY_WHITESPACE = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())  # none above
# first UTF-8 bytes of those characters (and of U+FEFF): a line starting with another byte
# (that is not the delimiter's) has something besides white space and delimiters in it
_SPACE_LEAD = np.zeros(256, dtype=bool)
_SPACE_LEAD[[*range(0x21), 0xC2, 0xE1, 0xE2, 0xE3, 0xEF]] = True
_QUOTED_FIELD = '"(?:[^"\r\n]|"")*"'


def _clean_quoted_line(delimiter: str) -> str | None:
    """RE2 pattern of a line whose every field is unquoted without a quote, or well quoted."""
    if delimiter not in DELIMITERS:
        return None
    field_ = f'(?:{_QUOTED_FIELD}|[^"\r\n{delimiter}]*)'
    return f"^{field_}(?:[{delimiter}]{field_})*\r?\n?$"


def _fast_csv_text(text: str) -> str | None:
    """The text (CRLF as LF when it has no quote) if the fast path applies, else None."""
    if "\x00" in text:
        return None
    if "\r" in text:
        if text.count("\r") != text.count("\r\n"):
            return None
        if '"' not in text:  # (a quoted CRLF is part of its value)
            text = text.replace("\r\n", "\n")
    return text


def _fast_csv_bytes(data: bytes, encoding: str) -> bytes | None:
    """What ``_fast_csv_text(_decode(data, encoding)).encode()`` gives, without decoding, when
    the file is UTF-8 (as _decode would read it: a UTF-8 BOM dropped) and the fast path
    applies; None otherwise (then the text path decides, and raises what it raises)."""
    if encoding not in ("auto", "utf-8", "utf-8-sig"):
        return None
    bom = data.startswith(codecs.BOM_UTF8)
    if encoding == "auto" and not bom and (
            data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
            or _utf16_without_bom(data)):
        return None
    if bom:
        data = data[len(codecs.BOM_UTF8):]
        if data.startswith(codecs.BOM_UTF8):  # a second BOM: leave it to the text path
            return None
    if b"\x00" in data:
        return None
    if b"\r" in data:
        if data.count(b"\r") != data.count(b"\r\n"):
            return None
        if b'"' not in data:  # (a quoted CRLF is part of its value)
            data = data.replace(b"\r\n", b"\n")
    whole = pa.Array.from_buffers(pa.large_binary(), 1, [
        None, pa.py_buffer(np.array([0, len(data)], dtype=np.int64)), pa.py_buffer(data)])
    try:
        whole.cast(pa.large_string())  # checks the UTF-8 (as strictly as Python does)
    except pa.ArrowInvalid:
        return None
    return data


def _nth_line_end(text: bytes, n: int) -> int:
    """Offset just past the n-th line break (or the end of the text)."""
    pos = 0
    for _ in range(n):
        nxt = text.find(b"\n", pos)
        if nxt < 0:
            return len(text)
        pos = nxt + 1
    return pos


class _ArrowLines:
    """Lines of an Arrow array as csv.reader's line list (each converted when asked for)."""

    def __init__(self, lines: pa.Array) -> None:
        self.lines = lines

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, i: int | slice) -> Any:
        if isinstance(i, slice):
            return self.lines[i].to_pylist()
        return self.lines[i].as_py()


def _unclean_lines(lines: pa.Array, delimiter: str) -> np.ndarray | None:
    """Which lines csv.reader must read (see above); None when no line has a quote."""
    quotes = pc.count_substring(lines, '"').to_numpy()
    if not quotes.any():
        return None
    pattern = _clean_quoted_line(delimiter)
    if pattern is None:
        return quotes > 0
    unclean = quotes % 2 == 1  # an odd number of quotes is never clean
    at = np.flatnonzero((quotes > 0) & ~unclean)
    if len(at):
        quoted = lines.take(pa.array(at))
        clean = pc.match_substring_regex(quoted, pattern).to_numpy(zero_copy_only=False)
        blank = pc.equal(pc.utf8_length(pc.utf8_trim(
            quoted, characters=_PY_WHITESPACE + delimiter + '"')), 0).to_numpy(
                zero_copy_only=False)
        unclean[at[~clean | blank]] = True
    return unclean


def _read_unclean(chunk: _Chunk, lines: pa.Array, number: np.ndarray, unclean: np.ndarray,
                  delimiter: str) -> tuple[np.ndarray, list[tuple[int, list[str]]]]:
    """csv.reader from each unclean line until a record ends before a clean line: problems go
    to the chunk, good records are returned as (line number, fields) with the mask of the
    lines it read."""
    width = len(chunk.header)
    view = _ArrowLines(lines)
    read = np.zeros(len(lines), dtype=bool)
    rows: list[tuple[int, list[str]]] = []
    pos = 0
    for start in np.flatnonzero(unclean):
        if start < pos:
            continue
        feed = _LineFeed(view, int(start))  # type: ignore[arg-type]
        nxt = int(start)
        for line_no, fields, raw, error in _csv_records(view, int(start), delimiter, feed):  # type: ignore[arg-type]
            first = line_no - 1
            nxt = first + 1 if error is not None else feed.pos
            at = int(number[first])
            if fields is not None and _is_blank(fields):
                pass
            elif error is not None or fields is None:
                chunk.raw_row_count += 1
                chunk.problems.append(
                    _unreadable(chunk.file, at, f"cannot parse CSV: {error}", _strip_eol(raw)))
            elif len(fields) != width:
                chunk.raw_row_count += 1
                chunk.problems.append(_unreadable(
                    chunk.file, at, f"row has {len(fields)} fields, header has {width}",
                    _strip_eol(raw)))
            else:
                chunk.raw_row_count += 1
                rows.append((at, fields))
            if nxt >= len(lines) or not unclean[nxt]:
                break
        read[start:nxt] = True
        pos = nxt
    return read, rows


def _read_csv_body_fast(chunk: _Chunk, data: bytes, first_line: int, delimiter: str) -> None:
    """Lines ``first_line``.. (0-based) of the UTF-8 ``data`` into ``chunk.columns`` (text,
    null for an empty field) and problems. Each line is a view into ``data``, line end
    included, so the kept lines are handed to Arrow's CSV parser without copying when no
    line is dropped."""
    head_end = _nth_line_end(data, first_line)
    header = chunk.header
    if head_end == len(data):  # nothing after the header
        chunk.columns = {h: pa.array([], pa.large_string()) for h in header}
        chunk.lines = np.array([], dtype=np.int64)
        return
    body = pa.py_buffer(data).slice(head_end)
    raw = np.frombuffer(body, dtype=np.uint8)
    step = 1 << 24  # line breaks found block by block: no file-sized temporary
    ends = np.concatenate([np.flatnonzero(raw[i:i + step] == 0x0A) + (i + 1)
                           for i in range(0, len(raw), step)])
    if raw[-1] != 0x0A:  # the last line has no line break
        ends = np.append(ends, len(raw))
    offsets = np.concatenate([np.zeros(1, dtype=np.int64), ends.astype(np.int64)])
    lines = pa.Array.from_buffers(pa.large_string(), len(ends),
                                  [None, pa.py_buffer(offsets), body])
    number = np.arange(first_line + 1, first_line + 1 + len(lines), dtype=np.int64)
    starts = offsets[:-1]
    slow_rows: list[tuple[int, list[str]]] = []
    unclean = _unclean_lines(lines, delimiter)
    quoted = unclean is not None or b"\r" in data  # (CRLF is kept when there are quotes)
    if unclean is not None and unclean.any():
        read, slow_rows = _read_unclean(chunk, lines, number, unclean, delimiter)
        lines = lines.filter(pa.array(~read))
        number, starts = number[~read], starts[~read]
    lines, number = _drop_blank_lines(lines, number, raw[starts], delimiter)
    chunk.raw_row_count += len(lines)
    # fields per line (outside quotes): lines with other than len(header) are problems
    widths = pc.add(pc.count_substring(lines, delimiter), 1).to_numpy().copy()
    if quoted:
        with_quote = np.flatnonzero(pc.match_substring(lines, '"').to_numpy(
            zero_copy_only=False))
        if len(with_quote):
            plain = pc.replace_substring_regex(lines.take(pa.array(with_quote)), _QUOTED_FIELD,
                                               "")
            widths[with_quote] = pc.add(pc.count_substring(plain, delimiter), 1).to_numpy()
    ragged = widths != len(header)
    for i in np.nonzero(ragged)[0]:
        chunk.problems.append(
            _unreadable(
                chunk.file,
                int(number[i]),
                f"row has {int(widths[i])} fields, header has {len(header)}",
                _strip_eol(lines[int(i)].as_py()),
            )
        )
    if ragged.any():
        lines = lines.filter(pa.array(~ragged))
        number = number[~ragged]
    parsed = _split_fields(lines, delimiter, len(header), header, quoted=quoted)
    assert parsed is not None
    if slow_rows:
        number = _merge_rows(parsed, number, slow_rows, header)
    if slow_rows or (chunk.problems and quoted):
        chunk.problems.sort(key=lambda p: p.row)
    chunk.columns = parsed
    chunk.lines = number


def _drop_blank_lines(lines: pa.Array, number: np.ndarray, first_bytes: np.ndarray,
                      delimiter: str) -> tuple[pa.Array, np.ndarray]:
    """``lines`` and their ``number`` without the blank lines (only white space and
    delimiters): checked where the first byte of the line allows."""
    lead = _SPACE_LEAD.copy()
    lead[delimiter.encode("utf-8")[0]] = True
    maybe = np.flatnonzero(lead[first_bytes]) if len(first_bytes) else first_bytes
    if len(maybe):
        stripped = pc.utf8_trim(lines.take(pa.array(maybe)),
                                characters=_PY_WHITESPACE + delimiter)
        blank = maybe[pc.equal(pc.utf8_length(stripped), 0).to_numpy(zero_copy_only=False)]
        if len(blank):
            keep = np.ones(len(lines), dtype=bool)
            keep[blank] = False
            lines = lines.filter(pa.array(keep))
            number = number[keep]
    return lines, number


def _merge_rows(parsed: dict[str, pa.Array], number: np.ndarray,
                slow_rows: list[tuple[int, list[str]]], header: list[str]) -> np.ndarray:
    """The rows csv.reader read (line number, fields) merged into ``parsed`` in line order;
    returns the line numbers of the merged rows."""
    fast_rows = len(number)
    number = np.concatenate([number, np.array([r[0] for r in slow_rows], dtype=np.int64)])
    order = pa.array(np.argsort(number, kind="stable"))
    number = number[order.to_numpy()]
    for j, h in enumerate(header):
        extra = pa.array([r[1][j] or None for r in slow_rows], pa.large_string())
        col = parsed[h]
        chunks = col.chunks if isinstance(col, pa.ChunkedArray) else [col]
        parsed[h] = pa.chunked_array([*chunks, extra], pa.large_string()).take(order)
    assert len(number) == fast_rows + len(slow_rows)
    return number


def _split_fields(lines: pa.Array, delimiter: str, width: int, header: list[str],
                  split_fallback: bool = True,
                  quoted: bool = False) -> dict[str, pa.Array] | None:
    """Lines of exactly ``width`` fields (each ending in a line break but perhaps the last;
    with ``quoted``, well-quoted fields may occur) -> one text array per header name, null for
    an empty field. Arrow's CSV parser (multi-threaded) does exactly that split, and refuses a
    line with another number of fields; when it cannot take a line (one with other fields, or
    one longer than its block) the lines are split in compute (by csv.reader when quoted), or
    None without ``split_fallback``."""
    import pyarrow.csv as pacsv

    if len(lines):
        _, offsets, data = lines.buffers()
        bounds = pa.Array.from_buffers(pa.int64(), len(lines) + 1, [None, offsets],
                                       offset=lines.offset)
        first, last = int(bounds[0].as_py()), int(bounds[len(lines)].as_py())
        names = [f"f{j}" for j in range(width)]
        try:
            table = pacsv.read_csv(
                pa.BufferReader(data[first:last]),
                read_options=pacsv.ReadOptions(column_names=names, block_size=1 << 26),
                parse_options=pacsv.ParseOptions(delimiter=delimiter,
                                                 quote_char='"' if quoted else False,
                                                 double_quote=True,
                                                 escape_char=False, newlines_in_values=False,
                                                 ignore_empty_lines=False),
                convert_options=pacsv.ConvertOptions(
                    column_types={n: pa.large_string() for n in names},
                    strings_can_be_null=True, quoted_strings_can_be_null=True,
                    null_values=[""], check_utf8=False),
            )
            if table.num_rows == len(lines):
                return {h: table.column(j) for j, h in enumerate(header)}
        except pa.ArrowInvalid:
            pass
    if not split_fallback:
        return None
    if quoted:
        rows = list(csv.reader(_ArrowLines(lines), delimiter=delimiter, quotechar='"',  # type: ignore[arg-type]
                               doublequote=True, strict=True))
        return {h: pa.array([r[j] or None for r in rows], pa.large_string())
                for j, h in enumerate(header)}
    parts = pc.split_pattern(pc.utf8_rtrim(lines, characters="\n"), delimiter)
    out = {}
    for j, h in enumerate(header):
        col = pc.list_element(parts, j)
        out[h] = pc.if_else(pc.equal(col, ""), pa.nulls(len(col), pa.large_string()), col)
    return out
