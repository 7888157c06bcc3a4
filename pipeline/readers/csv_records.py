"""CSV read record by record with csv.reader (the general path): each record's first line and
raw text are known, and parsing resumes on the next line after a broken one."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator

from pipeline.readers.rows import _Chunk, _Row, _unreadable


class _LineFeed:
    """Feeds physical lines to csv.reader and remembers where it is, so a record's first line
    and raw text are known and parsing can resume after a broken line."""

    def __init__(self, lines: list[str], pos: int) -> None:
        self.lines = lines
        self.pos = pos

    def __iter__(self) -> _LineFeed:
        return self

    def __next__(self) -> str:
        if self.pos >= len(self.lines):
            raise StopIteration
        line = self.lines[self.pos]
        self.pos += 1
        return line


def _csv_records(
    lines: list[str], start: int, delimiter: str, feed: _LineFeed | None = None
) -> Iterator[tuple[int, list[str] | None, str, str | None]]:
    """Yield (1-based first line, fields or None, raw text, csv error) for every record."""
    feed = feed or _LineFeed(lines, start)
    while feed.pos < len(lines):
        reader = csv.reader(feed, delimiter=delimiter, quotechar='"', doublequote=True, strict=True)
        first = feed.pos
        try:
            for rec in reader:
                yield first + 1, rec, "".join(lines[first : feed.pos]), None
                first = feed.pos
        except csv.Error as exc:
            yield first + 1, None, lines[first], str(exc)
            feed.pos = first + 1


def _is_blank(fields: list[str]) -> bool:
    return not any(f.strip() for f in fields)


def _strip_eol(text: str) -> str:
    return re.sub(r"(\r\n|\r|\n)\Z", "", text)


def _read_csv_rows(
    chunk: _Chunk, records: Iterator[tuple[int, list[str] | None, str, str | None]]
) -> None:
    """The body records into ``chunk``: blank ones skipped, each other one a row or a
    problem (a broken quote, NUL characters, another number of fields than the header)."""
    file, header = chunk.file, chunk.header
    for line_no, fields, raw, error in records:
        if fields is not None and _is_blank(fields):
            continue
        chunk.raw_row_count += 1
        if error is not None or fields is None:
            chunk.problems.append(
                _unreadable(file, line_no, f"cannot parse CSV: {error}", _strip_eol(raw))
            )
            continue
        if any("\x00" in f for f in fields):
            chunk.problems.append(
                _unreadable(
                    file,
                    line_no,
                    "row contains NUL characters (damaged file?)",
                    _strip_eol(raw).replace("\x00", "\u2400"),
                )
            )
            continue
        if len(fields) != len(header):
            chunk.problems.append(
                _unreadable(
                    file,
                    line_no,
                    f"row has {len(fields)} fields, header has {len(header)}",
                    _strip_eol(raw),
                )
            )
            continue
        chunk.rows.append(_Row(file, None, line_no, None, dict(zip(header, fields, strict=True))))
