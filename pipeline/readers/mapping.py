"""``mapping.yaml``: how one list is read and how its columns map onto the template
(:class:`ListMapping`), loaded with the line of the key at fault in errors
(:func:`load_mapping`)."""

from __future__ import annotations

import codecs
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pipeline import io
from pipeline.errors import InputError
from pipeline.readers.helpers import _kind, _yaml_line, _yaml_problem
from pipeline.schemas.inputs import TEMPLATE_COLUMNS

FORMATS: tuple[str, ...] = ("csv", "xlsx", "json", "records")
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
        """The mapping a parsed ``mapping.yaml`` describes; an unknown key or a bad value raises
        InputError naming the key (``origin`` is the file, for messages)."""
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
        """``columns`` as a dict: template column -> source column."""
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
