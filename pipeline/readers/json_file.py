"""JSON lists (an array of objects, or of arrays with the header first) and single-file YAML
lists; the JSON parser and the text-preserving YAML parser that record folders use too."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from collections.abc import Mapping
from typing import Any

import yaml

from pipeline import io
from pipeline.errors import InputError
from pipeline.readers.decoding import _decode
from pipeline.readers.helpers import _LINE_BREAK, _kind, _preview, _yaml_line, _yaml_problem
from pipeline.readers.mapping import ListMapping
from pipeline.readers.rows import _Chunk, _RecordError, _Row, _unreadable
from pipeline.readers.tabular import (
    _check_columns,
    _check_duplicates,
    _combine_header,
    _drop_empty_unnamed,
)


class _RecordLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loader that resolves only null, true/false and merge keys; every other plain scalar
    stays the text the file has (no octal/sexagesimal ints, no timestamps that crash on
    ``1367-06-31``)."""


_RecordLoader.yaml_implicit_resolvers = {
    first: [
        (tag, rx)
        for tag, rx in resolvers
        if tag in ("tag:yaml.org,2002:null", "tag:yaml.org,2002:merge")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_RecordLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class _DuplicateKey(Exception):
    pass


def _pairs_no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def _parse_json(text: str) -> Any:
    """json.loads that rejects duplicate keys; raises _RecordError with the line."""
    try:
        return json.loads(text, object_pairs_hook=_pairs_no_duplicates)
    except json.JSONDecodeError as exc:
        if text[exc.pos :].strip():
            raise _RecordError(
                f"invalid JSON: {exc.msg} (column {exc.colno})", line=exc.lineno
            ) from None
        # the text ends inside a value: point at its last non-blank line, where it was cut
        last = len(_LINE_BREAK.findall(text[: len(text.rstrip())])) + 1
        raise _RecordError(
            f"invalid JSON: {exc.msg} at the end of the text (truncated?)", line=last
        ) from None
    except _DuplicateKey as exc:
        raise _RecordError(f"duplicate key {exc.args[0]!r} in a JSON object") from None
    except RecursionError:
        raise _RecordError("JSON nested too deeply") from None


def _parse_yaml(text: str, first_line: int = 1) -> Any:
    too_large = io.yaml_too_large(text)
    if too_large:
        raise _RecordError(f"invalid YAML: {too_large}")
    try:
        return yaml.load(text, Loader=_RecordLoader)
    except yaml.YAMLError as exc:
        line = _yaml_line(exc)
        raise _RecordError(
            f"invalid YAML: {_yaml_problem(exc)}",
            line=line + first_line - 1 if line else None,
        ) from None
    except (ValueError, TypeError, RecursionError) as exc:  # explicit tags with bad values
        raise _RecordError(f"invalid YAML: {exc}") from None


def _read_json(data: bytes, file: str, mapping: ListMapping, suffix: str) -> _Chunk:
    """A JSON (or single-file YAML) list: an array of objects (or an object holding one
    under ``records``/``data``, or one object), or an array of arrays with the header first."""
    if not data:
        raise InputError("empty file (0 bytes)", file=file)
    text = _decode(data, mapping.encoding, file)
    try:
        doc = _parse_yaml(text) if suffix in (".yaml", ".yml") else _parse_json(text)
    except _RecordError as exc:
        raise InputError(exc.message, file=file, row=exc.line) from None
    if isinstance(doc, list) and doc and all(isinstance(x, list) for x in doc):
        return _json_table(doc, file)
    if isinstance(doc, dict):
        items = next((doc[k] for k in ("records", "data") if isinstance(doc.get(k), list)), [doc])
    elif isinstance(doc, list):
        items = doc
    else:
        raise InputError(
            f"top level is a {_kind(doc)}: expected an array of objects or an object", file=file
        )
    chunk = _Chunk(file=file, sheet=None, header=[], header_row=None, tabular=False)
    keys: dict[str, None] = {}
    for position, item in enumerate(items, 1):
        chunk.raw_row_count += 1
        if not isinstance(item, dict):
            chunk.problems.append(
                _unreadable(
                    file,
                    position,
                    f"element {position} is a {_kind(item)}, not an object",
                    _preview(json.dumps(item, ensure_ascii=False, default=str)),
                )
            )
            continue
        flat = _flatten(item)
        keys.update(dict.fromkeys(flat))
        chunk.rows.append(_Row(file, None, position, None, flat))
    chunk.header = list(keys)
    return chunk


def _json_table(doc: list[list[Any]], file: str) -> _Chunk:
    """A JSON array of arrays whose first array is the header (row 1)."""
    _check_columns(len(doc[0]), file, 1)
    header = _combine_header([doc[0]], fill_across=False, blank_name=lambda i: f"column_{i + 1}")
    _check_duplicates(header, file, 1)
    chunk = _Chunk(file=file, sheet=None, header=header, header_row=1, tabular=True)
    for position, item in enumerate(doc[1:], 2):
        nested = any(isinstance(v, (list, dict)) for v in item)
        cells = [None if isinstance(v, (list, dict)) else _scalar_text(v) for v in item]
        if not nested and all(c is None or not c.strip() for c in cells):
            continue
        chunk.raw_row_count += 1
        if len(item) != len(header) or nested:
            reason = (
                f"row has {len(item)} fields, header has {len(header)}"
                if len(item) != len(header)
                else "row holds a nested array or object"
            )
            chunk.problems.append(
                _unreadable(file, position, reason, _preview(json.dumps(item, ensure_ascii=False)))
            )
            continue
        chunk.rows.append(_Row(file, None, position, None, dict(zip(header, cells, strict=True))))
    _drop_empty_unnamed(chunk, {f"column_{i + 1}" for i in range(len(header))})
    return chunk


def _flatten(obj: Mapping[Any, Any]) -> dict[str, str | None]:
    """Nested mappings and lists as dotted keys: {'sources': [{'url': u}]} -> 'sources.0.url'."""
    out: dict[str, str | None] = {}

    def walk(value: Any, prefix: str) -> None:
        if isinstance(value, Mapping):
            for key, inner in value.items():
                name = key if isinstance(key, str) else (_scalar_text(key) or "null")
                walk(inner, f"{prefix}.{name}" if prefix else name)
        elif isinstance(value, (list, tuple)):
            for i, inner in enumerate(value):
                walk(inner, f"{prefix}.{i}")
        else:
            out[prefix] = _scalar_text(value)

    walk(obj, "")
    return out


def _scalar_text(value: Any) -> str | None:
    """A JSON/YAML scalar as text, deterministically."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, (set, frozenset)):
        return json.dumps(sorted(str(v) for v in value), ensure_ascii=False)
    return str(value)
