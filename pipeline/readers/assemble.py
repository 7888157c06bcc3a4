"""The chunks onto the template: source columns resolved to template columns, rows without a
name or with a field too long become problems, and one frame in template order."""

from __future__ import annotations

import json
import re
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pipeline import limits
from pipeline.errors import InputError
from pipeline.readers.helpers import _preview
from pipeline.readers.mapping import ListMapping
from pipeline.readers.rows import (
    BOOKKEEPING_COLUMNS,
    EXTRA_PREFIX,
    NAME_COLUMNS,
    ListRead,
    RowProblem,
    _Chunk,
    _Row,
)
from pipeline.schemas.inputs import TEMPLATE_COLUMNS


def _lookup_key(name: str, tabular: bool) -> str:
    return " ".join(name.split()) if tabular else name


def _resolve(chunk: _Chunk, mapping: ListMapping) -> dict[str, str]:
    """template column -> source column for one chunk."""
    available = set(chunk.header)
    resolved: dict[str, str] = {}
    for target, source in mapping.columns:
        key = _lookup_key(source, chunk.tabular)
        if key in available:
            resolved[target] = key
    used = set(resolved.values())
    explicit = {target for target, _ in mapping.columns}
    for target in TEMPLATE_COLUMNS:
        if target not in explicit and target in available and target not in used:
            resolved[target] = target
    # Template names written loosely ("Name_FA", "name fa", "Name-Latin"): taken when exactly
    # one header folds to the template name and no header is that name exactly.
    folded: dict[str, list[str]] = {}
    for name in chunk.header:
        folded.setdefault(_fold_header(name), []).append(name)
    used = set(resolved.values())
    for target in TEMPLATE_COLUMNS:
        if target in explicit or target in resolved:
            continue
        hits = [h for h in folded.get(target, []) if h not in used]
        if len(hits) == 1:
            resolved[target] = hits[0]
            used.add(hits[0])
    return resolved


def _fold_header(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().casefold())


def _listing(names: list[str], limit: int = 40) -> str:
    shown = ", ".join(names[:limit])
    more = f" … ({len(names) - limit} more)" if len(names) > limit else ""
    return (shown + more) or "(none)"


def _assemble(chunks: list[_Chunk], mapping: ListMapping, shown: str) -> ListRead:
    """The chunks of one list as one ListRead: names checked, then each chunk's rows in
    template columns, extras and bookkeeping."""
    columns_found = list(dict.fromkeys(h for c in chunks for h in c.header))
    with_header = [c for c in chunks if c.header]
    resolutions = [_resolve(c, mapping) for c in chunks]

    if with_header:
        for target, source in mapping.columns:
            if not any(target in r for r in resolutions):
                where = with_header[0] if len(with_header) == 1 else None
                origin = f" in {mapping.origin}" if mapping.origin else ""
                raise InputError(
                    f"column {source!r} named for {target}{origin} is not in the list; "
                    f"columns found: {_listing(columns_found)}",
                    file=where.file if where else shown,
                    row=where.header_row if where else None,
                    field=target,
                )
    for chunk, resolved in zip(chunks, resolutions, strict=True):
        if not chunk.header and not chunk.rows:
            continue  # no rows, or every record unreadable: nothing to check the names against
        if not any(n in resolved for n in NAME_COLUMNS):
            where = f" (sheet {chunk.sheet!r})" if chunk.sheet else ""
            template = [t for t in TEMPLATE_COLUMNS if t in resolved]
            raise InputError(
                f"no name column{where}: missing {', '.join(NAME_COLUMNS)}; template columns "
                f"found: {_listing(template)}; source columns: {_listing(chunk.header)}",
                file=chunk.file,
                row=chunk.header_row,
            )

    template_out = [t for t in TEMPLATE_COLUMNS if any(t in r for r in resolutions)]
    extras: dict[str, None] = {}
    if mapping.keep_extra:
        for chunk, resolved in zip(chunks, resolutions, strict=True):
            used = set(resolved.values())
            extras.update(dict.fromkeys(h for h in chunk.header if h not in used))
    extra_out = list(extras)

    problems: list[RowProblem] = []
    parts: list[pd.DataFrame] = []
    for chunk, resolved in zip(chunks, resolutions, strict=True):
        problems.extend(chunk.problems)
        if chunk.columns is not None:
            part = _columnar_part(chunk, resolved, template_out, extra_out, problems)
        else:
            part = _rows_part(chunk, resolved, template_out, extra_out, problems)
        parts.append(part)
    order = [*template_out, *(EXTRA_PREFIX + e for e in extra_out), *BOOKKEEPING_COLUMNS]
    if len(parts) == 1:
        frame = parts[0]
    elif parts:
        frame = pd.concat(parts, ignore_index=True)
    else:
        frame = _rows_part(_Chunk("", None, [], None, True), {}, template_out, extra_out, [])
    frame = frame[order]
    return ListRead(
        frame=frame,
        problems=problems,
        raw_row_count=sum(c.raw_row_count for c in chunks),
        columns_found=columns_found,
    )


def _part_frame(
    values: dict[str, Any], extra_values: dict[str, Any], book: dict[str, Any]
) -> pd.DataFrame:
    data: dict[str, Any] = {c: pd.array(v, dtype="string") for c, v in values.items()}
    for extra, v in extra_values.items():
        data[EXTRA_PREFIX + extra] = pd.array(v, dtype="string")
    for col in ("file", "sheet", "record_key"):
        data[col] = pd.array(book[col], dtype="string")
    data["source_row"] = pd.array(book["source_row"], dtype="Int64")
    return pd.DataFrame(data)


def _no_name_problem(row: _Row | None, file: str, line: int, sheet: str | None,
                     names: list[str], present: dict[str, str]) -> RowProblem:
    return RowProblem(
        file=file,
        row=line,
        field=", ".join(names),
        reason_code="no_name",
        message=f"row has no name ({' and '.join(names)} empty)",
        value_original=_preview(json.dumps(present, ensure_ascii=False)) if present else None,
        sheet=sheet,
    )


def _rows_part(
    chunk: _Chunk,
    resolved: dict[str, str],
    template_out: list[str],
    extra_out: list[str],
    problems: list[RowProblem],
) -> pd.DataFrame:
    values: dict[str, list[str | None]] = {c: [] for c in template_out}
    extra_values: dict[str, list[str | None]] = {c: [] for c in extra_out}
    book: dict[str, list[Any]] = {c: [] for c in BOOKKEEPING_COLUMNS}
    used = set(resolved.values())
    names = [n for n in NAME_COLUMNS if n in resolved]
    for row in chunk.rows:
        vals = row.values
        problem = _field_problem(row, resolved, chunk.tabular)
        if problem is not None:
            problems.append(problem)
            continue
        if not any(vals.get(resolved[n]) for n in names):
            present = {k: v for k, v in vals.items() if v}
            problems.append(_no_name_problem(row, row.file, row.source_row, row.sheet, names,
                                             present))
            continue
        for target in template_out:
            source = resolved.get(target)
            value = vals.get(source) if source is not None else None
            values[target].append(value if value else None)
        for extra in extra_out:
            value = vals.get(extra) if extra not in used else None
            extra_values[extra].append(value if value else None)
        book["file"].append(row.file)
        book["sheet"].append(row.sheet)
        book["source_row"].append(row.source_row)
        book["record_key"].append(row.record_key)
    return _part_frame(values, extra_values, book)


def _too_long(value: str | None) -> bool:
    return value is not None and len(value) > limits.MAX_FIELD_CHARS


def _too_long_problem(file: str, line: int, sheet: str | None, column: str,
                      value: str) -> RowProblem:
    return RowProblem(
        file=file, row=line, field=column, reason_code="invalid_value",
        message=f"field holds {len(value):,} characters, over the limit of "
                f"{limits.MAX_FIELD_CHARS:,} (MAX_FIELD_CHARS)",
        value_original=_preview(value), sheet=sheet)


def _field_problem(row: _Row, resolved: dict[str, str], tabular: bool) -> RowProblem | None:
    """A field too long to publish, or (in a record) a mapped field that is a mapping or a list
    where text is expected: {"name": {"first": .., "last": ..}} flattens to name.first and
    name.last, and the name would silently be missing (issue 11.10)."""
    for key, value in row.values.items():
        if _too_long(value):
            assert value is not None
            return _too_long_problem(row.file, row.source_row, row.sheet, key, value)
    if tabular:
        return None
    for target, source in resolved.items():
        if source in row.values:
            continue
        inner = [k for k in row.values if k.startswith(source + ".")]
        if inner:
            shown = {k: row.values[k] for k in inner}
            return RowProblem(
                file=row.file, row=row.source_row, field=source, reason_code="invalid_value",
                message=f"field {source!r} (for {target}) is a mapping or list, not text "
                        f"(it holds {_listing(inner, 5)}); write it as one text value or map "
                        "its parts in mapping.yaml",
                value_original=_preview(json.dumps(shown, ensure_ascii=False)), sheet=row.sheet)
    return None


def _columnar_part(
    chunk: _Chunk,
    resolved: dict[str, str],
    template_out: list[str],
    extra_out: list[str],
    problems: list[RowProblem],
) -> pd.DataFrame:
    """_rows_part for a chunk read column-wise (null for an empty field): the same rows,
    values and problems."""
    assert chunk.columns is not None and chunk.lines is not None
    cols = chunk.columns
    n = len(chunk.lines)
    used = set(resolved.values())
    names = [n for n in NAME_COLUMNS if n in resolved]
    too_long = np.zeros(n, dtype=bool)
    for header in chunk.header:
        if n and (pc.max(pc.utf8_length(cols[header])).as_py() or 0) > limits.MAX_FIELD_CHARS:
            long_here = pc.fill_null(pc.greater(pc.utf8_length(cols[header]),
                                                limits.MAX_FIELD_CHARS), False)
            for i in np.nonzero(long_here.to_numpy(zero_copy_only=False) & ~too_long)[0]:
                problems.append(_too_long_problem(chunk.file, int(chunk.lines[i]), None, header,
                                                  cols[header][int(i)].as_py()))
            too_long |= long_here.to_numpy(zero_copy_only=False)
    has_name = np.zeros(n, dtype=bool)
    for name in names:
        has_name |= cols[resolved[name]].is_valid().to_numpy(zero_copy_only=False)
    for i in np.nonzero(~has_name & ~too_long)[0]:
        present = {h: cols[h][int(i)].as_py() for h in chunk.header}
        problems.append(_no_name_problem(None, chunk.file, int(chunk.lines[i]), None, names,
                                         {k: v for k, v in present.items() if v}))
    has_name &= ~too_long
    every = bool(has_name.all())
    keep = pa.array(has_name)
    kept = int(has_name.sum())
    null = pa.nulls(kept, pa.large_string())

    def column(source: str | None) -> pa.Array:
        if source is None:
            return null
        return cols[source] if every else cols[source].filter(keep)

    values = {t: column(resolved.get(t)) for t in template_out}
    extra_values = {e: column(e if e not in used and e in cols else None) for e in extra_out}
    rows = chunk.lines[has_name]
    book = {"file": pa.repeat(pa.scalar(chunk.file, pa.large_string()), kept),
            "sheet": null, "source_row": rows, "record_key": null}
    return _part_frame(values, extra_values, book)
