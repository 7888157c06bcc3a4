"""The only module that opens files. Reads raise InputError with the file (and line) named;
writes are atomic (temp file in the same folder + os.replace)."""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io as _io
import json
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow
import pyarrow.parquet as pq
import yaml

from pipeline.errors import InputError, ReleaseError

csv.field_size_limit(1 << 30)


def _prefer_jemalloc() -> None:
    """Arrow allocates from jemalloc instead of its default mimalloc, unless the default was
    changed (ARROW_DEFAULT_MEMORY_POOL). Output is the same; the speed is not: mimalloc hands
    freed memory back to the OS at once, so a million-row list pays for touching fresh pages
    again at every step (on this VM ~40% of the bench was kernel time; 8.3 s -> 6.8 s for
    ingest+normalize+validate+publish at 1M rows, peak memory no higher)."""
    if pyarrow.default_memory_pool().backend_name != "mimalloc":
        return
    try:
        pyarrow.set_memory_pool(pyarrow.jemalloc_memory_pool())
    except NotImplementedError:  # a pyarrow built without jemalloc
        pass


_prefer_jemalloc()


def sha256_file(path: Path) -> str:
    """Hex sha256 of the file at ``path``, read in 1 MiB chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def sha256_bytes(data: bytes) -> str:
    """Hex sha256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def read_bytes(path: Path, *, shown: str | None = None) -> bytes:
    """The bytes of ``path``; an OS error becomes an InputError naming the file (``shown`` or the
    path)."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", file=shown or str(path)) from None


def read_text(path: Path, *, shown: str | None = None) -> str:
    """The UTF-8 text of ``path`` (a BOM is dropped); undecodable bytes raise an InputError naming
    the file and line."""
    data = read_bytes(path, shown=shown)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not valid UTF-8 (byte {exc.start})", file=shown or str(path), row=line
        ) from None


def yaml_too_large(text: str) -> str | None:
    """Why ``text`` must not be loaded as YAML (None: it may): it has more than MAX_YAML_NODES
    nodes once its aliases are expanded ("billion laughs"). Counted on the parser's event
    stream, where an alias is one event, so the count costs time linear in the text."""
    from pipeline.limits import MAX_YAML_NODES

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    sizes: dict[str, int] = {}
    stack: list[list[Any]] = [[None, 0]]  # [anchor, expanded node count] per open collection
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                stack.append([event.anchor, 1])
                continue
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                anchor, n = stack.pop()
            elif isinstance(event, yaml.ScalarEvent):
                anchor, n = event.anchor, 1
            elif isinstance(event, yaml.AliasEvent):
                anchor, n = None, sizes.get(event.anchor, 1)
            else:
                continue
            if anchor is not None:
                sizes[anchor] = n
            stack[-1][1] += n
            if stack[-1][1] > MAX_YAML_NODES or n > MAX_YAML_NODES:
                return (f"more than {MAX_YAML_NODES:,} YAML nodes once aliases are expanded "
                        "(MAX_YAML_NODES)")
    except yaml.YAMLError:
        return None  # the loader reports the syntax error with its line
    return None


def read_yaml(path: Path, *, shown: str | None = None) -> Any:
    """The YAML document at ``path`` (safe loader); too many nodes or a syntax error raise an
    InputError naming the file and line."""
    text = read_text(path, shown=shown)
    too_large = yaml_too_large(text)
    if too_large:
        raise InputError(f"cannot load YAML: {too_large}", file=shown or str(path))
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise InputError(f"cannot parse YAML: {problem}", file=shown or str(path),
                         row=line) from None


def _at_line(record: int, line: int) -> str:
    return "" if record == line else f" (record starts on line {line})"


def read_csv_strict(
    path: Path, *, shown: str | None = None, required: tuple[str, ...] = ()
) -> pd.DataFrame:
    """A UTF-8 CSV with a header as strings ('' for empty), plus ``source_row``: the record's
    number as RFC 7111 `#row=` counts it (header = row 1, blank lines not counted), which is
    not its line when an earlier quoted field holds a line break. A ragged row, duplicate
    header or missing required column is an InputError naming the row (and the line it starts
    on when that differs)."""
    name = shown or str(path)
    text = read_text(path, shown=name)
    reader = csv.reader(_io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("empty file: no header row", file=name, row=1) from None
    except csv.Error as exc:
        raise InputError(f"cannot parse CSV header: {exc}", file=name, row=1) from None
    header = [h.strip() for h in header]
    dupes = sorted({h for h in header if header.count(h) > 1})
    if dupes:
        raise InputError("duplicate column names", file=name, row=1, field=", ".join(dupes))
    missing = [c for c in required if c not in header]
    if missing:
        raise InputError("missing required column(s)", file=name, row=1, field=", ".join(missing))
    rows: list[list[str]] = []
    starts: list[int] = []
    last = reader.line_num
    record = 1  # the header
    while True:
        start = last + 1
        where = record + 1
        try:
            rec = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InputError(f"cannot parse CSV: {exc}{_at_line(where, start)}", file=name,
                             row=where) from None
        last = reader.line_num
        if not rec:  # blank line
            continue
        record += 1
        if len(rec) != len(header):
            raise InputError(
                f"row has {len(rec)} fields, header has {len(header)}{_at_line(record, start)}",
                file=name, row=record)
        rows.append(rec)
        starts.append(record)
    df = pd.DataFrame(rows, columns=header, dtype="string") if rows else pd.DataFrame(
        {h: pd.Series([], dtype="string") for h in header}
    )
    return df.assign(source_row=pd.array(starts, dtype="Int64"))


def list_files(root: Path) -> list[Path]:
    """Every regular file below root, in code-point order of their relative paths."""
    root = Path(root)
    if not root.exists():
        return []
    found = [p for p in root.rglob("*") if p.is_file()]
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


# ---- writing ---------------------------------------------------------------------------------


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename, so
    readers never see a partial file; parent folders are created."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def json_bytes(obj: Any) -> bytes:
    """``obj`` as UTF-8 JSON (non-ASCII kept, two-space indent, keys in their order) with a final
    line break."""
    return (json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")


def write_json(path: Path, obj: Any) -> None:
    """Write ``obj`` to ``path`` as :func:`json_bytes`, atomically."""
    write_bytes_atomic(path, json_bytes(obj))


def read_json(path: Path, *, shown: str | None = None) -> Any:
    """The JSON document at ``path``; invalid JSON raises an InputError naming the file and
    line."""
    text = read_text(path, shown=shown)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg}", file=shown or str(path),
                         row=exc.lineno) from None


def csv_bytes(df: pd.DataFrame) -> bytes:
    """RFC 4180 CSV, UTF-8 without BOM, \\n line endings, '' for null, lower-case booleans."""
    fast = _csv_bytes_arrow(df)
    if fast is not None:
        return fast
    out = df.copy()
    carriage = False
    for col in out.columns:
        if str(out[col].dtype) == "boolean":
            out[col] = out[col].map({True: "true", False: "false"}, na_action="ignore")
        elif str(out[col].dtype) in ("string", "object"):
            values = out[col].astype("object").tolist()
            if any(isinstance(v, str) and "\r" in v for v in values):
                carriage = True
                out[col] = pd.Series([v.replace("\r", _CR_MARK) if isinstance(v, str) else v
                                      for v in values], index=out.index, dtype=out[col].dtype)
    if carriage and any(_CR_MARK in str(c) for c in out.columns):
        raise ValueError("a column name holds the carriage-return marker")  # pragma: no cover
    buf = _io.StringIO()
    out.to_csv(buf, index=False, lineterminator="\n", na_rep="", quoting=csv.QUOTE_MINIMAL)
    text = buf.getvalue()
    return (text.replace(_CR_MARK, "\r") if carriage else text).encode("utf-8")


# csv.writer (QUOTE_MINIMAL, lineterminator \n) quotes ',', '"' and '\n' but leaves a bare '\r'
# unquoted, which every reader then takes for a line break (issue 12.4). A value holding '\r' is
# quoted too: in the Arrow writer by this pattern, in the pandas path by carrying each '\r' as
# _CR_MARK (it holds a '\n', so the cell is quoted) and putting it back after rendering.
_CSV_SPECIAL = r'[,"\n\r]'
_CR_MARK = "\n\ue000\U000f0000\ue001"  # private-use characters around a line feed


def _csv_bytes_arrow(df: pd.DataFrame) -> bytes | None:
    """csv_bytes for frames of text, Int64 and boolean columns, column-wise in Arrow: the same
    bytes as pandas' to_csv with QUOTE_MINIMAL (checked in tests/test_io_csv.py), at a fraction
    of the time. None for anything else (floats, object columns, a single column), which then
    takes the pandas path. Large frames are rendered in row blocks on two threads (Arrow's
    kernels release the GIL); the blocks are joined in order, so the bytes do not change."""
    if len(df.columns) < 2 or not all(str(c) == c for c in df.columns):
        return None
    columns: list[tuple[str, pyarrow.Array]] = []
    for name in df.columns:
        s = df[name]
        dtype = str(s.dtype)
        kind = {"string": pyarrow.large_string(), "Int64": pyarrow.int64(),
                "boolean": pyarrow.bool_()}.get(dtype)
        if kind is None:
            return None
        arr = pyarrow.array(s.array, type=kind, from_pandas=True)
        if isinstance(arr, pyarrow.ChunkedArray):
            arr = arr.combine_chunks()
        columns.append((dtype, arr))
    header = ",".join('"' + c.replace('"', '""') + '"' if re.search(_CSV_SPECIAL, c) else c
                      for c in df.columns)
    n = len(df)
    blocks = [(0, n)] if n < _CSV_BLOCK_ROWS else [(0, n // 2), (n // 2, n)]
    if len(blocks) == 1:
        rendered = [_csv_rows(columns, *blocks[0])]
    else:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(len(blocks)) as pool:
            rendered = list(pool.map(lambda b: _csv_rows(columns, *b), blocks))
    return b"".join([(header + "\n").encode("utf-8"), *rendered])


_CSV_BLOCK_ROWS = 200_000  # from this many rows, two threads render half each


def _csv_rows(columns: list[tuple[str, pyarrow.Array]], start: int, stop: int) -> memoryview:
    """CSV lines (each ending in \\n) of rows start..stop-1."""
    import pyarrow.compute as pc

    if stop <= start:
        return memoryview(b"")
    empty = pyarrow.scalar("", pyarrow.large_string())
    cols = []
    for dtype, whole in columns:
        arr = whole.slice(start, stop - start)
        if dtype == "string":
            if _may_need_quotes(arr):
                quote = pc.match_substring_regex(arr, _CSV_SPECIAL)
                mark = pyarrow.scalar('"', pyarrow.large_string())
                quoted = pc.binary_join_element_wise(mark, pc.replace_substring(arr, '"', '""'),
                                                     mark, empty)
                arr = pc.if_else(quote, quoted, arr)
        elif dtype == "Int64":
            arr = pc.cast(arr, pyarrow.large_string())
        else:
            arr = pc.if_else(arr, pyarrow.scalar("true", pyarrow.large_string()),
                             pyarrow.scalar("false", pyarrow.large_string()))
        cols.append(arr)  # nulls stay null: the joins below write them as ''
    # one pass: the line end rides on the last column, nulls become '' inside the join
    as_empty = pc.JoinOptions(null_handling="replace", null_replacement="")
    cols[-1] = pc.binary_join_element_wise(cols[-1], pyarrow.scalar("\n", pyarrow.large_string()),
                                           empty, options=as_empty)
    lines = pc.binary_join_element_wise(*cols, pyarrow.scalar(",", pyarrow.large_string()),
                                        options=as_empty)
    _, offsets, data = lines.buffers()
    first, last = (int(x) for x in pyarrow.Array.from_buffers(
        pyarrow.int64(), len(lines) + 1, [None, offsets], offset=lines.offset)[0::len(lines)]
        .to_pylist())
    return memoryview(data)[first:last]


def _may_need_quotes(arr: pyarrow.Array) -> bool:
    """False when no value of ``arr`` (large_string, one chunk) holds a ',', '"', line feed or
    carriage return: four memchr scans of its character data instead of a regex per value."""
    data = arr.buffers()[2]
    if data is None or not len(arr):
        return False
    bounds = pyarrow.Array.from_buffers(pyarrow.int64(), len(arr) + 1, [None, arr.buffers()[1]],
                                        offset=arr.offset)
    first, last = int(bounds[0].as_py()), int(bounds[len(arr)].as_py())
    blob = data[first:last].to_pybytes()
    return b"," in blob or b'"' in blob or b"\n" in blob or b"\r" in blob


def _iso_dates(s: pd.Series) -> pyarrow.Array | None:
    """The date32 array parquet_bytes writes for text 'YYYY-MM-DD', parsing each distinct value
    once (with the same pandas call); None when that fails (the caller's full parse raises)."""
    if str(s.dtype) != "string":
        return None
    text = pyarrow.array(s.array, type=pyarrow.large_string(), from_pandas=True)
    if isinstance(text, pyarrow.ChunkedArray):
        text = text.combine_chunks()
    coded = text.dictionary_encode()
    uniques = pd.Series(coded.dictionary, dtype="string")
    try:
        values = pd.to_datetime(uniques, format="%Y-%m-%d", errors="raise").dt.date
    except (ValueError, OverflowError):
        return None
    days = pyarrow.array(values.astype("object"), type=pyarrow.date32())
    return days.take(coded.indices)  # a null index (null text) gives a null date


def parquet_bytes(df: pd.DataFrame, schema: pyarrow.Schema) -> bytes:
    """``df`` as Parquet bytes with exactly ``schema`` (zstd level 9, statistics written); ISO date
    strings become date32."""
    arrays = []
    for f in schema:
        s = df[f.name]
        if pyarrow.types.is_date32(f.type):
            fast = _iso_dates(s)
            if fast is not None:
                arrays.append(fast)
                continue
            values = pd.to_datetime(s, format="%Y-%m-%d", errors="raise").dt.date
            arrays.append(pyarrow.array(values.where(s.notna(), None), type=f.type))
        elif str(s.dtype) in ("string", "Int64", "boolean", "Float64"):
            # straight from the (Arrow- or mask-backed) array: the same values, no objects
            arr = pyarrow.array(s.array, from_pandas=True)
            if isinstance(arr, pyarrow.ChunkedArray):
                arr = arr.combine_chunks()
            arrays.append(arr.cast(f.type))
        else:
            arrays.append(pyarrow.array(s.astype("object").where(s.notna(), None), type=f.type))
    tbl = pyarrow.Table.from_arrays(arrays, schema=schema)
    sink = pyarrow.BufferOutputStream()
    pq.write_table(tbl, sink, compression="zstd", compression_level=9, write_statistics=True)
    return sink.getvalue().to_pybytes()


def read_parquet(path: Path) -> pd.DataFrame:
    """The Parquet file at ``path`` as a DataFrame (pyarrow's pandas conversion)."""
    return pq.read_table(path).to_pandas()


@contextlib.contextmanager
def exclusive_lock(path: Path) -> Iterator[None]:
    """An advisory lock (fcntl) so two publishes cannot interleave."""
    import fcntl

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ReleaseError("another run holds the publish lock", file=str(path)) from None
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
