"""Folders of records: one YAML, JSON or Markdown (YAML front matter) file per person, the file
stem as the record's key."""

from __future__ import annotations

import io as _io
from pathlib import Path
from typing import Any

from pipeline import io
from pipeline.errors import InputError
from pipeline.readers.decoding import _decode
from pipeline.readers.helpers import _kind, _preview
from pipeline.readers.json_file import _flatten, _parse_json, _parse_yaml
from pipeline.readers.mapping import ListMapping
from pipeline.readers.rows import _Chunk, _RecordError, _Row, _unreadable

MARKDOWN_BODY_KEY = "markdown_body"


def _read_records(targets: list[tuple[Path, str]], mapping: ListMapping, shown: str) -> _Chunk:
    """One chunk for a folder of record files: each file is a row (its position in
    ``targets`` the source_row, its stem the record_key) or an unreadable_row problem."""
    chunk = _Chunk(file=shown, sheet=None, header=[], header_row=None, tabular=False)
    keys: dict[str, None] = {}
    for position, (path, file) in enumerate(targets, 1):
        chunk.raw_row_count += 1
        data = io.read_bytes(path, shown=file)
        try:
            record = _parse_record(data, path.suffix.lower(), mapping.encoding)
        except _RecordError as exc:
            chunk.problems.append(_unreadable(file, position, exc.located, exc.preview))
            continue
        flat = _flatten(record)
        keys.update(dict.fromkeys(flat))
        chunk.rows.append(_Row(file, None, position, path.stem, flat))
    chunk.header = list(keys)
    return chunk


def _parse_record(data: bytes, suffix: str, encoding: str) -> dict[Any, Any]:
    if not data:
        raise _RecordError("empty file (0 bytes)")
    try:
        text = _decode(data, encoding, "")
    except InputError as err:
        preview = _preview(data.decode("utf-8", errors="replace"))
        raise _RecordError(err.message, preview, err.row) from None
    preview = _preview(text)
    body: str | None = None
    try:
        if suffix in (".md", ".markdown"):
            front, body = _front_matter(text)
            record = _parse_yaml(front, first_line=2)
        elif suffix == ".json":
            record = _parse_json(text)
        else:
            record = _parse_yaml(text)
    except _RecordError as exc:
        raise _RecordError(exc.message, preview, exc.line) from None
    if not isinstance(record, dict):
        what = "empty" if record is None else f"a {_kind(record)}"
        raise _RecordError(f"top level is {what}, not a mapping of fields", preview)
    if body is not None and body.strip() and MARKDOWN_BODY_KEY not in record:
        record[MARKDOWN_BODY_KEY] = body
    return record


def _front_matter(text: str) -> tuple[str, str]:
    """Split a Markdown file into its YAML front matter (between '---' lines) and the body."""
    lines = list(_io.StringIO(text, newline=""))
    if not lines or lines[0].rstrip() != "---":
        raise _RecordError("no YAML front matter (the file does not start with a '---' line)")
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return "".join(lines[1:i]), "".join(lines[i + 1 :])
    raise _RecordError("the YAML front matter is not closed by a '---' line")
