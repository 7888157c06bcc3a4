"""Readers for raw victim lists (CSV, XLSX, JSON, folders of YAML/JSON/Markdown records), mapped
onto one canonical template of columns.

This module is an I/O edge like :mod:`pipeline.io`: it reads files (through ``io.read_bytes``)
and nothing in it is specific to one source. Per-source knowledge lives in a ``mapping.yaml``
beside the list (see :class:`ListMapping`).

What a reader guarantees (the contract the extract stage relies on):

* Values are the source's text, unchanged: no stripping, no Unicode normalization; ``''`` -> NA.
  Values starting with ``=`` ``+`` ``-`` ``@`` are kept as they are (publish neutralizes them).
* Every data row of the file ends up either in ``ListRead.frame`` or as one :class:`RowProblem`,
  so ``raw_row_count == len(frame) + ListRead.problem_row_count`` always holds.
* A problem with the whole file raises :class:`~pipeline.errors.InputError` (one line, with the
  file and the line/row when known); a problem with one row never aborts the file.

Decisions worth knowing:

* Blank rows are not rows: a CSV line or sheet row whose fields are all empty or whitespace is
  skipped and not counted (``,,,`` included). Rows above ``header_row`` are not counted either.
* A CSV row containing NUL characters is an ``unreadable_row`` problem (NULs mean a damaged file);
  its ``value_original`` shows each NUL as U+2400 (``␀``).
* A CSV row with a broken quote (``"abc"def``, or a quote never closed) is an ``unreadable_row``
  for that one physical line; parsing resumes on the next line.
* A row in which every mapped name column is empty is a ``no_name`` problem (``value_original`` is
  the row's non-empty values as compact JSON), so it reaches the reject table with its content.
* Header names are whitespace-collapsed (``" ".join(h.split())``); a blank header cell is named
  ``column_<n>`` (CSV, 1-based) or ``column_<letter>`` (XLSX) and dropped if its column is empty.
* YAML records are read without YAML 1.1 typing: plain scalars stay as written (``025``,
  ``1:20``, ``1367-06-31`` and ``1988-01-01`` stay text), only ``null``/``~``/empty -> NA and
  ``true``/``false`` (any case) -> ``'true'``/``'false'``. JSON values: ints ``'25'``, floats
  ``repr`` (``'25.0'`` as written), bools ``'true'``/``'false'``, null -> NA.
* XLSX: numbers without ``.0`` when whole, date cells as ``YYYY-MM-DD`` (``YYYY-MM-DDTHH:MM:SS``
  when the time is not midnight), cached formula values, the formula text when no cached value
  exists, merged cells (header *and* data) filled with their top-left value, number formats not
  applied (``00123`` formatted from 123 reads ``'123'``).
* ``source_row``: CSV = the line the record starts on; XLSX = the sheet row; JSON array of
  objects = the 1-based position of the object (line numbers are not unique in minified JSON);
  JSON array of arrays = the position with the header array as 1; records folder = the 1-based
  position of the file in code-point order of relative paths (``record_key`` = the file stem is
  the stable key).
* Folders: hidden files, ``mapping.yaml``/``mapping.yml``/``source.yml``/``source.yaml`` at the
  top of the folder and files matching ``exclude`` are never read as list files.
"""

from __future__ import annotations

import base64
import codecs
import csv
import datetime as dt
import fnmatch
import io as _io
import json
import logging
import math
import re
import warnings
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import yaml

from pipeline import io, limits
from pipeline.errors import InputError

log = logging.getLogger(__name__)

TEMPLATE_COLUMNS: tuple[str, ...] = (
    "name_fa",
    "name_latin",
    "father_name",
    "gender",
    "age",
    "city",
    "province",
    "prison",
    "date_of_execution_jalali",
    "date_of_execution_gregorian",
    "cause",
    "source_url",
    "source_note",
)
NAME_COLUMNS: tuple[str, ...] = ("name_fa", "name_latin")
BOOKKEEPING_COLUMNS: tuple[str, ...] = ("file", "sheet", "source_row", "record_key")
EXTRA_PREFIX = "x_"
FORMATS: tuple[str, ...] = ("csv", "xlsx", "json", "records")
DELIMITERS: tuple[str, ...] = (",", ";", "\t", "|")
MARKDOWN_BODY_KEY = "markdown_body"
RESERVED_FILE_NAMES = frozenset({"mapping.yaml", "mapping.yml", "source.yml", "source.yaml"})

_EXTENSION_FORMATS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".json": "json",
    ".yaml": "records",
    ".yml": "records",
    ".md": "records",
    ".markdown": "records",
}
_MAPPING_KEYS = (
    "files",
    "format",
    "encoding",
    "delimiter",
    "sheet",
    "header_row",
    "header_rows",
    "columns",
    "keep_extra",
    "exclude",
)
_SNIFF_LINES = 200
_PREVIEW_CHARS = 2000
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ZIP_MAGIC = b"PK\x03\x04"


# ---- YAML loader for records: text-preserving ------------------------------------------------


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


# ---- public data types -----------------------------------------------------------------------


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
    frame: pd.DataFrame
    problems: list[RowProblem]
    raw_row_count: int
    columns_found: list[str]

    @property
    def problem_row_count(self) -> int:
        """Distinct rows (file, sheet, row) that have a problem."""
        return len({(p.file, p.sheet, p.row) for p in self.problems})


@dataclass(frozen=True)
class ListMapping:
    """How to read one list and map its columns onto :data:`TEMPLATE_COLUMNS`.

    ``columns`` maps template column -> source column (a dotted path such as ``sources.0.url``
    for JSON/YAML records). Template columns not named there are taken from a source column with
    exactly that name, if there is one. ``origin`` is the mapping file (for messages only).
    """

    files: str | None = None
    format: str | None = None
    encoding: str = "auto"
    delimiter: str | None = None
    sheet: str | int | tuple[str | int, ...] | None = None
    header_row: int = 1
    header_rows: int = 1
    columns: tuple[tuple[str, str], ...] = ()
    keep_extra: bool = True
    exclude: tuple[str, ...] = ()
    origin: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if isinstance(self.columns, Mapping):
            object.__setattr__(self, "columns", tuple(self.columns.items()))
        if isinstance(self.sheet, list):
            object.__setattr__(self, "sheet", tuple(self.sheet))
        if isinstance(self.exclude, str):
            object.__setattr__(self, "exclude", (self.exclude,))
        elif isinstance(self.exclude, list):
            object.__setattr__(self, "exclude", tuple(self.exclude))
        if self.delimiter == "auto":
            object.__setattr__(self, "delimiter", None)
        self._validate()

    @classmethod
    def default(cls) -> ListMapping:
        """The mapping of a list already in template form."""
        return cls()

    @classmethod
    def from_dict(cls, data: object, *, origin: str | None = None) -> ListMapping:
        if not isinstance(data, Mapping):
            raise InputError(
                f"a mapping must be a set of 'key: value' lines, not a {_kind(data)}",
                file=origin,
            )
        for key in data:
            if key not in _MAPPING_KEYS:
                raise InputError(
                    f"unknown key in mapping (allowed: {', '.join(_MAPPING_KEYS)})",
                    file=origin,
                    field=str(key),
                )
        kwargs: dict[str, Any] = dict(data)
        if "columns" in kwargs:
            cols = kwargs["columns"]
            if cols is None:
                cols = {}
            if not isinstance(cols, Mapping):
                raise InputError(
                    "must map template columns to source columns, e.g. {name_fa: نام}",
                    file=origin,
                    field="columns",
                    value=cols,
                )
            kwargs["columns"] = tuple(cols.items())
        return cls(**kwargs, origin=origin)

    @property
    def column_map(self) -> dict[str, str]:
        return dict(self.columns)

    def _fail(self, key: str, message: str, value: object = None) -> None:
        raise InputError(message, file=self.origin, field=key, value=value)

    def _validate(self) -> None:
        if self.files is not None:
            if not isinstance(self.files, str) or not self.files.strip():
                self._fail("files", "must be a file name or glob pattern", self.files)
            parts = Path(self.files).parts
            if Path(self.files).is_absolute() or ".." in parts:
                self._fail("files", "must stay inside the list folder", self.files)
        if self.format is not None and self.format not in FORMATS:
            self._fail("format", f"must be one of {', '.join(FORMATS)}", self.format)
        if not isinstance(self.encoding, str):
            self._fail("encoding", "must be an encoding name or 'auto'", self.encoding)
        if self.encoding != "auto":
            try:
                codecs.lookup(self.encoding)
            except LookupError:
                self._fail("encoding", "unknown encoding", self.encoding)
        if self.delimiter is not None and (
            not isinstance(self.delimiter, str) or len(self.delimiter) != 1
        ):
            self._fail(
                "delimiter", 'must be one character (write a tab as "\\t") or auto', self.delimiter
            )
        sheets = self.sheet if isinstance(self.sheet, tuple) else (self.sheet,)
        if isinstance(self.sheet, tuple) and not self.sheet:
            self._fail("sheet", "must list at least one sheet", self.sheet)
        for s in sheets:
            ok = (
                s is None
                or isinstance(s, str)
                or (isinstance(s, int) and not isinstance(s, bool) and s >= 0)
            )
            if not ok or (isinstance(s, str) and not s):
                self._fail(
                    "sheet", "must be a sheet name, a 0-based index, a list, or 'all'", self.sheet
                )
        for key in ("header_row", "header_rows"):
            value = getattr(self, key)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                self._fail(key, "must be a whole number >= 1", value)
        seen: set[str] = set()
        for item in self.columns:
            if not (isinstance(item, tuple) and len(item) == 2):
                self._fail("columns", "must map template columns to source columns", item)
            target, source = item
            if target not in TEMPLATE_COLUMNS:
                self._fail(
                    f"columns.{target}",
                    f"not a template column (allowed: {', '.join(TEMPLATE_COLUMNS)})",
                )
            if target in seen:
                self._fail(f"columns.{target}", "mapped twice")
            seen.add(target)
            if not isinstance(source, str) or not source.strip():
                self._fail(f"columns.{target}", "source column must be a non-empty text", source)
        if not isinstance(self.keep_extra, bool):
            self._fail("keep_extra", "must be true or false", self.keep_extra)
        for pattern in self.exclude:
            if not isinstance(pattern, str) or not pattern:
                self._fail("exclude", "must be a glob pattern or a list of them", pattern)


def load_mapping(path: Path, *, shown: str | None = None) -> ListMapping:
    """Read and validate ``mapping.yaml``. Errors name the file and, when known, the line."""
    name = shown or Path(path).as_posix()
    text = io.read_text(Path(path), shown=name)
    too_large = io.yaml_too_large(text)
    if too_large:
        raise InputError(f"cannot load YAML: {too_large}", file=name)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.load(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise InputError(
            f"cannot parse YAML: {_yaml_problem(exc)}", file=name, row=_yaml_line(exc)
        ) from None
    except ValueError as exc:  # PyYAML's timestamp constructor on impossible dates
        raise InputError(f"cannot parse YAML: {exc}", file=name) from None
    if data is None:
        raise InputError("mapping file is empty", file=name)
    lines = _key_lines(node, name)
    try:
        return ListMapping.from_dict(data, origin=name)
    except InputError as err:
        if err.row is None and err.field:
            err.row = lines.get(err.field) or lines.get(err.field.split(".")[0])
        raise
    except TypeError as exc:  # pragma: no cover - from_dict filters keys first
        raise InputError(f"invalid mapping: {exc}", file=name) from None


# ---- encodings and delimiters ----------------------------------------------------------------


def detect_encoding(data: bytes) -> str:
    """Guess the text encoding of raw bytes. Order: BOM (UTF-8, UTF-16), UTF-16 without BOM
    (NUL pattern, then a plausibility check), UTF-8, then a legacy 8-bit code page via
    charset-normalizer (cp1256 preferred; cp1256 when nothing fits). Bytes that are mostly valid
    UTF-8 with a few bad sequences report ``utf-8``, so decoding fails loudly instead of turning
    Persian UTF-8 into mojibake."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = len(re.findall(r"[^\x00-\x7f\ufffd]", text))
    if good > bad:
        return "utf-8"
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1256", "cp1252"]).best()
    encoding = best.encoding if best is not None else "cp1256"
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return "cp1256"
    return encoding


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:8192]
    n = len(sample) // 2 * 2
    if n < 4:
        return None
    zeros_even = sample[0:n:2].count(0)
    zeros_odd = sample[1:n:2].count(0)
    if zeros_odd > 4 * zeros_even and zeros_odd >= 1:
        candidate = "utf-16-le"
    elif zeros_even > 4 * zeros_odd and zeros_even >= 1:
        candidate = "utf-16-be"
    else:
        return None
    text = sample[:n].decode(candidate, errors="replace")
    plausible = sum(1 for ch in text if _plausible_char(ch))
    return candidate if plausible >= 0.95 * len(text) else None


def _plausible_char(ch: str) -> bool:
    o = ord(ch)
    return (
        (o < 0x250 and o != 0)
        or 0x0600 <= o <= 0x06FF
        or 0x0750 <= o <= 0x077F
        or 0x2000 <= o <= 0x206F
        or 0xFB50 <= o <= 0xFDFF
        or 0xFE70 <= o <= 0xFEFF
    )


_SNIFF_CHARS = 1 << 20  # lines past the first MiB of the sample are not looked at


def _sniff_sample(lines: list[str], start: int) -> str:
    """Up to _SNIFF_LINES lines from ``start``, stopping before the line that passes
    _SNIFF_CHARS (but at least one line, cut there): a 200 MB field is not scanned four times
    to guess a delimiter."""
    out: list[str] = []
    size = 0
    for line in lines[start : start + _SNIFF_LINES]:
        if size + len(line) > _SNIFF_CHARS:
            if not out:
                out.append(line[:_SNIFF_CHARS])
            break
        out.append(line)
        size += len(line)
    return "".join(out)


def sniff_delimiter(sample: str) -> str:
    """The delimiter among , ; TAB | that splits the sample's lines into the most consistent
    number (>= 2) of fields; ties go to more fields, then to that order. ',' if none does."""
    lines = list(_io.StringIO(sample, newline=""))[:_SNIFF_LINES]
    best, best_score = ",", (0.0, 0, 0)
    for rank, delimiter in enumerate(DELIMITERS):
        counts: list[int] = []
        try:
            for rec in csv.reader(lines, delimiter=delimiter):
                if any(f.strip() for f in rec):
                    counts.append(len(rec))
        except csv.Error:
            continue
        if not counts:
            continue
        modal = max(sorted(set(counts)), key=lambda c: (counts.count(c), c))
        if modal < 2:
            continue
        score = (counts.count(modal) / len(counts), modal, -rank)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _decode(data: bytes, encoding: str, file: str) -> str:
    enc = detect_encoding(data) if encoding == "auto" else encoding
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as exc:
        prefix = data[: exc.start].decode(enc, errors="replace")
        line = len(_LINE_BREAK.findall(prefix)) + 1
        hint = " (set 'encoding' in the mapping)" if encoding == "auto" else ""
        raise InputError(
            f"cannot decode as {enc} at byte {exc.start}: {exc.reason}{hint}", file=file, row=line
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


# ---- internal row model ----------------------------------------------------------------------


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
        return f"line {self.line}: {self.message}" if self.line else self.message


# ---- entry point -----------------------------------------------------------------------------


def read_list(
    path: Path, mapping: ListMapping | None = None, *, shown: str | None = None
) -> ListRead:
    """Read a list file (or a folder, with ``mapping.files``) into the template. See the module
    docstring for the guarantees."""
    path = Path(path)
    mapping = mapping or ListMapping.default()
    shown = shown or path.as_posix()
    if not path.exists():
        raise InputError("file not found", file=shown)
    targets = _resolve_files(path, mapping, shown)
    chunks: list[_Chunk] = []
    record_targets: list[tuple[Path, str]] = []
    for target, target_shown in targets:
        fmt = _format_for(target, mapping, target_shown)
        if fmt == "records":
            record_targets.append((target, target_shown))
            continue
        _check_file_size(target, target_shown)
        data = io.read_bytes(target, shown=target_shown)
        if fmt == "csv":
            chunks.append(_read_csv(data, target_shown, mapping))
        elif fmt == "xlsx":
            chunks.extend(_read_xlsx(data, target_shown, mapping))
        else:
            chunks.append(_read_json(data, target_shown, mapping, target.suffix.lower()))
    if record_targets:
        chunks.append(_read_records(record_targets, mapping, shown))
    result = _assemble(chunks, mapping, shown)
    log.info(
        "read %s: %d raw rows, %d kept, %d with problems",
        shown,
        result.raw_row_count,
        len(result.frame),
        result.problem_row_count,
    )
    return result


def _resolve_files(path: Path, mapping: ListMapping, shown: str) -> list[tuple[Path, str]]:
    if not path.is_dir():
        return [(path, shown)]
    if not mapping.files:
        raise InputError(
            "is a folder: the mapping must say which files to read ('files:')", file=shown
        )
    found: list[tuple[str, Path]] = []
    for p in path.glob(mapping.files):
        rel = p.relative_to(path).as_posix()
        link = next((q for q in [p, *p.parents] if q != path and path in q.parents
                     and q.is_symlink()), None)
        if link is not None:  # a symlink could reach outside the source folder (issue 12.3)
            raise InputError("symlink refused: a list reads only regular files inside its "
                             "folder", file=f"{shown}/{link.relative_to(path).as_posix()}")
        if not p.is_file():
            continue
        parts = rel.split("/")
        if any(part.startswith(".") for part in parts):
            continue
        if len(parts) == 1 and p.name in RESERVED_FILE_NAMES:
            continue
        if any(
            fnmatch.fnmatchcase(rel, pat) or fnmatch.fnmatchcase(p.name, pat)
            for pat in mapping.exclude
        ):
            continue
        found.append((rel, p))
    if not found:
        raise InputError(f"no files match {mapping.files!r}", file=shown)
    found.sort(key=lambda item: item[0])
    base = shown.rstrip("/")
    return [(p, f"{base}/{rel}") for rel, p in found]


def _format_for(path: Path, mapping: ListMapping, shown: str) -> str:
    if mapping.format:
        return mapping.format
    suffix = path.suffix.lower()
    if suffix in _EXTENSION_FORMATS:
        return _EXTENSION_FORMATS[suffix]
    if suffix in (".xls", ".ods"):
        raise InputError(
            f"{suffix} files are not supported: save the list as .xlsx or CSV", file=shown
        )
    raise InputError(
        f"cannot tell the format of a {suffix or 'suffix-less'} file: set 'format' in the mapping "
        f"({', '.join(FORMATS)})",
        file=shown,
    )


# ---- CSV -------------------------------------------------------------------------------------


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


def _read_csv(data: bytes, file: str, mapping: ListMapping) -> _Chunk:
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
        if len(header_parts) == mapping.header_rows:
            break
    if not header_parts:
        raise InputError("empty file: no header row", file=file)
    header = _combine_header(header_parts, fill_across=True, blank_name=lambda i: f"column_{i + 1}")
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
    _drop_empty_unnamed(chunk, {f"column_{i + 1}" for i in range(len(header))})
    return chunk


# Fast path for CSV without NUL or lone CR: the body is split column-wise by Arrow's CSV parser
# instead of row by row. A line without a quote character, or whose quoted fields are all
# well-formed ("..." with "" inside, between delimiters, no line break inside), is one record
# that csv.reader splits exactly as Arrow does. The other lines (a broken quote, a quoted line
# break, a line of blank quoted fields) go to csv.reader from there until a record ends before
# such a clean line again, so every line is read as the general reader reads it. Anything else
# takes the general reader above; both give the same rows, problems and line numbers. A UTF-8
# file is checked and split as bytes, never decoded into one Python string.
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
    # blank lines (only white space and delimiters): checked where the first byte allows
    lead = _SPACE_LEAD.copy()
    lead[delimiter.encode("utf-8")[0]] = True
    maybe = np.flatnonzero(lead[raw[starts]]) if len(starts) else starts
    if len(maybe):
        stripped = pc.utf8_trim(lines.take(pa.array(maybe)),
                                characters=_PY_WHITESPACE + delimiter)
        blank = maybe[pc.equal(pc.utf8_length(stripped), 0).to_numpy(zero_copy_only=False)]
        if len(blank):
            keep = np.ones(len(lines), dtype=bool)
            keep[blank] = False
            lines = lines.filter(pa.array(keep))
            number = number[keep]
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
        chunk.problems.sort(key=lambda p: p.row)
    elif chunk.problems and quoted:
        chunk.problems.sort(key=lambda p: p.row)
    chunk.columns = parsed
    chunk.lines = number


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


def _check_file_size(path: Path, shown: str) -> None:
    """Refuse a file over MAX_FILE_BYTES before reading it."""
    size = path.stat().st_size
    if size > limits.MAX_FILE_BYTES:
        raise InputError(f"file is {size:,} bytes, over the limit of "
                         f"{limits.MAX_FILE_BYTES // (1024 * 1024)} MiB per list file "
                         "(MAX_FILE_BYTES)", file=shown)


def _check_columns(count: int, file: str, row: int | None, sheet: str | None = None) -> None:
    if count > limits.MAX_COLUMNS:
        where = f"sheet {sheet!r} " if sheet else ""
        raise InputError(f"{where}has {count:,} columns, over the limit of "
                         f"{limits.MAX_COLUMNS:,} (MAX_COLUMNS)", file=file, row=row)


# ---- XLSX ------------------------------------------------------------------------------------

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


# ---- JSON ------------------------------------------------------------------------------------


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


# ---- records folders (YAML / JSON / Markdown front matter) -----------------------------------


def _read_records(targets: list[tuple[Path, str]], mapping: ListMapping, shown: str) -> _Chunk:
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


# ---- mapping onto the template ---------------------------------------------------------------


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


# ---- small helpers ---------------------------------------------------------------------------


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, (list, tuple)):
        return "list"
    if isinstance(value, Mapping):
        return "mapping"
    return type(value).__name__


def _preview(text: str) -> str:
    text = text.replace("\x00", "\u2400")
    return text if len(text) <= _PREVIEW_CHARS else text[: _PREVIEW_CHARS - 1] + "…"


def _yaml_line(exc: yaml.YAMLError) -> int | None:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line + 1 if mark is not None else None


def _yaml_problem(exc: yaml.YAMLError) -> str:
    return str(getattr(exc, "problem", None) or exc).split("\n")[0]


def _key_lines(node: yaml.Node | None, file: str) -> dict[str, int]:
    """Line of each top-level key (and 'columns.<key>'); a duplicate key is an error."""
    lines: dict[str, int] = {}
    if not isinstance(node, yaml.MappingNode):
        return lines

    def visit(mapping_node: yaml.MappingNode, prefix: str) -> None:
        for key_node, value_node in mapping_node.value:
            key = f"{prefix}{key_node.value}"
            line = key_node.start_mark.line + 1
            if key in lines:
                raise InputError("duplicate key in mapping", file=file, row=line, field=key)
            lines[key] = line
            if key == "columns" and isinstance(value_node, yaml.MappingNode):
                visit(value_node, "columns.")

    visit(node, "")
    return lines
